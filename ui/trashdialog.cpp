#include "trashdialog.h"

#include "confirm.h"
#include "format.h"
#include "problemlabel.h"
#include "whenfinished.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tsg {

namespace {
constexpr int IdRole = Qt::UserRole;
} // namespace

TrashDialog::TrashDialog(Library &library, QWidget *parent) : QDialog(parent), m_library(library)
{
    setObjectName(QStringLiteral("trashDialog"));
    confirm = yesCancelConfirm(this);
    setWindowTitle(tr("Trash"));
    auto *layout = new QVBoxLayout(this);
    const int hours = library.config().tsg.cleanupAgeHours;
    m_hint = new QLabel(library.config().tsg.autoCleanupEnabled
                            ? tr("Deleted TSGs and files stay here for %1; then cleanup removes them for good.")
                                  .arg(Format::hours(hours))
                            : tr("Deleted TSGs and files stay here until automatic cleanup is turned on in Settings."),
                        this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("trashList"));
    m_list->setHeaderLabels(
        {tr("TSG or file"), tr("What"), tr("Deleted"), tr("Files"), tr("Size"), tr("Removed for good")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    for (int c = 1; c < 6; ++c)
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);
    auto *form = new QFormLayout;
    m_newName = new QLineEdit(this);
    m_newName->setObjectName(QStringLiteral("newName"));
    m_newName->setPlaceholderText(tr("Optional: a new name for a TSG, or for a file the TSG to put it in"));
    form->addRow(tr("Restore &as:"), m_newName);
    layout->addLayout(form);
    m_problem = new ProblemLabel(this);
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(QStringLiteral("restore"));
    m_restore->setIcon(QIcon(QStringLiteral(":/icons/restore.svg")));
    m_purge = buttons->addButton(tr("Delete forever"), QDialogButtonBox::ActionRole);
    m_purge->setObjectName(QStringLiteral("deleteForever"));
    m_purge->setIcon(QIcon(QStringLiteral(":/icons/delete.svg")));
    m_purge->setToolTip(tr("Remove the selected entry now; it cannot be restored afterwards"));
    m_empty = buttons->addButton(tr("Empty trash"), QDialogButtonBox::ActionRole);
    m_empty->setObjectName(QStringLiteral("emptyTrash"));
    m_empty->setToolTip(tr("Remove everything in the trash now; nothing can be restored afterwards"));
    connect(m_purge, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_list->currentItem())
            purge(item->data(0, IdRole).toString(), item->text(0));
    });
    connect(m_empty, &QPushButton::clicked, this, [this] { purge({}, {}); });
    connect(buttons, &QDialogButtonBox::accepted, this, &TrashDialog::restoreSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &TrashDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &TrashDialog::restoreSelected);
    layout->addWidget(buttons);
    resize(820, 400);
    updateButtons();
    load();
}

void TrashDialog::load()
{
    const Config config = m_library.config();
    whenFinished(m_library.trash(), this, [this, config](const Result<QList<TrashEntry>> &entries) {
        m_loaded = true;
        const QString current = m_list->currentItem() ? m_list->currentItem()->data(0, IdRole).toString() : QString();
        m_list->clear();
        if (!entries.ok()) {
            m_problem->showProblem(entries.error().message);
            return;
        }
        // Deleted TSGs, and files deleted from a TSG or replaced by an upload (a file goes back to its path,
        // which must be free).
        QList<TrashEntry> tsgs = entries.value();
        std::sort(tsgs.begin(), tsgs.end(),
                  [](const TrashEntry &a, const TrashEntry &b) { return a.deletedAt > b.deletedAt; });
        for (const TrashEntry &e : std::as_const(tsgs)) {
            const QDateTime purgeAt = e.deletedAt.addSecs(qint64(config.tsg.cleanupAgeHours) * 3600);
            const QString purge =
                config.tsg.autoCleanupEnabled ? Format::time(purgeAt) : tr("not while cleanup is off");
            const bool file = e.kind == TrashEntry::Kind::File;
            const QString what = !file                   ? tr("Deleted TSG")
                : e.cause == TrashEntry::Cause::Replaced ? tr("Replaced file")
                : e.folder                               ? tr("Deleted folder")
                                                         : tr("Deleted file");
            auto *item = new QTreeWidgetItem(m_list,
                                             {file ? QStringLiteral("%1 › %2").arg(e.tsgName, e.path) : e.tsgName, what,
                                              Format::time(e.deletedAt), QString::number(e.fileCount),
                                              Format::size(e.size), purge});
            item->setData(0, IdRole, e.id);
            item->setIcon(0,
                          !file          ? QIcon(QStringLiteral(":/icons/tsg.svg"))
                              : e.folder ? QIcon(QStringLiteral(":/icons/folder.svg"))
                                         : m_icons.forFile(e.path));
            if (file)
                item->setToolTip(0,
                                 e.cause == TrashEntry::Cause::Replaced
                                     ? tr("The version of %1 in %2 that an upload replaced: restoring it needs its "
                                          "place free (delete or rename the newer one first)")
                                           .arg(e.path, e.tsgName)
                                     : tr("%1 of %2: it goes back to its place in the TSG").arg(e.path, e.tsgName));
            item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
            if (e.id == current)
                m_list->setCurrentItem(item);
        }
        if (tsgs.isEmpty())
            m_hint->setText(tr("The trash is empty: no deleted TSGs, deleted files or replaced files."));
        else if (!m_list->currentItem())
            m_list->setCurrentItem(m_list->topLevelItem(0));
        updateButtons();
    });
}

void TrashDialog::updateButtons()
{
    m_restore->setEnabled(!m_busy && m_list->currentItem() != nullptr);
    m_purge->setEnabled(!m_busy && m_list->currentItem() != nullptr);
    m_empty->setEnabled(!m_busy && m_list->topLevelItemCount() > 0);
}

void TrashDialog::purge(const QString &id, const QString &what)
{
    if (m_busy)
        return;
    const QString question = id.isEmpty()
        ? tr("Remove everything in the trash (%1) for good? It cannot be restored afterwards.")
              .arg(Format::count(m_list->topLevelItemCount(), QStringLiteral("entry"), QStringLiteral("entries")))
        : tr("Remove \"%1\" from the trash for good? It cannot be restored afterwards.").arg(what);
    if (confirm && !confirm(id.isEmpty() ? tr("Empty trash") : tr("Delete forever"), question))
        return;
    m_busy = true;
    updateButtons();
    whenFinished(m_library.purgeTrash(id), this, [this](const Result<Trash::Purged> &purged) {
        m_busy = false;
        if (!purged.ok())
            m_problem->showProblem(purged.error().message);
        else
            m_problem->showProblem({});
        load();
    });
}

void TrashDialog::restoreSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item || m_busy)
        return;
    m_busy = true;
    updateButtons();
    whenFinished(m_library.restoreTsg(item->data(0, IdRole).toString(), m_newName->text().trimmed()), this,
                 [this](const Result<TsgInfo> &restored) {
                     m_busy = false;
                     if (restored.ok()) {
                         m_restored = restored.value();
                         accept();
                         return;
                     }
                     m_problem->showProblem(restored.error().message);
                     updateButtons();
                 });
}

} // namespace tsg
