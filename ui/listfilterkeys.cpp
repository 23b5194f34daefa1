#include "listfilterkeys.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QLineEdit>

namespace tsg {

ListFilterKeys::ListFilterKeys(QLineEdit *field, QAbstractItemView *list) : QObject(field), m_field(field), m_list(list)
{
    field->installEventFilter(this);
}

bool ListFilterKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_field || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() & ~Qt::KeypadModifier)
        return false;
    if (key->key() == Qt::Key_Escape) {
        if (m_field->text().isEmpty())
            return false; // nothing to clear: Escape does what it would do elsewhere
        if (event->type() == QEvent::ShortcutOverride) {
            event->accept(); // ours, not a window shortcut's
            return true;
        }
        m_field->clear();
        return true;
    }
    const bool down = key->key() == Qt::Key_Down;
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (event->type() != QEvent::KeyPress || (!down && !enter))
        return false;
    QAbstractItemModel *model = m_list->model();
    if (!model || model->rowCount() == 0)
        return false;
    const QModelIndexList selected = m_list->selectionModel()->selectedRows();
    const QModelIndex target = selected.isEmpty() ? model->index(0, 0) : selected.first();
    if (selected.isEmpty())
        m_list->selectionModel()->select(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_list->selectionModel()->setCurrentIndex(target, QItemSelectionModel::NoUpdate);
    m_list->scrollTo(target);
    m_list->setFocus(Qt::TabFocusReason);
    return true;
}

} // namespace tsg
