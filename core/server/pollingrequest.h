// The head of a Socket.IO long-polling request (GET or POST /socket.io/?EIO=4&transport=polling[&sid=…]), read
// from the bytes a client sent before anything is answered, and Engine.IO's answer when it is refused. Pure (no
// socket, no auth gate), so that the fuzz harness and the unit tests can feed it anything a client can send. The head
// itself is read by HttpRequestHead, as MCP's requests are.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

namespace tsg {

class PollingRequest {
public:
    // An answer that refuses the request: an HTTP status and Engine.IO's error body. Status 0: not refused.
    struct Refusal {
        int status = 0;
        QByteArray body{};
        bool refused() const { return status != 0; }
    };

    // Reads the head: the request line and the header lines, up to the blank line (what follows it is ignored).
    // Never fails: a head that is not HTTP/1.x, or is ambiguous (two Hosts, two Origins, two Content-Lengths, a
    // Transfer-Encoding), gives a request whose headRefusal() is a 400.
    static PollingRequest parse(QByteArrayView head);

    // Before the Host and Origin checks: a 400 for a malformed head.
    Refusal headRefusal() const;
    // After them: the path, the Engine.IO version, the transport, the method and the body's length, which must be
    // at most `maxBodyBytes` (413 above, before a byte of the body is read).
    Refusal requestRefusal(qint64 maxBodyBytes) const;

    QByteArray method() const { return m_method; }
    bool isPost() const { return m_method == "POST"; }
    // The Host and Origin headers as sent (trimmed); empty when absent.
    QByteArray host() const { return m_hosts.value(0); }
    QByteArray origin() const { return m_origins.value(0); }
    // http://<host><target>, for the auth gate and the query.
    QUrl url() const;
    // The query's sid; empty for a handshake.
    QString sid() const;
    // A POST's body length from its Content-Length (-1 when missing or not a number); 0 for a GET.
    qint64 bodyLength() const;

private:
    QByteArray m_method;
    QByteArray m_target;
    QList<QByteArray> m_hosts;
    QList<QByteArray> m_origins;
    QList<QByteArray> m_contentLengths;
    bool m_chunked = false;
    bool m_wellFormed = false;
};

} // namespace tsg
