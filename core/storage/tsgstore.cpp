#include "tsgstore.h"

#include "filetypes.h"
#include "logging.h"
#include "namerules.h"
#include "trash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tsg {

namespace {

const QString kMetadata = QStringLiteral(".metadata.json");
const QString kChecksums = QStringLiteral(".checksums.json");

struct WalkItem {
    QString path;
    QString name;
    bool isDir = false;
    qint64 size = 0;
    qint64 mtimeMs = 0;
};

qint64 mtimeMsOf(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

// Pre-order walk, entries sorted by name, hidden entries and symlinks skipped (never followed).
Status walk(const SafeDir &dir, const QString &prefix, QList<WalkItem> &out)
{
    auto names = dir.entries();
    if (!names.ok())
        return names.error();
    QStringList sorted = names.value();
    std::sort(sorted.begin(), sorted.end());
    for (const QString &name : std::as_const(sorted)) {
        if (name.startsWith(u'.'))
            continue;
        const auto st = dir.stat(name);
        if (!st.ok() || !st.value())
            continue;
        const QString path = prefix.isEmpty() ? name : prefix + u'/' + name;
        if (S_ISDIR(st.value()->st_mode)) {
            out.append({path, name, true, 0, mtimeMsOf(*st.value())});
            auto sub = dir.subdir(name);
            if (!sub.ok())
                continue; // swapped for a link meanwhile: skipped, never followed
            if (const auto s = walk(sub.value(), path, out); !s.ok())
                return s;
        } else if (S_ISREG(st.value()->st_mode)) {
            out.append({path, name, false, qint64(st.value()->st_size), mtimeMsOf(*st.value())});
        } else {
            qCDebug(lcStore) << "skipped (not a regular file or folder):" << dir.path() + u'/' + name;
        }
    }
    return {};
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseIso(const QJsonValue &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.toUTC();
}

QJsonObject readJsonObject(const SafeDir &dir, const QString &name)
{
    const auto bytes = dir.readFile(name);
    if (!bytes.ok())
        return {};
    return QJsonDocument::fromJson(bytes.value()).object();
}

// Drops a file's digest from .checksums.json (the file left, or came back from the trash with other bytes).
// The checksum of the file `path`, or of every file under the folder `path`.
void forgetChecksum(const SafeDir &tsgDir, const QString &path)
{
    QJsonObject sums = readJsonObject(tsgDir, kChecksums);
    const QString under = path + u'/';
    const QStringList keys = sums.keys();
    bool changed = false;
    for (const QString &key : keys) {
        if (key == path || key.startsWith(under)) {
            sums.remove(key);
            changed = true;
        }
    }
    if (!changed)
        return;
    if (const auto s = tsgDir.writeFileAtomic(kChecksums, QJsonDocument(sums).toJson(QJsonDocument::Compact)); !s.ok())
        qCWarning(lcStore) << "could not update the checksums in" << tsgDir.path() << s.error().message;
}

// The checksums of the file or folder `from` now belong to `to` (a move keeps the bytes and the times).
void moveChecksums(const SafeDir &tsgDir, const QString &from, const QString &to)
{
    QJsonObject sums = readJsonObject(tsgDir, kChecksums);
    const QString under = from + u'/';
    const QStringList keys = sums.keys();
    bool changed = false;
    for (const QString &key : keys) {
        if (key == from || key.startsWith(under)) {
            sums.insert(to + key.mid(from.size()), sums.take(key));
            changed = true;
        }
    }
    if (!changed)
        return;
    if (const auto s = tsgDir.writeFileAtomic(kChecksums, QJsonDocument(sums).toJson(QJsonDocument::Compact)); !s.ok())
        qCWarning(lcStore) << "could not update the checksums in" << tsgDir.path() << s.error().message;
}

} // namespace

TsgStore::TsgStore(const DataFolder &folder, Trash &trash) : m_folder(folder), m_trash(trash) {}

Result<TsgInfo> TsgStore::readInfo(const QString &name) const
{
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(name);
    if (!dir.ok())
        return dir.error();
    TsgInfo info;
    info.name = name;
    const QJsonObject meta = readJsonObject(dir.value(), kMetadata);
    info.createdAt = parseIso(meta.value(u"createdAt"));
    info.updatedAt = parseIso(meta.value(u"updatedAt"));
    info.description = meta.value(u"description").toString();
    for (const QJsonValue &t : meta.value(u"tags").toArray())
        if (t.isString())
            info.tags << t.toString();
    QList<WalkItem> items;
    if (const auto s = walk(dir.value(), QString(), items); !s.ok())
        return s.error();
    qint64 newest = 0;
    for (const WalkItem &item : std::as_const(items)) {
        newest = std::max(newest, item.mtimeMs);
        if (!item.isDir) {
            ++info.fileCount;
            info.size += item.size;
        }
    }
    // A folder made by another tool has no metadata: take its dates from the disk.
    if (!info.createdAt.isValid() || !info.updatedAt.isValid()) {
        if (const auto st = root.value().stat(name); st.ok() && st.value()) {
            const QDateTime folderTime = QDateTime::fromMSecsSinceEpoch(mtimeMsOf(*st.value()), Qt::UTC);
            if (!info.createdAt.isValid())
                info.createdAt = folderTime;
            if (!info.updatedAt.isValid())
                info.updatedAt = std::max(folderTime, QDateTime::fromMSecsSinceEpoch(newest, Qt::UTC));
        }
    }
    return info;
}

Status TsgStore::writeMetadata(const SafeDir &tsgDir, const TsgInfo &info) const
{
    QJsonObject meta = readJsonObject(tsgDir, kMetadata); // keep keys written by other tools
    meta.insert(QStringLiteral("name"), info.name);
    meta.insert(QStringLiteral("createdAt"), isoUtc(info.createdAt));
    meta.insert(QStringLiteral("updatedAt"), isoUtc(info.updatedAt));
    meta.insert(QStringLiteral("description"), info.description);
    meta.insert(QStringLiteral("tags"), QJsonArray::fromStringList(info.tags));
    return tsgDir.writeFileAtomic(kMetadata, QJsonDocument(meta).toJson());
}

Status TsgStore::rescan()
{
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    const auto names = root.value().entries();
    if (!names.ok())
        return names.error();
    QHash<QString, TsgInfo> index;
    for (const QString &name : names.value()) {
        const auto st = root.value().stat(name);
        if (name.startsWith(u'.') || !st.ok() || !st.value() || !S_ISDIR(st.value()->st_mode))
            continue;
        const auto info = readInfo(name);
        if (!info.ok()) {
            qCWarning(lcStore) << "skipped TSG" << name << ':' << info.error().message;
            continue;
        }
        const QString key = NameRules::foldKey(name);
        if (index.contains(key)) {
            qCWarning(lcStore) << "TSG folders" << index.value(key).name << "and" << name
                               << "differ only in case or normalisation; using the first";
            continue;
        }
        index.insert(key, info.value());
    }
    QMutexLocker lock(&m_mutex);
    m_index = std::move(index);
    ++m_version;
    qCInfo(lcStore) << "indexed" << m_index.size() << "TSGs in" << m_folder.tsgsDir();
    return {};
}

QList<TsgInfo> TsgStore::list() const
{
    QMutexLocker lock(&m_mutex);
    QList<TsgInfo> all = m_index.values();
    lock.unlock();
    std::sort(all.begin(), all.end(), [](const TsgInfo &a, const TsgInfo &b) { return a.name < b.name; });
    return all;
}

std::optional<TsgInfo> TsgStore::info(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.constFind(NameRules::foldKey(name.trimmed()));
    if (it == m_index.cend())
        return std::nullopt;
    return *it;
}

std::optional<QString> TsgStore::resolve(const QString &name) const
{
    const auto found = info(name);
    return found ? std::optional<QString>(found->name) : std::nullopt;
}

QStringList TsgStore::names() const
{
    QStringList out;
    for (const TsgInfo &info : list())
        out << info.name;
    return out;
}

Result<TsgInfo> TsgStore::create(const QString &rawName, const QString &description, const QStringList &tags)
{
    const auto name = NameRules::tsgName(rawName);
    if (!name.ok())
        return name.error();
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_index.constFind(NameRules::foldKey(name.value())); it != m_index.cend()) {
        if (it->name == name.value())
            return Error::conflict(QStringLiteral("A TSG named '%1' already exists").arg(name.value()));
        return Error::conflict(QStringLiteral("A TSG named '%1' already exists (as '%2')").arg(name.value(), it->name));
    }
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    auto staging = SafeDir::openRoot(m_folder.stagingDir());
    if (!root.ok())
        return root.error();
    if (!staging.ok())
        return staging.error();
    // Built in staging, then renamed into place: a TSG never appears without its metadata.
    const QString temp =
        QStringLiteral("new-%1").arg(QString::fromLatin1(NameRules::foldKey(name.value()).toUtf8().toHex().left(32)));
    (void)staging.value().removeTree(temp);
    auto dir = staging.value().subdir(temp, true);
    if (!dir.ok())
        return dir.error();
    TsgInfo info;
    info.name = name.value();
    info.createdAt = info.updatedAt = QDateTime::currentDateTimeUtc();
    info.description = description;
    info.tags = tags;
    if (auto s = writeMetadata(dir.value(), info); !s.ok()) {
        (void)staging.value().removeTree(temp);
        return s.error();
    }
    if (auto s = staging.value().rename(temp, root.value(), info.name, true); !s.ok()) {
        (void)staging.value().removeTree(temp);
        if (s.error().kind == ErrorKind::Conflict)
            return Error::conflict(QStringLiteral("A TSG named '%1' already exists").arg(info.name));
        return s.error();
    }
    m_index.insert(NameRules::foldKey(info.name), info);
    ++m_version;
    qCInfo(lcStore) << "created TSG" << info.name;
    return info;
}

Result<TrashEntry> TsgStore::remove(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.constFind(NameRules::foldKey(name.trimmed().normalized(QString::NormalizationForm_C)));
    if (it == m_index.cend())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    const TsgInfo info = *it;
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    auto entry = m_trash.put(root.value(), info.name, TrashEntry::Kind::Tsg, info.name);
    if (!entry.ok())
        return entry.error();
    m_index.remove(NameRules::foldKey(info.name));
    ++m_version;
    qCInfo(lcStore) << "deleted TSG" << info.name << "(trash entry" << entry.value().id << ')';
    return entry;
}

Result<TsgInfo> TsgStore::restore(const QString &trashId, const QString &newName)
{
    const auto entry = m_trash.entry(trashId);
    if (!entry.ok())
        return entry.error();
    if (entry.value().kind == TrashEntry::Kind::File) {
        QMutexLocker lock(&m_mutex);
        return restoreFile(entry.value(), newName);
    }
    QString target = entry.value().tsgName;
    if (!newName.trimmed().isEmpty()) {
        const auto valid = NameRules::tsgName(newName);
        if (!valid.ok())
            return valid.error();
        target = valid.value();
    }
    QMutexLocker lock(&m_mutex);
    if (m_index.contains(NameRules::foldKey(target))) {
        if (!newName.trimmed().isEmpty())
            return Error::conflict(QStringLiteral("A TSG named '%1' already exists").arg(target));
        // The name was reused meanwhile: restore beside it.
        const QString base = target.left(85) + QStringLiteral(" (restored");
        for (int n = 1; m_index.contains(NameRules::foldKey(target)); ++n)
            target = n == 1 ? base + u')' : QStringLiteral("%1 %2)").arg(base).arg(n);
    }
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    if (const auto s = m_trash.takeBack(trashId, root.value(), target); !s.ok())
        return s.error();
    auto info = readInfo(target);
    if (!info.ok())
        return info.error();
    info.value().name = target;
    info.value().updatedAt = QDateTime::currentDateTimeUtc();
    if (auto dir = root.value().subdir(target); dir.ok())
        (void)writeMetadata(dir.value(), info.value());
    m_index.insert(NameRules::foldKey(target), info.value());
    ++m_version;
    qCInfo(lcStore) << "restored TSG" << entry.value().tsgName << "as" << target;
    return info;
}

Result<FileAt> TsgStore::fileAt(const QString &name, const QString &path) const
{
    const auto stored = resolve(name);
    if (!stored)
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(NameRules::printable(name)));
    const auto relative = NameRules::relativePath(path);
    if (!relative.ok())
        return relative.error();
    auto tsgs = SafeDir::openRoot(m_folder.tsgsDir());
    if (!tsgs.ok())
        return tsgs.error();
    auto tsgDir = tsgs.value().subdir(*stored);
    if (!tsgDir.ok())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(*stored));
    return FileAt{.dir = std::move(tsgDir).value(),
                  .path = relative.value(),
                  .where = QStringLiteral("TSG '%1'").arg(*stored)};
}

