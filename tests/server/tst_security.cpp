// Who may use the server: the token (query or Bearer), the Origin and Host checks against browsers
// and DNS rebinding, server.json that is never written through a planted link, tokens kept out of
// the logs, and oversized messages refused with 1009.
#include "testserver.h"

#include "connectionthread.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <sys/stat.h>

using namespace testing;

namespace {

QNetworkRequest withHeaders(const QUrl &url, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest r(url);
    for (const auto &[k, v] : headers)
        r.setRawHeader(k, v);
    return r;
}

// A raw HTTP upgrade request, for Host headers a WebSocket client would not send; returns the
// status line, or the close code if the server accepted the upgrade and then closed.
QByteArray rawHandshake(quint16 port, const QByteArray &hostLines, const QString &token)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(3000))
        return "no connection";
    s.write("GET /?token=" + token.toLatin1() + " HTTP/1.1\r\n" + hostLines
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray got;
    (void)QTest::qWaitFor([&] {
        got += s.readAll();
        return s.state() != QAbstractSocket::ConnectedState || (got.contains("\r\n\r\n") && got.size() > got.indexOf("\r\n\r\n") + 4);
    }, 3000);
    QTest::qWait(200);
    got += s.readAll();
    return got;
}

bool refusedOrClosed1008(const QByteArray &reply)
{
    if (!reply.startsWith("HTTP/1.1 101"))
        return true; // refused at the handshake
    const qsizetype body = reply.indexOf("\r\n\r\n") + 4;
    // A close frame: 0x88, length, then the code 1008 (0x03F0).
    return reply.size() >= body + 4 && quint8(reply.at(body)) == 0x88 && quint8(reply.at(body + 2)) == 0x03
        && quint8(reply.at(body + 3)) == 0xF0;
}

QStringList g_log;
void capture(QtMsgType, const QMessageLogContext &, const QString &msg) { g_log << msg; }

} // namespace

class TestSecurity : public QObject {
    Q_OBJECT
private slots:
    void tokenIsRequired();
    void bearerHeaderIsAccepted();
    void foreignOriginsAreRefused();
    void rebindingHostsAreRefused();
    void serverJsonIsPrivateAndFresh();
    void tokenPersistsAndRegenerates();
    void tokenNeverInLogs();
    void oversizedMessageIsClosedWith1009();
    void repeatedFailuresAreSlowedDown();
    void silentSocketIsDroppedAfterTheHandshakeTimeout();
};

void TestSecurity::tokenIsRequired()
{
    TestServer s;
    const QString t = s.runtime->token();
    QVERIFY(t.size() >= 22); // ≥128 bits
    for (const QString &query : {QString(), QStringLiteral("?token="), QStringLiteral("?token=wrong"),
                                 QStringLiteral("?token=%1&token=%1").arg(t), QStringLiteral("?token=%1x").arg(t)}) {
        TestClient c;
        const bool opened = c.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/%2").arg(s.port()).arg(query)));
        QVERIFY2(!opened || !c.staysOpen(), qPrintable(query));
        QTRY_COMPARE(c.closeCode, 1008);
        QVERIFY(c.messages.isEmpty());
    }
    TestClient ok;
    QVERIFY(ok.open(s.url()));
    QVERIFY(ok.staysOpen());
}

void TestSecurity::bearerHeaderIsAccepted()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(withHeaders(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(s.port())),
                               {{"Authorization", "Bearer " + s.runtime->token().toLatin1()}})));
    QVERIFY(c.staysOpen());
    QCOMPARE(c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined), QStringLiteral("tsg:list:response")).value(u"type").toString(),
             QStringLiteral("tsg:list:response"));
}

void TestSecurity::foreignOriginsAreRefused()
{
    TestServer s;
    for (const QByteArray &origin : {QByteArray("https://evil.example"), QByteArray("null"), QByteArray("http://localhost.evil.example"),
                                     QByteArray("file://"), QByteArray("http://127.0.0.1.nip.io:8080")}) {
        TestClient c;
        const bool opened = c.open(withHeaders(s.url(), {{"Origin", origin}}));
        QVERIFY2(!opened || !c.staysOpen(), origin.constData());
    }
    for (const QByteArray &origin : {QByteArray("http://localhost:5173"), QByteArray("http://127.0.0.1:3000"), QByteArray("https://[::1]:8443")}) {
        TestClient c;
        QVERIFY2(c.open(withHeaders(s.url(), {{"Origin", origin}})) && c.staysOpen(), origin.constData());
    }
}

void TestSecurity::rebindingHostsAreRefused()
{
    TestServer s;
    const QString t = s.runtime->token();
    const QByteArray port = QByteArray::number(s.port());
    QVERIFY(rawHandshake(s.port(), "Host: 127.0.0.1:" + port + "\r\n", t).startsWith("HTTP/1.1 101"));
    QVERIFY(!refusedOrClosed1008(rawHandshake(s.port(), "Host: localhost:" + port + "\r\n", t)));
    for (const QByteArray &host : {QByteArray("localhost6:") + port, QByteArray("localhost.evil.example:") + port,
                                   QByteArray("127.0.0.1.nip.io:") + port, QByteArray("127.0.0.1:1"), QByteArray("127.0.0.1")}) {
        QVERIFY2(refusedOrClosed1008(rawHandshake(s.port(), "Host: " + host + "\r\n", t)), host.constData());
    }
    QVERIFY(refusedOrClosed1008(rawHandshake(s.port(), QByteArray(), t)));
    QVERIFY(refusedOrClosed1008(rawHandshake(s.port(), "Host: 127.0.0.1:" + port + "\r\nHost: evil.example:" + port + "\r\n", t)));
}

