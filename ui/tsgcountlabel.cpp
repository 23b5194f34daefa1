#include "tsgcountlabel.h"

#include "format.h"

#include <QAbstractItemModel>

namespace tsg {

TsgCountLabel::TsgCountLabel(QAbstractItemModel *all, QAbstractItemModel *shown, QWidget *parent)
    : QLabel(parent), m_all(all), m_shown(shown)
{
    setObjectName(QStringLiteral("tsgCount"));
    setForegroundRole(QPalette::PlaceholderText);
    for (QAbstractItemModel *model : {all, shown}) {
        connect(model, &QAbstractItemModel::modelReset, this, &TsgCountLabel::update);
        connect(model, &QAbstractItemModel::rowsInserted, this, &TsgCountLabel::update);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &TsgCountLabel::update);
        connect(model, &QAbstractItemModel::layoutChanged, this, &TsgCountLabel::update);
    }
    update();
}

void TsgCountLabel::update()
{
    const int all = m_all->rowCount();
    const int shown = m_shown->rowCount();
    setText(shown == all ? Format::count(all, QStringLiteral("TSG"), QStringLiteral("TSGs"))
                         : tr("%1 of %2").arg(shown).arg(all));
    setToolTip(shown == all ? QString() : tr("The filter shows %1 of %2 TSGs").arg(shown).arg(all));
}

} // namespace tsg
