// The seed's validateTSGUpload / validateSessionUpload, applied to the real sizes of the bytes
// received. Reports every problem of a batch at once, in the seed's words ("exceeds limit",
// "is not allowed", "Invalid file path", "Too many files"), naming the offending file.
#pragma once

#include "result.h"
#include "settings.h"

#include <QList>
#include <QString>

namespace tsg {

struct FileToCheck {
    QString path; // TSG: relative path; session: file name
    qint64 size = 0;
};

class UploadValidator {
public:
    // Returns the normalised (NFC) paths in input order, or every problem found. Also refuses two
    // files of the batch that collide on case or normalisation.
    static Result<QStringList> validateTsgUpload(const QList<FileToCheck> &files, const TsgSettings &settings);

    // existingFiles: how many files the session already holds (the limit counts its whole content).
    static Result<QStringList> validateSessionUpload(const QList<FileToCheck> &files, const SessionSettings &settings,
                                                     int existingFiles);

    // "12.34": mebibytes (MiB, 1,048,576 bytes) with two decimals, as sizes appear in messages.
    static QString megabytes(qint64 bytes);
};

} // namespace tsg
