#include "tsgdetailspanel.h"

#include "format.h"
#include "problemlabel.h"
#include "tsglistmodel.h"
#include "whenfinished.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QStringListModel>
#include <QVBoxLayout>

namespace tsg {

namespace {

QString joinTags(const QStringList &tags)
{
    return tags.join(QStringLiteral(", "));
}

} // namespace

TsgDetailsPanel::TsgDetailsPanel(Library &library, QWidget *parent)
    : QWidget(parent), m_library(library), m_name(new QLineEdit(this)), m_problem(new ProblemLabel(this)),
      m_description(new QPlainTextEdit(this)), m_tags(new QLineEdit(this)), m_info(new QLabel(this)),
      m_completer(new QCompleter(this)), m_tagModel(new QStringListModel(this))
{
    setObjectName(QStringLiteral("tsgDetails"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);

    m_name->setObjectName(QStringLiteral("detailsName"));
    QFont title = m_name->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_name->setFont(title);
    m_name->setPlaceholderText(tr("No TSG selected"));
    m_name->setToolTip(tr("Rename (F2): type the new name and press Enter; Escape keeps the old one"));
    m_name->installEventFilter(this);
    connect(m_name, &QLineEdit::editingFinished, this, &TsgDetailsPanel::commitName);

    m_description->setObjectName(QStringLiteral("detailsDescription"));
    m_description->setPlaceholderText(tr("What this TSG is for. Saved when you leave the field or press Ctrl+Enter."));
    m_description->setTabChangesFocus(true);
    m_description->installEventFilter(this);
    const int line = m_description->fontMetrics().lineSpacing();
    m_description->setMinimumHeight(line * 3 + 12);
    m_description->setMaximumHeight(line * 6 + 12);

    m_tags->setObjectName(QStringLiteral("detailsTags"));
    m_tags->setPlaceholderText(tr("Comma-separated: vpn, network"));
    m_tags->setToolTip(tr("Tags, comma-separated; the ones in use are offered as you type. Saved on Enter or when "
                          "you leave the field."));
    m_tags->installEventFilter(this);
    connect(m_tags, &QLineEdit::editingFinished, this, [this] {
        if (!m_completer->popup()->isVisible())
            commitTags();
    });
    connect(m_tags, &QLineEdit::textEdited, this, &TsgDetailsPanel::updateCompletion);
    m_completer->setModel(m_tagModel);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_tags); // not setCompleter: it completes the last tag, not the whole line
    m_completer->popup()->setObjectName(QStringLiteral("tagCompletions"));
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &TsgDetailsPanel::insertCompletion);

    m_info->setObjectName(QStringLiteral("detailsInfo"));
    m_info->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_info->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Ta&gs:"), m_tags);
    layout->addLayout(form);
    layout->addWidget(m_info);
    layout->addStretch(1);

    // Queued: the library emits on its worker threads.
    connect(&library, &Library::tsgsChanged, this, &TsgDetailsPanel::refresh, Qt::QueuedConnection);
    connect(&library, &Library::tsgMetadataChanged, this, &TsgDetailsPanel::refresh, Qt::QueuedConnection);
    connect(
        &library, &Library::tsgRenamed, this,
        [this](const QString &oldName, const QString &newName) {
            if (oldName == m_tsg) {
                m_tsg = newName;
                refresh();
            }
        },
        Qt::QueuedConnection);
    showTsg({});
}

std::optional<TsgInfo> TsgDetailsPanel::lookUp(const QString &name) const
{
    if (name.isEmpty())
        return std::nullopt;
    const QList<TsgInfo> tsgs = m_library.tsgs();
    for (const TsgInfo &t : tsgs)
        if (t.name == name)
            return t;
    return std::nullopt;
}

void TsgDetailsPanel::showTsg(const QString &name)
{
    if (name == m_tsg && !name.isEmpty()) {
        refresh();
        return;
    }
    if (!m_tsg.isEmpty() && lookUp(m_tsg)) { // what was typed for the one shown before is not lost
        commitDescription();
        commitTags();
    }
    m_tsg = name;
    m_problem->showProblem({});
    const std::optional<TsgInfo> info = lookUp(name);
    m_shown = info.value_or(TsgInfo{});
    m_name->setText(m_shown.name);
    m_description->setPlainText(m_shown.description);
    m_tags->setText(joinTags(m_shown.tags));
    for (QWidget *w :
         {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_description), static_cast<QWidget *>(m_tags)})
        w->setEnabled(info.has_value());
    refresh();
}

void TsgDetailsPanel::refresh()
{
    const std::optional<TsgInfo> info = lookUp(m_tsg);
    if (!info) {
        m_info->setText(m_tsg.isEmpty() ? tr("Select a TSG to see and edit its name, description and tags.")
                                        : QString());
        return;
    }
    // A field keeps what the user typed (it differs from what it showed); the others follow the library.
    if (m_name->text() == m_shown.name)
        m_name->setText(info->name);
    if (m_description->toPlainText() == m_shown.description && info->description != m_shown.description)
        m_description->setPlainText(info->description);
    if (parseTags(m_tags->text()) == m_shown.tags && info->tags != m_shown.tags)
        m_tags->setText(joinTags(info->tags));
    m_shown = *info;
    m_info->setText(tr("%1, %2 · created %3 · updated %4")
                        .arg(Format::count(info->fileCount, QStringLiteral("file"), QStringLiteral("files")),
                             Format::size(info->size), Format::time(info->createdAt), Format::time(info->updatedAt)));
}

