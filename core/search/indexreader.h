// Answers searches from the index through a read-only connection of its own (WAL mode), so that searches run
// while the writer indexes. Ranks a query's matches (TSG names, tags and descriptions, then paths, then text) and
// turns the page asked for into hits with line or page numbers and [[marked]] snippets, cut from the files on disk
// for text (the index keeps no copy of it).
#pragma once

#include "queryparser.h"
#include "result.h"
#include "searchtypes.h"

#include <QString>

class QSqlDatabase;

namespace tsg {

class IndexReader {
public:
    static constexpr int kMaxLimit = 500;
    static constexpr int kSnippetChars = 200;
    // Matches ranked per kind (TSGs, paths, text): the first this many in index order, newest first. A query that
    // matches more reports SearchResult::totalExact false.
    static constexpr int kMaxRanked = 1000;

    // `tsgsDir` is the data folder's tsgs/, where snippets are read; `indexFile` the SQLite file.
    IndexReader(QString tsgsDir, QString indexFile);

    // Blocking disk work: call it from a worker thread, never the GUI or a server thread. Any thread may call it
    // (each call opens its own connection). Errors: Invalid for a malformed query, limit or cursor (never SQL
    // text); Io when the index cannot be read. A missing index (being rebuilt) gives no hits.
    Result<SearchResult> search(const SearchRequest &request) const;

private:
    Result<SearchResult> search(QSqlDatabase &db, const SearchRequest &request, const QueryParser::Parsed &parsed,
                                qint64 offset) const;

    const QString m_tsgsDir;
    const QString m_indexFile;
};

} // namespace tsg
