#include "sessionstore.h"

#include "filetypes.h"
#include "logging.h"
#include "namerules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace tsg {

namespace {

const QString kSessionFile = QStringLiteral(".session.json");
const QString kFilesDir = QStringLiteral("files");

QDateTime parseIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

// The longest start of `s` that is at most `maxBytes` long in UTF-8, never cutting a character in two.
QString leftUtf8(const QString &s, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const char32_t c = s.at(i).unicode();
        const bool pair = QChar::isHighSurrogate(c) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate();
        const qsizetype width = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (bytes + width > maxBytes)
            break;
        bytes += width;
        i += pair ? 2 : 1;
    }
    return s.left(i);
}

// "report.log" -> "report (2).log", "report (3).log", … until the name (case-folded) is free. The stem is cut
// where the suffix would make the name longer than a file system takes (a 255-byte name stays 255 bytes).
QString uniqueName(const QString &name, const QSet<QString> &takenKeys)
{
    if (!takenKeys.contains(NameRules::foldKey(name)))
        return name;
    const qsizetype dot = name.lastIndexOf(u'.');
    // An extension too long to keep beside a number is treated as part of the stem.
    const bool keepExt = dot > 0 && name.mid(dot).toUtf8().size() <= NameRules::kMaxNameBytes / 2;
    const QString stem = keepExt ? name.left(dot) : name;
    const QString ext = keepExt ? name.mid(dot) : QString();
    for (int n = 2;; ++n) {
        const QString suffix = QStringLiteral(" (%1)%2").arg(n).arg(ext);
        const QString candidate = leftUtf8(stem, NameRules::kMaxNameBytes - suffix.toUtf8().size()) + suffix;
        if (!takenKeys.contains(NameRules::foldKey(candidate)))
            return candidate;
    }
}

} // namespace

SessionStore::SessionStore(const DataFolder &folder) : m_folder(folder) {}

namespace {

struct SessionDirs {
    SafeDir session;
    std::optional<SafeDir> files; // always there when opened to write; a reader never creates it
};

Result<SessionDirs> openSession(const DataFolder &folder, const QString &id, bool create)
{
    if (const auto valid = NameRules::sessionId(id); !valid.ok())
        return valid.error();
    auto root = SafeDir::openRoot(folder.sessionsDir());
    if (!root.ok())
        return root.error();
    if (!create && !root.value().exists(id))
        return Error::notFound(QStringLiteral("Session '%1' not found").arg(id));
    auto session = root.value().subdir(id, create);
    if (!session.ok())
        return session.error();
    if (!create && !session.value().exists(kFilesDir)) // a session folder made by hand, or half removed
        return SessionDirs{std::move(session).value(), std::nullopt};
    auto files = session.value().subdir(kFilesDir, true);
    if (!files.ok())
        return files.error();
    return SessionDirs{std::move(session).value(), std::move(files).value()};
}

Result<QList<SessionFile>> listFiles(const SafeDir &files)
{
    auto names = files.entries();
    if (!names.ok())
        return names.error();
    QStringList sorted = names.value();
    std::sort(sorted.begin(), sorted.end());
    QList<SessionFile> out;
    for (const QString &name : std::as_const(sorted)) {
        const auto st = files.stat(name);
        if (name.startsWith(u'.') || !st.ok() || !st.value() || !S_ISREG(st.value()->st_mode))
            continue;
        out.append({name, files.path() + u'/' + name, qint64(st.value()->st_size), FileTypes::typeOf(name),
                    QDateTime::fromSecsSinceEpoch(st.value()->st_mtim.tv_sec, Qt::UTC)});
    }
    return out;
}

Result<SessionInfo> readInfo(const QString &id, const SessionDirs &dirs)
{
    SessionInfo info;
    info.id = id;
    const auto bytes = dirs.session.readFile(kSessionFile);
    const QJsonObject o = bytes.ok() ? QJsonDocument::fromJson(bytes.value()).object() : QJsonObject();
    const QJsonObject meta = o.value(u"sessionMetadata").toObject();
    info.createdAt = parseIso(meta.value(u"createdAt"));
    info.lastActivity = parseIso(meta.value(u"lastActivity"));
    info.fileUploadCount = meta.value(u"fileUploadCount").toInt();
    if (o.value(u"activeTSG").isString())
        info.activeTsg = o.value(u"activeTSG").toString();
    if (!info.createdAt.isValid() || !info.lastActivity.isValid()) {
        const auto st = dirs.session.stat(kFilesDir);
        const QDateTime t = st.ok() && st.value() ? QDateTime::fromSecsSinceEpoch(st.value()->st_mtim.tv_sec, Qt::UTC)
                                                  : QDateTime::currentDateTimeUtc();
        if (!info.createdAt.isValid())
            info.createdAt = t;
        if (!info.lastActivity.isValid())
            info.lastActivity = t;
    }
    const auto files = dirs.files ? listFiles(*dirs.files) : Result<QList<SessionFile>>(QList<SessionFile>());
    if (!files.ok())
        return files.error();
    for (const SessionFile &f : files.value()) {
        ++info.fileCount;
        info.size += f.size;
        info.uploadedFiles << f.name;
    }
    return info;
}

Status writeInfo(const SessionDirs &dirs, const SessionInfo &info)
{
    QJsonObject o;
    if (const auto bytes = dirs.session.readFile(kSessionFile); bytes.ok())
        o = QJsonDocument::fromJson(bytes.value()).object();
    o.insert(QStringLiteral("sessionId"), info.id);
    o.insert(QStringLiteral("activeTSG"), info.activeTsg ? QJsonValue(*info.activeTsg) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("uploadedFiles"), QJsonArray::fromStringList(info.uploadedFiles));
    o.insert(QStringLiteral("sessionMetadata"),
             QJsonObject{{QStringLiteral("createdAt"), info.createdAt.toString(Qt::ISODateWithMs)},
                         {QStringLiteral("lastActivity"), info.lastActivity.toString(Qt::ISODateWithMs)},
                         {QStringLiteral("fileUploadCount"), info.fileUploadCount}});
    return dirs.session.writeFileAtomic(kSessionFile, QJsonDocument(o).toJson());
}

} // namespace

