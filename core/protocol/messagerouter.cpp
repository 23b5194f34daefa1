#include "messagerouter.h"

#include "connection.h"
#include "handlers.h"

namespace tsg {

namespace {

QString typeName(json::Value::Type t)
{
    switch (t) {
    case json::Value::Type::Null: return QStringLiteral("null");
    case json::Value::Type::Bool: return QStringLiteral("a boolean");
    case json::Value::Type::Number: return QStringLiteral("a number");
    case json::Value::Type::String: return QStringLiteral("a string");
    case json::Value::Type::Array: return QStringLiteral("an array");
    case json::Value::Type::Object: return QStringLiteral("an object");
    }
    return {};
}

} // namespace

MessageRouter MessageRouter::withStandardHandlers()
{
    MessageRouter r;
    Handlers::addTsgHandlers(r);
    Handlers::addSessionHandlers(r);
    Handlers::addUploadHandlers(r);
    return r;
}

void MessageRouter::add(const QString &type, std::shared_ptr<MessageHandler> handler)
{
    m_handlers.insert(type, std::move(handler));
}

QStringList MessageRouter::check(const Request &request, const MessageHandler &handler) const
{
    QStringList problems;
    const json::Value &data = request.data();
    const QList<FieldSpec> fields = handler.fields();
    if (!fields.isEmpty() && !data.isObject())
        problems << QStringLiteral("'data' must be an object");
    for (const FieldSpec &f : fields) {
        const json::Value *v = data.isObject() ? data.find(f.name) : nullptr;
        if (!v) {
            if (f.required)
                problems << QStringLiteral("data.%1 is required").arg(f.name);
            continue;
        }
        if (v->isNull() && (f.nullable || !f.required))
            continue;
        if (v->type() != f.type) {
            problems << QStringLiteral("data.%1 must be %2%3").arg(f.name, typeName(f.type),
                                                                   f.nullable ? QStringLiteral(" or null") : QString());
            continue;
        }
        if (v->isString() && v->raw().size() > f.maxLength)
            problems << QStringLiteral("data.%1 is longer than %2 characters").arg(f.name).arg(f.maxLength);
    }
    return problems;
}

void MessageRouter::route(const Request &request, Connection &connection) const
{
    const auto handler = m_handlers.value(request.type);
    if (!handler) {
        connection.replyError(request, QStringLiteral("Unknown message type: %1").arg(request.type));
        return;
    }
    if (const QStringList problems = check(request, *handler); !problems.isEmpty()) {
        connection.replyError(request, problems.join(QStringLiteral("; ")));
        return;
    }
    handler->handle(request, connection);
}

} // namespace tsg
