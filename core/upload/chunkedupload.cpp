#include "chunkedupload.h"

#include "batchwriter.h"
#include "logging.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThreadPool>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace tsg {

namespace {

QString dataName(qsizetype index)
{
    return QStringLiteral("f%1").arg(index);
}

// Closes an owned file descriptor when it goes out of scope.
struct Fd {
    int fd;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

QJsonObject manifestJson(const QString &id, const UploadTarget &target, const QDateTime &createdAt,
                         const QList<ChunkedFileSpec> &files)
{
    QJsonArray list;
    for (const ChunkedFileSpec &f : files) {
        QJsonObject o{{QStringLiteral("path"), f.path},
                      {QStringLiteral("targetPath"), f.targetPath},
                      {QStringLiteral("size"), double(f.size)},
                      {QStringLiteral("sha256"), f.sha256},
                      {QStringLiteral("type"), f.type}};
        if (f.mtimeMs)
            o.insert(QStringLiteral("mtime"), double(*f.mtimeMs));
        list.append(o);
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("target"), target.word()},
            {QStringLiteral("name"), target.name},
            {QStringLiteral("createdAt"), createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("files"), list}};
}

} // namespace

Result<std::shared_ptr<ChunkedUpload>> ChunkedUpload::create(const SafeDir &uploads, const QString &id,
                                                             const UploadTarget &target,
                                                             const QList<ChunkedFileSpec> &files, QThreadPool *writers)
{
    auto dir = uploads.subdir(id, true);
    if (!dir.ok())
        return dir.error();
    std::shared_ptr<ChunkedUpload> up(new ChunkedUpload);
    up->m_id = id;
    up->m_target = target;
    up->m_files = files;
    up->m_writers = writers;
    up->m_uploadsPath = uploads.path();
    up->m_createdAt = up->m_lastActivity = QDateTime::currentDateTimeUtc();
    up->m_state.resize(size_t(files.size()));
    for (qsizetype i = 0; i < files.size(); ++i) {
        up->m_bytesTotal += files.at(i).size;
        const auto fd = dir.value().createFile(dataName(i));
        if (!fd.ok()) {
            (void)uploads.removeTree(id);
            return fd.error();
        }
        ::close(fd.value());
    }
    const QByteArray manifest = QJsonDocument(manifestJson(id, target, up->m_createdAt, files)).toJson();
    if (const auto s = dir.value().writeFileAtomic(QString::fromLatin1(kManifest), manifest); !s.ok()) {
        (void)uploads.removeTree(id);
        return s.error();
    }
    up->m_dir = std::move(dir).value();
    return up;
}

