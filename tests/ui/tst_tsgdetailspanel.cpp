// The details panel as a user drives it (offscreen): the description and tags typed there are saved when the
// user leaves the field or presses (Ctrl+)Enter, land in the TSG's metadata file and in the library; tags are
// completed from the tags in use; F2 renames the TSG (its folder on disk, the selection and the active TSG
// follow) and a name the core refuses shows the core's reason inline and changes nothing; a change made by
// another client shows at once without overwriting what the user is typing.
#include "uitest.h"

#include "filetreemodel.h"
#include "namerules.h"
#include "problemlabel.h"
#include "tsgdetailspanel.h"
#include "tsglistmodel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>

using namespace testing;
using namespace tsg;

namespace {

QJsonObject metadata(const TempLibrary &t, const QString &tsg)
{
    return QJsonDocument::fromJson(readAll(t.tsgPath(tsg, QStringLiteral(".metadata.json")))).object();
}

TsgInfo infoOf(const TempLibrary &t, const QString &tsg)
{
    for (const TsgInfo &i : t.lib->tsgs())
        if (i.name == tsg)
            return i;
    return {};
}

constexpr Origin kBrowser = 7; // another client, as the server would pass a connection's id

} // namespace

class TestTsgDetailsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void showsTheSelectedTsg();
    void descriptionSavedOnCtrlEnterAndFocusOut();
    void tagsCompletedFromTagsInUseAndSaved();
    void escapeGivesUpAnEdit();
    void renameWithF2();
    void refusedNameShowsTheReasonAndChangesNothing();
    void changesByAnotherClientShowWithoutClobberingTyping();
};

void TestTsgDetailsPanel::showsTheSelectedTsg()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN drops"), QStringLiteral("Tunnel lost on resume"),
                                     {QStringLiteral("vpn"), QStringLiteral("network")}))
                .ok());
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QVERIFY(panel->isVisible());
    QVERIFY(!panel->nameEdit()->isEnabled()); // nothing selected yet
    QVERIFY(x.select(QStringLiteral("VPN drops")));
    QTRY_COMPARE(panel->tsg(), QStringLiteral("VPN drops"));
    QVERIFY(panel->nameEdit()->isEnabled());
    QCOMPARE(panel->nameEdit()->text(), QStringLiteral("VPN drops"));
    QCOMPARE(panel->descriptionEdit()->toPlainText(), QStringLiteral("Tunnel lost on resume"));
    QCOMPARE(panel->tagsEdit()->text(), QStringLiteral("vpn, network"));
}

void TestTsgDetailsPanel::descriptionSavedOnCtrlEnterAndFocusOut()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("printer"))).ok());
    QVERIFY(x.select(QStringLiteral("printer")));
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QTRY_COMPARE(panel->tsg(), QStringLiteral("printer"));
    QPlainTextEdit *description = panel->descriptionEdit();
    description->setFocus();
    QSignalSpy changed(x.t.lib.get(), &Library::tsgMetadataChanged);
    QTest::keyClicks(description, QStringLiteral("Spooler stops"));
    QCOMPARE(changed.size(), 0); // nothing saved per keystroke (a save would be under way by now)
    QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(infoOf(x.t, QStringLiteral("printer")).description, QStringLiteral("Spooler stops"));
    QCOMPARE(metadata(x.t, QStringLiteral("printer")).value(u"description").toString(),
             QStringLiteral("Spooler stops"));
    QCOMPARE(description->toPlainText(), QStringLiteral("Spooler stops")); // Ctrl+Enter did not add a line

    // Leaving the field saves too.
    QTest::keyClicks(description, QStringLiteral(" after the update"));
    panel->tagsEdit()->setFocus();
    QTRY_COMPARE(infoOf(x.t, QStringLiteral("printer")).description, QStringLiteral("Spooler stops after the update"));
    QCOMPARE(metadata(x.t, QStringLiteral("printer")).value(u"description").toString(),
             QStringLiteral("Spooler stops after the update"));
}

