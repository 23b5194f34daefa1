// The one shared model: owns the data folder, config, TSG store, sessions, trash and the cleanup
// service. Views (the WebSocket server, the window) call it from any thread; disk work runs on the
// library's own thread pool and each call returns a future. When state changes it emits a signal carrying the
// `origin` of the change (an opaque id the caller chose: a connection id, 0 for the window), so a
// view can tell its own changes from others'.
#pragma once

#include "chunkeduploads.h"
#include "cleanupservice.h"
#include "configstore.h"
#include "datafolder.h"
#include "filereader.h"
#include "result.h"
#include "sessionstore.h"
#include "trash.h"
#include "tsgstore.h"
#include "uploadbatch.h"
#include "uploadtarget.h"
#include "uploadvalidator.h"

#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QReadWriteLock>
#include <QSet>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace tsg {

using Origin = quint64; // who asked: 0 = the window / the app itself

// What an upload of either form stored.
struct UploadResult {
    UploadTarget target{};       // as stored: the TSG's stored name, or the session id
    QList<StoredFile> stored{};  // the batch's files as stored, in the batch's order
    QList<FileEntry> tsgFiles{}; // for a TSG: its whole listing after the commit; empty for a session
};

// What a chunked upload's commit stored, and the upload as it was just before.
struct ChunkedCommitResult {
    ChunkedUploadInfo upload{};
    UploadResult result{};
};

// A chunked upload taken over by a new connection (upload:resume): frames of `generation` are the ones taken.
struct ChunkedResume {
    int generation = 0;
    ChunkedUploadInfo upload{};
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
    // The stored name a TSG name refers to (case-insensitive), or nullopt when there is no such TSG.
    std::optional<QString> resolveTsg(const QString &name) const;
    // Moves on with every change to the TSG list (names, counts, sizes, dates): a cache key.
    quint64 tsgsVersion() const;
    std::optional<QString> activeTsg() const;
    Config config() const;
    QStringList configWarnings() const; // settings ignored at load, or why config.json is not written
    CleanupStatus cleanupStatus() const;

    // --- TSGs ---
    QFuture<Result<TsgInfo>> createTsg(const QString &name, const QString &description = {},
                                       const QStringList &tags = {}, Origin origin = 0);
    QFuture<Result<TrashEntry>> deleteTsg(const QString &name, Origin origin = 0);
    // A trashed TSG comes back under its name or newName; a trashed file (tsg:delete-file, or replaced by an
    // upload) goes back to its path in its TSG, or in the TSG newName names. The TSG as it is afterwards.
    QFuture<Result<TsgInfo>> restoreTsg(const QString &trashId, const QString &newName = {}, Origin origin = 0);
    // Renames a TSG and/or sets its description and tags (TsgStore::update). A rename is refused (Busy, naming
    // the upload) while a chunked upload to the TSG is open or an upload into it is being stored; the active
    // TSG follows a rename (memory and config.json, with activeTsgChanged). Emits tsgRenamed on a rename,
    // tsgMetadataChanged when the description or tags were given, then tsgsChanged, and tsgFilesChanged (under the
    // new name) on a rename.
    QFuture<Result<TsgUpdated>> updateTsg(const QString &name, const TsgUpdate &change, Origin origin = 0);
    // Moves one file of a TSG to the trash (TsgStore::removeFile), or a folder with its files when `what` allows
    // it (the window; tsg:delete-file takes files only); restoreTsg(entry.id) brings it back. Emits
    // tsgFilesRemoved (every file that went), tsgsChanged and tsgFilesChanged.
    QFuture<Result<TrashEntry>> deleteTsgFile(const QString &name, const QString &path, Origin origin = 0,
                                              TsgStore::Removable what = TsgStore::Removable::FileOnly);
    // Moves or renames a file or a folder within a TSG (TsgStore::moveFile); a file's new name keeps the upload
    // rules (its type allowed). Emits tsgFilesRemoved (the old paths), tsgFilesStored (the new), tsgsChanged and
    // tsgFilesChanged.
    QFuture<Result<TsgInfo>> moveTsgFile(const QString &name, const QString &from, const QString &to,
                                         Origin origin = 0);
    // Makes an empty folder in a TSG (TsgStore::makeFolder). Emits tsgsChanged and tsgFilesChanged.
    QFuture<Result<TsgInfo>> makeTsgFolder(const QString &name, const QString &path, Origin origin = 0);
    QFuture<Result<QList<TrashEntry>>> trash() const;
    // Removes one trash entry for good (NotFound for an unknown id), or without an id every entry: what cleanup
    // would do later, now. Emits trashChanged.
    QFuture<Result<Trash::Purged>> purgeTrash(const QString &trashId = {});
    // nullopt clears the selection. An unknown TSG is NotFound. Persists in config.json, and in the
    // session's metadata when `sessionId` is given.
    QFuture<Result<std::optional<QString>>> selectTsg(const std::optional<QString> &name, Origin origin = 0,
                                                      const QString &sessionId = {});
    QFuture<Result<QList<FileEntry>>> tsgFiles(const QString &name) const;
    // Reads part of a TSG's file (`path` relative to its folder, checked as an upload's path is; never through a
    // symbolic link): see FileReader for the range and the limits. An unknown TSG or file is NotFound.
    QFuture<Result<FileContent>> readTsgFile(const QString &name, const QString &path, const ReadRange &range) const;
    // Where the lines of a TSG's text file start, every `every` lines (FileReader::indexLines), so that a view
    // reads only the lines it shows. One pass over the file on a worker thread.
    QFuture<Result<LineIndex>> indexTsgFileLines(const QString &name, const QString &path, int every) const;
    // A TSG's whole file as it is on disk (a PDF or an image to show), at most `maxBytes`, confined as
    // readTsgFile is (never through a symbolic link).
    QFuture<Result<QByteArray>> readWholeTsgFile(const QString &name, const QString &path, qint64 maxBytes) const;

