// One connection thread: a QWebSocketServer that does not listen but upgrades the TCP sockets
// handed to it (QWebSocketServer::handleConnection), so every QWebSocket is born on this thread and
// a client's 140 MB message never stalls clients on other threads. It owns every socket it is
// given, from take() until the socket disconnects, and holds a handshake back while the AuthGate
// slows attempts down: before the upgrade, so that nothing a client sends can be lost meanwhile.
// A request that is not a WebSocket upgrade is plain HTTP for the browser UI's files, answered here
// by the HttpResponder (same thread, same admission, same Host check) and closed; under /socket.io/ it
// is Socket.IO's long-polling transport (PollingSession), with the same admission and checks; at /mcp it is MCP's
// Streamable HTTP transport (McpEndpoint), the same.
#pragma once

#include "library.h"
#include "socketioadapter.h"

#include <QHash>
#include <QObject>

#include <functional>

class QNetworkRequest;
class QTcpSocket;
class QWebSocket;
class QThread;
class QWebSocketServer;

namespace tsg {

class AuthGate;
class Connection;
class McpEndpoint;
class MessageRouter;
class PollingSessions;

class ConnectionThread : public QObject {
    Q_OBJECT
public:
    // `heartbeat` is that of every Socket.IO session served here.
    ConnectionThread(Library &library, AuthGate &gate, const MessageRouter &router, PollingSessions &polling,
                     McpEndpoint &mcp, qint64 maxMessageBytes, SocketIoAdapter::Heartbeat heartbeat = {});
    ~ConnectionThread() override;

    QThread *thread() const { return m_thread; }
    // Called from any thread; `socket` must have no parent. It is moved here, becomes a child of
    // this object, and is deleted when it disconnects. A socket that has not been admitted within
    // kHandshakeTimeoutMs is dropped.
    void take(QTcpSocket *socket, Origin id);
    static constexpr int kHandshakeTimeoutMs = 10000;
    // The most a handshake request may take (header lines and the blank line); what comes after it
    // stays in the kernel until the client is admitted.
    static constexpr qint64 kMaxHandshakeBytes = 64 * 1024;
    // Sends `text` to every connection of this thread but `except` (call from any thread).
    void broadcast(const QString &text, Origin except);
    // Closes every connection of this thread and waits for it (call from another thread).
    void shutdown();

signals:
    void connectionOpened(tsg::Origin id);
    void connectionClosed(tsg::Origin id);

private:
    void readHandshake(QTcpSocket *socket);
    void upgrade(QTcpSocket *socket);
    // Answers a plain HTTP request (the browser UI's files) and closes the connection.
    void serveHttp(QTcpSocket *socket, const QByteArray &head);
    // A Socket.IO long-polling request (GET or POST /socket.io/?EIO=4&transport=polling): a POST's body is
    // waited for (bounded), a GET may be held until its session has packets to send.
    void servePolling(QTcpSocket *socket, const QByteArray &head);
    // The same once its body (a POST's) has been read: a new session, a GET held or a POST handed on.
    void answerPolling(QTcpSocket *socket, Origin id, const QString &sid, bool post, const QNetworkRequest &request,
                       const QByteArray &body);
    // A request to /mcp: admitted by its head, its body waited for (bounded), answered by the McpEndpoint.
    void serveMcp(QTcpSocket *socket, const QByteArray &head);
    // Calls `then` with the `length` bytes after the head once they have all arrived (the 10 s to be admitted
    // still run), after which the socket is no longer handshaking and the rest of what it sends is dropped.
    void readBody(QTcpSocket *socket, qsizetype headSize, qint64 length,
                  const std::function<void(const QByteArray &)> &then);
    // Answers a request without reading its body, and closes the connection.
    void refuseAndClose(QTcpSocket *socket, const QByteArray &reply);
    void openPollingSession(QTcpSocket *socket, Origin id, const QString &handshakeToken);
    void onUpgraded();
    void drop(QTcpSocket *socket);

    struct Pending {
        QTcpSocket *socket = nullptr;
        Origin id = 0;
        QByteArray early; // bytes sent after the handshake request, replayed once a Connection listens
    };
    // A Socket.IO WebSocket that upgrades the polling session `sid` (unknown: closed with 1002).
    void adoptUpgrade(QWebSocket *socket, const Pending &pending, const QString &sid);

    Library &m_library;
    AuthGate &m_gate;
    const MessageRouter &m_router;
    PollingSessions &m_polling;
    McpEndpoint &m_mcp;
    qint64 m_maxMessageBytes;
    SocketIoAdapter::Heartbeat m_heartbeat;
    QThread *m_thread;
    QWebSocketServer *m_upgrader = nullptr; // lives on m_thread
    // Sockets taken and not admitted yet, by peer "address|port" (how an upgraded QWebSocket is matched
    // to its socket; handleConnection() applies no handshake timeout of its own).
    QHash<QString, Pending> m_handshaking;
};

} // namespace tsg
