#include "uploadcontroller.h"

#include "deferredfilesource.h"
#include "format.h"
#include "namerules.h"
#include "whenfinished.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

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
    m_replacing = 0;
    m_systemSkipped = 0;
    m_paths = localPaths;
    m_prefix = prefix;
    m_folders = folders;
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
    m_systemSkipped = plan.systemFilesSkipped;
    if (plan.accepted.isEmpty() && plan.rejected.isEmpty() && plan.systemFilesSkipped > 0) {
        finish(false, withSkipped(tr("Nothing to upload")), true); // not an error: nothing was meant to go
        return;
    }
    if (plan.needsConfirmation()) {
        const RejectedFilesDialog::Choice choice = confirmRejected(plan);
        if (choice == RejectedFilesDialog::Choice::RaiseLimit) {
            raiseLimitAndRetry(tsgName, plan.limitNeededMib);
            return;
        }
        if (choice != RejectedFilesDialog::Choice::UploadRest || !plan.canUpload()) {
            finish(false,
                   plan.accepted.isEmpty() ? tr("Nothing was uploaded: none of the files can be stored")
                                           : tr("Nothing was uploaded"),
                   true); // the dialog said why; the user closed it
            if (choice == RejectedFilesDialog::Choice::OpenSettings)
                emit settingsRequested();
            return;
        }
    }
    // What the TSG holds now, to ask before anything in it is replaced.
    whenFinished(m_library.tsgFiles(tsgName), this, [this, tsgName, plan](const Result<QList<FileEntry>> &present) {
        if (m_cancel->load()) {
            finish(false, tr("Upload cancelled: nothing was stored"), true);
            return;
        }
        // A listing that fails leaves the library's own answer to the upload (it replaces, into the trash).
        resolveOverwrites(tsgName, plan, present.ok() ? present.value() : QList<FileEntry>());
    });
}

QString UploadController::keepBothName(const QString &path, const QSet<QString> &taken)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString folder = path.left(slash + 1);
    const QString name = path.mid(slash + 1);
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString base = dot > 0 ? name.left(dot) : name;
    const QString suffix = dot > 0 ? name.mid(dot) : QString();
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1%2 (%3)%4").arg(folder, base).arg(n).arg(suffix);
        if (!taken.contains(NameRules::foldKey(candidate)))
            return candidate;
    }
}

void UploadController::resolveOverwrites(const QString &tsgName, UploadPlan plan, const QList<FileEntry> &present)
{
    QSet<QString> existing;
    for (const FileEntry &f : present)
        if (!f.isDirectory)
            existing.insert(NameRules::foldKey(f.path));
    QSet<QString> taken = existing; // and the names the batch itself will use
    QList<int> clashes;
    for (int i = 0; i < plan.accepted.size(); ++i) {
        const QString key = NameRules::foldKey(plan.accepted[i].target);
        taken.insert(key);
        if (existing.contains(key))
            clashes << i;
    }
    std::optional<OverwriteDialog::Choice> forAll;
    QList<int> skipped;
    int replacing = 0;
    for (int n = 0; n < clashes.size(); ++n) {
        PlannedFile &f = plan.accepted[clashes[n]];
        OverwriteDialog::Choice choice;
        if (forAll) {
            choice = *forAll;
        } else {
            const QString other = keepBothName(f.target, taken);
            const OverwriteDialog::Answer a = m_askOverwrite
                ? m_askOverwrite(tsgName, f.target, other, int(clashes.size()) - n - 1)
                : OverwriteDialog::ask(m_dialogParent, tsgName, f.target, other, int(clashes.size()) - n - 1);
            choice = a.choice;
            if (a.applyToAll)
                forAll = a.choice;
        }
        switch (choice) {
        case OverwriteDialog::Choice::Cancel: finish(false, tr("Nothing was uploaded"), true); return;
        case OverwriteDialog::Choice::Skip: skipped << clashes[n]; break;
        case OverwriteDialog::Choice::KeepBoth:
            f.target = keepBothName(f.target, taken);
            taken.insert(NameRules::foldKey(f.target));
            break;
        case OverwriteDialog::Choice::Replace: ++replacing; break;
        }
    }
    for (auto it = skipped.crbegin(); it != skipped.crend(); ++it)
        plan.accepted.removeAt(*it);
    if (plan.accepted.isEmpty()) {
        finish(false, tr("Nothing was uploaded: every file was skipped"), true);
        return;
    }
    m_replacing = replacing;
    start(tsgName, plan);
}

RejectedFilesDialog::Choice UploadController::confirmRejected(const UploadPlan &plan)
{
    if (m_confirm)
        return m_confirm(plan) ? RejectedFilesDialog::Choice::UploadRest : RejectedFilesDialog::Choice::Nothing;
    RejectedFilesDialog dialog(plan, m_dialogParent);
    dialog.exec();
    return dialog.choice();
}

void UploadController::raiseLimitAndRetry(const QString &tsgName, int mib)
{
    whenFinished(m_library.updateConfig([mib](Config &c) { c.tsg.maxUploadSize = std::max(c.tsg.maxUploadSize, mib); }),
                 this, [this, tsgName](const Result<Config> &saved) {
                     if (!saved.ok()) {
                         finish(false,
                                tr("Nothing was uploaded: the limit could not be raised: %1")
                                    .arg(saved.error().message),
                                false);
                         return;
                     }
                     m_state = State::Idle; // plan again, with the new limit
                     upload(tsgName, m_paths, m_prefix, m_folders);
                 });
}

QString UploadController::withSkipped(QString message) const
{
    if (m_systemSkipped > 0)
        message +=
            tr("; %1 skipped")
                .arg(Format::count(m_systemSkipped, QStringLiteral("system file"), QStringLiteral("system files")));
    return message;
}

void UploadController::start(const QString &tsgName, const UploadPlan &plan)
{
    m_state = State::Uploading;
    auto batch = std::make_shared<UploadBatch>();
    batch->files.reserve(size_t(plan.accepted.size()));
    for (const PlannedFile &f : plan.accepted)
        batch->files.push_back({.path = f.target,
                                .claimedType = QString(),
                                .source = std::make_unique<DeferredFileSource>(f.source, f.size),
                                .mtimeMs = f.mtimeMs > 0 ? std::optional<qint64>(f.mtimeMs) : std::nullopt});
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
            QString text =
                tr("Uploaded %1, %2, to %3")
                    .arg(Format::count(result.value().stored.size(), QStringLiteral("file"), QStringLiteral("files")),
                         Format::size(bytes), result.value().target.name);
            if (m_replacing > 0)
                text += tr("; %1 replaced (the old versions are in the trash)")
                            .arg(Format::count(m_replacing, QStringLiteral("file"), QStringLiteral("files")));
            finish(true, withSkipped(text), false);
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
