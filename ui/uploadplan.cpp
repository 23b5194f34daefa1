#include "uploadplan.h"

#include "format.h"
#include "namerules.h"
#include "uploadvalidator.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <limits>

namespace tsg {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("UploadPlan", text);
}

// The validator's message about one file, without the file's path (the dialog shows it beside the
// reason) and without the list of allowed types (shown once under the list).
QString reasonFor(const QString &target, QString message)
{
    const QString prefix = NameRules::printable(target) + u':';
    if (message.startsWith(prefix))
        message = message.mid(prefix.size()).trimmed();
    const QString invalid = QStringLiteral("Invalid file path: %1 (").arg(NameRules::printable(target));
    if (message.startsWith(invalid) && message.endsWith(u')'))
        message = QStringLiteral("Invalid file path: ") + message.mid(invalid.size()).chopped(1);
    if (const qsizetype allowed = message.indexOf(QStringLiteral(" Allowed types:")); allowed > 0)
        message.truncate(allowed);
    return message;
}

} // namespace

qint64 UploadPlan::acceptedBytes() const
{
    qint64 total = 0;
    for (const PlannedFile &f : accepted)
        total += f.size;
    return total;
}

QStringList UploadPlan::localPaths(const QList<QUrl> &urls)
{
    QStringList paths;
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

bool UploadPlan::isSystemFile(const QString &fileName)
{
    return fileName.startsWith(QStringLiteral("._")) || fileName == u".DS_Store"
        || fileName.compare(QStringLiteral("Thumbs.db"), Qt::CaseInsensitive) == 0
        || fileName.compare(QStringLiteral("desktop.ini"), Qt::CaseInsensitive) == 0;
}

UploadPlan UploadPlan::fromLocalPaths(const QStringList &paths, const TsgSettings &settings, const QString &prefix,
                                      Folders folders, const std::atomic_bool *cancel)
{
    UploadPlan plan;
    plan.allowedTypes = settings.allowedFileTypes;
    plan.limitMib = settings.maxUploadSize;
    const QString base = prefix.isEmpty() ? QString() : prefix + u'/';
    QList<PlannedFile> candidates;
    const auto consider = [&](const QFileInfo &f, const QString &target) {
        if (isSystemFile(f.fileName()) && !f.isDir())
            ++plan.systemFilesSkipped;
        else if (f.isSymLink())
            plan.rejected.append({f.filePath(), tr("a symbolic link: links are not uploaded"), target});
        else if (!f.isFile())
            plan.rejected.append({f.filePath(), tr("not a regular file"), target});
        else if (!f.isReadable())
            plan.rejected.append({f.filePath(), tr("cannot be read (permissions)"), target});
        else
            candidates.append({.source = f.absoluteFilePath(),
                               .target = target,
                               .size = f.size(),
                               .mtimeMs = f.lastModified().toMSecsSinceEpoch()});
    };
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (!info.exists() && !info.isSymLink()) {
            plan.rejected.append({p, tr("does not exist"), base + info.fileName()});
        } else if (info.isDir() && !info.isSymLink()) {
            const QDir root(info.absoluteFilePath());
            const QString folderBase = folders == Folders::KeepName ? base + info.fileName() + u'/' : base;
            QDirIterator it(root.path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                if (cancel && cancel->load()) {
                    plan.cancelled = true;
                    return plan;
                }
                const QFileInfo f(it.nextFileInfo());
                if (f.isDir() && !f.isSymLink())
                    continue; // its files come on their own; an empty folder has nothing to store
                consider(f, folderBase + root.relativeFilePath(f.absoluteFilePath()));
            }
        } else {
            consider(info, base + info.fileName());
        }
    }
    // The library's rules, file by file, so each rejected file gets its own reason. A single file
    // over the limit is rejected here; the total is checked after.
    TsgSettings perFile = settings;
    perFile.maxUploadSize = std::numeric_limits<int>::max() / 2;
    QList<PlannedFile> valid;
    qint64 overLimit = 0; // the bytes of the files rejected for their size alone
    for (const PlannedFile &f : std::as_const(candidates)) {
        if (cancel && cancel->load()) {
            plan.cancelled = true;
            return plan;
        }
        if (f.size > settings.maxUploadBytes()) {
            plan.rejected.append({f.source,
                                  tr("%1 is larger than the upload limit of %2")
                                      .arg(Format::size(f.size), Format::mebibytes(settings.maxUploadSize)),
                                  f.target});
            overLimit += f.size;
            continue;
        }
        const auto checked = UploadValidator::validateTsgUpload({{f.target, f.size}}, perFile);
        if (checked.ok())
            valid.append({.source = f.source, .target = checked.value().first(), .size = f.size, .mtimeMs = f.mtimeMs});
        else
            plan.rejected.append({f.source, reasonFor(f.target, checked.error().message), f.target});
    }
    // Files that are fine alone but clash with each other (names differing only in case).
    if (!valid.isEmpty()) {
        QList<FileToCheck> all;
        for (const PlannedFile &f : std::as_const(valid))
            all.append({f.target, f.size});
        const auto together = UploadValidator::validateTsgUpload(all, perFile);
        if (!together.ok()) {
            for (const QString &problem : together.error().problems.isEmpty() ? QStringList{together.error().message}
                                                                              : together.error().problems) {
                for (qsizetype i = 0; i < valid.size(); ++i) {
                    // The validator names a file as NameRules::printable shows it (long paths cut).
                    if (problem.startsWith(NameRules::printable(valid.at(i).target) + u':')) {
                        plan.rejected.append(
                            {valid.at(i).source, reasonFor(valid.at(i).target, problem), valid.at(i).target});
                        valid.removeAt(i);
                        break;
                    }
                }
            }
        }
    }
    plan.accepted = valid;
    if (plan.acceptedBytes() > settings.maxUploadBytes())
        plan.batchProblem = tr("Together the files are %1, more than the upload limit of %2. Upload them in "
                               "smaller parts, or raise the limit.")
                                .arg(Format::size(plan.acceptedBytes()), Format::mebibytes(settings.maxUploadSize));
    if (overLimit > 0 || !plan.batchProblem.isEmpty()) {
        constexpr qint64 mib = 1024 * 1024;
        plan.limitNeededMib =
            int(std::min<qint64>((plan.acceptedBytes() + overLimit + mib - 1) / mib, std::numeric_limits<int>::max()));
    }
    return plan;
}

} // namespace tsg