    // --- Uploads, to a TSG or a session ---
    // Validates (real sizes, types, paths, collisions), stages, commits all or nothing.
    QFuture<Result<UploadResult>> upload(const UploadTarget &target, std::shared_ptr<UploadBatch> batch,
                                         Origin origin = 0);

    // Chunked uploads (large files over flaky links; see ChunkedUploads). Validated like upload(), with the
    // declared sizes, which the chunks must then fill exactly; nothing is visible until commitUpload().
    QFuture<Result<ChunkedUploadInfo>> beginUpload(const UploadTarget &target, const QList<ChunkedFileSpec> &files);
    // Waits for the writer, checks sizes and digests, then moves the files into place all or nothing.
    QFuture<Result<ChunkedCommitResult>> commitUpload(const QString &id, Origin origin = 0);
    QFuture<Status> abortUpload(const QString &id);
    // Frames of earlier connections stop being taken and what they queued is written (see ChunkedUpload::claim).
    QFuture<Result<ChunkedResume>> resumeUpload(const QString &id);
    // For the socket threads, per frame (memory only): nullptr with the reason when the id is unknown or finished.
    std::shared_ptr<ChunkedUpload> findUpload(const QString &id, QString *whyNot = nullptr) const;
    QList<ChunkedUploadInfo> openUploads() const;

    // --- Sessions ---
    QFuture<Result<QList<SessionInfo>>> sessions() const;
    QFuture<Result<SessionInfo>> session(const QString &sessionId) const;
    QFuture<Result<QList<SessionFile>>> sessionFiles(const QString &sessionId) const;
    // Reads part of a session's file `fileName` (as session:get-files names it), as readTsgFile does.
    QFuture<Result<FileContent>> readSessionFile(const QString &sessionId, const QString &fileName,
                                                 const ReadRange &range) const;
    QFuture<Result<SessionInfo>> touchSession(const QString &sessionId, Origin origin = 0);
    QFuture<Status> deleteSession(const QString &sessionId, Origin origin = 0);
    // Sessions with a live client are never cleaned up. Each client marks a session it uses once and unmarks it
    // once, so a session stays in use until its last client leaves. Any thread; emits sessionInUseChanged when a
    // session's first client comes or its last one goes.
    void markSessionInUse(const QString &sessionId, bool inUse);
    // The sessions a client is connected to now (the window shows which).
    QSet<QString> sessionsInUse() const;

    // --- Settings ---
    QFuture<Result<Config>> updateConfig(std::function<void(Config &)> change, Origin origin = 0);

