// The embedded WebSocket server: a QTcpServer (127.0.0.1 by default) that hands each accepted
// socket to the least-loaded connection thread, where it is upgraded, checked by the AuthGate and
// served; library changes are pushed to every other client. Plain HTTP requests on the same port are
// answered there too: the browser UI's files, Socket.IO's long-polling, MCP at /mcp.
#pragma once

#include "authgate.h"
#include "library.h"
#include "mcpendpoint.h"
#include "messagerouter.h"
#include "pollingsessions.h"
#include "socketioadapter.h"
#include "tsglistcache.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <memory>
#include <vector>

class QTcpServer;

namespace tsg {

class ConnectionThread;
class SearchIndex;

class WsServer : public QObject {
    Q_OBJECT
public:
    // `index`, when given, answers tsg:search and must outlive the server.
    WsServer(Library &library, AuthGate &gate, SearchIndex *index = nullptr, QObject *parent = nullptr);
    ~WsServer() override;

    // The Socket.IO heartbeat of the sessions served from now on (call it before listen()).
    void setSocketIoHeartbeat(SocketIoAdapter::Heartbeat heartbeat) { m_heartbeat = heartbeat; }
    Status listen(const QHostAddress &address, quint16 port);
    void close();
    quint16 port() const;
    int clientCount() const { return int(m_clients.size()); }
    // TCP sockets accepted and not deleted yet, admitted or not (a leak check for tests and diagnostics).
    int openSocketCount() const;

    // The largest message the configured limits need: base64 of the larger batch limit plus the
    // JSON around it. Anything larger is refused by Qt with close code 1009 before it is buffered.
    static qint64 maxMessageBytes(const Config &config);

signals:
    void clientCountChanged(int count);

private:
    void onNewConnection();
    void broadcastList(Origin except);
    ConnectionThread *threadForNewConnection();

    Library &m_library;
    AuthGate &m_gate;
    TsgListCache m_lists; // before m_router, whose handlers use it
    MessageRouter m_router;
    QTcpServer *m_tcp;
    PollingSessions m_polling; // before m_threads, which use it
    McpEndpoint m_mcp;         // the same
    std::vector<std::unique_ptr<ConnectionThread>> m_threads;
    QHash<ConnectionThread *, int> m_load;       // sockets handed to each thread and not closed yet
    QHash<Origin, ConnectionThread *> m_clients; // admitted clients
    Origin m_nextId = 1;
    SocketIoAdapter::Heartbeat m_heartbeat{};
};

} // namespace tsg
