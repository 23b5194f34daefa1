// Where the lines of recently read text files start, kept per file identity, so that reading lines near the end
// of a large log (tsg:read-file {line, lines}) and its total line count need not scan the whole file each time.
// Bounded in entries and bytes (least recently used out first) and safe to use from several threads at once.
#pragma once

#include "lineindex.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <list>
#include <optional>

namespace tsg {

// What makes one version of a file: an entry answers only a file whose identity is equal in every field, so a
// file rewritten in place (new mtime or ctime), appended to (new size) or replaced by a rename (new inode) is
// never answered from an older version's entry.
struct FileIdentity {
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;    // also changes when a writer puts the old mtime back (touch -r, cp -p, rsync -t)
    QString encoding = {}; // as LineIndex::encoding
    friend bool operator==(const FileIdentity &, const FileIdentity &) = default;
};

class LineIndexCache {
public:
    struct Limits {
        int maxEntries = 64;       // at least 1
        qint64 maxBytes = 4 << 20; // the offsets and the entries' bookkeeping, estimated
    };
    LineIndexCache();
    explicit LineIndexCache(const Limits &limits);
    LineIndexCache(const LineIndexCache &) = delete;
    LineIndexCache &operator=(const LineIndexCache &) = delete;

    // The index stored for exactly this version of the file (and marks it most recently used), else nullopt;
    // an entry for an older version of the same file (device and inode) is dropped.
    std::optional<LineIndex> find(const FileIdentity &file);
    // Stores the index of this version of the file, replacing one of an older version. An index that would take
    // more than a quarter of maxBytes keeps every second offset (doubling `every`) until it fits. Then the least
    // recently used entries go until both limits hold.
    void insert(const FileIdentity &file, LineIndex index);
    void clear();

    struct Stats {
        int entries = 0;
        qint64 bytes = 0; // as counted against maxBytes
        quint64 hits = 0; // find() calls answered
        quint64 misses = 0;
    };
    Stats stats() const;
    Limits limits() const { return m_limits; }

    // What one index is counted as against maxBytes.
    static qint64 costOf(const FileIdentity &file, const LineIndex &index);

private:
    struct Entry {
        FileIdentity file;
        LineIndex index;
        qint64 cost = 0;
    };
    using Key = std::pair<quint64, quint64>;         // device, inode
    void eraseLocked(std::list<Entry>::iterator it); // with m_mutex held

    const Limits m_limits;
    mutable QMutex m_mutex;     // guards everything below
    std::list<Entry> m_entries; // most recently used first
    QHash<Key, std::list<Entry>::iterator> m_byFile;
    qint64 m_bytes = 0;
    quint64 m_hits = 0;
    quint64 m_misses = 0;
};

} // namespace tsg
