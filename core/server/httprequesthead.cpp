#include "httprequesthead.h"

namespace tsg {

namespace {

const QByteArray kEndOfHeader = QByteArrayLiteral("\r\n\r\n");

} // namespace

std::optional<HttpRequestHead> HttpRequestHead::parse(const QByteArray &head)
{
    const qsizetype end = head.indexOf(kEndOfHeader);
    if (end < 0)
        return std::nullopt;
    HttpRequestHead h;
    h.m_size = end + kEndOfHeader.size();
    const QList<QByteArray> lines = head.left(end).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r') && i + 1 < lines.size())
            return std::nullopt;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            return std::nullopt;
        if (i == 0) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3 || !parts.at(1).startsWith('/') || !parts.at(2).startsWith("HTTP/1."))
                return std::nullopt;
            h.m_method = parts.at(0);
            h.m_target = parts.at(1);
            h.m_version = parts.at(2);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.at(0) == ' ' || line.at(0) == '\t' || line.at(colon - 1) == ' ')
            return std::nullopt;
        h.m_headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    return h;
}

QByteArray HttpRequestHead::path() const
{
    const qsizetype q = m_target.indexOf('?');
    return q < 0 ? m_target : m_target.left(q);
}

QList<QByteArray> HttpRequestHead::values(QByteArrayView name) const
{
    QList<QByteArray> out;
    for (const auto &[k, v] : m_headers)
        if (k == name)
            out << v;
    return out;
}

HttpRequestHead::BodyLength HttpRequestHead::bodyLength(qint64 max, bool required) const
{
    const QList<QByteArray> lengths = values("content-length");
    if (lengths.size() > 1)
        return {.refusal = 400};
    if (!values("transfer-encoding").isEmpty())
        return {.refusal = 411};
    if (lengths.isEmpty())
        return {.refusal = required ? 411 : 0};
    bool ok = false;
    const qint64 bytes = lengths.first().toLongLong(&ok);
    if (!ok || bytes < 0)
        return {.refusal = 400};
    if (bytes > max)
        return {.refusal = 413};
    return {.bytes = bytes};
}

} // namespace tsg
