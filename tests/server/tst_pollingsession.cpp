// PollingSession, one Socket.IO client's long-polling transport, driven through its public face: packets for
// GETs, POST bodies, and a WebSocket link that records what is sent and closed. A session that ends (here: a
// refused token) delivers its last packets (CONNECT_ERROR, then close) to the next GET, or, when the client is
// upgrading to a WebSocket, over that WebSocket once the client says "5": they are never lost. A client that
// does not poll while the server talks is ended at the bound, not buffered.
#include "pollingsession.h"
#include "socketioadapter.h"

#include <QSignalSpy>
#include <QTest>

using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

const QString kWrongConnect = QStringLiteral("40{\"token\":\"wrong\"}");
const QString kConnectError = QStringLiteral("44{\"message\":\"Wrong token\"}");
const QString kRefusal = kConnectError + QChar(0x1e) + u"1"_s; // CONNECT_ERROR, then the Engine.IO close

// An adapter and its session, ended when the adapter asks for it (as the Connection does).
struct Client {
    SocketIoAdapter adapter{{.handshakeToken = {},
                             .tokenMatches = [](const QString &t) { return t == u"right-token"; },
                             .recordFailure = {},
                             .pingIntervalMs = 25000,
                             .pingTimeoutMs = 20000,
                             .maxPayload = 1000,
                             .offerWebSocketUpgrade = true}};
    PollingSession session{&adapter, 1 << 20};
    QStringList wsSent;
    int wsClosed = 0;

    Client()
    {
        QObject::connect(&adapter, &SocketIoAdapter::closeRequested, &session, &PollingSession::end);
        adapter.start();
    }
    // A GET; the body it was answered with, or a null string while it is held.
    std::shared_ptr<QString> poll()
    {
        auto body = std::make_shared<QString>();
        session.poll([body](const QString &text) { *body = text.isNull() ? QStringLiteral("") : text; });
        return body;
    }
    void attachWebSocket()
    {
        QVERIFY(session.attachWebSocket(
            {.send = [this](const QString &t) { wsSent << t; }, .close = [this] { ++wsClosed; }}));
    }
};

} // namespace

class TestPollingSession : public QObject {
    Q_OBJECT

private slots:
    void refusalWaitsForTheNextGet()
    {
        Client c;
        QVERIFY(c.poll()->startsWith(u"0{"));
        QSignalSpy finished(&c.session, &PollingSession::finished);
        c.session.post(kWrongConnect);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(*c.poll(), kRefusal);
        QCOMPARE(finished.size(), 1);
    }

    void refusalDuringTheUpgradeGoesOverTheWebSocket()
    {
        Client c;
        QVERIFY(c.poll()->startsWith(u"0{"));
        c.attachWebSocket();
        c.session.onWebSocketText(QStringLiteral("2probe"));
        QCOMPARE(c.wsSent, QStringList{u"3probe"_s});
        // The client pauses its polling: its GET comes back with a noop, and it sends no other.
        QCOMPARE(*c.poll(), u"6"_s);
        QSignalSpy finished(&c.session, &PollingSession::finished);
        c.session.post(kWrongConnect);
        QCOMPARE(c.wsClosed, 0); // closing now would lose the CONNECT_ERROR: the client reads only the WebSocket
        c.session.onWebSocketText(QStringLiteral("5"));
        QCOMPARE(c.wsSent, (QStringList{u"3probe"_s, kConnectError, u"1"_s}));
        QCOMPARE(c.wsClosed, 1);
        QCOMPARE(finished.size(), 1);
    }

    void refusalDuringAProbeTheClientGivesUpGoesToTheGet()
    {
        Client c;
        QVERIFY(c.poll()->startsWith(u"0{"));
        c.attachWebSocket();
        c.session.onWebSocketText(QStringLiteral("2probe"));
        QCOMPARE(*c.poll(), u"6"_s);
        c.session.post(kWrongConnect);
        QCOMPARE(*c.poll(), kRefusal);
        QCOMPARE(c.wsClosed, 1);
        c.session.onWebSocketText(QStringLiteral("5")); // too late: nothing more
        QCOMPARE(c.wsSent, QStringList{u"3probe"_s});
    }

    // The per-connection memory bound: a client that does not poll while the server talks is ended, not buffered.
    void clientThatStopsPollingIsEndedAtTheBound()
    {
        SocketIoAdapter adapter({.handshakeToken = {},
                                 .tokenMatches = [](const QString &t) { return t == u"right-token"; },
                                 .recordFailure = {},
                                 .pingIntervalMs = 25000,
                                 .pingTimeoutMs = 20000,
                                 .maxPayload = 1000});
        PollingSession session(&adapter, 200);
        QSignalSpy ended(&session, &PollingSession::ended);
        adapter.start(); // the open packet waits for a GET
        adapter.receive(u"40{\"token\":\"right-token\"}"_s);
        QCOMPARE(ended.size(), 0);
        for (int i = 0; i < 3 && ended.isEmpty(); ++i)
            adapter.sendMessage(u"{\"type\":\"tsg:list:response\",\"data\":\"%1\"}"_s.arg(QString(50, u'x')));
        QCOMPARE(ended.size(), 1);
    }

    void refusalWithAGetHeldAnswersIt()
    {
        Client c;
        QVERIFY(c.poll()->startsWith(u"0{"));
        const auto held = c.poll();
        QVERIFY(held->isNull());
        c.session.post(kWrongConnect);
        QCOMPARE(*held + c.poll()->prepend(QChar(0x1e)), kRefusal);
    }
};

QTEST_MAIN(TestPollingSession)
#include "tst_pollingsession.moc"