void TsgDetailsPanel::startRename()
{
    if (m_tsg.isEmpty())
        return;
    m_name->setFocus(Qt::ShortcutFocusReason);
    m_name->selectAll();
}

QStringList TsgDetailsPanel::parseTags(const QString &text)
{
    QStringList tags;
    QSet<QString> seen;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !seen.contains(tag.toCaseFolded())) {
            seen.insert(tag.toCaseFolded());
            tags << tag;
        }
    }
    return tags;
}

void TsgDetailsPanel::commitName()
{
    const QString wanted = m_name->text().trimmed();
    if (m_tsg.isEmpty() || wanted == m_shown.name)
        return;
    save({.newName = wanted}, tr("Renamed %1 to %2").arg(m_tsg, wanted));
}

void TsgDetailsPanel::commitDescription()
{
    const QString text = m_description->toPlainText();
    if (m_tsg.isEmpty() || text == m_shown.description)
        return;
    save({.description = text}, tr("Saved the description of %1").arg(m_tsg));
}

void TsgDetailsPanel::commitTags()
{
    const QStringList tags = parseTags(m_tags->text());
    if (m_tsg.isEmpty() || tags == m_shown.tags)
        return;
    save({.tags = tags}, tr("Saved the tags of %1").arg(m_tsg));
}

void TsgDetailsPanel::save(const TsgUpdate &change, const QString &what)
{
    ++m_saving;
    const QString name = m_tsg;
    whenFinished(m_library.updateTsg(name, change), this,
                 [this, name, change, what](const Result<TsgUpdated> &updated) {
                     --m_saving;
                     if (!updated.ok()) {
                         // Inline, where the user typed; the field keeps the text so that it can be corrected (Escape
                         // reverts).
                         m_problem->showProblem(updated.error().message);
                         return;
                     }
                     m_problem->showProblem({});
                     const TsgInfo &now = updated.value().tsg;
                     if (m_tsg == name || m_tsg == now.name) {
                         m_tsg = now.name;
                         if (change.newName)
                             m_name->setText(now.name); // as stored (trimmed, normalised)
                         if (change.tags && parseTags(m_tags->text()) == now.tags)
                             m_tags->setText(joinTags(now.tags)); // tidied: "a,,b , a" shows as "a, b"
                         m_shown.name = now.name;
                         if (change.description)
                             m_shown.description = now.description;
                         if (change.tags)
                             m_shown.tags = now.tags;
                         refresh();
                     }
                     if (updated.value().renamed())
                         emit renamed(updated.value().previousName, now.name);
                     emit message(true, what.isEmpty() ? QString() : what);
                 });
}

void TsgDetailsPanel::revert(QWidget *field)
{
    m_problem->showProblem({});
    if (field == m_name)
        m_name->setText(m_shown.name);
    else if (field == m_description)
        m_description->setPlainText(m_shown.description);
    else if (field == m_tags)
        m_tags->setText(joinTags(m_shown.tags));
}

bool TsgDetailsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (watched == m_description && enter && key->modifiers().testFlag(Qt::ControlModifier)) {
            commitDescription();
            return true;
        }
        if (key->key() == Qt::Key_Escape && (watched == m_name || watched == m_description || watched == m_tags)) {
            revert(static_cast<QWidget *>(watched));
            return true;
        }
    } else if (event->type() == QEvent::FocusOut && watched == m_description) {
        if (static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason)
            commitDescription();
    }
    return QWidget::eventFilter(watched, event);
}

void TsgDetailsPanel::updateCompletion()
{
    const QString text = m_tags->text().left(m_tags->cursorPosition());
    const QString prefix = text.section(u',', -1).trimmed();
    if (prefix.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    // The tags in use, less the ones this TSG already has in the field.
    QStringList offered = TsgListModel::tagsInUse(m_library.tsgs());
    const QStringList typed = parseTags(text.section(u',', 0, -2));
    offered.removeIf([&](const QString &t) { return typed.contains(t, Qt::CaseInsensitive); });
    m_tagModel->setStringList(offered);
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void TsgDetailsPanel::insertCompletion(const QString &tag)
{
    // The tag being typed (up to the cursor) becomes the chosen one; what followed the cursor stays.
    const int cursor = m_tags->cursorPosition();
    const QString before = m_tags->text().left(cursor);
    const QString after = m_tags->text().mid(cursor);
    const qsizetype start = before.lastIndexOf(u',') + 1;
    QString head = before.left(start);
    if (start > 0)
        head += u' ';
    const QString inserted = head + tag + QStringLiteral(", ");
    m_tags->setText(inserted + after.section(u',', 1).trimmed());
    m_tags->setCursorPosition(int(inserted.size()));
}

} // namespace tsg
