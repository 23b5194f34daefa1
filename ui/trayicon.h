// The tray icon that keeps TSG Desk reachable while the window is closed: tooltip with the active
// TSG and the connected clients; menu with Show window, Active TSG ▸ (the active one and the last few used, then
// Choose… for a dialog with a filter; every TSG when there are only a few; None), Copy browser
// URL, Run cleanup now, Quit; notifications when an upload from a browser or agent lands or cleanup
// removes something (each kind can be turned off in Settings); a click on a "Files arrived" notification opens the
// TSG at the new files (or the session).
#pragma once

#include "library.h"

#include <QSystemTrayIcon>

#include <functional>
#include <memory>

class QActionGroup;
class QMenu;

namespace tsg {

class MainWindow;
class RecentTsgs;
class ServerRuntime;

class TrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    TrayIcon(Library &library, ServerRuntime *server, MainWindow &window, QObject *parent = nullptr);
    ~TrayIcon() override;

    void showWindow();
    void noticeHiddenOnce(); // the first time the window hides to the tray, says so
    QString tooltipText() const;
    QMenu *menu() const { return m_menu.get(); }
    QMenu *activeMenu() const { return m_activeMenu; }
    void rebuildActiveMenu(); // as it is about to show

    // Up to this many TSGs, the Active TSG menu lists them all; with more, the active one, the recent ones and
    // Choose….
    static constexpr int kListedAll = 8;
    // Choose…'s dialog (tests answer without one): the TSG chosen, or "" for none.
    std::function<QString(const QStringList &names, const QString &current)> chooseTsg;

    // What a notification would say (empty: none); separate from showing it, for tests.
    static QString uploadNotice(const UploadTarget &target, int files, qint64 bytes);
    static QString cleanupNotice(const CleanupReport &report, const QString &dataDir);

signals:
    void quitRequested();
    void notified(const QString &title, const QString &text);

private:
    void notify(const QString &title, const QString &text);
    void updateTooltip();
    void openArrival(); // a click on the last notification

    // What the last "Files arrived" notification was about (a click opens it); empty after any other notification.
    std::optional<UploadTarget> m_arrival;
    QStringList m_arrivedPaths; // the files of the last upload from a client into a TSG
    QString m_arrivedIn;        // ... and that TSG

    Library &m_library;
    ServerRuntime *m_server;
    MainWindow &m_window;
    std::unique_ptr<QMenu> m_menu;
    QMenu *m_activeMenu;
    QActionGroup *m_activeGroup = nullptr; // the checked one of the Active TSG menu; built again with it
    RecentTsgs *m_recent;
    bool m_noticeShown = false;
};

} // namespace tsg
