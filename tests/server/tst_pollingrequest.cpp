// PollingRequest, the head of a Socket.IO long-polling request, read before anything is answered: what a
// socket.io-client sends is taken, with its sid, method and body length; a malformed or ambiguous head, another
// path, version, transport or method, a missing or huge Content-Length get Engine.IO's answers (400, 413).
#include "pollingrequest.h"

#include <QTest>

using namespace tsg;

namespace {

constexpr qint64 kMaxBody = 1000;

QByteArray head(const QByteArray &requestLine, const QByteArray &headers = "Host: 127.0.0.1:8737\r\n")
{
    return requestLine + "\r\n" + headers + "\r\n";
}

} // namespace

class TestPollingRequest : public QObject {
    Q_OBJECT

private slots:
    void handshakeGet()
    {
        const PollingRequest r =
            PollingRequest::parse(head("GET /socket.io/?EIO=4&transport=polling&t=OxZ1 HTTP/1.1",
                                       "Host: 127.0.0.1:8737\r\nOrigin: http://localhost:3000\r\nAccept: */*\r\n"));
        QVERIFY(!r.headRefusal().refused());
        QVERIFY(!r.requestRefusal(kMaxBody).refused());
        QCOMPARE(r.method(), QByteArray("GET"));
        QCOMPARE(r.host(), QByteArray("127.0.0.1:8737"));
        QCOMPARE(r.origin(), QByteArray("http://localhost:3000"));
        QCOMPARE(r.url().path(), QStringLiteral("/socket.io/"));
        QVERIFY(r.sid().isEmpty());
        QCOMPARE(r.bodyLength(), 0);
    }

    void postWithSid()
    {
        const PollingRequest r =
            PollingRequest::parse(head("POST /socket.io/?EIO=4&transport=polling&sid=abc_-1 HTTP/1.1",
                                       "host:  127.0.0.1:8737 \r\nContent-Length: 12\r\n")
                                  + "the body is ignored");
        QVERIFY(!r.requestRefusal(kMaxBody).refused());
        QVERIFY(r.isPost());
        QCOMPARE(r.sid(), QStringLiteral("abc_-1"));
        QCOMPARE(r.host(), QByteArray("127.0.0.1:8737"));
        QCOMPARE(r.bodyLength(), 12);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QByteArray bad = R"({"code":3,"message":"Bad request"})";
        const QByteArray transport = R"({"code":0,"message":"Transport unknown"})";
        const QByteArray get = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1";
        const QByteArray post = "POST /socket.io/?EIO=4&transport=polling&sid=x HTTP/1.1";
        QTest::newRow("not HTTP") << head("GET /socket.io/?EIO=4&transport=polling SPDY/3") << 400 << bad;
        QTest::newRow("no target") << head("GET socket.io HTTP/1.1") << 400 << bad;
        QTest::newRow("bare LF") << QByteArray(get + "\nHost: a\r\n\r\n") << 400 << bad;
        QTest::newRow("NUL") << head(get, QByteArray("Host: a\0b\r\n", 11)) << 400 << bad;
        QTest::newRow("no Host") << head(get, "") << 400 << bad;
        QTest::newRow("two Hosts") << head(get, "Host: a\r\nHost: b\r\n") << 400 << bad;
        QTest::newRow("two Origins") << head(get, "Host: a\r\nOrigin: http://a\r\nOrigin: http://b\r\n") << 400 << bad;
        QTest::newRow("folded header") << head(get, "Host: a\r\n X: b\r\n") << 400 << bad;
        QTest::newRow("space before colon") << head(get, "Host : a\r\n") << 400 << bad;
        QTest::newRow("chunked") << head(post, "Host: a\r\nTransfer-Encoding: chunked\r\n") << 400 << bad;
        QTest::newRow("two lengths") << head(post, "Host: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n") << 400
                                     << bad;
        QTest::newRow("EIO=3") << head("GET /socket.io/?EIO=3&transport=polling HTTP/1.1") << 400 << transport;
        QTest::newRow("websocket transport")
            << head("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1") << 400 << transport;
        QTest::newRow("other path") << head("GET /io/?EIO=4&transport=polling HTTP/1.1") << 400 << transport;
        QTest::newRow("PUT") << head("PUT /socket.io/?EIO=4&transport=polling HTTP/1.1") << 400
                             << QByteArray(R"({"code":2,"message":"Bad handshake method"})");
        QTest::newRow("POST without length") << head(post) << 400 << bad;
        QTest::newRow("negative length") << head(post, "Host: a\r\nContent-Length: -1\r\n") << 400 << bad;
        QTest::newRow("length not a number") << head(post, "Host: a\r\nContent-Length: 1e3\r\n") << 400 << bad;
        QTest::newRow("huge body") << head(post, "Host: a\r\nContent-Length: 999999999999\r\n") << 413
                                   << QByteArray(R"({"code":3,"message":"Payload too large"})");
        QTest::newRow("length past 2^63")
            << head(post, "Host: a\r\nContent-Length: 99999999999999999999\r\n") << 400 << bad;
    }

    void refusals()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const PollingRequest::Refusal refusal = PollingRequest::parse(head).requestRefusal(kMaxBody);
        QCOMPARE(refusal.status, status);
        QCOMPARE(refusal.body, body);
    }

    void largestBodyIsTaken()
    {
        const PollingRequest r = PollingRequest::parse(
            head("POST /socket.io/?EIO=4&transport=polling&sid=x HTTP/1.1", "Host: a\r\nContent-Length: 1000\r\n"));
        QVERIFY(!r.requestRefusal(kMaxBody).refused());
        QCOMPARE(r.requestRefusal(kMaxBody - 1).status, 413);
    }
};

QTEST_GUILESS_MAIN(TestPollingRequest)
#include "tst_pollingrequest.moc"
