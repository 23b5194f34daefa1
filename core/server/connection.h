// One WebSocket client, living on a connection thread: parses each text frame once, checks the
// envelope, routes it, and sends replies in order on its own thread. Library calls run off-thread;
// their results come back here through whenDone().
#pragma once

#include "library.h"
#include "request.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QWebSocketProtocol>

#include <functional>
#include <memory>

class QWebSocket;

namespace tsg {

class ChunkReceiver;
class Connection;
class MessageRouter;
class TsgListCache;

// What worker threads keep to reach a connection that may be gone by the time they finish.
class ConnectionHandle {
public:
    // Runs f on the connection's thread, if the connection still exists.
    void post(std::function<void(Connection &)> f);

private:
    friend class Connection;
    QMutex m_mutex;
    Connection *m_connection = nullptr;
};

class Connection : public QObject {
    Q_OBJECT
public:
    Connection(QWebSocket *socket, Origin id, Library &library, const MessageRouter &router, TsgListCache &lists);
    ~Connection() override;

    Origin id() const { return m_id; }
    Library &library() { return m_library; }
    ChunkReceiver &chunks() { return *m_chunks; }
    std::shared_ptr<ConnectionHandle> handle() const { return m_handle; }

    void reply(const Request &request, QJsonObject message);
    void replyError(const Request &request, const QString &message);
    void sendList(const Request *request); // tsg:list:response from memory
    void sendText(const QString &text);
    // Ends the connection with a WebSocket close code (a client that misbehaves).
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

    // Runs f(result) on this connection's thread when the future finishes (dropped if we are gone).
    template <typename T, typename F>
    void whenDone(QFuture<T> future, F f)
    {
        auto *watcher = new QFutureWatcher<T>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [watcher, f = std::move(f)]() mutable {
            f(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(future);
    }

    // A progress callback for an upload that sends `type` at most about 20 times a second, always the
    // first and the last (processed == total). Safe to call from worker threads.
    ProgressFn progressSender(const Request &request, const QString &type, const QString &target);

signals:
    void closed(tsg::Origin id);

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &bytes);
    void useSession(const QString &sessionId);

    QWebSocket *m_socket;
    Origin m_id;
    Library &m_library;
    const MessageRouter &m_router;
    TsgListCache &m_lists;
    QSet<QString> m_sessions; // sessionIds this client used: kept from cleanup while connected
    std::unique_ptr<ChunkReceiver> m_chunks;
    std::shared_ptr<ConnectionHandle> m_handle; // cleared in the destructor
};

} // namespace tsg