void TestTsgDetailsPanel::tagsCompletedFromTagsInUseAndSaved()
{
    Window x;
    QVERIFY(
        await(x.t.lib->createTsg(QStringLiteral("VPN drops"), {}, {QStringLiteral("vpn"), QStringLiteral("network")}))
            .ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Outlook search"), {}, {QStringLiteral("Outlook")})).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Proxy"))).ok());
    QVERIFY(x.select(QStringLiteral("Proxy")));
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QTRY_COMPARE(panel->tsg(), QStringLiteral("Proxy"));
    QLineEdit *tags = panel->tagsEdit();
    tags->setFocus();

    // "N" offers the tags in use that start with it, whatever their case.
    QTest::keyClicks(tags, QStringLiteral("N"));
    QCompleter *completer = panel->tagCompleter();
    QTRY_VERIFY(completer->popup()->isVisible());
    QStringList offered;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        offered << completer->currentCompletion();
    QCOMPARE(offered, QStringList{QStringLiteral("network")});
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QTRY_VERIFY(!completer->popup()->isVisible());
    QCOMPARE(tags->text(), QStringLiteral("network, "));

    // A tag already in the field is not offered again: "n" offers nothing now; "o" offers Outlook only.
    QTest::keyClicks(tags, QStringLiteral("n"));
    QVERIFY(!completer->popup()->isVisible()); // decided as the key was typed, not later
    QTest::keyClick(tags, Qt::Key_Backspace);
    QTest::keyClicks(tags, QStringLiteral("o"));
    QTRY_VERIFY(completer->popup()->isVisible());
    offered.clear();
    for (int i = 0; completer->setCurrentRow(i); ++i)
        offered << completer->currentCompletion();
    QCOMPARE(offered, QStringList{QStringLiteral("Outlook")});
    QTest::keyClick(completer->popup(), Qt::Key_Escape);
    QTest::keyClicks(tags, QStringLiteral("n-call"));
    QCOMPARE(infoOf(x.t, QStringLiteral("Proxy")).tags, QStringList()); // not saved while typing
    QTest::keyClick(tags, Qt::Key_Return);
    const QStringList expected{QStringLiteral("network"), QStringLiteral("on-call")};
    QTRY_COMPARE(infoOf(x.t, QStringLiteral("Proxy")).tags, expected);
    QCOMPARE(metadata(x.t, QStringLiteral("Proxy")).value(u"tags").toArray().toVariantList(),
             QVariantList({QStringLiteral("network"), QStringLiteral("on-call")}));
    QCOMPARE(tags->text(), QStringLiteral("network, on-call"));
    // The new tag is offered for the next TSG.
    QVERIFY(x.select(QStringLiteral("VPN drops")));
    QTRY_COMPARE(panel->tsg(), QStringLiteral("VPN drops"));
    tags->setFocus();
    tags->end(false);
    QTest::keyClicks(tags, QStringLiteral(", on"));
    QTRY_VERIFY(completer->popup()->isVisible());
    QCOMPARE(completer->currentCompletion(), QStringLiteral("on-call"));
}

void TestTsgDetailsPanel::escapeGivesUpAnEdit()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("disk"), QStringLiteral("Agents run out of space"),
                                     {QStringLiteral("ci")}))
                .ok());
    QVERIFY(x.select(QStringLiteral("disk")));
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QTRY_COMPARE(panel->tsg(), QStringLiteral("disk"));
    panel->tagsEdit()->setFocus();
    QTest::keyClicks(panel->tagsEdit(), QStringLiteral(", oops"));
    QTest::keyClick(panel->tagsEdit(), Qt::Key_Escape);
    QCOMPARE(panel->tagsEdit()->text(), QStringLiteral("ci"));
    QTest::keyClick(panel->tagsEdit(), Qt::Key_Return);
    panel->descriptionEdit()->setFocus();
    QTest::keyClicks(panel->descriptionEdit(), QStringLiteral(" badly"));
    QTest::keyClick(panel->descriptionEdit(), Qt::Key_Escape);
    QCOMPARE(panel->descriptionEdit()->toPlainText(), QStringLiteral("Agents run out of space"));
    x.w.tsgView()->setFocus();
    // A later change of the library is seen; nothing of the abandoned edits reached it.
    QVERIFY(await(x.t.lib->updateTsg(QStringLiteral("disk"),
                                     {.tags = QStringList{QStringLiteral("ci"), QStringLiteral("disk")}}, kBrowser))
                .ok());
    QTRY_COMPARE(panel->tagsEdit()->text(), QStringLiteral("ci, disk"));
    QCOMPARE(infoOf(x.t, QStringLiteral("disk")).description, QStringLiteral("Agents run out of space"));
}

void TestTsgDetailsPanel::renameWithF2()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("old name"), QStringLiteral("keep me"))).ok());
    QVERIFY(writeFile(x.t.tsgPath(QStringLiteral("old name"), QStringLiteral("notes.md")), "# notes"));
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("other"))).ok());
    QVERIFY(await(x.t.lib->selectTsg(QStringLiteral("old name"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QVERIFY(x.select(QStringLiteral("old name")));
    x.w.tsgView()->setFocus();
    TsgDetailsPanel *panel = x.w.detailsPanel();

    QTest::keyClick(x.w.tsgView(), Qt::Key_F2); // from the list
    QLineEdit *name = panel->nameEdit();
    QTRY_VERIFY(name->hasFocus());
    QCOMPARE(name->selectedText(), QStringLiteral("old name"));
    QTest::keyClicks(name, QStringLiteral("New name"));
    QTest::keyClick(name, Qt::Key_Return);

    QTRY_VERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("New name"), QStringLiteral("notes.md"))));
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("old name"))));
    QCOMPARE(metadata(x.t, QStringLiteral("New name")).value(u"description").toString(), QStringLiteral("keep me"));
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("New name"));                        // the selection follows
    QCOMPARE(x.t.lib->activeTsg(), std::optional<QString>(QStringLiteral("New name"))); // and the active TSG
    QTRY_COMPARE(x.w.tsgModel().active(), std::optional<QString>(QStringLiteral("New name")));
    QCOMPARE(panel->tsg(), QStringLiteral("New name"));
    QCOMPARE(name->text(), QStringLiteral("New name"));
    QTRY_COMPARE(x.w.fileModel().tsg(), QStringLiteral("New name"));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    QVERIFY(!panel->problem()->isVisible());

    // Again, from the panel itself, by the window's F2 while the description has the focus.
    panel->descriptionEdit()->setFocus();
    QTest::keyClick(panel->descriptionEdit(), Qt::Key_F2);
    QTRY_VERIFY(name->hasFocus());
    QTest::keyClicks(name, QStringLiteral("Newer"));
    QTest::keyClick(name, Qt::Key_Enter);
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("Newer"));
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("Newer"), QStringLiteral("notes.md"))));
}

