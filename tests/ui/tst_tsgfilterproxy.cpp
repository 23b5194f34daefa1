// Filtering the TSG list by tag (offscreen): `tag:vpn` typed in the filter field keeps the TSGs with that tag
// (any case, several tags all required, with words for the name), the Tags menu adds and removes the term, a
// tag given by another client shows in the filtered list at once, and a filter that matches nothing says so.
#include "uitest.h"

#include "emptystateoverlay.h"
#include "tsgfilterproxy.h"
#include "tsglistmodel.h"

#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QToolButton>

using namespace testing;
using namespace tsg;

namespace {

QStringList shown(const Window &x)
{
    QStringList names;
    const QAbstractItemModel *m = x.w.tsgView()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        names << m->index(r, TsgListModel::Name).data().toString();
    return names;
}

void typeFilter(Window &x, const QString &text)
{
    x.w.filterEdit()->clear();
    QTest::keyClicks(x.w.filterEdit(), text);
}

QAction *menuEntry(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

class TestTsgFilterProxy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tagTermsInTheFilterField();
    void tagsMenuTogglesTheTerm();
    void aTagGivenElsewhereShowsInTheFilteredList();
    void toggledTag_data();
    void toggledTag();
};

void TestTsgFilterProxy::tagTermsInTheFilterField()
{
    Window x;
    QVERIFY(
        await(x.t.lib->createTsg(QStringLiteral("VPN drops"), {}, {QStringLiteral("vpn"), QStringLiteral("network")}))
            .ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN slow"), {}, {QStringLiteral("VPN")})).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Printer offline"), {},
                                     {QStringLiteral("printing"), QStringLiteral("on call")}))
                .ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Wi-Fi vpn notes"))).ok()); // "vpn" in the name, not a tag
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 4);
    QVERIFY(x.w.filterEdit()->placeholderText().contains(u"tag:"));

    typeFilter(x, QStringLiteral("tag:vpn"));
    QCOMPARE(shown(x), (QStringList{QStringLiteral("VPN drops"), QStringLiteral("VPN slow")}));
    typeFilter(x, QStringLiteral("tag:VPN tag:network"));
    QCOMPARE(shown(x), QStringList{QStringLiteral("VPN drops")});
    typeFilter(x, QStringLiteral("slow TAG:vpn"));
    QCOMPARE(shown(x), QStringList{QStringLiteral("VPN slow")});
    typeFilter(x, QStringLiteral("tag:\"on call\""));
    QCOMPARE(shown(x), QStringList{QStringLiteral("Printer offline")});
    typeFilter(x, QStringLiteral("vpn"));
    QCOMPARE(shown(x).size(), 3);
    QVERIFY(!x.w.listEmptyState()->isVisible());

    typeFilter(x, QStringLiteral("tag:nothing"));
    QVERIFY(shown(x).isEmpty());
    QVERIFY(x.w.listEmptyState()->isVisible());
    QVERIFY2(x.w.listEmptyState()->text().contains(u"No TSG matches"), qPrintable(x.w.listEmptyState()->text()));
    x.w.filterEdit()->clear();
    QCOMPARE(shown(x).size(), 4);
    QVERIFY(!x.w.listEmptyState()->isVisible());
}

void TestTsgFilterProxy::tagsMenuTogglesTheTerm()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN drops"), {}, {QStringLiteral("vpn")})).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Printer offline"), {}, {QStringLiteral("printing")})).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QMenu *menu = x.w.tagFilterButton()->menu();
    emit menu->aboutToShow();
    QCOMPARE(menu->actions().size(), 2); // the tags in use, sorted
    QCOMPARE(menu->actions().at(0)->text(), QStringLiteral("printing"));
    menuEntry(menu, QStringLiteral("vpn"))->trigger();
    QCOMPARE(x.w.filterEdit()->text(), QStringLiteral("tag:vpn"));
    QCOMPARE(shown(x), QStringList{QStringLiteral("VPN drops")});
    emit menu->aboutToShow();
    QVERIFY(menuEntry(menu, QStringLiteral("vpn"))->isChecked());
    menuEntry(menu, QStringLiteral("vpn"))->trigger(); // again: off
    QCOMPARE(x.w.filterEdit()->text(), QString());
    QCOMPARE(shown(x).size(), 2);
}

void TestTsgFilterProxy::aTagGivenElsewhereShowsInTheFilteredList()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Outlook search"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    typeFilter(x, QStringLiteral("tag:outlook"));
    QVERIFY(shown(x).isEmpty());
    QVERIFY(
        await(x.t.lib->updateTsg(QStringLiteral("Outlook search"), {.tags = QStringList{QStringLiteral("outlook")}}, 9))
            .ok());
    QTRY_COMPARE(shown(x), QStringList{QStringLiteral("Outlook search")});
    QTRY_VERIFY(!x.w.listEmptyState()->isVisible());
}

void TestTsgFilterProxy::toggledTag_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("expected");
    QTest::newRow("add to empty") << QString() << QStringLiteral("vpn") << QStringLiteral("tag:vpn");
    QTest::newRow("add after words") << QStringLiteral("slow") << QStringLiteral("vpn")
                                     << QStringLiteral("slow tag:vpn");
    QTest::newRow("remove, any case") << QStringLiteral("slow TAG:VPN x") << QStringLiteral("vpn")
                                      << QStringLiteral("slow x");
    QTest::newRow("quoted") << QString() << QStringLiteral("on call") << QStringLiteral("tag:\"on call\"");
    QTest::newRow("remove quoted") << QStringLiteral("tag:\"on call\" tag:vpn") << QStringLiteral("on call")
                                   << QStringLiteral("tag:vpn");
}

void TestTsgFilterProxy::toggledTag()
{
    QFETCH(QString, text);
    QFETCH(QString, tag);
    QFETCH(QString, expected);
    QCOMPARE(TsgFilterProxy::toggledTag(text, tag), expected);
}

QTEST_MAIN(TestTsgFilterProxy)
#include "tst_tsgfilterproxy.moc"
