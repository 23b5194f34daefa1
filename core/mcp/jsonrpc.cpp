#include "jsonrpc.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace tsg {

namespace {

bool isValidId(const QJsonValue &id)
{
    return id.isString() || id.isDouble();
}

} // namespace

JsonRpc::Parsed JsonRpc::parse(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {.errorReply = error(QJsonValue::Null,
                                    {.code = ParseError,
                                     .message = QStringLiteral("Parse error: %1 at byte %2")
                                                    .arg(parseError.errorString())
                                                    .arg(parseError.offset)})};
    if (!doc.isObject())
        return {.errorReply = error(QJsonValue::Null,
                                    {.code = InvalidRequest,
                                     .message = QStringLiteral("Invalid request: a message is one JSON object "
                                                               "(batches are not part of MCP)")})};
    const QJsonObject message = doc.object();
    const QJsonValue id = message.value(u"id");
    if (!message.contains(u"method") && (message.contains(u"result") || message.contains(u"error")))
        return {}; // a reply: the server sends no requests, so nothing waits for it
    const bool hasValidId = isValidId(id);
    const QJsonValue replyId = hasValidId ? id : QJsonValue(QJsonValue::Null);
    if (message.value(u"jsonrpc") != QStringLiteral("2.0"))
        return {.errorReply = error(replyId,
                                    {.code = InvalidRequest,
                                     .message = QStringLiteral("Invalid request: jsonrpc must be \"2.0\"")})};
    if (!message.value(u"method").isString())
        return {.errorReply = error(replyId,
                                    {.code = InvalidRequest,
                                     .message = QStringLiteral("Invalid request: method must be a string")})};
    if (message.contains(u"id") && !hasValidId)
        return {.errorReply = error(QJsonValue::Null,
                                    {.code = InvalidRequest,
                                     .message = QStringLiteral("Invalid request: id must be a string or a number")})};
    const QJsonValue params = message.value(u"params");
    if (!params.isUndefined() && !params.isObject())
        return {.errorReply = error(replyId,
                                    {.code = InvalidParams,
                                     .message = QStringLiteral("Invalid params: params must be an object")})};
    return {.request = Request{.id = message.contains(u"id") ? id : QJsonValue(QJsonValue::Undefined),
                               .method = message.value(u"method").toString(),
                               .params = params.toObject()}};
}

QJsonObject JsonRpc::result(const QJsonValue &id, const QJsonObject &result)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("result"), result}};
}

QJsonObject JsonRpc::error(const QJsonValue &id, const Failure &failure)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), failure.code}, {QStringLiteral("message"), failure.message}}}};
}

QByteArray JsonRpc::serialize(const QJsonObject &reply)
{
    return QJsonDocument(reply).toJson(QJsonDocument::Compact);
}

} // namespace tsg
