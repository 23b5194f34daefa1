// The values that go in and out of a search: the request with its filters, one hit, a page of hits, and the
// progress of an index build. Plain structs, shared by the index's reader, its facade and (later) the protocol.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tsg {

struct SearchRequest {
    QString query = {};     // words, "exact phrases", prefix*, tag:vpn
    QString tsgName = {};   // only this TSG when not empty (its stored name)
    QStringList tags = {};  // only TSGs that have every one of these tags (case-insensitive)
    QStringList types = {}; // only files of these types (markdown, text, log, json, yaml, pdf, image, unknown);
                            // name, tag and description hits are left out when given
    int limit = 50;         // 1..500
    QString cursor = {};    // from the previous page's SearchResult::cursor
};

struct SearchHit {
    QString tsgName;
    QString path;            // relative to the TSG folder; empty for name, tag and description hits
    QString kind;            // "name", "tag", "description", "file" or "text"
    std::optional<int> line; // 1-based, for hits in the text of markdown, text and log files
    std::optional<int> page; // 1-based, for hits in PDFs
    QString snippet;         // the matched text with each match marked [[like this]]
    double score = 0;        // higher is better; name, tag and description hits always score above text hits
};

struct IndexProgress {
    bool indexing = false; // a build or a reconcile is running
    int done = 0;          // files read so far
    int total = 0;         // files to read
};

struct SearchResult {
    QList<SearchHit> hits;
    int total = 0;          // hits of the whole query, all pages (at most IndexReader::kMaxRanked per kind)
    bool totalExact = true; // false: the query matched more than could be ranked, and `total` is a lower bound
    QString cursor;         // empty on the last page
    IndexProgress progress; // indexing: the hits may be incomplete
};

} // namespace tsg