Result<QList<FileEntry>> TsgStore::files(const QString &name)
{
    const auto stored = resolve(name);
    if (!stored)
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(*stored);
    if (!dir.ok())
        return dir.error();
    QList<WalkItem> items;
    if (const auto s = walk(dir.value(), QString(), items); !s.ok())
        return s.error();
    const QJsonObject sums = readJsonObject(dir.value(), kChecksums);
    QList<FileEntry> out;
    out.reserve(items.size());
    int fileCount = 0;
    qint64 size = 0;
    for (const WalkItem &item : std::as_const(items)) {
        FileEntry e;
        e.path = item.path;
        e.name = item.name;
        e.size = item.size;
        e.isDirectory = item.isDir;
        e.type = item.isDir ? QStringLiteral("directory") : FileTypes::typeOf(item.name);
        e.modifiedAt = QDateTime::fromMSecsSinceEpoch(item.mtimeMs, Qt::UTC);
        if (!item.isDir) {
            ++fileCount;
            size += item.size;
            const QJsonObject sum = sums.value(item.path).toObject();
            if (qint64(sum.value(u"size").toDouble(-1)) == item.size
                && qint64(sum.value(u"mtime").toDouble()) == item.mtimeMs)
                e.sha256 = sum.value(u"sha256").toString();
        }
        out.append(e);
    }
    // The listing is the truth: fold what it found into the index (changes made outside TSG Desk).
    QMutexLocker lock(&m_mutex);
    if (auto it = m_index.find(NameRules::foldKey(*stored));
        it != m_index.end() && (it->fileCount != fileCount || it->size != size)) {
        it->fileCount = fileCount;
        it->size = size;
        ++m_version;
    }
    return out;
}

