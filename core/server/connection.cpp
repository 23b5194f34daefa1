#include "connection.h"

#include "chunkreceiver.h"
#include "messagerouter.h"
#include "socketioadapter.h"

#include <QWebSocket>

namespace tsg {

Connection::Connection(QWebSocket *socket, Origin id, Library &library, const MessageRouter &router,
                       SocketIoAdapter *socketIo)
    : m_socket(socket), m_id(id), m_library(library), m_router(router), m_poster(std::make_shared<Poster>(this)),
      m_chunks(std::make_unique<ChunkReceiver>(*this, library,
                                               [this](QWebSocketProtocol::CloseCode code, const QString &why) {
                                                   close(code, why);
                                               })),
      m_socketIo(socketIo)
{
    if (socket) {
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, this, [this] { emit closed(m_id); });
    }
    if (!m_socketIo) {
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &text) { m_router.handleText(text, *this); });
        connect(socket, &QWebSocket::binaryMessageReceived, m_chunks.get(), &ChunkReceiver::onFrame);
        return;
    }
    m_socketIo->setParent(this);
    if (socket) {
        connect(socket, &QWebSocket::textMessageReceived, m_socketIo, &SocketIoAdapter::receive);
        connect(socket, &QWebSocket::binaryMessageReceived, m_socketIo, &SocketIoAdapter::receiveBinary);
        connect(m_socketIo, &SocketIoAdapter::packetReady, socket,
                [socket](const QString &packet) { socket->sendTextMessage(packet); });
    }
    connect(m_socketIo, &SocketIoAdapter::request, this,
            [this](const QString &frame, qsizetype from, qsizetype length) {
                m_router.handleText(frame, from, length, *this);
            });
    connect(m_socketIo, &SocketIoAdapter::closeRequested, this,
            [this](const QString &reason) { close(QWebSocketProtocol::CloseCodeNormal, reason); });
}

Connection::~Connection()
{
    m_poster->close();
    for (const QString &s : std::as_const(m_sessions))
        m_library.markSessionInUse(s, false);
}

void Connection::sendText(const QString &text)
{
    if (m_socketIo)
        m_socketIo->sendMessage(text);
    else
        m_socket->sendTextMessage(text);
}

void Connection::useSession(const QString &sessionId)
{
    if (sessionId.isEmpty() || m_sessions.contains(sessionId))
        return;
    m_sessions.insert(sessionId);
    m_library.markSessionInUse(sessionId, true);
}

void Connection::followUpload(const ChunkedUploadInfo &upload, const QJsonValue &requestId, int generation)
{
    m_chunks->follow(upload, requestId, generation);
}

void Connection::unfollowUpload(const QString &uploadId)
{
    m_chunks->unfollow(uploadId);
}

void Connection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_socket)
        m_socket->close(code, reason);
    else
        emit closed(m_id); // a polling client: its session ends with the Connection
}

} // namespace tsg
