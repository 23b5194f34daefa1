// The tray's "Active TSG" menu with a long library (offscreen): the active TSG and the last few used, then
// "Choose…", a dialog with a filter; the recent ones are kept in config.json under our own key, and every other key
// of that shared file stays.
#include "uitest.h"

#include "choosetsgdialog.h"
#include "trayicon.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QMenu>

using namespace testing;
using namespace tsg;

namespace {

QStringList texts(QMenu *menu)
{
    QStringList out;
    for (QAction *a : menu->actions())
        if (!a->isSeparator())
            out << a->text();
    return out;
}

QJsonObject configJson(const TempLibrary &t)
{
    return QJsonDocument::fromJson(readAll(t.root() + QStringLiteral("/config.json"))).object();
}

} // namespace

class TestTrayActiveMenu : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void longLibraryShowsActiveRecentAndChoose();
    void reopeningTheMenuLeavesNothingBehind();
};

void TestTrayActiveMenu::longLibraryShowsActiveRecentAndChoose()
{
    TempLibrary t;
    // config.json is shared with codex-cli: keys that are not ours stay as they are.
    QVERIFY(writeFile(t.root() + QStringLiteral("/config.json"),
                      R"({"model": "o4-mini", "tsgDesk": {"port": 8737, "someoneElses": [1, 2]}})"));
    t.reopen();
    for (int i = 0; i < 30; ++i)
        QVERIFY(await(t.lib->createTsg(QStringLiteral("Case %1 of the week").arg(i, 2, 10, QChar(u'0')))).ok());
    MainWindow w(*t.lib, nullptr);
    TrayIcon tray(*t.lib, nullptr, w);
    // Made active one after another (as the window, the tray or a client does).
    for (int i : {3, 7, 11, 15, 19, 23, 27}) {
        const QString name = QStringLiteral("Case %1 of the week").arg(i, 2, 10, QChar(u'0'));
        QVERIFY(await(t.lib->selectTsg(name)).ok());
        QTRY_COMPARE(t.lib->config().desk.recentTsgs.value(0), name);
    }
    const QJsonObject config = configJson(t);
    QCOMPARE(config.value(u"model").toString(), QStringLiteral("o4-mini"));
    QCOMPARE(config.value(u"tsgDesk").toObject().value(u"someoneElses").toArray().size(), 2);
    QCOMPARE(config.value(u"tsgDesk").toObject().value(u"recentTsgs").toArray().size(), 5);
    QCOMPARE(config.value(u"tsgDesk").toObject().value(u"recentTsgs").toArray().at(0).toString(),
             QStringLiteral("Case 27 of the week"));

    auto *active = tray.menu()->findChild<QMenu *>(QStringLiteral("activeMenu"));
    QVERIFY(active);
    emit active->aboutToShow();
    const QStringList shown = texts(active);
    QVERIFY2(shown.size() <= 10, qPrintable(shown.join(u'|')));
    QCOMPARE(shown.value(0), QStringLiteral("None"));
    QCOMPARE(shown.value(1), QStringLiteral("Case 27 of the week")); // the active one, checked
    QVERIFY(active->actions().at(2)->isChecked());
    for (const char *recent : {"Case 23 of the week", "Case 19 of the week", "Case 15 of the week",
                               "Case 11 of the week"}) // the five kept, the active one among them
        QVERIFY2(shown.contains(QLatin1String(recent)), recent);
    QVERIFY2(shown.last().startsWith(u"Choose…"), qPrintable(shown.last()));

    // Choose…: the dialog lists them all; a filter, then Enter into the list and Enter to pick.
    OnDialog<ChooseTsgDialog> choose([](ChooseTsgDialog *d) {
        QCOMPARE(d->list()->model()->rowCount(), 30);
        QTest::keyClicks(d->filter(), QStringLiteral("case 05"));
        QCOMPARE(d->list()->model()->rowCount(), 1);
        QTest::keyClick(d->filter(), Qt::Key_Down);
        QCOMPARE(d->chosen(), QStringLiteral("Case 05 of the week"));
        QTest::keyClick(d->list(), Qt::Key_Return);
    });
    active->actions().last()->trigger();
    QVERIFY(choose.done());
    QTRY_COMPARE(t.lib->activeTsg(), std::optional<QString>(QStringLiteral("Case 05 of the week")));
}

// The menu is built again each time it opens (the library may have changed); a tray runs for weeks, so what the last
// build made must go with it.
void TestTrayActiveMenu::reopeningTheMenuLeavesNothingBehind()
{
    TempLibrary t;
    for (const char *name : {"alpha", "beta", "gamma"})
        QVERIFY(await(t.lib->createTsg(QString::fromLatin1(name))).ok());
    QVERIFY(await(t.lib->selectTsg(QStringLiteral("beta"))).ok());
    MainWindow w(*t.lib, nullptr);
    TrayIcon tray(*t.lib, nullptr, w);
    auto *active = tray.menu()->findChild<QMenu *>(QStringLiteral("activeMenu"));
    QVERIFY(active);
    emit active->aboutToShow();
    const QStringList shown = texts(active);
    const qsizetype objects = active->findChildren<QObject *>().size();
    for (int i = 0; i < 20; ++i)
        emit active->aboutToShow();
    QCOMPARE(texts(active), shown);
    QCOMPARE(active->findChildren<QObject *>().size(), objects);
}

QTEST_MAIN(TestTrayActiveMenu)
#include "tst_trayactivemenu.moc"