Result<QList<SessionInfo>> SessionStore::list() const
{
    auto root = SafeDir::openRoot(m_folder.sessionsDir());
    if (!root.ok())
        return root.error();
    const auto names = root.value().entries();
    if (!names.ok())
        return names.error();
    QList<SessionInfo> out;
    for (const QString &id : names.value()) {
        if (!NameRules::sessionId(id).ok())
            continue;
        if (auto info = this->info(id); info.ok())
            out << info.value();
    }
    std::sort(out.begin(), out.end(),
              [](const SessionInfo &a, const SessionInfo &b) { return a.lastActivity > b.lastActivity; });
    return out;
}

Result<SessionInfo> SessionStore::info(const QString &sessionId) const
{
    QMutexLocker lock(&m_mutex);
    const auto dirs = openSession(m_folder, sessionId, false);
    if (!dirs.ok())
        return dirs.error();
    return readInfo(sessionId, dirs.value());
}

Result<QList<SessionFile>> SessionStore::files(const QString &sessionId) const
{
    QMutexLocker lock(&m_mutex);
    const auto dirs = openSession(m_folder, sessionId, false);
    if (!dirs.ok())
        return dirs.error();
    return dirs.value().files ? listFiles(*dirs.value().files) : Result<QList<SessionFile>>(QList<SessionFile>());
}

Result<FileAt> SessionStore::fileAt(const QString &sessionId, const QString &fileName) const
{
    if (const auto valid = NameRules::sessionId(sessionId); !valid.ok())
        return valid.error();
    const auto name = NameRules::sessionFileName(fileName);
    if (!name.ok())
        return name.error();
    const QString where = QStringLiteral("session '%1'").arg(sessionId);
    auto sessions = SafeDir::openRoot(m_folder.sessionsDir());
    if (!sessions.ok())
        return sessions.error();
    auto files = sessions.value().subpath(sessionId + QStringLiteral("/files"));
    if (!files.ok())
        return Error::notFound(QStringLiteral("File '%1' not found in %2").arg(name.value(), where));
    return FileAt{.dir = std::move(files).value(), .path = name.value(), .where = where};
}

int SessionStore::fileCount(const QString &sessionId) const
{
    const auto f = files(sessionId);
    return f.ok() ? int(f.value().size()) : 0;
}

Result<SessionInfo> SessionStore::update(const QString &sessionId, const std::function<void(SessionInfo &)> &change)
{
    QMutexLocker lock(&m_mutex);
    const auto dirs = openSession(m_folder, sessionId, true);
    if (!dirs.ok())
        return dirs.error();
    auto info = readInfo(sessionId, dirs.value());
    if (!info.ok())
        return info;
    change(info.value());
    info.value().lastActivity = QDateTime::currentDateTimeUtc();
    if (const auto s = writeInfo(dirs.value(), info.value()); !s.ok())
        return s.error();
    return info;
}

Result<SessionInfo> SessionStore::touch(const QString &sessionId)
{
    return update(sessionId, [](SessionInfo &) {});
}

Status SessionStore::setActiveTsg(const QString &sessionId, const std::optional<QString> &tsg)
{
    const auto updated = update(sessionId, [&tsg](SessionInfo &info) { info.activeTsg = tsg; });
    return updated.ok() ? Status() : Status(updated.error());
}

