// One Socket.IO client's session (Socket.IO v5 over Engine.IO v4): turns its packets into the plain
// protocol's text messages and the server's messages into packets, so that the router and the handlers
// serve it as they serve a plain WebSocket client. It keeps the heartbeat, the CONNECT to the main
// namespace with its token, and acknowledgements; it knows no socket: the transport feeds it Engine.IO
// packets and sends the ones it emits. Lives on its connection's thread.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace tsg {

class SocketIoAdapter : public QObject {
    Q_OBJECT
public:
    // How often the server pings, and how long it waits for the pong: a client that does not answer is dropped
    // pingInterval + pingTimeout after the last ping it answered. Set by whoever runs the server (the
    // TSGDESK_SIO_PING_INTERVAL_MS and TSGDESK_SIO_PING_TIMEOUT_MS environment variables of tsgdesk), never
    // by a client.
    struct Heartbeat {
        int intervalMs = 25000;
        int timeoutMs = 20000;
    };
    struct Options {
        // The token the handshake request presented (?token= or "Authorization: Bearer"), if any: used when
        // the CONNECT packet's auth has none.
        QString handshakeToken{};
        std::function<bool(const QString &)> tokenMatches{};
        std::function<void()> recordFailure{}; // a refused token, for the back-off
        int pingIntervalMs = 25000;
        int pingTimeoutMs = 20000;
        qint64 maxPayload = 1000000; // announced in the open packet (the polling transport's body bound)
        // A client that has not connected to the namespace with a good token by then is dropped, and counts as
        // a failure for the back-off, like a plain client not admitted in time (ConnectionThread).
        int connectTimeoutMs = 10000;
        bool offerWebSocketUpgrade = false; // the polling transport: "upgrades":["websocket"]
    };
    explicit SocketIoAdapter(Options options, QObject *parent = nullptr);

    // Sends the open packet and starts the heartbeat and the time allowed to CONNECT.
    void start();
    // One Engine.IO text packet from the client.
    void receive(const QString &enginePacket);
    // One binary Engine.IO packet from the client: attachments are not supported.
    void receiveBinary();
    // A reply or broadcast of the plain protocol (one JSON object's text): sent as a `message` event, or as
    // an `error` event when its type is an error's. Dropped until the client has connected to the namespace.
    void sendMessage(const QString &json);

    bool connectedToNamespace() const { return m_connected; }
    // The Engine.IO session id of the open packet.
    QString engineSid() const { return m_engineSid; }

    // Whether the message (one JSON object's text, as the protocol writes it) is an error reply: its type is
    // "error" or ends in ":error".
    static bool isErrorMessage(const QString &json);

signals:
    // An Engine.IO packet for the transport to send, in order.
    void packetReady(const QString &enginePacket);
    // The JSON text of a client's `message` event, for the router: `length` characters of `frame` from `from`
    // (the packet itself, shared: a 140 MB message is not copied).
    void request(const QString &frame, qsizetype from, qsizetype length);
    // The session is over (a missed pong, a refused token, a close or DISCONNECT): the transport closes.
    void closeRequested(const QString &reason);

private:
    void onSocketIo(const QString &enginePacket, QStringView packet);
    void onConnect(const QString &nameSpace, QStringView payload);
    void sendSocketIo(const QString &packet);
    void sendErrorEvent(const QString &message);
    void ping();

    Options m_options;
    QString m_engineSid;
    QString m_socketSid;
    bool m_connected = false;
    bool m_refused = false; // a refused CONNECT: nothing more is read or sent
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QTimer m_connectTimer;
};

} // namespace tsg
