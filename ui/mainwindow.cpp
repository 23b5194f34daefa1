#include "mainwindow.h"

#include "cleanupstatuspanel.h"
#include "confirm.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "format.h"
#include "newtsgdialog.h"
#include "serverstatuspanel.h"
#include "sessionlistmodel.h"
#include "sessionspage.h"
#include "settingsdialog.h"
#include "trashdialog.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"
#include "uploadprogresspanel.h"
#include "urldropfilter.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace tsg {

MainWindow::MainWindow(Library &library, ServerRuntime *server, const QString &serverProblem, QWidget *parent)
    : QMainWindow(parent), m_library(library), m_server(server), m_tsgModel(new TsgListModel(library, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_fileModel(new FileTreeModel(library, this)),
      m_uploads(new UploadController(library, this)), m_serverProblem(serverProblem)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TSG Desk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")));
    confirm = yesCancelConfirm(this);
    m_proxy->setSourceModel(m_tsgModel);
    m_proxy->setSortRole(TsgListModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(TsgListModel::Name);
    buildActions();
    buildLayout();

    connect(m_uploads, &UploadController::finished, this, [this](bool ok, const QString &message) {
        report(ok || m_uploads->wasCancelled(), message); // a cancel the user chose needs no warning
    });
    connect(m_uploads, &UploadController::planning, this, [this] {
        showMessage(QString()); // an old message does not belong to the new upload
        updateActions();
    });
    connect(m_uploads, &UploadController::finished, this, &MainWindow::updateActions);
    // A reset (TSGs added or removed, here or by a client) keeps the selection on the same TSG.
    connect(m_tsgModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_selected = selectedTsg(); });
    connect(m_tsgModel, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_pendingSelect.isEmpty() && m_tsgModel->rowOf(m_pendingSelect) >= 0)
            selectTsg(std::exchange(m_pendingSelect, QString()));
        else if (!m_selected.isEmpty() && m_tsgModel->rowOf(m_selected) >= 0)
            selectTsg(m_selected);
        updateActions();
        updateFilesHeader();
    });
    connect(m_tsgModel, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateFilesHeader();
    });
    restoreState();
    if (m_tsgModel->rowCount() > 0)
        selectTsg(m_library.activeTsg().value_or(m_proxy->index(0, 0).data().toString()));
    updateActions();
    updateFilesHeader();
}

MainWindow::~MainWindow()
{
    saveState();
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName, Qt::FindDirectChildrenOnly);
}

