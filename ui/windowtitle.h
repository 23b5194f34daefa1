// Keeps the main window's title saying where the user is: the active TSG, and the data folder when it is not the
// default one (a second library opened with --data-dir must not be mistaken for the usual one).
#pragma once

#include <QObject>

#include <optional>

class QWidget;

namespace tsg {

class Library;

class WindowTitle : public QObject {
    Q_OBJECT
public:
    // Sets `window`'s title now and whenever the active TSG changes. Parented to the window.
    WindowTitle(QWidget &window, Library &library);

    // "vpn-issues (active) — TSG Desk — /srv/tsgs" (the parts that apply), for tests and the tray.
    static QString text(const std::optional<QString> &activeTsg, const QString &dataFolder,
                        const QString &defaultFolder);

private:
    void update();

    QWidget &m_window;
    Library &m_library;
};

} // namespace tsg
