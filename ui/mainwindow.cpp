#include "mainwindow.h"

#include "cleanupstatuspanel.h"
#include "columnhider.h"
#include "confirm.h"
#include "elidinglabel.h"
#include "emptystateoverlay.h"
#include "fileactions.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "format.h"
#include "listfilterkeys.h"
#include "mainmenus.h"
#include "newtsgdialog.h"
#include "openfailure.h"
#include "previewpane.h"
#include "searchpanel.h"
#include "serverstatuspanel.h"
#include "sessionlistmodel.h"
#include "sessionsdock.h"
#include "sessionspage.h"
#include "settingsdialog.h"
#include "systemdesktopservices.h"
#include "trashdialog.h"
#include "tsgcountlabel.h"
#include "tsgdetailspanel.h"
#include "tsgfilterproxy.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"
#include "uploadprogresspanel.h"
#include "urldropfilter.h"
#include "whenfinished.h"
#include "windowtitle.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace tsg {

MainWindow::MainWindow(Library &library, ServerRuntime *server, const QString &serverProblem, SearchIndex *index,
                       QWidget *parent)
    : QMainWindow(parent), m_library(library), m_server(server), m_tsgModel(new TsgListModel(library, this)),
      m_proxy(new TsgFilterProxy(this)), m_fileModel(new FileTreeModel(library, this)),
      m_uploads(new UploadController(library, this)), m_systemDesktop(new SystemDesktopServices(this)),
      m_desktop(m_systemDesktop), m_serverProblem(serverProblem)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TSG Desk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")));
    confirm = yesCancelConfirm(this);
    askOnClose = [this] {
        QMessageBox box(QMessageBox::Question, tr("Stop the server?"),
                        tr("Closing TSG Desk stops its server: browsers and agents lose their connection, and "
                           "uploads from them stop.\nThere is no system tray to keep it running in the background: "
                           "minimise the window instead to keep serving."),
                        QMessageBox::Cancel, this);
        QPushButton *quit = box.addButton(tr("Stop server and quit"), QMessageBox::DestructiveRole);
        QPushButton *minimize = box.addButton(tr("Minimise"), QMessageBox::AcceptRole);
        box.setDefaultButton(minimize);
        box.exec();
        return box.clickedButton() == quit    ? CloseAnswer::Quit
            : box.clickedButton() == minimize ? CloseAnswer::Minimize
                                              : CloseAnswer::Cancel;
    };
    chooseTsg = [this](const QStringList &names, const QString &suggested) {
        bool ok = false;
        const QString tsg = QInputDialog::getItem(this, tr("Save to TSG"), tr("Copy the files into the TSG:"), names,
                                                  std::max(0, int(names.indexOf(suggested))), false, &ok);
        return ok ? tsg : QString();
    };
    chooseFiles = [this](const QString &title) { return QFileDialog::getOpenFileNames(this, title); };
    chooseFolder = [this](const QString &title) { return QFileDialog::getExistingDirectory(this, title); };
    askFolderMode = [this](const QString &name, const QString &where) -> std::optional<UploadPlan::Folders> {
        QMessageBox box(QMessageBox::Question, tr("Add folder"), tr("Add the files of \"%1\" to %2:").arg(name, where),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("folderModeQuestion"));
        QPushButton *named = box.addButton(tr("Into a folder named \"%1\"").arg(name), QMessageBox::AcceptRole);
        QPushButton *here = box.addButton(tr("Here, without the folder"), QMessageBox::AcceptRole);
        named->setObjectName(QStringLiteral("intoNamedFolder"));
        here->setObjectName(QStringLiteral("here"));
        box.setDefaultButton(named);
        box.exec();
        if (box.clickedButton() == named)
            return UploadPlan::Folders::KeepName;
        if (box.clickedButton() == here)
            return UploadPlan::Folders::ContentOnly;
        return std::nullopt;
    };
    m_proxy->setSourceModel(m_tsgModel);
    m_proxy->setSortRole(TsgListModel::SortRole);
    buildActions();
    buildLayout();
    buildSearchAndPreview(index);

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
        else if (!m_neighbour.isEmpty() && m_tsgModel->rowOf(m_neighbour) >= 0) // after a delete: the next row
            selectTsg(m_neighbour);
        if (m_selected.isEmpty() || m_tsgModel->rowOf(m_selected) < 0)
            m_neighbour.clear();
        updateActions();
        updateFilesHeader();
    });
    // A rename (here, by F2 or the details panel, or by a client) keeps the selection on the TSG.
    connect(
        &m_library, &Library::tsgRenamed, this,
        [this](const QString &oldName, const QString &newName) {
            if (selectedTsg() == oldName || m_selected == oldName || m_pendingSelect == oldName)
                selectTsg(newName);
        },
        Qt::QueuedConnection);
    connect(m_tsgModel, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateFilesHeader();
    });
    // The menu bar, the title (active TSG, data folder), a double click that sets the TSG active, the Settings an
    // over-limit upload asks for, and the keyboard's start on the list (issue 16).
    new MainMenus(*this, m_library,
                  {.quit =
                       [this] {
                           setOnClose(OnClose::Close); // the user asked to quit: no question, no tray
                           QApplication::quit();
                       },
                   .desktop = [this] { return m_desktop; },
                   .serverRunning = m_server != nullptr});
    new WindowTitle(*this, m_library);
    connect(m_tsgView, &QAbstractItemView::doubleClicked, this, [this] { setSelectedActive(true); });
    connect(m_uploads, &UploadController::settingsRequested, this, &MainWindow::openSettings, Qt::QueuedConnection);
    m_tsgView->setFocus(Qt::OtherFocusReason);
    m_tsgView->setAccessibleName(tr("TSGs"));
    m_filter->setAccessibleName(tr("Filter the TSGs"));
    m_fileView->setAccessibleName(tr("Files of the selected TSG"));
    m_search->field()->setAccessibleName(tr("Search every TSG"));
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
    m_actions.deleteTsg->setShortcutContext(Qt::WidgetShortcut); // on the list; in the file tree it deletes files
    m_actions.restoreTsg =
        make("restoreTsg", tr("T&rash…"), "restore", QKeySequence(),
             tr("Deleted TSGs, deleted files and replaced files: restore them, or remove them for good"),
             &MainWindow::restoreFromTrash);
    m_actions.setActive =
        make("setActive", tr("Set &active"), "active", QKeySequence(),
             tr("Make the selected TSG the active one for browsers and agents"), [this] { setSelectedActive(true); });
    m_actions.clearActive = make("clearActive", tr("&Clear active"), "clear", QKeySequence(), tr("No TSG is active"),
                                 [this] { setSelectedActive(false); });
    m_actions.renameTsg = make("renameTsg", tr("Re&name…"), "tsg", QKeySequence(Qt::Key_F2),
                               tr("Rename the selected TSG"), &MainWindow::renameSelected);
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
    m_filter->setPlaceholderText(tr("Filter by name, or tag:vpn…"));
    m_filter->setToolTip(tr("Words match the TSG's name; tag:vpn (or tag:\"on call\") keeps the TSGs with that tag"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(m_filter->fontMetrics().horizontalAdvance(u'x') * 16);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString selected = selectedTsg();
        m_proxy->setFilterText(text);
        keepSelectionThroughFilter(selected);
        updateEmptyStates();
    });
    m_tagButton = new QToolButton(left);
    m_tagButton->setObjectName(QStringLiteral("tagFilter"));
    m_tagButton->setIcon(QIcon(QStringLiteral(":/icons/tag.svg")));
    m_tagButton->setText(tr("Tags"));
    m_tagButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_tagButton->setToolTip(tr("Show only the TSGs with a tag (adds tag:… to the filter)"));
    m_tagButton->setPopupMode(QToolButton::InstantPopup);
    m_tagButton->setMenu(new QMenu(m_tagButton));
    connect(m_tagButton->menu(), &QMenu::aboutToShow, this, &MainWindow::buildTagMenu);
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
    setTsgColumns();
    const QFontMetrics fm = m_tsgView->fontMetrics();
    m_tsgView->setColumnWidth(TsgListModel::Files, fm.horizontalAdvance(QStringLiteral("Files 0000")) + 12);
    m_tsgView->setColumnWidth(TsgListModel::Size, fm.horizontalAdvance(QStringLiteral("1,023.9 MiB")) + 16);
    QFont bold = m_tsgView->font(); // the active TSG's row is bold
    bold.setBold(true);
    m_tsgView->setColumnWidth(TsgListModel::Updated,
                              QFontMetrics(bold).horizontalAdvance(QStringLiteral("2026-11-25 14:03")) + 16);
    m_tsgView->horizontalHeader()->setHighlightSections(false);
    new ColumnHider(m_tsgView, m_tsgView->horizontalHeader(), TsgListModel::Name, fm.horizontalAdvance(u'x') * 24,
                    {TsgListModel::Updated, TsgListModel::Size, TsgListModel::Files});
    m_tsgView->setWordWrap(false);
    m_tsgView->setShowGrid(false);
    m_tsgView->setAlternatingRowColors(true);
    m_tsgView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tsgView->setToolTip(
        tr("Drop files or folders on a TSG to add them; drop a folder below the list to make a new TSG of it"));
    m_tsgView->addActions({m_actions.setActive, m_actions.clearActive, m_actions.openFolder, m_actions.renameTsg,
                           m_actions.addFiles, m_actions.addFolder, m_actions.deleteTsg});
    connect(m_tsgView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_fileModel->showTsg(selectedTsg());
        m_details->showTsg(selectedTsg());
        updateActions();
        updateFilesHeader();
    });
    connect(new UrlDropFilter(m_tsgView->viewport()), &UrlDropFilter::dropped, this, &MainWindow::droppedOnList);
    m_listEmpty = new EmptyStateOverlay(m_tsgView->viewport());
    m_listEmpty->setObjectName(QStringLiteral("tsgListEmpty"));
    new ListFilterKeys(m_filter, m_tsgView);
    auto *filterRow = new QHBoxLayout;
    filterRow->setSpacing(4);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(new TsgCountLabel(m_tsgModel, m_proxy, left));
    filterRow->addWidget(m_tagButton);
    leftLayout->addLayout(filterRow);
    // The list above, the selected TSG's details below.
    m_leftSplitter = new QSplitter(Qt::Vertical, left);
    m_leftSplitter->setObjectName(QStringLiteral("leftSplitter"));
    m_leftSplitter->setChildrenCollapsible(false);
    m_leftSplitter->addWidget(m_tsgView);
    m_details = new TsgDetailsPanel(m_library, m_leftSplitter);
    connect(m_details, &TsgDetailsPanel::message, this, &MainWindow::report);
    m_leftSplitter->addWidget(m_details);
    m_leftSplitter->setCollapsible(1, true); // the details fold away on a short screen
    m_leftSplitter->setStretchFactor(0, 3);
    m_leftSplitter->setStretchFactor(1, 2);
    leftLayout->addWidget(m_leftSplitter, 1);

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
    m_filesEmpty = new EmptyStateOverlay(m_fileView->viewport());
    m_filesEmpty->setObjectName(QStringLiteral("filesEmpty"));
    m_fileActions = new FileActions(m_library, m_fileView, m_desktop, this);
    m_fileActions->confirm = [this](const QString &title, const QString &text) { return confirm(title, text); };
    m_fileActions->currentFolder = [this] { return targetFolder(); };
    connect(m_fileActions, &FileActions::message, this, &MainWindow::report);
    connect(new UrlDropFilter(m_fileView->viewport()), &UrlDropFilter::dropped, this, &MainWindow::droppedOnTree);
    connect(m_fileModel, &FileTreeModel::loaded, this, &MainWindow::updateFilesHeader);
    connect(m_fileModel, &FileTreeModel::loadFailed, this, [this](const QString &m) { report(false, m); });
    auto *headerRow = new QHBoxLayout;
    headerRow->setContentsMargins(0, 0, 4, 0);
    headerRow->addWidget(m_filesHeader, 1);
    headerRow->addWidget(m_fileActions->makeToolBar(filesPage), 0, Qt::AlignBottom);
    filesLayout->addLayout(headerRow);
    filesLayout->addWidget(m_fileView, 1);
    m_tabs->addTab(filesPage, tr("Files"));
    m_sessions = new SessionsPage(m_library, this);
    connect(m_sessions, &SessionsPage::message, this, &MainWindow::report);
    connect(m_sessions, &SessionsPage::saveToTsgRequested, this, [this](const QStringList &paths) {
        QStringList names;
        for (const TsgInfo &t : m_library.tsgs())
            names << t.name;
        if (names.isEmpty()) {
            report(false, tr("There is no TSG to save the files to: create one first (Ctrl+N)."));
            return;
        }
        names.sort(Qt::CaseInsensitive);
        const QString tsg = chooseTsg(names, selectedTsg());
        if (!tsg.isEmpty())
            upload(tsg, paths); // copies, with their times; the session keeps its files
    });
    // Sessions belong to no TSG: their own panel (View › Sessions), not a tab beside one TSG's files.
    addDockWidget(Qt::BottomDockWidgetArea, new SessionsDock(m_sessions, this));
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_splitter, 1);
    m_uploadPanel = new UploadProgressPanel(*m_uploads, central);
    layout->addWidget(m_uploadPanel);
    // Messages ("Created …", "Uploaded …") show for a few seconds in the status bar, beside the server's and
    // cleanup's state: the bar is always there and its parts keep their widths, so nothing above it moves.
    auto *message = new ElidingLabel(statusBar());
    message->setHintChars(20);
    message->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_message = message;
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setMinimumWidth(message->sizeHint().width()); // a message is never squeezed out by the panels
    m_messageTimer.setSingleShot(true);
    connect(&m_messageTimer, &QTimer::timeout, m_message, &QLabel::clear);
    statusBar()->addWidget(m_message, 1);
    m_serverPanel = new ServerStatusPanel(m_server, m_serverProblem, statusBar());
    connect(m_serverPanel, &ServerStatusPanel::message, this, &MainWindow::report);
    m_cleanupPanel = new CleanupStatusPanel(m_library, statusBar());
    statusBar()->addPermanentWidget(m_serverPanel);
    statusBar()->addPermanentWidget(m_cleanupPanel);
    setCentralWidget(central);
}

