#include "rejectedfilesdialog.h"

#include "format.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tsg {

RejectedFilesDialog::RejectedFilesDialog(const UploadPlan &plan, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("rejectedFilesDialog"));
    setWindowTitle(plan.accepted.isEmpty() ? tr("These files cannot be uploaded")
                                           : tr("Some files cannot be uploaded"));
    auto *layout = new QVBoxLayout(this);
    QString summary;
    if (!plan.rejected.isEmpty())
        summary = tr("%1 cannot be uploaded:")
                      .arg(Format::count(plan.rejected.size(), QStringLiteral("file"), QStringLiteral("files")));
    else
        summary = tr("The files cannot be uploaded together:");
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(summary.toHtmlEscaped()), this);
    layout->addWidget(label);

    auto *list = new QTreeWidget(this);
    list->setObjectName(QStringLiteral("rejectedList"));
    list->setHeaderLabels({tr("File"), tr("Reason")});
    list->setRootIsDecorated(false);
    list->setAlternatingRowColors(true);
    list->setWordWrap(false);
    list->setTextElideMode(Qt::ElideMiddle);
    bool typeRule = false;
    for (const RejectedFile &r : plan.rejected) {
        // The path it would have had in the TSG (what the user dropped), the full path in the tooltip.
        auto *item =
            new QTreeWidgetItem(list, {r.target.isEmpty() ? QDir::toNativeSeparators(r.source) : r.target, r.reason});
        item->setToolTip(0, QDir::toNativeSeparators(r.source));
        item->setToolTip(1, r.reason);
        typeRule = typeRule || r.reason.contains(QStringLiteral("is not allowed"));
    }
    list->header()->setStretchLastSection(true);
    list->setColumnWidth(0, 260);
    list->setVisible(!plan.rejected.isEmpty());
    layout->addWidget(list, 1);
    if (typeRule) {
        auto *types = new QLabel(tr("Allowed file types: %1 (Settings can add more)")
                                     .arg(plan.allowedTypes.join(QStringLiteral(", "))),
                                 this);
        types->setObjectName(QStringLiteral("allowedTypes"));
        types->setWordWrap(true);
        layout->addWidget(types);
    }

    QString rest;
    if (!plan.batchProblem.isEmpty())
        rest = plan.batchProblem;
    else if (plan.accepted.isEmpty())
        rest = tr("None of the files can be uploaded.");
    else
        rest = tr("The other %1, %2, can be uploaded.")
                   .arg(Format::count(plan.accepted.size(), QStringLiteral("file"), QStringLiteral("files")),
                        Format::size(plan.acceptedBytes()));
    if (plan.limitNeededMib > 0) {
        auto *limit = new QLabel(tr("The upload limit is %1 for all the files of one upload together. Settings "
                                    "(Largest upload) can change it for every client.")
                                     .arg(Format::mebibytes(plan.limitMib)),
                                 this);
        limit->setObjectName(QStringLiteral("uploadLimit"));
        limit->setWordWrap(true);
        layout->addWidget(limit);
    }
    auto *restLabel = new QLabel(rest, this);
    restLabel->setObjectName(QStringLiteral("restSummary"));
    restLabel->setWordWrap(true);
    layout->addWidget(restLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    if (plan.canUpload()) {
        m_uploadRest = buttons->addButton(tr("Upload the valid rest"), QDialogButtonBox::AcceptRole);
        m_uploadRest->setObjectName(QStringLiteral("uploadRest"));
        m_uploadRest->setDefault(true);
        m_uploadRest->setIcon(QIcon(QStringLiteral(":/icons/add-files.svg")));
        buttons->button(QDialogButtonBox::Cancel)->setText(tr("Upload nothing"));
    }
    if (plan.limitNeededMib > 0) {
        QPushButton *settings = buttons->addButton(tr("Open Settings"), QDialogButtonBox::ActionRole);
        settings->setObjectName(QStringLiteral("openSettings"));
        connect(settings, &QPushButton::clicked, this, [this] {
            m_choice = Choice::OpenSettings;
            reject();
        });
        if (plan.limitNeededMib <= kMaxUploadSizeMib) { // the server's hard maximum
            QPushButton *raise =
                buttons->addButton(tr("Raise the limit to %1 and upload").arg(Format::mebibytes(plan.limitNeededMib)),
                                   QDialogButtonBox::ActionRole);
            raise->setObjectName(QStringLiteral("raiseLimit"));
            connect(raise, &QPushButton::clicked, this, [this] {
                m_choice = Choice::RaiseLimit;
                accept();
            });
        }
    }
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_choice = Choice::UploadRest;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(980, plan.rejected.isEmpty() ? 160 : 400);
}

} // namespace tsg
