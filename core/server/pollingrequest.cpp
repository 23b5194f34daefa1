#include "pollingrequest.h"

#include "httprequesthead.h"

#include <QUrlQuery>

namespace tsg {

namespace {

const QByteArray kEndOfHeader = QByteArrayLiteral("\r\n\r\n");
// Where Socket.IO clients connect (socket.io-client's default path).
const QString kSocketIoPath = QStringLiteral("/socket.io/");

// Engine.IO's own error body.
PollingRequest::Refusal refusal(int status, int code, const char *message)
{
    return {.status = status, .body = "{\"code\":" + QByteArray::number(code) + ",\"message\":\"" + message + "\"}"};
}

} // namespace

PollingRequest PollingRequest::parse(QByteArrayView head)
{
    PollingRequest r;
    QByteArray bytes = head.toByteArray();
    if (!bytes.contains(kEndOfHeader))
        bytes += kEndOfHeader; // what was sent is all of the head
    const std::optional<HttpRequestHead> h = HttpRequestHead::parse(bytes);
    if (!h)
        return r;
    r.m_method = h->method();
    r.m_target = h->target();
    r.m_hosts = h->values("host");
    r.m_origins = h->values("origin");
    r.m_contentLengths = h->values("content-length");
    r.m_chunked = !h->values("transfer-encoding").isEmpty();
    r.m_wellFormed = true;
    return r;
}

PollingRequest::Refusal PollingRequest::headRefusal() const
{
    if (!m_wellFormed || m_hosts.size() != 1 || m_origins.size() > 1 || m_contentLengths.size() > 1 || m_chunked)
        return refusal(400, 3, "Bad request");
    return {};
}

PollingRequest::Refusal PollingRequest::requestRefusal(qint64 maxBodyBytes) const
{
    if (const Refusal head = headRefusal(); head.refused())
        return head;
    const QUrl u = url();
    const QUrlQuery query(u);
    if (u.path() != kSocketIoPath || query.queryItemValue(QStringLiteral("EIO")) != u"4"
        || query.queryItemValue(QStringLiteral("transport")) != u"polling")
        return refusal(400, 0, "Transport unknown");
    if (!isPost() && m_method != "GET")
        return refusal(400, 2, "Bad handshake method");
    if (isPost()) {
        const qint64 length = bodyLength();
        if (length < 0)
            return refusal(400, 3, "Bad request");
        if (length > maxBodyBytes)
            return refusal(413, 3, "Payload too large");
    }
    return {};
}

QUrl PollingRequest::url() const
{
    return QUrl(QStringLiteral("http://") + QString::fromLatin1(host()) + QString::fromLatin1(m_target));
}

QString PollingRequest::sid() const
{
    return QUrlQuery(url()).queryItemValue(QStringLiteral("sid"));
}

qint64 PollingRequest::bodyLength() const
{
    if (!isPost())
        return 0;
    if (m_contentLengths.isEmpty())
        return -1;
    bool ok = false;
    const qint64 length = m_contentLengths.first().toLongLong(&ok);
    return ok && length >= 0 ? length : -1;
}

} // namespace tsg
