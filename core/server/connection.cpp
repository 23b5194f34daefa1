#include "connection.h"

#include "chunkreceiver.h"
#include "messagerouter.h"
#include "namerules.h"
#include "tsglistcache.h"
#include "wire.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcConnection, "tsgdesk.connection")

namespace tsg {

void ConnectionHandle::post(std::function<void(Connection &)> f)
{
    QMutexLocker lock(&m_mutex);
    if (Connection *c = m_connection)
        QMetaObject::invokeMethod(c, [c, f = std::move(f)] { f(*c); }, Qt::QueuedConnection);
}

Connection::Connection(QWebSocket *socket, Origin id, Library &library, const MessageRouter &router,
                       TsgListCache &lists)
    : m_socket(socket), m_id(id), m_library(library), m_router(router), m_lists(lists),
      m_chunks(std::make_unique<ChunkReceiver>(*this)), m_handle(std::make_shared<ConnectionHandle>())
{
    m_handle->m_connection = this;
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &Connection::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinary);
    connect(socket, &QWebSocket::disconnected, this, [this] { emit closed(m_id); });
}

Connection::~Connection()
{
    {
        QMutexLocker lock(&m_handle->m_mutex);
        m_handle->m_connection = nullptr;
    }
    for (const QString &s : std::as_const(m_sessions))
        m_library.markSessionInUse(s, false);
}

void Connection::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

void Connection::reply(const Request &request, QJsonObject message)
{
    if (!request.requestId.isUndefined())
        message.insert(QStringLiteral("requestId"), request.requestId);
    sendText(Wire::toText(message));
}

void Connection::replyError(const Request &request, const QString &message)
{
    reply(request, Wire::error(request.type, message));
}

void Connection::sendList(const Request *request)
{
    sendText(request ? m_lists.message(request->requestId) : m_lists.message());
}

void Connection::useSession(const QString &sessionId)
{
    if (sessionId.isEmpty() || m_sessions.contains(sessionId) || !NameRules::sessionId(sessionId).ok())
        return;
    m_sessions.insert(sessionId);
    m_library.markSessionInUse(sessionId, true);
}

void Connection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_socket->close(code, reason);
}

void Connection::onBinary(const QByteArray &bytes)
{
    m_chunks->onFrame(bytes);
}

void Connection::onText(const QString &text)
{
    auto message = std::make_shared<ParsedMessage>();
    message->text = text; // shared, not copied
    auto parsed = json::Document::parse(QStringView(message->text));
    Request request;
    if (!parsed.ok()) {
        sendText(Wire::toText(Wire::error(QString(), parsed.error().message)));
        return;
    }
    message->doc = std::move(parsed).value();
    const json::Value &root = message->doc.root();
    if (!root.isObject()) {
        sendText(Wire::toText(Wire::error(QString(), QStringLiteral("A message must be a JSON object"))));
        return;
    }
    const json::Value &id = root[u"requestId"];
    if (id.isString() && id.raw().size() <= 256)
        request.requestId = id.toString();
    else if (id.isNumber())
        request.requestId = id.toNumber();
    request.message = message;
    const json::Value &type = root[u"type"];
    if (!type.isString() || type.raw().size() > 64) {
        reply(request, Wire::error(QString(), QStringLiteral("Missing or invalid 'type': a message needs a string type")));
        return;
    }
    request.type = type.toString();
    if (!m_router.knows(request.type)) {
        reply(request, Wire::error(QString(), QStringLiteral("Unknown message type: %1").arg(request.type)));
        return;
    }
    QStringList problems;
    if (!id.isNull() && !id.isString() && !id.isNumber() && root.find(u"requestId"))
        problems << QStringLiteral("'requestId' must be a string or a number");
    const json::Value *session = root.find(u"sessionId");
    if (session && !session->isNull()) {
        if (!session->isString() || !NameRules::sessionId(session->toString()).ok())
            problems << QStringLiteral("'sessionId' must be 1 to 128 letters, digits, '-' or '_'");
        else
            request.sessionId = session->toString();
    } else if (request.type.startsWith(u"session:")) {
        problems << QStringLiteral("'sessionId' is required");
    }
    const json::Value *data = root.find(u"data");
    if (data && !data->isObject() && !data->isNull())
        problems << QStringLiteral("'data' must be an object");
    if (!problems.isEmpty()) {
        replyError(request, problems.join(QStringLiteral("; ")));
        return;
    }
    useSession(request.sessionId);
    m_router.route(request, *this);
}

ProgressFn Connection::progressSender(const Request &request, const QString &type, const QString &target)
{
    struct State {
        QMutex mutex;
        QElapsedTimer sinceLast;
        bool sentAny = false;
    };
    auto state = std::make_shared<State>();
    const QJsonValue requestId = request.requestId;
    return [state, handle = m_handle, requestId, type, target](const UploadProgress &p) {
        {
            QMutexLocker lock(&state->mutex);
            const bool last = p.total > 0 && p.processed == p.total;
            if (state->sentAny && !last && state->sinceLast.elapsed() < 50)
                return;
            state->sentAny = true;
            state->sinceLast.start();
        }
        QJsonObject msg = Wire::progress(type, p, target);
        if (!requestId.isUndefined())
            msg.insert(QStringLiteral("requestId"), requestId);
        const QString text = Wire::toText(msg);
        // Queued to the connection's thread; the reply that follows the upload is queued after it.
        handle->post([text](Connection &c) { c.sendText(text); });
    };
}

} // namespace tsg
