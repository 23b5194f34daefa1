#include "newtsgdialog.h"

#include "problemlabel.h"
#include "whenfinished.h"

#include "namerules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace tsg {

NewTsgDialog::NewTsgDialog(Library &library, QWidget *parent, const QString &suggestedName)
    : QDialog(parent), m_library(library)
{
    setObjectName(QStringLiteral("newTsgDialog"));
    setWindowTitle(tr("New troubleshooting guide"));
    auto *form = new QFormLayout(this);
    m_name = new QLineEdit(suggestedName, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. VPN drops after sleep"));
    m_problem = new ProblemLabel(this);
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlaceholderText(tr("Optional: what the guide helps with"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(72);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("Optional, comma-separated: network, vpn"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Tags:"), m_tags);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("create"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTsgDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    connect(m_name, &QLineEdit::textChanged, this, &NewTsgDialog::validate);
    validate();
    resize(480, sizeHint().height());
}

QString NewTsgDialog::problem() const
{
    return m_problem->text();
}

void NewTsgDialog::validate()
{
    const auto checked = NameRules::tsgName(m_name->text());
    QString message = m_name->text().isEmpty() ? QString() : checked.errorMessage();
    // A name that exists (compared as the library does: case and normalisation folded).
    if (checked.ok())
        if (const auto existing = m_library.resolveTsg(checked.value()))
            message = tr("A TSG named '%1' already exists").arg(*existing);
    m_problem->showProblem(message);
    m_create->setEnabled(checked.ok() && message.isEmpty() && !m_submitting);
}

void NewTsgDialog::submit()
{
    if (m_submitting || !m_create->isEnabled())
        return;
    m_submitting = true;
    m_create->setEnabled(false);
    whenFinished(m_library.createTsg(name(), description(), tags()), this, [this](const Result<TsgInfo> &created) {
        m_submitting = false;
        if (created.ok()) {
            m_created = created.value();
            accept();
            return;
        }
        m_problem->showProblem(created.error().message); // e.g. created meanwhile by a browser: stays open
        m_create->setEnabled(true);
        m_name->setFocus();
        m_name->selectAll();
    });
}

QString NewTsgDialog::name() const
{
    return m_name->text().trimmed();
}
QString NewTsgDialog::description() const
{
    return m_description->toPlainText().trimmed();
}

QStringList NewTsgDialog::tags() const
{
    QStringList out;
    for (const QString &t : m_tags->text().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty() && !out.contains(t.trimmed()))
            out << t.trimmed();
    return out;
}

} // namespace tsg
