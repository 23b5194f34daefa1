// The deleted TSGs and files waiting in the trash (name, when deleted, files, size, when cleanup purges them)
// and Restore: a TSG back under the old name or a new one, a file back to its place in its TSG. Loads and restores
// through the library, off the GUI thread; errors are shown inline.
#pragma once

#include "fileicons.h"
#include "library.h"

#include <QDialog>

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
    bool isLoaded() const { return m_loaded; }
    const std::optional<TsgInfo> &restored() const { return m_restored; }

private:
    void load();
    void restoreSelected();
    void updateButtons();

    Library &m_library;
    QTreeWidget *m_list;
    QLineEdit *m_newName;
    ProblemLabel *m_problem;
    QLabel *m_hint;
    QPushButton *m_restore;
    bool m_loaded = false;
    bool m_busy = false;
    std::optional<TsgInfo> m_restored;
    FileIcons m_icons;
};

} // namespace tsg
