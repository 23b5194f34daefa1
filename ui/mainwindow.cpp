#include "mainwindow.h"

#include "filetreemodel.h"
#include "newtsgdialog.h"
#include "serverruntime.h"
#include "settingsdialog.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace tsg {

namespace {

template <typename T, typename F>
void whenDone(QObject *context, QFuture<T> future, F f)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, f = std::move(f)]() mutable {
        f(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QObject::tr("never");
}

} // namespace

MainWindow::MainWindow(Library &library, ServerRuntime *server, QWidget *parent)
    : QMainWindow(parent), m_library(library), m_server(server), m_tsgModel(new TsgListModel(library, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_fileModel(new FileTreeModel(library, this)),
      m_uploads(new UploadController(library, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TSG Desk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")));
    ask = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    askNewTsg = [this](const QString &suggested) -> std::optional<NewTsg> {
        NewTsgDialog dialog(this, suggested);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return NewTsg{dialog.name(), dialog.description(), dialog.tags()};
    };
    m_proxy->setSourceModel(m_tsgModel);
    m_proxy->setSortRole(Qt::UserRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(TsgListModel::Name);
    buildActions();
    buildLayout();

    connect(m_uploads, &UploadController::started, this, [this](const QString &tsg, int files, qint64 bytes) {
        m_uploadPanel->setVisible(true);
        m_uploadBar->setRange(0, 1000);
        m_uploadBar->setValue(0);
        m_uploadLabel->setText(tr("Uploading %n file(s), %1, to %2", nullptr, files).arg(humanSize(bytes), tsg));
    });
    connect(m_uploads, &UploadController::progress, this, [this](const UploadProgress &p) {
        m_uploadBar->setValue(p.bytesTotal > 0 ? int(p.bytesProcessed * 1000 / p.bytesTotal) : 0);
        m_uploadLabel->setText(tr("%1 of %2 files, %3 of %4 — %5")
                                   .arg(p.processed).arg(p.total)
                                   .arg(humanSize(p.bytesProcessed), humanSize(p.bytesTotal), p.currentFile));
    });
    connect(m_uploads, &UploadController::finished, this, [this](bool ok, const QString &message) {
        m_uploadPanel->setVisible(false);
        report(ok, message);
    });
    connect(&m_library, &Library::sessionsChanged, this, &MainWindow::refreshSessions, Qt::QueuedConnection);
    connect(&m_library, &Library::cleanupStatusChanged, this, &MainWindow::updateCleanupStatus, Qt::QueuedConnection);
    // A reset (any library change) keeps the selection on the same TSG.
    connect(m_tsgModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_selected = selectedTsg(); });
    connect(m_tsgModel, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_selected.isEmpty())
            selectTsg(m_selected);
        updateActions();
    });
    if (m_server) {
        connect(m_server, &ServerRuntime::clientCountChanged, this, &MainWindow::updateServerStatus);
        connect(m_server, &ServerRuntime::tokenChanged, this, &MainWindow::updateServerStatus);
    }
    updateServerStatus();
    updateCleanupStatus(m_library.cleanupStatus());
    refreshSessions();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({620, 560});
    if (m_tsgModel->rowCount() > 0)
        selectTsg(m_library.activeTsg().value_or(m_tsgModel->nameAt(0)));
    updateActions();
}

MainWindow::~MainWindow()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::buildActions()
{
    auto make = [this](const char *name, const QString &text, const QString &icon, const QKeySequence &key, auto slot) {
        auto *a = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text, this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    make("newTsg", tr("&New TSG…"), QStringLiteral("new"), QKeySequence::New, &MainWindow::newTsg);
    make("deleteTsg", tr("&Delete"), QStringLiteral("delete"), QKeySequence(Qt::Key_Delete), &MainWindow::deleteSelected);
    make("restoreTsg", tr("&Restore from trash…"), QStringLiteral("restore"), QKeySequence(), &MainWindow::restoreFromTrash);
    make("setActive", tr("Set &active"), QStringLiteral("active"), QKeySequence(), [this] { setSelectedActive(true); });
    make("clearActive", tr("&Clear active"), QStringLiteral("clear"), QKeySequence(), [this] { setSelectedActive(false); });
    make("openFolder", tr("Open &folder"), QStringLiteral("folder"), QKeySequence(), [this] {
        if (!selectedTsg().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_library.folder().tsgsDir() + u'/' + selectedTsg()));
    });
    make("addFiles", tr("Add &files…"), QStringLiteral("add-files"), QKeySequence::Open, &MainWindow::addFiles);
    make("addFolder", tr("Add f&older…"), QStringLiteral("add-folder"), QKeySequence(), &MainWindow::addFolder);
    make("settings", tr("&Settings…"), QStringLiteral("settings"), QKeySequence::Preferences, &MainWindow::openSettings);
    make("runCleanup", tr("Run cleanup &now"), QStringLiteral("cleanup"), QKeySequence(), [this] { (void)m_library.cleanup().runNow(); });
    make("copyUrl", tr("&Copy browser URL"), QStringLiteral("copy"), QKeySequence(), [this] {
        if (m_server)
            QApplication::clipboard()->setText(m_server->urlWithToken());
        statusBar()->showMessage(tr("URL with token copied"), 3000);
    });
    make("regenerateToken", tr("Re&generate token"), QStringLiteral("key"), QKeySequence(), [this] {
        if (m_server && ask(tr("Regenerate token"), tr("Browser tabs and agents using the old token will have to reconnect with the new URL. Go on?"))) {
            const auto t = m_server->regenerateToken();
            report(t.ok(), t.ok() ? tr("A new token is in use") : t.error().message);
        }
    });
    auto *tools = addToolBar(tr("TSGs"));
    tools->setObjectName(QStringLiteral("toolbar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const char *name : {"newTsg", "deleteTsg", "restoreTsg", "setActive", "clearActive", "openFolder"})
        tools->addAction(action(QString::fromLatin1(name)));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("addFiles")));
    tools->addAction(action(QStringLiteral("addFolder")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("settings")));
}

void MainWindow::buildLayout()
{
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("splitter"));

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter TSGs…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_tsgView = new QTableView(left);
    m_tsgView->setObjectName(QStringLiteral("tsgList"));
    m_tsgView->setModel(m_proxy);
    m_tsgView->setSortingEnabled(true);
    m_tsgView->sortByColumn(TsgListModel::Name, Qt::AscendingOrder);
    m_tsgView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tsgView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tsgView->verticalHeader()->hide();
    m_tsgView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tsgView->horizontalHeader()->setSectionResizeMode(TsgListModel::Name, QHeaderView::Stretch);
    m_tsgView->setWordWrap(false);
    m_tsgView->setAlternatingRowColors(true);
    m_tsgView->setAcceptDrops(true);
    m_tsgView->viewport()->setAcceptDrops(true);
    m_tsgView->viewport()->installEventFilter(this);
    m_tsgView->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const char *name : {"setActive", "clearActive", "openFolder", "addFiles", "addFolder", "deleteTsg"})
        m_tsgView->addAction(action(QString::fromLatin1(name)));
    connect(m_tsgView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_fileModel->showTsg(selectedTsg());
        updateActions();
    });
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tsgView);

    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_fileView = new QTreeView(m_tabs);
    m_fileView->setObjectName(QStringLiteral("fileTree"));
    m_fileView->setModel(m_fileModel);
    m_fileView->setAlternatingRowColors(true);
    m_fileView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_fileView->setAcceptDrops(true);
    m_fileView->viewport()->setAcceptDrops(true);
    m_fileView->viewport()->installEventFilter(this);
    connect(m_fileModel, &FileTreeModel::loaded, m_fileView, [this] {
        m_fileView->expandToDepth(0);
        m_tabs->setTabText(0, tr("Files (%1)").arg(m_fileModel->fileCount()));
    });
    m_tabs->addTab(m_fileView, tr("Files"));

    auto *sessionsPage = new QSplitter(Qt::Vertical, m_tabs);
    m_sessions = new QTableWidget(0, 5, sessionsPage);
    m_sessions->setObjectName(QStringLiteral("sessions"));
    m_sessions->setHorizontalHeaderLabels({tr("Session"), tr("Files"), tr("Size"), tr("Last activity"), tr("Removed by cleanup")});
    m_sessions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sessions->verticalHeader()->hide();
    m_sessions->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sessions->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *deleteSession = new QAction(tr("Delete session"), m_sessions);
    deleteSession->setObjectName(QStringLiteral("deleteSession"));
    connect(deleteSession, &QAction::triggered, this, [this] {
        const auto row = m_sessions->currentRow();
        if (row < 0)
            return;
        const QString id = m_sessions->item(row, 0)->text();
        if (ask(tr("Delete session"), tr("Delete session %1 and its files?").arg(id)))
            whenDone(this, m_library.deleteSession(id), [this](const Status &s) { report(s.ok(), s.ok() ? tr("Session deleted") : s.error().message); });
    });
    m_sessions->addAction(deleteSession);
    connect(m_sessions, &QTableWidget::itemSelectionChanged, this, &MainWindow::showSessionFiles);
    m_sessionFiles = new QTableWidget(0, 3, sessionsPage);
    m_sessionFiles->setObjectName(QStringLiteral("sessionFiles"));
    m_sessionFiles->setHorizontalHeaderLabels({tr("File"), tr("Size"), tr("Type")});
    m_sessionFiles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sessionFiles->verticalHeader()->hide();
    m_sessionFiles->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tabs->addTab(sessionsPage, tr("Sessions"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter, 1);

    m_uploadPanel = new QWidget(central);
    m_uploadPanel->setObjectName(QStringLiteral("uploadPanel"));
    auto *uploadLayout = new QHBoxLayout(m_uploadPanel);
    m_uploadLabel = new QLabel(m_uploadPanel);
    m_uploadBar = new QProgressBar(m_uploadPanel);
    m_uploadBar->setObjectName(QStringLiteral("uploadProgress"));
    m_uploadCancel = new QPushButton(tr("Cancel"), m_uploadPanel);
    m_uploadCancel->setObjectName(QStringLiteral("cancelUpload"));
    connect(m_uploadCancel, &QPushButton::clicked, m_uploads, &UploadController::cancel);
    uploadLayout->addWidget(m_uploadLabel, 2);
    uploadLayout->addWidget(m_uploadBar, 1);
    uploadLayout->addWidget(m_uploadCancel);
    m_uploadPanel->setVisible(false);
    layout->addWidget(m_uploadPanel);

    auto *status = new QWidget(central);
    auto *statusLayout = new QHBoxLayout(status);
    statusLayout->setContentsMargins(8, 2, 8, 4);
    m_serverLabel = new QLabel(status);
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_serverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy URL"), status);
    connect(copy, &QPushButton::clicked, action(QStringLiteral("copyUrl")), &QAction::trigger);
    auto *regen = new QPushButton(tr("New token"), status);
    connect(regen, &QPushButton::clicked, action(QStringLiteral("regenerateToken")), &QAction::trigger);
    m_cleanupLabel = new QLabel(status);
    m_cleanupLabel->setObjectName(QStringLiteral("cleanupStatus"));
    auto *runNow = new QPushButton(QIcon(QStringLiteral(":/icons/cleanup.svg")), tr("Run cleanup"), status);
    connect(runNow, &QPushButton::clicked, action(QStringLiteral("runCleanup")), &QAction::trigger);
    statusLayout->addWidget(m_serverLabel);
    statusLayout->addWidget(copy);
    statusLayout->addWidget(regen);
    statusLayout->addStretch(1);
    statusLayout->addWidget(m_cleanupLabel);
    statusLayout->addWidget(runNow);
    layout->addWidget(status);
    setCentralWidget(central);
    resize(1240, 740);
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
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_tsgModel->index(row, 0));
    m_tsgView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tsgView->setCurrentIndex(index);
}

