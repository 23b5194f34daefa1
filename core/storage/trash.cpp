#include "trash.h"

#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace tsg {

namespace {

const QString kEntryFile = QStringLiteral("entry.json");
const QString kContent = QStringLiteral("content");

QString newId()
{
    return QStringLiteral("%1-%2")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz")))
        .arg(QRandomGenerator::system()->generate(), 8, 16, QChar(u'0'));
}

QJsonObject toJson(const TrashEntry &e)
{
    return {{QStringLiteral("id"), e.id},
            {QStringLiteral("kind"), e.kind == TrashEntry::Kind::Tsg ? QStringLiteral("tsg") : QStringLiteral("file")},
            {QStringLiteral("tsgName"), e.tsgName},
            {QStringLiteral("path"), e.path},
            {QStringLiteral("cause"),
             e.cause == TrashEntry::Cause::Replaced ? QStringLiteral("replaced") : QStringLiteral("deleted")},
            {QStringLiteral("folder"), e.folder},
            {QStringLiteral("deletedAt"), e.deletedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("size"), double(e.size)},
            {QStringLiteral("fileCount"), e.fileCount}};
}

TrashEntry fromJson(const QJsonObject &o)
{
    TrashEntry e;
    e.id = o.value(u"id").toString();
    e.kind = o.value(u"kind").toString() == u"file" ? TrashEntry::Kind::File : TrashEntry::Kind::Tsg;
    e.tsgName = o.value(u"tsgName").toString();
    e.path = o.value(u"path").toString();
    e.cause = o.value(u"cause").toString() == u"replaced" ? TrashEntry::Cause::Replaced : TrashEntry::Cause::Deleted;
    e.folder = o.value(u"folder").toBool();
    e.deletedAt = QDateTime::fromString(o.value(u"deletedAt").toString(), Qt::ISODateWithMs);
    e.size = qint64(o.value(u"size").toDouble());
    e.fileCount = o.value(u"fileCount").toInt();
    return e;
}

} // namespace

Trash::Trash(const DataFolder &folder) : m_folder(folder) {}

Result<TrashEntry> Trash::put(const SafeDir &from, const QString &name, TrashEntry::Kind kind, const QString &tsgName,
                              const QString &path, TrashEntry::Cause cause)
{
    QMutexLocker lock(&m_mutex);
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    TrashEntry entry;
    entry.id = newId();
    entry.kind = kind;
    entry.tsgName = tsgName;
    entry.path = path;
    entry.cause = cause;
    entry.deletedAt = QDateTime::currentDateTimeUtc();
    const auto st = from.stat(name);
    if (!st.ok())
        return st.error();
    if (!st.value())
        return Error::notFound(QStringLiteral("%1 does not exist").arg(from.path() + u'/' + name));
    if (S_ISDIR(st.value()->st_mode)) {
        entry.folder = kind == TrashEntry::Kind::File;
        if (auto dir = from.subdir(name); dir.ok()) {
            // Counted as the TSG listing counts: without its hidden metadata.
            if (const auto usage = dir.value().usage(SafeDir::Hidden::Skip); usage.ok()) {
                entry.size = usage.value().bytes;
                entry.fileCount = usage.value().files;
            }
        }
    } else {
        entry.size = st.value()->st_size;
        entry.fileCount = 1;
    }
    auto dir = root.value().subdir(entry.id, true);
    if (!dir.ok())
        return dir.error();
    if (const auto w = dir.value().writeFileAtomic(kEntryFile, QJsonDocument(toJson(entry)).toJson()); !w.ok()) {
        (void)root.value().removeTree(entry.id);
        return w.error();
    }
    if (const auto moved = from.rename(name, dir.value(), kContent); !moved.ok()) {
        (void)root.value().removeTree(entry.id);
        return moved.error();
    }
    qCInfo(lcStore) << "moved to trash:" << tsgName << path << "as" << entry.id;
    return entry;
}

