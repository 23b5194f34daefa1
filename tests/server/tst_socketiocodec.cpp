// SocketIoCodec, the text framing of Socket.IO v5 over Engine.IO v4: the packets socket.io-client sends
// (taken from its own encoder's output) read as the protocol says, the server's packets written as the
// client reads them, and malformed packets refused with a message instead of being misread.
#include "socketiocodec.h"

#include <QTest>

using namespace tsg;
using Codec = SocketIoCodec;

class TestSocketIoCodec : public QObject {
    Q_OBJECT

private slots:
    void enginePackets()
    {
        const auto ping = Codec::parseEngine(u"2");
        QVERIFY(ping.ok());
        QCOMPARE(ping->type, Codec::EngineType::Ping);
        QVERIFY(ping->data.isEmpty());
        const auto probe = Codec::parseEngine(u"3probe");
        QVERIFY(probe.ok());
        QCOMPARE(probe->type, Codec::EngineType::Pong);
        QCOMPARE(probe->data.toString(), QStringLiteral("probe"));
        const auto message = Codec::parseEngine(u"42[\"message\",{}]");
        QVERIFY(message.ok());
        QCOMPARE(message->type, Codec::EngineType::Message);
        QCOMPARE(message->data.toString(), QStringLiteral("2[\"message\",{}]"));
        QCOMPARE(Codec::engine(Codec::EngineType::Open, u"{\"sid\":\"a\"}"), QStringLiteral("0{\"sid\":\"a\"}"));
        QCOMPARE(Codec::engine(Codec::EngineType::Ping), QStringLiteral("2"));
    }

    void engineRefusals()
    {
        QVERIFY(!Codec::parseEngine(u"").ok());
        QVERIFY(!Codec::parseEngine(u"7").ok());
        QVERIFY(!Codec::parseEngine(u"x").ok());
        QVERIFY(!Codec::parseEngine(u"b4AAA").ok()); // a base64 binary packet (polling): not supported
        QVERIFY(Codec::parseEngine(u"7").errorMessage().contains(u"'7'"));
    }

