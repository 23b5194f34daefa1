#include "connectionthread.h"

#include "authgate.h"
#include "connection.h"
#include "httprequesthead.h"
#include "httpresponder.h"
#include "mcpendpoint.h"
#include "pollingrequest.h"
#include "pollingsession.h"
#include "pollingsessions.h"
#include "socketioadapter.h"
#include "webassets.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace tsg {

namespace {

const QByteArray kEndOfHeader = QByteArrayLiteral("\r\n\r\n");
// Where Socket.IO clients connect (socket.io-client's default path).
const QString kSocketIoPath = QStringLiteral("/socket.io/");

QString peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}

// The longest a polling request may wait for its answer (a held GET is answered at the next ping, 25 s).
constexpr int kPollingRequestTimeoutMs = 60000;
// The longest an MCP request may take (a search on a large library, behind the session's earlier requests).
constexpr int kMcpRequestTimeoutMs = 120000;

bool isPollingPath(const QByteArray &head)
{
    const qsizetype space = head.indexOf(' ');
    return space > 0 && head.mid(space + 1).startsWith("/socket.io/");
}

// Writes a whole reply and closes the connection once it is written.
void writeAndClose(QTcpSocket *socket, const QByteArray &reply)
{
    socket->write(reply);
    socket->disconnectFromHost(); // once the reply is written; the socket is deleted when it is closed
    // A client that never reads its reply does not keep the socket.
    QTimer::singleShot(ConnectionThread::kHandshakeTimeoutMs, socket, [socket] { socket->abort(); });
}

// An Engine.IO polling answer.
QByteArray pollingReply(int status, const QByteArray &body)
{
    const QByteArray reason = status == 200 ? QByteArrayLiteral("OK")
        : status == 403                     ? QByteArrayLiteral("Forbidden")
        : status == 413                     ? QByteArrayLiteral("Payload Too Large")
        : status == 503                     ? QByteArrayLiteral("Service Unavailable")
                                            : QByteArrayLiteral("Bad Request");
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nCache-Control: no-store\r\n"
          "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Writes an Engine.IO polling answer and closes the connection (as plain HTTP answers do).
void writePollingReply(QTcpSocket *socket, int status, const QByteArray &body)
{
    writeAndClose(socket, pollingReply(status, body));
}

// Engine.IO's own error body.
QByteArray engineError(int code, const char *message)
{
    return "{\"code\":" + QByteArray::number(code) + ",\"message\":\"" + message + "\"}";
}

// Puts `bytes` back in front of what `device` has buffered, to be read again.
void unread(QIODevice *device, const QByteArray &bytes)
{
    for (qsizetype i = bytes.size(); i-- > 0;)
        device->ungetChar(bytes.at(i));
}

} // namespace

ConnectionThread::ConnectionThread(Library &library, AuthGate &gate, const MessageRouter &router,
                                   PollingSessions &polling, McpEndpoint &mcp, qint64 maxMessageBytes,
                                   SocketIoAdapter::Heartbeat heartbeat)
    : m_library(library), m_gate(gate), m_router(router), m_polling(polling), m_mcp(mcp),
      m_maxMessageBytes(maxMessageBytes), m_heartbeat(heartbeat), m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("tsgdesk-connections"));
    moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_upgrader = new QWebSocketServer(QStringLiteral("TSG Desk"), QWebSocketServer::NonSecureMode, this);
            // Browsers: a foreign Origin is refused during the handshake itself (HTTP 403).
            connect(
                m_upgrader, &QWebSocketServer::originAuthenticationRequired, this,
                [this](QWebSocketCorsAuthenticator *auth) {
                    if (!m_gate.originAllowed(auth->origin())) {
                        auth->setAllowed(false);
                        m_gate.recordFailure();
                        qCWarning(lcAuth) << "refused a handshake from origin" << auth->origin().left(100);
                    }
                },
                Qt::DirectConnection);
            connect(m_upgrader, &QWebSocketServer::newConnection, this, &ConnectionThread::onUpgraded);
        },
        Qt::BlockingQueuedConnection);
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
    QMetaObject::invokeMethod(
        this,
        [this, socket, id] {
            // Owned here from now on, and deleted as soon as it disconnects, on every path: before the
            // handshake, after a refused upgrade, after a refused token, after a closed connection.
            // Qt does not emit disconnected() on every way to UnconnectedState (a write that fails on a
            // reset connection while closing does not), so the state decides.
            socket->setParent(this);
            connect(socket, &QAbstractSocket::stateChanged, socket, [socket](QAbstractSocket::SocketState state) {
                if (state == QAbstractSocket::UnconnectedState)
                    socket->deleteLater();
            });
            if (socket->state() != QAbstractSocket::ConnectedState) { // gone before it got here
                socket->deleteLater();
                return;
            }
            const QString peer = peerKey(socket->peerAddress(), socket->peerPort());
            m_handshaking.insert(peer, {socket, id, {}});
            connect(socket, &QObject::destroyed, this, [this, peer, socket] {
                if (m_handshaking.value(peer).socket == socket)
                    m_handshaking.remove(peer);
            });
            QTimer::singleShot(kHandshakeTimeoutMs, socket, [this, peer, socket] {
                if (m_handshaking.value(peer).socket != socket)
                    return; // admitted meanwhile
                m_gate.recordFailure();
                qCWarning(lcAuth) << "dropped a connection from" << socket->peerAddress().toString()
                                  << "that was not admitted within" << kHandshakeTimeoutMs << "ms";
                drop(socket);
            });
            socket->setReadBufferSize(kMaxHandshakeBytes);
            connect(socket, &QIODevice::readyRead, this, [this, socket] { readHandshake(socket); });
            readHandshake(socket); // what arrived before the connection above
        },
        Qt::QueuedConnection);
}

