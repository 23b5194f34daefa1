#include "imageview.h"

#include <QPainter>

namespace tsg {

ImageView::ImageView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("imageView"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void ImageView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

QRect ImageView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect area = rect().adjusted(8, 8, -8, -8);
    QSize size = m_image.size();
    if (size.width() > area.width() || size.height() > area.height())
        size.scale(area.size(), Qt::KeepAspectRatio);
    QRect r(QPoint(), size);
    r.moveCenter(area.center());
    return r;
}

void ImageView::paintEvent(QPaintEvent *)
{
    if (m_image.isNull())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(imageRect(), m_image);
}

} // namespace tsg
