#include "library.h"

#include "logging.h"
#include "namerules.h"
#include "uploadvalidator.h"
#include "filetypes.h"

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

Library::Library(std::unique_ptr<DataFolder> folder, LoadedConfig config, bool configBroken, QObject *parent)
    : QObject(parent), m_folder(std::move(folder)), m_config(config.config), m_configWarnings(config.warnings),
      m_configBroken(configBroken)
{
    qRegisterMetaType<tsg::Origin>("tsg::Origin");
    qRegisterMetaType<std::optional<QString>>();
    m_configStore = std::make_unique<ConfigStore>(m_folder->configFile());
    m_trash = std::make_unique<Trash>(*m_folder);
    m_store = std::make_unique<TsgStore>(*m_folder, *m_trash);
    m_sessions = std::make_unique<SessionStore>(*m_folder);
    m_uploads = std::make_unique<ChunkedUploads>(*m_folder);
    m_cleanup = std::make_unique<CleanupService>(*m_folder, *m_sessions, *m_trash, [this] {
        QMutexLocker lock(&m_stateMutex);
        return CleanupService::Inputs{m_config, m_sessionsInUse};
    });
    m_cleanup->setExpireUploads([this](const QDateTime &cutoff) { return m_uploads->expire(cutoff); });
    connect(m_cleanup.get(), &CleanupService::statusChanged, this, &Library::cleanupStatusChanged);
    connect(m_cleanup.get(), &CleanupService::finished, this, [this](const CleanupReport &report) {
        if (!report.removedSessions.isEmpty())
            emit sessionsChanged(QString(), 0);
    });
}

Library::~Library()
{
    m_cleanup->stop();
    QThreadPool::globalInstance()->waitForDone(); // no task may outlive the stores it uses
}

Result<std::unique_ptr<Library>> Library::open(const QString &dataDir, QObject *parent)
{
    auto folder = DataFolder::open(dataDir);
    if (!folder.ok())
        return folder.error();
    ConfigStore configStore(folder.value()->configFile());
    auto loaded = configStore.load();
    LoadedConfig config;
    bool broken = false;
    if (loaded.ok()) {
        config = loaded.value();
    } else {
        broken = true;
        config.warnings << loaded.error().message;
        qCWarning(lcConfig) << loaded.error().message << "- running on defaults; the file is left as it is";
    }
    removeStagingLeftovers(*folder.value()); // chunked uploads live apart, in uploads/, and are kept
    std::unique_ptr<Library> library(new Library(std::move(folder).value(), config, broken, parent));
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

QList<TsgInfo> Library::tsgs() const { return m_store->list(); }

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

CleanupStatus Library::cleanupStatus() const { return m_cleanup->status(); }

QFuture<Result<TsgInfo>> Library::createTsg(const QString &name, const QString &description, const QStringList &tags,
                                            Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<TsgInfo> {
        auto created = m_store->create(name, description, tags);
        if (created.ok())
            emit tsgsChanged(origin);
        return created;
    });
}

QFuture<Result<TrashEntry>> Library::deleteTsg(const QString &name, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<TrashEntry> {
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        auto entry = m_store->remove(*stored);
        if (!entry.ok())
            return entry;
        if (activeTsg() == stored) {
            const auto cleared = setActive(std::nullopt);
            if (!cleared.ok())
                qCWarning(lcLibrary) << "deleted the active TSG but could not clear activeTSG:" << cleared.error().message;
            emit activeTsgChanged(std::nullopt, origin);
        }
        emit tsgsChanged(origin);
        return entry;
    });
}

QFuture<Result<TsgInfo>> Library::restoreTsg(const QString &trashId, const QString &newName, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<TsgInfo> {
        auto restored = m_store->restore(trashId, newName);
        if (restored.ok())
            emit tsgsChanged(origin);
        return restored;
    });
}

QFuture<Result<QList<TrashEntry>>> Library::trash() const
{
    return QtConcurrent::run([this] { return m_trash->list(); });
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
        m_configBroken = false;
    }
    return saved;
}

QFuture<Result<std::optional<QString>>> Library::selectTsg(const std::optional<QString> &name, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<std::optional<QString>> {
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
        return stored;
    });
}

