// What both upload forms read from a request and send back, for a TSG and a session alike: the files
// array walked and checked, the batch decoded from it, and the seed's replies to a landed upload.
#pragma once

#include "handlercontext.h"
#include "jsonview.h"
#include "library.h"
#include "uploadbatch.h"
#include "uploadtarget.h"

#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace tsg::UploadMessages {

// The key that names a file in data.files: "path" for a TSG, "name" for a session (as the seed has it).
QString pathKey(const UploadTarget &target);

// Walks data.files: reports a value that is not an array, an empty list and entries that are not
// objects, and calls each(at, entry) for the others (`at` names the entry: "data.files[3]").
void forEachFile(const json::Value &files, QStringList &problems,
                 const std::function<void(const QString &at, const json::Value &entry)> &each);

// A file's declared `size`: a JSON number that is a whole number from 0 to 2^53 - 1 (the largest whole
// number a JSON double holds exactly), else nullopt. Never converts an out-of-range double.
std::optional<qint64> declaredSize(const json::Value &size);
// The refusal for a `size` that declaredSize() does not take (`at` names the entry).
QString declaredSizeProblem(const QString &at);
// A file's `mtime` as a client gives it (both upload forms): milliseconds since 1970-01-01 UTC, a whole number from
// 0 to 253402300799999 (the end of the year 9999); nullopt otherwise.
std::optional<qint64> declaredMtime(const json::Value &mtime);
QString declaredMtimeProblem(const QString &at);

// Builds an upload batch from the seed's files array ({path|name, content (base64), type, size}): each
// content is decoded in place from the received text. Every problem is collected.
std::shared_ptr<UploadBatch> batchFromFiles(const json::Value &files, const UploadTarget &target,
                                            QStringList &problems);

// The seed's replies to a landed upload, for both forms: tsg:files:response then tsg:upload:success, or
// session:upload:success. `sent` holds the files as the client named them and typed them, in order.
struct SentFile {
    QString name;
    QString type;
};
void replyUploaded(const Request &request, HandlerContext &context, const UploadResult &result,
                   const QList<SentFile> &sent);

} // namespace tsg::UploadMessages