void MainWindow::updateActions()
{
    const QString tsg = selectedTsg();
    const bool has = !tsg.isEmpty();
    for (const char *name : {"deleteTsg", "openFolder", "addFiles", "addFolder"})
        action(QString::fromLatin1(name))->setEnabled(has);
    action(QStringLiteral("setActive"))->setEnabled(has && m_library.activeTsg() != tsg);
    action(QStringLiteral("clearActive"))->setEnabled(m_library.activeTsg().has_value());
}

void MainWindow::report(bool ok, const QString &message)
{
    if (ok)
        statusBar()->showMessage(message, 5000);
    else
        QMessageBox::warning(this, tr("TSG Desk"), message);
}

void MainWindow::newTsg()
{
    const std::optional<NewTsg> wanted = askNewTsg(QString());
    if (!wanted)
        return;
    whenDone(this, m_library.createTsg(wanted->name, wanted->description, wanted->tags), [this](const Result<TsgInfo> &created) {
        if (!created.ok())
            return report(false, created.error().message);
        selectTsg(created.value().name);
        statusBar()->showMessage(tr("Created %1").arg(created.value().name), 5000);
    });
}

void MainWindow::deleteSelected()
{
    const QString tsg = selectedTsg();
    if (tsg.isEmpty())
        return;
    const int hours = m_library.config().tsg.cleanupAgeHours;
    if (!ask(tr("Delete TSG"), tr("Move \"%1\" to the trash? It can be restored for %n hour(s), until cleanup purges it.", nullptr, hours).arg(tsg)))
        return;
    whenDone(this, m_library.deleteTsg(tsg), [this](const Result<TrashEntry> &deleted) {
        report(deleted.ok(), deleted.ok() ? tr("Moved %1 to the trash").arg(deleted.value().tsgName) : deleted.error().message);
    });
}