// The search field in the toolbar (Ctrl+K, Ctrl+F), its results as a tab beside the files, and the preview
// under the tabs (the full width of the right side, for long log lines), showing the file selected in the tree
// or the hit picked in the results.
void MainWindow::buildSearchAndPreview(SearchIndex *index)
{
    m_search = new SearchPanel(index, m_tabs);
    m_previewSplitter = new QSplitter(Qt::Vertical);
    m_previewSplitter->setObjectName(QStringLiteral("previewSplitter"));
    m_previewSplitter->setChildrenCollapsible(false);
    m_splitter->replaceWidget(1, m_previewSplitter); // takes m_tabs out: it goes into the new splitter
    m_previewSplitter->addWidget(m_tabs);
    m_tabs->show();
    m_preview = new PreviewPane(m_library, m_previewSplitter);
    m_previewSplitter->addWidget(m_preview);
    m_previewSplitter->setCollapsible(1, true); // the preview folds away for a long file list
    m_previewSplitter->setStretchFactor(1, 1);
    auto *tools = findChild<QToolBar *>(QStringLiteral("toolbar"));
    m_search->field()->setMinimumWidth(260);
    tools->insertWidget(m_actions.settings, m_search->field());
    const int tab = m_tabs->addTab(m_search, tr("Search"));
    auto *focusSearch = new QAction(tr("Search"), this);
    focusSearch->setObjectName(QStringLiteral("search"));
    focusSearch->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::Key_F)});
    connect(focusSearch, &QAction::triggered, m_search, &SearchPanel::focusField);
    addAction(focusSearch);
    connect(m_search, &SearchPanel::queryChanged, this,
            [this, tab](const QString &query) { m_tabs->setCurrentIndex(query.trimmed().isEmpty() ? 0 : tab); });
    connect(m_search, &SearchPanel::hitActivated, m_preview, &PreviewPane::showHit);
    connect(m_search, &SearchPanel::hitActivated, this, [this](const SearchHit &hit) {
        if (hit.path.isEmpty()) // a hit on the TSG itself (its name, a tag, its description): select it
            selectTsg(hit.tsgName);
    });
    connect(m_fileView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &at) {
        const QModelIndex name = at.siblingAtColumn(FileTreeModel::Name);
        if (at.isValid() && m_fileModel->flags(name).testFlag(Qt::ItemNeverHasChildren))
            m_preview->open({.tsg = m_fileModel->tsg(), .path = name.data(FileTreeModel::PathRole).toString()});
    });
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 760);
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({600, 680});
    if (!m_previewSplitter->restoreState(settings.value(QStringLiteral("window/previewSplitter")).toByteArray()))
        m_previewSplitter->setSizes({300, 400});
    m_tsgView->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/tsgListColumns")).toByteArray());
    setTsgColumns(); // the widths restored, the modes ours
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/previewSplitter"), m_previewSplitter->saveState());
    settings.setValue(QStringLiteral("window/tsgListColumns"), m_tsgView->horizontalHeader()->saveState());
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

