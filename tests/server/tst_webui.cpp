// The browser UI's files on the server's own port, over a real socket: MIME types, ETag and 304, the
// security headers (CSP, nosniff, frame-ancestors, no referrer), 404/405 for anything but GET/HEAD of
// a known asset, the WebSocket's Host check on every request, no token needed, and the WebSocket still
// served on the same port.
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QTcpSocket>

using namespace testing;

namespace {

struct HttpReply {
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    bool closed = false; // the server closed the connection after the reply
};

// Sends `request` as is and reads until the server closes the connection.
HttpReply rawHttp(quint16 port, const QByteArray &request)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    HttpReply r;
    if (!s.waitForConnected(3000))
        return r;
    s.write(request);
    QByteArray got;
    (void)QTest::qWaitFor(
        [&] {
            got += s.readAll();
            return s.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    got += s.readAll();
    r.closed = s.state() == QAbstractSocket::UnconnectedState;
    const qsizetype end = got.indexOf("\r\n\r\n");
    if (end < 0)
        return r;
    const QList<QByteArray> lines = got.left(end).split('\n');
    r.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        r.headers.insert(line.left(colon).toLower(), line.mid(colon + 1).trimmed());
    }
    r.body = got.mid(end + 4);
    return r;
}

QByteArray get(const QByteArray &path, quint16 port, const QByteArray &extra = {}, const QByteArray &method = "GET")
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n" + extra + "\r\n";
}

