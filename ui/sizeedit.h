// Edits a size kept in MiB (config.json's unit) as a number and a unit, MiB or GiB, so that large limits read
// "4 GiB" rather than "4096 MiB".
#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace tsg {

class SizeEdit : public QWidget {
    Q_OBJECT
public:
    // minMib..maxMib: the range config.json takes.
    SizeEdit(int minMib, int maxMib, int mib, QWidget *parent = nullptr);

    int mebibytes() const;
    void setMebibytes(int mib); // shown in GiB when it is whole GiB
    QSpinBox *numberBox() const { return m_number; }
    QComboBox *unitBox() const { return m_unit; }

private:
    void unitChanged();

    int m_min, m_max;
    QSpinBox *m_number;
    QComboBox *m_unit;
    int m_shownUnit = 0; // the unit the number is in: 0 MiB, 1 GiB
};

} // namespace tsg
