// Server fixtures: a Library on a temporary data folder served by a ServerRuntime on a free port,
// and a QWebSocket client that keeps every message it receives.
#pragma once

#include "testlibrary.h"

#include "serverruntime.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

namespace testing {

struct TestServer {
    TempLibrary t;
    std::unique_ptr<tsg::ServerRuntime> runtime;

    TestServer() { start(); }
    void start()
    {
        runtime = std::make_unique<tsg::ServerRuntime>(*t.lib);
        const auto s = runtime->start({QStringLiteral("127.0.0.1"), 0});
        if (!s.ok())
            qFatal("server did not start: %s", qPrintable(s.error().message));
    }
    quint16 port() const { return runtime->server().port(); }
    QUrl url(const QString &token) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/?token=%2").arg(port()).arg(token));
    }
    QUrl url() const { return url(runtime->token()); }
};

class TestClient : public QObject {
public:
    QWebSocket socket;
    QList<QJsonObject> messages;
    int closeCode = -1;
    QString closeReason;
    int nextId = 1;

    TestClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&socket, &QWebSocket::disconnected, this, [this] {
            closeCode = socket.closeCode();
            closeReason = socket.closeReason();
        });
        socket.setMaxAllowedIncomingMessageSize(1LL << 30);
    }
    // Closed here rather than by ~QWebSocket, whose own close (Qt 6.4) leaks its reason string.
    ~TestClient() override
    {
        if (socket.state() == QAbstractSocket::ConnectedState)
            socket.close();
    }
    // Opens and waits; false when refused or closed.
    bool open(const QNetworkRequest &request)
    {
        socket.open(request);
        return QTest::qWaitFor(
                   [this] {
                       return socket.state() == QAbstractSocket::ConnectedState || closeCode != -1
                           || socket.state() == QAbstractSocket::UnconnectedState;
                   },
                   5000)
            && socket.state() == QAbstractSocket::ConnectedState;
    }
    bool open(const QUrl &url) { return open(QNetworkRequest(url)); }
    // Still open and served: a ping is answered while the socket stays connected. A refused
    // connection is closed before anything it sends is read, so its close comes first.
    bool staysOpen()
    {
        bool ponged = false;
        const auto c = QObject::connect(&socket, &QWebSocket::pong, this, [&ponged] { ponged = true; });
        socket.ping();
        (void)QTest::qWaitFor([&] { return ponged || socket.state() != QAbstractSocket::ConnectedState; }, 10000);
        QObject::disconnect(c);
        return ponged && socket.state() == QAbstractSocket::ConnectedState;
    }

    QString send(const QString &type, const QJsonValue &data = QJsonValue(QJsonValue::Undefined),
                 const QString &sessionId = QStringLiteral("test-session"))
    {
        const QString id = QStringLiteral("r%1").arg(nextId++);
        QJsonObject msg{{QStringLiteral("type"), type},
                        {QStringLiteral("requestId"), id},
                        {QStringLiteral("sessionId"), sessionId}};
        if (!data.isUndefined())
            msg.insert(QStringLiteral("data"), data);
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
        return id;
    }
    QList<QJsonObject> repliesTo(const QString &requestId) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages)
            if (m.value(u"requestId").toString() == requestId)
                out << m;
        return out;
    }
    // Waits until a reply to requestId ends the exchange: a type in `until` or an error.
    QList<QJsonObject> await(const QString &requestId, const QStringList &until, int timeoutMs = 10000)
    {
        const auto done = [&] {
            for (const QJsonObject &m : repliesTo(requestId)) {
                const QString type = m.value(u"type").toString();
                if (until.contains(type) || type.endsWith(u"error"))
                    return true;
            }
            return false;
        };
        (void)QTest::qWaitFor(done, timeoutMs);
        return repliesTo(requestId);
    }
    QJsonObject request(const QString &type, const QJsonValue &data, const QString &until)
    {
        const auto replies = await(send(type, data), {until});
        return replies.isEmpty() ? QJsonObject() : replies.last();
    }
    QStringList types(const QList<QJsonObject> &list) const
    {
        QStringList out;
        for (const QJsonObject &m : list)
            out << m.value(u"type").toString();
        return out;
    }
};

} // namespace testing
