#include "mcpendpoint.h"

#include "authgate.h"
#include "mcpserver.h"
#include "searchindex.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace tsg {

namespace {

// JSON-RPC's code for an error of the transport rather than of a method (the range left to servers).
constexpr int kTransportError = -32000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 411: return QByteArrayLiteral("Length Required");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    default: return QByteArrayLiteral("Bad Request");
    }
}

// A reply with `json` as its body (none when empty), and `extraHeaders` (each ending in CRLF).
McpEndpoint::Reply reply(int status, const QByteArray &json, const QByteArray &extraHeaders = {})
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!json.isEmpty())
        out += "Content-Type: application/json\r\n";
    out += extraHeaders + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n";
    if (status != 204) // a 204 has no body, and says no length (RFC 9110)
        out += "Content-Length: " + QByteArray::number(json.size()) + "\r\n";
    out += "\r\n" + json;
    return {.bytes = out, .status = status};
}

// A refusal: the status, and a JSON-RPC error without an id saying why.
McpEndpoint::Reply refuse(int status, const QString &message, const QByteArray &extraHeaders = {},
                          int code = kTransportError)
{
    return reply(status, JsonRpc::serialize(JsonRpc::error(QJsonValue::Null, {.code = code, .message = message})),
                 extraHeaders);
}

// The same, counting as an admission failure for the slow-down.
McpEndpoint::Reply refuseAdmission(int status, const QString &message, const QByteArray &extraHeaders = {})
{
    McpEndpoint::Reply r = refuse(status, message, extraHeaders);
    r.refusal = message;
    return r;
}

const QByteArray kAllow = QByteArrayLiteral("Allow: POST, DELETE\r\n");

// The session a request names in Mcp-Session-Id, or the answer when it names none that is open.
struct FoundSession {
    std::shared_ptr<McpSessions::Session> session{};
    std::optional<McpEndpoint::Reply> refusal{};
};

FoundSession findSession(McpSessions &sessions, const HttpRequestHead &head)
{
    const QList<QByteArray> ids = head.values("mcp-session-id");
    if (ids.isEmpty())
        return {.refusal = refuse(400,
                                  QStringLiteral("Mcp-Session-Id is required: send initialize first, then the "
                                                 "Mcp-Session-Id of its reply with every request"))};
    if (ids.size() > 1)
        return {.refusal = refuse(400, QStringLiteral("Mcp-Session-Id is given more than once"))};
    auto session = sessions.find(QString::fromLatin1(ids.first()));
    if (!session)
        return {.refusal = refuse(404,
                                  QStringLiteral("Session not found: it has ended; send initialize again to "
                                                 "start a new one"))};
    const QList<QByteArray> versions = head.values("mcp-protocol-version");
    if (versions.size() > 1)
        return {.refusal = refuse(400, QStringLiteral("MCP-Protocol-Version is given more than once"))};
    if (versions.size() == 1 && QString::fromLatin1(versions.first()) != session->protocolVersion)
        return {.refusal = refuse(400,
                                  QStringLiteral("MCP-Protocol-Version '%1' is not this session's: it agreed "
                                                 "on %2 at initialize")
                                      .arg(QString::fromLatin1(versions.first().left(100)), session->protocolVersion))};
    return {.session = std::move(session)};
}

} // namespace

McpEndpoint::McpEndpoint(const AuthGate &gate, QString dataRoot, SearchIndex *index)
    : m_gate(gate), m_dataRoot(std::move(dataRoot)), m_index(index)
{
    m_pool.setMaxThreadCount(kWorkerThreads);
    m_pool.setObjectName(QStringLiteral("tsgdesk-mcp"));
}

McpEndpoint::~McpEndpoint()
{
    m_pool.waitForDone();
}

bool McpEndpoint::isMcpRequest(const QByteArray &head)
{
    const qsizetype space = head.indexOf(' ');
    if (space <= 0)
        return false;
    const QByteArray target = head.mid(space + 1, 5);
    return target == "/mcp " || target == "/mcp?";
}

McpEndpoint::Reply McpEndpoint::malformed()
{
    return refuse(400, QStringLiteral("Malformed HTTP request"));
}

