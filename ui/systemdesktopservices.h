// The desktop as it is: QDesktopServices opens files, the file manager's org.freedesktop.FileManager1 D-Bus
// interface shows them (opening the containing folder when no file manager offers it), the system clipboard
// holds copied text.
#pragma once

#include "desktopservices.h"

#include <QDBusConnection>
#include <QObject>
#include <QUrl>

namespace tsg {

class SystemDesktopServices : public QObject, public DesktopServices {
    Q_OBJECT
public:
    // `bus` carries the ShowItems call; `openUrl` opens a URL (QDesktopServices::openUrl when not given). Tests
    // pass a private bus and a recorder.
    explicit SystemDesktopServices(QObject *parent = nullptr);
    SystemDesktopServices(const QDBusConnection &bus, std::function<bool(const QUrl &)> openUrl,
                          QObject *parent = nullptr);

    bool openPath(const QString &absolutePath) override;
    // Asks the file manager (without waiting on the GUI thread); when the call fails (no such service on the
    // bus, no bus, or the file manager refuses), opens the containing folder instead.
    void showInFolder(const QString &absolutePath, std::function<void(bool shown)> done) override;
    void copyText(const QString &text) override;

private:
    QDBusConnection m_bus;
    std::function<bool(const QUrl &)> m_openUrl;
};

} // namespace tsg
