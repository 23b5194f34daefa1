#include "serverruntime.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace tsg {

ServerRuntime::ServerRuntime(Library &library, SearchIndex *index, QObject *parent)
    : QObject(parent), m_library(library), m_index(index),
      m_tokens(library.folder().stateDir() + QStringLiteral("/token")), m_info(library.folder().serverInfoFile())
{}

ServerRuntime::~ServerRuntime()
{
    stop();
}

Status ServerRuntime::start(const Options &options)
{
    const Config config = m_library.config();
    const QString listen = options.listen.value_or(config.desk.listenAddress);
    const int port = options.port.value_or(config.desk.port);
    QHostAddress address;
    if (listen == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(listen))
        return Error::invalid(QStringLiteral("--listen: '%1' is not an IP address").arg(listen));
    if (!address.isLoopback())
        qCWarning(lcServer) << "listening on" << address.toString()
                            << "which other machines may reach; the token, Origin and Host checks still apply";
    const auto token = m_tokens.loadOrCreate();
    if (!token.ok())
        return token.error();
    m_token = token.value();
    m_gate =
        std::make_unique<AuthGate>(address.isLoopback() ? QString() : address.toString(), config.desk.allowedOrigins);
    m_gate->setToken(m_token);
    m_server = std::make_unique<WsServer>(m_library, *m_gate, m_index);
    m_server->setSocketIoHeartbeat(options.socketIoHeartbeat);
    connect(m_server.get(), &WsServer::clientCountChanged, this, &ServerRuntime::clientCountChanged);
    if (const auto s = m_server->listen(address, quint16(port)); !s.ok())
        return s;
    m_host =
        address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
    m_listening = true;
    if (const auto s = m_info.write(url(), m_server->port(), m_token); !s.ok())
        return s;
    return {};
}

void ServerRuntime::stop()
{
    if (!m_listening)
        return;
    m_server->close();
    m_info.remove();
    m_listening = false;
}

QString ServerRuntime::url() const
{
    return QStringLiteral("ws://%1:%2/").arg(m_host).arg(m_server ? m_server->port() : 0);
}

QString ServerRuntime::urlWithToken() const
{
    return url() + QStringLiteral("?token=") + m_token;
}

QString ServerRuntime::browserUrl() const
{
    return QStringLiteral("http://%1:%2/#token=%3").arg(m_host).arg(m_server ? m_server->port() : 0).arg(m_token);
}

QString ServerRuntime::mcpUrl() const
{
    return QStringLiteral("http://%1:%2/mcp").arg(m_host).arg(m_server ? m_server->port() : 0);
}

int ServerRuntime::clientCount() const
{
    return m_server ? m_server->clientCount() : 0;
}

Result<QString> ServerRuntime::regenerateToken()
{
    const auto token = m_tokens.regenerate();
    if (!token.ok())
        return token;
    m_token = token.value();
    if (m_gate)
        m_gate->setToken(m_token);
    if (m_listening)
        (void)m_info.write(url(), m_server->port(), m_token);
    emit tokenChanged();
    return token;
}

} // namespace tsg