Result<std::shared_ptr<ChunkedUpload>> ChunkedUpload::load(const SafeDir &uploads, const QString &id,
                                                           QThreadPool *writers)
{
    auto dir = uploads.subdir(id);
    if (!dir.ok())
        return dir.error();
    const auto bytes = dir.value().readFile(QString::fromLatin1(kManifest));
    if (!bytes.ok())
        return bytes.error();
    const QJsonObject m = QJsonDocument::fromJson(bytes.value()).object();
    const QString target = m.value(u"target").toString();
    const QJsonArray list = m.value(u"files").toArray();
    if (m.value(u"id").toString() != id || (target != u"tsg" && target != u"session") || list.isEmpty())
        return Error::invalid(QStringLiteral("upload %1: the manifest is damaged").arg(id));

    std::shared_ptr<ChunkedUpload> up(new ChunkedUpload);
    up->m_id = id;
    const QString name = m.value(u"name").toString();
    up->m_target = target == u"session" ? UploadTarget::session(name) : UploadTarget::tsg(name);
    up->m_writers = writers;
    up->m_uploadsPath = uploads.path();
    up->m_createdAt = QDateTime::fromString(m.value(u"createdAt").toString(), Qt::ISODateWithMs);
    qint64 newest = 0;
    if (const auto st = dir.value().stat(QString::fromLatin1(kManifest)); st.ok() && st.value())
        newest = st.value()->st_mtim.tv_sec;
    for (const QJsonValue &v : list) {
        const QJsonObject f = v.toObject();
        ChunkedFileSpec spec{.path = f.value(u"path").toString(),
                             .targetPath = f.value(u"targetPath").toString(),
                             .size = qint64(f.value(u"size").toDouble(-1)),
                             .sha256 = f.value(u"sha256").toString(),
                             .type = f.value(u"type").toString(),
                             .mtimeMs = f.value(u"mtime").isDouble()
                                 ? std::optional<qint64>(qint64(f.value(u"mtime").toDouble()))
                                 : std::nullopt};
        if (spec.targetPath.isEmpty() || spec.size < 0)
            return Error::invalid(QStringLiteral("upload %1: the manifest is damaged").arg(id));
        const auto st = dir.value().stat(dataName(up->m_files.size()));
        if (!st.ok() || !st.value() || !S_ISREG(st.value()->st_mode) || st.value()->st_size > spec.size)
            return Error::invalid(
                QStringLiteral("upload %1: data file %2 is missing or too long").arg(id, dataName(up->m_files.size())));
        FileState state;
        state.accepted = state.written = st.value()->st_size;
        newest = std::max<qint64>(newest, st.value()->st_mtim.tv_sec);
        up->m_state.push_back(std::move(state));
        up->m_bytesTotal += spec.size;
        up->m_files.append(spec);
    }
    up->m_lastActivity = QDateTime::fromSecsSinceEpoch(newest, Qt::UTC);
    up->m_dir = std::move(dir).value();
    return up;
}

ChunkedUploadInfo ChunkedUpload::info() const
{
    ChunkedUploadInfo out{.id = m_id,
                          .target = m_target,
                          .files = m_files,
                          .bytesTotal = m_bytesTotal,
                          .createdAt = m_createdAt};
    QMutexLocker lock(&m_mutex);
    for (const FileState &s : m_state) {
        out.received.append(s.written);
        out.bytesReceived += s.written;
    }
    out.lastActivity = m_lastActivity;
    return out;
}

std::optional<QString> ChunkedUpload::closedReason() const
{
    QMutexLocker lock(&m_mutex);
    if (m_phase != State::Closed)
        return std::nullopt;
    return m_closedReason;
}

void ChunkedUpload::setListener(ChunkedListener listener)
{
    QMutexLocker lock(&m_mutex);
    m_listener = std::move(listener);
}

int ChunkedUpload::generation() const
{
    QMutexLocker lock(&m_mutex);
    return m_generation;
}

int ChunkedUpload::claim()
{
    QMutexLocker lock(&m_mutex);
    const int mine = ++m_generation;
    while (m_draining || !m_queue.empty())
        m_idle.wait(&m_mutex);
    return mine;
}

qint64 ChunkedUpload::expectedOffset(qint64 fileIndex) const
{
    QMutexLocker lock(&m_mutex);
    return fileIndex >= 0 && fileIndex < m_files.size() ? m_state[size_t(fileIndex)].accepted : -1;
}