void ConnectionThread::drop(QTcpSocket *socket)
{
    m_handshaking.remove(peerKey(socket->peerAddress(), socket->peerPort()));
    socket->abort();
    socket->deleteLater();
}

// Waits for the whole request (up to the blank line), then hands it on at once, or after the
// AuthGate's delay while attempts are being slowed down.
void ConnectionThread::readHandshake(QTcpSocket *socket)
{
    const QByteArray head = socket->peek(socket->bytesAvailable());
    if (!head.contains(kEndOfHeader)) {
        if (head.size() >= kMaxHandshakeBytes) {
            m_gate.recordFailure();
            qCWarning(lcAuth) << "dropped a connection from" << socket->peerAddress().toString()
                              << "whose handshake request exceeds" << kMaxHandshakeBytes << "bytes";
            drop(socket);
        }
        return;
    }
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    // Nothing has been answered yet: the client's later bytes wait in the socket and the kernel. A request of a
    // polling session that is open is not held: the session's one CONNECT checks the token and a wrong one ends
    // it, so each guess still costs a held request (the one that opens a session).
    const QByteArrayView requestHead(head.constData(), head.indexOf(kEndOfHeader) + kEndOfHeader.size());
    const bool ofOpenSession =
        isPollingPath(head) && m_polling.find(PollingRequest::parse(requestHead).sid()).poster != nullptr;
    if (const int delay = ofOpenSession ? 0 : m_gate.delayForNextAttemptMs(); delay > 0)
        QTimer::singleShot(delay, socket, [this, socket] { upgrade(socket); });
    else
        upgrade(socket);
}

void ConnectionThread::upgrade(QTcpSocket *socket)
{
    const auto pending = m_handshaking.find(peerKey(socket->peerAddress(), socket->peerPort()));
    if (pending == m_handshaking.end() || pending->socket != socket)
        return;
    if (const QByteArray head = socket->peek(socket->bytesAvailable()); !HttpResponder::isWebSocketUpgrade(head)) {
        const QByteArray requestHead = head.left(head.indexOf(kEndOfHeader) + kEndOfHeader.size());
        if (isPollingPath(requestHead))
            servePolling(socket, requestHead);
        else if (McpEndpoint::isMcpRequest(requestHead))
            serveMcp(socket, requestHead);
        else
            serveHttp(socket, requestHead);
        return;
    }
    // Qt 6.4 hands any bytes after the request to the new QWebSocket before anyone can listen to
    // it, and they are lost. Keep them here and leave only the request in the socket, with a read
    // buffer that is full, so that nothing more is read until onUpgraded() gives them back.
    const QByteArray bytes = socket->readAll();
    const qsizetype headerSize = bytes.indexOf(kEndOfHeader) + kEndOfHeader.size();
    pending->early = bytes.mid(headerSize);
    unread(socket, bytes.left(headerSize));
    socket->setReadBufferSize(headerSize);
    m_upgrader->handleConnection(socket);
}

