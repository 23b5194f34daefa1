// One upload: its target (a TSG or a session) and its files, each a relative path or plain name with
// a ByteSource that knows its real size. Built by the server and the window alike.
#pragma once

#include "bytesource.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace tsg {

struct UploadFile {
    QString path;                       // TSG: relative path; session: plain file name
    QString claimedType;                // the client's MIME type, informational only
    std::unique_ptr<ByteSource> source; // the bytes; source->size() is the real size
    // The file's modification time to keep (ms since the epoch); none: the time it is stored.
    std::optional<qint64> mtimeMs = std::nullopt;
};

struct UploadProgress {
    int processed = 0; // files completely written
    int total = 0;
    qint64 bytesProcessed = 0; // bytes written to disk
    qint64 bytesTotal = 0;
    QString currentFile;
};

// Called from worker threads; keep it cheap (throttle in the receiver).
using ProgressFn = std::function<void(const UploadProgress &)>;

// Shared between the caller and the worker: set it to stop an upload, which then writes nothing.
using CancelFlag = std::shared_ptr<std::atomic_bool>;
inline CancelFlag makeCancelFlag()
{
    return std::make_shared<std::atomic_bool>(false);
}

struct UploadBatch {
    std::vector<UploadFile> files;
    ProgressFn onProgress; // optional
    CancelFlag cancel;     // optional
};

// What landed: per file, the stored path (TSG-relative, or absolute for sessions), size and hash.
struct StoredFile {
    QString name;
    QString path;
    qint64 size = 0;
    QString type;   // the seed's type name
    QString sha256; // hex
};

} // namespace tsg
