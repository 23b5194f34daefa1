#include "fileactions.h"

#include "desktopservices.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "format.h"
#include "whenfinished.h"

#include <QAction>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <QToolBar>

#include <algorithm>

namespace tsg {

FileActions::FileActions(Library &library, FileTreeView *view, DesktopServices *desktop, QObject *parent)
    : QObject(parent), m_library(library), m_view(view), m_desktop(desktop)
{
    auto make = [this](const char *name, const QString &text, const char *icon, const QList<QKeySequence> &keys,
                       const QString &tip, void (FileActions::*slot)()) {
        auto *a = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetShortcut); // while the tree has the focus
        a->setToolTip(
            keys.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keys.first().toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        m_view->addAction(a);
        return a;
    };
    m_open = make("openFile", tr("&Open"), "open", {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)},
                  tr("Open with the default application"), &FileActions::openSelected);
    m_show =
        make("showInFolder", tr("Show in &folder"), "show-in-folder", {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R)},
             tr("Show in the file manager"), &FileActions::showSelectedInFolder);
    m_copy = make("copyPath", tr("Copy &path"), "copy",
                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), QKeySequence(QKeySequence::Copy)},
                  tr("Copy the full path to the clipboard"), &FileActions::copySelectedPaths);
    m_delete = make("deleteFile", tr("&Delete file"), "delete", {QKeySequence(Qt::Key_Delete)},
                    tr("Move the selected files or folders to the trash (they can be restored)"),
                    &FileActions::deleteSelected);
    // F2 is the window's (it renames what has the focus; in the tree, through here): one action per key.
    m_rename = make("renameFile", tr("Re&name… (F2)"), "tsg", {}, tr("Rename the selected file or folder (F2)"),
                    &FileActions::renameSelected);
    m_newFolder = make("newFolder", tr("New f&older…"), "folder", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)},
                       tr("Make a folder in the selected folder"), &FileActions::newFolder);
    m_copyHash = make("copyHash", tr("Copy &SHA-256"), "copy", {}, tr("Copy the file's SHA-256 to the clipboard"),
                      &FileActions::copySelectedHash);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    askName = [this](const QString &title, const QString &label, const QString &current) {
        bool ok = false;
        const QString name = QInputDialog::getText(m_view, title, label, QLineEdit::Normal, current, &ok);
        return ok ? name.trimmed() : QString();
    };
    currentFolder = [] { return QString(); };
    // A double click opens a file; on a folder it opens or closes the folder, as everywhere.
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_view->model()->flags(index).testFlag(Qt::ItemNeverHasChildren))
            openSelected();
    });
    connect(m_view->model(), &QAbstractItemModel::modelReset, this, &FileActions::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FileActions::updateActions);
    updateActions();
}

QToolBar *FileActions::makeToolBar(QWidget *parent) const
{
    auto *bar = new QToolBar(parent);
    bar->setObjectName(QStringLiteral("fileToolbar"));
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addActions({m_open, m_show, m_copy, m_delete});
    return bar;
}

QStringList FileActions::selectedPaths() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows(FileTreeModel::Name);
    std::sort(rows.begin(), rows.end(), [this](const QModelIndex &a, const QModelIndex &b) {
        return m_view->visualRect(a).top() < m_view->visualRect(b).top();
    });
    QStringList paths;
    for (const QModelIndex &i : std::as_const(rows))
        paths << i.data(FileTreeModel::PathRole).toString();
    return paths;
}

QString FileActions::absolutePath(const QString &relativePath) const
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    return QDir::cleanPath(m_library.folder().tsgsDir() + u'/' + model->tsg() + u'/' + relativePath);
}

bool FileActions::isFile(const QString &relativePath) const
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    return model->flags(model->indexOfPath(relativePath)).testFlag(Qt::ItemNeverHasChildren);
}

