// What the window asks of the desktop: open a file or folder with its default application, show one in the file
// manager, put text on the clipboard. An interface so that tests see what would have been opened without
// launching anything; SystemDesktopServices is the real one.
#pragma once

#include <QString>

#include <functional>

namespace tsg {

class DesktopServices {
public:
    virtual ~DesktopServices() = default;

    // Opens a local file or folder (an absolute path) with the desktop's default application; false when nothing
    // could open it.
    virtual bool openPath(const QString &absolutePath) = 0;
    // Shows a local file or folder in the file manager, selected where the file manager can; `done` is called
    // (on the GUI thread, possibly later) with whether anything was shown.
    virtual void showInFolder(const QString &absolutePath, std::function<void(bool shown)> done) = 0;
    // Puts `text` on the clipboard.
    virtual void copyText(const QString &text) = 0;
};

} // namespace tsg
