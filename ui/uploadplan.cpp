#include "uploadplan.h"

#include "uploadvalidator.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace tsg {

qint64 UploadPlan::acceptedBytes() const
{
    qint64 total = 0;
    for (const PlannedFile &f : accepted)
        total += f.size;
    return total;
}

UploadPlan UploadPlan::fromUrls(const QList<QUrl> &urls, const TsgSettings &settings)
{
    QStringList paths;
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return fromLocalPaths(paths, settings);
}

UploadPlan UploadPlan::fromLocalPaths(const QStringList &paths, const TsgSettings &settings)
{
    UploadPlan plan;
    QList<PlannedFile> candidates;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (info.isSymLink()) {
            plan.rejected.append({p, QObject::tr("symbolic links are not uploaded")});
        } else if (info.isFile()) {
            candidates.append({info.absoluteFilePath(), info.fileName(), info.size()});
        } else if (info.isDir()) {
            const QDir base(info.absoluteFilePath());
            QDirIterator it(base.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo f(it.next());
                candidates.append({f.absoluteFilePath(), info.fileName() + u'/' + base.relativeFilePath(f.absoluteFilePath()), f.size()});
            }
        } else {
            plan.rejected.append({p, QObject::tr("not a file or folder")});
        }
    }
    // The server's rules, file by file, so each rejected file gets its own reason.
    TsgSettings unlimited = settings;
    unlimited.maxUploadSize = 1 << 30;
    for (const PlannedFile &f : std::as_const(candidates)) {
        const auto checked = UploadValidator::validateTsgUpload({{f.target, f.size}}, unlimited);
        if (checked.ok())
            plan.accepted.append({f.source, checked.value().first(), f.size});
        else
            plan.rejected.append({f.source, checked.error().message});
    }
    if (plan.acceptedBytes() > settings.maxUploadBytes())
        plan.batchProblem = QObject::tr("Total upload size %1MB exceeds limit of %2MB")
                                .arg(UploadValidator::megabytes(plan.acceptedBytes()))
                                .arg(settings.maxUploadSize);
    return plan;
}

} // namespace tsg
