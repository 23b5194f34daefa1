// Asks for a new TSG's name, description and tags; the naming rules are checked as the user types,
// and the library's own refusal (a name that exists) is shown inline too.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tsg {

class NewTsgDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewTsgDialog(QWidget *parent = nullptr, const QString &suggestedName = {});
    QString name() const;
    QString description() const;
    QStringList tags() const;
    void showError(const QString &message);

private:
    void validate();

    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QLineEdit *m_tags;
    QLabel *m_problem;
    QPushButton *m_create;
};

} // namespace tsg