Result<QList<SessionFile>> SessionStore::commit(const QString &sessionId, StagedBatch &batch)
{
    // The bytes are on disk before any name appears in the session (outside the lock: it takes a while).
    if (const auto s = batch.syncFiles(); !s.ok())
        return s.error();
    QList<SessionFile> stored;
    {
        QMutexLocker lock(&m_mutex);
        auto root = SafeDir::openRoot(m_folder.sessionsDir());
        if (!root.ok())
            return root.error();
        const bool isNew = !root.value().exists(sessionId);
        const auto dirs = openSession(m_folder, sessionId, true);
        if (!dirs.ok())
            return dirs.error();
        const auto existing = dirs.value().files->entries();
        if (!existing.ok())
            return existing.error();
        QSet<QString> taken;
        for (const QString &n : existing.value())
            taken.insert(NameRules::foldKey(n));
        std::vector<std::pair<QString, QString>> moved; // (name in the session, staged name)
        Status done;
        for (const StagedFile &f : batch.files()) {
            const QString name = uniqueName(f.targetPath, taken);
            done = batch.folder().rename(f.stagedName, *dirs.value().files, name, true);
            if (!done.ok())
                break;
            moved.emplace_back(name, f.stagedName);
            taken.insert(NameRules::foldKey(name));
            stored.append({name, dirs.value().files->path() + u'/' + name, f.size, FileTypes::typeOf(name),
                           QDateTime::currentDateTimeUtc()});
        }
        // Durable before success: the new names, and the session itself when it is new.
        for (const SafeDir *dir :
             std::initializer_list<const SafeDir *>{&*dirs.value().files, &dirs.value().session, &root.value()})
            if (done.ok())
                done = dir->sync();
        if (!done.ok()) { // all or nothing: what moved goes back to staging
            QStringList problems;
            for (auto it = moved.rbegin(); it != moved.rend(); ++it)
                if (const auto s = dirs.value().files->rename(it->first, batch.folder(), it->second, true); !s.ok())
                    problems << s.error().message;
            if (isNew && problems.isEmpty())
                (void)removeLocked(sessionId);
            if (!problems.isEmpty()) {
                qCWarning(lcSession) << "a failed commit to session" << sessionId << "could not be undone:" << problems;
                return Error::io(QStringLiteral("%1; undoing the files stored so far failed too: %2")
                                     .arg(done.error().message, problems.join(QStringLiteral("; "))));
            }
            return done.error();
        }
        auto info = readInfo(sessionId, dirs.value());
        if (info.ok()) {
            info.value().fileUploadCount += int(stored.size());
            info.value().lastActivity = QDateTime::currentDateTimeUtc();
            if (const auto s = writeInfo(dirs.value(), info.value()); !s.ok())
                qCWarning(lcSession) << "could not update session" << sessionId << s.error().message;
            else if (const auto synced = dirs.value().session.sync(); !synced.ok())
                qCWarning(lcSession) << "could not sync session" << sessionId << synced.error().message;
        }
    }
    batch.finish();
    qCInfo(lcSession) << "stored" << stored.size() << "files in session" << sessionId;
    return stored;
}

Result<qint64> SessionStore::remove(const QString &sessionId)
{
    if (const auto valid = NameRules::sessionId(sessionId); !valid.ok())
        return valid.error();
    QMutexLocker lock(&m_mutex);
    return removeLocked(sessionId);
}

Result<qint64> SessionStore::removeLocked(const QString &sessionId)
{
    auto root = SafeDir::openRoot(m_folder.sessionsDir());
    if (!root.ok())
        return root.error();
    if (!root.value().exists(sessionId))
        return Error::notFound(QStringLiteral("Session '%1' not found").arg(sessionId));
    return root.value().removeTree(sessionId);
}

Result<SessionStore::Removed> SessionStore::removeIdleSince(const QDateTime &cutoff, const QSet<QString> &inUse)
{
    const auto all = list();
    if (!all.ok())
        return all.error();
    Removed removed;
    for (const SessionInfo &s : all.value()) {
        if (s.lastActivity >= cutoff || inUse.contains(s.id))
            continue;
        // Look again under the lock: the session may have been used since list() read it.
        QMutexLocker lock(&m_mutex);
        const auto dirs = openSession(m_folder, s.id, false);
        if (!dirs.ok())
            continue; // removed by someone else meanwhile
        const auto now = readInfo(s.id, dirs.value());
        if (now.ok() && now.value().lastActivity >= cutoff)
            continue;
        const auto freed = removeLocked(s.id);
        if (!freed.ok())
            return freed.error();
        removed.ids << s.id;
        removed.bytes += freed.value();
    }
    return removed;
}

} // namespace tsg