// The list's columns keep their widths whatever the rows hold (live updates move nothing): the name takes the room
// the others leave, the others are as wide as the user made them, and the scroll bar is always there.
void MainWindow::setTsgColumns()
{
    QHeaderView *header = m_tsgView->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TsgListModel::Name, QHeaderView::Stretch);
    m_tsgView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
}

// After the filter changed: the TSG selected before stays selected if it is still listed, otherwise nothing is
// (never whichever row happens to be first); with the filter cleared, the selection is scrolled into view.
void MainWindow::keepSelectionThroughFilter(const QString &selected)
{
    const int row = selected.isEmpty() ? -1 : m_tsgModel->rowOf(selected);
    const QModelIndex still = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_tsgModel->index(row, 0));
    QItemSelectionModel *selection = m_tsgView->selectionModel();
    if (!still.isValid()) {
        selection->clear();
        return;
    }
    if (selectedTsg() != selected)
        selection->select(still, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    selection->setCurrentIndex(still, QItemSelectionModel::NoUpdate);
    if (m_filter->text().isEmpty())
        m_tsgView->scrollTo(still, QAbstractItemView::PositionAtCenter);
}

void MainWindow::updateActions()
{
    const QString tsg = selectedTsg();
    const bool has = !tsg.isEmpty();
    const bool uploading = m_uploads->isBusy();
    m_actions.deleteTsg->setEnabled(has);
    m_actions.openFolder->setEnabled(has);
    m_actions.renameTsg->setEnabled(has);
    m_actions.addFiles->setEnabled(has && !uploading);
    m_actions.addFolder->setEnabled(has && !uploading);
    const auto active = m_tsgModel->active();
    m_actions.setActive->setEnabled(has && active != tsg);
    m_actions.clearActive->setEnabled(active.has_value());
}

