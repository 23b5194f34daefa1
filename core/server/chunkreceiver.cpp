#include "chunkreceiver.h"

#include "chunkeduploads.h"
#include "chunkframe.h"
#include "logging.h"
#include "wire.h"

#include <QTimer>
#include <QtEndian>

namespace tsg {

ChunkReceiver::ChunkReceiver(HandlerContext &client, Library &library, CloseFn close)
    : m_client(client), m_library(library), m_close(std::move(close))
{}

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
            return refuse(QString(), -1, -1, {.message = parsed.error().message});
        const auto upload = m_library.findUpload(named.value().uploadId);
        const qint64 expected = upload ? upload->expectedOffset(named.value().fileIndex) : -1;
        const auto *raw = reinterpret_cast<const uchar *>(frame.constData());
        return refuse(named.value().uploadId, named.value().fileIndex, double(qFromBigEndian<quint64>(raw + 24)),
                      {.message = parsed.error().message, .expectedOffset = expected});
    }
    const ChunkFrame &f = parsed.value();
    QString whyNot;
    const auto upload = m_library.findUpload(f.uploadId, &whyNot);
    if (!upload)
        return refuse(f.uploadId, f.fileIndex, double(f.offset), {.kind = ErrorKind::NotFound, .message = whyNot});
    if (f.fileIndex > std::numeric_limits<int>::max())
        return refuse(f.uploadId, f.fileIndex, double(f.offset),
                      {.message = QStringLiteral("File index %1 is out of range").arg(f.fileIndex)});
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
    QJsonObject where;
    if (!id.isEmpty())
        where.insert(QStringLiteral("uploadId"), id);
    if (fileIndex >= 0) {
        where.insert(QStringLiteral("fileIndex"), double(fileIndex));
        where.insert(QStringLiteral("offset"), offset);
    }
    if (why.expectedOffset >= 0)
        where.insert(QStringLiteral("expectedOffset"), double(why.expectedOffset));
    m_client.sendText(
        Wire::toText(Wire::uploadError(QStringLiteral("binary"), Error::of(why.kind, why.message), where)));
    // A client that keeps sending what is refused is not listening: its refusals would pile up unread.
    if (++m_refusedInARow == kMaxRefusalsInARow) {
        qCWarning(lcUpload) << "closing connection" << m_client.origin() << "after" << kMaxRefusalsInARow
                            << "refused frames in a row";
        m_close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many refused frames"));
    }
}

void ChunkReceiver::follow(const ChunkedUploadInfo &info, const QJsonValue &requestId, int generation)
{
    Followed &f = m_followed[info.id];
    f.requestId = requestId;
    f.progressType = info.target.word() + QStringLiteral(":upload:progress");
    f.target = info.target.name;
    f.ackedBytes = info.bytesReceived;
    f.generation = generation;
    const auto upload = m_library.findUpload(info.id);
    if (!upload)
        return;
    // The writer may finish chunks far faster than this thread takes events: only the latest waits.
    auto pending = std::make_shared<Pending>();
    upload->setListener(
        [poster = m_client.poster(), receiver = this, id = info.id, pending](const ChunkedEvent &event) {
            {
                QMutexLocker lock(&pending->mutex);
                if (!pending->latest.error) // a failure is never overwritten by progress
                    pending->latest = event;
                if (std::exchange(pending->posted, true))
                    return;
            }
            // Runs only while the client (which owns this receiver) lives.
            poster->post([receiver, id, pending] {
                ChunkedEvent latest;
                {
                    QMutexLocker lock(&pending->mutex);
                    latest = std::exchange(pending->latest, ChunkedEvent());
                    pending->posted = false;
                }
                receiver->onEvent(id, latest);
            });
        });
}

void ChunkReceiver::onEvent(const QString &id, const ChunkedEvent &event)
{
    const auto it = m_followed.find(id);
    if (it == m_followed.end())
        return;
    if (event.error) {
        const QJsonValue requestId = it->requestId;
        m_followed.erase(it);
        const QJsonObject message = Wire::uploadError(QString(), *event.error, {{QStringLiteral("uploadId"), id}});
        return m_client.sendText(Wire::toText(message, requestId));
    }
    it->latest = event.progress;
    const bool complete = event.progress.processed == event.progress.total;
    const bool windowHalfUsed = event.progress.bytesProcessed - it->ackedBytes >= ChunkedUploads::kWindow / 2;
    if (it->throttle.msUntilDue() == 0 || complete || windowHalfUsed)
        return sendAck(id);
    if (!it->timerArmed) { // the latest state goes out when the interval is over
        it->timerArmed = true;
        QTimer::singleShot(it->throttle.msUntilDue(), this, [this, id] { sendAck(id); });
    }
}

void ChunkReceiver::sendAck(const QString &id)
{
    const auto it = m_followed.find(id);
    if (it == m_followed.end())
        return;
    it->timerArmed = false;
    if (it->latest.bytesProcessed == it->ackedBytes && it->ackedAny)
        return; // nothing new since the last one
    (void)it->throttle.due(true);
    it->ackedAny = true;
    it->ackedBytes = it->latest.bytesProcessed;
    QJsonObject message = Wire::progress(it->progressType, it->latest, it->target);
    QJsonObject data = message.value(u"data").toObject();
    data.insert(QStringLiteral("uploadId"), id);
    message.insert(QStringLiteral("data"), data);
    m_client.sendText(Wire::toText(message, it->requestId));
}

} // namespace tsg
