// SocketIoAdapter, one Socket.IO client's session, driven through its public face: Engine.IO packets in,
// packets and requests out (signals). The heartbeat drops a client that stops answering pings after
// pingInterval + pingTimeout and keeps one that answers; the token decides CONNECT; nothing reaches a client
// before it has connected; replies and errors become the right events.
#include "socketioadapter.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace tsg;

namespace {

const QString kToken = QStringLiteral("right-token");

SocketIoAdapter::Options options(int pingIntervalMs = 25000, int pingTimeoutMs = 20000)
{
    return {.handshakeToken = {},
            .tokenMatches = [](const QString &t) { return t == kToken; },
            .recordFailure = {},
            .pingIntervalMs = pingIntervalMs,
            .pingTimeoutMs = pingTimeoutMs,
            .maxPayload = 1000};
}

QStringList packets(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out << args.at(0).toString();
    return out;
}

} // namespace

class TestSocketIoAdapter : public QObject {
    Q_OBJECT

private slots:
    void openPacketAndConnect()
    {
        SocketIoAdapter a(options());
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        a.start();
        QCOMPARE(sent.size(), 1);
        QVERIFY(sent.at(0).at(0).toString().startsWith(u"0{\"sid\":\""));
        QVERIFY(sent.at(0).at(0).toString().endsWith(
            u"\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000}"));
        a.sendMessage(QStringLiteral("{\"type\":\"tsg:list:response\"}")); // a broadcast before CONNECT
        QCOMPARE(sent.size(), 1);
        a.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.at(1).at(0).toString().startsWith(u"40{\"sid\":\""));
        QVERIFY(a.connectedToNamespace());
        a.sendMessage(QStringLiteral("{\"data\":{},\"type\":\"tsg:list:response\"}"));
        a.sendMessage(QStringLiteral("{\"code\":\"invalid\",\"message\":\"m\",\"originalType\":\"tsg:create\","
                                     "\"type\":\"tsg:error\",\"requestId\":\"1\"}"));
        QCOMPARE(packets(sent).mid(2),
                 (QStringList{QStringLiteral("42[\"message\",{\"data\":{},\"type\":\"tsg:list:response\"}]"),
                              QStringLiteral("42[\"error\",{\"code\":\"invalid\",\"message\":\"m\",\"originalType\":"
                                             "\"tsg:create\",\"type\":\"tsg:error\",\"requestId\":\"1\"}]")}));
    }

    void eventsBecomeRequests()
    {
        SocketIoAdapter a(options());
        QSignalSpy requests(&a, &SocketIoAdapter::request);
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        a.start();
        a.receive(QStringLiteral("42[\"message\",{\"type\":\"tsg:list\"}]"));
        QCOMPARE(requests.size(), 0); // not connected yet
        a.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
        a.receive(QStringLiteral("425[\"message\", {\"type\":\"tsg:list\"} ]"));
        a.receive(QStringLiteral("42[\"message\",\"{\\\"type\\\":\\\"tsg:get-files\\\"}\"]"));
        QCOMPARE(requests.size(), 2);
        const auto text = [&requests](int i) {
            const QList<QVariant> &args = requests.at(i);
            return args.at(0).toString().mid(args.at(1).value<qsizetype>(), args.at(2).value<qsizetype>());
        };
        QCOMPARE(text(0), QStringLiteral("{\"type\":\"tsg:list\"}"));
        QCOMPARE(text(1), QStringLiteral("{\"type\":\"tsg:get-files\"}"));
        QVERIFY(packets(sent).contains(QStringLiteral("435[]"))); // the first event asked for an ack (id 5)
    }

    void refusedTokens_data()
    {
        QTest::addColumn<QString>("connect");
        QTest::addColumn<QString>("handshakeToken");
        QTest::addColumn<QString>("reply");
        QTest::newRow("wrong") << "40{\"token\":\"nope\"}"
                               << ""
                               << "44{\"message\":\"Wrong token\"}";
        QTest::newRow("missing") << "40"
                                 << ""
                                 << "44{\"message\":\"Missing token\"}";
        QTest::newRow("empty auth") << "40{}"
                                    << ""
                                    << "44{\"message\":\"Missing token\"}";
        QTest::newRow("wrong handshake token") << "40"
                                               << "nope"
                                               << "44{\"message\":\"Wrong token\"}";
        QTest::newRow("not an object") << "40[1]"
                                       << ""
                                       << "44{\"message\":\"The CONNECT payload must be a JSON object\"}";
    }

    void refusedTokens()
    {
        QFETCH(QString, connect);
        QFETCH(QString, handshakeToken);
        QFETCH(QString, reply);
        int failures = 0;
        SocketIoAdapter::Options o = options();
        o.handshakeToken = handshakeToken;
        o.recordFailure = [&failures] { ++failures; };
        SocketIoAdapter a(o);
        a.start();
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        QSignalSpy closes(&a, &SocketIoAdapter::closeRequested);
        a.receive(connect);
        QCOMPARE(packets(sent), QStringList{reply});
        QVERIFY(!a.connectedToNamespace());
        if (reply.contains(u"token")) {
            QCOMPARE(failures, 1);
            QCOMPARE(closes.size(), 1);
            // Nothing else: no broadcast, no reply to a later packet.
            a.sendMessage(QStringLiteral("{\"type\":\"tsg:list:response\"}"));
            a.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
            QCOMPARE(packets(sent), QStringList{reply});
        }
    }

    void handshakeTokenIsEnough()
    {
        SocketIoAdapter::Options o = options();
        o.handshakeToken = kToken;
        SocketIoAdapter a(o);
        a.start();
        a.receive(QStringLiteral("40"));
        QVERIFY(a.connectedToNamespace());
    }

    void silentClientIsDropped()
    {
        SocketIoAdapter a(options(100, 200));
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        QSignalSpy closes(&a, &SocketIoAdapter::closeRequested);
        QElapsedTimer timer;
        timer.start();
        a.start();
        QVERIFY(closes.wait(5000));
        QVERIFY2(timer.elapsed() >= 300 - 20, qPrintable(QString::number(timer.elapsed()))); // interval + timeout
        QVERIFY(packets(sent).contains(QStringLiteral("2")));
    }

    void answeringClientStays()
    {
        SocketIoAdapter a(options(50, 100));
        QSignalSpy closes(&a, &SocketIoAdapter::closeRequested);
        int pings = 0;
        connect(&a, &SocketIoAdapter::packetReady, &a, [&a, &pings](const QString &p) {
            if (p == u"2") {
                ++pings;
                a.receive(QStringLiteral("3"));
            }
        });
        a.start();
        QTRY_VERIFY_WITH_TIMEOUT(pings >= 6, 5000); // six intervals: past interval + timeout twice
        QCOMPARE(closes.size(), 0);
    }

    void clientThatNeverConnectsIsDropped()
    {
        int failures = 0;
        SocketIoAdapter::Options o = options();
        o.recordFailure = [&failures] { ++failures; };
        o.connectTimeoutMs = 100;
        // One that connects in time, started first: its time would run out first.
        SocketIoAdapter connected(o);
        QSignalSpy connectedCloses(&connected, &SocketIoAdapter::closeRequested);
        connected.start();
        connected.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
        SocketIoAdapter a(o);
        QSignalSpy closes(&a, &SocketIoAdapter::closeRequested);
        a.start();
        a.receive(QStringLiteral("40/admin,{\"token\":\"right-token\"}")); // another namespace does not count
        QVERIFY(closes.wait(5000));
        QCOMPARE(failures, 1);
        QVERIFY(closes.at(0).at(0).toString().contains(u"No CONNECT"));
        QCOMPARE(connectedCloses.size(), 0);
    }

    void malformedPacketsClose_data()
    {
        QTest::addColumn<QString>("packet");
        QTest::newRow("empty") << "";
        QTest::newRow("unknown engine type") << "9";
        QTest::newRow("unknown socket.io type") << "49[]";
        QTest::newRow("huge ack id") << "421234567890123456[\"message\",{}]";
        QTest::newRow("engine close") << "1";
    }

    void malformedPacketsClose()
    {
        QFETCH(QString, packet);
        SocketIoAdapter a(options());
        a.start();
        a.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
        QSignalSpy closes(&a, &SocketIoAdapter::closeRequested);
        a.receive(packet);
        QCOMPARE(closes.size(), 1);
    }

    void refusalsAsErrorEvents_data()
    {
        QTest::addColumn<QString>("packet");
        QTest::addColumn<QString>("words");
        QTest::newRow("binary event") << "451-[\"message\",{\"_placeholder\":true,\"num\":0}]"
                                      << "Binary attachments";
        QTest::newRow("other event") << "42[\"tsg:list\",{}]"
                                     << "Unknown event 'tsg:list'";
        QTest::newRow("no argument") << "42[\"message\"]"
                                     << "needs the message";
        QTest::newRow("not an array") << "42{\"a\":1}"
                                      << "JSON array";
    }

    void refusalsAsErrorEvents()
    {
        QFETCH(QString, packet);
        QFETCH(QString, words);
        SocketIoAdapter a(options());
        a.start();
        a.receive(QStringLiteral("40{\"token\":\"right-token\"}"));
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        QSignalSpy requests(&a, &SocketIoAdapter::request);
        a.receive(packet);
        QCOMPARE(requests.size(), 0);
        QCOMPARE(sent.size(), 1);
        const QString out = sent.at(0).at(0).toString();
        QVERIFY2(out.startsWith(u"42[\"error\",{\"code\":\"unknown_type\",\"message\":\""), qPrintable(out));
        QVERIFY2(out.contains(words), qPrintable(out));
        QVERIFY2(out.endsWith(u"\"type\":\"error\"}]"), qPrintable(out));
    }

    void otherNamespaceRefused()
    {
        SocketIoAdapter a(options());
        a.start();
        QSignalSpy sent(&a, &SocketIoAdapter::packetReady);
        a.receive(QStringLiteral("40/admin,{\"token\":\"right-token\"}"));
        QCOMPARE(packets(sent), QStringList{QStringLiteral("44/admin,{\"message\":\"Invalid namespace\"}")});
        QVERIFY(!a.connectedToNamespace());
    }
};

QTEST_GUILESS_MAIN(TestSocketIoAdapter)
#include "tst_socketioadapter.moc"
