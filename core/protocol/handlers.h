// The standard messages of docs/PROTOCOL.md, registered into a router by group: the TSG messages (the seed's
// tsg:* and the extras), the session messages, the single-message and chunked uploads, search and reading files. A
// handler works through the HandlerContext it is given and the library (and TSG list cache) its group is built with.
#pragma once

class QString;

namespace tsg {

class Library;
class MessageRouter;
class SearchIndex;
class TsgListCache;

namespace Handlers {

// tsg:create, tsg:list, tsg:select, tsg:delete, tsg:restore, tsg:trash, tsg:get-files.
void addTsgHandlers(MessageRouter &router, Library &library, TsgListCache &lists);
// tsg:update (rename, description, tags) and tsg:delete-file.
void addTsgEditHandlers(MessageRouter &router, Library &library, TsgListCache &lists);
// session:get-files, session:info, session:delete.
void addSessionHandlers(MessageRouter &router, Library &library);
// tsg:upload, session:upload (one message), tsg:upload:begin, session:upload:begin, upload:resume,
// upload:commit, upload:abort, upload:list (chunked).
void addUploadHandlers(MessageRouter &router, Library &library);
// tsg:search, answered from `index` (which must outlive the router).
void addSearchHandlers(MessageRouter &router, Library &library, SearchIndex &index);
// tsg:read-file, session:read-file.
void addReadHandlers(MessageRouter &router, Library &library);
// cleanup:status, cleanup:run.
void addCleanupHandlers(MessageRouter &router, Library &library);
// settings:get, settings:update (tsgSettings, sessionSettings, the upload limits).
void addSettingsHandlers(MessageRouter &router, Library &library);
// All of the above; tsg:search only when `index` is given (without it the type is unknown).
void addAll(MessageRouter &router, Library &library, TsgListCache &lists, SearchIndex *index = nullptr);

} // namespace Handlers
} // namespace tsg