void MainWindow::buildActions()
{
    auto make = [this](const char *name, const QString &text, const char *icon, const QKeySequence &key,
                       const QString &tip, auto slot) {
        auto *a = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), text, this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setToolTip(key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_actions.newTsg = make("newTsg", tr("&New TSG…"), "new", QKeySequence(Qt::CTRL | Qt::Key_N),
                            tr("Create a troubleshooting guide"), [this] { newTsg(); });
    m_actions.deleteTsg =
        make("deleteTsg", tr("&Delete"), "delete", QKeySequence(Qt::Key_Delete),
             tr("Move the selected TSG to the trash (it can be restored until cleanup)"), &MainWindow::deleteSelected);
    m_actions.restoreTsg = make("restoreTsg", tr("&Restore…"), "restore", QKeySequence(),
                                tr("Bring back a deleted TSG from the trash"), &MainWindow::restoreFromTrash);
    m_actions.setActive =
        make("setActive", tr("Set &active"), "active", QKeySequence(),
             tr("Make the selected TSG the active one for browsers and agents"), [this] { setSelectedActive(true); });
    m_actions.clearActive = make("clearActive", tr("&Clear active"), "clear", QKeySequence(), tr("No TSG is active"),
                                 [this] { setSelectedActive(false); });
    m_actions.openFolder = make("openFolder", tr("Open &folder"), "folder", QKeySequence(),
                                tr("Show the TSG's folder in the file manager"), &MainWindow::openSelectedFolder);
    m_actions.addFiles = make("addFiles", tr("Add &files…"), "add-files", QKeySequence(Qt::CTRL | Qt::Key_O),
                              tr("Upload files into the selected TSG"), &MainWindow::addFiles);
    m_actions.addFolder =
        make("addFolder", tr("Add f&older…"), "add-folder", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
             tr("Upload a folder, with its structure, into the selected TSG"), &MainWindow::addFolder);
    m_actions.settings = make("settings", tr("&Settings…"), "settings", QKeySequence(Qt::CTRL | Qt::Key_Comma),
                              tr("Upload limits, file types, cleanup, server"), &MainWindow::openSettings);
    auto *tools = addToolBar(tr("TSGs"));
    tools->setObjectName(QStringLiteral("toolbar"));
    tools->setMovable(false);
    tools->setIconSize(QSize(20, 20));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const Actions &a = m_actions;
    tools->addActions({a.newTsg, a.deleteTsg, a.restoreTsg, a.setActive, a.clearActive, a.openFolder});
    tools->addSeparator();
    tools->addActions({a.addFiles, a.addFolder});
    auto *spacer = new QWidget(tools);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    tools->addAction(a.settings);
}

void MainWindow::buildLayout()
{
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->setChildrenCollapsible(false);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter TSGs by name…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_tsgView = new QTableView(left);
    m_tsgView->setObjectName(QStringLiteral("tsgList"));
    m_tsgView->setModel(m_proxy);
    m_tsgView->setSortingEnabled(true);
    m_tsgView->sortByColumn(TsgListModel::Name, Qt::AscendingOrder);
    m_tsgView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tsgView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tsgView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tsgView->verticalHeader()->hide();
    m_tsgView->verticalHeader()->setDefaultSectionSize(m_tsgView->fontMetrics().height() + 10);
    m_tsgView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tsgView->horizontalHeader()->setSectionResizeMode(TsgListModel::Name, QHeaderView::Stretch);
    m_tsgView->horizontalHeader()->setHighlightSections(false);
    m_tsgView->setWordWrap(false);
    m_tsgView->setShowGrid(false);
    m_tsgView->setAlternatingRowColors(true);
    m_tsgView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tsgView->setToolTip(
        tr("Drop files or folders on a TSG to add them; drop a folder below the list to make a new TSG of it"));
    m_tsgView->addActions({m_actions.setActive, m_actions.clearActive, m_actions.openFolder, m_actions.addFiles,
                           m_actions.addFolder, m_actions.deleteTsg});
    connect(m_tsgView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_fileModel->showTsg(selectedTsg());
        updateActions();
        updateFilesHeader();
    });
    connect(new UrlDropFilter(m_tsgView->viewport()), &UrlDropFilter::dropped, this, &MainWindow::droppedOnList);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tsgView);

    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    auto *filesPage = new QWidget(m_tabs);
    auto *filesLayout = new QVBoxLayout(filesPage);
    filesLayout->setContentsMargins(0, 6, 0, 0);
    m_filesHeader = new QLabel(filesPage);
    m_filesHeader->setObjectName(QStringLiteral("filesHeader"));
    m_filesHeader->setWordWrap(true);
    m_filesHeader->setContentsMargins(6, 0, 6, 2);
    m_fileView = new FileTreeView(m_fileModel, filesPage);
    connect(new UrlDropFilter(m_fileView->viewport()), &UrlDropFilter::dropped, this, &MainWindow::droppedOnTree);
    connect(m_fileModel, &FileTreeModel::loaded, this, &MainWindow::updateFilesHeader);
    connect(m_fileModel, &FileTreeModel::loadFailed, this, [this](const QString &m) { report(false, m); });
    filesLayout->addWidget(m_filesHeader);
    filesLayout->addWidget(m_fileView, 1);
    m_tabs->addTab(filesPage, tr("Files"));
    m_sessions = new SessionsPage(m_library, m_tabs);
    connect(m_sessions, &SessionsPage::message, this, &MainWindow::report);
    connect(m_sessions, &SessionsPage::countChanged, this,
            [this](int n) { m_tabs->setTabText(1, tr("Sessions (%1)").arg(n)); });
    m_tabs->addTab(m_sessions, tr("Sessions"));
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_splitter, 1);
    m_uploadPanel = new UploadProgressPanel(*m_uploads, central);
    layout->addWidget(m_uploadPanel);
    // Messages ("Created …", "Uploaded …") show in a row of their own for a few seconds.
    m_message = new QLabel(central);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setContentsMargins(10, 4, 10, 4);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(
        QStringLiteral("QLabel { background: palette(alternate-base); border-top: 1px solid palette(mid); }"));
    m_message->hide();
    m_messageTimer.setSingleShot(true);
    connect(&m_messageTimer, &QTimer::timeout, m_message, [this] {
        m_message->clear();
        m_message->hide();
    });
    layout->addWidget(m_message);

    auto *statusStrip = new QFrame(central);
    statusStrip->setObjectName(QStringLiteral("statusStrip"));
    statusStrip->setFrameShape(QFrame::StyledPanel);
    auto *stripLayout = new QHBoxLayout(statusStrip);
    stripLayout->setContentsMargins(8, 4, 8, 4);
    m_serverPanel = new ServerStatusPanel(m_server, m_serverProblem, statusStrip);
    connect(m_serverPanel, &ServerStatusPanel::message, this, &MainWindow::report);
    m_cleanupPanel = new CleanupStatusPanel(m_library, statusStrip);
    stripLayout->addWidget(m_serverPanel);
    stripLayout->addStretch(1);
    stripLayout->addWidget(m_cleanupPanel);
    layout->addWidget(statusStrip);
    setCentralWidget(central);
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 760);
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({600, 680});
    m_tsgView->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/tsgColumns")).toByteArray());
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/tsgColumns"), m_tsgView->horizontalHeader()->saveState());
}

