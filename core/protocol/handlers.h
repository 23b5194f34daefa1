// The handlers of the seed's messages (tsg:create, tsg:list, tsg:select, tsg:delete, tsg:upload,
// tsg:get-files, session:upload) and the extras (tsg:restore, tsg:trash, session:get-files,
// session:info, session:delete), registered into a router.
#pragma once

#include "bytesource.h"
#include "jsonview.h"
#include "library.h"
#include "messagehandler.h"
#include "uploadbatch.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <memory>

namespace tsg {

class Connection;
class MessageRouter;
struct Request;

namespace Handlers {

void addTsgHandlers(MessageRouter &router);
void addSessionHandlers(MessageRouter &router);
// The chunked upload messages (uploadhandlers.cpp): tsg:upload:begin, session:upload:begin,
// upload:resume, upload:commit, upload:abort, upload:list.
void addUploadHandlers(MessageRouter &router);

using HandlerFn = std::function<void(const Request &, Connection &)>;
// Registers a handler made of its declared fields and a function.
void add(MessageRouter &router, const QString &type, QList<FieldSpec> fields, HandlerFn fn);

// The seed's replies to a landed upload, shared by the single-message and chunked forms:
// tsg:files:response then tsg:upload:success, or session:upload:success.
void replyTsgUploaded(const Request &r, Connection &c, const TsgUploadResult &up);
void replySessionUploaded(const Request &r, Connection &c, const SessionUploadResult &up, const QStringList &claimedTypes,
                          const QStringList &originalNames);

// Walks data.files: reports a value that is not an array, an empty list and entries that are not
// objects, and calls each(at, entry) for the others (`at` names the entry: "data.files[3]").
void forEachFile(const json::Value &files, QStringList &problems,
                 const std::function<void(const QString &at, const json::Value &entry)> &each);

// A file's declared `size`: a JSON number that is a whole number from 0 to 2^53 - 1 (the largest whole
// number a JSON double holds exactly), else nullopt. Never converts an out-of-range double.
std::optional<qint64> declaredSize(const json::Value &size);
// The refusal for a `size` that declaredSize() does not take (`at` names the entry).
QString declaredSizeProblem(const QString &at);

// Builds an upload batch from the seed's files array ({path|name, content (base64), type, size}):
// each content is decoded in place from the received text. Every problem is collected.
std::shared_ptr<UploadBatch> batchFromFiles(const Request &request, const json::Value &files, const QString &pathKey,
                                            QStringList &problems);

} // namespace Handlers
} // namespace tsg
