// Answers searches from the index through read-only connections of its own (WAL mode), one per shard, each on a
// thread of its own for the search's length, so that searches run while the writers index and shards are searched
// in parallel. Ranks a query's matches (TSG names, tags and descriptions, then paths, then
// text) and turns the page asked for into hits with line or page numbers and [[marked]] snippets, cut from the files on
// disk for text (the index keeps no copy of it).
#pragma once

#include "result.h"
#include "searchtypes.h"

#include <QString>
#include <QStringList>

namespace tsg {

class IndexReader {
public:
    static constexpr int kMaxLimit = 500;
    static constexpr int kSnippetChars = 200;
    // Matches ranked per kind (TSGs, paths, text): the first this many in index order, newest first, shared
    // equally by the shards (all of it for the one shard of a search limited to a TSG). A query that matches more
    // reports SearchResult::totalExact false.
    static constexpr int kMaxRanked = 1000;

    // `tsgsDir` is the data folder's tsgs/, where snippets are read; `indexFiles` the shards' SQLite files, in
    // shard order (IndexShards::files).
    IndexReader(QString tsgsDir, QStringList indexFiles);

    // Blocking disk work: call it from a worker thread, never the GUI or a server thread. Any thread may call it
    // (each call opens its own connections, on threads it starts and joins). Errors: Invalid for a malformed query,
    // limit or cursor (never SQL text); Io when the index cannot be read. A missing index (being rebuilt) gives no
    // hits.
    Result<SearchResult> search(const SearchRequest &request) const;

private:
    const QString m_tsgsDir;
    const QStringList m_indexFiles;
};

} // namespace tsg
