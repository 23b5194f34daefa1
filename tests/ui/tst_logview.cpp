// LogView over a real library (offscreen): a 50,000-line log opens at line 40,000 with the match highlighted,
// holding only the lines near the view; paging reads the next lines; a UTF-16 log shows as text; a binary file
// says why it cannot be shown; a view closed while its lines are being read goes without a trace; the scroll bar,
// partly drawn from a cache, looks exactly as the style draws a scroll bar.
#include "testlibrary.h"

#include "logview.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace testing;
using namespace tsg;

class TestLogView : public QObject {
    Q_OBJECT
private slots:
    void opensABigLogAtALineHoldingOnlyWhatShows();
    void pagingReadsTheNextLines();
    void utf16LogShowsAsText();
    void binaryFileFails();
    void viewDeletedWhileReadingIsSafe();
    void scrollBarLooksAsTheStyleDrawsIt();
};

namespace {

constexpr int kLines = 50000;

QByteArray bigLog()
{
    QByteArray log;
    for (int i = 1; i <= kLines; ++i) {
        log += "2026-11-25 09:00:00 event " + QByteArray::number(i);
        log += i == 40000 ? " ERROR handshake timeout\n" : " ok\n";
    }
    return log;
}

struct Fixture {
    TempLibrary t;
    LogView view{*t.lib};

    Fixture(const QList<std::pair<QString, QByteArray>> &files)
    {
        if (!await(t.lib->createTsg(u"vpn"_qs)).ok())
            qFatal("createTsg failed");
        const auto up = await(t.lib->upload(UploadTarget::tsg(u"vpn"_qs), batchOf(files)));
        if (!up.ok())
            qFatal("upload failed: %s", qPrintable(up.error().message));
        view.resize(800, 400);
        view.show();
    }
    bool open(const QString &path, int line = 0, const QString &highlight = {})
    {
        QSignalSpy opened(&view, &LogView::opened);
        view.open(u"vpn"_qs, path, line, highlight);
        return opened.count() > 0 || opened.wait(30000); // it may come at once, when the read was quick
    }
};

} // namespace

void TestLogView::opensABigLogAtALineHoldingOnlyWhatShows()
{
    const QByteArray log = bigLog();
    Fixture f({{u"logs/agent.log"_qs, log}});
    QVERIFY(f.open(u"logs/agent.log"_qs, 40000, u"handshake"_qs));
    QCOMPARE(f.view.lineCount(), kLines);
    QCOMPARE(f.view.currentLine(), 40000);
    // The line is in view, with a little context above it.
    QVERIFY(f.view.firstVisibleLine() <= 40000);
    QVERIFY(f.view.firstVisibleLine() + f.view.visibleLineCount() > 40000);
    QVERIFY(f.view.firstVisibleLine() > 39990);
    QTRY_VERIFY(f.view.source().hasLine(40000));
    QCOMPARE(f.view.source().line(40000), u"2026-11-25 09:00:00 event 40000 ERROR handshake timeout"_qs);
    QCOMPARE(f.view.source().line(f.view.firstVisibleLine()),
             u"2026-11-25 09:00:00 event %1 ok"_qs.arg(f.view.firstVisibleLine()));
    // The match is highlighted where it is in the line.
    const auto marks = f.view.highlightsInCurrentLine();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().first, int(QStringView(u"2026-11-25 09:00:00 event 40000 ERROR ").size()));
    QCOMPARE(marks.first().second, 9);
    // Only blocks near the view were read: a small part of the file, not the whole.
    QVERIFY2(f.view.source().heldLines() <= 4 * LogSource::kLinesPerBlock,
             qPrintable(QString::number(f.view.source().heldLines())));
    QVERIFY(f.view.source().heldBytes() < log.size() / 20);
    QVERIFY(!f.view.source().hasLine(1));
    QVERIFY(!f.view.source().hasLine(kLines));
}

void TestLogView::pagingReadsTheNextLines()
{
    Fixture f({{u"agent.log"_qs, bigLog()}});
    QVERIFY(f.open(u"agent.log"_qs));
    QCOMPARE(f.view.firstVisibleLine(), 1);
    QTRY_VERIFY(f.view.source().hasLine(1));
    f.view.setFocus();
    QTest::keyClick(&f.view, Qt::Key_End);
    QCOMPARE(f.view.currentLine(), kLines);
    QCOMPARE(f.view.firstVisibleLine() + f.view.visibleLineCount() - 1, kLines);
    QTRY_VERIFY(f.view.source().hasLine(kLines));
    QCOMPARE(f.view.source().line(kLines), u"2026-11-25 09:00:00 event 50000 ok"_qs);
    // Jumps anywhere by the scroll bar: the lines there are read.
    f.view.verticalScrollBar()->setValue(25000);
    QCOMPARE(f.view.firstVisibleLine(), 25001);
    QTRY_VERIFY(f.view.source().hasLine(25001));
    QCOMPARE(f.view.source().line(25001), u"2026-11-25 09:00:00 event 25001 ok"_qs);
    QVERIFY(f.view.source().heldLines() <= LogSource::kMaxBlocks * LogSource::kLinesPerBlock);
}