void MainWindow::updateFilesHeader()
{
    updateEmptyStates();
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
        ? tr("It can be restored from the trash (Trash…) until cleanup removes it, %1 after deletion.")
              .arg(Format::hours(s.cleanupAgeHours))
        : tr("It can be restored from the trash (Trash…); automatic cleanup is off, so it stays there until "
             "cleanup is turned on.");
    QString text = tr("Move \"%1\" and its files to the trash?").arg(tsg) + u'\n' + when;
    if (m_tsgModel->active() == tsg)
        text += u'\n' + tr("It is the active TSG: no TSG will be active after this.");
    if (!confirm(tr("Delete TSG"), text))
        return;
    const int row = m_tsgView->selectionModel()->selectedRows().constFirst().row();
    const int next = row + 1 < m_proxy->rowCount() ? row + 1 : row - 1;
    m_neighbour = next >= 0 ? m_tsgModel->nameAt(m_proxy->mapToSource(m_proxy->index(next, 0)).row()) : QString();
    whenFinished(m_library.deleteTsg(tsg), this, [this](const Result<TrashEntry> &deleted) {
        report(deleted.ok(),
               deleted.ok() ? tr("Moved %1 to the trash").arg(deleted.value().tsgName) : deleted.error().message);
    });
}

void MainWindow::restoreFromTrash()
{
    TrashDialog dialog(m_library, this);
    dialog.confirm = [this](const QString &title, const QString &text) { return confirm(title, text); };
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
    whenFinished(m_library.selectTsg(name), this, [this](const Result<std::optional<QString>> &r) {
        if (!r.ok())
            report(false, r.error().message);
        else
            showMessage(r.value() ? tr("%1 is the active TSG").arg(*r.value()) : tr("No TSG is active"));
    });
}

