#include "library.h"

#include "filetypes.h"
#include "logging.h"
#include "namerules.h"
#include "uploadvalidator.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace tsg {

namespace {

// Removes what a crashed process left in staging: batches are never resumed, so all of it goes.
void removeStagingLeftovers(const DataFolder &folder)
{
    auto staging = SafeDir::openRoot(folder.stagingDir());
    if (!staging.ok())
        return;
    const auto names = staging.value().entries();
    for (const QString &name : names.ok() ? names.value() : QStringList()) {
        if (const auto freed = staging.value().removeTree(name); freed.ok())
            qCInfo(lcLibrary) << "removed staging left by an earlier run:" << name << freed.value() << "bytes";
        else
            qCWarning(lcLibrary) << "could not remove leftover staging" << name << freed.error().message;
    }
}

QList<FileToCheck> filesToCheck(const UploadBatch &batch, QStringList *problems)
{
    QList<FileToCheck> files;
    for (const UploadFile &f : batch.files) {
        if (!f.source || f.source->size() < 0)
            *problems << QStringLiteral("%1: content is not valid base64").arg(f.path);
        files.append({f.path, f.source ? std::max<qint64>(f.source->size(), 0) : 0});
    }
    return files;
}

} // namespace

Library::Library(std::unique_ptr<DataFolder> folder, LoadedConfig config, QObject *parent)
    : QObject(parent), m_folder(std::move(folder)), m_config(config.config), m_configWarnings(config.warnings)
{
    qRegisterMetaType<tsg::Origin>("tsg::Origin");
    qRegisterMetaType<tsg::UploadTarget>();
    qRegisterMetaType<std::optional<QString>>();
    m_configStore = std::make_unique<ConfigStore>(m_folder->configFile());
    m_trash = std::make_unique<Trash>(*m_folder);
    m_store = std::make_unique<TsgStore>(*m_folder, *m_trash);
    m_sessions = std::make_unique<SessionStore>(*m_folder);
    m_uploads = std::make_unique<ChunkedUploads>(*m_folder);
    m_cleanup = std::make_unique<CleanupService>(
        *m_folder, *m_sessions, *m_trash,
        [this] {
            return CleanupService::Inputs{this->config(), sessionsInUse()};
        },
        &m_pool);
    m_cleanup->setExpireUploads([this](const QDateTime &cutoff) { return m_uploads->expire(cutoff); });
    connect(m_cleanup.get(), &CleanupService::statusChanged, this, &Library::cleanupStatusChanged);
    connect(m_cleanup.get(), &CleanupService::finished, this, [this](const CleanupReport &report) {
        if (!report.removedSessions.isEmpty())
            emit sessionsChanged(QString(), 0);
        emit cleanupFinished(report);
    });
}

Library::~Library()
{
    m_cleanup->stop();
    m_pool.waitForDone(); // no task may outlive the stores it uses
}

Result<std::unique_ptr<Library>> Library::open(const QString &dataDir, QObject *parent)
{
    auto folder = DataFolder::open(dataDir);
    if (!folder.ok())
        return folder.error();
    ConfigStore configStore(folder.value()->configFile());
    auto loaded = configStore.load();
    LoadedConfig config;
    if (loaded.ok()) {
        config = loaded.value();
    } else {
        config.warnings << loaded.error().message;
        qCWarning(lcConfig) << loaded.error().message << "- running on defaults; the file is left as it is";
    }
    removeStagingLeftovers(*folder.value()); // chunked uploads live apart, in uploads/, and are kept
    std::unique_ptr<Library> library(new Library(std::move(folder).value(), config, parent));
    if (const auto s = library->m_store->rescan(); !s.ok())
        return s.error();
    library->m_uploads->load();
    // An activeTSG that no longer exists is shown as none (the file keeps it until the next write).
    if (library->m_config.activeTsg) {
        if (const auto stored = library->m_store->resolve(*library->m_config.activeTsg))
            library->m_config.activeTsg = stored;
        else
            library->m_config.activeTsg.reset();
    }
    return library;
}

QList<TsgInfo> Library::tsgs() const
{
    return m_store->list();
}