Status TsgStore::checkCollisions(const QString &name, const QStringList &paths) const
{
    const auto stored = resolve(name);
    if (!stored)
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    return collisionsIn(*stored, paths);
}

Status TsgStore::collisionsIn(const QString &stored, const QStringList &paths) const
{
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    auto tsgDir = root.value().subdir(stored);
    if (!tsgDir.ok())
        return tsgDir.error();
    QHash<QString, QHash<QString, QString>> listings; // folder path -> foldKey -> name on disk
    QStringList problems;
    for (const QString &path : paths) {
        const QStringList parts = path.split(u'/');
        QString folder;
        std::optional<SafeDir> current;
        const SafeDir *dir = &tsgDir.value();
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (!listings.contains(folder)) {
                QHash<QString, QString> keys;
                if (dir) {
                    if (const auto names = dir->entries(); names.ok())
                        for (const QString &n : names.value())
                            keys.insert(NameRules::foldKey(n), n);
                }
                listings.insert(folder, keys);
            }
            const QString &part = parts.at(i);
            const QString existing = listings.value(folder).value(NameRules::foldKey(part));
            const QString existingPath = folder.isEmpty() ? existing : folder + u'/' + existing;
            if (!existing.isEmpty() && existing != part) {
                problems << QStringLiteral("%1: collides with the existing '%2' (names differ only in case or "
                                           "Unicode normalisation)")
                                .arg(path, existingPath);
                break;
            }
            const bool last = i == parts.size() - 1;
            if (!existing.isEmpty() && dir) {
                const auto st = dir->stat(existing);
                const bool isDir = st.ok() && st.value() && S_ISDIR(st.value()->st_mode);
                const bool isLink = st.ok() && st.value() && S_ISLNK(st.value()->st_mode);
                if (isLink) {
                    problems << QStringLiteral("%1: '%2' is a symbolic link, which TSG Desk never writes through")
                                    .arg(path, existingPath);
                    break;
                }
                if (last && isDir) {
                    problems << QStringLiteral("%1: a folder of that name exists").arg(path);
                    break;
                }
                if (!last && !isDir) {
                    problems << QStringLiteral("%1: '%2' is a file, not a folder").arg(path, existingPath);
                    break;
                }
            }
            if (last)
                break;
            // Descend (a folder that does not exist yet has an empty listing).
            std::optional<SafeDir> next;
            if (dir && !existing.isEmpty()) {
                if (auto sub = dir->subdir(existing); sub.ok())
                    next = std::move(sub).value();
            }
            current = std::move(next);
            dir = current ? &*current : nullptr;
            folder = folder.isEmpty() ? part : folder + u'/' + part;
        }
    }
    if (!problems.isEmpty())
        return Error::batch(ErrorKind::Conflict, problems);
    return {};
}

