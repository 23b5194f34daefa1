// What can be done with the files of the file tree: open with the default application, show in the file
// manager, copy the absolute path or the SHA-256, delete to the trash (confirmed, restorable), rename, move, and
// make a folder. In the tree's context menu, on a
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
    // Asks for a name (Rename, New folder); empty when the user gave none (tests answer without a dialog).
    std::function<QString(const QString &title, const QString &label, const QString &current)> askName;
    // The folder New folder makes its folder in (the window's: the folder selected in the tree).
    std::function<QString()> currentFolder;

    // The selected entries' paths, relative to the TSG, in the tree's order; folders included.
    QStringList selectedPaths() const;
    QString absolutePath(const QString &relativePath) const; // of the TSG shown

    void openSelected();
    void showSelectedInFolder();
    void copySelectedPaths();
    void deleteSelected();
    void renameSelected();   // F2: a file or folder gets a new name in its folder (tsg:move-file)
    void newFolder();        // Ctrl+Shift+N: an empty folder in currentFolder() (tsg:make-folder)
    void copySelectedHash(); // the SHA-256 of the selected file
    // Moves the entries `paths` into the folder `folder` of the TSG shown ("" for its top): a drag inside the tree.
    void moveInto(const QStringList &paths, const QString &folder);

    QAction *openAction() const { return m_open; }
    QAction *showInFolderAction() const { return m_show; }
    QAction *copyPathAction() const { return m_copy; }
    QAction *deleteAction() const { return m_delete; }
    QAction *renameAction() const { return m_rename; }
    QAction *newFolderAction() const { return m_newFolder; }
    QAction *copyHashAction() const { return m_copyHash; }
    // A compact tool bar with the four actions, for the window to place.
    QToolBar *makeToolBar(QWidget *parent) const;

signals:
    void message(bool ok, const QString &text);

private:
    void updateActions();
    bool isFile(const QString &relativePath) const;
    void deleteNext(const QString &tsg, QStringList paths, QStringList deleted);
    void moveNext(const QString &tsg, QList<std::pair<QString, QString>> moves, int done);

    Library &m_library;
    FileTreeView *m_view;
    DesktopServices *m_desktop;
    QAction *m_open;
    QAction *m_show;
    QAction *m_copy;
    QAction *m_delete;
    QAction *m_rename;
    QAction *m_newFolder;
    QAction *m_copyHash;
};

} // namespace tsg
