// From a text frame to a handler: parses the JSON, checks the envelope (type, requestId, sessionId, data)
// and the fields the message's route declares, in one place, then calls the handler. Every problem of a
// request is reported at once, as an error reply with a code. It knows neither the transport nor the
// handlers: each is added with the spec of what it needs.
#pragma once

#include "handlercontext.h"
#include "jsonview.h"
#include "request.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace tsg {

// One field of `data` a message needs.
struct FieldSpec {
    QString name{};
    json::Value::Type type = json::Value::Type::String;
    bool required = true;
    bool nullable = false;      // null is accepted (and means "absent")
    qsizetype maxLength = 4096; // for strings: longer is refused (a 10 MB "name" is an error)
};

// What a message needs before its handler runs.
struct MessageSpec {
    QList<FieldSpec> fields{}; // of `data`; when there are any, `data` must be an object
    bool needsSession = false; // a valid `sessionId` must come with it
};

using HandlerFn = std::function<void(const Request &, HandlerContext &)>;

class MessageRouter {
public:
    void add(const QString &type, MessageSpec spec, HandlerFn handler);
    bool knows(const QString &type) const { return m_routes.contains(type); }

    // Parses `text` and hands the request to its handler, or replies with the error.
    void handleText(const QString &text, HandlerContext &context) const;
    // The same for the message that is `length` characters of `frame` from `from` (a Socket.IO packet's
    // argument): the frame is kept, shared, not copied.
    void handleText(const QString &frame, qsizetype from, qsizetype length, HandlerContext &context) const;

private:
    struct Route {
        MessageSpec spec;
        HandlerFn handler;
    };
    // Every problem of the envelope and then of the route's fields (an empty list: the request may go on).
    QStringList problems(const json::Value &root, const Request &request, const MessageSpec &spec) const;

    QHash<QString, Route> m_routes;
};

} // namespace tsg
