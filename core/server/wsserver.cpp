#include "wsserver.h"

#include "connectionthread.h"
#include "handlers.h"
#include "wire.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcServer, "tsgdesk.server")
Q_LOGGING_CATEGORY(lcAuth, "tsgdesk.auth")

namespace tsg {

namespace {
constexpr size_t kMaxConnectionThreads = 8;
}

WsServer::WsServer(Library &library, AuthGate &gate, SearchIndex *index, QObject *parent)
    : QObject(parent), m_library(library), m_gate(gate), m_lists(library), m_tcp(new QTcpServer(this)),
      m_mcp(gate, library.folder().root(), index)
{
    Handlers::addAll(m_router, m_library, m_lists, index);
    connect(m_tcp, &QTcpServer::newConnection, this, &WsServer::onNewConnection);
    connect(&m_library, &Library::tsgsChanged, this, &WsServer::broadcastList, Qt::QueuedConnection);
}

WsServer::~WsServer()
{
    close();
}

qint64 WsServer::maxMessageBytes(const Config &config)
{
    const qint64 batch = std::max(config.tsg.maxUploadBytes(), config.session.maxUploadBytes());
    const qint64 base64 = (batch + 2) / 3 * 4;
    return base64 + base64 / 100 + (8 << 20); // paths, names and JSON punctuation of a large batch
}

Status WsServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcp->listen(address, port))
        return Error::io(
            QStringLiteral("Cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_tcp->errorString()));
    m_gate.setPort(m_tcp->serverPort());
    qCInfo(lcServer) << "listening on" << address.toString() << m_tcp->serverPort();
    return {};
}

void WsServer::close()
{
    m_tcp->close();
    for (const auto &t : m_threads)
        t->shutdown();
    m_threads.clear();
    m_load.clear();
    if (!m_clients.isEmpty()) {
        m_clients.clear();
        emit clientCountChanged(0);
    }
}

quint16 WsServer::port() const
{
    return m_tcp->serverPort();
}

int WsServer::openSocketCount() const
{
    int open = 0;
    for (const int n : m_load)
        open += n;
    return open;
}

ConnectionThread *WsServer::threadForNewConnection()
{
    ConnectionThread *best = nullptr;
    for (const auto &t : m_threads)
        if (!best || m_load.value(t.get()) < m_load.value(best))
            best = t.get();
    if (best && (m_load.value(best) == 0 || m_threads.size() >= kMaxConnectionThreads))
        return best;
    auto thread = std::make_unique<ConnectionThread>(m_library, m_gate, m_router, m_polling, m_mcp,
                                                     maxMessageBytes(m_library.config()), m_heartbeat);
    ConnectionThread *t = thread.get();
    connect(t, &ConnectionThread::connectionOpened, this, [this, t](Origin id) {
        m_clients.insert(id, t);
        emit clientCountChanged(clientCount());
    });
    connect(t, &ConnectionThread::connectionClosed, this, [this](Origin id) {
        if (m_clients.remove(id))
            emit clientCountChanged(clientCount());
    });
    m_threads.push_back(std::move(thread));
    return t;
}

void WsServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        socket->setParent(nullptr);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // replies go out at once (no Nagle)
        ConnectionThread *thread = threadForNewConnection();
        m_load[thread] += 1;
        connect(socket, &QObject::destroyed, this, [this, thread] {
            if (m_load.contains(thread))
                m_load[thread] -= 1;
        });
        thread->take(socket, m_nextId++);
    }
}

void WsServer::broadcastList(Origin except)
{
    if (m_clients.isEmpty())
        return;
    const QString text = m_lists.message();
    for (const auto &t : m_threads)
        t->broadcast(text, except);
}

} // namespace tsg