void ConnectionThread::serveHttp(QTcpSocket *socket, const QByteArray &head)
{
    m_handshaking.remove(peerKey(socket->peerAddress(), socket->peerPort()));
    const HttpResponder::Reply reply = HttpResponder::respond(head, m_gate, WebAssets::instance());
    if (reply.hostRefused) {
        m_gate.recordFailure();
        qCWarning(lcAuth) << "refused an HTTP request from" << socket->peerAddress().toString()
                          << "for a foreign or missing Host";
    }
    // Read what the client sent, now and until it is gone: closing a socket with unread bytes makes
    // the kernel reset the connection, and the client could lose the reply.
    socket->setReadBufferSize(0);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
    socket->readAll();
    writeAndClose(socket, reply.bytes);
}

void ConnectionThread::refuseAndClose(QTcpSocket *socket, const QByteArray &reply)
{
    m_handshaking.remove(peerKey(socket->peerAddress(), socket->peerPort()));
    socket->setReadBufferSize(0);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
    socket->readAll();
    writeAndClose(socket, reply);
}

void ConnectionThread::readBody(QTcpSocket *socket, qsizetype headSize, qint64 length,
                                const std::function<void(const QByteArray &)> &then)
{
    if (socket->bytesAvailable() < headSize + length) { // the body is still coming: wait
        socket->setReadBufferSize(headSize + length);
        connect(socket, &QIODevice::readyRead, this, [this, socket, headSize, length, then] {
            if (socket->bytesAvailable() < headSize + length)
                return;
            disconnect(socket, &QIODevice::readyRead, this, nullptr);
            readBody(socket, headSize, length, then);
        });
        return;
    }
    const QByteArray body = socket->read(headSize + length).mid(headSize);
    m_handshaking.remove(peerKey(socket->peerAddress(), socket->peerPort()));
    socket->setReadBufferSize(0);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
    socket->readAll();
    then(body);
}

void ConnectionThread::serveMcp(QTcpSocket *socket, const QByteArray &head)
{
    const std::optional<HttpRequestHead> h = HttpRequestHead::parse(head);
    if (!h)
        return refuseAndClose(socket, McpEndpoint::malformed().bytes);
    const McpEndpoint::Admission admission = m_mcp.admit(*h);
    if (admission.refusal) {
        if (!admission.refusal->refusal.isEmpty()) {
            m_gate.recordFailure();
            qCWarning(lcAuth) << "refused an MCP request from" << socket->peerAddress().toString() << ':'
                              << admission.refusal->refusal;
        }
        return refuseAndClose(socket, admission.refusal->bytes);
    }
    readBody(socket, h->size(), admission.bodyLength, [this, socket, request = *h](const QByteArray &body) {
        QTimer::singleShot(kMcpRequestTimeoutMs, socket, [socket] { socket->abort(); });
        auto socketPoster = std::make_shared<Poster>(socket);
        connect(socket, &QObject::destroyed, [socketPoster] { socketPoster->close(); });
        m_mcp.serve(request, body, [socketPoster, socket](const McpEndpoint::Reply &reply) {
            socketPoster->post([socket, bytes = reply.bytes] { writeAndClose(socket, bytes); });
        });
    });
}

void ConnectionThread::servePolling(QTcpSocket *socket, const QByteArray &head)
{
    const Origin id = m_handshaking.value(peerKey(socket->peerAddress(), socket->peerPort())).id;
    const auto refuse = [this, socket](int status, const QByteArray &body) {
        refuseAndClose(socket, pollingReply(status, body));
    };
    const PollingRequest r = PollingRequest::parse(head);
    if (const PollingRequest::Refusal refusal = r.headRefusal(); refusal.refused())
        return refuse(refusal.status, refusal.body);
    QNetworkRequest request(r.url());
    request.setRawHeader("Host", r.host());
    if (!r.origin().isEmpty())
        request.setRawHeader("Origin", r.origin());
    if (const AuthGate::Verdict verdict = m_gate.checkPeer(request); !verdict.ok) {
        m_gate.recordFailure();
        qCWarning(lcAuth) << "refused a Socket.IO polling request from" << socket->peerAddress().toString() << ':'
                          << verdict.reason;
        return refuse(403, engineError(4, "Forbidden"));
    }
    if (const PollingRequest::Refusal refusal = r.requestRefusal(m_maxMessageBytes); refusal.refused())
        return refuse(refusal.status, refusal.body);
    const QString sid = r.sid();
    const bool post = r.isPost();
    readBody(socket, head.size(), r.bodyLength(), [this, socket, id, sid, post, request](const QByteArray &body) {
        QTimer::singleShot(kPollingRequestTimeoutMs, socket, [socket] { socket->abort(); });
        answerPolling(socket, id, sid, post, request, body);
    });
}

