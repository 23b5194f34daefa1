// What the window says when the desktop cannot open a folder (no file manager is registered): that it could not,
// and a way on, Copy path, so that the user can paste the path into a terminal or another program.
#pragma once

#include <QString>

class QWidget;

namespace tsg {

class DesktopServices;

class OpenFailure {
public:
    // Asks `desktop` to open the folder at `absolutePath`; when it cannot, says so in a message box (objectName
    // "openFailed") with a "Copy path" button (objectName "copyPath") that puts the path on the clipboard.
    // Returns whether the folder was opened.
    static bool openFolder(QWidget *parent, DesktopServices &desktop, const QString &absolutePath);
};

} // namespace tsg
