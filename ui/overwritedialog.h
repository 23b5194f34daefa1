// The question before an upload from the window replaces a file of the TSG: Replace, Keep both (the new one as
// "README (2).md") or Skip, with "Apply to all" for the files still to be asked about. Nothing is replaced
// silently, and the old version of a replaced file goes to the trash.
#pragma once

#include <QDialog>

class QCheckBox;
class QPushButton;

namespace tsg {

class OverwriteDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Replace, KeepBoth, Skip, Cancel };
    struct Answer {
        Choice choice = Choice::Cancel;
        bool applyToAll = false;
    };

    // `path`: the file in the TSG; `keepBothName`: what Keep both would call the new one; `remaining`: the other
    // files that would replace one (Apply to all shows when there are any).
    OverwriteDialog(const QString &tsg, const QString &path, const QString &keepBothName, int remaining,
                    QWidget *parent = nullptr);

    Answer answer() const { return m_answer; }
    QPushButton *button(Choice choice) const;
    QCheckBox *applyToAllBox() const { return m_applyToAll; }

    // Asks modally; Cancel when the dialog is closed.
    static Answer ask(QWidget *parent, const QString &tsg, const QString &path, const QString &keepBothName,
                      int remaining);

private:
    Answer m_answer;
    QCheckBox *m_applyToAll;
    QPushButton *m_replace;
    QPushButton *m_keepBoth;
    QPushButton *m_skip;
};

} // namespace tsg
