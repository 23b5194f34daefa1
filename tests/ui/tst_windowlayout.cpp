// The window's layout as a laptop user sees it (offscreen): it fits 800×600 with nothing cut off, and 1366×768 and
// 1920×1080 too; a status message does not move the panes; the TSG list's columns keep their widths through live
// updates and are remembered; with 500 TSGs the list says how many there are and names are not cut below 40
// characters.
#include "testserver.h"
#include "uitest.h"

#include "cleanupstatuspanel.h"
#include "filetreemodel.h"
#include "serverstatuspanel.h"
#include "tsglistmodel.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>

using namespace testing;
using namespace tsg;

namespace {

QString describe(const QWidget *w)
{
    QStringList path;
    for (const QWidget *p = w; p && !p->isWindow(); p = p->parentWidget())
        path.prepend(QStringLiteral("%1'%2'").arg(QLatin1String(p->metaObject()->className()), p->objectName()));
    return path.join(QStringLiteral(" > "));
}

// The smallest size the widget's layout would give it: its explicit minimum, else its minimum size hint, none
// where its size policy ignores hints.
QSize leastSize(const QWidget *w)
{
    const QSize hint = w->minimumSizeHint();
    const QSizePolicy policy = w->sizePolicy();
    const int width = w->minimumWidth() > 0                                    ? w->minimumWidth()
        : policy.horizontalPolicy() == QSizePolicy::Ignored || !hint.isValid() ? 0
                                                                               : hint.width();
    const int height = w->minimumHeight() > 0                                ? w->minimumHeight()
        : policy.verticalPolicy() == QSizePolicy::Ignored || !hint.isValid() ? 0
                                                                             : hint.height();
    return {width, height};
}

// Every visible widget under `top` that is cut off: not wholly inside its parent, or smaller than its least size.
// Scrolled content (the children of a scroll area's viewport) is not looked into: it is meant to scroll.
QStringList cutOff(QWidget *top)
{
    QStringList problems;
    const std::function<void(QWidget *)> walk = [&](QWidget *parent) {
        const auto *area = qobject_cast<QAbstractScrollArea *>(parent->parentWidget());
        if (area && area->viewport() == parent)
            return;
        for (QWidget *w : parent->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (w->isWindow() || !w->isVisible())
                continue;
            if (auto *splitter = qobject_cast<QSplitter *>(parent);
                splitter && splitter->indexOf(w) >= 0 && splitter->sizes().value(splitter->indexOf(w)) == 0)
                continue; // folded away by its splitter, as the user may
            if (!parent->rect().contains(w->geometry()))
                problems << QStringLiteral("%1: at %2,%3 %4×%5, outside its parent's %6×%7")
                                .arg(describe(w))
                                .arg(w->x())
                                .arg(w->y())
                                .arg(w->width())
                                .arg(w->height())
                                .arg(parent->width())
                                .arg(parent->height());
            const QSize least = leastSize(w);
            if (qgetenv("TSG_LAYOUT_DUMP") == "1")
                qInfo("%s %dx%d min %dx%d", qPrintable(describe(w)), w->width(), w->height(), least.width(),
                      least.height());
            if (qobject_cast<QHeaderView *>(w))
                ; // sized by its view
            else if (w->width() < least.width() || w->height() < least.height())
                problems << QStringLiteral("%1: %2×%3, less than its minimum %4×%5")
                                .arg(describe(w))
                                .arg(w->width())
                                .arg(w->height())
                                .arg(least.width())
                                .arg(least.height());
            walk(w);
        }
    };
    walk(top);
    return problems;
}

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

QList<int> columnWidths(const QTableView *view)
{
    QList<int> widths;
    for (int c = 0; c < view->model()->columnCount(); ++c)
        widths << view->columnWidth(c);
    return widths;
}

QLabel *countLabel(MainWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("tsgCount"));
}

} // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); } // no window geometry or splitter sizes of an earlier case
    void nothingIsCutOff_data();
    void nothingIsCutOff();
    void messagesDoNotMoveThePanes();
    void liveUpdatesKeepColumnWidths();
    void columnWidthsAreRemembered();
    void fiveHundredTsgsAreCountedAndNamed();
    void filterKeepsOrDropsTheSelection();
    void filterKeys();
};