void ConnectionThread::answerPolling(QTcpSocket *socket, Origin id, const QString &sid, bool post,
                                     const QNetworkRequest &request, const QByteArray &body)
{
    if (sid.isEmpty()) {
        if (post)
            return writePollingReply(socket, 400, engineError(1, "Session ID unknown"));
        return openPollingSession(socket, id, AuthGate::presentedToken(request));
    }
    const PollingSessions::Entry entry = m_polling.find(sid);
    if (!entry.poster)
        return writePollingReply(socket, 400, engineError(1, "Session ID unknown"));
    PollingSession *session = entry.session;
    if (post) {
        const QString text = QString::fromUtf8(body);
        entry.poster->post([session, text] { session->post(text); });
        return writePollingReply(socket, 200, QByteArrayLiteral("ok"));
    }
    auto socketPoster = std::make_shared<Poster>(socket);
    connect(socket, &QObject::destroyed, [socketPoster] { socketPoster->close(); });
    PollingSession::Answer answer = [socketPoster, socket](const QString &text) {
        socketPoster->post([socket, text] { writePollingReply(socket, 200, text.toUtf8()); });
    };
    entry.poster->post([session, answer] { session->poll(answer); });
}

void ConnectionThread::openPollingSession(QTcpSocket *socket, Origin id, const QString &handshakeToken)
{
    AuthGate &gate = m_gate;
    auto *adapter = new SocketIoAdapter({.handshakeToken = handshakeToken,
                                         .tokenMatches = [&gate](const QString &t) { return gate.tokenMatches(t); },
                                         .recordFailure = [&gate] { gate.recordFailure(); },
                                         .pingIntervalMs = m_heartbeat.intervalMs,
                                         .pingTimeoutMs = m_heartbeat.timeoutMs,
                                         .maxPayload = m_maxMessageBytes,
                                         .offerWebSocketUpgrade = true});
    const QString sid = adapter->engineSid();
    auto *connection = new Connection(nullptr, id, m_library, m_router, adapter);
    connection->setParent(this);
    auto *session = new PollingSession(adapter, m_maxMessageBytes, connection);
    auto sessionPoster = std::make_shared<Poster>(session);
    if (!m_polling.add(sid, {.poster = sessionPoster, .session = session})) {
        delete connection;
        qCWarning(lcAuth) << "refused a Socket.IO polling session: too many are open";
        return writePollingReply(socket, 503, engineError(3, "Too many sessions"));
    }
    auto done = std::make_shared<bool>(false);
    connect(connection, &Connection::closed, this, [this, connection, session, done](Origin closedId) {
        if (std::exchange(*done, true))
            return;
        session->setParent(this); // it outlives the Connection until its last packets are delivered
        session->end();
        emit connectionClosed(closedId);
        connection->deleteLater();
    });
    connect(session, &PollingSession::finished, this, [this, session, sid, sessionPoster] {
        sessionPoster->close();
        m_polling.remove(sid);
        session->deleteLater();
    });
    connect(session, &PollingSession::ended, connection,
            [connection] { connection->close(QWebSocketProtocol::CloseCodeNormal, {}); });
    emit connectionOpened(id);
    adapter->start();
    auto socketPoster = std::make_shared<Poster>(socket);
    connect(socket, &QObject::destroyed, [socketPoster] { socketPoster->close(); });
    session->poll([socketPoster, socket](const QString &text) {
        socketPoster->post([socket, text] { writePollingReply(socket, 200, text.toUtf8()); });
    });
}

