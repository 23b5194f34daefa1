#include "trashdialog.h"

#include "problemlabel.h"
#include "whenfinished.h"

#include "format.h"

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
    setWindowTitle(tr("Restore from trash"));
    auto *layout = new QVBoxLayout(this);
    const int hours = library.config().tsg.cleanupAgeHours;
    m_hint = new QLabel(library.config().tsg.autoCleanupEnabled
                            ? tr("Deleted TSGs and files stay here for %1; then cleanup removes them for good.")
                                  .arg(Format::count(hours, QStringLiteral("hour"), QStringLiteral("hours")))
                            : tr("Deleted TSGs and files stay here until automatic cleanup is turned on in Settings."),
                        this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("trashList"));
    m_list->setHeaderLabels({tr("TSG or file"), tr("Deleted"), tr("Files"), tr("Size"), tr("Removed for good")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    for (int c = 1; c < 5; ++c)
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
    connect(buttons, &QDialogButtonBox::accepted, this, &TrashDialog::restoreSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &TrashDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &TrashDialog::restoreSelected);
    layout->addWidget(buttons);
    resize(720, 380);
    updateButtons();
    load();
}

void TrashDialog::load()
{
    const Config config = m_library.config();
    whenFinished(m_library.trash(), this, [this, config](const Result<QList<TrashEntry>> &entries) {
        m_loaded = true;
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
            const QString purge = config.tsg.autoCleanupEnabled
                ? Format::relative(e.deletedAt.addSecs(qint64(config.tsg.cleanupAgeHours) * 3600))
                : tr("not while cleanup is off");
            const bool file = e.kind == TrashEntry::Kind::File;
            auto *item = new QTreeWidgetItem(m_list,
                                             {file ? QStringLiteral("%1 › %2").arg(e.tsgName, e.path) : e.tsgName,
                                              Format::time(e.deletedAt), QString::number(e.fileCount),
                                              Format::size(e.size), purge});
            item->setData(0, IdRole, e.id);
            item->setIcon(0, file ? m_icons.forFile(e.path) : QIcon(QStringLiteral(":/icons/tsg.svg")));
            if (file)
                item->setToolTip(0,
                                 tr("The file %1 of %2: it goes back to its place in the TSG").arg(e.path, e.tsgName));
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        }
        if (tsgs.isEmpty())
            m_hint->setText(tr("The trash holds no deleted TSGs or files."));
        else if (!m_list->currentItem())
            m_list->setCurrentItem(m_list->topLevelItem(0));
        updateButtons();
    });
}

void TrashDialog::updateButtons()
{
    m_restore->setEnabled(!m_busy && m_list->currentItem() != nullptr);
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
