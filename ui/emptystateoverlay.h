// A line of guidance laid over an empty view ("No TSGs yet. Create one with Ctrl+N…"): centred in the view,
// passing clicks and drops through to it, and gone as soon as there is something to show. Says what to do where
// a blank area would say nothing, without a message box.
#pragma once

#include <QLabel>

namespace tsg {

class EmptyStateOverlay : public QLabel {
    Q_OBJECT
public:
    // Lies over `view` (a scroll area's viewport, usually) and follows its size.
    explicit EmptyStateOverlay(QWidget *view);

    // Shows `message` (rich text allowed); an empty one hides the overlay.
    void setMessage(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace tsg
