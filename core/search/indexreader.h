// Answers searches from the index through a read-only connection of its own (WAL mode), so that searches run
// while the writer indexes; turns FTS5 rows into hits with line or page numbers and [[marked]] snippets.
#pragma once

#include "result.h"
#include "searchtypes.h"

#include <QString>

namespace tsg {

class IndexReader {
public:
    static constexpr int kMaxLimit = 500;
    static constexpr int kSnippetChars = 200;

    explicit IndexReader(QString indexFile);

    // Blocking disk work: call it from a worker thread, never the GUI or a server thread. Any thread may call it
    // (each call opens its own connection). Errors: Invalid for a malformed query, limit or cursor (never SQL
    // text); Io when the index cannot be read. A missing index (being rebuilt) gives no hits.
    Result<SearchResult> search(const SearchRequest &request) const;

private:
    const QString m_indexFile;
};

} // namespace tsg
