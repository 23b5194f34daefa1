#include "mcpserver.h"

#include "mcplogging.h"
#include "promptcatalog.h"
#include "resourcecatalog.h"
#include "toolregistry.h"

#include <QJsonArray>

namespace tsg {

namespace {

JsonRpc::Failure failureOf(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::NotFound: return {.code = JsonRpc::InvalidParams, .message = error.message};
    case ErrorKind::Invalid: return {.code = JsonRpc::InvalidParams, .message = error.message};
    default: return {.code = JsonRpc::InternalError, .message = error.message};
    }
}

// Reads the string parameter `key` into `out`; the failure to reply with when it is not one.
std::optional<JsonRpc::Failure> stringParam(const QJsonObject &params, QStringView key, QString *out)
{
    const QJsonValue v = params.value(key);
    if (!v.isString())
        return JsonRpc::Failure{.code = JsonRpc::InvalidParams,
                                .message = QStringLiteral("Invalid params: %1 must be a string").arg(key)};
    *out = v.toString();
    return std::nullopt;
}

const QString kInstructions = QStringLiteral(
    "TSG Desk's library of troubleshooting guides (TSGs), read only. list_tsgs and get_active_tsg say which guides "
    "there are and which one the user works with; search finds the steps that match an error or a symptom; "
    "read_file reads a guide's file by lines, 32 KiB at a time; list_session_files and read_session_file read the "
    "logs the user uploaded for this investigation.");

} // namespace

const QStringList &McpServer::protocolVersions()
{
    static const QStringList versions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18")};
    return versions;
}

McpServer::McpServer(Parts parts, QString version) : m_parts(parts), m_version(std::move(version)) {}

std::optional<QByteArray> McpServer::handleLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
        return std::nullopt;
    const JsonRpc::Parsed parsed = JsonRpc::parse(line);
    if (parsed.errorReply)
        return JsonRpc::serialize(*parsed.errorReply);
    if (!parsed.request)
        return std::nullopt;
    const auto reply = handle(*parsed.request);
    return reply ? std::optional<QByteArray>(JsonRpc::serialize(*reply)) : std::nullopt;
}

std::optional<QJsonObject> McpServer::handle(const JsonRpc::Request &request)
{
    if (request.isNotification()) {
        qCDebug(lcMcp) << "notification" << request.method;
        return std::nullopt; // initialized, cancelled, progress: nothing to answer, nothing runs in the background
    }
    const Answer answer = dispatch(request.method, request.params);
    if (const auto *failure = std::get_if<JsonRpc::Failure>(&answer)) {
        qCInfo(lcMcp) << request.method << "failed:" << failure->message;
        return JsonRpc::error(request.id, *failure);
    }
    return JsonRpc::result(request.id, std::get<QJsonObject>(answer));
}

McpServer::Answer McpServer::dispatch(const QString &method, const QJsonObject &params)
{
    if (method == u"initialize")
        return initialize(params);
    if (method == u"ping")
        return QJsonObject();
    if (method == u"tools/list")
        return QJsonObject{{QStringLiteral("tools"), m_parts.tools.list()}};
    if (method == u"tools/call")
        return callTool(params);
    if (method == u"resources/list") {
        const auto page = m_parts.resources.list(params.value(u"cursor").toString());
        return page.ok() ? Answer(page.value()) : Answer(failureOf(page.error()));
    }
    if (method == u"resources/read") {
        QString uri;
        if (const auto bad = stringParam(params, u"uri", &uri))
            return *bad;
        const auto read = m_parts.resources.read(uri);
        if (!read.ok())
            return JsonRpc::Failure{.code = read.error().kind == ErrorKind::NotFound ? JsonRpc::ResourceNotFound
                                                                                     : JsonRpc::InvalidParams,
                                    .message = read.error().message};
        return read.value();
    }
    if (method == u"resources/templates/list")
        return m_parts.resources.templates();
    if (method == u"prompts/list")
        return m_parts.prompts.list();
    if (method == u"prompts/get") {
        QString name;
        if (const auto bad = stringParam(params, u"name", &name))
            return *bad;
        const auto prompt = m_parts.prompts.get(name, params.value(u"arguments").toObject());
        return prompt.ok() ? Answer(prompt.value()) : Answer(failureOf(prompt.error()));
    }
    return JsonRpc::Failure{.code = JsonRpc::MethodNotFound,
                            .message = QStringLiteral("Method not found: %1").arg(method)};
}

McpServer::Answer McpServer::initialize(const QJsonObject &params)
{
    QString asked;
    if (const auto bad = stringParam(params, u"protocolVersion", &asked))
        return *bad;
    m_protocolVersion = protocolVersions().contains(asked) ? asked : protocolVersions().first();
    const QJsonObject client = params.value(u"clientInfo").toObject();
    qCInfo(lcMcp) << "initialize from" << client.value(u"name").toString() << client.value(u"version").toString()
                  << "asking for" << asked << "- speaking" << m_protocolVersion;
    const QJsonObject noChanges{{QStringLiteral("listChanged"), false}};
    QJsonObject resources = noChanges;
    resources.insert(QStringLiteral("subscribe"), false);
    return QJsonObject{{QStringLiteral("protocolVersion"), m_protocolVersion},
                       {QStringLiteral("capabilities"),
                        QJsonObject{{QStringLiteral("tools"), noChanges},
                                    {QStringLiteral("resources"), resources},
                                    {QStringLiteral("prompts"), noChanges}}},
                       {QStringLiteral("serverInfo"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("tsgdesk")},
                                    {QStringLiteral("title"), QStringLiteral("TSG Desk")},
                                    {QStringLiteral("version"), m_version}}},
                       {QStringLiteral("instructions"), kInstructions}};
}

McpServer::Answer McpServer::callTool(const QJsonObject &params)
{
    QString name;
    if (const auto bad = stringParam(params, u"name", &name))
        return *bad;
    const QJsonValue arguments = params.value(u"arguments");
    if (!arguments.isUndefined() && !arguments.isObject())
        return JsonRpc::Failure{.code = JsonRpc::InvalidParams,
                                .message = QStringLiteral("Invalid params: arguments must be an object")};
    const auto result = m_parts.tools.call(name, arguments.toObject());
    if (!result)
        return JsonRpc::Failure{.code = JsonRpc::InvalidParams,
                                .message = QStringLiteral("Unknown tool: %1").arg(name)};
    if (result->isError)
        qCInfo(lcMcp) << "tool" << name << "refused:" << result->content.first().toObject().value(u"text").toString();
    return result->toJson();
}

} // namespace tsg
