#include "socketiocodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tsg {

namespace {

constexpr qsizetype kMaxNamespaceLength = 256;
constexpr qsizetype kMaxDigits = 15; // ack ids and attachment counts: below 2^53, as JavaScript numbers

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isJsonSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// The digits at `at`, advancing past them; -1 when there are none or too many.
qint64 readNumber(QStringView text, qsizetype &at)
{
    const qsizetype start = at;
    while (at < text.size() && isDigit(text[at]))
        ++at;
    if (at == start || at - start > kMaxDigits)
        return -1;
    return text.mid(start, at - start).toLongLong();
}

} // namespace

Result<SocketIoCodec::EnginePacket> SocketIoCodec::parseEngine(QStringView text)
{
    if (text.isEmpty())
        return Error::invalid(QStringLiteral("An empty Engine.IO packet"));
    const char16_t t = text[0].unicode();
    if (t < u'0' || t > u'6')
        return Error::invalid(QStringLiteral("Unknown Engine.IO packet type '%1'").arg(text[0]));
    return EnginePacket{.type = EngineType(t), .data = text.mid(1)};
}

QString SocketIoCodec::engine(EngineType type, QStringView data)
{
    QString out;
    out.reserve(data.size() + 1);
    out.append(QChar(char16_t(type)));
    out.append(data);
    return out;
}

Result<SocketIoCodec::Packet> SocketIoCodec::parse(QStringView text)
{
    if (text.isEmpty())
        return Error::invalid(QStringLiteral("An empty Socket.IO packet"));
    const char16_t t = text[0].unicode();
    if (t < u'0' || t > u'6')
        return Error::invalid(QStringLiteral("Unknown Socket.IO packet type '%1'").arg(text[0]));
    Packet p{.type = Type(t)};
    qsizetype at = 1;
    if (p.type == Type::BinaryEvent || p.type == Type::BinaryAck) {
        const qint64 n = readNumber(text, at);
        if (n < 0 || at >= text.size() || text[at] != u'-')
            return Error::invalid(QStringLiteral("A binary Socket.IO packet without its attachment count"));
        p.attachments = int(qMin<qint64>(n, 1 << 30));
        ++at;
    }
    if (at < text.size() && text[at] == u'/') {
        const qsizetype comma = text.indexOf(u',', at);
        const qsizetype end = comma < 0 ? text.size() : comma;
        if (end - at > kMaxNamespaceLength)
            return Error::invalid(
                QStringLiteral("A Socket.IO namespace longer than %1 characters").arg(kMaxNamespaceLength));
        p.nameSpace = text.mid(at, end - at).toString();
        at = comma < 0 ? end : end + 1;
    }
    if (at < text.size() && isDigit(text[at])) {
        p.ackId = readNumber(text, at);
        if (p.ackId < 0)
            return Error::invalid(
                QStringLiteral("A Socket.IO acknowledgement id of more than %1 digits").arg(kMaxDigits));
    }
    p.payload = text.mid(at);
    return p;
}

QString SocketIoCodec::packet(Type type, QStringView payload, qint64 ackId, const QString &nameSpace)
{
    QString out;
    out.reserve(payload.size() + nameSpace.size() + 24);
    out.append(QChar(char16_t(type)));
    if (!nameSpace.isEmpty() && nameSpace != u"/") {
        out.append(nameSpace);
        out.append(u',');
    }
    if (ackId >= 0)
        out.append(QString::number(ackId));
    out.append(payload);
    return out;
}

Result<SocketIoCodec::Event> SocketIoCodec::parseEvent(QStringView payload)
{
    const Error notAnEvent =
        Error::invalid(QStringLiteral("A Socket.IO event must be a JSON array that starts with the event's name"));
    qsizetype at = 0;
    while (at < payload.size() && isJsonSpace(payload[at]))
        ++at;
    if (at >= payload.size() || payload[at] != u'[')
        return notAnEvent;
    ++at;
    while (at < payload.size() && isJsonSpace(payload[at]))
        ++at;
    if (at >= payload.size() || payload[at] != u'"')
        return notAnEvent;
    // The name: a JSON string up to its unescaped closing quote, decoded by Qt (it is short).
    const qsizetype nameStart = at++;
    while (at < payload.size() && payload[at] != u'"')
        at += payload[at] == u'\\' ? 2 : 1;
    if (at >= payload.size())
        return notAnEvent;
    ++at;
    const QString nameArray = u'[' + payload.mid(nameStart, at - nameStart).toString() + u']';
    QJsonParseError error{};
    const QJsonDocument nameDoc = QJsonDocument::fromJson(nameArray.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !nameDoc.array().at(0).isString())
        return notAnEvent;
    Event event{.name = nameDoc.array().at(0).toString()};

    qsizetype end = payload.size();
    while (end > at && isJsonSpace(payload[end - 1]))
        --end;
    if (end <= at || payload[end - 1] != u']')
        return notAnEvent;
    --end; // the closing bracket
    while (at < end && isJsonSpace(payload[at]))
        ++at;
    if (at == end)
        return event; // no argument
    if (payload[at] != u',')
        return notAnEvent;
    ++at;
    while (at < end && isJsonSpace(payload[at]))
        ++at;
    while (end > at && isJsonSpace(payload[end - 1]))
        --end;
    if (at == end)
        return notAnEvent; // a comma and nothing after it
    event.argument = payload.mid(at, end - at);
    return event;
}

QString SocketIoCodec::eventPayload(const QString &name, QStringView argumentJson)
{
    const QByteArray quoted = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    const QString nameJson = QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
    QString out;
    out.reserve(nameJson.size() + argumentJson.size() + 3);
    out.append(u'[');
    out.append(nameJson);
    if (!argumentJson.isEmpty()) {
        out.append(u',');
        out.append(argumentJson);
    }
    out.append(u']');
    return out;
}

} // namespace tsg
