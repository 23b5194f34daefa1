// The head of one HTTP/1.x request that carries a body on the server's port (Socket.IO's long-polling requests, through
// PollingRequest; MCP's POSTs to /mcp): the request line and the header lines, parsed once and strictly, and the
// body's length, so that every such request is read by the same rules. Pure logic, no sockets.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

namespace tsg {

class HttpRequestHead {
public:
    // `head` is the request up to and including its blank line. Nothing for a head that breaks RFC 9112's grammar:
    // a bare CR or LF inside a line, a folded line, a space before a header's colon, a target that is not a path, a
    // version other than HTTP/1.x.
    static std::optional<HttpRequestHead> parse(const QByteArray &head);

    const QByteArray &method() const { return m_method; }
    const QByteArray &target() const { return m_target; } // the path and its query
    QByteArray path() const;                              // the target without its query
    const QByteArray &version() const { return m_version; }
    qsizetype size() const { return m_size; } // of the head, the blank line included
    // Every value of the header `name` (lower case), trimmed, in the order sent.
    QList<QByteArray> values(QByteArrayView name) const;

    // The body's length from Content-Length, or the refusal: 400 for Content-Length given twice or not a whole
    // number, 411 for a body without one (Transfer-Encoding) or, when `required`, none, 413 above `max`.
    struct BodyLength {
        qint64 bytes = 0;
        int refusal = 0; // 0: read `bytes` bytes after the head
    };
    BodyLength bodyLength(qint64 max, bool required) const;

private:
    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_version;
    qsizetype m_size = 0;
    QList<std::pair<QByteArray, QByteArray>> m_headers; // names lower-cased, values trimmed
};

} // namespace tsg
