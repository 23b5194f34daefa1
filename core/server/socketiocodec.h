// The text framing of Socket.IO v5 over Engine.IO v4, both ways: what a socket.io-client's packets say and
// how the server's are written. Pure functions, no sockets and no state, so that every malformed packet can
// be tried in a unit test (docs/PROTOCOL.md, "Socket.IO clients").
#pragma once

#include "result.h"

#include <QString>
#include <QStringView>

namespace tsg {

class SocketIoCodec {
public:
    // Engine.IO v4 packet types: the first character of a packet.
    enum class EngineType : char16_t {
        Open = u'0',
        Close = u'1',
        Ping = u'2',
        Pong = u'3',
        Message = u'4',
        Upgrade = u'5',
        Noop = u'6',
    };
    struct EnginePacket {
        EngineType type = EngineType::Noop;
        QStringView data{}; // what follows the type, a view into the parsed text
    };
    // An empty packet or an unknown type is an error.
    static Result<EnginePacket> parseEngine(QStringView text);
    static QString engine(EngineType type, QStringView data = {});

    // Socket.IO v5 packet types: the first character of an Engine.IO message's data.
    enum class Type : char16_t {
        Connect = u'0',
        Disconnect = u'1',
        Event = u'2',
        Ack = u'3',
        ConnectError = u'4',
        BinaryEvent = u'5',
        BinaryAck = u'6',
    };
    // "<type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]"
    struct Packet {
        Type type = Type::Connect;
        QString nameSpace = QStringLiteral("/");
        qint64 ackId = -1;     // -1: the sender asks for no acknowledgement
        int attachments = 0;   // binary packets only
        QStringView payload{}; // the JSON text, unparsed (empty when there is none)
    };
    // The packet's fields; a wrong type, a bad attachment count or ack id is an error. The payload is not
    // parsed here.
    static Result<Packet> parse(QStringView text);
    // A Socket.IO packet's text (without the Engine.IO type).
    static QString packet(Type type, QStringView payload = {}, qint64 ackId = -1, const QString &nameSpace = {});

    // An EVENT's arguments: the name and the text of the one argument after it (empty when there is none).
    struct Event {
        QString name{};
        QStringView argument{}; // a view into the payload; not checked to be JSON
    };
    // `payload` must look like a JSON array whose first element is a string; the argument is the text between
    // the comma after the name and the closing bracket, left for the caller's JSON parser (which refuses a
    // second argument as text that is not one JSON value).
    static Result<Event> parseEvent(QStringView payload);
    // `["name",argumentJson]`: `argumentJson` must be JSON text already.
    static QString eventPayload(const QString &name, QStringView argumentJson);
};

} // namespace tsg