void MainWindow::openSelectedFolder()
{
    const QString tsg = selectedTsg();
    if (!tsg.isEmpty())
        OpenFailure::openFolder(this, *m_desktop, m_library.folder().tsgsDir() + u'/' + tsg);
}

void MainWindow::renameSelected()
{
    if (m_fileView->hasFocus()) { // F2 renames what has the focus: here a file or folder of the tree
        m_fileActions->renameSelected();
        return;
    }
    if (selectedTsg().isEmpty())
        return;
    m_details->showTsg(selectedTsg());
    m_details->startRename();
}

void MainWindow::setDesktopServices(DesktopServices *desktop)
{
    m_desktop = desktop ? desktop : m_systemDesktop;
    m_fileActions->setDesktopServices(m_desktop);
}

void MainWindow::updateEmptyStates()
{
    if (m_tsgModel->rowCount() == 0)
        m_listEmpty->setMessage(tr("No TSGs yet.<br>Create a TSG with <b>Ctrl+N</b> or drop a folder here."));
    else if (m_proxy->rowCount() == 0)
        m_listEmpty->setMessage(
            tr("No TSG matches \"%1\".<br>Clear the filter to see all %2.")
                .arg(m_filter->text().toHtmlEscaped(),
                     Format::count(m_tsgModel->rowCount(), QStringLiteral("TSG"), QStringLiteral("TSGs"))));
    else
        m_listEmpty->setMessage({});
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        m_filesEmpty->setMessage(m_tsgModel->rowCount() == 0 ? QString() : tr("Select a TSG to see its files."));
    else if (m_fileModel->tsg() == tsg && !m_fileModel->isLoading() && m_fileModel->rowCount() == 0)
        m_filesEmpty->setMessage(tr("No files yet.<br>Drop files here or use <b>Add files…</b> (Ctrl+O)."));
    else
        m_filesEmpty->setMessage({});
}