QString MainWindow::selectedTsg() const
{
    const QModelIndexList rows = m_tsgView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_tsgModel->nameAt(m_proxy->mapToSource(rows.first()).row());
}

void MainWindow::selectTsg(const QString &name)
{
    const int row = m_tsgModel->rowOf(name);
    if (row < 0) {
        m_pendingSelect = name; // the library's list has not caught up yet
        return;
    }
    QModelIndex index = m_proxy->mapFromSource(m_tsgModel->index(row, 0));
    if (!index.isValid() && !m_filter->text().isEmpty()) { // hidden by the filter: show it
        m_filter->clear();
        index = m_proxy->mapFromSource(m_tsgModel->index(row, 0));
    }
    m_tsgView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tsgView->setCurrentIndex(index);
    m_tsgView->scrollTo(index);
}

void MainWindow::updateActions()
{
    const QString tsg = selectedTsg();
    const bool has = !tsg.isEmpty();
    const bool uploading = m_uploads->isBusy();
    m_actions.deleteTsg->setEnabled(has);
    m_actions.openFolder->setEnabled(has);
    m_actions.addFiles->setEnabled(has && !uploading);
    m_actions.addFolder->setEnabled(has && !uploading);
    const auto active = m_tsgModel->active();
    m_actions.setActive->setEnabled(has && active != tsg);
    m_actions.clearActive->setEnabled(active.has_value());
}

void MainWindow::updateFilesHeader()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty()) {
        m_filesHeader->setText(m_tsgModel->rowCount() == 0
                                   ? tr("No TSGs yet. Create one with <b>New TSG</b>, or drop a folder on the list to "
                                        "make a TSG of it.")
                                   : tr("Select a TSG to see its files."));
        m_tabs->setTabText(0, tr("Files"));
        return;
    }
    QString text = tr("<b>%1</b>").arg(tsg.toHtmlEscaped());
    if (m_tsgModel->active() == tsg)
        text += tr(" <span style='color:#b26a00'>(active)</span>");
    const int row = m_tsgModel->rowOf(tsg);
    const QString description = row >= 0 ? m_tsgModel->index(row, 0).data(Qt::ToolTipRole).toString() : QString();
    if (m_fileModel->isLoading() && m_fileModel->tsg() == tsg && m_fileModel->rowCount() == 0)
        text += tr(" · loading…");
    else
        text += tr(" · %1, %2")
                    .arg(Format::count(m_fileModel->fileCount(), QStringLiteral("file"), QStringLiteral("files")),
                         Format::size(m_fileModel->totalSize()));
    text += tr(" · drop files or folders here to add them");
    m_filesHeader->setText(text);
    m_filesHeader->setToolTip(description);
    m_tabs->setTabText(0, tr("Files (%1)").arg(m_fileModel->fileCount()));
}

void MainWindow::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_messageTimer.start(8000);
}

void MainWindow::report(bool ok, const QString &message)
{
    if (ok) {
        showMessage(message);
    } else if (!message.isEmpty()) {
        showMessage(message);
        if (isVisible())
            QMessageBox::warning(this, tr("TSG Desk"), message);
    }
}

void MainWindow::reportBusy()
{
    report(false, tr("Another upload is under way: wait for it to finish, or cancel it."));
}

void MainWindow::newTsg(const QString &suggestedName, const QStringList &uploadAfter)
{
    NewTsgDialog dialog(m_library, this, suggestedName);
    if (dialog.exec() != QDialog::Accepted || !dialog.created())
        return;
    const QString name = dialog.created()->name;
    selectTsg(name);
    showMessage(tr("Created %1").arg(name));
    // A folder dropped on empty space: its content goes to the new TSG's top.
    if (!uploadAfter.isEmpty() && !m_uploads->upload(name, uploadAfter, QString(), UploadPlan::Folders::ContentOnly))
        reportBusy();
}

