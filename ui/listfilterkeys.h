// The keys of a filter field above a list: Escape clears the filter, Down and Enter go into the list (to its
// selected row, or the first one), so the keyboard moves from typing to choosing without the mouse.
#pragma once

#include <QObject>

class QAbstractItemView;
class QLineEdit;

namespace tsg {

class ListFilterKeys : public QObject {
    Q_OBJECT
public:
    // Watches `field` (its parent); neither is owned.
    ListFilterKeys(QLineEdit *field, QAbstractItemView *list);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_field;
    QAbstractItemView *m_list;
};

} // namespace tsg
