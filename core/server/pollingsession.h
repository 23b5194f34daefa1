// The Engine.IO long-polling transport of one Socket.IO client: it queues the packets its SocketIoAdapter
// emits until a GET takes them (joined with \x1e), feeds the packets of each POST to the adapter, and moves
// the session onto a WebSocket when the client upgrades (2probe/3probe, then 5). Lives on the thread of the
// client's Connection; the requests' sockets may live on other threads: it answers them through callbacks
// that run there.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace tsg {

class SocketIoAdapter;

class PollingSession : public QObject {
    Q_OBJECT
public:
    // Answers one held GET with its body (called on this thread; it posts to the request's thread).
    using Answer = std::function<void(const QString &body)>;

    // Takes the adapter's packets from now on; `maxQueuedChars` bounds what waits for a GET.
    PollingSession(SocketIoAdapter *adapter, qint64 maxQueuedChars, QObject *parent = nullptr);

    // A GET: answered at once when packets wait, else when the next one comes. A second GET while one is
    // held is a protocol error: both are answered and the session closes.
    void poll(Answer answer);
    // A POST's body: packets joined with \x1e.
    void post(const QString &body);
    // The client's WebSocket with this sid, on the thread of its own connection: how to send on it and close
    // it from here (functions that post there). Its frames come through onWebSocketText(), its end through
    // onWebSocketClosed(). The probe, then the upgrade. False when one is attached already.
    struct WebSocketLink {
        std::function<void(const QString &)> send{};
        std::function<void()> close{};
    };
    bool attachWebSocket(WebSocketLink link);
    void onWebSocketText(const QString &text);
    void onWebSocketClosed();
    // Ends the session: a held GET gets what is queued and a close packet, an attached WebSocket is closed.
    // With no GET held, what is queued (a CONNECT_ERROR) waits for the next GET, or for the upgrade's "5" when
    // the client is upgrading (then it goes over the WebSocket), kHandOverMs at most.
    void end();
    static constexpr int kHandOverMs = 10000;

signals:
    void ended();    // the session is over: its Connection closes
    void finished(); // and its last packets are delivered (or given up): it may go

private:
    void onPacket(const QString &packet);
    void sendOverWebSocket(const QString &packet);
    void flush();
    void deliverOverWebSocket(); // the queue, then the WebSocket's close
    void closeWebSocket();

    QPointer<SocketIoAdapter> m_adapter;
    qint64 m_maxQueuedChars;
    QStringList m_queue;
    qint64 m_queuedChars = 0;
    Answer m_held;
    WebSocketLink m_ws;    // empty until a WebSocket is attached
    bool m_probed = false; // 2probe came: every GET is answered at once until the upgrade
    bool m_upgraded = false;
    bool m_ended = false;
    bool m_finished = false;
    void finish();
};

} // namespace tsg
