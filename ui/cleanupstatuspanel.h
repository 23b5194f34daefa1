// Cleanup at a glance: on or off, the last run and what it removed, the next run, "Run now", and the
// last run's errors (a warning icon, the errors in the tooltip and on click). Narrow, the text is cut with "…" and
// the button shows only its icon.
#pragma once

#include "library.h"

#include <QWidget>

class QPushButton;
class QToolButton;

namespace tsg {

class ElidingLabel;

class CleanupStatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit CleanupStatusPanel(Library &library, QWidget *parent = nullptr);

    void showStatus(const CleanupStatus &status);
    void runNow();
    static QString describe(const CleanupReport &report); // "2 sessions, 1 deleted TSG (3.1 MB)"

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    Library &m_library;
    ElidingLabel *m_label;
    QToolButton *m_errors;
    QPushButton *m_run;
};

} // namespace tsg