Status Trash::takeBack(const QString &id, const SafeDir &to, const QString &toName)
{
    QMutexLocker lock(&m_mutex);
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(id);
    if (!dir.ok())
        return Error::notFound(QStringLiteral("Trash entry '%1' not found").arg(id));
    if (const auto moved = dir.value().rename(kContent, to, toName, true); !moved.ok())
        return moved;
    if (const auto removed = root.value().removeTree(id); !removed.ok())
        qCWarning(lcStore) << "restored, but could not remove trash entry" << id << removed.error().message;
    return {};
}

Status Trash::sync(const QString &id) const
{
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    if (id.isEmpty())
        return root.value().sync();
    const auto dir = root.value().subdir(id);
    if (!dir.ok())
        return dir.error();
    return dir.value().sync();
}

Result<TrashEntry> Trash::entry(const QString &id) const
{
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(id);
    if (!dir.ok())
        return Error::notFound(QStringLiteral("Trash entry '%1' not found").arg(id));
    const auto bytes = dir.value().readFile(kEntryFile);
    if (!bytes.ok())
        return bytes.error();
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value());
    if (!doc.isObject())
        return Error::io(QStringLiteral("Trash entry '%1' is damaged").arg(id));
    TrashEntry e = fromJson(doc.object());
    e.id = id;
    return e;
}

Result<QStringList> Trash::entryIds() const
{
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    return root.value().entries();
}

Result<QList<TrashEntry>> Trash::list() const
{
    QMutexLocker lock(&m_mutex);
    const auto names = entryIds();
    if (!names.ok())
        return names.error();
    QList<TrashEntry> entries;
    for (const QString &id : names.value()) {
        if (auto e = entry(id); e.ok())
            entries << e.value();
    }
    std::sort(entries.begin(), entries.end(),
              [](const TrashEntry &a, const TrashEntry &b) { return a.deletedAt > b.deletedAt; });
    return entries;
}

Result<Trash::Purged> Trash::purgeOlderThan(const QDateTime &cutoff)
{
    QMutexLocker lock(&m_mutex);
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    const auto names = entryIds();
    if (!names.ok())
        return names.error();
    Purged purged;
    for (const QString &id : names.value()) {
        const auto e = entry(id);
        // A damaged entry (no entry.json) is judged by the folder's own age.
        QDateTime deletedAt;
        if (e.ok()) {
            deletedAt = e.value().deletedAt;
        } else if (const auto st = root.value().stat(id); st.ok() && st.value()) {
            deletedAt = QDateTime::fromSecsSinceEpoch(st.value()->st_mtim.tv_sec, Qt::UTC);
        }
        if (!deletedAt.isValid() || deletedAt >= cutoff)
            continue;
        const auto freed = root.value().removeTree(id);
        if (!freed.ok())
            return freed.error();
        ++purged.entries;
        purged.bytes += freed.value();
    }
    return purged;
}

Result<Trash::Purged> Trash::purge(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    const auto names = entryIds();
    if (!names.ok())
        return names.error();
    if (!names.value().contains(id))
        return Error::notFound(QStringLiteral("Trash entry '%1' not found").arg(id));
    const auto freed = root.value().removeTree(id);
    if (!freed.ok())
        return freed.error();
    return Purged{.entries = 1, .bytes = freed.value()};
}

Result<Trash::Purged> Trash::purgeAll()
{
    QMutexLocker lock(&m_mutex);
    auto root = SafeDir::openRoot(m_folder.trashDir());
    if (!root.ok())
        return root.error();
    const auto names = entryIds();
    if (!names.ok())
        return names.error();
    Purged purged;
    for (const QString &id : names.value()) {
        const auto freed = root.value().removeTree(id);
        if (!freed.ok())
            return freed.error();
        ++purged.entries;
        purged.bytes += freed.value();
    }
    return purged;
}

} // namespace tsg