void MainWindow::buildTagMenu()
{
    QMenu *menu = m_tagButton->menu();
    menu->clear();
    const QStringList tags = m_tsgModel->tagsInUse();
    if (tags.isEmpty()) {
        menu->addAction(tr("No TSG has tags yet: add them in the details below the list"))->setEnabled(false);
        return;
    }
    for (const QString &tag : tags) {
        QAction *a = menu->addAction(tag);
        a->setCheckable(true);
        a->setChecked(m_proxy->tags().contains(tag, Qt::CaseInsensitive));
        connect(a, &QAction::triggered, this,
                [this, tag] { m_filter->setText(TsgFilterProxy::toggledTag(m_filter->text(), tag)); });
    }
    if (!m_proxy->tags().isEmpty()) {
        menu->addSeparator();
        connect(menu->addAction(tr("Any tag")), &QAction::triggered, this, [this] {
            QString text = m_filter->text();
            for (const QString &tag : m_proxy->tags())
                text = TsgFilterProxy::toggledTag(text, tag);
            m_filter->setText(text);
        });
    }
}

void MainWindow::upload(const QString &tsg, const QStringList &localPaths, const QString &prefix,
                        UploadPlan::Folders folders)
{
    if (tsg.isEmpty() || localPaths.isEmpty())
        return;
    if (m_uploads->isBusy()) {
        reportBusy();
        return;
    }
    selectTsg(tsg);
    m_uploads->upload(tsg, localPaths, prefix, folders);
}

QString MainWindow::targetFolder() const
{
    const QModelIndex current = m_fileView->currentIndex();
    if (!current.isValid() || m_fileModel->tsg() != selectedTsg())
        return {};
    const QModelIndex name = current.siblingAtColumn(FileTreeModel::Name);
    const QString path = name.data(FileTreeModel::PathRole).toString();
    if (!m_fileModel->flags(name).testFlag(Qt::ItemNeverHasChildren))
        return path;
    return path.contains(u'/') ? path.section(u'/', 0, -2) : QString();
}

void MainWindow::addFiles()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const QString folder = targetFolder();
    const QStringList files =
        chooseFiles(folder.isEmpty() ? tr("Add files to %1").arg(tsg) : tr("Add files to %1 › %2").arg(tsg, folder));
    upload(tsg, files, folder);
}

void MainWindow::addFolder()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const QString folder = targetFolder();
    const QString dir = chooseFolder(folder.isEmpty() ? tr("Add a folder to %1").arg(tsg)
                                                      : tr("Add a folder to %1 › %2").arg(tsg, folder));
    if (dir.isEmpty())
        return;
    const std::optional<UploadPlan::Folders> mode =
        askFolderMode(QFileInfo(dir).fileName(), folder.isEmpty() ? tsg : tsg + QStringLiteral(" › ") + folder);
    if (mode)
        upload(tsg, {dir}, folder, *mode);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_library, this);
    dialog.setDesktopServices(m_desktop);
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
    // Entries of this TSG dragged onto one of its folders (or its top) move there; anything else is an upload.
    const QString own = QDir::cleanPath(m_library.folder().tsgsDir() + u'/' + tsg) + u'/';
    QStringList inside;
    for (const QString &p : paths)
        if (const QString clean = QDir::cleanPath(p); clean.startsWith(own))
            inside << clean.mid(own.size());
    if (!inside.isEmpty() && inside.size() == paths.size()) {
        m_fileActions->moveInto(inside, prefix);
        return;
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
    if (m_onClose == OnClose::HideToTray) {
        hide();
        event->ignore();
        emit hiddenToTray();
        return;
    }
    if (m_onClose == OnClose::AskToStopServer && isVisible()) {
        switch (askOnClose()) {
        case CloseAnswer::Quit: break;
        case CloseAnswer::Minimize:
            event->ignore();
            showMinimized();
            return;
        case CloseAnswer::Cancel: event->ignore(); return;
        }
    }
    QMainWindow::closeEvent(event);
}

} // namespace tsg
