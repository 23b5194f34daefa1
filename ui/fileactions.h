// What can be done with the files of the file tree: open with the default application, show in the file
// manager, copy the absolute path, delete to the trash (confirmed, restorable). In the tree's context menu, on a
// small tool bar and on keys that work while the tree has the focus. The desktop is reached through
// DesktopServices, so that tests see what would have been opened.
#pragma once

#include "library.h"

#include <QObject>

#include <functional>

class QAction;
class QToolBar;
class QWidget;

namespace tsg {

class DesktopServices;
class FileTreeView;

class FileActions : public QObject {
    Q_OBJECT
public:
    // `desktop` is not owned and must outlive this; setDesktopServices() swaps it (tests).
    FileActions(Library &library, FileTreeView *view, DesktopServices *desktop, QObject *parent = nullptr);

    void setDesktopServices(DesktopServices *desktop) { m_desktop = desktop; }
    // Asked before files go to the trash (the window's question; tests answer without a dialog).
    std::function<bool(const QString &title, const QString &text)> confirm;

    // The selected entries' paths, relative to the TSG, in the tree's order; folders included.
    QStringList selectedPaths() const;
    QString absolutePath(const QString &relativePath) const; // of the TSG shown

    void openSelected();
    void showSelectedInFolder();
    void copySelectedPaths();
    void deleteSelected();

    QAction *openAction() const { return m_open; }
    QAction *showInFolderAction() const { return m_show; }
    QAction *copyPathAction() const { return m_copy; }
    QAction *deleteAction() const { return m_delete; }
    // A compact tool bar with the four actions, for the window to place.
    QToolBar *makeToolBar(QWidget *parent) const;

signals:
    void message(bool ok, const QString &text);

private:
    void updateActions();
    bool isFile(const QString &relativePath) const;
    void deleteNext(const QString &tsg, QStringList paths, QStringList deleted);

    Library &m_library;
    FileTreeView *m_view;
    DesktopServices *m_desktop;
    QAction *m_open;
    QAction *m_show;
    QAction *m_copy;
    QAction *m_delete;
};

} // namespace tsg