std::optional<ChunkRefusal> ChunkedUpload::accept(int fileIndex, qint64 offset, const QByteArray &frame,
                                                  qsizetype payloadOffset, qint64 maxChunk, qint64 window,
                                                  int generation)
{
    const qint64 size = frame.size() - payloadOffset;
    QMutexLocker lock(&m_mutex);
    // Tiny frames: wait for the writer rather than queue without bound (the socket is not read meanwhile).
    QDeadlineTimer deadline(kQueueWaitMs);
    while (m_phase == State::Open && qsizetype(m_queue.size()) >= kMaxQueuedFrames && !deadline.hasExpired())
        m_room.wait(&m_mutex, deadline);
    const bool known = fileIndex >= 0 && fileIndex < m_files.size();
    const qint64 expected = known ? m_state[size_t(fileIndex)].accepted : -1;
    if (m_phase == State::Closed)
        return ChunkRefusal{.kind = ErrorKind::NotFound,
                            .message = QStringLiteral("upload %1 %2").arg(m_id, m_closedReason),
                            .expectedOffset = expected};
    if (m_phase == State::Committing)
        return ChunkRefusal{.kind = ErrorKind::Busy,
                            .message = QStringLiteral("upload %1 is being committed").arg(m_id),
                            .expectedOffset = expected};
    if (!known)
        return ChunkRefusal{
            .kind = ErrorKind::Invalid,
            .message =
                QStringLiteral("upload %1 has no file %2 (it has %3)").arg(m_id).arg(fileIndex).arg(m_files.size())};
    if (generation < m_generation)
        return ChunkRefusal{.kind = ErrorKind::Busy,
                            .message =
                                QStringLiteral("upload %1 was resumed on another connection: frames sent here before "
                                               "the resume are not taken")
                                    .arg(m_id),
                            .expectedOffset = expected};
    FileState &file = m_state[size_t(fileIndex)];
    const ChunkedFileSpec &spec = m_files.at(fileIndex);
    if (size <= 0)
        return ChunkRefusal{.kind = ErrorKind::Invalid,
                            .message = QStringLiteral("%1: empty chunk").arg(spec.path),
                            .expectedOffset = file.accepted};
    if (size > maxChunk)
        return ChunkRefusal{.kind = ErrorKind::TooLarge,
                            .message = QStringLiteral("%1: chunk of %2 bytes is larger than the chunk size %3")
                                           .arg(spec.path)
                                           .arg(size)
                                           .arg(maxChunk),
                            .expectedOffset = file.accepted};
    if (offset != file.accepted)
        return ChunkRefusal{.kind = ErrorKind::Invalid,
                            .message = QStringLiteral("%1: chunk at offset %2, expected offset %3")
                                           .arg(spec.path)
                                           .arg(offset)
                                           .arg(file.accepted),
                            .expectedOffset = file.accepted};
    if (offset + size > spec.size)
        return ChunkRefusal{.kind = ErrorKind::TooLarge,
                            .message = QStringLiteral("%1: chunk runs to byte %2, past the declared size of %3 bytes")
                                           .arg(spec.path)
                                           .arg(offset + size)
                                           .arg(spec.size),
                            .expectedOffset = file.accepted};
    if (m_queuedBytes + size > window)
        return ChunkRefusal{.kind = ErrorKind::Limit,
                            .message =
                                QStringLiteral("upload %1: more than %2 bytes sent ahead of the last acknowledgement")
                                    .arg(m_id)
                                    .arg(window),
                            .expectedOffset = file.accepted};
    if (qsizetype(m_queue.size()) >= kMaxQueuedFrames)
        return ChunkRefusal{.kind = ErrorKind::Limit,
                            .message =
                                QStringLiteral("upload %1: more than %2 frames wait to be written; send larger frames")
                                    .arg(m_id)
                                    .arg(kMaxQueuedFrames),
                            .expectedOffset = file.accepted};
    file.accepted += size;
    m_queuedBytes += size;
    m_queue.push_back({fileIndex, offset, frame, payloadOffset});
    m_lastActivity = QDateTime::currentDateTimeUtc();
    if (!m_draining) {
        m_draining = true;
        m_writers->start([self = shared_from_this()] { self->drain(); });
    }
    return std::nullopt;
}

UploadProgress ChunkedUpload::progressLocked() const
{
    UploadProgress p;
    p.total = int(m_files.size());
    p.bytesTotal = m_bytesTotal;
    for (size_t i = 0; i < m_state.size(); ++i) {
        p.bytesProcessed += m_state[i].written;
        if (m_state[i].written == m_files.at(qsizetype(i)).size)
            ++p.processed;
    }
    return p;
}

