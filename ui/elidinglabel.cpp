#include "elidinglabel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace tsg {

ElidingLabel::ElidingLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidingLabel::setHintChars(int chars)
{
    m_hintChars = chars;
    updateGeometry();
}

QSize ElidingLabel::sizeHint() const
{
    const QSize whole = QLabel::sizeHint();
    if (m_hintChars <= 0)
        return whole;
    const QMargins m = contentsMargins();
    return {fontMetrics().averageCharWidth() * m_hintChars + m.left() + m.right(), whole.height()};
}

QSize ElidingLabel::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    const int w = fontMetrics().horizontalAdvance(QStringLiteral("Mmmm…")) + m.left() + m.right();
    return {std::min(w, QLabel::minimumSizeHint().width()), QLabel::minimumSizeHint().height()};
}

bool ElidingLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

bool ElidingLabel::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && toolTip().isEmpty() && isElided()) {
        QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), text(), this);
        return true;
    }
    return QLabel::event(event);
}

void ElidingLabel::paintEvent(QPaintEvent *event)
{
    if (!pixmap().isNull() || !isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter p(this);
    const QRect r = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, r.width());
    style()->drawItemText(&p, r, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

} // namespace tsg