void MainWindow::deleteSelected()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const TsgSettings s = m_library.config().tsg;
    const QString when = s.autoCleanupEnabled
        ? tr("It can be restored from the trash (Restore…) until cleanup removes it, %1 after deletion.")
              .arg(Format::count(s.cleanupAgeHours, QStringLiteral("hour"), QStringLiteral("hours")))
        : tr("It can be restored from the trash (Restore…); automatic cleanup is off, so it stays there until "
             "cleanup is turned on.");
    QString text = tr("Move \"%1\" and its files to the trash?").arg(tsg) + u'\n' + when;
    if (m_tsgModel->active() == tsg)
        text += u'\n' + tr("It is the active TSG: no TSG will be active after this.");
    if (!confirm(tr("Delete TSG"), text))
        return;
    m_library.deleteTsg(tsg).then(this, [this](const Result<TrashEntry> &deleted) {
        report(deleted.ok(),
               deleted.ok() ? tr("Moved %1 to the trash").arg(deleted.value().tsgName) : deleted.error().message);
    });
}

void MainWindow::restoreFromTrash()
{
    TrashDialog dialog(m_library, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.restored())
        return;
    selectTsg(dialog.restored()->name);
    showMessage(tr("Restored %1").arg(dialog.restored()->name));
}

void MainWindow::setSelectedActive(bool active)
{
    std::optional<QString> name;
    if (active) {
        name = selectedTsg();
        if (name->isEmpty())
            return;
    }
    m_library.selectTsg(name).then(this, [this](const Result<std::optional<QString>> &r) {
        if (!r.ok())
            report(false, r.error().message);
        else
            showMessage(r.value() ? tr("%1 is the active TSG").arg(*r.value()) : tr("No TSG is active"));
    });
}

void MainWindow::openSelectedFolder()
{
    const QString tsg = selectedTsg();
    if (!tsg.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(m_library.folder().tsgsDir() + u'/' + tsg)))
        report(false, tr("No file manager could open %1").arg(m_library.folder().tsgsDir() + u'/' + tsg));
}

void MainWindow::upload(const QString &tsg, const QStringList &localPaths, const QString &prefix)
{
    if (tsg.isEmpty() || localPaths.isEmpty())
        return;
    if (m_uploads->isBusy()) {
        reportBusy();
        return;
    }
    selectTsg(tsg);
    m_uploads->upload(tsg, localPaths, prefix);
}

void MainWindow::addFiles()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add files to %1").arg(tsg));
    upload(tsg, files);
}

void MainWindow::addFolder()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder to %1").arg(tsg));
    if (!dir.isEmpty())
        upload(tsg, {dir});
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_library, this);
    if (dialog.exec() == QDialog::Accepted)
        showMessage(tr("Settings saved"));
}

void MainWindow::droppedOnList(const QPoint &pos, const QStringList &paths)
{
    const QModelIndex index = m_tsgView->indexAt(pos);
    if (index.isValid()) {
        upload(m_tsgModel->nameAt(m_proxy->mapToSource(index).row()), paths);
        return;
    }
    if (paths.size() == 1 && QFileInfo(paths.first()).isDir()) { // one stat of one dropped path
        // Asked after the drop has finished: the file manager's drag must not wait for the dialog.
        const QString folder = paths.first();
        QMetaObject::invokeMethod(
            this, [this, folder] { newTsg(QFileInfo(folder).fileName(), {folder}); }, Qt::QueuedConnection);
        return;
    }
    report(false, tr("Drop the files on a TSG in the list, or drop a single folder here to create a TSG of it."));
}

void MainWindow::droppedOnTree(const QPoint &pos, const QStringList &paths)
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty()) {
        report(false, tr("Select a TSG first, or drop the files on a TSG in the list."));
        return;
    }
    // Dropped on a folder of the tree: into that folder; on a file: beside it; elsewhere: the TSG's top.
    QString prefix;
    if (const QModelIndex index = m_fileView->indexAt(pos); index.isValid()) {
        const QModelIndex name = index.siblingAtColumn(FileTreeModel::Name);
        const QString path = name.data(FileTreeModel::PathRole).toString();
        const bool isFile = m_fileModel->flags(name).testFlag(Qt::ItemNeverHasChildren);
        prefix = !isFile ? path : path.contains(u'/') ? path.section(u'/', 0, -2) : QString();
    }
    upload(tsg, paths, prefix);
}

void MainWindow::bringToFront()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    if (m_hidesOnClose) {
        hide();
        event->ignore();
        emit hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace tsg
