// Turns drags of local files and folders (text/uri-list from a file manager) over a widget into one
// signal with the drop position and the paths: accepts the drag, shows the copy cursor, and leaves
// every other drag (and every other event) to the widget.
#pragma once

#include <QObject>
#include <QPoint>
#include <QStringList>

namespace tsg {

class UrlDropFilter : public QObject {
    Q_OBJECT
public:
    // Watches `widget` (for item views: their viewport) and accepts drops on it.
    explicit UrlDropFilter(QWidget *widget);

signals:
    void dropped(const QPoint &pos, const QStringList &localPaths);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace tsg