// What a commit has done so far, so that a failure half-way can undo it (in reverse order).
struct TsgCommitLog {
    struct Step {
        QString folder; // TSG-relative folder of the file ("" for the TSG folder)
        QString fileName;
        QString stagedName;
        QString trashId; // the replaced file's trash entry, if it replaced one
        qint64 replacedSize = 0;
        bool moved = false; // the staged file is in place
    };
    std::vector<Step> steps;
    QStringList createdFolders; // TSG-relative, in creation order
    QStringList changedFolders; // TSG-relative, each once: fsync'ed before success
    void changed(const QString &folder)
    {
        if (!changedFolders.contains(folder))
            changedFolders << folder;
    }
};

namespace {

Result<SafeDir> folderIn(const SafeDir &tsgsRoot, const QString &tsg, const QString &relative)
{
    auto tsgDir = tsgsRoot.subdir(tsg);
    if (!tsgDir.ok() || relative.isEmpty())
        return tsgDir;
    return tsgDir.value().subpath(relative);
}

// Opens (creating what is missing) the TSG-relative folder, noting the folders it created and
// every folder on the way, whose entries the commit changes.
Result<SafeDir> openFolder(const SafeDir &tsgsRoot, const QString &tsg, const QString &relative, TsgCommitLog &log)
{
    auto dir = tsgsRoot.subdir(tsg);
    if (!dir.ok())
        return dir;
    log.changed(QString());
    QString path;
    for (const QString &part : relative.split(u'/', Qt::SkipEmptyParts)) {
        path = path.isEmpty() ? part : path + u'/' + part;
        const bool existed = dir.value().exists(part);
        auto next = dir.value().subdir(part, true);
        if (!next.ok())
            return next;
        if (!existed)
            log.createdFolders << path;
        log.changed(path);
        dir = std::move(next);
    }
    return dir;
}

// Removes, newest first, the folders an undone change created; the problems it met, each as a message.
QStringList removeCreatedFolders(const SafeDir &tsgsRoot, const QString &tsg, const TsgCommitLog &log)
{
    QStringList problems;
    for (auto it = log.createdFolders.crbegin(); it != log.createdFolders.crend(); ++it) {
        const qsizetype slash = it->lastIndexOf(u'/');
        const auto parent = folderIn(tsgsRoot, tsg, slash < 0 ? QString() : it->left(slash));
        const Status removed =
            parent.ok() ? parent.value().removeEmptyFolder(it->mid(slash + 1)) : Status(parent.error());
        if (!removed.ok())
            problems << removed.error().message;
    }
    return problems;
}

} // namespace

