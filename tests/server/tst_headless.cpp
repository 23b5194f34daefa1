// The real binary: `tsgdesk --headless` prints exactly its URL line when ready, stops cleanly on
// SIGTERM (exit 0, server.json removed), a second process on the same data folder is refused, and it keeps the
// search index current: an upload is found by tsg:search and read back by tsg:read-file.
#include "testlibrary.h"
#include "testserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

using namespace testing;

class TestHeadless : public QObject {
    Q_OBJECT
private slots:
    void printsUrlAndStopsCleanly();
    void secondProcessIsRefused();
    void versionAndHelp();
    void searchFindsAnUploadAndReadFileReadsIt();
};

namespace {

QString startedUrl(QProcess &p)
{
    if (!QTest::qWaitFor([&] { return p.canReadLine() || p.state() == QProcess::NotRunning; }, 15000))
        return {};
    return QString::fromUtf8(p.readLine()).trimmed();
}

} // namespace

void TestHeadless::printsUrlAndStopsCleanly()
{
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral(TSGDESK_BINARY),
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
             dir.path()});
    const QString line = startedUrl(p);
    const QRegularExpression shape(
        QStringLiteral("^tsgdesk listening on ws://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]{22,})$"));
    const auto m = shape.match(line);
    QVERIFY2(m.hasMatch(), qPrintable(line));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("server.json"))));
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    // Everything it wrote has arrived once it has exited: the URL line was its only output on stdout, for the
    // whole run (a later line, flushed or only at exit, shows up here).
    QCOMPARE(p.readAllStandardOutput(), QByteArray());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("server.json"))));
    QVERIFY(!QString::fromUtf8(p.readAllStandardError()).contains(m.captured(2)));
}

void TestHeadless::secondProcessIsRefused()
{
    QTemporaryDir dir;
    QProcess first;
    first.start(QStringLiteral(TSGDESK_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(!startedUrl(first).isEmpty());
    QProcess second;
    second.start(QStringLiteral(TSGDESK_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                  QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(second.waitForFinished(10000));
    QVERIFY(second.exitCode() != 0);
    QVERIFY(QString::fromUtf8(second.readAllStandardError()).contains(u"in use by another TSG Desk"));
    first.terminate();
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitCode(), 0);
}

void TestHeadless::versionAndHelp()
{
    QProcess p;
    p.start(QStringLiteral(TSGDESK_BINARY), {QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains(TSGDESK_VERSION));
    p.start(QStringLiteral(TSGDESK_BINARY), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    const QByteArray help = p.readAllStandardOutput();
    for (const char *opt : {"--data-dir", "--port", "--listen", "--headless", "--minimized"})
        QVERIFY2(help.contains(opt), opt);
}

void TestHeadless::searchFindsAnUploadAndReadFileReadsIt()
{
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral(TSGDESK_BINARY),
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
             dir.path()});
    const QString line = startedUrl(p);
    QVERIFY2(line.startsWith(QStringLiteral("tsgdesk listening on ")), qPrintable(line));
    {
        TestClient c;
        QVERIFY(c.open(QUrl(line.section(u' ', -1))));
        QCOMPARE(c.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("vpn")}},
                           QStringLiteral("tsg:create:success"))
                     .value(u"type")
                     .toString(),
                 QStringLiteral("tsg:create:success"));
        const QByteArray log = "09:00 start\n09:01 ERROR handshake timeout\n";
        const QJsonObject file{{QStringLiteral("path"), QStringLiteral("agent.log")},
                               {QStringLiteral("content"), QString::fromLatin1(log.toBase64())},
                               {QStringLiteral("size"), log.size()}};
        QCOMPARE(c.request(QStringLiteral("tsg:upload"),
                           QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("vpn")},
                                       {QStringLiteral("files"), QJsonArray{file}}},
                           QStringLiteral("tsg:upload:success"))
                     .value(u"type")
                     .toString(),
                 QStringLiteral("tsg:upload:success"));
        // The index catches up on its own thread: ask until the hit is there.
        QJsonObject found;
        QTRY_VERIFY_WITH_TIMEOUT((found = c.request(QStringLiteral("tsg:search"),
                                                    QJsonObject{{QStringLiteral("query"), QStringLiteral("handshake")}},
                                                    QStringLiteral("tsg:search:response"))
                                              .value(u"data")
                                              .toObject(),
                                  found.value(u"total").toInt() == 1),
                                 15000);
        const QJsonObject hit = found.value(u"hits").toArray().at(0).toObject();
        QCOMPARE(hit.value(u"path").toString(), QStringLiteral("agent.log"));
        QCOMPARE(hit.value(u"line").toInt(), 2);
        QVERIFY(hit.value(u"snippet").toString().contains(QStringLiteral("[[handshake]]")));

        const QJsonObject read = c.request(QStringLiteral("tsg:read-file"),
                                           QJsonObject{{QStringLiteral("name"), QStringLiteral("vpn")},
                                                       {QStringLiteral("path"), QStringLiteral("agent.log")},
                                                       {QStringLiteral("line"), hit.value(u"line")},
                                                       {QStringLiteral("lines"), 1}},
                                           QStringLiteral("tsg:read-file:response"));
        QCOMPARE(read.value(u"data").toObject().value(u"text").toString(),
                 QStringLiteral("09:01 ERROR handshake timeout\n"));
    }
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