void ConnectionThread::adoptUpgrade(QWebSocket *socket, const Pending &pending, const QString &sid)
{
    const PollingSessions::Entry entry = m_polling.find(sid);
    if (!entry.poster) {
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("Session ID unknown"));
        socket->deleteLater();
        return;
    }
    // The WebSocket stays on this thread, owned here; its session stays on its own. Each reaches the other
    // through a Poster, so that neither is used after it is gone.
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageBytes));
    auto wsPoster = std::make_shared<Poster>(socket);
    connect(socket, &QObject::destroyed, [wsPoster] { wsPoster->close(); });
    const std::shared_ptr<Poster> sessionPoster = entry.poster;
    PollingSession *session = entry.session;
    connect(socket, &QWebSocket::textMessageReceived, socket, [sessionPoster, session](const QString &text) {
        sessionPoster->post([session, text] { session->onWebSocketText(text); });
    });
    connect(socket, &QWebSocket::disconnected, socket, [sessionPoster, session, socket] {
        sessionPoster->post([session] { session->onWebSocketClosed(); });
        socket->deleteLater();
    });
    PollingSession::WebSocketLink link{.send =
                                           [wsPoster, socket](const QString &packet) {
                                               wsPoster->post([socket, packet] { socket->sendTextMessage(packet); });
                                           },
                                       .close = [wsPoster, socket] { wsPoster->post([socket] { socket->close(); }); }};
    sessionPoster->post([session, link] {
        if (!session->attachWebSocket(link))
            link.close();
    });
    // What came with the handshake, then the rest as it arrives.
    unread(pending.socket, pending.early);
    socket->setReadBufferSize(0);
    if (pending.socket->bytesAvailable() > 0)
        emit pending.socket->readyRead();
}

void ConnectionThread::onUpgraded()
{
    while (QWebSocket *socket = m_upgrader->nextPendingConnection()) {
        const Pending pending = m_handshaking.take(peerKey(socket->peerAddress(), socket->peerPort()));
        if (!pending.socket) { // cannot happen: every upgraded socket came through take()
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Socket.IO clients present their token in the CONNECT packet: their SocketIoAdapter checks it.
        const QUrl url = socket->requestUrl();
        const bool socketIo = url.path() == kSocketIoPath;
        const AuthGate::Verdict verdict =
            socketIo ? m_gate.checkPeer(socket->request()) : m_gate.check(socket->request());
        if (!verdict.ok) {
            m_gate.recordFailure();
            qCWarning(lcAuth) << "refused a connection from" << socket->peerAddress().toString() << ':'
                              << verdict.reason;
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, verdict.reason);
            socket->deleteLater();
            continue;
        }
        SocketIoAdapter *adapter = nullptr;
        if (socketIo) {
            const QUrlQuery query(url);
            if (query.queryItemValue(QStringLiteral("EIO")) != u"4"
                || query.queryItemValue(QStringLiteral("transport")) != u"websocket") {
                socket->close(QWebSocketProtocol::CloseCodeProtocolError,
                              QStringLiteral("Only Engine.IO 4 (EIO=4) is supported"));
                socket->deleteLater();
                continue;
            }
            if (const QString sid = query.queryItemValue(QStringLiteral("sid")); !sid.isEmpty()) {
                adoptUpgrade(socket, pending, sid);
                continue;
            }
            AuthGate &gate = m_gate;
            adapter = new SocketIoAdapter({.handshakeToken = AuthGate::presentedToken(socket->request()),
                                           .tokenMatches = [&gate](const QString &t) { return gate.tokenMatches(t); },
                                           .recordFailure = [&gate] { gate.recordFailure(); },
                                           .pingIntervalMs = m_heartbeat.intervalMs,
                                           .pingTimeoutMs = m_heartbeat.timeoutMs,
                                           .maxPayload = m_maxMessageBytes});
        }
        socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageBytes));
        socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageBytes));
        auto *connection = new Connection(socket, pending.id, m_library, m_router, adapter);
        connection->setParent(this);
        connect(connection, &Connection::closed, this, [this, connection](Origin closedId) {
            emit connectionClosed(closedId);
            connection->deleteLater();
        });
        emit connectionOpened(pending.id);
        if (adapter)
            adapter->start();
        // Now that the Connection listens: what came with the handshake, then the rest as it arrives.
        unread(pending.socket, pending.early);
        socket->setReadBufferSize(0);
        if (pending.socket->bytesAvailable() > 0)
            emit pending.socket->readyRead();
    }
}

void ConnectionThread::broadcast(const QString &text, Origin except)
{
    QMetaObject::invokeMethod(
        this,
        [this, text, except] {
            const auto connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
            for (Connection *c : connections)
                if (c->origin() != except)
                    c->sendText(text);
        },
        Qt::QueuedConnection);
}

void ConnectionThread::shutdown()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            const auto connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
            for (Connection *c : connections)
                delete c;
            delete m_upgrader;
            m_upgrader = nullptr;
            m_handshaking.clear();
            const auto sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
            for (QTcpSocket *s : sockets)
                delete s;
        },
        Qt::BlockingQueuedConnection);
}

} // namespace tsg