std::optional<QString> Library::resolveTsg(const QString &name) const
{
    return m_store->resolve(name);
}

quint64 Library::tsgsVersion() const
{
    return m_store->version();
}

std::optional<QString> Library::activeTsg() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_config.activeTsg;
}

Config Library::config() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_config;
}

QStringList Library::configWarnings() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_configWarnings;
}

CleanupStatus Library::cleanupStatus() const
{
    return m_cleanup->status();
}

QFuture<Result<TsgInfo>> Library::createTsg(const QString &name, const QString &description, const QStringList &tags,
                                            Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TsgInfo> {
        auto created = m_store->create(name, description, tags);
        if (created.ok()) {
            emit tsgCreated(created.value().name, origin);
            emit tsgsChanged(origin);
        }
        return created;
    });
}

QFuture<Result<TrashEntry>> Library::deleteTsg(const QString &name, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TrashEntry> {
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        auto entry = m_store->remove(*stored);
        if (!entry.ok())
            return entry;
        if (activeTsg() == stored) {
            const auto cleared = setActive(std::nullopt);
            if (!cleared.ok())
                qCWarning(lcLibrary) << "deleted the active TSG but could not clear activeTSG:"
                                     << cleared.error().message;
            emit activeTsgChanged(std::nullopt, origin);
        }
        emit tsgRemoved(*stored, origin);
        emit tsgsChanged(origin);
        return entry;
    });
}

namespace {

// The files of `files` at `path` or under it (a folder).
QStringList filesAt(const Result<QList<FileEntry>> &files, const QString &path)
{
    QStringList out;
    if (!files.ok())
        return out;
    const QString under = path + u'/';
    for (const FileEntry &f : files.value())
        if (!f.isDirectory && (f.path == path || f.path.startsWith(under)))
            out << f.path;
    return out;
}

} // namespace

QFuture<Result<TsgInfo>> Library::restoreTsg(const QString &trashId, const QString &newName, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TsgInfo> {
        const auto entry = m_trash->entry(trashId);
        if (!entry.ok())
            return entry.error();
        auto restored = m_store->restore(trashId, newName);
        if (!restored.ok())
            return restored;
        if (entry.value().kind == TrashEntry::Kind::File) {
            emit tsgFilesStored(restored.value().name,
                                entry.value().folder
                                    ? filesAt(m_store->files(restored.value().name), entry.value().path)
                                    : QStringList{entry.value().path},
                                origin);
            emit tsgFilesChanged(restored.value().name, origin);
        } else {
            emit tsgRestored(restored.value().name, origin);
        }
        emit tsgsChanged(origin);
        return restored;
    });
}

QFuture<Result<TsgUpdated>> Library::updateTsg(const QString &name, const TsgUpdate &change, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TsgUpdated> {
        QWriteLocker names(&m_tsgNamesLock);
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        if (change.newName) {
            // A rename under an open upload would strand it (it commits to the name it was begun with).
            const auto wanted = NameRules::tsgName(*change.newName); // a bad name is the store's to report
            if (wanted.ok() && wanted.value() != *stored)
                if (const Status free = m_uploads->tsgFree(*stored); !free.ok())
                    return free.error();
        }
        auto updated = m_store->update(*stored, change);
        names.unlock();
        if (!updated.ok())
            return updated;
        const TsgUpdated &done = updated.value();
        if (done.renamed()) {
            if (activeTsg() == done.previousName) {
                if (const auto saved = setActive(done.tsg.name); !saved.ok())
                    qCWarning(lcLibrary) << "renamed the active TSG but could not save activeTSG:"
                                         << saved.error().message;
                emit activeTsgChanged(done.tsg.name, origin);
            }
            emit tsgRenamed(done.previousName, done.tsg.name, origin);
        }
        if (change.description || change.tags)
            emit tsgMetadataChanged(done.tsg.name, origin);
        emit tsgsChanged(origin);
        if (done.renamed())
            emit tsgFilesChanged(done.tsg.name, origin);
        return updated;
    });
}