void TestWindowLayout::nothingIsCutOff_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("800x600") << QSize(800, 600);
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestWindowLayout::nothingIsCutOff()
{
    QFETCH(QSize, size);
    TestServer s; // a running server: its panel is at its widest
    RecordingDesktop desktop;
    const QString longName = QStringLiteral("Outlook keeps asking for the password after the upgrade");
    QVERIFY(await(s.t.lib->createTsg(longName, QStringLiteral("What to check first"), {QStringLiteral("mail")})).ok());
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("VPN drops after sleep"))).ok());
    auto batch = std::make_shared<UploadBatch>();
    batch->files.push_back({QStringLiteral("logs/2026-11-25 client trace with a long name.log"), QString(),
                            bufferSource(QByteArray("line\n"))});
    batch->files.push_back({QStringLiteral("guide.md"), QString(), bufferSource(QByteArray("# Guide\n"))});
    QVERIFY(await(s.t.lib->upload(UploadTarget::tsg(longName), batch)).ok());

    MainWindow w(*s.t.lib, s.runtime.get());
    w.setDesktopServices(&desktop);
    QVERIFY2(w.minimumSizeHint().width() <= 800 && w.minimumSizeHint().height() <= 600,
             qPrintable(QStringLiteral("the window needs at least %1×%2")
                            .arg(w.minimumSizeHint().width())
                            .arg(w.minimumSizeHint().height())));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    w.selectTsg(longName);
    QTRY_COMPARE(w.fileModel().fileCount(), 2);
    settle();
    QCOMPARE(w.size(), size);
    const QStringList problems = cutOff(&w);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    // The server panel folds only where it must: its buttons show on a wide screen.
    if (size.width() >= 1366)
        QVERIFY(w.serverPanel()->findChild<QPushButton *>(QStringLiteral("copyUrl"))->isVisible());
}

void TestWindowLayout::messagesDoNotMoveThePanes()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN drops after sleep"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QVERIFY(x.select(QStringLiteral("VPN drops after sleep")));
    settle();
    auto *splitter = x.w.findChild<QSplitter *>(QStringLiteral("splitter"));
    QVERIFY(splitter);
    auto *message = x.w.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(message);
    QCOMPARE(message->text(), QString());
    const QRect before = splitter->geometry();
    x.w.action(QStringLiteral("setActive"))->trigger(); // says "… is the active TSG"
    QTRY_VERIFY(!message->text().isEmpty());
    settle();
    QCOMPARE(splitter->geometry(), before);
    QVERIFY2(x.w.statusBar()->isAncestorOf(message), "the message is not in the status bar");
}

void TestWindowLayout::liveUpdatesKeepColumnWidths()
{
    Window x;
    x.w.resize(1366, 768);
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Printer jams on tray 2"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    settle();
    const QList<int> before = columnWidths(x.w.tsgView());
    // A burst of changes as a client makes them through the library: many new TSGs (the list gets a scroll
    // bar), and a large upload into the first (its size and count grow).
    for (int i = 0; i < 40; ++i)
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Burst %1").arg(i))).ok());
    auto batch = std::make_shared<UploadBatch>();
    for (int i = 0; i < 120; ++i)
        batch->files.push_back(
            {QStringLiteral("capture/part%1.log").arg(i), QString(), bufferSource(QByteArray(9000 + i, 'x'))});
    QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(QStringLiteral("Printer jams on tray 2")), batch)).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 41);
    QTRY_COMPARE(x.w.tsgModel()
                     .index(x.w.tsgModel().rowOf(QStringLiteral("Printer jams on tray 2")), TsgListModel::Files)
                     .data()
                     .toInt(),
                 120);
    settle();
    QCOMPARE(columnWidths(x.w.tsgView()), before);
}

void TestWindowLayout::columnWidthsAreRemembered()
{
    QList<int> set;
    {
        Window x;
        x.w.resize(1366, 768);
        settle();
        QHeaderView *header = x.w.tsgView()->horizontalHeader();
        for (int c = TsgListModel::Files; c < TsgListModel::ColumnCount; ++c) {
            QCOMPARE(header->sectionResizeMode(c), QHeaderView::Interactive); // the user can change it
            header->resizeSection(c, header->sectionSize(c) + 17);
        }
        settle();
        set = columnWidths(x.w.tsgView());
        x.w.close();
    }
    Window again;
    again.w.resize(1366, 768);
    settle();
    QCOMPARE(columnWidths(again.w.tsgView()), set);
}

