// What a drop or "Add files…" would upload: every file under the dropped files and folders with its
// path inside the TSG (a dropped folder "X" keeps its name: its files land under "X/…"), split into
// accepted and rejected with the reason, by the same rules the library applies. Walks the disk, so
// it runs on a worker thread (UploadController does that).
#pragma once

#include "settings.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <atomic>

namespace tsg {

struct PlannedFile {
    QString source; // absolute path on disk
    QString target; // path inside the TSG
    qint64 size = 0;
    qint64 mtimeMs = 0; // the original's modification time (ms since the epoch), kept in the TSG
};

struct RejectedFile {
    QString source; // as the user knows it: the path on disk
    QString reason; // the library's rule, said about this file (the file is not named again)
    QString target; // the path it would have had in the TSG, when it got that far
};

struct UploadPlan {
    QList<PlannedFile> accepted;
    QList<RejectedFile> rejected;
    QStringList allowedTypes; // the rule "is not allowed" refers to, for the dialog to show once
    QString batchProblem;     // the accepted files together break a rule (their total size): nothing can go
    bool cancelled = false;
    // Files the desktop leaves behind (.DS_Store, Thumbs.db, desktop.ini, ._*): left out without a word of
    // rejection, only counted for the message.
    int systemFilesSkipped = 0;
    int limitMib = 0; // the upload limit the plan was made with (tsgSettings.maxUploadSize)
    // The limit, in whole MiB, that would let the files over it and the accepted ones go together (0: no file or
    // batch is over the limit).
    int limitNeededMib = 0;

    qint64 acceptedBytes() const;
    bool canUpload() const { return !accepted.isEmpty() && batchProblem.isEmpty() && !cancelled; }
    bool needsConfirmation() const { return !rejected.isEmpty() || !canUpload(); }

    // How a dropped folder "X" lands: as "X/…" (the normal case), or its content at the top (a TSG
    // just created from the folder and named after it).
    enum class Folders { KeepName, ContentOnly };

    // `prefix`: a folder inside the TSG the files go under ("" for its top). `cancel` may stop the walk.
    static UploadPlan fromLocalPaths(const QStringList &paths, const TsgSettings &settings, const QString &prefix = {},
                                     Folders folders = Folders::KeepName, const std::atomic_bool *cancel = nullptr);
    static QStringList localPaths(const QList<QUrl> &urls);
    // Whether a file of this name is one the desktop makes on its own (Finder's .DS_Store and ._* forks, Windows'
    // Thumbs.db and desktop.ini), which nobody means to upload.
    static bool isSystemFile(const QString &fileName);
};

} // namespace tsg
