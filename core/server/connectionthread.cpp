#include "connectionthread.h"

#include "authgate.h"
#include "connection.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace tsg {

namespace {
QString peerKey(const QHostAddress &address, quint16 port) { return address.toString() + u'|' + QString::number(port); }
} // namespace

ConnectionThread::ConnectionThread(Library &library, AuthGate &gate, const MessageRouter &router,
                                   TsgListCache &lists, qint64 maxMessageBytes)
    : m_library(library), m_gate(gate), m_router(router), m_lists(lists), m_maxMessageBytes(maxMessageBytes), m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("tsgdesk-connections"));
    moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(this, [this] {
        m_upgrader = new QWebSocketServer(QStringLiteral("TSG Desk"), QWebSocketServer::NonSecureMode, this);
        m_upgrader->setHandshakeTimeout(10000);
        // Browsers: a foreign Origin is refused during the handshake itself (HTTP 403).
        connect(m_upgrader, &QWebSocketServer::originAuthenticationRequired, this,
                [this](QWebSocketCorsAuthenticator *auth) {
                    if (!m_gate.originAllowed(auth->origin())) {
                        auth->setAllowed(false);
                        m_gate.recordFailure();
                        qCWarning(lcAuth) << "refused a handshake from origin" << auth->origin().left(100);
                    }
                },
                Qt::DirectConnection);
        connect(m_upgrader, &QWebSocketServer::newConnection, this, &ConnectionThread::onUpgraded);
    }, Qt::BlockingQueuedConnection);
}

ConnectionThread::~ConnectionThread()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ConnectionThread::take(QTcpSocket *socket, Origin id)
{
    socket->moveToThread(m_thread);
    QMetaObject::invokeMethod(this, [this, socket, id] {
        m_pendingIds.append(id);
        const QString peer = peerKey(socket->peerAddress(), socket->peerPort());
        m_handshaking.insert(peer, socket);
        connect(socket, &QObject::destroyed, this, [this, peer, socket] {
            if (m_handshaking.value(peer) == socket)
                m_handshaking.remove(peer);
        });
        QTimer::singleShot(kHandshakeTimeoutMs, socket, [this, peer, socket] {
            if (m_handshaking.value(peer) != socket)
                return; // upgraded meanwhile
            m_handshaking.remove(peer);
            m_gate.recordFailure();
            qCWarning(lcAuth) << "dropped a connection from" << socket->peerAddress().toString()
                              << "that sent no WebSocket handshake within" << kHandshakeTimeoutMs << "ms";
            socket->abort();
        });
        m_upgrader->handleConnection(socket);
    }, Qt::QueuedConnection);
}

void ConnectionThread::onUpgraded()
{
    while (QWebSocket *socket = m_upgrader->nextPendingConnection()) {
        const Origin id = m_pendingIds.isEmpty() ? 0 : m_pendingIds.takeFirst();
        m_handshaking.remove(peerKey(socket->peerAddress(), socket->peerPort()));
        auto admit = [this, socket, id] {
            const AuthGate::Verdict verdict = m_gate.check(socket->request());
            if (!verdict.ok) {
                m_gate.recordFailure();
                qCWarning(lcAuth) << "refused a connection from" << socket->peerAddress().toString() << ':' << verdict.reason;
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, verdict.reason);
                socket->deleteLater();
                return;
            }
            socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageBytes));
            socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageBytes));
            auto *connection = new Connection(socket, id, m_library, m_router, m_lists);
            connection->setParent(this);
            connect(connection, &Connection::closed, this, [this, connection](Origin closedId) {
                emit connectionClosed(closedId);
                connection->deleteLater();
            });
            emit connectionOpened(id);
        };
        // After repeated failures, every attempt waits before it is looked at.
        if (const int delay = m_gate.delayForNextAttemptMs(); delay > 0)
            QTimer::singleShot(delay, this, admit);
        else
            admit();
    }
}

void ConnectionThread::broadcast(const QString &text, Origin except)
{
    QMetaObject::invokeMethod(this, [this, text, except] {
        const auto connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
        for (Connection *c : connections)
            if (c->id() != except)
                c->sendText(text);
    }, Qt::QueuedConnection);
}

void ConnectionThread::shutdown()
{
    QMetaObject::invokeMethod(this, [this] {
        const auto connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
        for (Connection *c : connections)
            delete c;
        delete m_upgrader;
        m_upgrader = nullptr;
    }, Qt::BlockingQueuedConnection);
}

} // namespace tsg
