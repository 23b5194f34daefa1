#include "fileactions.h"

#include "desktopservices.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "format.h"
#include "whenfinished.h"

#include <QAction>
#include <QDir>
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
    m_copy = make("copyPath", tr("Copy &path"), "copy", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
                  tr("Copy the full path to the clipboard"), &FileActions::copySelectedPaths);
    m_delete = make("deleteFile", tr("&Delete file"), "delete", {QKeySequence(Qt::Key_Delete)},
                    tr("Move the selected files to the trash (they can be restored)"), &FileActions::deleteSelected);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
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
    m_delete->setEnabled(files);
    m_delete->setText(paths.size() > 1 ? tr("&Delete files") : tr("&Delete file"));
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
    paths.removeIf([this](const QString &p) { return !isFile(p); });
    if (tsg.isEmpty() || paths.isEmpty())
        return;
    const QString what = paths.size() == 1
        ? tr("Move \"%1\" of %2 to the trash?").arg(paths.first(), tsg)
        : tr("Move %1 of %2 to the trash?")
              .arg(Format::count(paths.size(), QStringLiteral("file"), QStringLiteral("files")), tsg);
    const QString how = tr("It can be restored from the trash (Restore…) until cleanup removes it.");
    if (!confirm || !confirm(paths.size() == 1 ? tr("Delete file") : tr("Delete files"), what + u'\n' + how))
        return;
    deleteNext(tsg, paths, {});
}

// One file at a time, so that a failure stops the rest and says which file it was.
void FileActions::deleteNext(const QString &tsg, QStringList paths, QStringList deleted)
{
    if (paths.isEmpty()) {
        emit message(true,
                     deleted.size() == 1
                         ? tr("Moved \"%1\" of %2 to the trash").arg(deleted.first(), tsg)
                         : tr("Moved %1 of %2 to the trash")
                               .arg(Format::count(deleted.size(), QStringLiteral("file"), QStringLiteral("files")),
                                    tsg));
        return;
    }
    const QString path = paths.takeFirst();
    whenFinished(m_library.deleteTsgFile(tsg, path), this,
                 [this, tsg, paths, deleted, path](const Result<TrashEntry> &r) {
                     if (!r.ok()) {
                         emit message(false, r.error().message);
                         return;
                     }
                     deleteNext(tsg, paths, deleted + QStringList{path});
                 });
}

} // namespace tsg
