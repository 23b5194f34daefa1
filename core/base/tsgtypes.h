// What the library tells its views about TSGs, files, sessions and the trash.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tsg {

struct TsgInfo {
    QString name;
    int fileCount = 0;   // files, not folders
    qint64 size = 0;     // bytes of all files
    QDateTime createdAt; // from .metadata.json (UTC)
    QDateTime updatedAt; // moves on every change
    QString description;
    QStringList tags;
    bool operator==(const TsgInfo &) const = default;
};

struct FileEntry {
    QString path; // relative to the TSG, '/'-separated
    QString name;
    qint64 size = 0; // 0 for folders
    bool isDirectory = false;
    QString type;   // the seed's type name; "directory" for folders
    QString sha256; // hex, when known and the file is unchanged since it was stored
    QDateTime modifiedAt;
};

struct TrashEntry {
    QString id;
    enum class Kind { Tsg, File } kind = Kind::Tsg;
    QString tsgName; // the TSG it was, or the TSG the replaced file belonged to
    QString path;    // for Kind::File: the replaced file's relative path
    // Why a Kind::File entry is in the trash: deleted (a file or a folder), or replaced by an upload.
    enum class Cause { Deleted, Replaced } cause = Cause::Deleted;
    bool folder = false; // a Kind::File entry that holds a folder of the TSG (with its files)
    QDateTime deletedAt;
    qint64 size = 0;
    int fileCount = 0;
};

struct SessionInfo {
    QString id;
    QDateTime createdAt;
    QDateTime lastActivity;
    int fileUploadCount = 0; // files uploaded over the session's life
    int fileCount = 0;       // files it holds now
    qint64 size = 0;
    std::optional<QString> activeTsg;
    QStringList uploadedFiles; // names of the files it holds
};

struct SessionFile {
    QString name;
    QString path; // absolute path on disk
    qint64 size = 0;
    QString type;
    QDateTime modifiedAt;
};

} // namespace tsg
