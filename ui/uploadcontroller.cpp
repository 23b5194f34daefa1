#include "uploadcontroller.h"

#include "deferredfilesource.h"
#include "format.h"
#include "rejectedfilesdialog.h"
#include "whenfinished.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tsg {

UploadController::UploadController(Library &library, QWidget *dialogParent)
    : QObject(dialogParent), m_library(library), m_dialogParent(dialogParent)
{
    qRegisterMetaType<tsg::UploadProgress>();
}

UploadController::~UploadController()
{
    cancel();                   // a running upload stops and stores nothing
    m_upload.waitForFinished(); // its worker calls onProgress, which points here
}

bool UploadController::upload(const QString &tsgName, const QStringList &localPaths, const QString &prefix,
                              UploadPlan::Folders folders)
{
    if (m_state != State::Idle || tsgName.isEmpty())
        return false;
    if (localPaths.isEmpty()) {
        finish(false, tr("Nothing to upload: only files and folders on this computer can be added"), false);
        return true;
    }
    m_state = State::Planning;
    m_cancel = makeCancelFlag();
    emit planning(tsgName);
    const TsgSettings settings = m_library.config().tsg;
    whenFinished(QtConcurrent::run([localPaths, settings, prefix, folders, cancel = m_cancel] {
                     return UploadPlan::fromLocalPaths(localPaths, settings, prefix, folders, cancel.get());
                 }),
                 // Always from the event loop, never inside the caller (a drop handler must not open dialogs).
                 this, [this, tsgName](const UploadPlan &plan) { planned(tsgName, plan); });
    return true;
}

void UploadController::planned(const QString &tsgName, const UploadPlan &plan)
{
    if (plan.cancelled || m_cancel->load()) {
        finish(false, tr("Upload cancelled: nothing was stored"), true);
        return;
    }
    if (plan.needsConfirmation() && (!confirmRejected(plan) || !plan.canUpload())) {
        finish(false,
               plan.accepted.isEmpty() ? tr("Nothing was uploaded: none of the files can be stored")
                                       : tr("Nothing was uploaded"),
               true); // the dialog said why; the user closed it
        return;
    }
    start(tsgName, plan);
}

bool UploadController::confirmRejected(const UploadPlan &plan)
{
    if (m_confirm)
        return m_confirm(plan);
    RejectedFilesDialog dialog(plan, m_dialogParent);
    return dialog.exec() == QDialog::Accepted;
}

void UploadController::start(const QString &tsgName, const UploadPlan &plan)
{
    m_state = State::Uploading;
    auto batch = std::make_shared<UploadBatch>();
    batch->files.reserve(size_t(plan.accepted.size()));
    for (const PlannedFile &f : plan.accepted)
        batch->files.push_back({f.target, QString(), std::make_unique<DeferredFileSource>(f.source, f.size)});
    batch->cancel = m_cancel;
    {
        QMutexLocker lock(&m_progressMutex);
        m_latest = {};
        m_deliveryQueued = false;
    }
    batch->onProgress = [this](const UploadProgress &p) {
        QMutexLocker lock(&m_progressMutex);
        m_latest = p;
        if (m_deliveryQueued)
            return;
        m_deliveryQueued = true;
        QMetaObject::invokeMethod(this, &UploadController::deliverProgress, Qt::QueuedConnection);
    };
    emit started(tsgName, int(plan.accepted.size()), plan.acceptedBytes());
    m_upload = m_library.upload(UploadTarget::tsg(tsgName), batch);
    whenFinished(m_upload, this, [this](const Result<UploadResult> &result) {
        if (result.ok()) {
            qint64 bytes = 0;
            for (const StoredFile &f : result.value().stored)
                bytes += f.size;
            finish(true,
                   tr("Uploaded %1, %2, to %3")
                       .arg(Format::count(result.value().stored.size(), QStringLiteral("file"),
                                          QStringLiteral("files")),
                            Format::size(bytes), result.value().target.name),
                   false);
        } else if (result.error().kind == ErrorKind::Cancelled) {
            finish(false, tr("Upload cancelled: nothing was stored"), true);
        } else {
            finish(false, tr("Nothing was uploaded: %1").arg(result.error().message), false);
        }
    });
}

void UploadController::deliverProgress()
{
    UploadProgress p;
    {
        QMutexLocker lock(&m_progressMutex);
        p = m_latest;
        m_deliveryQueued = false;
    }
    if (m_state == State::Uploading)
        emit progress(p);
}

void UploadController::finish(bool ok, const QString &message, bool cancelled)
{
    m_state = State::Idle;
    m_cancelled = cancelled;
    emit finished(ok, message);
}

void UploadController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace tsg