void FileActions::updateActions()
{
    const QStringList paths = selectedPaths();
    const bool files =
        !paths.isEmpty() && std::all_of(paths.cbegin(), paths.cend(), [this](const QString &p) { return isFile(p); });
    m_open->setEnabled(!paths.isEmpty());
    m_show->setEnabled(paths.size() == 1);
    m_copy->setEnabled(!paths.isEmpty());
    m_delete->setEnabled(!paths.isEmpty());
    m_rename->setEnabled(paths.size() == 1);
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    m_newFolder->setEnabled(!model->tsg().isEmpty());
    m_copyHash->setEnabled(paths.size() == 1 && files
                           && !model->indexOfPath(paths.first()).data(FileTreeModel::Sha256Role).toString().isEmpty());
    m_delete->setText(paths.size() > 1 ? tr("&Delete") : files ? tr("&Delete file") : tr("&Delete folder"));
}

void FileActions::openSelected()
{
    const QStringList paths = selectedPaths();
    QStringList failed;
    for (const QString &p : paths)
        if (!m_desktop->openPath(absolutePath(p)))
            failed << p;
    if (!failed.isEmpty())
        emit message(false, tr("No application could open %1").arg(failed.join(QStringLiteral(", "))));
}

void FileActions::showSelectedInFolder()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1)
        return;
    const QString path = absolutePath(paths.first());
    m_desktop->showInFolder(path, [this, guard = QPointer<FileActions>(this), path](bool shown) {
        if (guard && !shown)
            emit message(false, tr("No file manager could show %1").arg(QDir::toNativeSeparators(path)));
    });
}

void FileActions::copySelectedPaths()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    QStringList absolute;
    for (const QString &p : paths)
        absolute << QDir::toNativeSeparators(absolutePath(p));
    m_desktop->copyText(absolute.join(u'\n'));
    emit message(true,
                 paths.size() == 1
                     ? tr("Copied %1").arg(absolute.first())
                     : tr("Copied the paths of %1")
                           .arg(Format::count(paths.size(), QStringLiteral("file"), QStringLiteral("files"))));
}

void FileActions::deleteSelected()
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    const QString tsg = model->tsg();
    QStringList paths = selectedPaths();
    // A folder takes what is under it: a file or folder inside a selected folder is not asked for again.
    const QStringList all = paths;
    paths.removeIf([&all](const QString &p) {
        return std::any_of(all.cbegin(), all.cend(), [&p](const QString &f) { return p.startsWith(f + u'/'); });
    });
    if (tsg.isEmpty() || paths.isEmpty())
        return;
    const bool folder = paths.size() == 1 && !isFile(paths.first());
    const QString what = paths.size() > 1
        ? tr("Move %1 of %2 to the trash?")
              .arg(Format::count(paths.size(), QStringLiteral("item"), QStringLiteral("items")), tsg)
        : folder ? tr("Move the folder \"%1\" of %2, with everything in it, to the trash?").arg(paths.first(), tsg)
                 : tr("Move \"%1\" of %2 to the trash?").arg(paths.first(), tsg);
    const QString how = tr("It can be restored from the trash (Trash…) until cleanup removes it.");
    const QString title = folder ? tr("Delete folder") : paths.size() == 1 ? tr("Delete file") : tr("Delete");
    if (!confirm || !confirm(title, what + u'\n' + how))
        return;
    // After the delete, the row below the last one deleted (or above the first) is selected: never nothing.
    QModelIndex below = model->indexOfPath(selectedPaths().constLast());
    const auto isGoing = [&paths](const QString &p) {
        return std::any_of(paths.cbegin(), paths.cend(),
                           [&p](const QString &d) { return p == d || p.startsWith(d + u'/'); });
    };
    while (below.isValid() && isGoing(below.data(FileTreeModel::PathRole).toString()))
        below = m_view->indexBelow(below);
    QModelIndex neighbour = below;
    if (!neighbour.isValid()) {
        neighbour = m_view->indexAbove(model->indexOfPath(selectedPaths().constFirst()));
        while (neighbour.isValid() && isGoing(neighbour.data(FileTreeModel::PathRole).toString()))
            neighbour = m_view->indexAbove(neighbour);
    }
    m_view->selectAfterRemoval(neighbour.isValid() ? neighbour.data(FileTreeModel::PathRole).toString() : QString());
    deleteNext(tsg, paths, {});
}

