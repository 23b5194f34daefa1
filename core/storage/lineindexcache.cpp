#include "lineindexcache.h"

#include <algorithm>
#include <climits>

namespace tsg {

LineIndexCache::LineIndexCache() : LineIndexCache(Limits{}) {}

LineIndexCache::LineIndexCache(const Limits &limits)
    : m_limits{.maxEntries = std::max(1, limits.maxEntries), .maxBytes = std::max<qint64>(0, limits.maxBytes)}
{}

qint64 LineIndexCache::costOf(const FileIdentity &file, const LineIndex &index)
{
    return qint64(sizeof(Entry)) + 64 // the list node and the hash node
        + index.offsets.size() * qint64(sizeof(qint64))
        + (file.encoding.size() + index.encoding.size()) * qint64(sizeof(QChar));
}

std::optional<LineIndex> LineIndexCache::find(const FileIdentity &file)
{
    QMutexLocker lock(&m_mutex);
    const auto at = m_byFile.constFind(Key{file.device, file.inode});
    if (at == m_byFile.cend()) {
        ++m_misses;
        return std::nullopt;
    }
    const auto it = at.value();
    if (!(it->file == file)) {
        eraseLocked(it); // an older version of this file: it can never be asked for again
        ++m_misses;
        return std::nullopt;
    }
    m_entries.splice(m_entries.begin(), m_entries, it);
    ++m_hits;
    return it->index; // shares the offsets (implicitly shared), no copy
}

void LineIndexCache::insert(const FileIdentity &file, LineIndex index)
{
    while (costOf(file, index) > m_limits.maxBytes / 4 && index.offsets.size() > 1 && index.every <= INT_MAX / 2) {
        QList<qint64> thinned;
        thinned.reserve((index.offsets.size() + 1) / 2);
        for (qsizetype k = 0; k < index.offsets.size(); k += 2)
            thinned.append(index.offsets.at(k));
        index.offsets = std::move(thinned);
        index.every *= 2;
    }
    index.offsets.squeeze();
    const qint64 cost = costOf(file, index);
    if (cost > m_limits.maxBytes)
        return;

    QMutexLocker lock(&m_mutex);
    if (const auto at = m_byFile.constFind(Key{file.device, file.inode}); at != m_byFile.cend())
        eraseLocked(at.value());
    m_entries.push_front(Entry{.file = file, .index = std::move(index), .cost = cost});
    m_byFile.insert(Key{file.device, file.inode}, m_entries.begin());
    m_bytes += cost;
    while (int(m_entries.size()) > m_limits.maxEntries || m_bytes > m_limits.maxBytes)
        eraseLocked(std::prev(m_entries.end()));
}

void LineIndexCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_byFile.clear();
    m_bytes = 0;
    m_hits = 0;
    m_misses = 0;
}

LineIndexCache::Stats LineIndexCache::stats() const
{
    QMutexLocker lock(&m_mutex);
    return {.entries = int(m_entries.size()), .bytes = m_bytes, .hits = m_hits, .misses = m_misses};
}

void LineIndexCache::eraseLocked(std::list<Entry>::iterator it)
{
    m_bytes -= it->cost;
    m_byFile.remove(Key{it->file.device, it->file.inode});
    m_entries.erase(it);
}

} // namespace tsg
