#include "cleanupstatuspanel.h"

#include "elidinglabel.h"
#include "format.h"

#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace tsg {

CleanupStatusPanel::CleanupStatusPanel(Library &library, QWidget *parent) : QWidget(parent), m_library(library)
{
    setObjectName(QStringLiteral("cleanupStatus"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new ElidingLabel(this);
    m_label->setObjectName(QStringLiteral("cleanupText"));
    m_label->setHintChars(30);
    m_errors = new QToolButton(this);
    m_errors->setObjectName(QStringLiteral("cleanupErrors"));
    m_errors->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_errors->setAutoRaise(true);
    m_errors->hide();
    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/cleanup.svg")), tr("Run cleanup now"), this);
    m_run->setObjectName(QStringLiteral("runCleanup"));
    layout->addWidget(m_errors);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_run);
    connect(m_run, &QPushButton::clicked, this, &CleanupStatusPanel::runNow);
    connect(m_errors, &QToolButton::clicked, this,
            [this] { QMessageBox::warning(this, tr("Cleanup problems"), m_errors->toolTip()); });
    connect(&library, &Library::cleanupStatusChanged, this, &CleanupStatusPanel::showStatus, Qt::QueuedConnection);
    showStatus(library.cleanupStatus());
}

QSize CleanupStatusPanel::sizeHint() const
{
    const int spacing = layout()->spacing();
    const QSize run(m_run->fontMetrics().horizontalAdvance(tr("Run cleanup now")) + m_run->iconSize().width() + 24,
                    m_run->sizeHint().height());
    int w = m_label->sizeHint().width() + spacing + std::max(run.width(), m_run->sizeHint().width());
    if (!m_errors->isHidden())
        w += m_errors->sizeHint().width() + spacing;
    return {w, std::max(run.height(), m_label->sizeHint().height())};
}

QSize CleanupStatusPanel::minimumSizeHint() const
{
    const int spacing = layout()->spacing();
    int w = m_label->minimumSizeHint().width() + spacing + m_run->iconSize().width() + 16;
    if (!m_errors->isHidden())
        w += m_errors->sizeHint().width() + spacing;
    return {w, sizeHint().height()};
}

void CleanupStatusPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool wide = width() >= sizeHint().width();
    m_run->setText(wide ? tr("Run cleanup now") : QString());
    m_run->setToolTip(wide ? QString() : tr("Run cleanup now"));
}

QString CleanupStatusPanel::describe(const CleanupReport &r)
{
    QStringList parts;
    if (r.sessionsRemoved)
        parts << Format::count(r.sessionsRemoved, QStringLiteral("idle session"), QStringLiteral("idle sessions"));
    if (r.trashEntriesPurged)
        parts << Format::count(r.trashEntriesPurged, QStringLiteral("trash item"), QStringLiteral("trash items"));
    if (r.uploadsExpired)
        parts << Format::count(r.uploadsExpired, QStringLiteral("abandoned upload"),
                               QStringLiteral("abandoned uploads"));
    if (r.stagingRemoved)
        parts << Format::count(r.stagingRemoved, QStringLiteral("leftover staging folder"),
                               QStringLiteral("leftover staging folders"));
    if (parts.isEmpty())
        return tr("nothing to remove");
    return tr("removed %1 (%2)").arg(parts.join(QStringLiteral(", ")), Format::size(r.bytesFreed));
}

void CleanupStatusPanel::showStatus(const CleanupStatus &s)
{
    QString text;
    if (s.running) {
        text = tr("Cleanup running…");
    } else {
        text = s.enabled ? tr("Cleanup on") : tr("Cleanup of the trash off (idle sessions still removed)");
        text += s.lastRun.isValid() ? tr(" · last run %1: %2").arg(Format::time(s.lastRun), describe(s.last))
                                    : tr(" · not run yet");
        if (s.nextRun.isValid())
            text += tr(" · next %1").arg(Format::relative(s.nextRun));
        if (s.pendingUploads > 0)
            text += tr(" · %1 waiting")
                        .arg(Format::count(s.pendingUploads, QStringLiteral("unfinished upload"),
                                           QStringLiteral("unfinished uploads")));
    }
    m_label->setText(text);
    m_label->setToolTip(s.last.removedSessions.isEmpty()
                            ? QString()
                            : tr("Sessions removed: %1").arg(s.last.removedSessions.join(QStringLiteral(", "))));
    m_run->setEnabled(!s.running);
    m_errors->setVisible(!s.last.errors.isEmpty());
    m_errors->setToolTip(s.last.errors.join(u'\n'));
}

void CleanupStatusPanel::runNow()
{
    m_run->setEnabled(false);
    (void)m_library.runCleanupNow(); // the status signal reports the run and its result
}

} // namespace tsg