// One at a time, so that a failure stops the rest and says which it was.
void FileActions::deleteNext(const QString &tsg, QStringList paths, QStringList deleted)
{
    if (paths.isEmpty()) {
        emit message(true,
                     deleted.size() == 1
                         ? tr("Moved \"%1\" of %2 to the trash").arg(deleted.first(), tsg)
                         : tr("Moved %1 of %2 to the trash")
                               .arg(Format::count(deleted.size(), QStringLiteral("item"), QStringLiteral("items")),
                                    tsg));
        return;
    }
    const QString path = paths.takeFirst();
    whenFinished(m_library.deleteTsgFile(tsg, path, 0, TsgStore::Removable::FileOrFolder), this,
                 [this, tsg, paths, deleted, path](const Result<TrashEntry> &r) {
                     if (!r.ok()) {
                         emit message(false, r.error().message);
                         return;
                     }
                     deleteNext(tsg, paths, deleted + QStringList{path});
                 });
}

void FileActions::copySelectedHash()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1)
        return;
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    const QString sha = model->indexOfPath(paths.first()).data(FileTreeModel::Sha256Role).toString();
    if (sha.isEmpty())
        return;
    m_desktop->copyText(sha);
    emit message(true, tr("Copied the SHA-256 of %1").arg(paths.first()));
}

void FileActions::renameSelected()
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    const QStringList paths = selectedPaths();
    if (paths.size() != 1 || model->tsg().isEmpty())
        return;
    const QString path = paths.first();
    const QString oldName = path.section(u'/', -1);
    const QString newName = askName(isFile(path) ? tr("Rename file") : tr("Rename folder"),
                                    tr("New name for \"%1\":").arg(oldName), oldName);
    if (newName.isEmpty() || newName == oldName)
        return;
    const QString folder = path.contains(u'/') ? path.section(u'/', 0, -2) + u'/' : QString();
    m_view->selectAfterRemoval(folder + newName); // the entry stays selected under its new name
    moveNext(model->tsg(), {{path, folder + newName}}, 0);
}

void FileActions::newFolder()
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    const QString tsg = model->tsg();
    if (tsg.isEmpty())
        return;
    const QString in = currentFolder();
    const QString name = askName(tr("New folder"),
                                 in.isEmpty() ? tr("Name of the new folder in %1:").arg(tsg)
                                              : tr("Name of the new folder in %1 › %2:").arg(tsg, in),
                                 QString());
    if (name.isEmpty())
        return;
    const QString path = in.isEmpty() ? name : in + u'/' + name;
    whenFinished(m_library.makeTsgFolder(tsg, path), this, [this, path](const Result<TsgInfo> &made) {
        if (!made.ok()) {
            emit message(false, made.error().message);
            return;
        }
        emit message(true, tr("Made the folder %1").arg(path));
    });
}

void FileActions::moveInto(const QStringList &paths, const QString &folder)
{
    const auto *model = static_cast<const FileTreeModel *>(m_view->model());
    QList<std::pair<QString, QString>> moves;
    for (const QString &p : paths) {
        const QString target = folder.isEmpty() ? p.section(u'/', -1) : folder + u'/' + p.section(u'/', -1);
        if (target != p && !(folder == p || folder.startsWith(p + u'/')))
            moves.append({p, target});
    }
    if (moves.isEmpty() || model->tsg().isEmpty())
        return;
    m_view->selectAfterRemoval(moves.constLast().second);
    moveNext(model->tsg(), moves, 0);
}

// One at a time, so that a refusal stops the rest and says which it was.
void FileActions::moveNext(const QString &tsg, QList<std::pair<QString, QString>> moves, int done)
{
    if (moves.isEmpty())
        return;
    const std::pair<QString, QString> next = moves.takeFirst();
    const QString from = next.first;
    const QString to = next.second;
    whenFinished(m_library.moveTsgFile(tsg, from, to), this,
                 [this, tsg, moves, done, from, to](const Result<TsgInfo> &moved) {
                     if (!moved.ok()) {
                         emit message(false, moved.error().message);
                         return;
                     }
                     if (moves.isEmpty()) {
                         emit message(true,
                                      done == 0 ? tr("Moved %1 to %2").arg(from, to)
                                                : tr("Moved %1")
                                                      .arg(Format::count(done + 1, QStringLiteral("item"),
                                                                         QStringLiteral("items"))));
                     }
                     moveNext(tsg, moves, done + 1);
                 });
}

} // namespace tsg