Result<QList<FileEntry>> TsgStore::commit(const QString &name, StagedBatch &batch)
{
    const auto stored = resolve(name);
    if (!stored)
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    QStringList paths;
    for (const StagedFile &f : batch.files())
        paths << f.targetPath;
    // The bytes are on disk before any name appears in the library (outside the lock: it takes a while).
    if (const auto s = batch.syncFiles(); !s.ok())
        return s.error();
    {
        QMutexLocker lock(&m_mutex);
        if (const auto s = collisionsIn(*stored, paths); !s.ok())
            return s.error();
        auto root = SafeDir::openRoot(m_folder.tsgsDir());
        if (!root.ok())
            return root.error();
        auto tsgDir = root.value().subdir(*stored);
        if (!tsgDir.ok())
            return tsgDir.error();
        TsgCommitLog log;
        Status done = moveIn(root.value(), *stored, batch, log);
        if (done.ok())
            done = syncChanged(root.value(), *stored, log);
        if (!done.ok()) {
            const Status undone = rollBack(root.value(), *stored, batch, log);
            if (!undone.ok())
                return Error::io(QStringLiteral("%1; undoing the files stored so far failed too: %2")
                                     .arg(done.error().message, undone.error().message));
            return done.error();
        }
        QJsonObject sums = readJsonObject(tsgDir.value(), kChecksums);
        qint64 replacedBytes = 0;
        int replacedFiles = 0;
        for (const TsgCommitLog::Step &step : log.steps) {
            if (!step.trashId.isEmpty()) {
                replacedBytes += step.replacedSize;
                ++replacedFiles;
            }
        }
        for (const StagedFile &f : batch.files()) {
            const qsizetype slash = f.targetPath.lastIndexOf(u'/');
            const auto dir = folderIn(root.value(), *stored, slash < 0 ? QString() : f.targetPath.left(slash));
            const auto st = dir.ok() ? dir.value().stat(f.targetPath.mid(slash + 1))
                                     : Result<std::optional<struct stat>>(dir.error());
            if (st.ok() && st.value())
                sums.insert(f.targetPath,
                            QJsonObject{{QStringLiteral("sha256"), f.sha256},
                                        {QStringLiteral("size"), double(f.size)},
                                        {QStringLiteral("mtime"), double(mtimeMsOf(*st.value()))}});
        }
        auto indexIt = m_index.find(NameRules::foldKey(*stored));
        if (indexIt != m_index.end()) {
            indexIt->fileCount += int(batch.files().size()) - replacedFiles;
            indexIt->size += batch.totalBytes() - replacedBytes;
        }
        if (const auto s =
                tsgDir.value().writeFileAtomic(kChecksums, QJsonDocument(sums).toJson(QJsonDocument::Compact));
            !s.ok())
            qCWarning(lcStore) << "could not save checksums of" << *stored << s.error().message;
        ++m_version;
        if (indexIt != m_index.end()) {
            indexIt->updatedAt = QDateTime::currentDateTimeUtc();
            if (const auto s = writeMetadata(tsgDir.value(), *indexIt); !s.ok())
                qCWarning(lcStore) << "could not update metadata of" << *stored << s.error().message;
        }
        if (const auto s = tsgDir.value().sync(); !s.ok()) // the two files just above
            qCWarning(lcStore) << "could not sync" << tsgDir.value().path() << s.error().message;
    }
    batch.finish();
    qCInfo(lcStore) << "stored" << paths.size() << "files in" << *stored;
    return files(*stored);
}

Status TsgStore::moveIn(const SafeDir &root, const QString &stored, StagedBatch &batch, TsgCommitLog &log)
{
    for (const StagedFile &f : batch.files()) {
        const qsizetype slash = f.targetPath.lastIndexOf(u'/');
        TsgCommitLog::Step step;
        step.folder = slash < 0 ? QString() : f.targetPath.left(slash);
        step.fileName = f.targetPath.mid(slash + 1);
        step.stagedName = f.stagedName;
        const auto dir = openFolder(root, stored, step.folder, log);
        if (!dir.ok())
            return dir.error();
        if (const auto st = dir.value().stat(step.fileName); st.ok() && st.value() && S_ISREG(st.value()->st_mode)) {
            auto replaced = m_trash.put(dir.value(), step.fileName, TrashEntry::Kind::File, stored, f.targetPath,
                                        TrashEntry::Cause::Replaced);
            if (!replaced.ok())
                return replaced.error();
            step.trashId = replaced.value().id;
            step.replacedSize = replaced.value().size;
        }
        log.steps.push_back(step);
        if (const auto s = batch.folder().rename(f.stagedName, dir.value(), step.fileName, true); !s.ok())
            return s;
        log.steps.back().moved = true;
    }
    return {};
}

Status TsgStore::syncChanged(const SafeDir &root, const QString &stored, const TsgCommitLog &log) const
{
    for (const QString &folder : log.changedFolders) {
        const auto dir = folderIn(root, stored, folder);
        if (!dir.ok())
            return dir.error();
        if (const auto s = dir.value().sync(); !s.ok())
            return s;
    }
    bool replaced = false;
    for (const TsgCommitLog::Step &step : log.steps) {
        if (step.trashId.isEmpty())
            continue;
        replaced = true;
        if (const auto s = m_trash.sync(step.trashId); !s.ok())
            return s;
    }
    return replaced ? m_trash.sync() : Status();
}

