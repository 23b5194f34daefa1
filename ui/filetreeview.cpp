#include "filetreeview.h"

#include "columnhider.h"
#include "filetreemodel.h"

#include <QHeaderView>

#include <functional>

namespace tsg {

FileTreeView::FileTreeView(FileTreeModel *model, QWidget *parent) : QTreeView(parent), m_model(model)
{
    setObjectName(QStringLiteral("fileTree"));
    setModel(model);
    setAlternatingRowColors(true);
    setUniformRowHeights(true); // 10,000 rows lay out without measuring each
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragDropMode(QAbstractItemView::DragDrop); // drags out as files; drops are the window's (UrlDropFilter)
    setDragEnabled(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(FileTreeModel::Name, QHeaderView::Stretch);
    for (int c : {FileTreeModel::Size, FileTreeModel::Type, FileTreeModel::Modified})
        header()->setSectionResizeMode(c, QHeaderView::Interactive);
    setColumnWidth(FileTreeModel::Size, 90);
    setColumnWidth(FileTreeModel::Type, 90);
    setColumnWidth(FileTreeModel::Modified, 130);
    new ColumnHider(this, header(), FileTreeModel::Name, fontMetrics().horizontalAdvance(u'x') * 20,
                    {FileTreeModel::Type, FileTreeModel::Modified, FileTreeModel::Size});
    setSortingEnabled(true);
    sortByColumn(FileTreeModel::Name, Qt::AscendingOrder);
    connect(this, &QTreeView::expanded, this, [this](const QModelIndex &i) {
        if (m_tsg == m_model->tsg())
            m_expanded.insert(i.data(FileTreeModel::PathRole).toString());
    });
    connect(this, &QTreeView::collapsed, this, [this](const QModelIndex &i) {
        if (m_tsg == m_model->tsg())
            m_expanded.remove(i.data(FileTreeModel::PathRole).toString());
    });
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &FileTreeView::remember);
    connect(model, &QAbstractItemModel::modelReset, this, &FileTreeView::restore);
}

void FileTreeView::remember()
{
    if (m_tsg != m_model->tsg()) // a reset for another TSG: nothing of this one to keep
        return;
    m_expanded.clear();
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex i = m_model->index(r, 0, parent);
            if (isExpanded(i)) {
                m_expanded.insert(i.data(FileTreeModel::PathRole).toString());
                walk(i);
            }
        }
    };
    walk({});
    m_current = currentIndex().data(FileTreeModel::PathRole).toString();
}

void FileTreeView::restore()
{
    if (m_tsg != m_model->tsg()) {
        if (m_model->rowCount() == 0)
            return; // the new TSG's files are still loading
        if (!m_tsg.isEmpty())
            m_expandedOf.insert(m_tsg, m_expanded); // as the user left it
        m_tsg = m_model->tsg();
        m_current.clear();
        if (const auto it = m_expandedOf.constFind(m_tsg); it != m_expandedOf.constEnd()) {
            const QSet<QString> paths = *it; // back to a TSG: its folders open as they were
            m_expanded = paths;
            for (const QString &path : paths)
                if (const QModelIndex i = m_model->indexOfPath(path); i.isValid())
                    expand(i);
            return;
        }
        m_expanded.clear();
        // First look at a TSG: its top-level folders open, unless there are very many files.
        if (m_model->fileCount() <= 2000)
            expandToDepth(0);
        return;
    }
    const QSet<QString> paths = m_expanded; // expand() adds to m_expanded
    for (const QString &path : paths)
        if (const QModelIndex i = m_model->indexOfPath(path); i.isValid())
            expand(i);
    if (!m_current.isEmpty()) {
        if (const QModelIndex i = m_model->indexOfPath(m_current); i.isValid()) {
            setCurrentIndex(i);
        } else if (const QModelIndex n = m_model->indexOfPath(m_fallback); !m_fallback.isEmpty() && n.isValid()) {
            setCurrentIndex(n);
            scrollTo(n);
            m_fallback.clear();
        }
    }
}

} // namespace tsg
