// The window's life beside the tray: closing hides it when there is a tray (the server goes on) and
// closes it otherwise; its geometry and splitter come back next time; the tray menu picks the active
// TSG and runs cleanup; the cleanup panel runs now and shows what it did.
#include "uitest.h"

#include "cleanupstatuspanel.h"
#include "trayicon.h"

#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

QAction *actionNamed(QMenu *menu, const QString &text)
{
    const auto actions = menu->actions();
    const auto it = std::find_if(actions.begin(), actions.end(), [&](QAction *a) { return a->text() == text; });
    return it == actions.end() ? nullptr : *it;
}

} // namespace

class TestWindowLifecycle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void closeHidesToTheTrayOrCloses()
    {
        Window f;
        QSignalSpy hidden(&f.w, &MainWindow::hiddenToTray);
        f.w.setHidesOnClose(true);
        QVERIFY(!f.w.close()); // refused: hidden instead
        QVERIFY(f.w.isHidden());
        QCOMPARE(hidden.size(), 1);
        f.w.show();
        f.w.setHidesOnClose(false); // no tray: closing closes
        QVERIFY(f.w.close());
        QCOMPARE(hidden.size(), 1);
    }

    // Without a tray, with the server running: closing asks; Minimise keeps the window (and the app), Cancel too,
    // and only Stop server and quit closes it.
    void closeWithoutTrayAsksBeforeTheServerStops()
    {
        Window f;
        f.w.setOnClose(MainWindow::OnClose::AskToStopServer);
        QList<MainWindow::CloseAnswer> answers{MainWindow::CloseAnswer::Minimize, MainWindow::CloseAnswer::Cancel,
                                               MainWindow::CloseAnswer::Quit};
        int asked = 0;
        f.w.askOnClose = [&] {
            ++asked;
            return answers.takeFirst();
        };
        QVERIFY(!f.w.close());
        QCOMPARE(asked, 1);
        QVERIFY(f.w.isVisible());
        QTRY_VERIFY(f.w.isMinimized());
        f.w.showNormal();
        QVERIFY(!f.w.close());
        QCOMPARE(asked, 2);
        QVERIFY(f.w.isVisible());
        QVERIFY(f.w.close());
        QCOMPARE(asked, 3);
        QVERIFY(!f.w.isVisible());
    }

    void geometryAndSplitterComeBack()
    {
        TempLibrary t;
        QList<int> sizes;
        {
            MainWindow w(*t.lib, nullptr);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1000, 640);
            QTRY_COMPARE(w.size(), QSize(1000, 640));
            QCoreApplication::sendPostedEvents(); // the layout takes the new size before the splitter is set
            auto *splitter = w.findChild<QSplitter *>(QStringLiteral("splitter"));
            QVERIFY(splitter);
            splitter->setSizes({350, 650});
            sizes = splitter->sizes();
            w.setHidesOnClose(false);
            QVERIFY(w.close());
        }
        MainWindow again(*t.lib, nullptr);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1000, 640));
        QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("splitter"))->sizes(), sizes);
    }

    void trayMenuChoosesTheActiveTsgAndRunsCleanup()
    {
        Window f;
        QVERIFY(await(f.t.lib->createTsg(u"Tray pick"_s)).ok());
        TrayIcon tray(*f.t.lib, nullptr, f.w);
        QVERIFY(actionNamed(tray.menu(), u"Show window"_s));
        // Quit asks the application to quit (app/ ends the process on it, through the same path as SIGTERM, which
        // tst_appprocess checks with a tray).
        QAction *quit = actionNamed(tray.menu(), u"Quit"_s);
        QVERIFY(quit);
        QSignalSpy quitAsked(&tray, &TrayIcon::quitRequested);
        quit->trigger();
        QCOMPARE(quitAsked.size(), 1);
        auto *active = tray.menu()->findChild<QMenu *>(u"activeMenu"_s);
        QVERIFY(active);
        emit active->aboutToShow(); // the submenu lists the TSGs of the moment it opens
        QVERIFY(actionNamed(active, u"None"_s));
        QAction *pick = actionNamed(active, u"Tray pick"_s);
        QVERIFY(pick);
        pick->trigger();
        QTRY_COMPARE(f.t.lib->activeTsg(), std::optional<QString>(u"Tray pick"_s));
        QTRY_VERIFY2(tray.toolTip().contains(u"Active TSG: Tray pick"), qPrintable(tray.toolTip()));

        QSignalSpy ran(f.t.lib.get(), &Library::cleanupFinished);
        QAction *runCleanup = actionNamed(tray.menu(), u"Run cleanup now"_s);
        QVERIFY(runCleanup);
        runCleanup->trigger();
        QTRY_VERIFY(ran.size() >= 1);
    }

    void cleanupPanelRunsNowAndShowsWhatItDid()
    {
        Window f;
        CleanupStatusPanel *panel = f.w.cleanupPanel();
        auto *text = panel->findChild<QLabel *>(u"cleanupText"_s);
        QVERIFY(text);
        QSignalSpy ran(f.t.lib.get(), &Library::cleanupFinished);
        QTest::mouseClick(panel->findChild<QPushButton *>(u"runCleanup"_s), Qt::LeftButton);
        QTRY_VERIFY(ran.size() >= 1);
        QTRY_VERIFY2(text->text().contains(u"last run") && text->text().contains(u"nothing to remove"),
                     qPrintable(text->text()));
        QVERIFY2(text->text().startsWith(u"Cleanup on"), qPrintable(text->text()));
    }
};

QTEST_MAIN(TestWindowLifecycle)
#include "tst_windowlifecycle.moc"
