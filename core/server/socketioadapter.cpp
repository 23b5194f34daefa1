#include "socketioadapter.h"

#include "jsonview.h"
#include "socketiocodec.h"
#include "wire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace tsg {

namespace {

using Codec = SocketIoCodec;

// An id for the Engine.IO session or the Socket.IO socket: 120 random bits, base64url.
QString randomId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), 15)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Every error reply carries a `code`, and the protocol's objects are written with sorted keys, so an error's
// text starts with it (Wire::error); a message that does not is parsed only when it is small.
constexpr qsizetype kParseAnyBelow = 4096;

} // namespace

SocketIoAdapter::SocketIoAdapter(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_engineSid(randomId())
{
    m_pingTimer.setInterval(m_options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &SocketIoAdapter::ping);
    m_pongTimer.setSingleShot(true);
    m_pongTimer.setInterval(m_options.pingTimeoutMs);
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        m_pingTimer.stop();
        emit closeRequested(QStringLiteral("No pong within %1 ms").arg(m_options.pingTimeoutMs));
    });
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(m_options.connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_connected)
            return;
        if (m_options.recordFailure)
            m_options.recordFailure();
        qCWarning(lcAuth) << "dropped a Socket.IO client that did not connect within" << m_options.connectTimeoutMs
                          << "ms";
        m_refused = true;
        m_pingTimer.stop();
        m_pongTimer.stop();
        emit closeRequested(QStringLiteral("No CONNECT within %1 ms").arg(m_options.connectTimeoutMs));
    });
}

void SocketIoAdapter::start()
{
    // Written by hand, in the order of the Engine.IO documentation (QJsonObject would sort the keys); the sid
    // is base64url, nothing to escape.
    const QString open =
        QStringLiteral("{\"sid\":\"%1\",\"upgrades\":%5,\"pingInterval\":%2,\"pingTimeout\":%3,"
                       "\"maxPayload\":%4}")
            .arg(m_engineSid)
            .arg(m_options.pingIntervalMs)
            .arg(m_options.pingTimeoutMs)
            .arg(m_options.maxPayload)
            .arg(m_options.offerWebSocketUpgrade ? QStringLiteral("[\"websocket\"]") : QStringLiteral("[]"));
    emit packetReady(Codec::engine(Codec::EngineType::Open, open));
    m_pingTimer.start();
    m_connectTimer.start();
}

void SocketIoAdapter::ping()
{
    emit packetReady(Codec::engine(Codec::EngineType::Ping));
    if (!m_pongTimer.isActive())
        m_pongTimer.start();
}

void SocketIoAdapter::receive(const QString &enginePacket)
{
    if (m_refused)
        return;
    const auto packet = Codec::parseEngine(enginePacket);
    if (!packet.ok()) {
        emit closeRequested(packet.error().message);
        return;
    }
    switch (packet->type) {
    case Codec::EngineType::Pong: m_pongTimer.stop(); return;
    case Codec::EngineType::Ping: emit packetReady(Codec::engine(Codec::EngineType::Pong, packet->data)); return;
    case Codec::EngineType::Message: onSocketIo(enginePacket, packet->data); return;
    case Codec::EngineType::Close: emit closeRequested(QStringLiteral("The client closed the session")); return;
    case Codec::EngineType::Open:
    case Codec::EngineType::Upgrade:
    case Codec::EngineType::Noop: return;
    }
}

void SocketIoAdapter::receiveBinary()
{
    // The attachments of a binary packet that was refused already (see onSocketIo): nothing to do.
}