QFuture<Result<TrashEntry>> Library::deleteTsgFile(const QString &name, const QString &path, Origin origin,
                                                   TsgStore::Removable what)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TrashEntry> {
        // A folder takes its files along: those are what the views (the search index) forget.
        const QStringList before =
            what == TsgStore::Removable::FileOrFolder ? filesAt(m_store->files(name), path) : QStringList();
        auto entry = m_store->removeFile(name, path, what);
        if (!entry.ok())
            return entry;
        emit tsgFilesRemoved(entry.value().tsgName, entry.value().folder ? before : QStringList{entry.value().path},
                             origin);
        emit tsgsChanged(origin);
        emit tsgFilesChanged(entry.value().tsgName, origin);
        return entry;
    });
}

QFuture<Result<TsgInfo>> Library::moveTsgFile(const QString &name, const QString &from, const QString &to,
                                              Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TsgInfo> {
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        const auto fromPath = NameRules::relativePath(from);
        if (!fromPath.ok())
            return fromPath.error();
        const auto toPath = NameRules::relativePath(to);
        if (!toPath.ok())
            return toPath.error();
        const QStringList before = filesAt(m_store->files(*stored), fromPath.value());
        // A file keeps the upload rules under its new name (its type must be allowed); a folder the path rules.
        const bool isFile = before.size() == 1 && before.first() == fromPath.value();
        if (isFile) {
            const auto valid = UploadValidator::validateTsgUpload({{.path = to, .size = 0}}, config().tsg);
            if (!valid.ok())
                return valid.error();
        }
        auto moved = m_store->moveFile(*stored, from, to);
        if (!moved.ok())
            return moved;
        QStringList after;
        for (const QString &p : before)
            after << toPath.value() + p.mid(fromPath.value().size());
        if (!before.isEmpty()) {
            emit tsgFilesRemoved(moved.value().name, before, origin);
            emit tsgFilesStored(moved.value().name, after, origin);
        }
        emit tsgsChanged(origin);
        emit tsgFilesChanged(moved.value().name, origin);
        return moved;
    });
}

QFuture<Result<TsgInfo>> Library::makeTsgFolder(const QString &name, const QString &path, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<TsgInfo> {
        auto made = m_store->makeFolder(name, path);
        if (!made.ok())
            return made;
        emit tsgsChanged(origin);
        emit tsgFilesChanged(made.value().name, origin);
        return made;
    });
}

QFuture<Result<QList<TrashEntry>>> Library::trash() const
{
    return QtConcurrent::run(&m_pool, [this] { return m_trash->list(); });
}

QFuture<Result<Trash::Purged>> Library::purgeTrash(const QString &trashId)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<Trash::Purged> {
        auto purged = trashId.isEmpty() ? m_trash->purgeAll() : m_trash->purge(trashId);
        if (purged.ok()) {
            if (const Status s = m_trash->sync(); !s.ok())
                qCWarning(lcLibrary) << "purged trash entries, but could not sync the trash:" << s.error().message;
            emit trashChanged();
        }
        return purged;
    });
}

Result<Config> Library::setActive(const std::optional<QString> &name)
{
    // The choice is kept in memory even when config.json cannot be written (it does not parse).
    {
        QMutexLocker lock(&m_stateMutex);
        m_config.activeTsg = name;
    }
    auto saved = m_configStore->update([&name](Config &c) { c.activeTsg = name; });
    if (saved.ok()) {
        QMutexLocker lock(&m_stateMutex);
        m_config = saved.value();
    }
    return saved;
}

QFuture<Result<std::optional<QString>>> Library::selectTsg(const std::optional<QString> &name, Origin origin,
                                                           const QString &sessionId)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<std::optional<QString>> {
        std::optional<QString> stored;
        if (name) {
            stored = m_store->resolve(*name);
            if (!stored)
                return Error::notFound(QStringLiteral("TSG '%1' not found").arg(*name));
        }
        const auto saved = setActive(stored);
        emit activeTsgChanged(stored, origin);
        emit tsgsChanged(origin);
        if (!saved.ok())
            return saved.error();
        if (!sessionId.isEmpty()) { // a session not created yet has nothing to record it in
            if (const auto s = m_sessions->setActiveTsg(sessionId, stored); !s.ok())
                qCDebug(lcLibrary) << "session" << sessionId << "keeps no active TSG:" << s.error().message;
            else
                emit sessionsChanged(sessionId, origin); // the window shows which TSG each session used
        }
        return stored;
    });
}