void TestWindowLayout::fiveHundredTsgsAreCountedAndNamed()
{
    Window x;
    // Names of 40 characters and more, as analysts write them.
    QStringList names;
    for (int i = 0; i < 500; ++i)
        names << QStringLiteral("Outlook profile %1 keeps asking for the password again").arg(i, 3, 10, QChar(u'0'));
    for (const QString &name : std::as_const(names))
        QVERIFY(await(x.t.lib->createTsg(name)).ok());
    x.w.resize(1366, 768);
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 500);
    settle();
    // Every visible name shows at least its first 40 characters.
    QTableView *view = x.w.tsgView();
    const QModelIndex first = view->indexAt(QPoint(5, 5));
    QVERIFY(first.isValid());
    QStyleOptionViewItem opt;
    opt.initFrom(view->viewport());
    opt.rect = view->visualRect(first);
    opt.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    opt.decorationSize = QSize(view->style()->pixelMetric(QStyle::PM_SmallIconSize),
                               view->style()->pixelMetric(QStyle::PM_SmallIconSize));
    opt.text = first.data().toString();
    opt.icon = first.data(Qt::DecorationRole).value<QIcon>();
    const QRect textRect = view->style()->subElementRect(QStyle::SE_ItemViewItemText, &opt, view);
    const QString shown = view->fontMetrics().elidedText(opt.text, Qt::ElideRight, textRect.width());
    QVERIFY2(shown == opt.text || shown.size() - 1 >= 40,
             qPrintable(QStringLiteral("the name column shows \"%1\" of \"%2\" (%3 px)")
                            .arg(shown, opt.text)
                            .arg(view->columnWidth(TsgListModel::Name))));

    QLabel *count = countLabel(x.w);
    QVERIFY2(count, "no TSG count");
    QTRY_COMPARE(count->text(), QStringLiteral("500 TSGs"));

    // Filtered: "12 of 500".
    x.w.filterEdit()->setText(QStringLiteral("profile 01"));
    QTRY_COMPARE(view->model()->rowCount(), 10);
    QCOMPARE(count->text(), QStringLiteral("10 of 500"));
    x.w.filterEdit()->setText(QStringLiteral("profile 1"));
    QTRY_COMPARE(view->model()->rowCount(), 100);
    QCOMPARE(count->text(), QStringLiteral("100 of 500"));
    x.w.filterEdit()->clear();
    QTRY_COMPARE(count->text(), QStringLiteral("500 TSGs"));
}

void TestWindowLayout::filterKeepsOrDropsTheSelection()
{
    Window x;
    for (int i = 0; i < 80; ++i)
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Printer case %1").arg(i, 2, 10, QChar(u'0')))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN drops after sleep"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN slow on Wi-Fi"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 82);
    QVERIFY(x.select(QStringLiteral("VPN slow on Wi-Fi")));
    // Still listed: still selected.
    x.w.filterEdit()->setText(QStringLiteral("vpn"));
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("VPN slow on Wi-Fi"));
    // Filtered out: nothing selected, not the first match.
    x.w.filterEdit()->setText(QStringLiteral("vpn drops"));
    QCOMPARE(x.w.tsgView()->model()->rowCount(), 1);
    QCOMPARE(x.w.selectedTsg(), QString());
    x.w.filterEdit()->setText(QStringLiteral("vpn"));
    QCOMPARE(x.w.selectedTsg(), QString());
    // Chosen while filtered, then the filter cleared: still selected, and scrolled into view.
    QVERIFY(x.select(QStringLiteral("Printer case 03")));
    x.w.filterEdit()->setText(QStringLiteral("case 03"));
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("Printer case 03"));
    x.w.tsgView()->scrollToBottom();
    x.w.filterEdit()->clear();
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("Printer case 03"));
    const QModelIndex selected = x.w.tsgView()->selectionModel()->selectedRows().value(0);
    QVERIFY(x.w.tsgView()->viewport()->rect().contains(x.w.tsgView()->visualRect(selected)));
}

void TestWindowLayout::filterKeys()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Alpha case"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Beta case"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QLineEdit *filter = x.w.filterEdit();
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("beta"));
    QCOMPARE(x.w.tsgView()->model()->rowCount(), 1);
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(x.w.tsgView()->model()->rowCount(), 2);
    // Down goes into the list, at its first row when nothing was selected.
    QTest::keyClicks(filter, QStringLiteral("beta"));
    x.w.tsgView()->selectionModel()->clear();
    QTest::keyClick(filter, Qt::Key_Down);
    QTRY_VERIFY(x.w.tsgView()->hasFocus());
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("Beta case"));
    // Enter too.
    filter->setFocus();
    filter->setText(QStringLiteral("alpha"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY(x.w.tsgView()->hasFocus());
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("Alpha case"));
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
