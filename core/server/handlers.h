// The handlers of the seed's messages (tsg:create, tsg:list, tsg:select, tsg:delete, tsg:upload,
// tsg:get-files, session:upload) and the extras (tsg:restore, tsg:trash, session:get-files,
// session:info, session:delete), registered into a router.
#pragma once

#include "bytesource.h"
#include "jsonview.h"
#include "uploadbatch.h"

#include <QStringList>

#include <memory>

namespace tsg {

class MessageRouter;
struct Request;

namespace Handlers {

void addTsgHandlers(MessageRouter &router);
void addSessionHandlers(MessageRouter &router);

// Builds an upload batch from the seed's files array ({path|name, content (base64), type, size}):
// each content is decoded in place from the received text. Every problem is collected.
std::shared_ptr<UploadBatch> batchFromFiles(const Request &request, const json::Value &files, const QString &pathKey,
                                            QStringList &problems);

} // namespace Handlers
} // namespace tsg
