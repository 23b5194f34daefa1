#include "chunkreceiver.h"

#include "chunkeduploads.h"
#include "chunkframe.h"
#include "connection.h"
#include "wire.h"

#include <QTimer>

namespace tsg {

namespace {
constexpr qint64 kAckIntervalMs = 50; // about twenty acknowledgements a second
}

ChunkReceiver::ChunkReceiver(Connection &connection) : m_connection(connection) {}

void ChunkReceiver::onFrame(const QByteArray &frame)
{
    const auto parsed = ChunkFrame::parse(frame);
    if (!parsed.ok())
        return refuse(QString(), -1, -1, {parsed.error().message});
    const ChunkFrame &f = parsed.value();
    QString whyNot;
    const auto upload = m_connection.library().uploads().find(f.uploadId, &whyNot);
    if (!upload)
        return refuse(f.uploadId, f.fileIndex, f.offset, {whyNot});
    if (f.fileIndex > std::numeric_limits<int>::max())
        return refuse(f.uploadId, f.fileIndex, f.offset, {QStringLiteral("File index %1 is out of range").arg(f.fileIndex)});
    if (!m_followed.contains(f.uploadId)) // sending to an upload begun elsewhere: the acknowledgements come here
        follow(upload->info(), QJsonValue::Undefined);
    if (const auto refusal = upload->accept(int(f.fileIndex), f.offset, frame, ChunkFrame::kHeaderSize,
                                            ChunkedUploads::kChunkSize, ChunkedUploads::kWindow))
        refuse(f.uploadId, f.fileIndex, f.offset, *refusal);
}

void ChunkReceiver::refuse(const QString &id, qint64 fileIndex, qint64 offset, const ChunkRefusal &why)
{
    QJsonObject data{{QStringLiteral("message"), why.message}};
    if (!id.isEmpty())
        data.insert(QStringLiteral("uploadId"), id);
    if (fileIndex >= 0) {
        data.insert(QStringLiteral("fileIndex"), double(fileIndex));
        data.insert(QStringLiteral("offset"), double(offset));
    }
    if (why.expectedOffset >= 0)
        data.insert(QStringLiteral("expectedOffset"), double(why.expectedOffset));
    m_connection.sendText(Wire::toText(Wire::uploadError(QStringLiteral("binary"), data)));
}

void ChunkReceiver::follow(const ChunkedUploadInfo &info, const QJsonValue &requestId)
{
    Followed &f = m_followed[info.id];
    f.requestId = requestId;
    f.progressType = info.toSession ? QStringLiteral("session:upload:progress") : QStringLiteral("tsg:upload:progress");
    f.target = info.target;
    f.ackedBytes = info.bytesReceived;
    const auto upload = m_connection.library().uploads().find(info.id);
    if (!upload)
        return;
    upload->setListener([handle = m_connection.handle(), id = info.id](const ChunkedEvent &event) {
        handle->post([id, event](Connection &c) { c.chunks().onEvent(id, event); });
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
