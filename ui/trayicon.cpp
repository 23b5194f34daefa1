#include "trayicon.h"

#include "choosetsgdialog.h"
#include "cleanupstatuspanel.h"
#include "filereveal.h"
#include "format.h"
#include "mainwindow.h"
#include "recenttsgs.h"
#include "serverruntime.h"
#include "serverstatuspanel.h"
#include "sessionsdock.h"
#include "sessionspage.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace tsg {

TrayIcon::TrayIcon(Library &library, ServerRuntime *server, MainWindow &window, QObject *parent)
    : QSystemTrayIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")), parent), m_library(library), m_server(server),
      m_window(window), m_menu(std::make_unique<QMenu>()), m_recent(new RecentTsgs(library, this))
{
    chooseTsg = [this](const QStringList &names, const QString &current) {
        ChooseTsgDialog dialog(names, current);
        return dialog.exec() == QDialog::Accepted ? dialog.chosen() : QString();
    };
    m_menu->addAction(QIcon(QStringLiteral(":/icons/tsgdesk.svg")), tr("Show window"), this, &TrayIcon::showWindow);
    m_activeMenu = m_menu->addMenu(QIcon(QStringLiteral(":/icons/active.svg")), tr("Active TSG"));
    m_activeMenu->setObjectName(QStringLiteral("activeMenu"));
    if (server) {
        m_menu->addAction(tr("Open in browser"), window.serverPanel(), &ServerStatusPanel::openInBrowser);
        m_menu->addAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy browser URL"), window.serverPanel(),
                          &ServerStatusPanel::copyUrl);
    }
    m_menu->addAction(QIcon(QStringLiteral(":/icons/cleanup.svg")), tr("Run cleanup now"), this,
                      [this] { (void)m_library.runCleanupNow(); });
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    setContextMenu(m_menu.get());
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            showWindow();
    });
    connect(m_activeMenu, &QMenu::aboutToShow, this, &TrayIcon::rebuildActiveMenu);
    connect(&library, &Library::activeTsgChanged, this, &TrayIcon::updateTooltip, Qt::QueuedConnection);
    if (server)
        connect(server, &ServerRuntime::clientCountChanged, this, &TrayIcon::updateTooltip);
    connect(
        &library, &Library::uploadLanded, this,
        [this](const UploadTarget &target, int files, qint64 bytes, Origin origin) {
            if (origin == 0 || !m_library.config().desk.notifyUploads)
                return; // the window's own uploads are shown in the window
            notify(tr("Files arrived"), uploadNotice(target, files, bytes));
            m_arrival = target;
        },
        Qt::QueuedConnection);
    connect(
        &library, &Library::tsgFilesStored, this,
        [this](const QString &tsg, const QStringList &paths, Origin origin) {
            if (origin == 0)
                return;
            m_arrivedIn = tsg;
            m_arrivedPaths = paths;
        },
        Qt::QueuedConnection);
    connect(this, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openArrival);
    connect(
        &library, &Library::cleanupFinished, this,
        [this](const CleanupReport &r) {
            if (r.totalRemoved() > 0 && m_library.config().desk.notifyCleanup)
                notify(tr("Cleanup"), cleanupNotice(r, m_library.folder().root()));
        },
        Qt::QueuedConnection);
    m_noticeShown = QSettings().value(QStringLiteral("tray/noticeShown")).toBool();
    updateTooltip();
}

TrayIcon::~TrayIcon() = default;

QString TrayIcon::uploadNotice(const UploadTarget &target, int files, qint64 bytes)
{
    const QString count = Format::count(files, QStringLiteral("file"), QStringLiteral("files"));
    return target.isSession() ? tr("%1, %2, uploaded into session %3").arg(count, Format::size(bytes), target.name)
                              : tr("%1, %2, uploaded into TSG \"%3\"").arg(count, Format::size(bytes), target.name);
}

QString TrayIcon::cleanupNotice(const CleanupReport &r, const QString &dataDir)
{
    QString text = CleanupStatusPanel::describe(r);
    text[0] = text[0].toUpper();
    return tr("%1 in %2").arg(text, dataDir);
}

void TrayIcon::notify(const QString &title, const QString &text)
{
    m_arrival.reset(); // the upload notice sets it again after this
    emit notified(title, text);
    showMessage(title, text, QIcon(QStringLiteral(":/icons/tsgdesk.svg")), 8000);
}

void TrayIcon::openArrival()
{
    if (!m_arrival) {
        showWindow();
        return;
    }
    if (m_arrival->isSession()) {
        showWindow();
        if (auto *dock = m_window.findChild<SessionsDock *>())
            dock->showAndFocus();
        m_window.sessionsPage()->selectSession(m_arrival->name);
        return;
    }
    FileReveal::reveal(m_window, m_arrival->name, m_arrivedIn == m_arrival->name ? m_arrivedPaths : QStringList());
}

void TrayIcon::showWindow()
{
    m_window.bringToFront();
}

void TrayIcon::noticeHiddenOnce()
{
    if (m_noticeShown)
        return;
    m_noticeShown = true;
    QSettings().setValue(QStringLiteral("tray/noticeShown"), true);
    notify(tr("TSG Desk is still running"),
           tr("The server keeps serving browsers and agents. Open the window or quit from this icon's menu."));
}

QString TrayIcon::tooltipText() const
{
    return toolTip();
}

void TrayIcon::updateTooltip()
{
    const auto active = m_library.activeTsg();
    QString text = tr("TSG Desk\nActive TSG: %1").arg(active.value_or(tr("none")));
    text += u'\n'
        + (m_server
               ? tr("%1 connected")
                     .arg(Format::count(m_server->clientCount(), QStringLiteral("client"), QStringLiteral("clients")))
               : tr("Server not running"));
    setToolTip(text);
}

void TrayIcon::rebuildActiveMenu()
{
    m_activeMenu->clear(); // deletes the actions, not the group that held them
    delete m_activeGroup;
    auto *group = m_activeGroup = new QActionGroup(m_activeMenu);
    const auto active = m_library.activeTsg();
    QAction *none = m_activeMenu->addAction(tr("None"), this, [this] { (void)m_library.selectTsg(std::nullopt); });
    none->setCheckable(true);
    none->setChecked(!active);
    group->addAction(none);
    m_activeMenu->addSeparator();
    const QList<TsgInfo> tsgs = m_library.tsgs();
    const auto pick = [this, group, &active](const QString &name) {
        QAction *a = m_activeMenu->addAction(name, this, [this, name] { (void)m_library.selectTsg(name); });
        a->setCheckable(true);
        a->setChecked(active == name);
        group->addAction(a);
    };
    if (tsgs.size() <= kListedAll) {
        for (const TsgInfo &t : tsgs)
            pick(t.name);
        return;
    }
    // A long library: the active TSG, the last few used, then the whole list in a dialog.
    if (active)
        pick(*active);
    const QStringList recent = m_recent->names(RecentTsgs::kKept, active);
    if (!recent.isEmpty()) {
        m_activeMenu->addSection(tr("Recent"));
        for (const QString &name : recent)
            pick(name);
    }
    m_activeMenu->addSeparator();
    m_activeMenu->addAction(tr("Choose… (%1 TSGs)").arg(tsgs.size()), this, [this, tsgs] {
        QStringList names;
        for (const TsgInfo &t : tsgs)
            names << t.name;
        const QString chosen = chooseTsg(names, m_library.activeTsg().value_or(QString()));
        if (!chosen.isEmpty())
            (void)m_library.selectTsg(chosen);
    });
}

} // namespace tsg
