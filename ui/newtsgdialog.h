// Creates a TSG: name, optional description and tags. The naming rules are checked as the user types
// (the message shown under the field, Create disabled); on Create the library is asked, and its
// refusal (a name that exists, a disk error) is shown inline too, with the dialog left open.
#pragma once

#include "library.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tsg {

class ProblemLabel;

class NewTsgDialog : public QDialog {
    Q_OBJECT
public:
    NewTsgDialog(Library &library, QWidget *parent = nullptr, const QString &suggestedName = {});

    QString name() const;
    QString description() const;
    QStringList tags() const;
    // After accept(): the TSG as the library stored it.
    const std::optional<TsgInfo> &created() const { return m_created; }
    QString problem() const; // what the inline message says now
    QPushButton *createButton() const { return m_create; }

private:
    void validate();
    void submit();

    Library &m_library;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QLineEdit *m_tags;
    ProblemLabel *m_problem;
    QPushButton *m_create;
    std::optional<TsgInfo> m_created;
    bool m_submitting = false;
};

} // namespace tsg
