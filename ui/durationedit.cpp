#include "durationedit.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace tsg {

DurationEdit::DurationEdit(int minHours, int maxHours, int hours, QWidget *parent)
    : QWidget(parent), m_min(minHours), m_max(maxHours), m_days(new QSpinBox(this)), m_hours(new QSpinBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_days->setRange(0, maxHours / 24);
    m_days->setSuffix(tr(" days"));
    m_days->setAccessibleName(tr("Days"));
    m_days->setObjectName(QStringLiteral("days"));
    m_hours->setRange(-1, 24); // one step past either end carries into the days
    m_hours->setSuffix(tr(" hours"));
    m_hours->setAccessibleName(tr("Hours"));
    m_hours->setObjectName(QStringLiteral("hours"));
    for (QSpinBox *box : {m_days, m_hours}) {
        box->setMinimumWidth(100);
        box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        layout->addWidget(box);
        connect(box, &QSpinBox::valueChanged, this, [this] {
            clamp();
            updateSuffixes();
            emit changed(this->hours());
        });
    }
    layout->addStretch(1);
    setFocusProxy(m_days);
    setHours(hours);
    updateSuffixes();
}

void DurationEdit::updateSuffixes()
{
    m_days->setSuffix(m_days->value() == 1 ? tr(" day") : tr(" days"));
    m_hours->setSuffix(m_hours->value() == 1 ? tr(" hour") : tr(" hours"));
}

int DurationEdit::hours() const
{
    return m_days->value() * 24 + m_hours->value();
}

void DurationEdit::setHours(int hours)
{
    hours = std::clamp(hours, m_min, m_max);
    const QSignalBlocker days(m_days), rest(m_hours);
    m_days->setValue(hours / 24);
    m_hours->setValue(hours % 24);
    updateSuffixes();
}

void DurationEdit::clamp()
{
    const int total = std::clamp(hours(), m_min, m_max);
    if (total != hours() || m_hours->value() < 0 || m_hours->value() > 23)
        setHours(total);
}

} // namespace tsg