Status TsgStore::rollBack(const SafeDir &root, const QString &stored, StagedBatch &batch, const TsgCommitLog &log)
{
    QStringList problems;
    for (auto it = log.steps.rbegin(); it != log.steps.rend(); ++it) {
        const auto dir = folderIn(root, stored, it->folder);
        if (!dir.ok()) {
            problems << dir.error().message;
            continue;
        }
        if (it->moved) {
            if (const auto s = dir.value().rename(it->fileName, batch.folder(), it->stagedName, true); !s.ok()) {
                problems << s.error().message;
                continue; // the new file stays: the old one cannot come back over it
            }
        }
        if (!it->trashId.isEmpty())
            if (const auto s = m_trash.takeBack(it->trashId, dir.value(), it->fileName); !s.ok())
                problems << s.error().message;
    }
    problems << removeCreatedFolders(root, stored, log);
    if (!problems.isEmpty()) {
        qCWarning(lcStore) << "a failed commit to" << stored << "could not be undone completely:" << problems;
        return Error::io(problems.join(QStringLiteral("; ")));
    }
    qCInfo(lcStore) << "a failed commit to" << stored << "was undone";
    return {};
}

Status TsgStore::renameFolder(const SafeDir &tsgsRoot, const QString &from, const QString &to)
{
    if (NameRules::foldKey(from) != NameRules::foldKey(to)) {
        const Status moved = tsgsRoot.rename(from, tsgsRoot, to, true);
        if (!moved.ok() && moved.error().kind == ErrorKind::Conflict)
            return Error::conflict(QStringLiteral("A folder named '%1' is in the way in %2").arg(to, tsgsRoot.path()));
        return moved;
    }
    // "vpn" -> "VPN": on a case-insensitive file system the new name exists already (it is the same folder).
    const QString temp =
        QStringLiteral(".rename-%1").arg(QString::fromLatin1(NameRules::foldKey(to).toUtf8().toHex().left(32)));
    if (const Status s = tsgsRoot.rename(from, tsgsRoot, temp, true); !s.ok())
        return s;
    if (const Status s = tsgsRoot.rename(temp, tsgsRoot, to, true); !s.ok()) {
        if (const Status back = tsgsRoot.rename(temp, tsgsRoot, from, true); !back.ok())
            qCWarning(lcStore) << "renaming TSG" << from << "failed half-way; it is in" << temp << ":"
                               << back.error().message;
        return s;
    }
    return {};
}

Result<TsgUpdated> TsgStore::update(const QString &name, const TsgUpdate &change)
{
    if (change.isEmpty())
        return Error::invalid(
            QStringLiteral("Nothing to change in TSG '%1': give newName, description or tags").arg(name));
    std::optional<QString> wanted;
    if (change.newName) {
        const auto valid = NameRules::tsgName(*change.newName);
        if (!valid.ok())
            return valid.error();
        wanted = valid.value();
    }
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.constFind(NameRules::foldKey(name.trimmed()));
    if (it == m_index.cend())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    const TsgInfo before = *it;
    TsgInfo after = before;
    if (wanted && *wanted != before.name) {
        if (const auto clash = m_index.constFind(NameRules::foldKey(*wanted));
            clash != m_index.cend() && clash->name != before.name)
            return Error::conflict(
                clash->name == *wanted
                    ? QStringLiteral("A TSG named '%1' already exists").arg(*wanted)
                    : QStringLiteral("A TSG named '%1' already exists (as '%2')").arg(*wanted, clash->name));
        after.name = *wanted;
    }
    if (change.description)
        after.description = *change.description;
    if (change.tags)
        after.tags = *change.tags;
    after.updatedAt = QDateTime::currentDateTimeUtc();
    const bool renamed = after.name != before.name;

    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    if (renamed) {
        if (const Status s = renameFolder(root.value(), before.name, after.name); !s.ok())
            return s.error();
    }
    // The metadata (atomic), then the tsgs folder (the rename): when either fails, both are undone.
    auto dir = root.value().subdir(after.name);
    Status done = dir.ok() ? writeMetadata(dir.value(), after) : Status(dir.error());
    const bool metadataWritten = done.ok();
    if (done.ok() && renamed)
        done = root.value().sync();
    if (!done.ok()) {
        QStringList undoProblems;
        if (metadataWritten)
            if (const Status s = writeMetadata(dir.value(), before); !s.ok())
                undoProblems << s.error().message;
        if (renamed)
            if (const Status s = renameFolder(root.value(), after.name, before.name); !s.ok())
                undoProblems << s.error().message;
        if (!undoProblems.isEmpty()) {
            qCWarning(lcStore) << "a failed update of TSG" << before.name << "could not be undone:" << undoProblems;
            return Error::io(QStringLiteral("%1; undoing the update failed too: %2")
                                 .arg(done.error().message, undoProblems.join(QStringLiteral("; "))));
        }
        return done.error();
    }
    m_index.remove(NameRules::foldKey(before.name));
    m_index.insert(NameRules::foldKey(after.name), after);
    ++m_version;
    if (renamed)
        qCInfo(lcStore) << "renamed TSG" << before.name << "to" << after.name;
    else
        qCInfo(lcStore) << "updated the description or tags of TSG" << after.name;
    return TsgUpdated{.tsg = after, .previousName = before.name};
}