void SocketIoAdapter::onSocketIo(const QString &enginePacket, QStringView text)
{
    const auto packet = Codec::parse(text);
    if (!packet.ok()) {
        emit closeRequested(packet.error().message);
        return;
    }
    if (packet->type == Codec::Type::Connect)
        return onConnect(packet->nameSpace, packet->payload);
    if (!m_connected || packet->nameSpace != u"/")
        return; // not connected to that namespace: ignored, as a Socket.IO server does
    switch (packet->type) {
    case Codec::Type::Disconnect: m_connected = false; return;
    case Codec::Type::Event: {
        const auto event = Codec::parseEvent(packet->payload);
        if (!event.ok()) {
            sendErrorEvent(event.error().message);
        } else if (event->name != u"message") {
            sendErrorEvent(QStringLiteral("Unknown event '%1': send the protocol's messages as 'message' events")
                               .arg(event->name.left(64)));
        } else if (event->argument.isEmpty()) {
            sendErrorEvent(QStringLiteral("A 'message' event needs the message as its argument"));
        } else if (event->argument.startsWith(u'"')) {
            // The message as a JSON string (socket.emit('message', JSON.stringify(message))).
            const QString array = u'[' + event->argument.toString() + u']';
            const QJsonDocument doc = QJsonDocument::fromJson(array.toUtf8());
            const QString text = doc.isArray() && doc.array().at(0).isString() ? doc.array().at(0).toString()
                                                                               : event->argument.toString();
            emit request(text, 0, text.size());
        } else {
            emit request(enginePacket, event->argument.data() - enginePacket.constData(), event->argument.size());
        }
        if (packet->ackId >= 0 && m_connected) // the client asked: the message was received (and read)
            sendSocketIo(Codec::packet(Codec::Type::Ack, u"[]", packet->ackId));
        return;
    }
    case Codec::Type::BinaryEvent:
    case Codec::Type::BinaryAck:
        sendErrorEvent(QStringLiteral("Binary attachments are not supported: send the message as JSON, file "
                                      "contents in base64 (or use the plain WebSocket's binary frames)"));
        return;
    case Codec::Type::Ack:          // the server asks for none
    case Codec::Type::ConnectError: // only a server sends one
    case Codec::Type::Connect: return;
    }
}

void SocketIoAdapter::onConnect(const QString &nameSpace, QStringView payload)
{
    if (nameSpace != u"/") {
        sendSocketIo(Codec::packet(Codec::Type::ConnectError,
                                   jsonText({{QStringLiteral("message"), QStringLiteral("Invalid namespace")}}), -1,
                                   nameSpace));
        return;
    }
    QString token = m_options.handshakeToken;
    if (!payload.isEmpty()) {
        json::Limits limits;
        limits.maxMembers = 1000;
        const auto auth = json::Document::parse(payload, limits);
        if (!auth.ok() || !auth->root().isObject()) {
            sendSocketIo(Codec::packet(Codec::Type::ConnectError,
                                       jsonText({{QStringLiteral("message"),
                                                  QStringLiteral("The CONNECT payload must be a JSON object")}})));
            return;
        }
        if (const json::Value &t = auth->root()[u"token"]; t.isString() && !t.raw().isEmpty())
            token = t.toString();
    }
    QString refusal;
    if (token.isEmpty())
        refusal = QStringLiteral("Missing token");
    else if (!m_options.tokenMatches || !m_options.tokenMatches(token))
        refusal = QStringLiteral("Wrong token");
    if (!refusal.isEmpty()) {
        if (m_options.recordFailure)
            m_options.recordFailure();
        qCWarning(lcAuth) << "refused a Socket.IO CONNECT:" << refusal;
        sendSocketIo(Codec::packet(Codec::Type::ConnectError, jsonText({{QStringLiteral("message"), refusal}})));
        m_refused = true;
        m_connected = false;
        m_pingTimer.stop();
        m_pongTimer.stop();
        m_connectTimer.stop();
        emit closeRequested(refusal);
        return;
    }
    if (m_socketSid.isEmpty())
        m_socketSid = randomId();
    m_connected = true;
    sendSocketIo(Codec::packet(Codec::Type::Connect, jsonText({{QStringLiteral("sid"), m_socketSid}})));
}

void SocketIoAdapter::sendSocketIo(const QString &packet)
{
    emit packetReady(Codec::engine(Codec::EngineType::Message, packet));
}

void SocketIoAdapter::sendErrorEvent(const QString &message)
{
    sendMessage(Wire::toText(Wire::error(QString(), Error::of(ErrorKind::Unsupported, message))));
}

void SocketIoAdapter::sendMessage(const QString &json)
{
    if (!m_connected || m_refused)
        return;
    const QString name = isErrorMessage(json) ? QStringLiteral("error") : QStringLiteral("message");
    sendSocketIo(Codec::packet(Codec::Type::Event, Codec::eventPayload(name, json)));
}

bool SocketIoAdapter::isErrorMessage(const QString &json)
{
    if (!json.startsWith(u"{\"code\":") && json.size() >= kParseAnyBelow)
        return false;
    const auto doc = json::Document::parse(QStringView(json));
    if (!doc.ok() || !doc->root().isObject())
        return false;
    const json::Value &type = doc->root()[u"type"];
    if (!type.isString())
        return false;
    const QString t = type.toString();
    return t == u"error" || t.endsWith(u":error");
}

} // namespace tsg
