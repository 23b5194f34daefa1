// The standard messages of docs/PROTOCOL.md, registered into a router by group: the TSG messages (the seed's
// tsg:* and the extras), the session messages, and the single-message and chunked uploads. A handler works
// through the HandlerContext it is given and the library (and TSG list cache) its group is built with.
#pragma once

class QString;

namespace tsg {

class Library;
class MessageRouter;
class TsgListCache;

namespace Handlers {

// tsg:create, tsg:list, tsg:select, tsg:delete, tsg:restore, tsg:trash, tsg:get-files.
void addTsgHandlers(MessageRouter &router, Library &library, TsgListCache &lists);
// session:get-files, session:info, session:delete.
void addSessionHandlers(MessageRouter &router, Library &library);
// tsg:upload, session:upload (one message), tsg:upload:begin, session:upload:begin, upload:resume,
// upload:commit, upload:abort, upload:list (chunked).
void addUploadHandlers(MessageRouter &router, Library &library);
// All of the above.
void addAll(MessageRouter &router, Library &library, TsgListCache &lists);

} // namespace Handlers
} // namespace tsg
