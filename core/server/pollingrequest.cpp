#include "pollingrequest.h"

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
    const qsizetype end = head.indexOf(kEndOfHeader);
    const QList<QByteArray> lines = head.first(end < 0 ? head.size() : end).toByteArray().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r') && i + 1 < lines.size())
            return r;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            return r;
        if (i == 0) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3 || !parts.at(1).startsWith('/') || !parts.at(2).startsWith("HTTP/1."))
                return r;
            r.m_method = parts.at(0);
            r.m_target = parts.at(1);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.at(0) == ' ' || line.at(0) == '\t' || line.at(colon - 1) == ' ')
            return r;
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "host")
            r.m_hosts << value;
        else if (name == "origin")
            r.m_origins << value;
        else if (name == "content-length")
            r.m_contentLengths << value;
        else if (name == "transfer-encoding")
            r.m_chunked = true;
    }
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
