#include "emptystateoverlay.h"

#include <QEvent>

namespace tsg {

EmptyStateOverlay::EmptyStateOverlay(QWidget *view) : QLabel(view)
{
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setContentsMargins(24, 24, 24, 24);
    setAttribute(Qt::WA_TransparentForMouseEvents); // clicks, drags and drops reach the view
    setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); background: transparent; }"));
    setGeometry(view->rect());
    view->installEventFilter(this);
    hide();
}

void EmptyStateOverlay::setMessage(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
    if (!message.isEmpty())
        raise();
}

bool EmptyStateOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parent() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QLabel::eventFilter(watched, event);
}

} // namespace tsg
