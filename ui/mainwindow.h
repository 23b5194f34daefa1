// The main window: the TSG list (sort, filter, active marked), the files of the selected TSG as a
// tree, the sessions, the server and cleanup status; drag and drop of files and folders uploads them.
// A view of the shared Library, like the WebSocket clients: every change shows in both at once.
#pragma once

#include "library.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTableWidget;
class QTreeView;
class QTabWidget;

namespace tsg {

class FileTreeModel;
class ServerRuntime;
class TsgListModel;
class UploadController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Library &library, ServerRuntime *server, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Questions the window asks (tests answer them without a dialog).
    std::function<bool(const QString &title, const QString &text)> ask;
    struct NewTsg {
        QString name, description;
        QStringList tags;
    };
    std::function<std::optional<NewTsg>(const QString &suggestedName)> askNewTsg; // nullopt: cancelled

    QString selectedTsg() const;
    void selectTsg(const QString &name);
    UploadController &uploads() { return *m_uploads; }
    TsgListModel &tsgModel() { return *m_tsgModel; }
    FileTreeModel &fileModel() { return *m_fileModel; }
    QTableView *tsgView() const { return m_tsgView; }
    QTreeView *fileView() const { return m_fileView; }
    QAction *action(const QString &objectName) const;

    void newTsg();
    void deleteSelected();
    void restoreFromTrash();
    void setSelectedActive(bool active);
    void addFiles();
    void addFolder();
    void openSettings();
    void uploadUrls(const QString &tsg, const QList<QUrl> &urls);

    // Closing hides to the tray when there is one (the server keeps running).
    void setHidesOnClose(bool hides) { m_hidesOnClose = hides; }

signals:
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    void updateActions();
    void updateServerStatus();
    void updateCleanupStatus(const CleanupStatus &status);
    void refreshSessions();
    void showSessionFiles();
    void handleDrop(QObject *target, const QPoint &pos, const QList<QUrl> &urls);
    void report(bool ok, const QString &message);

    Library &m_library;
    ServerRuntime *m_server;
    TsgListModel *m_tsgModel;
    QSortFilterProxyModel *m_proxy;
    FileTreeModel *m_fileModel;
    UploadController *m_uploads;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_tsgView = nullptr;
    QTreeView *m_fileView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_sessions = nullptr;
    QTableWidget *m_sessionFiles = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_cleanupLabel = nullptr;
    QLabel *m_uploadLabel = nullptr;
    QProgressBar *m_uploadBar = nullptr;
    QPushButton *m_uploadCancel = nullptr;
    QWidget *m_uploadPanel = nullptr;
    bool m_hidesOnClose = false;
    QString m_selected; // kept across model resets
};

} // namespace tsg
