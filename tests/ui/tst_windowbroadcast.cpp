// Issue 18's "a change made in the window appearing in the tab": the window is the library's single writer, and
// the browser tab is a client of the server's WebSocket (web/client.js). Here one Library serves both, as in the
// app (app/desktop.cpp): a MainWindow (offscreen) and a ServerRuntime, and a real QWebSocket client connected
// with the token stands in for the tab. Changes made through the window's own widgets and actions (New TSG's
// dialog, Set active, Delete) reach that client as the protocol's tsg:list:response pushes, which is what the
// tab redraws its list from (the tab's side of it is in tests/interop/webui.test.mjs: two tabs).
#include "testserver.h"
#include "uitest.h"

#include "newtsgdialog.h"
#include "serverruntime.h"

#include <QAction>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace testing;
using namespace tsg;

namespace {

// The TSG lists the server pushed (no requestId): each as {name: active?}, in order.
QList<QHash<QString, bool>> pushedLists(const TestClient &c, QString *activeOfLast = nullptr)
{
    QList<QHash<QString, bool>> out;
    for (const QJsonObject &m : c.messages) {
        if (m.value(u"type").toString() != u"tsg:list:response" || m.contains(u"requestId"))
            continue;
        QHash<QString, bool> list;
        const QJsonObject data = m.value(u"data").toObject();
        for (const QJsonValue &t : data.value(u"tsgs").toArray())
            list.insert(t.toObject().value(u"name").toString(), t.toObject().value(u"active").toBool());
        if (activeOfLast)
            *activeOfLast = data.value(u"activeTSG").toString();
        out << list;
    }
    return out;
}

} // namespace

class TestWindowBroadcast : public QObject {
    Q_OBJECT

private slots:
    void windowChangesReachTheTab();
};

void TestWindowBroadcast::windowChangesReachTheTab()
{
    TempLibrary t;
    ServerRuntime runtime(*t.lib);
    QVERIFY(runtime.start({.listen = QStringLiteral("127.0.0.1"), .port = 0}).ok());
    RecordingDesktop desktop;
    MainWindow w(*t.lib, &runtime);
    w.confirm = [](const QString &, const QString &) { return true; };
    w.setDesktopServices(&desktop);
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));

    TestClient tab;
    QVERIFY(tab.open(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/?token=%2").arg(runtime.server().port()).arg(runtime.token()))));
    QCOMPARE(tab.request(QStringLiteral("tsg:list"), QJsonObject(), QStringLiteral("tsg:list:response"))
                 .value(u"data")
                 .toObject()
                 .value(u"tsgs")
                 .toArray()
                 .size(),
             0);

    // New TSG, through its dialog, from the keyboard shortcut.
    const QString name = QStringLiteral("Made in the window");
    OnDialog<NewTsgDialog> fill([&name](NewTsgDialog *d) {
        QTest::keyClicks(d->findChild<QLineEdit *>(QStringLiteral("name")), name);
        QTest::mouseClick(d->createButton(), Qt::LeftButton);
    });
    QTest::keySequence(&w, QKeySequence(Qt::CTRL | Qt::Key_N));
    QVERIFY(fill.done());
    QTRY_VERIFY_WITH_TIMEOUT(!pushedLists(tab).isEmpty() && pushedLists(tab).last().contains(name), 10000);
    QTRY_COMPARE(w.selectedTsg(), name);

    // Set active, from the window's action.
    const qsizetype before = pushedLists(tab).size();
    w.action(QStringLiteral("setActive"))->trigger();
    QString active;
    QTRY_VERIFY_WITH_TIMEOUT(pushedLists(tab).size() > before && pushedLists(tab, &active).last().value(name), 10000);
    QCOMPARE(active, name);

    // Delete, from the window's action (its question answered yes): the tab's list loses it.
    w.action(QStringLiteral("deleteTsg"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!pushedLists(tab).last().contains(name), 10000);
    QVERIFY(t.lib->tsgs().isEmpty());
    runtime.stop();
}

QTEST_MAIN(TestWindowBroadcast)
#include "tst_windowbroadcast.moc"
