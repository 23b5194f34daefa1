// Who may use the server: the token (query or Bearer), the Origin and Host checks against browsers
// and DNS rebinding, server.json that is never written through a planted link, tokens kept out of
// the logs, and oversized messages refused with 1009.
#include "testserver.h"

#include "connectionthread.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QTcpSocket>

#include <algorithm>

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

// A client frame: FIN + text opcode, masked as RFC 6455 requires of clients.
QByteArray maskedTextFrame(const QByteArray &payload)
{
    QByteArray frame("\x81", 1);
    if (payload.size() < 126) {
        frame += char(0x80 | payload.size());
    } else {
        frame += char(0x80 | 126);
        frame += char((payload.size() >> 8) & 0xff);
        frame += char(payload.size() & 0xff);
    }
    const QByteArray mask("\x37\xfa\x21\x3d", 4);
    frame += mask;
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame += char(payload.at(i) ^ mask.at(i % 4));
    return frame;
}

// The text payloads of the complete unmasked server frames in `bytes` (what follows the HTTP reply).
QList<QByteArray> serverTextFrames(const QByteArray &bytes)
{
    QList<QByteArray> out;
    qsizetype at = 0;
    while (bytes.size() >= at + 2) {
        const quint8 opcode = quint8(bytes.at(at)) & 0x0f;
        quint64 length = quint8(bytes.at(at + 1)) & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (bytes.size() < at + 4)
                break;
            length = (quint64(quint8(bytes.at(at + 2))) << 8) | quint8(bytes.at(at + 3));
            header = 4;
        } else if (length == 127) {
            if (bytes.size() < at + 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | quint8(bytes.at(at + 2 + i));
            header = 10;
        }
        if (quint64(bytes.size() - at - header) < length)
            break;
        if (opcode == 0x1)
            out << bytes.mid(at + header, qsizetype(length));
        at += header + qsizetype(length);
    }
    return out;
}

// Wrong-token attempts, each refused with 1008, enough to switch the slow-down on.
void failAttempts(const TestServer &s, int count)
{
    for (int i = 0; i < count; ++i) {
        TestClient bad;
        bad.open(s.url(QStringLiteral("wrong-token-%1").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(bad.closeCode, 1008, 10000);
    }
}

// A raw HTTP upgrade request, for Host headers a WebSocket client would not send; returns the
// reply: the status line and headers, and after a 101 the first frame the server sent once pinged
// (its pong if it admitted the client, or the close frame if it refused it after the upgrade).
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
    bool pinged = false;
    (void)QTest::qWaitFor(
        [&] {
            got += s.readAll();
            const qsizetype end = got.indexOf("\r\n\r\n");
            if (end < 0 || !got.startsWith("HTTP/1.1 101"))
                return end >= 0 || s.state() != QAbstractSocket::ConnectedState;
            if (!pinged) {
                s.write(QByteArray("\x89\x80\x01\x02\x03\x04", 6)); // a masked ping without payload
                pinged = true;
            }
            const QByteArray body = got.mid(end + 4);
            const bool frame = body.size() >= 2 && (quint8(body.at(0)) == 0x8A || body.size() >= 4);
            return frame || s.state() != QAbstractSocket::ConnectedState;
        },
        5000);
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

// Admitted: upgraded, and the first frame after the ping is its pong.
bool admitted(const QByteArray &reply)
{
    const qsizetype body = reply.indexOf("\r\n\r\n") + 4;
    return reply.startsWith("HTTP/1.1 101") && reply.size() >= body + 2 && quint8(reply.at(body)) == 0x8A;
}

QStringList g_log;
QMutex g_logMutex; // the server's threads log too
void capture(QtMsgType, const QMessageLogContext &, const QString &msg)
{
    QMutexLocker lock(&g_logMutex);
    g_log << msg;
}

// The lines logged while it lives, with every tsgdesk category on.
struct LogCapture {
    LogCapture()
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("tsgdesk.*=true"));
        previous = qInstallMessageHandler(capture);
    }
    ~LogCapture() { qInstallMessageHandler(previous); }
    bool contains(const QString &part) const
    {
        QMutexLocker lock(&g_logMutex);
        return std::any_of(g_log.cbegin(), g_log.cend(), [&](const QString &line) { return line.contains(part); });
    }
    QtMessageHandler previous = nullptr;
};

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
    void failuresOlderThanAMinuteNoLongerCount();
    void silentSocketIsDroppedAfterTheHandshakeTimeout();
    void firstMessageIsAnsweredAfterFailures_data();
    void firstMessageIsAnsweredAfterFailures();
    void framesInTheHandshakePacketAreAnswered_data();
    void framesInTheHandshakePacketAreAnswered();
    void socketsDroppedDuringTheHandshakeAreDeleted();
    void oversizedHandshakeIsDropped();
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
    QCOMPARE(c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined),
                       QStringLiteral("tsg:list:response"))
                 .value(u"type")
                 .toString(),
             QStringLiteral("tsg:list:response"));
}