QFuture<Result<QList<FileEntry>>> Library::tsgFiles(const QString &name) const
{
    return QtConcurrent::run([=, this] { return m_store->files(name); });
}

Result<QStringList> Library::checkTsgBatch(const QString &storedName, const QList<FileToCheck> &files) const
{
    const auto paths = UploadValidator::validateTsgUpload(files, config().tsg);
    if (!paths.ok())
        return paths;
    if (const auto clash = m_store->checkCollisions(storedName, paths.value()); !clash.ok())
        return clash.error();
    return paths;
}

Result<QStringList> Library::checkSessionBatch(const QString &sessionId, const QList<FileToCheck> &files) const
{
    if (const auto valid = NameRules::sessionId(sessionId); !valid.ok())
        return valid.error();
    return UploadValidator::validateSessionUpload(files, config().session, m_sessions->fileCount(sessionId));
}

Result<TsgUploadResult> Library::commitToTsg(const QString &storedName, StagedBatch &staged, Origin origin)
{
    TsgUploadResult result;
    result.tsgName = storedName;
    for (const StagedFile &f : staged.files())
        result.stored.append({f.targetPath.section(u'/', -1), f.targetPath, f.size, FileTypes::typeOf(f.targetPath), f.sha256});
    const qint64 bytes = staged.totalBytes();
    auto listing = m_store->commit(storedName, staged);
    if (!listing.ok())
        return listing.error();
    result.files = listing.value();
    emit tsgsChanged(origin);
    emit tsgFilesChanged(storedName, origin);
    emit uploadLanded(false, storedName, int(result.stored.size()), bytes, origin);
    return result;
}

Result<SessionUploadResult> Library::commitToSession(const QString &sessionId, StagedBatch &staged, Origin origin)
{
    const qint64 bytes = staged.totalBytes();
    auto stored = m_sessions->commit(sessionId, staged);
    if (!stored.ok())
        return stored.error();
    emit sessionsChanged(sessionId, origin);
    emit uploadLanded(true, sessionId, int(stored.value().size()), bytes, origin);
    return SessionUploadResult{sessionId, stored.value()};
}

QFuture<Result<TsgUploadResult>> Library::uploadToTsg(const QString &name, std::shared_ptr<UploadBatch> batch,
                                                      Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<TsgUploadResult> {
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        QStringList problems;
        const QList<FileToCheck> files = filesToCheck(*batch, &problems);
        if (!problems.isEmpty())
            return Error::batch(ErrorKind::Invalid, problems);
        const auto paths = checkTsgBatch(*stored, files);
        if (!paths.ok())
            return paths.error();
        const auto hold = m_uploads->holdPaths(*stored, paths.value()); // no other upload writes them meanwhile
        if (!hold.ok())
            return hold.error();
        auto staged = BatchWriter::write(m_folder->stagingDir(), *batch, paths.value());
        if (!staged.ok())
            return staged.error();
        return commitToTsg(*stored, staged.value(), origin);
    });
}

QFuture<Result<SessionUploadResult>> Library::uploadToSession(const QString &sessionId,
                                                              std::shared_ptr<UploadBatch> batch, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<SessionUploadResult> {
        QStringList problems;
        const QList<FileToCheck> files = filesToCheck(*batch, &problems);
        if (!problems.isEmpty())
            return Error::batch(ErrorKind::Invalid, problems);
        const auto names = checkSessionBatch(sessionId, files);
        if (!names.ok())
            return names.error();
        auto staged = BatchWriter::write(m_folder->stagingDir(), *batch, names.value());
        if (!staged.ok())
            return staged.error();
        return commitToSession(sessionId, staged.value(), origin);
    });
}

Result<QList<ChunkedFileSpec>> Library::checkChunkedFiles(QList<ChunkedFileSpec> files, bool toSession,
                                                          const QString &target) const
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
    const auto paths = toSession ? checkSessionBatch(target, toCheck) : checkTsgBatch(target, toCheck);
    if (!paths.ok())
        return paths.error();
    for (qsizetype i = 0; i < files.size(); ++i)
        files[i].targetPath = paths.value().value(i);
    return files;
}