void TestLogView::utf16LogShowsAsText()
{
    const QString text = u"09:00 Start\r\n09:01 Überlauf\tim Café\r\n09:02 Stop\r\n"_qs;
    QByteArray bytes("\xFF\xFE");
    for (const QChar c : text)
        bytes += char(c.unicode() & 0xFF), bytes += char(c.unicode() >> 8);
    Fixture f({{u"win.log"_qs, bytes}});
    QVERIFY(f.open(u"win.log"_qs, 2, u"café"_qs));
    QCOMPARE(f.view.lineCount(), 3);
    QCOMPARE(f.view.source().encoding(), u"UTF-16LE"_qs);
    QTRY_VERIFY(f.view.source().hasLine(3));
    QCOMPARE(f.view.source().line(1), u"09:00 Start"_qs);
    QCOMPARE(f.view.source().line(2), u"09:01 Überlauf  im Café"_qs); // the tab to the next 4th column
    QCOMPARE(f.view.highlightsInCurrentLine().size(), 1);
}

void TestLogView::binaryFileFails()
{
    Fixture f({{u"core.log"_qs,
                QByteArray("\x7F"
                           "ELF\0\0\0binary",
                           13)}});
    QSignalSpy failed(&f.view, &LogView::failed);
    f.view.open(u"vpn"_qs, u"core.log"_qs);
    QVERIFY(failed.count() > 0 || failed.wait(30000));
    QVERIFY2(failed.first().first().toString().contains(u"binary file"_qs),
             qPrintable(failed.first().first().toString()));
}

void TestLogView::viewDeletedWhileReadingIsSafe()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(u"vpn"_qs)).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(u"vpn"_qs), batchOf({{u"agent.log"_qs, bigLog()}}))).ok());
    auto view = std::make_unique<LogView>(*t.lib);
    view->resize(800, 400);
    view->show();
    QSignalSpy opened(view.get(), &LogView::opened);
    view->open(u"vpn"_qs, u"agent.log"_qs);
    QVERIFY(opened.count() > 0 || opened.wait(30000));
    // Jumps to 100 places at once: far more blocks asked for than the library's workers can have read.
    for (int i = 0; i < 100; ++i)
        view->verticalScrollBar()->setValue(i * (kLines / 100));
    view.reset();
    // The library finishes every read it was given (its destructor waits for them); their answers must find no
    // view to deliver to, now or later.
    t.lib.reset();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    // The library still works for the next view.
    t.reopen();
    LogView next(*t.lib);
    next.resize(800, 400);
    next.show();
    QSignalSpy nextOpened(&next, &LogView::opened);
    next.open(u"vpn"_qs, u"agent.log"_qs, 30000);
    QVERIFY(nextOpened.count() > 0 || nextOpened.wait(30000));
    QTRY_VERIFY(next.source().hasLine(30000));
    QCOMPARE(next.source().line(30000), u"2026-11-25 09:00:00 event 30000 ok"_qs);
}

void TestLogView::scrollBarLooksAsTheStyleDrawsIt()
{
    Fixture f({{u"agent.log"_qs, bigLog()}});
    QVERIFY(f.open(u"agent.log"_qs, 20000));
    QScrollBar *bar = f.view.verticalScrollBar();
    QTRY_VERIFY(bar->isVisible() && bar->height() > bar->width()); // laid out beside the lines
    QStyle *viewStyle = bar->style();
    for (const int value : {bar->value(), 0, bar->maximum() / 3, bar->maximum()}) {
        bar->setValue(value);
        // Twice: the first paint fills the cache, the second draws from it.
        const QImage first = bar->grab().toImage();
        const QImage second = bar->grab().toImage();
        bar->setStyle(QApplication::style());
        const QImage asTheStyleDrawsIt = bar->grab().toImage();
        bar->setStyle(viewStyle);
        QCOMPARE(first, asTheStyleDrawsIt);
        QCOMPARE(second, asTheStyleDrawsIt);
    }
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