void MainWindow::restoreFromTrash()
{
    whenDone(this, m_library.trash(), [this](const Result<QList<TrashEntry>> &entries) {
        if (!entries.ok())
            return report(false, entries.error().message);
        QStringList labels;
        QStringList ids;
        for (const TrashEntry &e : entries.value()) {
            if (e.kind != TrashEntry::Kind::Tsg)
                continue;
            labels << tr("%1 — deleted %2, %n file(s)", nullptr, e.fileCount).arg(e.tsgName, when(e.deletedAt));
            ids << e.id;
        }
        if (ids.isEmpty())
            return report(true, tr("The trash holds no TSGs"));
        bool ok = false;
        const QString choice = QInputDialog::getItem(this, tr("Restore from trash"), tr("TSG to restore:"), labels, 0, false, &ok);
        if (!ok)
            return;
        whenDone(this, m_library.restoreTsg(ids.at(labels.indexOf(choice))), [this](const Result<TsgInfo> &restored) {
            if (restored.ok())
                selectTsg(restored.value().name);
            report(restored.ok(), restored.ok() ? tr("Restored %1").arg(restored.value().name) : restored.error().message);
        });
    });
}

void MainWindow::setSelectedActive(bool active)
{
    const std::optional<QString> name = active ? std::optional<QString>(selectedTsg()) : std::nullopt;
    if (active && name->isEmpty())
        return;
    whenDone(this, m_library.selectTsg(name), [this](const Result<std::optional<QString>> &r) {
        if (!r.ok())
            report(false, r.error().message);
        updateActions();
    });
}

