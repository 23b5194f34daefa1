#include "sizeedit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace tsg {

SizeEdit::SizeEdit(int minMib, int maxMib, int mib, QWidget *parent)
    : QWidget(parent), m_min(minMib), m_max(maxMib), m_number(new QSpinBox(this)), m_unit(new QComboBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_number->setObjectName(QStringLiteral("number"));
    m_number->setAccessibleName(tr("Size"));
    m_number->setMinimumWidth(100);
    m_number->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->setAccessibleName(tr("Unit"));
    m_unit->addItems({tr("MiB"), tr("GiB")});
    layout->addWidget(m_number);
    layout->addWidget(m_unit);
    layout->addStretch(1);
    setFocusProxy(m_number);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &SizeEdit::unitChanged);
    setMebibytes(mib);
}

int SizeEdit::mebibytes() const
{
    return std::clamp(m_number->value() * (m_shownUnit == 1 ? 1024 : 1), m_min, m_max);
}

void SizeEdit::setMebibytes(int mib)
{
    mib = std::clamp(mib, m_min, m_max);
    const bool gib = mib >= 1024 && mib % 1024 == 0;
    const QSignalBlocker block(m_unit);
    m_shownUnit = gib ? 1 : 0;
    m_unit->setCurrentIndex(m_shownUnit);
    m_number->setRange(gib ? std::max(1, m_min / 1024) : m_min, gib ? m_max / 1024 : m_max);
    m_number->setValue(gib ? mib / 1024 : mib);
}

void SizeEdit::unitChanged()
{
    // The same number in the other unit ("4 MiB" → "4 GiB"), as a user who picks the unit means.
    const int number = m_number->value();
    m_shownUnit = m_unit->currentIndex();
    const bool gib = m_shownUnit == 1;
    m_number->setRange(gib ? std::max(1, m_min / 1024) : m_min, gib ? m_max / 1024 : m_max);
    m_number->setValue(number);
}

} // namespace tsg