Result<TsgStore::Located> TsgStore::locate(const SafeDir &tsgsRoot, const QString &stored, const QString &path)
{
    const QString shown = NameRules::printable(path);
    const auto notFound = [&] {
        return Error::notFound(QStringLiteral("File '%1' not found in TSG '%2'").arg(shown, stored));
    };
    const auto isLink = [&](const QString &walked) {
        return Error::invalid(QStringLiteral("'%1' in TSG '%2' is a symbolic link, which TSG Desk never follows")
                                  .arg(NameRules::printable(walked), stored));
    };
    auto dir = tsgsRoot.subdir(stored);
    if (!dir.ok())
        return dir.error();
    const QStringList parts = path.split(u'/');
    QString walked;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        walked = walked.isEmpty() ? part : walked + u'/' + part;
        const auto st = dir.value().stat(part);
        if (!st.ok())
            return st.error();
        if (!st.value())
            return notFound();
        if (S_ISLNK(st.value()->st_mode))
            return isLink(walked);
        const bool folder = S_ISDIR(st.value()->st_mode);
        if (i + 1 == parts.size()) {
            if (!folder && !S_ISREG(st.value()->st_mode))
                return Error::invalid(QStringLiteral("'%1' in TSG '%2' is not a regular file").arg(shown, stored));
            return Located{std::move(dir).value(), part, folder};
        }
        if (!folder)
            return notFound();
        auto next = dir.value().subdir(part); // O_NOFOLLOW: a folder swapped for a link meanwhile is refused
        if (!next.ok())
            return next.error();
        dir = std::move(next);
    }
    return notFound(); // an empty path: relativePath() never gives one
}

Result<TrashEntry> TsgStore::removeFile(const QString &name, const QString &rawPath, Removable what)
{
    const auto path = NameRules::relativePath(rawPath);
    if (!path.ok())
        return path.error();
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.find(NameRules::foldKey(name.trimmed()));
    if (it == m_index.end())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    const QString stored = it->name;
    const QString shown = NameRules::printable(path.value());
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    const auto found = locate(root.value(), stored, path.value());
    if (!found.ok())
        return found.error();
    const SafeDir &parent = found.value().parent;
    if (found.value().isFolder && what == Removable::FileOnly)
        return Error::invalid(
            QStringLiteral("'%1' in TSG '%2' is a folder; only a file can be deleted").arg(shown, stored));
    auto entry = m_trash.put(parent, found.value().name, TrashEntry::Kind::File, stored, path.value());
    if (!entry.ok())
        return entry.error();
    // Durable like a commit: the folder it left, its trash entry and the trash (the move is done either way).
    for (const Status &s : {parent.sync(), m_trash.sync(entry.value().id), m_trash.sync()})
        if (!s.ok())
            qCWarning(lcStore) << "deleted" << path.value() << "from" << stored
                               << "but could not sync:" << s.error().message;
    if (auto tsgDir = root.value().subdir(stored); tsgDir.ok()) {
        forgetChecksum(tsgDir.value(), path.value());
        it->fileCount = std::max(0, it->fileCount - entry.value().fileCount);
        it->size = std::max<qint64>(0, it->size - entry.value().size);
        it->updatedAt = QDateTime::currentDateTimeUtc();
        if (const auto s = writeMetadata(tsgDir.value(), *it); !s.ok())
            qCWarning(lcStore) << "could not update metadata of" << stored << s.error().message;
    }
    ++m_version;
    qCInfo(lcStore) << "deleted file" << path.value() << "of TSG" << stored << "(trash entry" << entry.value().id
                    << ')';
    return entry;
}

Result<TsgInfo> TsgStore::restoreFile(const TrashEntry &entry, const QString &intoTsg)
{
    const QString asked = intoTsg.trimmed().isEmpty() ? entry.tsgName : intoTsg;
    const auto it = m_index.find(NameRules::foldKey(asked.trimmed()));
    if (it == m_index.end())
        return Error::notFound(QStringLiteral("TSG '%1' not found; give the TSG to restore '%2' into as name")
                                   .arg(asked, NameRules::printable(entry.path)));
    const QString stored = it->name;
    const auto path = NameRules::relativePath(entry.path);
    if (!path.ok())
        return path.error(); // a damaged entry.json: never a path outside the TSG
    if (const Status clash = collisionsIn(stored, {path.value()}); !clash.ok())
        return clash.error();
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    const qsizetype slash = path.value().lastIndexOf(u'/');
    const QString folder = slash < 0 ? QString() : path.value().left(slash);
    const QString fileName = path.value().mid(slash + 1);
    TsgCommitLog log;
    auto dir = openFolder(root.value(), stored, folder, log);
    Status done = dir.ok() ? Status() : Status(dir.error());
    if (done.ok() && dir.value().exists(fileName))
        done = Error::conflict(QStringLiteral("A file '%1' is in TSG '%2' already; delete it first to restore the "
                                              "one in the trash")
                                   .arg(NameRules::printable(path.value()), stored));
    if (done.ok())
        done = m_trash.takeBack(entry.id, dir.value(), fileName);
    if (!done.ok()) {
        (void)removeCreatedFolders(root.value(), stored, log); // best effort: the restore is refused either way
        return done.error();
    }
    for (const QString &changed : std::as_const(log.changedFolders))
        if (const auto d = folderIn(root.value(), stored, changed); d.ok())
            if (const Status s = d.value().sync(); !s.ok())
                qCWarning(lcStore) << "restored" << path.value() << "but could not sync" << d.value().path();
    if (auto tsgDir = root.value().subdir(stored); tsgDir.ok()) {
        forgetChecksum(tsgDir.value(), path.value());
        it->fileCount += entry.folder ? entry.fileCount : 1;
        it->size += entry.size;
        it->updatedAt = QDateTime::currentDateTimeUtc();
        if (const auto s = writeMetadata(tsgDir.value(), *it); !s.ok())
            qCWarning(lcStore) << "could not update metadata of" << stored << s.error().message;
    }
    ++m_version;
    qCInfo(lcStore) << "restored file" << path.value() << "into TSG" << stored << "from trash entry" << entry.id;
    return *it;
}

