// Edits a duration kept in hours (config.json's unit) as days and hours, so that a week reads "7 days 0 hours"
// rather than "168 hours".
#pragma once

#include <QWidget>

class QSpinBox;

namespace tsg {

class DurationEdit : public QWidget {
    Q_OBJECT
public:
    // minHours..maxHours: the range config.json takes.
    DurationEdit(int minHours, int maxHours, int hours, QWidget *parent = nullptr);

    int hours() const;
    void setHours(int hours);
    QSpinBox *daysBox() const { return m_days; }
    QSpinBox *hoursBox() const { return m_hours; }

signals:
    void changed(int hours);

private:
    void updateSuffixes(); // "1 day", "2 days"
    void clamp();          // keeps the total within the range (a day of 24 hours is carried into the days)

    int m_min, m_max;
    QSpinBox *m_days;
    QSpinBox *m_hours;
};

} // namespace tsg
