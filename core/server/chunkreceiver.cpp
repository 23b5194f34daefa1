#include "chunkreceiver.h"

#include "chunkeduploads.h"
#include "chunkframe.h"
#include "connection.h"
#include "logging.h"
#include "wire.h"

#include <QtEndian>

#include <QTimer>

namespace tsg {

namespace {
constexpr qint64 kAckIntervalMs = 50; // about twenty acknowledgements a second
}

ChunkReceiver::ChunkReceiver(Connection &connection) : m_connection(connection) {}

void ChunkReceiver::onFrame(const QByteArray &frame)
{
    if (m_refusedInARow >= kMaxRefusalsInARow)
        return; // closing: frames still in the socket's buffer are not looked at
    const auto parsed = ChunkFrame::parse(frame);
    if (!parsed.ok()) {
        // A header that names an upload and a file (an offset out of range, say) still gets where to go on.
        QByteArray header = frame.left(ChunkFrame::kHeaderSize);
        if (header.size() == ChunkFrame::kHeaderSize)
            header.replace(24, 8, QByteArray(8, '\0'));
        const auto named = ChunkFrame::parse(header);
        if (!named.ok())
            return refuse(QString(), -1, -1, {parsed.error().message});
        const auto upload = m_connection.library().uploads().find(named.value().uploadId);
        const qint64 expected = upload ? upload->expectedOffset(named.value().fileIndex) : -1;
        const auto *raw = reinterpret_cast<const uchar *>(frame.constData());
        return refuse(named.value().uploadId, named.value().fileIndex, double(qFromBigEndian<quint64>(raw + 24)),
                      {parsed.error().message, expected});
    }
    const ChunkFrame &f = parsed.value();
    QString whyNot;
    const auto upload = m_connection.library().uploads().find(f.uploadId, &whyNot);
    if (!upload)
        return refuse(f.uploadId, f.fileIndex, double(f.offset), {whyNot});
    if (f.fileIndex > std::numeric_limits<int>::max())
        return refuse(f.uploadId, f.fileIndex, double(f.offset),
                      {QStringLiteral("File index %1 is out of range").arg(f.fileIndex)});
    auto followed = m_followed.constFind(f.uploadId);
    if (followed == m_followed.cend()) { // sending to an upload begun elsewhere: the acknowledgements come here
        follow(upload->info(), QJsonValue::Undefined, upload->generation());
        followed = m_followed.constFind(f.uploadId);
    }
    if (const auto refusal = upload->accept(int(f.fileIndex), f.offset, frame, ChunkFrame::kHeaderSize,
                                            ChunkedUploads::kChunkSize, ChunkedUploads::kWindow, followed->generation))
        return refuse(f.uploadId, f.fileIndex, double(f.offset), *refusal);
    m_refusedInARow = 0;
}

void ChunkReceiver::refuse(const QString &id, qint64 fileIndex, double offset, const ChunkRefusal &why)
{
    QJsonObject data{{QStringLiteral("message"), why.message}};
    if (!id.isEmpty())
        data.insert(QStringLiteral("uploadId"), id);
    if (fileIndex >= 0) {
        data.insert(QStringLiteral("fileIndex"), double(fileIndex));
        data.insert(QStringLiteral("offset"), offset);
    }
    if (why.expectedOffset >= 0)
        data.insert(QStringLiteral("expectedOffset"), double(why.expectedOffset));
    m_connection.sendText(Wire::toText(Wire::uploadError(QStringLiteral("binary"), data)));
    // A client that keeps sending what is refused is not listening: its refusals would pile up unread.
    if (++m_refusedInARow == kMaxRefusalsInARow) {
        qCWarning(lcUpload) << "closing connection" << m_connection.id() << "after" << kMaxRefusalsInARow
                            << "refused frames in a row";
        m_connection.close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many refused frames"));
    }
}

void ChunkReceiver::follow(const ChunkedUploadInfo &info, const QJsonValue &requestId, int generation)
{
    Followed &f = m_followed[info.id];
    f.requestId = requestId;
    f.progressType = info.toSession ? QStringLiteral("session:upload:progress") : QStringLiteral("tsg:upload:progress");
    f.target = info.target;
    f.ackedBytes = info.bytesReceived;
    f.generation = generation;
    const auto upload = m_connection.library().uploads().find(info.id);
    if (!upload)
        return;
    // The writer may finish chunks far faster than this thread takes events: only the latest waits.
    auto pending = std::make_shared<Pending>();
    upload->setListener([handle = m_connection.handle(), id = info.id, pending](const ChunkedEvent &event) {
        {
            QMutexLocker lock(&pending->mutex);
            if (pending->latest.error.isEmpty()) // a failure is never overwritten by progress
                pending->latest = event;
            if (std::exchange(pending->posted, true))
                return;
        }
        handle->post([id, pending](Connection &c) {
            ChunkedEvent latest;
            {
                QMutexLocker lock(&pending->mutex);
                latest = std::exchange(pending->latest, ChunkedEvent());
                pending->posted = false;
            }
            c.chunks().onEvent(id, latest);
        });
    });
}

void ChunkReceiver::onEvent(const QString &id, const ChunkedEvent &event)
{
    const auto it = m_followed.find(id);
    if (it == m_followed.end())
        return;
    if (!event.error.isEmpty()) {
        QJsonObject data{{QStringLiteral("uploadId"), id}, {QStringLiteral("message"), event.error}};
        QJsonObject message = Wire::uploadError(QString(), data);
        if (!it->requestId.isUndefined())
            message.insert(QStringLiteral("requestId"), it->requestId);
        m_followed.erase(it);
        return m_connection.sendText(Wire::toText(message));
    }
    it->latest = event.progress;
    const bool complete = event.progress.processed == event.progress.total;
    const bool windowHalfUsed = event.progress.bytesProcessed - it->ackedBytes >= ChunkedUploads::kWindow / 2;
    if (!it->sinceSent.isValid() || it->sinceSent.elapsed() >= kAckIntervalMs || complete || windowHalfUsed)
        return sendAck(id);
    if (!it->timerArmed) { // the latest state goes out when the interval is over
        it->timerArmed = true;
        QTimer::singleShot(kAckIntervalMs - it->sinceSent.elapsed(), this, [this, id] { sendAck(id); });
    }
}

void ChunkReceiver::sendAck(const QString &id)
{
    const auto it = m_followed.find(id);
    if (it == m_followed.end())
        return;
    it->timerArmed = false;
    if (it->latest.bytesProcessed == it->ackedBytes && it->sinceSent.isValid())
        return; // nothing new since the last one
    it->sinceSent.start();
    it->ackedBytes = it->latest.bytesProcessed;
    QJsonObject message = Wire::progress(it->progressType, it->latest, it->target);
    QJsonObject data = message.value(u"data").toObject();
    data.insert(QStringLiteral("uploadId"), id);
    message.insert(QStringLiteral("data"), data);
    if (!it->requestId.isUndefined())
        message.insert(QStringLiteral("requestId"), it->requestId);
    m_connection.sendText(Wire::toText(message));
}

} // namespace tsg