Result<TsgInfo> TsgStore::moveFile(const QString &name, const QString &rawFrom, const QString &rawTo)
{
    const auto from = NameRules::relativePath(rawFrom);
    if (!from.ok())
        return from.error();
    const auto to = NameRules::relativePath(rawTo);
    if (!to.ok())
        return to.error();
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.find(NameRules::foldKey(name.trimmed()));
    if (it == m_index.end())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    const QString stored = it->name;
    const QString shownFrom = NameRules::printable(from.value());
    const QString shownTo = NameRules::printable(to.value());
    if (to.value() == from.value() || to.value().startsWith(from.value() + u'/'))
        return Error::invalid(QStringLiteral("'%1' in TSG '%2' cannot be moved into itself").arg(shownFrom, stored));
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    const auto found = locate(root.value(), stored, from.value());
    if (!found.ok())
        return found.error();
    const SafeDir &parent = found.value().parent;
    // The target must be free, in any case (a change of case only of the same entry is a rename).
    const bool caseOnly = NameRules::foldKey(to.value()) == NameRules::foldKey(from.value());
    if (!caseOnly) {
        if (const Status clash = collisionsIn(stored, {to.value()}); !clash.ok())
            return Error::conflict(QStringLiteral("'%1' is in TSG '%2' already").arg(shownTo, stored));
    }
    const qsizetype slash = to.value().lastIndexOf(u'/');
    const QString toFolder = slash < 0 ? QString() : to.value().left(slash);
    const QString toName = to.value().mid(slash + 1);
    TsgCommitLog log;
    auto target = openFolder(root.value(), stored, toFolder, log);
    if (!target.ok())
        return target.error();
    if (!caseOnly && target.value().exists(toName))
        return Error::conflict(QStringLiteral("'%1' is in TSG '%2' already").arg(shownTo, stored));
    if (const Status moved = parent.rename(found.value().name, target.value(), toName, !caseOnly); !moved.ok()) {
        (void)removeCreatedFolders(root.value(), stored, log); // best effort: the move is refused either way
        return moved.error();
    }
    for (const Status &s : {parent.sync(), target.value().sync()})
        if (!s.ok())
            qCWarning(lcStore) << "moved" << from.value() << "to" << to.value() << "in" << stored
                               << "but could not sync:" << s.error().message;
    if (auto tsgDir = root.value().subdir(stored); tsgDir.ok()) {
        moveChecksums(tsgDir.value(), from.value(), to.value());
        it->updatedAt = QDateTime::currentDateTimeUtc();
        if (const auto s = writeMetadata(tsgDir.value(), *it); !s.ok())
            qCWarning(lcStore) << "could not update metadata of" << stored << s.error().message;
    }
    ++m_version;
    qCInfo(lcStore) << "moved" << from.value() << "to" << to.value() << "in TSG" << stored;
    return *it;
}

Result<TsgInfo> TsgStore::makeFolder(const QString &name, const QString &rawPath)
{
    const auto path = NameRules::relativePath(rawPath);
    if (!path.ok())
        return path.error();
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.find(NameRules::foldKey(name.trimmed()));
    if (it == m_index.end())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
    const QString stored = it->name;
    const QString shown = NameRules::printable(path.value());
    if (const Status clash = collisionsIn(stored, {path.value()}); !clash.ok())
        return Error::conflict(QStringLiteral("'%1' is in TSG '%2' already").arg(shown, stored));
    auto root = SafeDir::openRoot(m_folder.tsgsDir());
    if (!root.ok())
        return root.error();
    const qsizetype slash = path.value().lastIndexOf(u'/');
    TsgCommitLog log;
    auto parent = openFolder(root.value(), stored, slash < 0 ? QString() : path.value().left(slash), log);
    if (!parent.ok())
        return parent.error();
    const QString folderName = path.value().mid(slash + 1);
    if (parent.value().exists(folderName))
        return Error::conflict(QStringLiteral("'%1' is in TSG '%2' already").arg(shown, stored));
    auto made = parent.value().subdir(folderName, true);
    if (!made.ok())
        return made.error();
    if (const Status s = parent.value().sync(); !s.ok())
        qCWarning(lcStore) << "made folder" << path.value() << "in" << stored
                           << "but could not sync:" << s.error().message;
    ++m_version;
    qCInfo(lcStore) << "made folder" << path.value() << "in TSG" << stored;
    return *it;
}

} // namespace tsg
