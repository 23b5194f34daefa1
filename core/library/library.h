// The one shared model: owns the data folder, config, TSG store, sessions, trash and the cleanup
// service. Views (the WebSocket server, the window) call it from any thread; disk work runs on the
// thread pool and each call returns a future. When state changes it emits a signal carrying the
// `origin` of the change (an opaque id the caller chose: a connection id, 0 for the window), so a
// view can tell its own changes from others'.
#pragma once

#include "chunkeduploads.h"
#include "cleanupservice.h"
#include "configstore.h"
#include "datafolder.h"
#include "result.h"
#include "sessionstore.h"
#include "trash.h"
#include "tsgstore.h"
#include "uploadbatch.h"
#include "uploadvalidator.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace tsg {

using Origin = quint64; // who asked: 0 = the window / the app itself

struct TsgUploadResult {
    QString tsgName;
    QList<StoredFile> stored;   // the batch's files as stored
    QList<FileEntry> files;     // the TSG's whole listing after the commit
};

struct SessionUploadResult {
    QString sessionId;
    QList<SessionFile> stored;
};

// What a chunked upload's commit stored: one of the two, as upload.toSession says.
struct ChunkedCommitResult {
    ChunkedUploadInfo upload;   // what was committed, as it was just before
    TsgUploadResult tsg;
    SessionUploadResult session;
};

class Library : public QObject {
    Q_OBJECT
public:
    // Opens (creating) the data folder, takes its lock, loads config (a broken config.json is kept
    // and reported in configWarnings()), removes crash-leftover staging and indexes the TSGs.
    static Result<std::unique_ptr<Library>> open(const QString &dataDir, QObject *parent = nullptr);
    ~Library() override;

    const DataFolder &folder() const { return *m_folder; }

    // --- State, answered from memory (thread-safe, no disk) ---
    QList<TsgInfo> tsgs() const;
    std::optional<QString> activeTsg() const;
    Config config() const;
    QStringList configWarnings() const;   // settings ignored at load, or why config.json is not written
    CleanupStatus cleanupStatus() const;

    // --- TSGs ---
    QFuture<Result<TsgInfo>> createTsg(const QString &name, const QString &description = {},
                                       const QStringList &tags = {}, Origin origin = 0);
    QFuture<Result<TrashEntry>> deleteTsg(const QString &name, Origin origin = 0);
    QFuture<Result<TsgInfo>> restoreTsg(const QString &trashId, const QString &newName = {}, Origin origin = 0);
    QFuture<Result<QList<TrashEntry>>> trash() const;
    // nullopt clears the selection. An unknown TSG is NotFound. Persists in config.json.
    QFuture<Result<std::optional<QString>>> selectTsg(const std::optional<QString> &name, Origin origin = 0);
    QFuture<Result<QList<FileEntry>>> tsgFiles(const QString &name) const;

    // Validates (real sizes, types, paths, collisions), stages, commits all or nothing.
    QFuture<Result<TsgUploadResult>> uploadToTsg(const QString &name, std::shared_ptr<UploadBatch> batch,
                                                 Origin origin = 0);

    // --- Chunked uploads (large files over flaky links; see ChunkedUploads) ---
    // Validated like the single-message form (sizes are the declared ones, which the chunks must
    // then fill exactly); nothing is visible in the library until commitUpload().
    QFuture<Result<ChunkedUploadInfo>> beginTsgUpload(const QString &name, const QList<ChunkedFileSpec> &files);
    QFuture<Result<ChunkedUploadInfo>> beginSessionUpload(const QString &sessionId, const QList<ChunkedFileSpec> &files);
    // Waits for the writer, checks sizes and digests, then moves the files into place all or nothing.
    QFuture<Result<ChunkedCommitResult>> commitUpload(const QString &id, Origin origin = 0);
    QFuture<Status> abortUpload(const QString &id);
    ChunkedUploads &uploads() { return *m_uploads; }

    // --- Sessions ---
    QFuture<Result<SessionUploadResult>> uploadToSession(const QString &sessionId, std::shared_ptr<UploadBatch> batch,
                                                         Origin origin = 0);
    QFuture<Result<QList<SessionInfo>>> sessions() const;
    QFuture<Result<SessionInfo>> session(const QString &sessionId) const;
    QFuture<Result<QList<SessionFile>>> sessionFiles(const QString &sessionId) const;
    QFuture<Result<SessionInfo>> touchSession(const QString &sessionId, Origin origin = 0);
    QFuture<Status> deleteSession(const QString &sessionId, Origin origin = 0);
    // Sessions with a live client are never cleaned up.
    void markSessionInUse(const QString &sessionId, bool inUse);

    // --- Settings ---
    QFuture<Result<Config>> updateConfig(std::function<void(Config &)> change, Origin origin = 0);

    // --- Cleanup ---
    CleanupService &cleanup() { return *m_cleanup; }

    // Direct access for the chunked-upload registry and tests.
    TsgStore &store() { return *m_store; }
    SessionStore &sessionStore() { return *m_sessions; }
    Trash &trashStore() { return *m_trash; }

signals:
    void tsgsChanged(tsg::Origin origin);                              // list, counts, sizes, dates
    void tsgFilesChanged(const QString &tsgName, tsg::Origin origin);  // a TSG's files
    void activeTsgChanged(const std::optional<QString> &name, tsg::Origin origin);
    void sessionsChanged(const QString &sessionId, tsg::Origin origin);
    void configChanged(tsg::Origin origin);
    void cleanupStatusChanged(const tsg::CleanupStatus &status);
    // An upload landed (for tray notifications): target is a TSG name or a session id.
    void uploadLanded(bool toSession, const QString &target, int files, qint64 bytes, tsg::Origin origin);

private:
    Library(std::unique_ptr<DataFolder> folder, LoadedConfig config, bool configBroken, QObject *parent);
    Result<Config> setActive(const std::optional<QString> &name); // memory, then config.json
    // Shared by the single-message and the chunked forms: checks, then moves a staged batch in.
    Result<QStringList> checkTsgBatch(const QString &storedName, const QList<FileToCheck> &files) const;
    Result<QStringList> checkSessionBatch(const QString &sessionId, const QList<FileToCheck> &files) const;
    Result<TsgUploadResult> commitToTsg(const QString &storedName, StagedBatch &staged, Origin origin);
    Result<SessionUploadResult> commitToSession(const QString &sessionId, StagedBatch &staged, Origin origin);
    Result<QList<ChunkedFileSpec>> checkChunkedFiles(QList<ChunkedFileSpec> files, bool toSession,
                                                     const QString &target) const;

    std::unique_ptr<DataFolder> m_folder;
    std::unique_ptr<ConfigStore> m_configStore;
    std::unique_ptr<Trash> m_trash;
    std::unique_ptr<TsgStore> m_store;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<ChunkedUploads> m_uploads;
    std::unique_ptr<CleanupService> m_cleanup;

    mutable QMutex m_stateMutex;   // guards the fields below
    Config m_config;
    QStringList m_configWarnings;
    bool m_configBroken = false;
    QSet<QString> m_sessionsInUse;
};

} // namespace tsg

