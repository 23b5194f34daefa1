// The session messages beyond the upload: session:get-files, session:info and session:delete. Each needs a
// sessionId, which the router checks.
#include "handlers.h"

#include "library.h"
#include "messagerouter.h"
#include "wire.h"

namespace tsg::Handlers {

void addSessionHandlers(MessageRouter &router, Library &library)
{
    const MessageSpec session{.needsSession = true};

    router.add(QStringLiteral("session:get-files"), session, [&library](const Request &r, HandlerContext &c) {
        c.whenDone(library.sessionFiles(r.sessionId), [r, &c](const Result<QList<SessionFile>> &files) {
            if (!files.ok())
                return c.replyError(r, files.error());
            c.reply(r, Wire::sessionFiles(r.sessionId, files.value()));
        });
    });

    router.add(QStringLiteral("session:info"), session, [&library](const Request &r, HandlerContext &c) {
        c.whenDone(library.touchSession(r.sessionId, c.origin()), [r, &c](const Result<SessionInfo> &info) {
            if (!info.ok())
                return c.replyError(r, info.error());
            c.reply(r, Wire::message(QStringLiteral("session:info:response"), Wire::sessionInfo(info.value())));
        });
    });

    router.add(QStringLiteral("session:delete"), session, [&library](const Request &r, HandlerContext &c) {
        c.whenDone(library.deleteSession(r.sessionId, c.origin()), [r, &c](const Status &deleted) {
            if (!deleted.ok())
                return c.replyError(r, deleted.error());
            c.reply(r,
                    Wire::message(QStringLiteral("session:delete:success"),
                                  {{QStringLiteral("sessionId"), r.sessionId}}));
        });
    });
}

} // namespace tsg::Handlers
