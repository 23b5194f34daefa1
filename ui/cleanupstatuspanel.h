// Cleanup at a glance: on or off, the last run and what it removed, the next run, "Run now", and the
// last run's errors (a warning icon, the errors in the tooltip and on click).
#pragma once

#include "library.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace tsg {

class CleanupStatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit CleanupStatusPanel(Library &library, QWidget *parent = nullptr);

    void showStatus(const CleanupStatus &status);
    void runNow();
    static QString describe(const CleanupReport &report); // "2 sessions, 1 deleted TSG (3.1 MB)"

private:
    Library &m_library;
    QLabel *m_label;
    QToolButton *m_errors;
    QPushButton *m_run;
};

} // namespace tsg