void TestSecurity::foreignOriginsAreRefused()
{
    TestServer s;
    for (const QByteArray &origin :
         {QByteArray("https://evil.example"), QByteArray("null"), QByteArray("http://localhost.evil.example"),
          QByteArray("file://"), QByteArray("http://127.0.0.1.nip.io:8080")}) {
        TestClient c;
        const bool opened = c.open(withHeaders(s.url(), {{"Origin", origin}}));
        QVERIFY2(!opened || !c.staysOpen(), origin.constData());
    }
    for (const QByteArray &origin :
         {QByteArray("http://localhost:5173"), QByteArray("http://127.0.0.1:3000"), QByteArray("https://[::1]:8443")}) {
        TestClient c;
        QVERIFY2(c.open(withHeaders(s.url(), {{"Origin", origin}})) && c.staysOpen(), origin.constData());
    }
}

void TestSecurity::rebindingHostsAreRefused()
{
    TestServer s;
    const QString t = s.runtime->token();
    const QByteArray port = QByteArray::number(s.port());
    QVERIFY(admitted(rawHandshake(s.port(), "Host: 127.0.0.1:" + port + "\r\n", t)));
    QVERIFY(admitted(rawHandshake(s.port(), "Host: localhost:" + port + "\r\n", t)));
    for (const QByteArray &host :
         {QByteArray("localhost6:") + port, QByteArray("localhost.evil.example:") + port,
          QByteArray("127.0.0.1.nip.io:") + port, QByteArray("127.0.0.1:1"), QByteArray("127.0.0.1")}) {
        QVERIFY2(refusedOrClosed1008(rawHandshake(s.port(), "Host: " + host + "\r\n", t)), host.constData());
    }
    QVERIFY(refusedOrClosed1008(rawHandshake(s.port(), QByteArray(), t)));
    QVERIFY(refusedOrClosed1008(
        rawHandshake(s.port(), "Host: 127.0.0.1:" + port + "\r\nHost: evil.example:" + port + "\r\n", t)));
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
    QFile::setPermissions(t.root() + u"/server.json"_qs,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
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
        good.request(QStringLiteral("tsg:create"),
                     QJsonObject{{QStringLiteral("name"), QStringLiteral("logged-guide")}},
                     QStringLiteral("tsg:create:success"));
        good.request(QStringLiteral("tsg:delete"), QJsonObject{{QStringLiteral("name"), token}},
                     QStringLiteral("tsg:delete:success"));
    }
    qInstallMessageHandler(previous);
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(token.left(16)), qPrintable(line));
}

