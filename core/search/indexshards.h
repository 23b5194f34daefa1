// The index is split by TSG over kCount SQLite files, each written by a thread of its own, so that a build uses
// both cores (one FTS5 writer is bound to one core). This says which file holds a TSG's rows.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace tsg {

class IndexShards {
public:
    static constexpr int kCount = 2;

    // The shard (0 .. kCount - 1) that holds the rows of the TSG with this stored name. A hash of its UTF-8 bytes
    // that no Qt version changes (FNV-1a), so that an index file written by one build is read by the next.
    static int of(QStringView tsgName);
    // Shard 0 is `firstFile` itself (index.sqlite); shard k is index-k.sqlite beside it.
    static QString file(const QString &firstFile, int shard);
    static QStringList files(const QString &firstFile);
};

} // namespace tsg
