// Brings the user to files that just arrived: the window to the front, their TSG selected and the files selected
// and scrolled to in the tree once the tree has them (it loads off the GUI thread). A click on a "Files arrived"
// notification uses it.
#pragma once

#include <QStringList>

namespace tsg {

class MainWindow;

class FileReveal {
public:
    // `paths`: relative to the TSG's folder; those the tree has are selected, the first is the current one.
    static void reveal(MainWindow &window, const QString &tsg, const QStringList &paths);
};

} // namespace tsg
