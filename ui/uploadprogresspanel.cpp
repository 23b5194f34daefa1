#include "uploadprogresspanel.h"

#include "format.h"
#include "uploadcontroller.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace tsg {

UploadProgressPanel::UploadProgressPanel(UploadController &uploads, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("uploadPanel"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("uploadTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("uploadDetail"));
    m_detail->setMinimumWidth(200);
    m_detail->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long names must not widen the window
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("uploadProgress"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelUpload"));
    m_cancel->setToolTip(tr("Stops the upload; nothing of it is stored"));
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_bar, 0, 1);
    layout->addWidget(m_cancel, 0, 2, 2, 1);
    layout->addWidget(m_detail, 1, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    hide();

    connect(m_cancel, &QPushButton::clicked, &uploads, [this, &uploads] {
        m_cancel->setEnabled(false);
        m_detail->setText(tr("Cancelling…"));
        uploads.cancel();
    });
    connect(&uploads, &UploadController::planning, this, [this](const QString &tsg) {
        m_title->setText(tr("Preparing the upload to %1…").arg(tsg));
        m_detail->setText(tr("Looking at the files"));
        m_bar->setRange(0, 1000);
        m_bar->setValue(0);
        m_cancel->setEnabled(true);
        setVisible(true);
    });
    connect(&uploads, &UploadController::started, this, [this](const QString &tsg, int files, qint64 bytes) {
        m_title->setText(
            tr("Uploading %1, %2, to %3")
                .arg(Format::count(files, QStringLiteral("file"), QStringLiteral("files")), Format::size(bytes), tsg));
        m_detail->clear();
        m_bar->setRange(0, 1000);
        m_bar->setValue(0);
        m_cancel->setEnabled(true);
        setVisible(true);
    });
    connect(&uploads, &UploadController::progress, this, [this](const UploadProgress &p) {
        m_bar->setValue(p.bytesTotal > 0 ? int(p.bytesProcessed * 1000 / p.bytesTotal) : 0);
        m_bar->setFormat(QStringLiteral("%1 %").arg(p.bytesTotal > 0 ? p.bytesProcessed * 100 / p.bytesTotal : 0));
        if (!m_cancel->isEnabled())
            return; // "Cancelling…" stays
        const QString detail = tr("%1 of %2 files · %3 of %4 · %5")
                                   .arg(p.processed)
                                   .arg(p.total)
                                   .arg(Format::size(p.bytesProcessed), Format::size(p.bytesTotal), p.currentFile);
        m_detail->setText(
            m_detail->fontMetrics().elidedText(detail, Qt::ElideMiddle, std::max(200, m_detail->width())));
        m_detail->setToolTip(p.currentFile);
    });
    connect(&uploads, &UploadController::finished, this, [this] { hide(); });
}

QString UploadProgressPanel::text() const
{
    return m_title->text() + u'\n' + m_detail->text();
}

} // namespace tsg
