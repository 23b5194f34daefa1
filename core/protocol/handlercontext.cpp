#include "handlercontext.h"

#include "progressthrottle.h"
#include "wire.h"

#include <QMutex>

namespace tsg {

void HandlerContext::reply(const Request &request, const QJsonObject &message)
{
    sendText(Wire::toText(message, request.requestId));
}

void HandlerContext::replyError(const Request &request, const Error &error)
{
    reply(request, Wire::error(request.type, error));
}

ProgressFn HandlerContext::progress(const Request &request, const QString &type, const QString &target)
{
    struct State {
        QMutex mutex;
        ProgressThrottle throttle;
    };
    auto state = std::make_shared<State>();
    return [this, poster = poster(), state, requestId = request.requestId, type, target](const UploadProgress &p) {
        {
            QMutexLocker lock(&state->mutex);
            if (!state->throttle.due(p.total > 0 && p.processed == p.total))
                return;
        }
        // Queued to the client's thread (`this` is only touched there, while it lives); the reply that
        // follows the upload is queued after it.
        poster->post([this, text = Wire::toText(Wire::progress(type, p, target), requestId)] { sendText(text); });
    };
}

} // namespace tsg
