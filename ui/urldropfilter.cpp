#include "urldropfilter.h"

#include "uploadplan.h"

#include <QDropEvent>
#include <QMimeData>
#include <QWidget>

namespace tsg {

namespace {
bool hasLocalFiles(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            return true;
    return false;
}
} // namespace

UrlDropFilter::UrlDropFilter(QWidget *widget) : QObject(widget)
{
    widget->setAcceptDrops(true);
    widget->installEventFilter(this);
}

bool UrlDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *e = static_cast<QDragMoveEvent *>(event);
        if (!hasLocalFiles(e->mimeData()))
            return false;
        e->setDropAction(Qt::CopyAction);
        e->accept();
        return true;
    }
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        if (!hasLocalFiles(e->mimeData()))
            return false;
        e->setDropAction(Qt::CopyAction);
        e->accept();
        emit dropped(e->position().toPoint(), UploadPlan::localPaths(e->mimeData()->urls()));
        return true;
    }
    default: return QObject::eventFilter(watched, event);
    }
}

} // namespace tsg
