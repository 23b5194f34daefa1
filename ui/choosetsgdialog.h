// "Choose…" of the tray's Active TSG menu: every TSG in a list with a filter above it, for a library too long for a
// menu. Type to narrow, Down or Enter to pick.
#pragma once

#include <QDialog>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace tsg {

class ChooseTsgDialog : public QDialog {
    Q_OBJECT
public:
    // names: the TSGs; current: the one selected at first (the active one), or none.
    ChooseTsgDialog(const QStringList &names, const QString &current, QWidget *parent = nullptr);

    QString chosen() const; // the selected TSG, or "" when none is
    QLineEdit *filter() const { return m_filter; }
    QListView *list() const { return m_list; }

private:
    QLineEdit *m_filter;
    QListView *m_list;
    QSortFilterProxyModel *m_proxy;
};

} // namespace tsg
