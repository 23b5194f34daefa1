#include "serverstatuspanel.h"

#include "confirm.h"
#include "elidinglabel.h"
#include "format.h"
#include "serverruntime.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>

namespace tsg {

ServerStatusPanel::ServerStatusPanel(ServerRuntime *server, const QString &problem, QWidget *parent)
    : QWidget(parent), m_server(server), m_problem(problem)
{
    setObjectName(QStringLiteral("serverStatus"));
    confirm = yesCancelConfirm(this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_state = new QLabel(this);
    m_url = new ElidingLabel(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clients = new QLabel(this);
    m_clients->setObjectName(QStringLiteral("serverClients"));
    m_copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy browser URL"), this);
    m_copy->setObjectName(QStringLiteral("copyUrl"));
    m_copy->setToolTip(
        tr("Copies the WebSocket URL with its access token, for a browser UI or a client of docs/PROTOCOL.md"));
    m_open = new QPushButton(tr("Open in browser"), this);
    m_open->setObjectName(QStringLiteral("openInBrowser"));
    m_open->setToolTip(tr("Opens the browser UI in your web browser, signed in with the access token"));
    m_regenerate = new QPushButton(QIcon(QStringLiteral(":/icons/key.svg")), tr("New token"), this);
    m_regenerate->setObjectName(QStringLiteral("regenerateToken"));
    m_regenerate->setToolTip(tr("Issues a new access token; URLs with the old one stop working"));
    m_agents = new QToolButton(this);
    m_agents->setObjectName(QStringLiteral("agentMenu"));
    m_agents->setText(tr("For agents"));
    m_agents->setToolTip(tr("The MCP endpoint and the access token, for an agent that connects by URL"));
    m_agents->setPopupMode(QToolButton::InstantPopup);
    auto *agentMenu = new QMenu(m_agents);
    m_copyMcpUrl = agentMenu->addAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy MCP URL"), this,
                                        &ServerStatusPanel::copyMcpUrl);
    m_copyMcpUrl->setObjectName(QStringLiteral("copyMcpUrl"));
    m_copyToken = agentMenu->addAction(QIcon(QStringLiteral(":/icons/key.svg")), tr("Copy token"), this,
                                       &ServerStatusPanel::copyToken);
    m_copyToken->setObjectName(QStringLiteral("copyToken"));
    m_agents->setMenu(agentMenu);
    m_more = new QToolButton(this);
    m_more->setObjectName(QStringLiteral("serverMenu"));
    m_more->setText(tr("Server"));
    m_more->setToolTip(tr("Open in browser, Copy browser URL, New token, Copy MCP URL, Copy token"));
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setAutoRaise(true);
    auto *menu = new QMenu(m_more);
    for (QPushButton *b : {m_open, m_copy, m_regenerate})
        menu->addAction(b->icon(), b->text(), b, &QPushButton::click);
    menu->addSeparator();
    menu->addActions({m_copyMcpUrl, m_copyToken});
    m_more->setMenu(menu);
    m_more->hide();
    layout->addWidget(m_state);
    layout->addWidget(m_url, 1);
    layout->addWidget(m_clients);
    layout->addWidget(m_open);
    layout->addWidget(m_copy);
    layout->addWidget(m_regenerate);
    layout->addWidget(m_agents);
    layout->addWidget(m_more);
    connect(m_copy, &QPushButton::clicked, this, &ServerStatusPanel::copyUrl);
    connect(m_open, &QPushButton::clicked, this, &ServerStatusPanel::openInBrowser);
    connect(m_regenerate, &QPushButton::clicked, this, &ServerStatusPanel::regenerateToken);
    if (m_server) {
        connect(m_server, &ServerRuntime::clientCountChanged, this, &ServerStatusPanel::update);
        connect(m_server, &ServerRuntime::tokenChanged, this, &ServerStatusPanel::update);
    }
    update();
}

bool ServerStatusPanel::isFolded() const
{
    return m_more->isVisibleTo(this);
}

QSize ServerStatusPanel::sizeHint() const
{
    const int spacing = layout()->spacing();
    int w = 0, h = 0;
    for (QWidget *c :
         std::initializer_list<QWidget *>{m_state, m_url, m_clients, m_open, m_copy, m_regenerate, m_agents}) {
        w += c->sizeHint().width() + spacing;
        h = std::max(h, c->sizeHint().height());
    }
    return {w - spacing, h};
}

QSize ServerStatusPanel::minimumSizeHint() const
{
    const int spacing = layout()->spacing();
    return {m_state->sizeHint().width() + m_url->minimumSizeHint().width() + m_more->sizeHint().width() + 2 * spacing,
            sizeHint().height()};
}

void ServerStatusPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fold();
}

void ServerStatusPanel::fold()
{
    const bool folded = width() < sizeHint().width();
    for (QWidget *c : std::initializer_list<QWidget *>{m_clients, m_open, m_copy, m_regenerate, m_agents})
        c->setVisible(!folded);
    m_more->setVisible(folded);
    m_url->setToolTip(folded ? text() : QString());
}

QString ServerStatusPanel::text() const
{
    return QStringList{m_state->text(), m_url->text(), m_clients->text()}.join(u' ');
}

void ServerStatusPanel::update()
{
    const bool up = m_server && m_server->isListening();
    m_state->setPixmap(
        QIcon(up ? QStringLiteral(":/icons/online.svg") : QStringLiteral(":/icons/offline.svg")).pixmap(14, 14));
    m_state->setToolTip(up ? tr("The server is running") : tr("The server is not running"));
    m_copy->setEnabled(up);
    m_open->setEnabled(up);
    m_regenerate->setEnabled(up);
    m_agents->setEnabled(up);
    const QList<QAction *> folded = m_more->menu()->actions();
    for (int i = 0; i < folded.size(); ++i)
        folded.at(i)->setEnabled(up);
    if (!up) {
        m_url->setText(m_problem.isEmpty() ? tr("Server not running") : tr("Server not running: %1").arg(m_problem));
        m_clients->clear();
        fold();
        return;
    }
    m_url->setText(tr("Server %1").arg(m_server->url()));
    m_clients->setText(
        tr("· %1 connected")
            .arg(Format::count(m_server->clientCount(), QStringLiteral("client"), QStringLiteral("clients"))));
    fold();
}

void ServerStatusPanel::copyUrl()
{
    if (!m_server || !m_server->isListening())
        return;
    QApplication::clipboard()->setText(m_server->urlWithToken());
    emit message(true, tr("Copied the URL with its token: paste it into the browser UI or the agent's settings"));
}

void ServerStatusPanel::copyMcpUrl()
{
    if (!m_server || !m_server->isListening())
        return;
    QApplication::clipboard()->setText(m_server->mcpUrl());
    emit message(true,
                 tr("Copied the MCP URL: the agent sends the access token with it as a Bearer token "
                    "(For agents › Copy token)"));
}

void ServerStatusPanel::copyToken()
{
    if (!m_server || !m_server->isListening())
        return;
    QApplication::clipboard()->setText(m_server->token());
    emit message(true, tr("Copied the access token: give it only to the agent or browser UI you use"));
}

void ServerStatusPanel::openInBrowser()
{
    if (!m_server || !m_server->isListening())
        return;
    if (!QDesktopServices::openUrl(QUrl(m_server->browserUrl())))
        emit message(false, tr("No web browser could be started: copy the browser URL instead"));
}

void ServerStatusPanel::regenerateToken()
{
    if (!m_server || !m_server->isListening())
        return;
    if (!confirm(tr("New token"),
                 tr("Browser tabs and agents using the current token will need the new URL to connect "
                    "again. Issue a new token?")))
        return;
    const auto token = m_server->regenerateToken();
    emit message(token.ok(),
                 token.ok() ? tr("A new token is in use: copy the browser URL again") : token.error().message);
    update();
}

} // namespace tsg
