// The window beside the real server: a WebSocket client's changes show in the window at once, the
// window's changes reach the client, the server panel shows the URL and the connected clients; the
// tray notifies uploads from clients (not the window's own) and cleanups; a second launch on the same
// data folder finds the first.
#include "testserver.h"
#include "uitest.h"

#include "filetreemodel.h"
#include "serverstatuspanel.h"
#include "singleinstance.h"
#include "trayicon.h"
#include "tsglistmodel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QJsonArray>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

using namespace testing;
using namespace tsg;

namespace {

// Takes the URLs QDesktopServices would hand to the web browser.
class BrowserDouble : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened << url; }
};

// True once every queued call posted to `receiver` before this one has run: queued calls to one
// thread are delivered in the order they were posted, so this proves that a slot did not fire
// without sleeping for a guessed time.
bool queuedCallsDelivered(QObject *receiver)
{
    bool delivered = false;
    QMetaObject::invokeMethod(
        receiver, [&delivered] { delivered = true; }, Qt::QueuedConnection);
    return QTest::qWaitFor([&] { return delivered; }, 10000);
}

} // namespace

class TestDesktopIntegration : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void clientAndWindowSeeEachOther();
    void trayNotifiesClientUploadsAndCleanup();
    void secondLaunchFindsTheFirst();
};

void TestDesktopIntegration::clientAndWindowSeeEachOther()
{
    TestServer s;
    MainWindow w(*s.t.lib, s.runtime.get());
    w.show();
    ServerStatusPanel *panel = w.serverPanel();
    QVERIFY2(panel->text().contains(s.runtime->url()), qPrintable(panel->text()));
    QVERIFY(panel->text().contains(u"0 clients connected"));

    TestClient c;
    QVERIFY(c.open(s.url()));
    QTRY_VERIFY2(panel->text().contains(u"1 client connected"), qPrintable(panel->text()));

    // The browser creates and uploads: the window shows both.
    const auto created = c.request(QStringLiteral("tsg:create"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("From the browser")}},
                                   QStringLiteral("tsg:create:success"));
    QCOMPARE(created.value(u"type").toString(), QStringLiteral("tsg:create:success"));
    QTRY_COMPARE(w.tsgModel().rowOf(QStringLiteral("From the browser")), 0);
    w.selectTsg(QStringLiteral("From the browser"));
    const QJsonArray files{QJsonObject{{QStringLiteral("path"), QStringLiteral("docs/guide.md")},
                                       {QStringLiteral("content"), QStringLiteral("IyBHdWlkZQ==")}}};
    const auto uploaded = c.request(QStringLiteral("tsg:upload"),
                                    QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("From the browser")},
                                                {QStringLiteral("files"), files}},
                                    QStringLiteral("tsg:upload:success"));
    QCOMPARE(uploaded.value(u"type").toString(), QStringLiteral("tsg:upload:success"));
    QTRY_COMPARE(w.fileModel().fileCount(), 1);
    QVERIFY(w.fileModel().indexOfPath(QStringLiteral("docs/guide.md")).isValid());

    // The window sets the active TSG: the client hears of it without asking.
    const int before = int(c.messages.size());
    w.action(QStringLiteral("setActive"))->trigger();
    QTRY_VERIFY(c.messages.size() > before);
    bool heard = false;
    (void)QTest::qWaitFor(
        [&] {
            for (qsizetype i = before; i < c.messages.size(); ++i)
                if (c.messages.at(i).value(u"data").toObject().value(u"activeTSG").toString() == u"From the browser")
                    heard = true;
            return heard;
        },
        5000);
    QVERIFY(heard);

    // Copy browser URL puts the URL with its token on the clipboard.
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("copyUrl")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), s.runtime->urlWithToken());
    // For agents: the MCP URL and the token, which together open an MCP session over HTTP.
    auto *agents = panel->findChild<QToolButton *>(QStringLiteral("agentMenu"));
    QVERIFY(agents && agents->isVisible() && agents->isEnabled());
    QVERIFY(agents->menu()->actions().contains(panel->findChild<QAction *>(QStringLiteral("copyMcpUrl"))));
    panel->findChild<QAction *>(QStringLiteral("copyMcpUrl"))->trigger();
    const QUrl mcpUrl(QGuiApplication::clipboard()->text());
    QCOMPARE(mcpUrl.toString(), QStringLiteral("http://127.0.0.1:%1/mcp").arg(s.port()));
    panel->findChild<QAction *>(QStringLiteral("copyToken"))->trigger();
    const QByteArray token = QGuiApplication::clipboard()->text().toUtf8();
    QCOMPARE(token, s.runtime->token().toUtf8());
    QNetworkAccessManager http;
    QNetworkRequest initialize(mcpUrl);
    initialize.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    initialize.setRawHeader("Accept", "application/json, text/event-stream");
    initialize.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply =
        http.post(initialize,
                  R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
                  R"("capabilities":{},"clientInfo":{"name":"tst_desktopintegration","version":"1"}}})");
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(answer.value(u"result").toObject().value(u"protocolVersion").toString(), QStringLiteral("2025-06-18"));
    QVERIFY(!reply->rawHeader("Mcp-Session-Id").isEmpty());
    reply->deleteLater();
    // The Server menu has the same two.
    QGuiApplication::clipboard()->clear();
    w.action(QStringLiteral("copyMcpEndpoint"))->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), mcpUrl.toString());
    w.action(QStringLiteral("copyAccessToken"))->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), token);
    // Open in browser: the browser UI on the server's own port, the token in the fragment only.
    BrowserDouble browser;
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("openInBrowser")), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QCOMPARE(browser.opened.size(), 1);
    QCOMPARE(browser.opened.first().toString(),
             QStringLiteral("http://127.0.0.1:%1/#token=%2").arg(s.port()).arg(s.runtime->token()));
    QCOMPARE(browser.opened.first().query(), QString());
    // A new token: the URL changes; the panel asks first.
    panel->confirm = [](const QString &, const QString &) { return true; };
    const QString oldToken = s.runtime->token();
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("regenerateToken")), Qt::LeftButton);
    QVERIFY(s.runtime->token() != oldToken);
}

