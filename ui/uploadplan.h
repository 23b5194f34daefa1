// What a drop or "Add files…" would upload: every file under the dropped files and folders, with its
// path inside the TSG (a folder keeps its name and structure), split into accepted and rejected with
// the reason, by the same rules the server applies.
#pragma once

#include "settings.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace tsg {

struct PlannedFile {
    QString source; // absolute path on disk
    QString target; // path inside the TSG
    qint64 size = 0;
};

struct RejectedFile {
    QString source;
    QString reason;
};

struct UploadPlan {
    QList<PlannedFile> accepted;
    QList<RejectedFile> rejected;
    QString batchProblem; // e.g. the total exceeds the limit
    qint64 acceptedBytes() const;

    static UploadPlan fromLocalPaths(const QStringList &paths, const TsgSettings &settings);
    static UploadPlan fromUrls(const QList<QUrl> &urls, const TsgSettings &settings);
};

} // namespace tsg