QFuture<Result<ChunkedUploadInfo>> Library::beginTsgUpload(const QString &name, const QList<ChunkedFileSpec> &files)
{
    return QtConcurrent::run([=, this]() -> Result<ChunkedUploadInfo> {
        const auto stored = m_store->resolve(name);
        if (!stored)
            return Error::notFound(QStringLiteral("TSG '%1' not found").arg(name));
        const auto checked = checkChunkedFiles(files, false, *stored);
        if (!checked.ok())
            return checked.error();
        return m_uploads->begin(false, *stored, checked.value(), config().desk);
    });
}

QFuture<Result<ChunkedUploadInfo>> Library::beginSessionUpload(const QString &sessionId,
                                                               const QList<ChunkedFileSpec> &files)
{
    return QtConcurrent::run([=, this]() -> Result<ChunkedUploadInfo> {
        const auto checked = checkChunkedFiles(files, true, sessionId);
        if (!checked.ok())
            return checked.error();
        return m_uploads->begin(true, sessionId, checked.value(), config().desk);
    });
}

QFuture<Result<ChunkedCommitResult>> Library::commitUpload(const QString &id, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<ChunkedCommitResult> {
        QString whyNot;
        const auto up = m_uploads->find(id, &whyNot);
        if (!up)
            return Error::notFound(whyNot);
        const ChunkedUploadInfo info = up->info();
        // The rules are checked again: the TSG may be gone, a file may have appeared, the limits changed.
        std::optional<QString> target = info.toSession ? std::optional<QString>(info.target) : m_store->resolve(info.target);
        if (!target)
            return Error::notFound(QStringLiteral("TSG '%1' not found; the upload is kept until it expires or is aborted")
                                       .arg(info.target));
        const auto rechecked = checkChunkedFiles(info.files, info.toSession, *target);
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
        ChunkedCommitResult result;
        result.upload = info;
        Status committed;
        if (info.toSession) {
            auto r = commitToSession(*target, staged, origin);
            committed = r.ok() ? Status() : Status(r.error());
            if (r.ok())
                result.session = std::move(r).value();
        } else {
            auto r = commitToTsg(*target, staged, origin);
            committed = r.ok() ? Status() : Status(r.error());
            if (r.ok())
                result.tsg = std::move(r).value();
        }
        if (!committed.ok()) {
            staged.release(); // the received data stays for another try
            up->endCommit(false);
            return committed.error();
        }
        up->endCommit(true);
        m_uploads->committed(id);
        return result;
    });
}

QFuture<Status> Library::abortUpload(const QString &id)
{
    return QtConcurrent::run([=, this] { return m_uploads->abort(id); });
}

QFuture<Result<QList<SessionInfo>>> Library::sessions() const
{
    return QtConcurrent::run([this] { return m_sessions->list(); });
}

QFuture<Result<SessionInfo>> Library::session(const QString &sessionId) const
{
    return QtConcurrent::run([=, this] { return m_sessions->info(sessionId); });
}

QFuture<Result<QList<SessionFile>>> Library::sessionFiles(const QString &sessionId) const
{
    return QtConcurrent::run([=, this] { return m_sessions->files(sessionId); });
}

QFuture<Result<SessionInfo>> Library::touchSession(const QString &sessionId, Origin origin)
{
    return QtConcurrent::run([=, this] {
        auto info = m_sessions->touch(sessionId);
        if (info.ok())
            emit sessionsChanged(sessionId, origin);
        return info;
    });
}

QFuture<Status> Library::deleteSession(const QString &sessionId, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Status {
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
    if (inUse)
        m_sessionsInUse.insert(sessionId);
    else
        m_sessionsInUse.remove(sessionId);
}

QFuture<Result<Config>> Library::updateConfig(std::function<void(Config &)> change, Origin origin)
{
    return QtConcurrent::run([=, this]() -> Result<Config> {
        const std::optional<QString> before = activeTsg();
        auto saved = m_configStore->update(change);
        if (!saved.ok())
            return saved;
        {
            QMutexLocker lock(&m_stateMutex);
            m_config = saved.value();
            m_configBroken = false;
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
