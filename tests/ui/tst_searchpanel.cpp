// The window's search (offscreen, a real library and its index): Ctrl+K or Ctrl+F puts the cursor in the field;
// typing searches once after the pause and shows the hits grouped by TSG with their snippets; picking a hit shows
// its line in the preview; no hits and a malformed query say so; Escape clears; without an index the field is
// disabled and says why; a file selected in the tree shows in the preview.
#include "uitest.h"

#include "filetreemodel.h"
#include "filetreeview.h"
#include "libraryindexer.h"
#include "logview.h"
#include "previewpane.h"
#include "searchindex.h"
#include "searchpanel.h"

#include <QLineEdit>
#include <QTabWidget>
#include <QTreeWidget>

using namespace testing;
using namespace tsg;

class TestSearchPanel : public QObject {
    Q_OBJECT
private slots:
    void typingShowsGroupedHitsAndAPickedHitShowsItsLine();
    void noMatchesAndMalformedQueriesSaySo();
    void escapeClears();
    void hitOnATsgSelectsIt();
    void saysHowFarTheIndexIs();
    void withoutAnIndexTheFieldSaysWhy();
    void fileSelectedInTheTreeShowsInThePreview();
};

namespace {

QByteArray agentLog()
{
    QByteArray log;
    for (int i = 1; i <= 3000; ++i)
        log += "09:00 event " + QByteArray::number(i) + (i == 2345 ? " TLS handshake timeout\n" : " ok\n");
    return log;
}

// A window over a library whose index a LibraryIndexer keeps current.
struct SearchWindow {
    TempLibrary t;
    SearchIndex index{t.root()};
    LibraryIndexer indexer{*t.lib, index};
    std::unique_ptr<MainWindow> w;

    SearchWindow()
    {
        if (!await(indexer.start()).ok())
            qFatal("the index did not open");
        upload(u"vpn drops"_qs,
               {{u"logs/agent.log"_qs, agentLog()}, {u"README.md"_qs, "# VPN\n\nCheck the handshake.\n"}});
        upload(u"printer"_qs, {{u"spooler.log"_qs, "10:00 spooler handshake with the queue\n"}});
        if (!QTest::qWaitFor([this] {
                const auto r = index.search({.query = u"handshake"_qs});
                return r.ok() && r.value().total == 3;
            }))
            qFatal("the index never had the three hits");
        w = std::make_unique<MainWindow>(*t.lib, nullptr, QString(), &index);
        w->show();
        QApplication::setActiveWindow(w.get());
        (void)QTest::qWaitForWindowActive(w.get());
    }
    // The window and the library first: the library's threads report to the indexer until it has waited for them.
    ~SearchWindow()
    {
        w.reset();
        t.lib.reset();
    }
    void upload(const QString &tsg, const QList<std::pair<QString, QByteArray>> &files)
    {
        if (!await(t.lib->createTsg(tsg)).ok() || !await(t.lib->upload(UploadTarget::tsg(tsg), batchOf(files))).ok())
            qFatal("could not make TSG %s", qPrintable(tsg));
    }
    SearchPanel *panel() const { return w->searchPanel(); }
    QLineEdit *field() const { return panel()->field(); }
    QTreeWidget *results() const { return panel()->results(); }
};

} // namespace

