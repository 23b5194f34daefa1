// The tray icon that keeps TSG Desk reachable while the window is closed: tooltip with the active
// TSG and connected clients; menu with Show window, Active TSG ▸, Run cleanup now, Quit; notifications
// when a browser or agent upload lands or cleanup removes something (each can be turned off).
#pragma once

#include "library.h"

#include <QSystemTrayIcon>

class QMenu;

namespace tsg {

class MainWindow;
class ServerRuntime;

class TrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    TrayIcon(Library &library, ServerRuntime *server, MainWindow &window, QObject *parent = nullptr);

    void showWindow();
    void noticeHiddenOnce();

signals:
    void quitRequested();

private:
    void updateTooltip();
    void rebuildActiveMenu();

    Library &m_library;
    ServerRuntime *m_server;
    MainWindow &m_window;
    QMenu *m_menu;
    QMenu *m_activeMenu;
    bool m_noticeShown = false;
};

} // namespace tsg