void TestSecurity::oversizedMessageIsClosedWith1009()
{
    TestServer s;
    QVERIFY(await(s.t.lib->updateConfig([](tsg::Config &c) {
                c.tsg.maxUploadSize = 1;
                c.session.maxUploadSize = 1;
            })).ok());
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

// The rule of docs/PROTOCOL.md on a clock the test moves: 10 failures at most 60 s old slow every
// handshake down by 1 s; older ones no longer count.
void TestSecurity::failuresOlderThanAMinuteNoLongerCount()
{
    qint64 now = 5'000'000;
    tsg::AuthGate gate(QString(), {}, [&now] { return now; });
    for (int i = 0; i < 9; ++i)
        gate.recordFailure();
    QCOMPARE(gate.delayForNextAttemptMs(), 0); // nine are not enough
    now += 30000;
    gate.recordFailure(); // the tenth, 30 s after the first nine
    QCOMPARE(gate.delayForNextAttemptMs(), 1000);
    now += 30000; // the first nine are exactly 60 s old: still in the window
    QCOMPARE(gate.delayForNextAttemptMs(), 1000);
    now += 1; // 60.001 s: only the tenth counts
    QCOMPARE(gate.delayForNextAttemptMs(), 0);
    for (int i = 0; i < 8; ++i)
        gate.recordFailure(); // with the one 30.001 s old: nine in the window
    QCOMPARE(gate.delayForNextAttemptMs(), 0);
    gate.recordFailure();
    QCOMPARE(gate.delayForNextAttemptMs(), 1000);
    now += 29999; // the oldest of the ten is 60 s old
    QCOMPARE(gate.delayForNextAttemptMs(), 1000);
    now += 1;
    QCOMPARE(gate.delayForNextAttemptMs(), 0);
    now += 10 * 60000; // long after: nothing counts, and nothing new was recorded
    QCOMPARE(gate.delayForNextAttemptMs(), 0);
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
    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState,
                             tsg::ConnectionThread::kHandshakeTimeoutMs + 5000);
    QVERIFY(timer.elapsed() >= tsg::ConnectionThread::kHandshakeTimeoutMs - 1000);
    QTRY_COMPARE(s.runtime->server().openSocketCount(), 1); // the dropped socket is deleted, the client's is not
    QVERIFY(c.staysOpen());
    QCOMPARE(c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined),
                       QStringLiteral("tsg:list:response"))
                 .value(u"type")
                 .toString(),
             QStringLiteral("tsg:list:response"));
}

void TestSecurity::firstMessageIsAnsweredAfterFailures_data()
{
    QTest::addColumn<int>("failures");
    QTest::newRow("no slow-down") << 0;
    QTest::newRow("after 12 wrong tokens") << 12;
}

// A client with the right token that sends as soon as it is open is answered, whether or not
// earlier failures slowed admission down (a stale bookmark, an agent restarted with an old token).
void TestSecurity::firstMessageIsAnsweredAfterFailures()
{
    QFETCH(int, failures);
    TestServer s;
    failAttempts(s, failures);
    TestClient good;
    good.socket.open(s.url());
    QTRY_COMPARE_WITH_TIMEOUT(good.socket.state(), QAbstractSocket::ConnectedState, 10000);
    const QString first = good.send(QStringLiteral("tsg:list")); // in the same event-loop turn as "connected"
    const QString second = good.send(QStringLiteral("tsg:list"));
    QCOMPARE(good.types(good.await(first, {QStringLiteral("tsg:list:response")}, 8000)),
             QStringList{QStringLiteral("tsg:list:response")});
    QCOMPARE(good.types(good.await(second, {QStringLiteral("tsg:list:response")}, 8000)),
             QStringList{QStringLiteral("tsg:list:response")});
    QCOMPARE(good.closeCode, -1);
}

void TestSecurity::framesInTheHandshakePacketAreAnswered_data()
{
    QTest::addColumn<int>("failures");
    QTest::newRow("no slow-down") << 0;
    QTest::newRow("after 12 wrong tokens") << 12;
}

// The upgrade request and two text frames written in one write(): the frames arrive in the same
// TCP segment as the handshake and are answered in order.
void TestSecurity::framesInTheHandshakePacketAreAnswered()
{
    QFETCH(int, failures);
    TestServer s;
    failAttempts(s, failures);
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, s.port());
    QVERIFY(raw.waitForConnected(5000));
    const QByteArray port = QByteArray::number(s.port());
    QByteArray packet = "GET /?token=" + s.runtime->token().toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n\r\n";
    packet += maskedTextFrame(R"({"type":"tsg:list","requestId":"same-packet-1","sessionId":"s"})");
    packet += maskedTextFrame(R"({"type":"tsg:list","requestId":"same-packet-2","sessionId":"s"})");
    QElapsedTimer sent;
    sent.start();
    QCOMPARE(raw.write(packet), packet.size());
    QVERIFY(raw.flush() || raw.bytesToWrite() == 0);
    qint64 upgradedAfterMs = -1;
    QByteArray got;
    QList<QByteArray> frames;
    const auto answered = [&] {
        got += raw.readAll();
        const qsizetype body = got.indexOf("\r\n\r\n");
        if (body >= 0 && upgradedAfterMs < 0)
            upgradedAfterMs = sent.elapsed();
        frames = body < 0 ? QList<QByteArray>() : serverTextFrames(got.mid(body + 4));
        return frames.size() >= 2 || raw.state() != QAbstractSocket::ConnectedState;
    };
    QVERIFY2(QTest::qWaitFor(answered, 8000), got.left(200).constData());
    QVERIFY2(got.startsWith("HTTP/1.1 101"), got.left(200).constData());
    QCOMPARE(frames.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject reply = QJsonDocument::fromJson(frames.at(i)).object();
        QCOMPARE(reply.value(u"type").toString(), QStringLiteral("tsg:list:response"));
        QCOMPARE(reply.value(u"requestId").toString(), QStringLiteral("same-packet-%1").arg(i + 1));
    }
    // The slow-down still holds the attempt (1 s, docs/PROTOCOL.md), before anything is answered.
    if (failures >= 10)
        QVERIFY2(upgradedAfterMs >= 950, qPrintable(QString::number(upgradedAfterMs)));
}

