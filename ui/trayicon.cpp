#include "trayicon.h"

#include "mainwindow.h"
#include "serverruntime.h"
#include "tsglistmodel.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace tsg {

TrayIcon::TrayIcon(Library &library, ServerRuntime *server, MainWindow &window, QObject *parent)
    : QSystemTrayIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")), parent), m_library(library), m_server(server),
      m_window(window), m_menu(new QMenu), m_activeMenu(new QMenu(tr("Active TSG"), m_menu))
{
    m_menu->addAction(tr("Show window"), this, &TrayIcon::showWindow);
    m_menu->addMenu(m_activeMenu);
    m_menu->addAction(tr("Copy browser URL"), window.action(QStringLiteral("copyUrl")), &QAction::trigger);
    m_menu->addAction(tr("Run cleanup now"), this, [this] { (void)m_library.cleanup().runNow(); });
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    setContextMenu(m_menu);
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            showWindow();
    });
    connect(m_activeMenu, &QMenu::aboutToShow, this, &TrayIcon::rebuildActiveMenu);
    connect(&library, &Library::activeTsgChanged, this, &TrayIcon::updateTooltip, Qt::QueuedConnection);
    if (server)
        connect(server, &ServerRuntime::clientCountChanged, this, &TrayIcon::updateTooltip);
    connect(&library, &Library::uploadLanded, this,
            [this](bool toSession, const QString &target, int files, qint64 bytes, Origin origin) {
                if (origin == 0 || !m_library.config().desk.notifyUploads)
                    return; // the window's own uploads are shown in the window
                showMessage(tr("Files uploaded"), toSession ? tr("%n file(s), %1, into session %2", nullptr, files).arg(humanSize(bytes), target)
                                                            : tr("%n file(s), %1, into TSG \"%2\"", nullptr, files).arg(humanSize(bytes), target));
            }, Qt::QueuedConnection);
    connect(&library.cleanup(), &CleanupService::finished, this, [this](const CleanupReport &r) {
        if (r.totalRemoved() > 0 && m_library.config().desk.notifyCleanup)
            showMessage(tr("Cleanup"), tr("Removed %1 item(s), %2, from %3").arg(r.totalRemoved()).arg(humanSize(r.bytesFreed), m_library.folder().root()));
    });
    m_noticeShown = QSettings().value(QStringLiteral("tray/noticeShown")).toBool();
    updateTooltip();
}

void TrayIcon::showWindow()
{
    m_window.show();
    m_window.raise();
    m_window.activateWindow();
}

void TrayIcon::noticeHiddenOnce()
{
    if (m_noticeShown)
        return;
    m_noticeShown = true;
    QSettings().setValue(QStringLiteral("tray/noticeShown"), true);
    showMessage(tr("TSG Desk is still running"), tr("The server keeps serving browsers and agents. Quit from this icon's menu."));
}

void TrayIcon::updateTooltip()
{
    const auto active = m_library.activeTsg();
    setToolTip(tr("TSG Desk\nActive TSG: %1\n%n client(s) connected", nullptr, m_server ? m_server->clientCount() : 0)
                   .arg(active.value_or(tr("none"))));
}

void TrayIcon::rebuildActiveMenu()
{
    m_activeMenu->clear();
    auto *group = new QActionGroup(m_activeMenu);
    const auto active = m_library.activeTsg();
    QAction *none = m_activeMenu->addAction(tr("None"), this, [this] { (void)m_library.selectTsg(std::nullopt); });
    none->setCheckable(true);
    none->setChecked(!active);
    group->addAction(none);
    m_activeMenu->addSeparator();
    for (const TsgInfo &t : m_library.tsgs()) {
        QAction *a = m_activeMenu->addAction(t.name, this, [this, name = t.name] { (void)m_library.selectTsg(name); });
        a->setCheckable(true);
        a->setChecked(active == t.name);
        group->addAction(a);
    }
}

} // namespace tsg