void TestSearchPanel::typingShowsGroupedHitsAndAPickedHitShowsItsLine()
{
    SearchWindow f;
    QVERIFY(!f.field()->hasFocus());
    QTest::keyClick(f.w.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(f.field()->hasFocus());
    QTest::keyClicks(f.field(), u"handshake"_qs);
    // Grouped by TSG: two groups, their hits under them, each with where it is and its snippet.
    QTRY_COMPARE(f.results()->topLevelItemCount(), 2);
    QCOMPARE(f.panel()->searchesSent(), 1); // nine keys, one search after the pause
    QCOMPARE(f.panel()->hitCount(), 3);
    QVERIFY2(f.panel()->statusText().contains(u"3 hits in 2 TSGs"_qs), qPrintable(f.panel()->statusText()));
    QCOMPARE(f.w->findChild<QTabWidget *>(u"tabs"_qs)->currentWidget(), f.panel());
    QTreeWidgetItem *vpn = f.results()->topLevelItem(0)->text(0).startsWith(u"vpn drops"_qs)
        ? f.results()->topLevelItem(0)
        : f.results()->topLevelItem(1);
    QVERIFY(vpn->text(0).startsWith(u"vpn drops"_qs));
    QCOMPARE(vpn->childCount(), 2);
    QTreeWidgetItem *logHit = nullptr;
    for (int i = 0; i < vpn->childCount(); ++i)
        if (vpn->child(i)->text(0) == u"logs/agent.log · line 2345"_qs)
            logHit = vpn->child(i);
    QVERIFY(logHit);
    QVERIFY(f.panel()->hitAt(logHit)->snippet.contains(u"[[handshake]]"_qs));

    // Picking the hit shows its line in the preview, the match highlighted.
    f.results()->setCurrentItem(logHit);
    PreviewPane *preview = f.w->preview();
    QTRY_COMPARE(preview->page(), PreviewPane::Page::Text);
    QTRY_COMPARE(preview->logView()->currentLine(), 2345);
    const int first = preview->logView()->firstVisibleLine();
    QVERIFY(first <= 2345 && first + preview->logView()->visibleLineCount() > 2345);
    QTRY_VERIFY(preview->logView()->source().hasLine(2345));
    QCOMPARE(preview->logView()->source().line(2345), u"09:00 event 2345 TLS handshake timeout"_qs);
    QCOMPARE(preview->logView()->highlightsInCurrentLine(), (QList<std::pair<int, int>>{{21, 9}}));

    // Ctrl+F also goes back to the field, its text selected for the next query.
    preview->logView()->setFocus();
    QTest::keyClick(f.w.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(f.field()->hasFocus());
    QCOMPARE(f.field()->selectedText(), u"handshake"_qs);
    // Enter in the field opens the first hit.
    QTest::keyClicks(f.field(), u"spooler"_qs);
    QTest::keyClick(f.field(), Qt::Key_Return);
    QTRY_COMPARE(preview->target().path, u"spooler.log"_qs);
    QCOMPARE(preview->target().tsg, u"printer"_qs);
}

void TestSearchPanel::noMatchesAndMalformedQueriesSaySo()
{
    SearchWindow f;
    f.field()->setText(u"zebra"_qs);
    QTRY_VERIFY2(f.panel()->statusText().contains(u"No matches for 'zebra'"_qs), qPrintable(f.panel()->statusText()));
    QVERIFY(f.panel()->statusText().contains(u"fewer words"_qs)); // and what to try
    QCOMPARE(f.results()->topLevelItemCount(), 0);
    f.field()->setText(u"\"handshake"_qs);
    QTRY_VERIFY2(f.panel()->statusText().contains(u"quote"_qs), qPrintable(f.panel()->statusText()));
    QCOMPARE(f.results()->topLevelItemCount(), 0);
}

void TestSearchPanel::escapeClears()
{
    SearchWindow f;
    f.panel()->focusField();
    QTest::keyClicks(f.field(), u"handshake"_qs);
    QTRY_COMPARE(f.panel()->hitCount(), 3);
    QTest::keyClick(f.field(), Qt::Key_Escape);
    QCOMPARE(f.field()->text(), QString());
    QCOMPARE(f.results()->topLevelItemCount(), 0);
    QCOMPARE(f.w->findChild<QTabWidget *>(u"tabs"_qs)->currentIndex(), 0); // back to the files
}

void TestSearchPanel::hitOnATsgSelectsIt()
{
    SearchWindow f;
    f.w->selectTsg(u"vpn drops"_qs);
    f.field()->setText(u"printer"_qs);
    QTRY_VERIFY(f.panel()->hitCount() > 0);
    QTreeWidgetItem *nameHit = nullptr;
    for (int c = 0; c < f.results()->topLevelItem(0)->childCount(); ++c)
        if (f.panel()->hitAt(f.results()->topLevelItem(0)->child(c))->kind == u"name")
            nameHit = f.results()->topLevelItem(0)->child(c);
    QVERIFY(nameHit);
    f.results()->setCurrentItem(nameHit);
    QCOMPARE(f.w->selectedTsg(), u"printer"_qs);
    QCOMPARE(f.w->preview()->page(), PreviewPane::Page::Message);
}

void TestSearchPanel::saysHowFarTheIndexIs()
{
    SearchWindow f;
    f.field()->setText(u"handshake"_qs);
    QTRY_COMPARE(f.panel()->hitCount(), 3);
    const int sent = f.panel()->searchesSent();
    // As a build or reconcile reports from the index's thread.
    emit f.index.progressChanged(120, 800);
    QTRY_VERIFY2(f.panel()->statusText().contains(u"Indexing 120 of 800 files"_qs),
                 qPrintable(f.panel()->statusText()));
    QVERIFY(f.panel()->statusText().contains(u"3 hits"_qs));
    emit f.index.progressChanged(0, 0); // done: the hits may be more now, so the query runs again
    QTRY_VERIFY(!f.panel()->statusText().contains(u"Indexing"_qs));
    QTRY_COMPARE(f.panel()->searchesSent(), sent + 1);
}

void TestSearchPanel::withoutAnIndexTheFieldSaysWhy()
{
    Window f; // uitest.h's window has no index
    QVERIFY(!f.w.searchPanel()->field()->isEnabled());
    QVERIFY(f.w.searchPanel()->field()->toolTip().contains(u"not available"_qs));
}

void TestSearchPanel::fileSelectedInTheTreeShowsInThePreview()
{
    SearchWindow f;
    f.w->selectTsg(u"vpn drops"_qs);
    QTRY_VERIFY(!f.w->fileModel().isLoading() && f.w->fileModel().fileCount() == 2);
    QCOMPARE(f.w->preview()->page(), PreviewPane::Page::Empty);
    const QModelIndex readme = f.w->fileModel().indexOfPath(u"README.md"_qs);
    QVERIFY(readme.isValid());
    f.w->fileView()->setCurrentIndex(readme);
    QTRY_COMPARE(f.w->preview()->page(), PreviewPane::Page::Markdown);
    QCOMPARE(f.w->preview()->target().path, u"README.md"_qs);
}

QTEST_MAIN(TestSearchPanel)
#include "tst_searchpanel.moc"