    void socketIoPackets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<qint64>("ackId");
        QTest::addColumn<int>("attachments");
        QTest::addColumn<QString>("payload");
        QTest::newRow("connect") << "0" << int(u'0') << "/" << qint64(-1) << 0 << "";
        QTest::newRow("connect with auth")
            << "0{\"token\":\"t\"}" << int(u'0') << "/" << qint64(-1) << 0 << "{\"token\":\"t\"}";
        QTest::newRow("connect to a namespace")
            << "0/admin,{\"token\":\"t\"}" << int(u'0') << "/admin" << qint64(-1) << 0 << "{\"token\":\"t\"}";
        QTest::newRow("namespace without payload") << "0/admin," << int(u'0') << "/admin" << qint64(-1) << 0 << "";
        QTest::newRow("disconnect") << "1" << int(u'1') << "/" << qint64(-1) << 0 << "";
        QTest::newRow("event") << "2[\"message\",{\"type\":\"tsg:list\"}]" << int(u'2') << "/" << qint64(-1) << 0
                               << "[\"message\",{\"type\":\"tsg:list\"}]";
        QTest::newRow("event with ack") << "212[\"message\",{}]" << int(u'2') << "/" << qint64(12) << 0
                                        << "[\"message\",{}]";
        QTest::newRow("event in a namespace with ack")
            << "2/admin,7[\"x\"]" << int(u'2') << "/admin" << qint64(7) << 0 << "[\"x\"]";
        QTest::newRow("ack") << "33[]" << int(u'3') << "/" << qint64(3) << 0 << "[]";
        QTest::newRow("binary event") << "51-[\"message\",{\"_placeholder\":true,\"num\":0}]" << int(u'5') << "/"
                                      << qint64(-1) << 1 << "[\"message\",{\"_placeholder\":true,\"num\":0}]";
        QTest::newRow("binary ack") << "62-4[{\"_placeholder\":true,\"num\":0}]" << int(u'6') << "/" << qint64(4) << 2
                                    << "[{\"_placeholder\":true,\"num\":0}]";
    }

    void socketIoPackets()
    {
        QFETCH(QString, text);
        const auto p = Codec::parse(text);
        QVERIFY2(p.ok(), qPrintable(p.errorMessage()));
        QFETCH(int, type);
        QFETCH(QString, nameSpace);
        QFETCH(qint64, ackId);
        QFETCH(int, attachments);
        QFETCH(QString, payload);
        QCOMPARE(int(p->type), type);
        QCOMPARE(p->nameSpace, nameSpace);
        QCOMPARE(p->ackId, ackId);
        QCOMPARE(p->attachments, attachments);
        QCOMPARE(p->payload.toString(), payload);
    }

    void socketIoRefusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("unknown type") << "9[]"
                                      << "Unknown Socket.IO packet type '9'";
        QTest::newRow("letter type") << "x"
                                     << "Unknown";
        QTest::newRow("binary without count") << "5[\"message\"]"
                                              << "attachment count";
        QTest::newRow("binary without dash") << "51[\"message\"]"
                                             << "attachment count";
        QTest::newRow("huge ack id") << "21234567890123456[]"
                                     << "digits";
        QTest::newRow("huge namespace") << QStringLiteral("0/") + QString(300, u'a') + u',' << "namespace";
    }

    void socketIoRefusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, words);
        const auto p = Codec::parse(text);
        QVERIFY(!p.ok());
        QVERIFY2(p.errorMessage().contains(words), qPrintable(p.errorMessage()));
    }

    void writesPackets()
    {
        QCOMPARE(Codec::packet(Codec::Type::Connect, u"{\"sid\":\"s\"}"), QStringLiteral("0{\"sid\":\"s\"}"));
        QCOMPARE(Codec::packet(Codec::Type::ConnectError, u"{\"message\":\"Invalid namespace\"}", -1,
                               QStringLiteral("/admin")),
                 QStringLiteral("4/admin,{\"message\":\"Invalid namespace\"}"));
        QCOMPARE(Codec::packet(Codec::Type::Ack, u"[]", 12), QStringLiteral("312[]"));
        QCOMPARE(Codec::packet(Codec::Type::Event, u"[\"message\",{}]", -1, QStringLiteral("/")),
                 QStringLiteral("2[\"message\",{}]"));
        QCOMPARE(Codec::eventPayload(QStringLiteral("error"), u"{\"type\":\"tsg:error\"}"),
                 QStringLiteral("[\"error\",{\"type\":\"tsg:error\"}]"));
        QCOMPARE(Codec::eventPayload(QStringLiteral("a\"b"), {}), QStringLiteral("[\"a\\\"b\"]"));
    }

    void events_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("argument");
        QTest::newRow("message") << "[\"message\",{\"type\":\"tsg:list\"}]"
                                 << "message"
                                 << "{\"type\":\"tsg:list\"}";
        QTest::newRow("spaces") << " [ \"message\" , {\"a\":[1,2]} ] "
                                << "message"
                                << "{\"a\":[1,2]}";
        QTest::newRow("no argument") << "[\"ping\"]"
                                     << "ping"
                                     << "";
        QTest::newRow("escaped name") << "[\"me\\\"ss\\\\\",1]"
                                      << "me\"ss\\"
                                      << "1";
        QTest::newRow("string argument") << "[\"message\",\"{\\\"type\\\":1}\"]"
                                         << "message"
                                         << "\"{\\\"type\\\":1}\"";
        QTest::newRow("two arguments are one text") << "[\"message\",{},{}]"
                                                    << "message"
                                                    << "{},{}";
    }

    void events()
    {
        QFETCH(QString, payload);
        const auto e = Codec::parseEvent(payload);
        QVERIFY2(e.ok(), qPrintable(e.errorMessage()));
        QFETCH(QString, name);
        QFETCH(QString, argument);
        QCOMPARE(e->name, name);
        QCOMPARE(e->argument.toString(), argument);
    }

    void eventRefusals_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::newRow("empty") << "";
        QTest::newRow("object") << "{\"message\":1}";
        QTest::newRow("no name") << "[]";
        QTest::newRow("number name") << "[1,{}]";
        QTest::newRow("unterminated name") << "[\"message";
        QTest::newRow("unterminated array") << "[\"message\",{}";
        QTest::newRow("no comma") << "[\"message\" {}]";
        QTest::newRow("trailing comma") << "[\"message\",]";
        QTest::newRow("escape at the end") << "[\"\\";
    }

    void eventRefusals()
    {
        QFETCH(QString, payload);
        const auto e = Codec::parseEvent(payload);
        QVERIFY(!e.ok());
        QVERIFY(e.errorMessage().contains(u"event"));
    }
};

QTEST_GUILESS_MAIN(TestSocketIoCodec)
#include "tst_socketiocodec.moc"
