#include "uploadvalidator.h"

#include "filetypes.h"
#include "namerules.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace tsg {

namespace {

// Saturates instead of wrapping: declared sizes (chunked uploads) can add up past qint64.
qint64 totalOf(const QList<FileToCheck> &files)
{
    constexpr qint64 most = std::numeric_limits<qint64>::max();
    qint64 total = 0;
    for (const FileToCheck &f : files) {
        const qint64 size = std::max<qint64>(f.size, 0);
        total = size > most - total ? most : total + size;
    }
    return total;
}

QString sizeProblem(qint64 total, int limitMb)
{
    return QStringLiteral("Total upload size %1 MiB exceeds limit of %2 MiB (1 MiB = 1,048,576 bytes)")
        .arg(UploadValidator::megabytes(total))
        .arg(limitMb);
}

// Two files of one batch that would be the same file, or a file and a folder of the same name, on a
// case-insensitive file system: "Dup.md" and "dup.md", "docs" and "docs/a.md", "Docs/a.md" and
// "docs/b.md". Paths are valid and NFC here; raws are the same paths as the client spelled them.
// One problem per offending file, naming both files.
void collisionsWithinBatch(const QStringList &paths, const QStringList &raws, QStringList &problems)
{
    struct Seen {
        QString spelling; // the file path or folder prefix as first seen
        QString owner;    // the file that brought it in, as the client spelled it
        bool isFile = false;
    };
    QHash<QString, Seen> seen; // key: NameRules::foldKey of a file path or a folder prefix
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const QString &path = paths.at(i);
        const QString &raw = raws.at(i);
        qsizetype end = 0;
        while (end < path.size()) {
            const qsizetype slash = path.indexOf(u'/', end);
            end = slash < 0 ? path.size() : slash;
            const bool isFile = slash < 0;
            const QString prefix = path.left(end);
            ++end;
            const QString key = NameRules::foldKey(prefix);
            const auto it = seen.constFind(key);
            if (it == seen.cend()) {
                seen.insert(key, {prefix, raw, isFile});
                continue;
            }
            if (isFile && it->isFile) {
                problems << (it->owner == raw
                                 ? QStringLiteral("%1: appears twice in the same upload").arg(NameRules::printable(raw))
                                 : QStringLiteral(
                                       "%1: collides with %2 in the same upload (names differ only in case or "
                                       "Unicode normalisation)")
                                       .arg(NameRules::printable(raw), NameRules::printable(it->owner)));
            } else if (isFile != it->isFile) {
                problems << QStringLiteral("%1: collides with %2 in the same upload ('%3' would be both a file and a "
                                           "folder)")
                                .arg(NameRules::printable(raw), NameRules::printable(it->owner),
                                     NameRules::printable(prefix));
            } else if (it->spelling != prefix) {
                problems << QStringLiteral("%1: collides with %2 in the same upload (folders '%3' and '%4' differ only "
                                           "in case or Unicode normalisation)")
                                .arg(NameRules::printable(raw), NameRules::printable(it->owner),
                                     NameRules::printable(prefix), NameRules::printable(it->spelling));
            } else {
                continue; // the same folder again: fine
            }
            break; // one problem per file
        }
    }
}

// `kinds` holds the kind of each problem that is not plain bad input (a size, a count, a type). The batch's
// kind is theirs when every problem has the same one, else Invalid.
Error batchError(const QStringList &problems, const QList<ErrorKind> &kinds)
{
    const bool oneKind = kinds.size() == problems.size()
        && std::all_of(kinds.begin(), kinds.end(), [&](ErrorKind k) { return k == kinds.first(); });
    return Error::batch(oneKind ? kinds.first() : ErrorKind::Invalid, problems);
}

} // namespace

QString UploadValidator::megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 2);
}

Result<QStringList> UploadValidator::validateTsgUpload(const QList<FileToCheck> &files, const TsgSettings &settings)
{
    if (files.isEmpty())
        return Error::invalid(QStringLiteral("No files to upload"));
    QStringList problems;
    QList<ErrorKind> kinds;
    if (const qint64 total = totalOf(files); total > settings.maxUploadBytes()) {
        problems << sizeProblem(total, settings.maxUploadSize);
        kinds << ErrorKind::TooLarge;
    }
    QStringList paths, raws;
    for (const FileToCheck &f : files) {
        const auto path = NameRules::relativePath(f.path);
        if (!path.ok()) {
            problems << path.error().message;
            continue;
        }
        const QString ext = FileTypes::extensionOf(path.value());
        if (!settings.allowedFileTypes.contains(ext, Qt::CaseInsensitive)) {
            problems << QStringLiteral("%1: File type '%2' is not allowed. Allowed types: %3")
                            .arg(NameRules::printable(f.path), ext,
                                 settings.allowedFileTypes.join(QStringLiteral(", ")));
            kinds << ErrorKind::TypeNotAllowed;
            continue;
        }
        paths << path.value();
        raws << f.path;
    }
    collisionsWithinBatch(paths, raws, problems);
    if (!problems.isEmpty())
        return batchError(problems, kinds);
    return paths;
}

Result<QStringList> UploadValidator::validateSessionUpload(const QList<FileToCheck> &files,
                                                           const SessionSettings &settings, int existingFiles)
{
    if (files.isEmpty())
        return Error::invalid(QStringLiteral("No files to upload"));
    QStringList problems;
    QList<ErrorKind> kinds;
    existingFiles = std::max(existingFiles, 0);
    if (qint64(existingFiles) + files.size() > settings.maxFilesPerSession) {
        problems << QStringLiteral("Too many files. Maximum %1 files per session (the session holds %2, this upload "
                                   "adds %3)")
                        .arg(settings.maxFilesPerSession)
                        .arg(existingFiles)
                        .arg(files.size());
        kinds << ErrorKind::Limit;
    }
    if (const qint64 total = totalOf(files); total > settings.maxUploadBytes()) {
        problems << sizeProblem(total, settings.maxUploadSize);
        kinds << ErrorKind::TooLarge;
    }
    // A name given twice is fine here: the session keeps both files (the second gets a new name).
    QStringList names;
    for (const FileToCheck &f : files) {
        const auto name = NameRules::sessionFileName(f.path);
        if (!name.ok())
            problems << name.error().message;
        else
            names << name.value();
    }
    if (!problems.isEmpty())
        return batchError(problems, kinds);
    return names;
}

} // namespace tsg
