// The Sessions tab: the sessions (sortable), the files of the selected one, and Delete session
// (confirmed). A view of SessionListModel; the files are loaded off the GUI thread.
#pragma once

#include "fileicons.h"
#include "library.h"

#include <QWidget>

#include <functional>

class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTreeWidget;

namespace tsg {

class SessionListModel;

class SessionsPage : public QWidget {
    Q_OBJECT
public:
    explicit SessionsPage(Library &library, QWidget *parent = nullptr);

    SessionListModel &model() { return *m_model; }
    QTreeWidget *filesView() const { return m_files; }
    QString selectedSession() const;
    void selectSession(const QString &id);
    void deleteSelected();

    // Asks the user to confirm (tests answer without a dialog).
    std::function<bool(const QString &title, const QString &text)> confirm;

    // The files selected in the session's file list, as absolute paths.
    QStringList selectedFilePaths() const;

signals:
    void message(bool ok, const QString &text);
    // "Save to TSG…" on session files: the window asks which TSG and uploads copies of them.
    void saveToTsgRequested(const QStringList &paths);
    void countChanged(int sessions);

private:
    void showFiles();

    Library &m_library;
    SessionListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QTreeWidget *m_files;
    QPushButton *m_delete;
    QString m_filesOf;
    QString m_neighbour; // the session to select once the deleted one is gone
    FileIcons m_icons;
};

} // namespace tsg
