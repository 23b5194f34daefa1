#include "confirm.h"

#include <QMessageBox>

namespace tsg {

std::function<bool(const QString &title, const QString &text)> yesCancelConfirm(QWidget *parent)
{
    return [parent](const QString &title, const QString &text) {
        return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
}

} // namespace tsg
