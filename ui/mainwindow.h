// The main window: the TSG list (sort, filter by name and tag, active marked), the selected TSG's details
// (description, tags, rename), its files as a tree (open, show in folder, copy path, delete), the sessions, the server
// and cleanup status, and uploads by drag and drop or "Add files…". A view of the shared Library like the WebSocket
// clients: every change shows in both at once. It assembles the parts (models, panels, dialogs, the upload controller)
// and routes user actions.
#pragma once

#include "library.h"
#include "uploadplan.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;

namespace tsg {

class CleanupStatusPanel;
class DesktopServices;
class EmptyStateOverlay;
class FileActions;
class FileTreeModel;
class FileTreeView;
class PreviewPane;
class SearchIndex;
class SearchPanel;
class ServerRuntime;
class ServerStatusPanel;
class SessionsPage;
class SystemDesktopServices;
class TsgDetailsPanel;
class TsgFilterProxy;
class TsgListModel;
class UploadController;
class UploadProgressPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // server: null when it is not running; serverProblem then says why. index: null when there is no search index
    // (the search field is then disabled and says why).
    MainWindow(Library &library, ServerRuntime *server, const QString &serverProblem = {}, SearchIndex *index = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Yes/no questions (delete, new token). Tests answer them without a dialog.
    std::function<bool(const QString &title, const QString &text)> confirm;
    // The file choosers of Add files and Add folder (tests choose without a dialog): the paths chosen, or none.
    std::function<QStringList(const QString &title)> chooseFiles;
    std::function<QString(const QString &title)> chooseFolder;
    // Add folder's question: the folder's files under a folder of its name in `where` (the default), or right in
    // `where`; nullopt to add nothing.
    std::function<std::optional<UploadPlan::Folders>(const QString &folderName, const QString &where)> askFolderMode;
    // Save to TSG: which TSG the session files go to (names: the TSGs; suggested: the selected one); "" for none.
    std::function<QString(const QStringList &names, const QString &suggested)> chooseTsg;
    // The folder of the TSG that Add files and Add folder put files into: the folder selected in the tree, the
    // folder of the file selected there, or "" (the TSG's top).
    QString targetFolder() const;

    QString selectedTsg() const;
    void selectTsg(const QString &name); // also once the library's list has it, if it does not yet
    // The window's action of that objectName (tests, and whoever adds it to a menu).
    QAction *action(const QString &objectName) const;

    void newTsg(const QString &suggestedName = {}, const QStringList &uploadAfter = {});
    void deleteSelected();
    void restoreFromTrash();
    void setSelectedActive(bool active);
    void openSelectedFolder();
    void renameSelected(); // F2: the details panel's name field, ready for the new name
    void addFiles();
    void addFolder();
    void openSettings();
    // Uploads local files and folders into `tsg` (under `prefix`, a folder inside it).
    void upload(const QString &tsg, const QStringList &localPaths, const QString &prefix = {},
                UploadPlan::Folders folders = UploadPlan::Folders::KeepName);

    // Where files and folders are opened and shown, and paths copied: the desktop's by default; tests hand in a
    // double (not owned; it must outlive the window).
    void setDesktopServices(DesktopServices *desktop);
    DesktopServices *desktopServices() const { return m_desktop; }

    // Shows the window (also when hidden to the tray or minimized), raised and active.
    void bringToFront();

    // What closing the window does: close it (the app quits), hide it to the tray (the server keeps running), or,
    // without a tray while the server runs, ask whether to stop the server and quit or to minimise instead.
    enum class OnClose { Close, HideToTray, AskToStopServer };
    void setOnClose(OnClose onClose) { m_onClose = onClose; }
    void setHidesOnClose(bool hides) { m_onClose = hides ? OnClose::HideToTray : OnClose::Close; }
    // The question of OnClose::AskToStopServer (tests answer without a dialog).
    enum class CloseAnswer { Quit, Minimize, Cancel };
    std::function<CloseAnswer()> askOnClose;

    TsgListModel &tsgModel() { return *m_tsgModel; }
    FileTreeModel &fileModel() { return *m_fileModel; }
    UploadController &uploads() { return *m_uploads; }
    QTableView *tsgView() const { return m_tsgView; }
    FileTreeView *fileView() const { return m_fileView; }
    SessionsPage *sessionsPage() const { return m_sessions; }
    ServerStatusPanel *serverPanel() const { return m_serverPanel; }
    CleanupStatusPanel *cleanupPanel() const { return m_cleanupPanel; }
    UploadProgressPanel *uploadPanel() const { return m_uploadPanel; }
    QLineEdit *filterEdit() const { return m_filter; }
    QToolButton *tagFilterButton() const { return m_tagButton; }
    TsgDetailsPanel *detailsPanel() const { return m_details; }
    FileActions *fileActions() const { return m_fileActions; }
    EmptyStateOverlay *listEmptyState() const { return m_listEmpty; }
    EmptyStateOverlay *filesEmptyState() const { return m_filesEmpty; }
    SearchPanel *searchPanel() const { return m_search; }
    PreviewPane *preview() const { return m_preview; }

signals:
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Actions {
        QAction *newTsg = nullptr;
        QAction *deleteTsg = nullptr;
        QAction *restoreTsg = nullptr;
        QAction *setActive = nullptr;
        QAction *clearActive = nullptr;
        QAction *openFolder = nullptr;
        QAction *renameTsg = nullptr;
        QAction *addFiles = nullptr;
        QAction *addFolder = nullptr;
        QAction *settings = nullptr;
    };
    void buildActions();
    void buildLayout();
    void buildSearchAndPreview(SearchIndex *index);
    void restoreState();
    void saveState();
    void setTsgColumns();
    void keepSelectionThroughFilter(const QString &selected);
    void updateActions();
    void updateFilesHeader();
    void updateEmptyStates();
    void buildTagMenu();
    void droppedOnList(const QPoint &pos, const QStringList &paths);
    void droppedOnTree(const QPoint &pos, const QStringList &paths);
    void report(bool ok, const QString &message);
    void reportBusy(); // another upload is under way
    void showMessage(const QString &message);

    Library &m_library;
    Actions m_actions;
    ServerRuntime *m_server;
    TsgListModel *m_tsgModel;
    TsgFilterProxy *m_proxy;
    FileTreeModel *m_fileModel;
    UploadController *m_uploads;
    SystemDesktopServices *m_systemDesktop;
    DesktopServices *m_desktop;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    QToolButton *m_tagButton = nullptr;
    TsgDetailsPanel *m_details = nullptr;
    FileActions *m_fileActions = nullptr;
    EmptyStateOverlay *m_listEmpty = nullptr;
    EmptyStateOverlay *m_filesEmpty = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_tsgView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_filesHeader = nullptr;
    FileTreeView *m_fileView = nullptr;
    SessionsPage *m_sessions = nullptr;
    ServerStatusPanel *m_serverPanel = nullptr;
    CleanupStatusPanel *m_cleanupPanel = nullptr;
    UploadProgressPanel *m_uploadPanel = nullptr;
    QLabel *m_message = nullptr;
    SearchPanel *m_search = nullptr;
    PreviewPane *m_preview = nullptr;
    QSplitter *m_previewSplitter = nullptr; // the tabs above the preview
    QTimer m_messageTimer;
    QString m_serverProblem;
    OnClose m_onClose = OnClose::Close;
    QString m_selected;      // kept across list resets
    QString m_pendingSelect; // to select when the list has it
    QString m_neighbour;     // the TSG to select once the deleted one is gone
};

} // namespace tsg