McpEndpoint::Admission McpEndpoint::admit(const HttpRequestHead &head) const
{
    // The WebSocket's checks: one Host naming this server (DNS rebinding), and a browser's Origin on localhost.
    const QList<QByteArray> hosts = head.values("host");
    if (hosts.size() != 1 || hosts.first().isEmpty())
        return {.refusal = refuseAdmission(400, QStringLiteral("Exactly one Host header is required"))};
    if (!m_gate.hostAllowed(QString::fromLatin1(hosts.first())))
        return {.refusal = refuseAdmission(403,
                                           QStringLiteral("Host '%1' is not this server")
                                               .arg(QString::fromLatin1(hosts.first().left(100))))};
    const QList<QByteArray> origins = head.values("origin");
    if (origins.size() > 1)
        return {.refusal = refuseAdmission(403, QStringLiteral("Origin is given more than once"))};
    if (origins.size() == 1 && (origins.first().isEmpty() || !m_gate.originAllowed(QString::fromUtf8(origins.first()))))
        return {.refusal = refuseAdmission(403,
                                           QStringLiteral("Origin '%1' is not allowed")
                                               .arg(QString::fromUtf8(origins.first().left(100))))};

    // The token, in the header only: never in the URL.
    const QList<QByteArray> authorization = head.values("authorization");
    QByteArray token;
    if (authorization.size() == 1 && authorization.first().left(7).toLower() == "bearer ")
        token = authorization.first().mid(7).trimmed();
    if (token.isEmpty())
        return {.refusal = refuseAdmission(401, QStringLiteral("Missing token: send Authorization: Bearer TOKEN"),
                                           QByteArrayLiteral("WWW-Authenticate: Bearer realm=\"TSG Desk\"\r\n"))};
    if (!m_gate.tokenMatches(QString::fromUtf8(token)))
        return {.refusal = refuseAdmission(401, QStringLiteral("Wrong token"),
                                           QByteArrayLiteral("WWW-Authenticate: Bearer realm=\"TSG Desk\", "
                                                             "error=\"invalid_token\"\r\n"))};

    const QByteArray &method = head.method();
    if (method == "GET")
        return {.refusal = refuse(405, QStringLiteral("This server offers no SSE stream: send each message as a POST"),
                                  kAllow)};
    if (method != "POST" && method != "DELETE")
        return {.refusal = refuse(405, QStringLiteral("Only POST and DELETE are allowed"), kAllow)};
    if (method == "POST") {
        const QList<QByteArray> types = head.values("content-type");
        if (types.size() != 1 || types.first().split(';').first().trimmed().toLower() != "application/json")
            return {.refusal = refuse(415, QStringLiteral("Content-Type must be application/json"))};
    }
    const HttpRequestHead::BodyLength length = head.bodyLength(kMaxBodyBytes, method == "POST");
    switch (length.refusal) {
    case 0: return {.bodyLength = length.bytes};
    case 411: return {.refusal = refuse(411, QStringLiteral("Content-Length is required (no Transfer-Encoding)"))};
    case 413: return {.refusal = refuse(413, QStringLiteral("The body exceeds %1 bytes").arg(kMaxBodyBytes))};
    default: return {.refusal = refuse(400, QStringLiteral("Content-Length must be given once, as a number"))};
    }
}

void McpEndpoint::serve(const HttpRequestHead &head, const QByteArray &body, std::function<void(const Reply &)> done)
{
    if (head.method() == "DELETE") {
        const QList<QByteArray> ids = head.values("mcp-session-id");
        if (ids.size() != 1)
            return done(refuse(400, QStringLiteral("DELETE ends the session named by one Mcp-Session-Id")));
        if (!m_sessions.remove(QString::fromLatin1(ids.first())))
            return done(refuse(404, QStringLiteral("Session not found: it has ended")));
        qCDebug(lcServer) << "MCP session ended by its client";
        return done(reply(204, {}));
    }
    const JsonRpc::Parsed parsed = JsonRpc::parse(body);
    if (parsed.errorReply)
        return done(reply(400, JsonRpc::serialize(*parsed.errorReply)));
    if (parsed.request && !parsed.request->isNotification() && parsed.request->method == u"initialize") {
        if (!head.values("mcp-session-id").isEmpty())
            return done(refuse(400,
                               QStringLiteral("initialize starts a new session: send it without "
                                              "Mcp-Session-Id")));
        const QList<QByteArray> versions = head.values("mcp-protocol-version");
        if (versions.size() > 1
            || (versions.size() == 1 && !McpServer::protocolVersions().contains(QString::fromLatin1(versions.first()))))
            return done(refuse(400,
                               QStringLiteral("MCP-Protocol-Version must be one of %1")
                                   .arg(McpServer::protocolVersions().join(QStringLiteral(", ")))));
        return initialize(*parsed.request, std::move(done));
    }
    const FoundSession found = findSession(m_sessions, head);
    if (found.refusal)
        return done(*found.refusal);
    if (!parsed.request || parsed.request->isNotification())
        return done(reply(202, {})); // a notification, or a reply to a request we never send: nothing to answer
    std::shared_ptr<McpSessions::Session> session = found.session;
    const JsonRpc::Request request = *parsed.request;
    m_pool.start([session, request, done = std::move(done)] {
        QMutexLocker lock(&session->lock);
        const std::optional<QJsonObject> answer = session->service.server().handle(request);
        lock.unlock();
        done(reply(200, JsonRpc::serialize(answer.value_or(QJsonObject()))));
    });
}

void McpEndpoint::initialize(const JsonRpc::Request &request, std::function<void(const Reply &)> done)
{
    LibraryView::Searcher searcher;
    if (SearchIndex *index = m_index)
        searcher = [index](const SearchRequest &r) { return index->search(r); };
    auto session =
        std::make_shared<McpSessions::Session>(m_dataRoot, QCoreApplication::applicationVersion(), std::move(searcher));
    m_pool.start([this, session, request, done = std::move(done)] {
        const std::optional<QJsonObject> answer = session->service.server().handle(request);
        const QByteArray json = JsonRpc::serialize(answer.value_or(QJsonObject()));
        if (!answer || !answer->contains(u"result"))
            return done(reply(200, json)); // refused (bad params): no session
        session->protocolVersion = session->service.server().protocolVersion();
        const QString id = m_sessions.add(session);
        qCInfo(lcServer) << "MCP session started over HTTP, protocol version" << session->protocolVersion;
        done(reply(200, json, "Mcp-Session-Id: " + id.toLatin1() + "\r\n"));
    });
}

} // namespace tsg