    // --- Cleanup ---
    // Runs once now, then every intervalMs (the app passes the config's cleanupIntervalMinutes).
    void startCleanup(int intervalMs);
    void stopCleanup();
    // Runs now (unless a run is under way); the future finishes with the report.
    QFuture<CleanupReport> runCleanupNow();

signals:
    void tsgsChanged(tsg::Origin origin);                             // list, counts, sizes, dates
    void tsgFilesChanged(const QString &tsgName, tsg::Origin origin); // a TSG's files
    void activeTsgChanged(const std::optional<QString> &name, tsg::Origin origin);
    void sessionsChanged(const QString &sessionId, tsg::Origin origin);
    // A client connected to the session (inUse) or its last one went; emitted on the thread that marked it.
    void sessionInUseChanged(const QString &sessionId, bool inUse);
    void configChanged(tsg::Origin origin);
    void cleanupStatusChanged(const tsg::CleanupStatus &status);
    void cleanupFinished(const tsg::CleanupReport &report);
    void trashChanged(); // entries purged for good from the window (not by cleanup, which says cleanupFinished)
    // An upload landed (for tray notifications).
    void uploadLanded(const tsg::UploadTarget &target, int files, qint64 bytes, tsg::Origin origin);

    // Precise changes of the TSGs' content, for those that keep something per file (the search index). Emitted on
    // the library's worker thread that made the change, after it is on disk; names are the stored names.
    // A commit of either upload form wrote (or replaced) these files, paths relative to the TSG folder.
    void tsgFilesStored(const QString &tsgName, const QStringList &paths, tsg::Origin origin);
    // These files were removed from the TSG (moved to the trash).
    void tsgFilesRemoved(const QString &tsgName, const QStringList &paths, tsg::Origin origin);
    void tsgCreated(const QString &tsgName, tsg::Origin origin);
    void tsgRemoved(const QString &tsgName, tsg::Origin origin); // moved to the trash
    void tsgRestored(const QString &tsgName, tsg::Origin origin);
    // The TSG's metadata (description, tags) changed.
    void tsgMetadataChanged(const QString &tsgName, tsg::Origin origin);
    // TSG `oldName` is now `newName` (its folder was renamed; they may differ in case only). Before tsgsChanged.
    void tsgRenamed(const QString &oldName, const QString &newName, tsg::Origin origin);

private:
    Library(std::unique_ptr<DataFolder> folder, LoadedConfig config, QObject *parent);
    Result<Config> setActive(const std::optional<QString> &name); // memory, then config.json
    // The one pipeline of both upload forms: checks a batch against the target's rules and its present
    // content, then moves the staged files in.
    Result<QStringList> checkBatch(const UploadTarget &target, const QList<FileToCheck> &files) const;
    Result<UploadResult> commitBatch(const UploadTarget &target, StagedBatch &staged, Origin origin);
    Result<QList<ChunkedFileSpec>> checkChunkedFiles(QList<ChunkedFileSpec> files, const UploadTarget &target) const;
    // The open chunked upload `id`, or NotFound saying why it is gone.
    Result<std::shared_ptr<ChunkedUpload>> openUpload(const QString &id) const;
    // The target with a TSG's stored name; NotFound when the TSG does not exist.
    Result<UploadTarget> resolveTarget(const UploadTarget &target) const;

    mutable QThreadPool m_pool; // every task of the library runs here; the destructor waits for them
    std::unique_ptr<DataFolder> m_folder;
    std::unique_ptr<ConfigStore> m_configStore;
    std::unique_ptr<Trash> m_trash;
    std::unique_ptr<TsgStore> m_store;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<ChunkedUploads> m_uploads;
    std::unique_ptr<CleanupService> m_cleanup;

    // Write-held by a rename; read-held by an upload from resolving its TSG until it is open or holds its paths,
    // so that an upload begun meanwhile is seen by the rename's busy check (never begun to a name just gone).
    QReadWriteLock m_tsgNamesLock;

    mutable QMutex m_stateMutex; // guards the fields below
    Config m_config;
    QStringList m_configWarnings;
    QHash<QString, int> m_sessionClients; // sessionId -> how many clients use it now (never 0)
};

} // namespace tsg

Q_DECLARE_METATYPE(tsg::UploadTarget)