void MainWindow::uploadUrls(const QString &tsg, const QList<QUrl> &urls)
{
    if (tsg.isEmpty() || urls.isEmpty())
        return;
    m_uploads->upload(tsg, urls);
}

void MainWindow::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add files to %1").arg(selectedTsg()));
    QList<QUrl> urls;
    for (const QString &f : files)
        urls << QUrl::fromLocalFile(f);
    uploadUrls(selectedTsg(), urls);
}

void MainWindow::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder to %1").arg(selectedTsg()));
    if (!dir.isEmpty())
        uploadUrls(selectedTsg(), {QUrl::fromLocalFile(dir)});
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_library.config(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Config wanted = m_library.config();
    dialog.apply(wanted);
    whenDone(this, m_library.updateConfig([wanted](Config &c) {
        const auto active = c.activeTsg;
        c = wanted;
        c.activeTsg = active; // the selection is not the dialog's to change
    }), [this](const Result<Config> &saved) { report(saved.ok(), saved.ok() ? tr("Settings saved") : saved.error().message); });
}

void MainWindow::handleDrop(QObject *target, const QPoint &pos, const QList<QUrl> &urls)
{
    QString tsg;
    if (target == m_fileView->viewport()) {
        tsg = selectedTsg();
    } else {
        const QModelIndex index = m_tsgView->indexAt(pos);
        if (index.isValid()) {
            tsg = m_tsgModel->nameAt(m_proxy->mapToSource(index).row());
        } else if (urls.size() == 1 && QFileInfo(urls.first().toLocalFile()).isDir()) {
            // A folder dropped on empty space: a new TSG named after it.
            const QString folder = QFileInfo(urls.first().toLocalFile()).fileName();
            const std::optional<NewTsg> wanted = askNewTsg(folder);
            if (!wanted)
                return;
            const auto created = m_library.createTsg(wanted->name, wanted->description, wanted->tags);
            whenDone(this, created, [this, urls](const Result<TsgInfo> &c) {
                if (!c.ok())
                    return report(false, c.error().message);
                selectTsg(c.value().name);
                // The folder's content goes to the top of the new TSG.
                QList<QUrl> inside;
                const QDir dir(urls.first().toLocalFile());
                for (const QFileInfo &f : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
                    inside << QUrl::fromLocalFile(f.absoluteFilePath());
                uploadUrls(c.value().name, inside);
            });
            return;
        }
    }
    if (tsg.isEmpty())
        return report(false, tr("Drop files on a TSG, or select a TSG first"));
    selectTsg(tsg);
    uploadUrls(tsg, urls);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tsgView->viewport() || watched == m_fileView->viewport()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *e = static_cast<QDragMoveEvent *>(event);
            if (e->mimeData()->hasUrls()) {
                e->setDropAction(Qt::CopyAction);
                e->accept();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *e = static_cast<QDropEvent *>(event);
            if (e->mimeData()->hasUrls()) {
                e->setDropAction(Qt::CopyAction);
                e->accept();
                handleDrop(watched, e->position().toPoint(), e->mimeData()->urls());
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateServerStatus()
{
    if (!m_server || !m_server->isListening()) {
        m_serverLabel->setText(tr("Server not running"));
        return;
    }
    m_serverLabel->setText(tr("Server: %1 · %n client(s) connected", nullptr, m_server->clientCount()).arg(m_server->url()));
}

void MainWindow::updateCleanupStatus(const CleanupStatus &s)
{
    QString text = s.running ? tr("Cleanup running…")
                             : tr("Cleanup %1 · last run %2 (removed %3, %4) · next %5")
                                   .arg(s.enabled ? tr("on") : tr("off (sessions only)"), when(s.lastRun))
                                   .arg(s.last.totalRemoved())
                                   .arg(humanSize(s.last.bytesFreed), when(s.nextRun));
    if (!s.last.errors.isEmpty())
        text += u' ' + tr("· %n error(s)", nullptr, int(s.last.errors.size()));
    m_cleanupLabel->setText(text);
    m_cleanupLabel->setToolTip(s.last.errors.join(u'\n'));
}

void MainWindow::refreshSessions()
{
    whenDone(this, m_library.sessions(), [this](const Result<QList<SessionInfo>> &sessions) {
        if (!sessions.ok())
            return;
        const int timeout = m_library.config().session.sessionTimeout;
        m_sessions->setRowCount(int(sessions.value().size()));
        int row = 0;
        for (const SessionInfo &s : sessions.value()) {
            const QStringList cells{s.id, QString::number(s.fileCount), humanSize(s.size), when(s.lastActivity),
                                    when(s.lastActivity.addSecs(qint64(timeout) * 3600))};
            for (int c = 0; c < cells.size(); ++c)
                m_sessions->setItem(row, c, new QTableWidgetItem(cells.at(c)));
            ++row;
        }
        m_tabs->setTabText(1, tr("Sessions (%1)").arg(sessions.value().size()));
    });
}

void MainWindow::showSessionFiles()
{
    const int row = m_sessions->currentRow();
    if (row < 0 || !m_sessions->item(row, 0))
        return;
    whenDone(this, m_library.sessionFiles(m_sessions->item(row, 0)->text()), [this](const Result<QList<SessionFile>> &files) {
        m_sessionFiles->setRowCount(files.ok() ? int(files.value().size()) : 0);
        int r = 0;
        for (const SessionFile &f : files.ok() ? files.value() : QList<SessionFile>()) {
            m_sessionFiles->setItem(r, 0, new QTableWidgetItem(f.name));
            m_sessionFiles->setItem(r, 1, new QTableWidgetItem(humanSize(f.size)));
            m_sessionFiles->setItem(r, 2, new QTableWidgetItem(f.type));
            ++r;
        }
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_hidesOnClose) {
        hide();
        event->ignore();
        emit hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace tsg
