#include "pollingsession.h"

#include "socketioadapter.h"
#include "socketiocodec.h"

#include <QTimer>

namespace tsg {

namespace {

constexpr QChar kSeparator = QChar(0x1e);

} // namespace

PollingSession::PollingSession(SocketIoAdapter *adapter, qint64 maxQueuedChars, QObject *parent)
    : QObject(parent), m_adapter(adapter), m_maxQueuedChars(maxQueuedChars)
{
    connect(adapter, &SocketIoAdapter::packetReady, this, &PollingSession::onPacket);
    connect(adapter, &QObject::destroyed, this, &PollingSession::end);
}

void PollingSession::poll(Answer answer)
{
    if (m_ended && !m_queue.isEmpty() && !m_held) { // the last packets, then the close
        m_held = std::move(answer);
        flush();
        closeWebSocket(); // a probe the client gave up
        finish();
        return;
    }
    if (m_ended || m_upgraded) {
        answer(SocketIoCodec::engine(SocketIoCodec::EngineType::Close));
        return;
    }
    if (m_held) {
        answer(SocketIoCodec::engine(SocketIoCodec::EngineType::Close));
        end();
        return;
    }
    m_held = std::move(answer);
    if (m_probed) // the client is pausing its polling to upgrade: it waits for this GET to return
        m_queue.append(SocketIoCodec::engine(SocketIoCodec::EngineType::Noop));
    if (!m_queue.isEmpty())
        flush();
}

void PollingSession::post(const QString &body)
{
    if (m_ended || !m_adapter)
        return;
    const QStringList packets = body.split(kSeparator);
    for (const QString &p : packets) {
        if (!m_adapter)
            return;
        m_adapter->receive(p);
    }
}

void PollingSession::onPacket(const QString &packet)
{
    if (m_ended)
        return;
    if (m_upgraded)
        return sendOverWebSocket(packet);
    m_queue.append(packet);
    m_queuedChars += packet.size();
    if (m_queuedChars > m_maxQueuedChars) { // a client that does not poll while the server talks
        end();
        return;
    }
    if (m_held)
        flush();
}

void PollingSession::flush()
{
    const Answer answer = std::exchange(m_held, nullptr);
    answer(m_queue.join(kSeparator));
    m_queue.clear();
    m_queuedChars = 0;
}

bool PollingSession::attachWebSocket(WebSocketLink link)
{
    if (m_ended || m_ws.send)
        return false;
    m_ws = std::move(link);
    return true;
}

void PollingSession::onWebSocketClosed()
{
    m_ws = {};
    end();
}

void PollingSession::sendOverWebSocket(const QString &packet)
{
    if (m_ws.send)
        m_ws.send(packet);
}

void PollingSession::onWebSocketText(const QString &text)
{
    if (m_ended) {
        if (!m_upgraded && !m_finished && text == u"5") // ended while upgrading: the last packets go this way
            deliverOverWebSocket();
        return;
    }
    if (!m_upgraded) {
        if (text == u"2probe") {
            sendOverWebSocket(QStringLiteral("3probe"));
            // The client pauses polling: its held GET is answered so that it can, and so is one that is still
            // on its way (it would otherwise be held until the next ping, and the upgrade with it).
            m_probed = true;
            if (m_held) {
                m_queue.append(SocketIoCodec::engine(SocketIoCodec::EngineType::Noop));
                flush();
            }
        } else if (text == u"5") {
            m_upgraded = true;
            if (m_held) {
                const Answer answer = std::exchange(m_held, nullptr);
                answer(SocketIoCodec::engine(SocketIoCodec::EngineType::Noop));
            }
            const QStringList queued = std::exchange(m_queue, {});
            m_queuedChars = 0;
            for (const QString &p : queued)
                sendOverWebSocket(p);
        }
        return;
    }
    if (m_adapter)
        m_adapter->receive(text);
}

void PollingSession::end()
{
    if (m_ended)
        return;
    m_ended = true;
    if (!m_upgraded)
        m_queue.append(SocketIoCodec::engine(SocketIoCodec::EngineType::Close)); // after a CONNECT_ERROR
    emit ended();
    if (m_held || m_upgraded) {
        closeWebSocket();
        if (m_held)
            flush();
        finish();
        return;
    }
    // What is queued (a CONNECT_ERROR) waits for the next GET, or, when the client is upgrading (it paused its
    // polling after 3probe), for its "5" on the WebSocket; kHandOverMs at most.
    if (!m_probed)
        closeWebSocket();
    QTimer::singleShot(kHandOverMs, this, [this] {
        closeWebSocket();
        finish();
    });
}

void PollingSession::deliverOverWebSocket()
{
    m_upgraded = true;
    const QStringList queued = std::exchange(m_queue, {});
    for (const QString &p : queued)
        sendOverWebSocket(p);
    closeWebSocket();
    finish();
}

void PollingSession::closeWebSocket()
{
    if (m_ws.close)
        m_ws.close();
    m_ws = {};
}

void PollingSession::finish()
{
    if (std::exchange(m_finished, true))
        return;
    m_queue.clear();
    emit finished();
}

} // namespace tsg