void ChunkedUpload::drain()
{
    for (;;) {
        Chunk chunk;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty() || m_phase == State::Closed) {
                m_draining = false;
                m_idle.wakeAll();
                return;
            }
            chunk = std::move(m_queue.front());
            m_queue.pop_front();
            m_room.wakeAll();
        }
        const Status written = writeChunk(chunk);
        ChunkedListener listener;
        ChunkedEvent event;
        {
            QMutexLocker lock(&m_mutex);
            m_queuedBytes -= chunk.size();
            if (written.ok()) {
                m_state[size_t(chunk.file)].written += chunk.size();
                m_lastActivity = QDateTime::currentDateTimeUtc();
                event.progress = progressLocked();
                event.progress.currentFile = m_files.at(chunk.file).path;
                listener = m_listener;
            }
        }
        if (!written.ok()) {
            fail(written.error());
            continue;
        }
        if (listener)
            listener(event);
    }
}

Status ChunkedUpload::catchUpHash(int index, qint64 upTo)
{
    FileState &file = m_state[size_t(index)]; // only the writer (or a commit with the writer idle) touches hashes
    if (file.hashed >= upTo)
        return {};
    const auto fd = m_dir.openFileForReading(dataName(index));
    if (!fd.ok())
        return fd.error();
    Fd guard{fd.value()};
    std::unique_ptr<char[]> buffer(new char[1 << 20]);
    while (file.hashed < upTo) {
        const ssize_t n =
            ::pread(guard.fd, buffer.get(), size_t(std::min<qint64>(1 << 20, upTo - file.hashed)), file.hashed);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Error::io(QStringLiteral("%1: could not read back what was received").arg(m_files.at(index).path));
        file.hash.addData(buffer.get(), n);
        file.hashed += n;
    }
    return {};
}

Status ChunkedUpload::writeChunk(const Chunk &chunk)
{
    const QString &what = m_files.at(chunk.file).path;
    // After a restart the hash starts empty: feed it what the file already holds first.
    if (const auto s = catchUpHash(chunk.file, chunk.offset); !s.ok())
        return s;
    const char *data = chunk.frame.constData() + chunk.payloadOffset;
    FileState &file = m_state[size_t(chunk.file)];
    file.hash.addData(data, chunk.size());
    file.hashed += chunk.size();
    const auto fd = m_dir.openFileForWriting(dataName(chunk.file));
    if (!fd.ok())
        return fd.error();
    Fd guard{fd.value()};
    if (::lseek(guard.fd, chunk.offset, SEEK_SET) != chunk.offset)
        return Error::io(QStringLiteral("%1: could not be written").arg(what));
    if (const auto s = writeAll(guard.fd, data, chunk.size(), what); !s.ok())
        return s;
    // A file's last byte: flush it now, while the client sends the next file, so the commit's own
    // fdatasync finds it clean (otherwise the commit waits for every file's flush at once).
    if (chunk.offset + chunk.size() == m_files.at(chunk.file).size)
        return syncData(guard.fd, what);
    return {};
}

void ChunkedUpload::fail(const Error &why)
{
    const QString &message = why.message;
    ChunkedListener listener;
    {
        QMutexLocker lock(&m_mutex);
        if (m_phase == State::Closed)
            return;
        m_phase = State::Closed;
        m_closedReason = QStringLiteral("failed: %1").arg(message);
        m_queue.clear();
        m_queuedBytes = 0;
        m_room.wakeAll();
        listener = m_listener;
    }
    qCWarning(lcUpload) << "chunked upload" << m_id << "failed:" << message;
    // What was staged for it goes: a full disk must not stay full because of a dead upload.
    if (auto parent = SafeDir::openRoot(m_uploadsPath); parent.ok())
        (void)parent.value().removeTree(m_id);
    if (listener)
        listener(ChunkedEvent{
            .error = Error::of(why.kind, QStringLiteral("Upload %1 failed and was discarded: %2").arg(m_id, message))});
}

