#include "overwritedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tsg {

OverwriteDialog::OverwriteDialog(const QString &tsg, const QString &path, const QString &keepBothName, int remaining,
                                 QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("overwriteDialog"));
    setWindowTitle(tr("Replace file?"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(32, 32));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *text = new QLabel(tr("<b>%1</b> is in %2 already.<br><br>"
                               "<b>Replace</b> puts the new file in its place (the old one goes to the trash, from "
                               "where it can be restored).<br><b>Keep both</b> adds the new one as <b>%3</b>.<br>"
                               "<b>Skip</b> leaves the TSG's file as it is and does not upload this one.")
                                .arg(path.toHtmlEscaped(), tsg.toHtmlEscaped(), keepBothName.toHtmlEscaped()),
                            this);
    text->setObjectName(QStringLiteral("question"));
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(text, 1);
    layout->addLayout(top);
    m_applyToAll =
        new QCheckBox(remaining == 1 ? tr("Do the same for the other file that would replace one")
                                     : tr("Do the same for the other %1 files that would replace one").arg(remaining),
                      this);
    m_applyToAll->setObjectName(QStringLiteral("applyToAll"));
    m_applyToAll->setVisible(remaining > 0);
    layout->addWidget(m_applyToAll);
    auto *buttons = new QDialogButtonBox(this);
    m_replace = buttons->addButton(tr("&Replace"), QDialogButtonBox::AcceptRole);
    m_keepBoth = buttons->addButton(tr("&Keep both"), QDialogButtonBox::AcceptRole);
    m_skip = buttons->addButton(tr("&Skip"), QDialogButtonBox::AcceptRole);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setToolTip(tr("Upload nothing"));
    m_replace->setObjectName(QStringLiteral("replace"));
    m_keepBoth->setObjectName(QStringLiteral("keepBoth"));
    m_skip->setObjectName(QStringLiteral("skip"));
    m_keepBoth->setDefault(true); // the choice that loses nothing
    const auto answerWith = [this](Choice c) {
        m_answer = {.choice = c, .applyToAll = m_applyToAll->isVisible() && m_applyToAll->isChecked()};
        accept();
    };
    connect(m_replace, &QPushButton::clicked, this, [answerWith] { answerWith(Choice::Replace); });
    connect(m_keepBoth, &QPushButton::clicked, this, [answerWith] { answerWith(Choice::KeepBoth); });
    connect(m_skip, &QPushButton::clicked, this, [answerWith] { answerWith(Choice::Skip); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

QPushButton *OverwriteDialog::button(Choice choice) const
{
    switch (choice) {
    case Choice::Replace: return m_replace;
    case Choice::KeepBoth: return m_keepBoth;
    case Choice::Skip: return m_skip;
    case Choice::Cancel: break;
    }
    return nullptr;
}

OverwriteDialog::Answer OverwriteDialog::ask(QWidget *parent, const QString &tsg, const QString &path,
                                             const QString &keepBothName, int remaining)
{
    OverwriteDialog dialog(tsg, path, keepBothName, remaining, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.answer();
}

} // namespace tsg