void TestDesktopIntegration::trayNotifiesClientUploadsAndCleanup()
{
    TempLibrary t;
    MainWindow w(*t.lib, nullptr);
    TrayIcon tray(*t.lib, nullptr, w);
    QVERIFY(tray.tooltipText().contains(u"Active TSG: none"));
    QSignalSpy notified(&tray, &TrayIcon::notified);
    // Connected after the tray: when the spy has seen a landing, the tray's queued slot for it is posted.
    QSignalSpy landed(t.lib.get(), &Library::uploadLanded);
    QVERIFY(await(t.lib->createTsg(QStringLiteral("tray-target"))).ok());
    // The window's own upload: no notification.
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("tray-target")),
                                batchOf({{QStringLiteral("a.md"), "a"}}), 0))
                .ok());
    // An agent's: one, saying what and where.
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("tray-target")),
                                batchOf({{QStringLiteral("b.md"), "bb"}}), 5))
                .ok());
    QTRY_COMPARE(notified.size(), 1);
    QVERIFY2(notified.first().at(1).toString().contains(u"tray-target"), qPrintable(notified.first().at(1).toString()));
    // Turned off in Settings: none.
    QVERIFY(await(t.lib->updateConfig([](Config &c) { c.desk.notifyUploads = false; })).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("tray-target")),
                                batchOf({{QStringLiteral("c.md"), "c"}}), 5))
                .ok());
    QTRY_COMPARE(landed.size(), 3);
    QVERIFY(queuedCallsDelivered(&tray));
    QCOMPARE(notified.size(), 1);
    // Active TSG in the tooltip.
    QVERIFY(await(t.lib->selectTsg(QStringLiteral("tray-target"), 5)).ok());
    QTRY_VERIFY(tray.tooltipText().contains(u"Active TSG: tray-target"));
    CleanupReport r;
    r.sessionsRemoved = 2;
    r.bytesFreed = 2048;
    QVERIFY(TrayIcon::cleanupNotice(r, t.root()).contains(u"2 idle sessions"));
    QVERIFY(TrayIcon::cleanupNotice(r, t.root()).contains(t.root()));
    // A cleanup run that removed something: one notification, saying what; none once turned off.
    const qsizetype beforeCleanup = notified.size();
    emit t.lib->cleanupFinished(r);
    QTRY_COMPARE(notified.size(), beforeCleanup + 1);
    QCOMPARE(notified.last().at(1).toString(), TrayIcon::cleanupNotice(r, t.root()));
    QVERIFY(await(t.lib->updateConfig([](Config &c) { c.desk.notifyCleanup = false; })).ok());
    emit t.lib->cleanupFinished(r);
    QVERIFY(queuedCallsDelivered(&tray));
    QCOMPARE(notified.size(), beforeCleanup + 1);
}

void TestDesktopIntegration::secondLaunchFindsTheFirst()
{
    QTemporaryDir data, other;
    SingleInstance first(data.path());
    QVERIFY(!first.askRunningToShow(200)); // nobody yet
    QVERIFY(first.listen());
    QSignalSpy shown(&first, &SingleInstance::showRequested);
    // The second launch blocks in askRunningToShow; the first answers from its event loop, so the
    // second runs on another thread here (in real life: another process).
    SingleInstance second(data.path());
    auto asked = QtConcurrent::run([&second] { return second.askRunningToShow(3000); });
    QTRY_VERIFY(asked.isFinished());
    QVERIFY(asked.result());
    QCOMPARE(shown.size(), 1);
    QVERIFY(!SingleInstance(other.path()).askRunningToShow(200)); // another data folder: another instance
    QCOMPARE(SingleInstance::serverName(data.path()), SingleInstance::serverName(data.path() + QStringLiteral("/")));
}

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
