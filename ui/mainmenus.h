// The main window's menu bar (File, Edit, View, Server, Help) and the Help menu's dialogs (keyboard shortcuts,
// the protocol, About), so that every action of the toolbar, the panels and the shortcuts can also be found, and
// reached with the keyboard, in the place desktop applications keep them.
#pragma once

#include <QObject>

#include <functional>

class QAction;
class QDialog;
class QMainWindow;

namespace tsg {

class DesktopServices;
class Library;
class ServerStatusPanel;

class MainMenus : public QObject {
    Q_OBJECT
public:
    // What the menus need of the main window beyond its widgets and actions (found by objectName), given by it so
    // that this file does not include the window's header.
    struct Hooks {
        std::function<void()> quit{};                 // stop the server and quit, without a question
        std::function<DesktopServices *()> desktop{}; // where folders are opened
        bool serverRunning = false;                   // whether the Server menu's actions can work
    };
    // Fills `window`'s menu bar with its actions and the ones made here. Parented to the window.
    MainMenus(QMainWindow &window, Library &library, Hooks hooks);

    // The Help menu's windows (F1, Help › Protocol documentation, Help › About), also for tests.
    void showShortcuts();
    void showProtocol();
    void showAbout();
    // Help › About's text: the version, Qt's version (built with and running), and the license.
    static QString aboutText();

private:
    QAction *make(const char *name, const QString &text, const QKeySequence &key, const QString &tip);
    void focus(const char *objectName); // the window's widget of that name takes the keyboard
    ServerStatusPanel *serverPanel() const;

    QMainWindow &m_window;
    Library &m_library;
    Hooks m_hooks;
};

} // namespace tsg