// A handshake request that does not end within 64 KiB is dropped at once, not after the timeout.
void TestSecurity::oversizedHandshakeIsDropped()
{
    TestServer s;
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, s.port());
    QVERIFY(raw.waitForConnected(5000));
    const LogCapture log;
    raw.write("GET / HTTP/1.1\r\nX-Padding: " + QByteArray(tsg::ConnectionThread::kMaxHandshakeBytes, 'a'));
    QTRY_VERIFY_WITH_TIMEOUT(raw.state() == QAbstractSocket::UnconnectedState,
                             tsg::ConnectionThread::kHandshakeTimeoutMs + 5000);
    // Dropped for its size, not by the handshake timeout (which would have dropped it too, later).
    QVERIFY(log.contains(QStringLiteral("whose handshake request exceeds")));
    QVERIFY(!log.contains(QStringLiteral("that was not admitted within")));
    QTRY_COMPARE(s.runtime->server().openSocketCount(), 0);
}

// Clients that drop before or during the handshake, or whose upgrade is refused, leave no socket
// behind on the server (each one a QTcpSocket and its buffers, and no token needed to cause it).
void TestSecurity::socketsDroppedDuringTheHandshakeAreDeleted()
{
    TestServer s;
    const tsg::WsServer &server = s.runtime->server();
    const QByteArray port = QByteArray::number(s.port());
    for (int round = 0; round < 3; ++round) {
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 60; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, s.port());
        }
        // The server accepts on this thread: wait with the event loop running, not in waitForConnected().
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                             [](const auto &c) {
                                                 return c->state() == QAbstractSocket::ConnectedState;
                                             }),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(server.openSocketCount(), 60, 10000);
        for (int i = 0; i < 60; ++i) {
            QTcpSocket &c = *clients[size_t(i)];
            if (i % 3 == 1) // half a handshake, then gone
                c.write("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            if (i % 3 == 2) // an upgrade the server refuses (foreign Origin: HTTP 403)
                c.write("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: "
                          "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            c.flush();
        }
        for (int i = 0; i < 60; ++i) {
            if (i % 2)
                clients[size_t(i)]->abort(); // RST
            else
                clients[size_t(i)]->disconnectFromHost(); // FIN
        }
        // Well inside the 10 s handshake timeout: what is left now is left because nobody deletes it.
        QTRY_COMPARE_WITH_TIMEOUT(server.openSocketCount(), 0, tsg::ConnectionThread::kHandshakeTimeoutMs / 2);
    }
    // Clients that are gone before the server even accepted them (they wait in the listen backlog
    // while this thread, which accepts, is blocked).
    for (int round = 0; round < 10; ++round) {
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 10; ++i) { // within the listen backlog
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, s.port());
            QVERIFY2(clients.back()->waitForConnected(5000),
                     qPrintable(QString::number(i)
                                + clients.back()->errorString())); // the kernel completes it; nobody accepts yet
        }
        for (int i = 0; i < 10; ++i) {
            if (i % 2)
                clients[size_t(i)]->abort();
            else
                clients[size_t(i)]->disconnectFromHost();
        }
        // The backlog is accepted in order: once a client behind them is served, all of them were taken.
        TestClient behind;
        QVERIFY(behind.open(s.url()));
        QTRY_COMPARE_WITH_TIMEOUT(server.openSocketCount(), 1, tsg::ConnectionThread::kHandshakeTimeoutMs / 2);
    }
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
