#include "httpresponder.h"

#include "authgate.h"
#include "webassets.h"

#include <QList>

#include <optional>

namespace tsg {

namespace {

struct Request {
    QByteArray method{};
    QByteArray path{};
    QList<std::pair<QByteArray, QByteArray>> headers{}; // names lower-cased, values trimmed
};

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

// The request line and headers, or nothing when they break RFC 9112's grammar (bare CR or LF, folded
// lines, spaces around a header name, a target that is not a path).
std::optional<Request> parse(const QByteArray &head)
{
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QList<QByteArray> lines = head.left(end).split('\n');
    Request r;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (i + 1 < lines.size()) {
            if (!line.endsWith('\r'))
                return std::nullopt;
            line.chop(1);
        }
        if (line.contains('\r') || line.contains('\0'))
            return std::nullopt;
        if (i == 0) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/'))
                return std::nullopt;
            r.method = parts.at(0);
            r.path = parts.at(1);
            if (!parts.at(2).startsWith("HTTP/"))
                return std::nullopt;
            r.headers.append({QByteArrayLiteral(":version"), parts.at(2)});
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return std::nullopt; // includes obs-fold (a line starting with a space) and "Name : value"
        r.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    return r;
}

QList<QByteArray> valuesOf(const Request &r, QByteArrayView name)
{
    QList<QByteArray> out;
    for (const auto &[k, v] : r.headers)
        if (k == name)
            out << v;
    return out;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 304: return QByteArrayLiteral("Not Modified");
    case 400: return QByteArrayLiteral("Bad Request");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    default: return QByteArrayLiteral("HTTP Version Not Supported");
    }
}

// The headers every reply carries: nothing of ours may be framed, sniffed or leak a referrer.
QByteArray commonHeaders(const QByteArray &csp)
{
    return "Content-Security-Policy: " + csp
        + "\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n"
          "Cross-Origin-Opener-Policy: same-origin\r\nCross-Origin-Resource-Policy: same-origin\r\n"
          "Connection: close\r\n";
}

HttpResponder::Reply plain(int status, const QByteArray &text, const QByteArray &csp, bool withBody,
                           const QByteArray &extraHeaders = {})
{
    const QByteArray body = text + '\n';
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n" + commonHeaders(csp)
        + extraHeaders + "Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n";
    if (withBody)
        out += body;
    return {.bytes = out, .status = status};
}

// Whether If-None-Match (a list of ETags, weak ones included, or "*") names `etag`.
bool etagMatches(const QList<QByteArray> &ifNoneMatch, const QByteArray &etag)
{
    for (const QByteArray &header : ifNoneMatch)
        for (QByteArray tag : header.split(',')) {
            tag = tag.trimmed();
            if (tag.startsWith("W/"))
                tag = tag.mid(2);
            if (tag == "*" || tag == etag)
                return true;
        }
    return false;
}

} // namespace

bool HttpResponder::isWebSocketUpgrade(const QByteArray &head)
{
    const qsizetype end = head.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = head.left(end < 0 ? head.size() : end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "upgrade"
            && line.mid(colon + 1).toLower().contains("websocket"))
            return true;
    }
    return false;
}

QByteArray HttpResponder::contentSecurityPolicy(const QByteArray &host)
{
    QByteArray csp = QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: "
                                       "data:; font-src 'self'; manifest-src 'self'; connect-src ");
    csp += host.isEmpty() ? QByteArrayLiteral("'none'") : "ws://" + host;
    csp += "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    return csp;
}

HttpResponder::Reply HttpResponder::respond(const QByteArray &head, const AuthGate &gate, const WebAssets &assets)
{
    const QByteArray noConnect = contentSecurityPolicy({});
    const std::optional<Request> request = parse(head);
    if (!request)
        return plain(400, "Malformed HTTP request", noConnect, true);
    const QByteArray version = valuesOf(*request, ":version").value(0);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return plain(505, "Only HTTP/1.1 is spoken here", noConnect, true);
    const bool withBody = request->method != "HEAD";

    // The Host check of the WebSocket (DNS rebinding): exactly one Host naming this server.
    const QList<QByteArray> hosts = valuesOf(*request, "host");
    if (hosts.size() != 1 || hosts.first().isEmpty()) {
        Reply r = plain(400, "Exactly one Host header is required", noConnect, withBody);
        r.hostRefused = true;
        return r;
    }
    const QByteArray host = hosts.first().toLower();
    if (!gate.hostAllowed(QString::fromLatin1(host))) {
        Reply r = plain(403, "This server does not answer to that Host name", noConnect, withBody);
        r.hostRefused = true;
        return r;
    }
    const QByteArray csp = contentSecurityPolicy(host);

    // No request body on this port: a GET or HEAD has none, and anything else is refused unread.
    const QList<QByteArray> lengths = valuesOf(*request, "content-length");
    if (!valuesOf(*request, "transfer-encoding").isEmpty() || lengths.size() > 1
        || (lengths.size() == 1 && lengths.first() != "0"))
        return plain(400, "A request body is not accepted here", csp, withBody);

    QByteArray path = request->path;
    if (const qsizetype q = path.indexOf('?'); q >= 0)
        path.truncate(q);
    const WebAssets::Asset *asset = assets.find(path);
    if (!asset)
        return plain(404, "Not found", csp, withBody);
    if (request->method != "GET" && request->method != "HEAD")
        return plain(405, "Only GET and HEAD are allowed", csp, withBody, QByteArrayLiteral("Allow: GET, HEAD\r\n"));

    const QByteArray cacheHeaders = "ETag: " + asset->etag + "\r\nCache-Control: no-cache\r\n";
    if (etagMatches(valuesOf(*request, "if-none-match"), asset->etag))
        return {.bytes = "HTTP/1.1 304 Not Modified\r\n" + commonHeaders(csp) + cacheHeaders + "\r\n", .status = 304};
    QByteArray out = "HTTP/1.1 200 OK\r\n" + commonHeaders(csp) + cacheHeaders + "Content-Type: " + asset->mimeType
        + "\r\nContent-Length: " + QByteArray::number(asset->body.size()) + "\r\n\r\n";
    if (withBody)
        out += asset->body;
    return {.bytes = out, .status = 200};
}

} // namespace tsg