void TestTsgDetailsPanel::refusedNameShowsTheReasonAndChangesNothing()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("first"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("second"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QVERIFY(x.select(QStringLiteral("first")));
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QLineEdit *name = panel->nameEdit();
    const QStringList before = QDir(x.t.root() + QStringLiteral("/tsgs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);

    x.w.action(QStringLiteral("renameTsg"))->trigger();
    QTRY_VERIFY(name->hasFocus());
    QTest::keyClicks(name, QStringLiteral("SECOND"));
    QTest::keyClick(name, Qt::Key_Return);
    QTRY_VERIFY(panel->problem()->isVisible());
    QCOMPARE(panel->problem()->text(), QStringLiteral("A TSG named 'SECOND' already exists (as 'second')"));
    QCOMPARE(name->text(), QStringLiteral("SECOND")); // kept, to be corrected

    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("a/b"));
    QTest::keyClick(name, Qt::Key_Return);
    QTRY_VERIFY(panel->problem()->text().contains(u"a/b"));
    const auto rules = NameRules::tsgName(QStringLiteral("a/b"));
    QVERIFY(!rules.ok());
    QCOMPARE(panel->problem()->text(), rules.error().message); // the core's own words

    QCOMPARE(QDir(x.t.root() + QStringLiteral("/tsgs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot), before);
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("first"));
    QCOMPARE(x.t.lib->tsgs().size(), 2);
    QTest::keyClick(name, Qt::Key_Escape); // gives up: the old name, no problem shown
    QCOMPARE(name->text(), QStringLiteral("first"));
    QVERIFY(!panel->problem()->isVisible());
}

void TestTsgDetailsPanel::changesByAnotherClientShowWithoutClobberingTyping()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("teams"), QStringLiteral("camera"))).ok());
    QVERIFY(x.select(QStringLiteral("teams")));
    TsgDetailsPanel *panel = x.w.detailsPanel();
    QTRY_COMPARE(panel->tsg(), QStringLiteral("teams"));

    QVERIFY(await(x.t.lib->updateTsg(QStringLiteral("teams"),
                                     {.description = QStringLiteral("Camera not detected"),
                                      .tags = QStringList{QStringLiteral("teams"), QStringLiteral("video")}},
                                     kBrowser))
                .ok());
    QTRY_COMPARE(panel->descriptionEdit()->toPlainText(), QStringLiteral("Camera not detected"));
    QTRY_COMPARE(panel->tagsEdit()->text(), QStringLiteral("teams, video"));

    // The user is typing tags; a browser changes the description meanwhile: the description follows, the
    // tags the user typed stay, and are saved when the user is done.
    panel->tagsEdit()->setFocus();
    panel->tagsEdit()->end(false);
    QTest::keyClicks(panel->tagsEdit(), QStringLiteral(", drivers"));
    QVERIFY(await(x.t.lib->updateTsg(QStringLiteral("teams"),
                                     {.description = QStringLiteral("Camera not detected after update"),
                                      .tags = QStringList{QStringLiteral("from-browser")}},
                                     kBrowser))
                .ok());
    QTRY_COMPARE(panel->descriptionEdit()->toPlainText(), QStringLiteral("Camera not detected after update"));
    QCOMPARE(panel->tagsEdit()->text(), QStringLiteral("teams, video, drivers"));
    QTest::keyClick(panel->tagsEdit(), Qt::Key_Return);
    const QStringList mine{QStringLiteral("teams"), QStringLiteral("video"), QStringLiteral("drivers")};
    QTRY_COMPARE(infoOf(x.t, QStringLiteral("teams")).tags, mine);

    // A rename by another client: the panel, the selection and the list follow.
    x.w.tsgView()->setFocus();
    QVERIFY(
        await(x.t.lib->updateTsg(QStringLiteral("teams"), {.newName = QStringLiteral("Teams camera")}, kBrowser)).ok());
    QTRY_COMPARE(panel->nameEdit()->text(), QStringLiteral("Teams camera"));
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("Teams camera"));
    QCOMPARE(panel->tsg(), QStringLiteral("Teams camera"));
}

QTEST_MAIN(TestTsgDetailsPanel)
#include "tst_tsgdetailspanel.moc"
