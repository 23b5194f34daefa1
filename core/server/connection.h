// One WebSocket client, living on a connection thread: hands each text frame to the router and each
// binary frame to its ChunkReceiver, and sends replies in order on its own thread. It is the
// HandlerContext of the requests it receives: library results come back here through whenDone().
// A Socket.IO client's frames go through its SocketIoAdapter first, and its replies too: the router and
// the handlers do not know which framing the client uses.
#pragma once

#include "handlercontext.h"
#include "library.h"

#include <QObject>
#include <QSet>
#include <QWebSocketProtocol>

#include <memory>

class QWebSocket;

namespace tsg {

class ChunkReceiver;
class MessageRouter;
class SocketIoAdapter;

class Connection : public QObject, public HandlerContext {
    Q_OBJECT
public:
    // `socketIo`, when given, is the Socket.IO session of this client (taken over: its parent becomes this);
    // the caller starts it once its packets have somewhere to go. `socket` is null for a Socket.IO client on
    // long-polling: its PollingSession carries the adapter's packets.
    Connection(QWebSocket *socket, Origin id, Library &library, const MessageRouter &router,
               SocketIoAdapter *socketIo = nullptr);
    ~Connection() override;

    // HandlerContext
    Origin origin() const override { return m_id; }
    void sendText(const QString &text) override;
    std::shared_ptr<Poster> poster() const override { return m_poster; }
    QObject *receiver() override { return this; }
    void useSession(const QString &sessionId) override;
    void followUpload(const ChunkedUploadInfo &upload, const QJsonValue &requestId, int generation) override;
    void unfollowUpload(const QString &uploadId) override;

    // Ends the connection with a WebSocket close code (a client that misbehaves).
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

signals:
    void closed(tsg::Origin id);

private:
    QWebSocket *m_socket;
    Origin m_id;
    Library &m_library;
    const MessageRouter &m_router;
    QSet<QString> m_sessions;         // sessionIds this client used: kept from cleanup while connected
    std::shared_ptr<Poster> m_poster; // closed in the destructor
    std::unique_ptr<ChunkReceiver> m_chunks;
    SocketIoAdapter *m_socketIo; // a child, or null for the plain protocol
};

} // namespace tsg