Result<std::vector<StagedFile>> ChunkedUpload::beginCommit()
{
    QMutexLocker lock(&m_mutex);
    if (m_phase == State::Closed)
        return Error::notFound(QStringLiteral("upload %1 %2").arg(m_id, m_closedReason));
    if (m_phase == State::Committing)
        return Error::busy(QStringLiteral("upload %1 is already being committed").arg(m_id));
    m_phase = State::Committing; // no new chunks from here on
    m_room.wakeAll();
    while (m_draining || !m_queue.empty())
        m_idle.wait(&m_mutex);
    if (m_phase == State::Closed) // the writer failed meanwhile
        return Error::io(QStringLiteral("upload %1 %2").arg(m_id, m_closedReason));

    QStringList incomplete;
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        const qint64 have = m_state[size_t(i)].written;
        if (have != m_files.at(i).size)
            incomplete
                << QStringLiteral("%1 has %2 of %3 bytes").arg(m_files.at(i).path).arg(have).arg(m_files.at(i).size);
    }
    if (!incomplete.isEmpty()) {
        m_phase = State::Open;
        return Error::invalid(
            QStringLiteral("Upload %1 is not complete: %2").arg(m_id, incomplete.join(QStringLiteral("; "))));
    }
    QStringList mismatches;
    std::vector<StagedFile> staged;
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        FileState &file = m_state[size_t(i)];
        const ChunkedFileSpec &spec = m_files.at(i);
        if (file.digest.isEmpty()) {
            if (const auto s = catchUpHash(int(i), spec.size); !s.ok()) {
                m_phase = State::Open;
                return s.error();
            }
            file.digest = file.hash.hexResult();
        }
        if (!spec.sha256.isEmpty() && spec.sha256 != file.digest) {
            mismatches << QStringLiteral("%1: SHA-256 mismatch: expected %2, received %3")
                              .arg(spec.path, spec.sha256, file.digest);
            // The bytes are wrong: empty the file so the client can send it again.
            if (const auto fd = m_dir.openFileForWriting(dataName(i)); fd.ok()) {
                Fd guard{fd.value()};
                if (::ftruncate(guard.fd, 0) == 0)
                    file = FileState();
            }
        }
        staged.push_back({.stagedName = dataName(i),
                          .targetPath = spec.targetPath,
                          .size = spec.size,
                          .sha256 = file.digest,
                          .mtimeMs = spec.mtimeMs});
    }
    if (!mismatches.isEmpty()) {
        m_phase = State::Open;
        return Error::batch(ErrorKind::Invalid,
                            mismatches << QStringLiteral("nothing was committed; send those files again or abort"));
    }
    return staged;
}

void ChunkedUpload::endCommit(bool committed)
{
    QMutexLocker lock(&m_mutex);
    if (committed) {
        m_phase = State::Closed;
        m_closedReason = QStringLiteral("was committed");
    } else if (m_phase == State::Committing) {
        m_phase = State::Open;
    }
}

Status ChunkedUpload::remove(const SafeDir &uploads, const QString &reason, const QDateTime &idleBefore)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_phase == State::Committing)
            return Error::busy(QStringLiteral("upload %1 is being committed").arg(m_id));
        if (idleBefore.isValid() && (m_draining || !m_queue.empty() || m_lastActivity >= idleBefore))
            return Error::busy(QStringLiteral("upload %1 is in use").arg(m_id));
        m_phase = State::Closed;
        m_closedReason = reason;
        m_queue.clear();
        m_queuedBytes = 0;
        m_room.wakeAll();
        while (m_draining)
            m_idle.wait(&m_mutex);
    }
    m_dir = SafeDir();
    const auto freed = uploads.removeTree(m_id);
    if (!freed.ok())
        return freed.error();
    return {};
}

} // namespace tsg
