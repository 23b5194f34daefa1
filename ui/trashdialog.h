// The deleted TSGs and files waiting in the trash (name, when deleted, files, size, when cleanup purges them)
// and Restore: a TSG back under the old name or a new one, a file or folder back to its place in its TSG; Delete
// forever and Empty trash. Loads, restores and purges through the library, off the GUI thread; errors inline.
#pragma once

#include "fileicons.h"
#include "library.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace tsg {

class ProblemLabel;

class TrashDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrashDialog(Library &library, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *deleteForeverButton() const { return m_purge; }
    QPushButton *emptyButton() const { return m_empty; }
    // Asked before anything is removed for good (tests answer without a dialog).
    std::function<bool(const QString &title, const QString &text)> confirm;
    bool isLoaded() const { return m_loaded; }
    const std::optional<TsgInfo> &restored() const { return m_restored; }

private:
    void load();
    void restoreSelected();
    void updateButtons();
    void purge(const QString &id, const QString &what); // every entry when id is empty

    Library &m_library;
    QTreeWidget *m_list;
    QLineEdit *m_newName;
    ProblemLabel *m_problem;
    QLabel *m_hint;
    QPushButton *m_restore;
    QPushButton *m_purge = nullptr;
    QPushButton *m_empty = nullptr;
    bool m_loaded = false;
    bool m_busy = false;
    std::optional<TsgInfo> m_restored;
    FileIcons m_icons;
};

} // namespace tsg
