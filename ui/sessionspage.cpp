#include "sessionspage.h"

#include "confirm.h"
#include "fileicons.h"
#include "format.h"
#include "sessionlistmodel.h"
#include "whenfinished.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tsg {

SessionsPage::SessionsPage(Library &library, QWidget *parent)
    : QWidget(parent), m_library(library), m_model(new SessionListModel(library, this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    confirm = yesCancelConfirm(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SessionListModel::SortRole);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(splitter);
    setFocusProxy(m_view); // View › Sessions (Alt+3) lands on the list
    m_view->setObjectName(QStringLiteral("sessions"));
    m_view->setAccessibleName(tr("Sessions"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SessionListModel::LastActivity, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(SessionListModel::Id, QHeaderView::Stretch);
    m_files = new QTreeWidget(splitter);
    m_files->setObjectName(QStringLiteral("sessionFiles"));
    m_files->setAccessibleName(tr("Files of the selected session"));
    m_files->setHeaderLabels({tr("File"), tr("Size"), tr("Type"), tr("Modified")});
    m_files->setRootIsDecorated(false);
    m_files->setAlternatingRowColors(true);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setStretchLastSection(false);
    for (int column : {1, 2, 3}) // size, type and time are read whole, never cut
        m_files->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_files->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *saveToTsg = new QAction(QIcon(QStringLiteral(":/icons/add-files.svg")), tr("Save to &TSG…"), m_files);
    saveToTsg->setObjectName(QStringLiteral("saveToTsg"));
    saveToTsg->setToolTip(tr("Copy the selected files into a TSG, so that a good sample becomes part of a guide"));
    saveToTsg->setEnabled(false);
    connect(saveToTsg, &QAction::triggered, this, [this] {
        if (const QStringList paths = selectedFilePaths(); !paths.isEmpty())
            emit saveToTsgRequested(paths);
    });
    connect(m_files, &QTreeWidget::itemSelectionChanged, saveToTsg,
            [this, saveToTsg] { saveToTsg->setEnabled(!m_files->selectedItems().isEmpty()); });
    m_files->addAction(saveToTsg);
    m_files->setContextMenuPolicy(Qt::ActionsContextMenu);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 6);
    auto *hint = new QLabel(
        tr("Sessions are created by browsers and agents; a session with a connected client is never cleaned up."),
        this);
    hint->setWordWrap(true);
    m_delete = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Delete session"), this);
    m_delete->setObjectName(QStringLiteral("deleteSession"));
    m_delete->setEnabled(false);
    bar->addWidget(hint, 1);
    bar->addWidget(m_delete);
    layout->addLayout(bar);

    connect(m_delete, &QPushButton::clicked, this, &SessionsPage::deleteSelected);
    // Delete while the list has the focus deletes the session (never the TSG of the other tab).
    auto *deleteKey = new QAction(tr("Delete session"), m_view);
    deleteKey->setObjectName(QStringLiteral("deleteSessionKey"));
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteKey, &QAction::triggered, this, &SessionsPage::deleteSelected);
    m_view->addAction(deleteKey);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_delete->setEnabled(!selectedSession().isEmpty());
        showFiles();
    });
    connect(m_model, &SessionListModel::modelAboutToBeReset, this, [this] { m_filesOf = selectedSession(); });
    connect(m_model, &SessionListModel::loaded, this, [this] {
        // A session's files change with it. The reset cleared the selection: selecting the session
        // again shows its files (selectionChanged); otherwise the files pane is cleared.
        if (!m_filesOf.isEmpty() && m_model->rowOf(m_filesOf) >= 0)
            selectSession(m_filesOf);
        else if (!m_neighbour.isEmpty() && m_model->rowOf(m_neighbour) >= 0) // after a delete: the next row
            selectSession(std::exchange(m_neighbour, QString()));
        else
            showFiles();
        emit countChanged(m_model->rowCount());
    });
}

QString SessionsPage::selectedSession() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->idAt(m_proxy->mapToSource(rows.first()).row());
}

void SessionsPage::selectSession(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
}

QStringList SessionsPage::selectedFilePaths() const
{
    QStringList paths;
    for (const QTreeWidgetItem *item : m_files->selectedItems())
        paths << item->data(0, Qt::UserRole).toString(); // the file's absolute path
    return paths;
}

void SessionsPage::showFiles()
{
    const QString id = selectedSession();
    if (id.isEmpty()) {
        m_files->clear();
        return;
    }
    whenFinished(m_library.sessionFiles(id), this, [this, id](const Result<QList<SessionFile>> &files) {
        if (id != selectedSession())
            return;
        m_files->clear();
        for (const SessionFile &f : files.ok() ? files.value() : QList<SessionFile>()) {
            auto *item =
                new QTreeWidgetItem(m_files, {f.name, Format::size(f.size), f.type, Format::time(f.modifiedAt)});
            item->setIcon(0, m_icons.forFile(f.name));
            item->setToolTip(0, f.path);
            item->setData(0, Qt::UserRole, f.path);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
    });
}

void SessionsPage::deleteSelected()
{
    const QString id = selectedSession();
    if (id.isEmpty())
        return;
    if (!confirm(tr("Delete session"), tr("Delete session %1 and its files? This cannot be undone.").arg(id)))
        return;
    const int row = m_view->selectionModel()->selectedRows().constFirst().row();
    const int next = row + 1 < m_proxy->rowCount() ? row + 1 : row - 1;
    m_neighbour = next >= 0 ? m_model->idAt(m_proxy->mapToSource(m_proxy->index(next, 0)).row()) : QString();
    whenFinished(m_library.deleteSession(id), this, [this, id](const Status &s) {
        emit message(s.ok(), s.ok() ? tr("Deleted session %1").arg(id) : s.error().message);
    });
}

} // namespace tsg
