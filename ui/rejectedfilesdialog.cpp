#include "rejectedfilesdialog.h"

#include "tsglistmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tsg {

RejectedFilesDialog::RejectedFilesDialog(const UploadPlan &plan, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("rejectedFilesDialog"));
    setWindowTitle(tr("Some files cannot be uploaded"));
    auto *layout = new QVBoxLayout(this);
    QString summary = plan.accepted.isEmpty()
        ? tr("None of the files can be uploaded.")
        : tr("%n file(s) (%1) can be uploaded.", nullptr, int(plan.accepted.size())).arg(humanSize(plan.acceptedBytes()));
    if (!plan.rejected.isEmpty())
        summary += u' ' + tr("%n file(s) will be left out:", nullptr, int(plan.rejected.size()));
    auto *label = new QLabel(summary, this);
    label->setWordWrap(true);
    layout->addWidget(label);
    if (!plan.batchProblem.isEmpty()) {
        auto *problem = new QLabel(QStringLiteral("<b>%1</b>").arg(plan.batchProblem.toHtmlEscaped()), this);
        problem->setWordWrap(true);
        layout->addWidget(problem);
    }
    auto *list = new QTreeWidget(this);
    list->setObjectName(QStringLiteral("rejectedList"));
    list->setHeaderLabels({tr("File"), tr("Reason")});
    list->setRootIsDecorated(false);
    for (const RejectedFile &r : plan.rejected) {
        auto *item = new QTreeWidgetItem(list, {r.source, r.reason});
        item->setToolTip(1, r.reason);
    }
    list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    list->setVisible(!plan.rejected.isEmpty());
    layout->addWidget(list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    if (!plan.accepted.isEmpty() && plan.batchProblem.isEmpty()) {
        QPushButton *rest = buttons->addButton(tr("Upload the valid rest"), QDialogButtonBox::AcceptRole);
        rest->setObjectName(QStringLiteral("uploadRest"));
        rest->setDefault(true);
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 360);
}

} // namespace tsg
