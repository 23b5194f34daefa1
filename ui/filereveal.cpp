#include "filereveal.h"

#include "filetreemodel.h"
#include "filetreeview.h"
#include "mainwindow.h"

#include <QItemSelectionModel>
#include <QPointer>
#include <QTabWidget>

namespace tsg {

namespace {

// Selects the paths the tree has; false when it has none of them yet.
bool selectIn(MainWindow &window, const QString &tsg, const QStringList &paths)
{
    FileTreeModel &model = window.fileModel();
    if (model.tsg() != tsg || model.isLoading())
        return false;
    FileTreeView *view = window.fileView();
    QItemSelection selection;
    QModelIndex first;
    for (const QString &p : paths) {
        const QModelIndex at = model.indexOfPath(p);
        if (!at.isValid())
            continue;
        for (QModelIndex up = at.parent(); up.isValid(); up = up.parent())
            view->expand(up);
        selection.select(at, at.siblingAtColumn(model.columnCount() - 1));
        if (!first.isValid())
            first = at;
    }
    if (!first.isValid())
        return paths.isEmpty();
    view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    view->scrollTo(first);
    return true;
}

} // namespace

void FileReveal::reveal(MainWindow &window, const QString &tsg, const QStringList &paths)
{
    window.bringToFront();
    if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs")))
        tabs->setCurrentIndex(0); // the files
    window.selectTsg(tsg);
    window.fileView()->setFocus(Qt::OtherFocusReason);
    if (selectIn(window, tsg, paths))
        return;
    // The tree is (re)loading: select once it has the files, trying on each load until it does (a few loads at
    // most: the selection's and the upload's).
    auto *context = new QObject(&window.fileModel());
    QPointer<MainWindow> guard(&window);
    QObject::connect(&window.fileModel(), &FileTreeModel::loaded, context, [guard, tsg, paths, context] {
        if (!guard || guard->fileModel().tsg() != tsg || selectIn(*guard, tsg, paths))
            context->deleteLater();
    });
}

} // namespace tsg