void TestSecurity::serverJsonIsPrivateAndFresh()
{
    TempLibrary t;
    QTemporaryDir outside;
    const QString target = outside.filePath(QStringLiteral("victim.txt"));
    QVERIFY(writeFile(target, "untouched"));
    QVERIFY(QFile::link(target, t.root() + u"/server.json"_qs));
    {
        tsg::ServerRuntime runtime(*t.lib);
        QVERIFY(runtime.start({QStringLiteral("127.0.0.1"), 0}).ok());
        QCOMPARE(readAll(target), QByteArray("untouched"));
        const QFileInfo info(t.root() + u"/server.json"_qs);
        QVERIFY(!info.isSymLink());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(info.filePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        const QJsonObject json = QJsonDocument::fromJson(readAll(info.filePath())).object();
        QCOMPARE(json.value(u"token").toString(), runtime.token());
        QCOMPARE(json.value(u"port").toInt(), int(runtime.server().port()));
        QCOMPARE(json.value(u"pid").toInt(), int(QCoreApplication::applicationPid()));
        runtime.stop();
        QVERIFY(!QFileInfo::exists(info.filePath()));
    }
    // A stale 0644 file is replaced with a private one.
    QVERIFY(writeFile(t.root() + u"/server.json"_qs, "{\"stale\":true}"));
    QFile::setPermissions(t.root() + u"/server.json"_qs, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    tsg::ServerRuntime runtime(*t.lib);
    QVERIFY(runtime.start({QStringLiteral("127.0.0.1"), 0}).ok());
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(t.root() + u"/server.json"_qs).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    QVERIFY(!readAll(t.root() + u"/server.json"_qs).contains("stale"));
}

void TestSecurity::tokenPersistsAndRegenerates()
{
    TestServer s;
    const QString first = s.runtime->token();
    s.runtime.reset();
    s.start();
    QCOMPARE(s.runtime->token(), first); // a bookmarked URL keeps working
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(s.t.root() + u"/.tsgdesk/token"_qs).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    const auto fresh = s.runtime->regenerateToken();
    QVERIFY(fresh.ok());
    QVERIFY(fresh.value() != first);
    TestClient old;
    QVERIFY(!old.open(s.url(first)) || !old.staysOpen());
    TestClient now;
    QVERIFY(now.open(s.url()) && now.staysOpen());
}

void TestSecurity::tokenNeverInLogs()
{
    g_log.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("tsgdesk.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    QString token;
    {
        TestServer s;
        token = s.runtime->token();
        TestClient bad;
        bad.open(s.url(token + u'x'));
        QTRY_COMPARE(bad.closeCode, 1008);
        TestClient good;
        QVERIFY(good.open(s.url()));
        good.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("logged-guide")}}, QStringLiteral("tsg:create:success"));
        good.request(QStringLiteral("tsg:delete"), QJsonObject{{QStringLiteral("name"), token}}, QStringLiteral("tsg:delete:success"));
    }
    qInstallMessageHandler(previous);
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(token.left(16)), qPrintable(line));
}

void TestSecurity::oversizedMessageIsClosedWith1009()
{
    TestServer s;
    QVERIFY(await(s.t.lib->updateConfig([](tsg::Config &c) { c.tsg.maxUploadSize = 1; c.session.maxUploadSize = 1; })).ok());
    const qint64 limit = tsg::WsServer::maxMessageBytes(s.t.lib->config());
    QVERIFY(limit < 12 << 20);
    s.runtime.reset();
    s.start();
    TestClient c;
    QVERIFY(c.open(s.url()));
    c.socket.sendTextMessage(QString(int(limit) + 1024, u'x'));
    QTRY_COMPARE_WITH_TIMEOUT(c.closeCode, 1009, 10000);
}

void TestSecurity::repeatedFailuresAreSlowedDown()
{
    tsg::AuthGate gate(QString(), {});
    gate.setToken(QStringLiteral("secret-token-secret-token-secret"));
    QCOMPARE(gate.delayForNextAttemptMs(), 0);
    for (int i = 0; i < 10; ++i)
        gate.recordFailure();
    QVERIFY(gate.delayForNextAttemptMs() > 0);
    QVERIFY(!gate.tokenMatches(QString()));
    QVERIFY(gate.tokenMatches(QStringLiteral("secret-token-secret-token-secret")));
}

void TestSecurity::silentSocketIsDroppedAfterTheHandshakeTimeout()
{
    TestServer s;
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, s.port());
    QVERIFY(silent.waitForConnected(5000));
    // A real client is served meanwhile, and stays connected after the silent one is dropped.
    TestClient c;
    QVERIFY(c.open(s.url()));
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState, tsg::ConnectionThread::kHandshakeTimeoutMs + 5000);
    QVERIFY(timer.elapsed() >= tsg::ConnectionThread::kHandshakeTimeoutMs - 1000);
    QVERIFY(c.staysOpen());
    QCOMPARE(c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined), QStringLiteral("tsg:list:response")).value(u"type").toString(),
             QStringLiteral("tsg:list:response"));
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
