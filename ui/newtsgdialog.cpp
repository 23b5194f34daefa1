#include "newtsgdialog.h"

#include "namerules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace tsg {

NewTsgDialog::NewTsgDialog(QWidget *parent, const QString &suggestedName) : QDialog(parent)
{
    setObjectName(QStringLiteral("newTsgDialog"));
    setWindowTitle(tr("New troubleshooting guide"));
    auto *form = new QFormLayout(this);
    m_name = new QLineEdit(suggestedName, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. VPN drops after sleep"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setFixedHeight(70);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("comma-separated, e.g. network, vpn"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->setWordWrap(true);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Tags:"), m_tags);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    connect(m_name, &QLineEdit::textChanged, this, &NewTsgDialog::validate);
    validate();
    resize(460, sizeHint().height());
}

void NewTsgDialog::validate()
{
    const auto checked = NameRules::tsgName(m_name->text());
    m_problem->setText(m_name->text().isEmpty() ? QString() : checked.errorMessage());
    m_problem->setVisible(!m_problem->text().isEmpty());
    m_create->setEnabled(checked.ok());
}

void NewTsgDialog::showError(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(true);
}

QString NewTsgDialog::name() const { return m_name->text().trimmed(); }
QString NewTsgDialog::description() const { return m_description->toPlainText().trimmed(); }

QStringList NewTsgDialog::tags() const
{
    QStringList out;
    for (const QString &t : m_tags->text().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            out << t.trimmed();
    return out;
}

} // namespace tsg
