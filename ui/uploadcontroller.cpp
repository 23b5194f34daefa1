#include "uploadcontroller.h"

#include "rejectedfilesdialog.h"

#include <QFutureWatcher>
#include <QMessageBox>

namespace tsg {

UploadController::UploadController(Library &library, QWidget *window)
    : QObject(window), m_library(library), m_window(window)
{
    qRegisterMetaType<tsg::UploadProgress>();
}

bool UploadController::confirmRejected(const UploadPlan &plan)
{
    if (m_confirm)
        return m_confirm(plan);
    RejectedFilesDialog dialog(plan, m_window);
    return dialog.exec() == QDialog::Accepted;
}

bool UploadController::upload(const QString &tsgName, const QList<QUrl> &urls)
{
    if (m_running) {
        QMessageBox::information(m_window, tr("Upload in progress"), tr("Wait for the current upload to finish, or cancel it."));
        return false;
    }
    const UploadPlan plan = UploadPlan::fromUrls(urls, m_library.config().tsg);
    if ((!plan.rejected.isEmpty() || !plan.batchProblem.isEmpty() || plan.accepted.isEmpty()) && !confirmRejected(plan))
        return false;
    if (plan.accepted.isEmpty() || !plan.batchProblem.isEmpty())
        return false;
    start(tsgName, plan);
    return true;
}

void UploadController::start(const QString &tsgName, const UploadPlan &plan)
{
    auto batch = std::make_shared<UploadBatch>();
    QStringList unreadable;
    for (const PlannedFile &f : plan.accepted) {
        QString error;
        auto source = fileSource(f.source, &error);
        if (!source)
            unreadable << error;
        else
            batch->files.push_back({f.target, QString(), std::move(source)});
    }
    if (!unreadable.isEmpty()) {
        emit finished(false, unreadable.join(u'\n'));
        return;
    }
    m_cancel = makeCancelFlag();
    batch->cancel = m_cancel;
    batch->onProgress = [this](const UploadProgress &p) {
        QMetaObject::invokeMethod(this, [this, p] { emit progress(p); }, Qt::QueuedConnection);
    };
    m_running = true;
    emit started(tsgName, int(plan.accepted.size()), plan.acceptedBytes());
    auto *watcher = new QFutureWatcher<Result<TsgUploadResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_running = false;
        const auto result = watcher->result();
        if (result.ok())
            emit finished(true, tr("Uploaded %n file(s) to %1", nullptr, int(result.value().stored.size())).arg(result.value().tsgName));
        else if (result.error().kind == ErrorKind::Cancelled)
            emit finished(false, tr("Upload cancelled: nothing was stored"));
        else
            emit finished(false, result.error().message);
    });
    watcher->setFuture(m_library.uploadToTsg(tsgName, batch));
}

void UploadController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace tsg