QFuture<Result<QList<FileEntry>>> Library::tsgFiles(const QString &name) const
{
    return QtConcurrent::run(&m_pool, [=, this] { return m_store->files(name); });
}

QFuture<Result<FileContent>> Library::readTsgFile(const QString &name, const QString &path,
                                                  const ReadRange &range) const
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<FileContent> {
        const auto at = m_store->fileAt(name, path);
        if (!at.ok())
            return at.error();
        return FileReader::read(at.value().dir, at.value().path, range, at.value().where);
    });
}

QFuture<Result<LineIndex>> Library::indexTsgFileLines(const QString &name, const QString &path, int every) const
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<LineIndex> {
        const auto at = m_store->fileAt(name, path);
        if (!at.ok())
            return at.error();
        return FileReader::indexLines(at.value().dir, at.value().path, every, at.value().where);
    });
}

QFuture<Result<QByteArray>> Library::readWholeTsgFile(const QString &name, const QString &path, qint64 maxBytes) const
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<QByteArray> {
        const auto at = m_store->fileAt(name, path);
        if (!at.ok())
            return at.error();
        return FileReader::readAll(at.value().dir, at.value().path, maxBytes, at.value().where);
    });
}

QFuture<Result<FileContent>> Library::readSessionFile(const QString &sessionId, const QString &fileName,
                                                      const ReadRange &range) const
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<FileContent> {
        const auto at = m_sessions->fileAt(sessionId, fileName);
        if (!at.ok())
            return at.error();
        return FileReader::read(at.value().dir, at.value().path, range, at.value().where);
    });
}

Result<UploadTarget> Library::resolveTarget(const UploadTarget &target) const
{
    if (target.isSession()) {
        if (const auto valid = NameRules::sessionId(target.name); !valid.ok())
            return valid.error();
        return target;
    }
    const auto stored = m_store->resolve(target.name);
    if (!stored)
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(target.name));
    return UploadTarget::tsg(*stored);
}

Result<QStringList> Library::checkBatch(const UploadTarget &target, const QList<FileToCheck> &files) const
{
    if (target.isSession())
        return UploadValidator::validateSessionUpload(files, config().session, m_sessions->fileCount(target.name));
    const auto paths = UploadValidator::validateTsgUpload(files, config().tsg);
    if (!paths.ok())
        return paths;
    if (const auto clash = m_store->checkCollisions(target.name, paths.value()); !clash.ok())
        return clash.error();
    return paths;
}

Result<UploadResult> Library::commitBatch(const UploadTarget &target, StagedBatch &staged, Origin origin)
{
    UploadResult result{.target = target};
    const qint64 bytes = staged.totalBytes();
    // The times the client gave (the originals'), set before the files move in: a rename keeps them.
    for (const StagedFile &f : staged.files())
        if (f.mtimeMs)
            if (const Status s = staged.folder().setModifiedTime(f.stagedName, *f.mtimeMs); !s.ok())
                qCWarning(lcLibrary) << "could not keep the modification time of" << f.targetPath << s.error().message;
    if (target.isTsg()) {
        QStringList paths;
        for (const StagedFile &f : staged.files()) {
            result.stored.append(
                {f.targetPath.section(u'/', -1), f.targetPath, f.size, FileTypes::typeOf(f.targetPath), f.sha256});
            paths << f.targetPath;
        }
        auto listing = m_store->commit(target.name, staged);
        if (!listing.ok())
            return listing.error();
        result.tsgFiles = listing.value();
        emit tsgFilesStored(target.name, paths, origin);
        emit tsgsChanged(origin);
        emit tsgFilesChanged(target.name, origin);
    } else {
        QStringList digests;
        for (const StagedFile &f : staged.files())
            digests << f.sha256;
        auto stored = m_sessions->commit(target.name, staged);
        if (!stored.ok())
            return stored.error();
        for (qsizetype i = 0; i < stored.value().size(); ++i) {
            const SessionFile &f = stored.value().at(i);
            result.stored.append({f.name, f.path, f.size, f.type, digests.value(i)});
        }
        emit sessionsChanged(target.name, origin);
    }
    emit uploadLanded(target, int(result.stored.size()), bytes, origin);
    return result;
}

