// One connection thread: a QWebSocketServer that does not listen but upgrades the TCP sockets
// handed to it (QWebSocketServer::handleConnection), so every QWebSocket is born on this thread and
// a client's 140 MB message never stalls clients on other threads.
#pragma once

#include "library.h"

#include <QHash>
#include <QObject>

class QTcpSocket;
class QThread;
class QWebSocketServer;

namespace tsg {

class AuthGate;
class Connection;
class MessageRouter;
class TsgListCache;

class ConnectionThread : public QObject {
    Q_OBJECT
public:
    ConnectionThread(Library &library, AuthGate &gate, const MessageRouter &router, TsgListCache &lists,
                     qint64 maxMessageBytes);
    ~ConnectionThread() override;

    QThread *thread() const { return m_thread; }
    // Called from any thread; `socket` must have no parent. It is moved here and upgraded; a socket
    // that has not completed the handshake within kHandshakeTimeoutMs is dropped.
    void take(QTcpSocket *socket, Origin id);
    static constexpr int kHandshakeTimeoutMs = 10000;
    // Sends `text` to every connection of this thread but `except` (call from any thread).
    void broadcast(const QString &text, Origin except);
    // Closes every connection of this thread and waits for it (call from another thread).
    void shutdown();

signals:
    void connectionOpened(tsg::Origin id);
    void connectionClosed(tsg::Origin id);

private:
    void onUpgraded();

    Library &m_library;
    AuthGate &m_gate;
    const MessageRouter &m_router;
    TsgListCache &m_lists;
    qint64 m_maxMessageBytes;
    QThread *m_thread;
    QWebSocketServer *m_upgrader = nullptr; // lives on m_thread
    QList<Origin> m_pendingIds;
    // Sockets handed to the upgrader and not upgraded yet, by peer "address:port" (handleConnection()
    // applies no handshake timeout of its own: a client that never sends one would hold a socket forever).
    QHash<QString, QTcpSocket *> m_handshaking;
};

} // namespace tsg
