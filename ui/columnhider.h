// Hides a view's less important columns when it is too narrow for them, so that a narrow window still shows whole
// names instead of every column squeezed; they come back, at the widths they had, when there is room again.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>

class QAbstractItemView;
class QHeaderView;
class QWidget;

namespace tsg {

class ColumnHider : public QObject {
    Q_OBJECT
public:
    // `header` belongs to `view` (not owned; the hider is the view's child). `stretch` is the column that takes the
    // room (at least `stretchMin` pixels of it); `hideFirst` are the others, the first to go first.
    ColumnHider(QAbstractItemView *view, QHeaderView *header, int stretch, int stretchMin, QList<int> hideFirst);

    void update(); // at the view's present width; called on every resize of it

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_viewport; // the view's, whose resizes are watched
    QHeaderView *m_header;
    int m_stretch;
    int m_stretchMin;
    QList<int> m_hideFirst;
    QHash<int, int> m_widths; // each column's width when it last showed
    bool m_updating = false;
};

} // namespace tsg
