// A DesktopServices double for the window's tests: records what would have been opened, shown and copied,
// launches nothing, and answers as a desktop with or without a file manager would.
#pragma once

#include "desktopservices.h"

#include <QStringList>

namespace testing {

struct RecordingDesktop : tsg::DesktopServices {
    QStringList opened;  // absolute paths, in order
    QStringList shown;   // absolute paths asked to be shown in the file manager
    QStringList copied;  // clipboard texts
    bool canOpen = true; // false: as if no application could open anything
    bool canShow = true;

    bool openPath(const QString &absolutePath) override
    {
        opened << absolutePath;
        return canOpen;
    }
    void showInFolder(const QString &absolutePath, std::function<void(bool)> done) override
    {
        shown << absolutePath;
        if (done)
            done(canShow);
    }
    void copyText(const QString &text) override { copied << text; }
};

} // namespace testing
