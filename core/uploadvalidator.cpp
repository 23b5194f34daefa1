#include "uploadvalidator.h"

#include "filetypes.h"
#include "namerules.h"

#include <QHash>

namespace tsg {

namespace {

qint64 totalOf(const QList<FileToCheck> &files)
{
    qint64 total = 0;
    for (const FileToCheck &f : files)
        total += f.size;
    return total;
}

QString sizeProblem(qint64 total, int limitMb)
{
    return QStringLiteral("Total upload size %1MB exceeds limit of %2MB").arg(UploadValidator::megabytes(total)).arg(limitMb);
}

// Two files of one batch that are the same file on a case-insensitive file system.
void collisionsWithinBatch(const QStringList &paths, QStringList &problems)
{
    QHash<QString, QString> seen;
    for (const QString &p : paths) {
        const QString key = NameRules::foldKey(p);
        if (const auto it = seen.constFind(key); it != seen.cend())
            problems << QStringLiteral("%1: collides with %2 in the same upload (names differ only in case or "
                                       "Unicode normalisation)").arg(p, *it);
        else
            seen.insert(key, p);
    }
}

} // namespace

QString UploadValidator::megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1024.0 / 1024.0, 'f', 2);
}

Result<QStringList> UploadValidator::validateTsgUpload(const QList<FileToCheck> &files, const TsgSettings &settings)
{
    if (files.isEmpty())
        return Error::invalid(QStringLiteral("No files to upload"));
    QStringList problems;
    bool tooLarge = false;
    if (const qint64 total = totalOf(files); total > settings.maxUploadBytes()) {
        problems << sizeProblem(total, settings.maxUploadSize);
        tooLarge = true;
    }
    QStringList paths;
    for (const FileToCheck &f : files) {
        const auto path = NameRules::relativePath(f.path);
        if (!path.ok()) {
            problems << path.error().message;
            continue;
        }
        const QString ext = FileTypes::extensionOf(path.value());
        if (!settings.allowedFileTypes.contains(ext)) {
            problems << QStringLiteral("%1: File type '%2' is not allowed. Allowed types: %3")
                            .arg(f.path, ext, settings.allowedFileTypes.join(QStringLiteral(", ")));
            continue;
        }
        paths << path.value();
    }
    collisionsWithinBatch(paths, problems);
    if (!problems.isEmpty())
        return Error::batch(tooLarge && problems.size() == 1 ? ErrorKind::TooLarge : ErrorKind::Invalid, problems);
    return paths;
}

Result<QStringList> UploadValidator::validateSessionUpload(const QList<FileToCheck> &files,
                                                           const SessionSettings &settings, int existingFiles)
{
    if (files.isEmpty())
        return Error::invalid(QStringLiteral("No files to upload"));
    QStringList problems;
    bool tooLarge = false;
    if (existingFiles + files.size() > settings.maxFilesPerSession) {
        problems << QStringLiteral("Too many files. Maximum %1 files per session (the session holds %2, this upload "
                                   "adds %3)").arg(settings.maxFilesPerSession).arg(existingFiles).arg(files.size());
        tooLarge = true;
    }
    if (const qint64 total = totalOf(files); total > settings.maxUploadBytes()) {
        problems << sizeProblem(total, settings.maxUploadSize);
        tooLarge = true;
    }
    QStringList names;
    for (const FileToCheck &f : files) {
        const auto name = NameRules::sessionFileName(f.path);
        if (!name.ok())
            problems << name.error().message;
        else
            names << name.value();
    }
    if (!problems.isEmpty())
        return Error::batch(tooLarge && names.size() == files.size() ? ErrorKind::TooLarge : ErrorKind::Invalid, problems);
    return names;
}

} // namespace tsg