QFuture<Result<UploadResult>> Library::upload(const UploadTarget &target, std::shared_ptr<UploadBatch> batch,
                                              Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<UploadResult> {
        QReadLocker names(&m_tsgNamesLock); // until the paths are held: a rename sees this upload
        const auto resolved = resolveTarget(target);
        if (!resolved.ok())
            return resolved.error();
        QStringList problems;
        const QList<FileToCheck> files = filesToCheck(*batch, &problems);
        if (!problems.isEmpty())
            return Error::batch(ErrorKind::Invalid, problems);
        const auto paths = checkBatch(resolved.value(), files);
        if (!paths.ok())
            return paths.error();
        std::shared_ptr<void> hold; // a TSG's paths: no other upload writes them meanwhile
        if (resolved.value().isTsg()) {
            auto held = m_uploads->holdPaths(resolved.value().name, paths.value());
            if (!held.ok())
                return held.error();
            hold = std::move(held).value();
        }
        names.unlock();
        auto staged = BatchWriter::write(m_folder->stagingDir(), *batch, paths.value());
        if (!staged.ok())
            return staged.error();
        return commitBatch(resolved.value(), staged.value(), origin);
    });
}

Result<QList<ChunkedFileSpec>> Library::checkChunkedFiles(QList<ChunkedFileSpec> files,
                                                          const UploadTarget &target) const
{
    QStringList problems;
    QList<FileToCheck> toCheck;
    for (ChunkedFileSpec &f : files) {
        if (f.size < 0)
            problems << QStringLiteral("%1: size must be a whole number of bytes, 0 or more").arg(f.path);
        f.sha256 = f.sha256.toLower();
        if (!f.sha256.isEmpty() && !ChunkedUploads::isLowerHex(f.sha256, 64))
            problems << QStringLiteral("%1: sha256 must be 64 hexadecimal characters").arg(f.path);
        toCheck.append({f.path, std::max<qint64>(f.size, 0)});
    }
    if (!problems.isEmpty())
        return Error::batch(ErrorKind::Invalid, problems);
    const auto paths = checkBatch(target, toCheck);
    if (!paths.ok())
        return paths.error();
    for (qsizetype i = 0; i < files.size(); ++i)
        files[i].targetPath = paths.value().value(i);
    return files;
}

QFuture<Result<ChunkedUploadInfo>> Library::beginUpload(const UploadTarget &target, const QList<ChunkedFileSpec> &files)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<ChunkedUploadInfo> {
        QReadLocker names(&m_tsgNamesLock); // until the upload is open: a rename sees it
        const auto resolved = resolveTarget(target);
        if (!resolved.ok())
            return resolved.error();
        const auto checked = checkChunkedFiles(files, resolved.value());
        if (!checked.ok())
            return checked.error();
        return m_uploads->begin(resolved.value(), checked.value(), config().desk);
    });
}

QFuture<Result<ChunkedCommitResult>> Library::commitUpload(const QString &id, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<ChunkedCommitResult> {
        const auto found = openUpload(id);
        if (!found.ok())
            return found.error();
        const std::shared_ptr<ChunkedUpload> &up = found.value();
        const ChunkedUploadInfo info = up->info();
        // The rules are checked again: the TSG may be gone, a file may have appeared, the limits changed.
        const auto target = resolveTarget(info.target);
        if (!target.ok())
            return Error::notFound(
                QStringLiteral("TSG '%1' not found; the upload is kept until it expires or is aborted")
                    .arg(info.target.name));
        const auto rechecked = checkChunkedFiles(info.files, target.value());
        if (!rechecked.ok())
            return rechecked.error();
        auto files = up->beginCommit();
        if (!files.ok())
            return files.error();
        auto uploads = SafeDir::openRoot(m_folder->uploadsDir());
        if (!uploads.ok()) {
            up->endCommit(false);
            return uploads.error();
        }
        StagedBatch staged(std::move(uploads).value(), id, std::move(files).value());
        auto committed = commitBatch(target.value(), staged, origin);
        if (!committed.ok()) {
            staged.release(); // the received data stays for another try
            up->endCommit(false);
            return committed.error();
        }
        up->endCommit(true);
        m_uploads->committed(id);
        return ChunkedCommitResult{.upload = info, .result = std::move(committed).value()};
    });
}

