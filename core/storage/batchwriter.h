// Writes an upload batch into a fresh folder of the staging area: files in parallel (one worker per
// file, both cores), each read from its ByteSource in chunks, hashed (SHA-256) as it is written.
// Nothing is visible in the library until a store commits the result; a failure, a cancel or
// destruction of an uncommitted StagedBatch removes the folder.
#pragma once

#include "result.h"
#include "safedir.h"
#include "uploadbatch.h"

#include <QString>

#include <vector>

namespace tsg {

struct StagedFile {
    QString stagedName; // name inside the staged batch folder
    QString targetPath; // TSG-relative path, or session file name
    qint64 size = 0;
    QString sha256;                               // hex
    std::optional<qint64> mtimeMs = std::nullopt; // set on the file at commit (ms since the epoch)
};

class StagedBatch {
public:
    StagedBatch() = default;
    StagedBatch(SafeDir staging, QString folderName, std::vector<StagedFile> files);
    ~StagedBatch(); // removes the folder unless released
    StagedBatch(StagedBatch &&other) noexcept;
    StagedBatch &operator=(StagedBatch &&other) noexcept;

    const SafeDir &folder() const { return m_folder; }
    const std::vector<StagedFile> &files() const { return m_files; }
    qint64 totalBytes() const;
    // fdatasync of every staged file: a commit calls it before its first rename, so no file can
    // appear in the library with bytes still only in the page cache.
    Status syncFiles() const;
    // After a commit moved every file out: the (empty) folder is removed now, and its removal
    // made durable (fsync of the staging area).
    void finish();
    // Leaves the folder on disk (a chunked upload keeps its data when a commit is refused).
    void release() { m_folderName.clear(); }

private:
    friend class BatchWriter;
    SafeDir m_staging; // the staging area
    SafeDir m_folder;  // this batch's folder inside it
    QString m_folderName;
    std::vector<StagedFile> m_files;
};

class BatchWriter {
public:
    // stagingDir: the data folder's staging area. targetPaths: validated names, in batch order.
    static Result<StagedBatch> write(const QString &stagingDir, UploadBatch &batch, const QStringList &targetPaths);
};

} // namespace tsg
