// Settings' allowed file types as a list to add to and remove from, each new entry checked by the rule the
// server reads config.json and settings:update with (ConfigStore::fileTypeProblem), instead of one long line.
#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace tsg {

class FileTypesEdit : public QWidget {
    Q_OBJECT
public:
    explicit FileTypesEdit(const QStringList &types, QWidget *parent = nullptr);

    QStringList types() const;
    // Adds what the field holds (".csv", "csv", or several: ".csv .tsv"); false, with problem() saying why, when
    // an entry is not a file type. Entries already in the list are left as they are.
    bool addFromField();
    void removeSelected();
    QString problem() const { return m_problem; }

    QListWidget *list() const { return m_list; }
    QLineEdit *field() const { return m_field; }

signals:
    void changed();
    void problemChanged(const QString &problem); // "" once the field is fine again

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setProblem(const QString &problem);

    QListWidget *m_list;
    QLineEdit *m_field;
    QPushButton *m_add;
    QPushButton *m_remove;
    QString m_problem;
};

} // namespace tsg
