// How many TSGs there are, beside the list's filter: "500 TSGs", or "12 of 500" while the filter hides some, so that
// a long list says how long it is and a filter says how much it left.
#pragma once

#include <QLabel>

class QAbstractItemModel;

namespace tsg {

class TsgCountLabel : public QLabel {
    Q_OBJECT
public:
    // all: every TSG; shown: what the filter leaves of them (a proxy of `all`). Neither is owned.
    TsgCountLabel(QAbstractItemModel *all, QAbstractItemModel *shown, QWidget *parent = nullptr);

private:
    void update();

    QAbstractItemModel *m_all;
    QAbstractItemModel *m_shown;
};

} // namespace tsg
