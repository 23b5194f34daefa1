#include "messagerouter.h"

#include "namerules.h"
#include "wire.h"

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

constexpr qsizetype kMaxTypeLength = 64;
constexpr qsizetype kMaxRequestIdLength = 256;

} // namespace

void MessageRouter::add(const QString &type, MessageSpec spec, HandlerFn handler)
{
    m_routes.insert(type, {std::move(spec), std::move(handler)});
}

void MessageRouter::handleText(const QString &text, HandlerContext &context) const
{
    handleText(text, 0, text.size(), context);
}

void MessageRouter::handleText(const QString &frame, qsizetype from, qsizetype length, HandlerContext &context) const
{
    auto message = std::make_shared<ParsedMessage>();
    message->text = frame; // shared, not copied: big strings are read in place
    auto parsed = json::Document::parse(QStringView(message->text).mid(from, length));
    if (!parsed.ok())
        return context.sendText(Wire::toText(Wire::error(QString(), parsed.error())));
    message->doc = std::move(parsed).value();
    const json::Value &root = message->doc.root();
    if (!root.isObject())
        return context.sendText(
            Wire::toText(Wire::error(QString(), Error::invalid(QStringLiteral("A message must be a JSON object")))));

    Request request;
    request.message = message;
    const json::Value &id = root[u"requestId"];
    if (id.isString() && id.raw().size() <= kMaxRequestIdLength)
        request.requestId = id.toString();
    else if (id.isNumber())
        request.requestId = id.toNumber();
    const json::Value &type = root[u"type"];
    if (!type.isString() || type.raw().size() > kMaxTypeLength)
        return context.reply(request,
                             Wire::error(QString(),
                                         Error::invalid(QStringLiteral(
                                             "Missing or invalid 'type': a message needs a string type"))));
    const QString typeText = type.toString();
    const auto route = m_routes.constFind(typeText);
    if (route == m_routes.cend())
        return context.reply(request,
                             Wire::error(QString(),
                                         Error::of(ErrorKind::Unsupported,
                                                   QStringLiteral("Unknown message type: %1").arg(typeText))));
    request.type = typeText;
    if (const QStringList found = problems(root, request, route->spec); !found.isEmpty())
        return context.replyError(request, Error::batch(ErrorKind::Invalid, found));
    if (const json::Value *session = root.find(u"sessionId"); session && session->isString())
        request.sessionId = session->toString();
    if (!request.sessionId.isEmpty())
        context.useSession(request.sessionId);
    route->handler(request, context);
}

QStringList MessageRouter::problems(const json::Value &root, const Request &request, const MessageSpec &spec) const
{
    QStringList found;
    const json::Value *id = root.find(u"requestId");
    if (id && !id->isNull() && !id->isString() && !id->isNumber())
        found << QStringLiteral("'requestId' must be a string or a number");
    const json::Value *session = root.find(u"sessionId");
    if (session && !session->isNull()) {
        if (!session->isString() || !NameRules::sessionId(session->toString()).ok())
            found << QStringLiteral("'sessionId' must be 1 to 128 letters, digits, '-' or '_'");
    } else if (spec.needsSession) {
        found << QStringLiteral("'sessionId' is required");
    }
    const json::Value *data = root.find(u"data");
    if (data && !data->isObject() && !data->isNull())
        found << QStringLiteral("'data' must be an object");
    if (!found.isEmpty())
        return found;

    const json::Value &fields = request.data();
    if (!spec.fields.isEmpty() && !fields.isObject())
        found << QStringLiteral("'data' must be an object");
    for (const FieldSpec &f : spec.fields) {
        const json::Value *v = fields.isObject() ? fields.find(f.name) : nullptr;
        if (!v) {
            if (f.required)
                found << QStringLiteral("data.%1 is required").arg(f.name);
            continue;
        }
        if (v->isNull() && (f.nullable || !f.required))
            continue;
        if (v->type() != f.type) {
            found << QStringLiteral("data.%1 must be %2%3")
                         .arg(f.name, typeName(f.type), f.nullable ? QStringLiteral(" or null") : QString());
            continue;
        }
        if (v->isString() && v->raw().size() > f.maxLength)
            found << QStringLiteral("data.%1 is longer than %2 characters").arg(f.name).arg(f.maxLength);
    }
    return found;
}

} // namespace tsg