QFuture<Result<ChunkedResume>> Library::resumeUpload(const QString &id)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<ChunkedResume> {
        const auto up = openUpload(id);
        if (!up.ok())
            return up.error();
        const int generation = up.value()->claim();
        return ChunkedResume{.generation = generation, .upload = up.value()->info()};
    });
}

Result<std::shared_ptr<ChunkedUpload>> Library::openUpload(const QString &id) const
{
    QString whyNot;
    auto up = m_uploads->find(id, &whyNot);
    if (!up)
        return Error::notFound(whyNot);
    return up;
}

std::shared_ptr<ChunkedUpload> Library::findUpload(const QString &id, QString *whyNot) const
{
    return m_uploads->find(id, whyNot);
}

QList<ChunkedUploadInfo> Library::openUploads() const
{
    return m_uploads->list();
}

void Library::startCleanup(int intervalMs)
{
    m_cleanup->start(intervalMs);
}

void Library::stopCleanup()
{
    m_cleanup->stop();
}

QFuture<CleanupReport> Library::runCleanupNow()
{
    return m_cleanup->runNow();
}

QFuture<Status> Library::abortUpload(const QString &id)
{
    return QtConcurrent::run(&m_pool, [=, this] { return m_uploads->abort(id); });
}

QFuture<Result<QList<SessionInfo>>> Library::sessions() const
{
    return QtConcurrent::run(&m_pool, [this] { return m_sessions->list(); });
}

QFuture<Result<SessionInfo>> Library::session(const QString &sessionId) const
{
    return QtConcurrent::run(&m_pool, [=, this] { return m_sessions->info(sessionId); });
}

QFuture<Result<QList<SessionFile>>> Library::sessionFiles(const QString &sessionId) const
{
    return QtConcurrent::run(&m_pool, [=, this] { return m_sessions->files(sessionId); });
}

QFuture<Result<SessionInfo>> Library::touchSession(const QString &sessionId, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this] {
        auto info = m_sessions->touch(sessionId);
        if (info.ok())
            emit sessionsChanged(sessionId, origin);
        return info;
    });
}

QFuture<Status> Library::deleteSession(const QString &sessionId, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Status {
        const auto freed = m_sessions->remove(sessionId);
        if (!freed.ok())
            return freed.error();
        emit sessionsChanged(sessionId, origin);
        return {};
    });
}

void Library::markSessionInUse(const QString &sessionId, bool inUse)
{
    QMutexLocker lock(&m_stateMutex);
    bool changed = false;
    if (inUse) {
        changed = ++m_sessionClients[sessionId] == 1;
    } else if (const auto it = m_sessionClients.find(sessionId); it != m_sessionClients.end()) {
        changed = --*it == 0;
        if (changed)
            m_sessionClients.erase(it);
    }
    lock.unlock();
    if (changed)
        emit sessionInUseChanged(sessionId, inUse);
}

QSet<QString> Library::sessionsInUse() const
{
    QMutexLocker lock(&m_stateMutex);
    return QSet<QString>(m_sessionClients.keyBegin(), m_sessionClients.keyEnd());
}

QFuture<Result<Config>> Library::updateConfig(std::function<void(Config &)> change, Origin origin)
{
    return QtConcurrent::run(&m_pool, [=, this]() -> Result<Config> {
        const std::optional<QString> before = activeTsg();
        auto saved = m_configStore->update(change);
        if (!saved.ok())
            return saved;
        {
            QMutexLocker lock(&m_stateMutex);
            m_config = saved.value();
            m_configWarnings.clear();
        }
        emit configChanged(origin);
        if (saved.value().activeTsg != before) {
            emit activeTsgChanged(saved.value().activeTsg, origin);
            emit tsgsChanged(origin);
        }
        return saved;
    });
}

} // namespace tsg
