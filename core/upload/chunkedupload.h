// One chunked upload, kept in .tsgdesk/uploads/<id>/ (upload.json plus one data file per file) so it
// survives a dropped connection or a restart. Chunks are checked on the socket's thread, then
// written and hashed in order by a writer task on a thread pool; only written bytes count as held.
#pragma once

#include "result.h"
#include "safedir.h"
#include "sha256.h"
#include "uploadbatch.h"
#include "uploadtarget.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace tsg {

struct StagedFile;

struct ChunkedFileSpec {
    QString path{};       // as the client named it: TSG-relative path, or session file name
    QString targetPath{}; // the validated path a commit stores it under
    qint64 size = 0;
    QString sha256{};                // expected digest (lower-case hex), empty when the client gave none
    QString type{};                  // the client's MIME type, informational
    std::optional<qint64> mtimeMs{}; // the modification time the commit sets (ms since the epoch)
};

// A snapshot for replies and views.
struct ChunkedUploadInfo {
    QString id{};
    UploadTarget target{};
    QList<ChunkedFileSpec> files{};
    QList<qint64> received{}; // per file: bytes written to disk
    qint64 bytesReceived = 0;
    qint64 bytesTotal = 0;
    QDateTime createdAt{};
    QDateTime lastActivity{};
};

// Told to whoever follows an upload (the connection that began or resumed it), from the writer.
struct ChunkedEvent {
    UploadProgress progress{};
    std::optional<Error> error{}; // set when the upload failed and was removed
};
using ChunkedListener = std::function<void(const ChunkedEvent &)>;

// Why a chunk was refused; expectedOffset tells the client where to continue (-1: nowhere).
struct ChunkRefusal {
    ErrorKind kind = ErrorKind::Invalid;
    QString message{};
    qint64 expectedOffset = -1; // where the file's next chunk must start, when the upload has the file
};

class ChunkedUpload : public std::enable_shared_from_this<ChunkedUpload> {
public:
    static constexpr auto kManifest = "upload.json";

    // Creates <id>/ with empty data files; the manifest is written last, so a crash half-way
    // leaves a folder load() recognises as broken.
    static Result<std::shared_ptr<ChunkedUpload>> create(const SafeDir &uploads, const QString &id,
                                                         const UploadTarget &target,
                                                         const QList<ChunkedFileSpec> &files, QThreadPool *writers);
    // Reads an upload an earlier run left; what it holds of each file is the data file's size.
    static Result<std::shared_ptr<ChunkedUpload>> load(const SafeDir &uploads, const QString &id, QThreadPool *writers);

    ChunkedUploadInfo info() const;
    const QString &id() const { return m_id; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    // Failed (disk full, I/O error) or removed; the message says why.
    std::optional<QString> closedReason() const;

    void setListener(ChunkedListener listener);

    // At most this many frames wait for the writer; a further frame waits (up to kQueueWaitMs) for room,
    // which stops the socket being read: tiny frames cannot grow memory per frame past this.
    static constexpr qsizetype kMaxQueuedFrames = 1024;
    static constexpr int kQueueWaitMs = 10000;

    // Which connection's frames are taken: begin hands out generation 0, every claim() a new one.
    int generation() const;
    // For a resume: frames from holders of an older generation are refused from now on, and the
    // chunks they already queued are written before this returns, so info() is final for them.
    // Blocks on the writer: not for the socket thread.
    int claim();
    // Where file `fileIndex` continues (-1 when there is no such file), for refusals.
    qint64 expectedOffset(qint64 fileIndex) const;

    // Socket thread: checks one chunk (payload = frame bytes from payloadOffset on) and queues it.
    // On refusal nothing changes. The frame is shared, not copied. `generation` is the sender's.
    std::optional<ChunkRefusal> accept(int fileIndex, qint64 offset, const QByteArray &frame, qsizetype payloadOffset,
                                       qint64 maxChunk, qint64 window, int generation = 0);

    // Stops taking chunks, waits for the writer, checks every file is complete and matches its
    // digest. A mismatching file is emptied so it can be sent again. On success the upload stays
    // in "committing" until endCommit().
    Result<std::vector<StagedFile>> beginCommit();
    // After the store took the files (committed) or refused them (the upload takes chunks again).
    void endCommit(bool committed);

    // Removes the folder; later chunks are refused with `reason`. Refused (Busy) while committing,
    // and, when `idleBefore` is valid, while chunks are queued or one arrived since then.
    Status remove(const SafeDir &uploads, const QString &reason, const QDateTime &idleBefore = {});

private:
    struct FileState {
        qint64 accepted = 0; // written plus queued
        qint64 written = 0;
        Sha256 hash;
        qint64 hashed = 0; // bytes of the file fed to `hash`
        QString digest;    // once complete and hashed
    };
    struct Chunk {
        int file;
        qint64 offset;
        QByteArray frame;
        qsizetype payloadOffset;
        qint64 size() const { return frame.size() - payloadOffset; }
    };
    enum class State { Open, Committing, Closed };

    ChunkedUpload() = default;
    void drain();                          // writer task: writes queued chunks in order
    Status writeChunk(const Chunk &chunk); // no lock held
    Status catchUpHash(int index, qint64 upTo);
    UploadProgress progressLocked() const;
    void fail(const Error &why);

    QString m_id;
    UploadTarget m_target;
    QList<ChunkedFileSpec> m_files;
    qint64 m_bytesTotal = 0;
    QDateTime m_createdAt;
    QThreadPool *m_writers = nullptr;
    QString m_uploadsPath; // the folder holding <id>/
    SafeDir m_dir;         // <id>/

    mutable QMutex m_mutex; // guards everything below
    QWaitCondition m_idle;  // the writer has nothing left to do
    QWaitCondition m_room;  // the writer took a chunk off the queue
    int m_generation = 0;
    std::vector<FileState> m_state;
    std::deque<Chunk> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_draining = false;
    State m_phase = State::Open;
    QString m_closedReason;
    QDateTime m_lastActivity;
    ChunkedListener m_listener;
};

} // namespace tsg
