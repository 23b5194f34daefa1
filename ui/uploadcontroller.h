// Runs uploads from the window, one at a time: plans the dropped or chosen files on a worker thread,
// lets the user see what is rejected and why (and upload the valid rest), asks before a file of the TSG would be
// replaced, then streams the files
// into the TSG off the GUI thread with progress (files, bytes, current file) and cancel. The library
// commits all or nothing, so a cancel or a failure leaves nothing partial.
#pragma once

#include "library.h"
#include "overwritedialog.h"
#include "rejectedfilesdialog.h"
#include "uploadplan.h"

#include <QMutex>
#include <QObject>
#include <QSet>

#include <functional>

class QWidget;

namespace tsg {

class UploadController : public QObject {
    Q_OBJECT
public:
    // dialogParent: parent of the rejected-files dialog, and this object's QObject parent.
    UploadController(Library &library, QWidget *dialogParent);
    ~UploadController() override;

    // Plans (off the GUI thread), asks about rejected files when there are any, and starts. Returns
    // false when another upload is under way. `prefix`: a folder inside the TSG ("" for its top).
    bool upload(const QString &tsgName, const QStringList &localPaths, const QString &prefix = {},
                UploadPlan::Folders folders = UploadPlan::Folders::KeepName);
    void cancel();
    bool isBusy() const { return m_state != State::Idle; }
    // The last upload ended because the user said so (Cancel, or "Upload nothing").
    bool wasCancelled() const { return m_cancelled; }

    // Replaces the rejected-files dialog (tests, scripting): return true to upload the valid rest.
    void setConfirmRejected(std::function<bool(const UploadPlan &)> confirm) { m_confirm = std::move(confirm); }
    // Replaces the question asked before a file of the TSG is replaced (OverwriteDialog::ask's arguments).
    using AskOverwrite = std::function<OverwriteDialog::Answer(const QString &tsg, const QString &path,
                                                               const QString &keepBothName, int remaining)>;
    void setAskOverwrite(AskOverwrite ask) { m_askOverwrite = std::move(ask); }

    // "README.md" → "README (2).md", the first such name that `taken` (fold keys, NameRules::foldKey) lacks.
    static QString keepBothName(const QString &path, const QSet<QString> &taken);

signals:
    void planning(const QString &tsgName);
    void started(const QString &tsgName, int files, qint64 bytes);
    void progress(const tsg::UploadProgress &progress);
    // ok: stored; else `message` says why nothing was stored (refused, nothing to do, or the user
    // cancelled: then wasCancelled() is true and no warning is needed).
    void finished(bool ok, const QString &message);
    // The user chose "Open Settings" in the rejected-files dialog (the upload has finished, with nothing stored).
    void settingsRequested();

private:
    enum class State { Idle, Planning, Uploading };
    void planned(const QString &tsgName, const UploadPlan &plan);
    // Asks about the planned files that would replace one of the TSG's (Replace, Keep both, Skip), then starts.
    void resolveOverwrites(const QString &tsgName, UploadPlan plan, const QList<FileEntry> &present);
    void start(const QString &tsgName, const UploadPlan &plan);
    void deliverProgress();
    void finish(bool ok, const QString &message, bool cancelled);
    RejectedFilesDialog::Choice confirmRejected(const UploadPlan &plan);
    // Raises tsgSettings.maxUploadSize to `mib` through the library (as Settings saves it), then plans again.
    void raiseLimitAndRetry(const QString &tsgName, int mib);
    QString withSkipped(QString message) const; // "…; 3 system files skipped"

    Library &m_library;
    QWidget *m_dialogParent;
    State m_state = State::Idle;
    bool m_cancelled = false;
    CancelFlag m_cancel;
    QFuture<Result<UploadResult>> m_upload; // waited for on destruction: its progress calls reach us
    std::function<bool(const UploadPlan &)> m_confirm;
    AskOverwrite m_askOverwrite;
    int m_replacing = 0; // of the upload under way: files that replace one
    int m_systemSkipped = 0;
    // What upload() was asked, to plan it again once the limit is raised.
    QStringList m_paths;
    QString m_prefix;
    UploadPlan::Folders m_folders = UploadPlan::Folders::KeepName;

    // The worker's latest progress; at most one delivery to the GUI thread is queued at a time.
    QMutex m_progressMutex;
    UploadProgress m_latest;
    bool m_deliveryQueued = false;
};

} // namespace tsg

Q_DECLARE_METATYPE(tsg::UploadProgress)