QByteArray resource(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestWebUi : public QObject {
    Q_OBJECT
private slots:
    void pageServedWithSecurityHeadersAndNoToken()
    {
        TestServer s;
        const HttpReply r = rawHttp(s.port(), get("/", s.port()));
        QCOMPARE(r.status, 200);
        QVERIFY(r.closed);
        QCOMPARE(r.headers.value("content-type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(r.body, resource(QStringLiteral(":/web/index.html")));
        QCOMPARE(r.headers.value("content-length").toLongLong(), r.body.size());
        QVERIFY(!r.body.isEmpty());
        const QByteArray csp = r.headers.value("content-security-policy");
        QVERIFY2(csp.contains("script-src 'self'"), csp);
        QVERIFY2(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
        QVERIFY2(csp.contains("default-src 'none'"), csp);
        QVERIFY2(csp.contains("connect-src ws://127.0.0.1:" + QByteArray::number(s.port()) + ';'), csp);
        QVERIFY2(csp.contains("frame-ancestors 'none'"), csp);
        QCOMPARE(r.headers.value("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(r.headers.value("referrer-policy"), QByteArray("no-referrer"));
        QVERIFY(r.headers.value("etag").startsWith('"'));
        // The page itself carries no inline script (the CSP would block it anyway) and no token.
        QVERIFY(!r.body.contains("<script>"));
        QVERIFY(!r.body.contains(s.runtime->token().toLatin1()));
        QCOMPARE(rawHttp(s.port(), get("/index.html", s.port())).body, r.body);
    }

    void everyAssetHasItsMimeType_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("app") << QByteArray("/app.js") << QByteArray("text/javascript; charset=utf-8");
        QTest::newRow("css") << QByteArray("/style.css") << QByteArray("text/css; charset=utf-8");
        QTest::newRow("icon") << QByteArray("/favicon.svg") << QByteArray("image/svg+xml");
        QTest::newRow("marked") << QByteArray("/vendor/marked.js") << QByteArray("text/javascript; charset=utf-8");
        QTest::newRow("purify") << QByteArray("/vendor/purify.js") << QByteArray("text/javascript; charset=utf-8");
        QTest::newRow("chunked") << QByteArray("/vendor/chunked-upload.js")
                                 << QByteArray("text/javascript; charset=utf-8");
    }
    void everyAssetHasItsMimeType()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, type);
        TestServer s;
        const HttpReply r = rawHttp(s.port(), get(path, s.port()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), type);
        QVERIFY(!r.body.isEmpty());
        QCOMPARE(r.body, resource(QStringLiteral(":/web") + QString::fromLatin1(path)));
        QCOMPARE(r.headers.value("x-content-type-options"), QByteArray("nosniff"));
    }

    // marked and DOMPurify are Debian's files, compiled in: the same bytes as on the build machine.
    void vendorFilesAreDebians()
    {
        TestServer s;
        QCOMPARE(rawHttp(s.port(), get("/vendor/marked.js", s.port())).body,
                 resource(QStringLiteral("/usr/share/javascript/marked/marked.umd.min.js")));
        QCOMPARE(rawHttp(s.port(), get("/vendor/purify.js", s.port())).body,
                 resource(QStringLiteral("/usr/share/nodejs/dompurify/dist/purify.es.js")));
    }

    void repeatWithETagIs304()
    {
        TestServer s;
        const HttpReply first = rawHttp(s.port(), get("/app.js", s.port()));
        const QByteArray etag = first.headers.value("etag");
        QVERIFY(!etag.isEmpty());
        const HttpReply again = rawHttp(s.port(), get("/app.js", s.port(), "If-None-Match: " + etag + "\r\n"));
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(again.headers.value("etag"), etag);
        QVERIFY(again.headers.value("content-security-policy").contains("frame-ancestors 'none'"));
        const HttpReply listed =
            rawHttp(s.port(), get("/app.js", s.port(), "If-None-Match: \"x\", W/" + etag + "\r\n"));
        QCOMPARE(listed.status, 304);
        const HttpReply stale = rawHttp(s.port(), get("/app.js", s.port(), "If-None-Match: \"other\"\r\n"));
        QCOMPARE(stale.status, 200);
        QCOMPARE(stale.body, first.body);
        // Another asset's ETag is not this one's.
        const QByteArray cssTag = rawHttp(s.port(), get("/style.css", s.port())).headers.value("etag");
        QVERIFY(cssTag != etag);
    }

    void headHasHeadersOnly()
    {
        TestServer s;
        const HttpReply r = rawHttp(s.port(), get("/", s.port(), {}, "HEAD"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.headers.value("content-length").toLongLong(), resource(QStringLiteral(":/web/index.html")).size());
        QVERIFY(r.headers.contains("content-security-policy"));
    }

    void anythingElseIs404Or405_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("post page") << get("/", 0, "Content-Length: 0\r\n", "POST") << 405;
        QTest::newRow("put asset") << get("/app.js", 0, {}, "PUT") << 405;
        QTest::newRow("delete asset") << get("/style.css", 0, {}, "DELETE") << 405;
        QTest::newRow("options") << get("/", 0, {}, "OPTIONS") << 405;
        QTest::newRow("unknown") << get("/nope.js", 0) << 404;
        QTest::newRow("unknown post") << get("/upload", 0, {}, "POST") << 404;
        QTest::newRow("dot dot") << get("/../../etc/passwd", 0) << 404;
        QTest::newRow("encoded") << get("/app%2ejs", 0) << 404;
        QTest::newRow("trailing slash") << get("/index.html/", 0) << 404;
        QTest::newRow("resource path") << get("/web/index.html", 0) << 404;
        QTest::newRow("server.json") << get("/server.json", 0) << 404;
        QTest::newRow("absolute form") << QByteArray("GET http://127.0.0.1/ HTTP/1.1\r\nHost: 127.0.0.1:0\r\n\r\n")
                                       << 400;
        QTest::newRow("get with body") << get("/", 0, "Content-Length: 5\r\n") + "hello" << 400;
        QTest::newRow("chunked body") << get("/", 0, "Transfer-Encoding: chunked\r\n") << 400;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: 127.0.0.1:0\n\r\n\r\n") << 400;
        QTest::newRow("folded header") << get("/", 0, "X-A: b\r\n c\r\n") << 400;
        QTest::newRow("space before colon") << get("/", 0, "X-A : b\r\n") << 400;
        QTest::newRow("http 2") << QByteArray("GET / HTTP/2.0\r\nHost: 127.0.0.1:0\r\n\r\n") << 505;
    }
    void anythingElseIs404Or405()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        TestServer s;
        request.replace("127.0.0.1:0", "127.0.0.1:" + QByteArray::number(s.port()));
        const HttpReply r = rawHttp(s.port(), request);
        QCOMPARE(r.status, status);
        QVERIFY(r.closed);
        QCOMPARE(r.headers.value("x-content-type-options"), QByteArray("nosniff"));
        if (status == 405)
            QCOMPARE(r.headers.value("allow"), QByteArray("GET, HEAD"));
        QVERIFY(!r.body.contains("<"));
    }

    // The WebSocket's Host check guards every HTTP request (DNS rebinding).
    void foreignHostIsRefused_data()
    {
        QTest::addColumn<QByteArray>("hostLines");
        QTest::addColumn<int>("status");
        QTest::newRow("rebound name") << QByteArray("Host: evil.example:PORT\r\n") << 403;
        QTest::newRow("other port") << QByteArray("Host: 127.0.0.1:1\r\n") << 403;
        QTest::newRow("no port") << QByteArray("Host: 127.0.0.1\r\n") << 403;
        QTest::newRow("missing") << QByteArray() << 400;
        QTest::newRow("empty") << QByteArray("Host: \r\n") << 400;
        QTest::newRow("two") << QByteArray("Host: 127.0.0.1:PORT\r\nHost: evil.example:PORT\r\n") << 400;
    }
    void foreignHostIsRefused()
    {
        QFETCH(QByteArray, hostLines);
        QFETCH(int, status);
        TestServer s;
        hostLines.replace("PORT", QByteArray::number(s.port()));
        const HttpReply r = rawHttp(s.port(), "GET / HTTP/1.1\r\n" + hostLines + "\r\n");
        QCOMPARE(r.status, status);
        QVERIFY(!r.body.contains("<html"));
        QVERIFY(!r.headers.value("content-security-policy").contains("evil"));
    }

    void localhostNameServedWithItsOwnOrigin()
    {
        TestServer s;
        const QByteArray port = QByteArray::number(s.port());
        const HttpReply r = rawHttp(s.port(), "GET / HTTP/1.1\r\nHost: LocalHost:" + port + "\r\n\r\n");
        QCOMPARE(r.status, 200);
        QVERIFY2(r.headers.value("content-security-policy").contains("connect-src ws://localhost:" + port + ';'),
                 r.headers.value("content-security-policy"));
    }

    // HTTP and the WebSocket share the port: the protocol is served as before, the token still rules
    // it, and no HTTP connection is left behind.
    void webSocketStillServedOnSamePort()
    {
        TestServer s;
        QCOMPARE(rawHttp(s.port(), get("/", s.port())).status, 200);
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject list =
            c.request(QStringLiteral("tsg:list"), QJsonValue::Undefined, QStringLiteral("tsg:list:response"));
        QCOMPARE(list.value(u"type").toString(), QStringLiteral("tsg:list:response"));
        QCOMPARE(rawHttp(s.port(), get("/app.js", s.port())).status, 200);
        QVERIFY(c.staysOpen());
        TestClient noToken;
        QVERIFY(!noToken.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(s.port()))));
        QTRY_COMPARE_WITH_TIMEOUT(s.runtime->server().openSocketCount(), 1, 5000); // c's only
    }
};

QTEST_MAIN(TestWebUi)
#include "tst_webui.moc"
