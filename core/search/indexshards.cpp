#include "indexshards.h"

namespace tsg {

int IndexShards::of(QStringView tsgName)
{
    quint32 hash = 2166136261u;
    for (const char byte : tsgName.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return int(hash % kCount);
}

QString IndexShards::file(const QString &firstFile, int shard)
{
    if (shard == 0)
        return firstFile;
    const QLatin1String suffix(".sqlite");
    const QString stem = firstFile.endsWith(suffix) ? firstFile.chopped(suffix.size()) : firstFile;
    return QStringLiteral("%1-%2%3").arg(stem).arg(shard).arg(suffix);
}

QStringList IndexShards::files(const QString &firstFile)
{
    QStringList all;
    for (int shard = 0; shard < kCount; ++shard)
        all << file(firstFile, shard);
    return all;
}

} // namespace tsg
