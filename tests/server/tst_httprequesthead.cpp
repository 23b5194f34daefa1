// HttpRequestHead, the one parser of the request heads that carry a body (Socket.IO's polling POSTs, MCP's POSTs):
// what it reads from a well-formed head, the heads it refuses, and the body lengths it allows.
#include "httprequesthead.h"

#include <QTest>

using namespace tsg;

class TestHttpRequestHead : public QObject {
    Q_OBJECT

private slots:
    void readsTheRequestLineAndHeaders()
    {
        const QByteArray head = "POST /mcp?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8737\r\nMcp-Session-Id:  ab \r\n"
                                "X-Two: 1\r\nx-two: 2\r\nContent-Length: 12\r\n\r\n";
        const auto h = HttpRequestHead::parse(head + "{\"a\":1}");
        QVERIFY(h);
        QCOMPARE(h->method(), QByteArray("POST"));
        QCOMPARE(h->target(), QByteArray("/mcp?x=1"));
        QCOMPARE(h->path(), QByteArray("/mcp"));
        QCOMPARE(h->version(), QByteArray("HTTP/1.1"));
        QCOMPARE(h->size(), head.size());
        QCOMPARE(h->values("mcp-session-id"), QList<QByteArray>{"ab"});
        QCOMPARE(h->values("x-two"), (QList<QByteArray>{"1", "2"}));
        QVERIFY(h->values("origin").isEmpty());
        QCOMPARE(h->bodyLength(100, true).bytes, 12);
        QCOMPARE(h->bodyLength(100, true).refusal, 0);
    }

    void refusesMalformedHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("unfinished") << QByteArray("POST /mcp HTTP/1.1\r\nHost: a:1\r\n");
        QTest::newRow("bare LF") << QByteArray("POST /mcp HTTP/1.1\nHost: a:1\r\n\r\n");
        QTest::newRow("folded") << QByteArray("POST /mcp HTTP/1.1\r\nHost: a:1\r\n continued\r\n\r\n");
        QTest::newRow("space before colon") << QByteArray("POST /mcp HTTP/1.1\r\nHost : a:1\r\n\r\n");
        QTest::newRow("absolute target") << QByteArray("POST http://a:1/mcp HTTP/1.1\r\nHost: a:1\r\n\r\n");
        QTest::newRow("HTTP/2") << QByteArray("POST /mcp HTTP/2\r\nHost: a:1\r\n\r\n");
        QTest::newRow("no version") << QByteArray("POST /mcp\r\nHost: a:1\r\n\r\n");
        QTest::newRow("NUL") << QByteArray("POST /mcp HTTP/1.1\r\nHost: a\0:1\r\n\r\n", 35);
    }
    void refusesMalformedHeads()
    {
        QFETCH(QByteArray, head);
        QVERIFY(!HttpRequestHead::parse(head));
    }

    void bodyLengths_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<bool>("required");
        QTest::addColumn<int>("refusal");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("none, not required") << QByteArray() << false << 0 << qint64(0);
        QTest::newRow("none, required") << QByteArray() << true << 411 << qint64(0);
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << false << 411 << qint64(0);
        QTest::newRow("twice") << QByteArray("Content-Length: 1\r\nContent-Length: 1\r\n") << true << 400 << qint64(0);
        QTest::newRow("not a number") << QByteArray("Content-Length: ten\r\n") << true << 400 << qint64(0);
        QTest::newRow("negative") << QByteArray("Content-Length: -1\r\n") << true << 400 << qint64(0);
        QTest::newRow("the most") << QByteArray("Content-Length: 1024\r\n") << true << 0 << qint64(1024);
        QTest::newRow("too large") << QByteArray("Content-Length: 1025\r\n") << true << 413 << qint64(0);
        QTest::newRow("1 TB") << QByteArray("Content-Length: 1000000000000\r\n") << true << 413 << qint64(0);
    }
    void bodyLengths()
    {
        QFETCH(QByteArray, headers);
        QFETCH(bool, required);
        QFETCH(int, refusal);
        QFETCH(qint64, bytes);
        const auto h = HttpRequestHead::parse("POST /mcp HTTP/1.1\r\nHost: a:1\r\n" + headers + "\r\n");
        QVERIFY(h);
        const HttpRequestHead::BodyLength length = h->bodyLength(1024, required);
        QCOMPARE(length.refusal, refusal);
        QCOMPARE(length.bytes, bytes);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestHead)
#include "tst_httprequesthead.moc"
