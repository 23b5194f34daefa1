// The window as a user drives it (offscreen): creating, deleting, restoring and selecting through the
// widgets changes the library; dropped files and folders upload with their structure; rejected files
// are reported; changes made by a WebSocket client (another origin) show in the window's models.
#include "testlibrary.h"

#include "filetreemodel.h"
#include "mainwindow.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"

#include <QAction>
#include <QApplication>
#include <QMimeData>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeView>

using namespace testing;
using namespace tsg;

namespace {

void drop(QWidget *viewport, const QPoint &pos, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

struct Window {
    TempLibrary t;
    MainWindow w{*t.lib, nullptr};
    Window()
    {
        w.ask = [](const QString &, const QString &) { return true; };
        w.show();
    }
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // QSettings stay out of ~/.config
    void createThroughTheWindow();
    void deleteRestoreAndSelect();
    void dropUploadsFilesAndFolders();
    void rejectedFilesAreReported();
    void folderOnEmptySpaceCreatesTsg();
    void clientChangesShowInTheWindow();
};

void TestMainWindow::createThroughTheWindow()
{
    Window x;
    x.w.askNewTsg = [](const QString &) { return MainWindow::NewTsg{QStringLiteral("From the window"), QStringLiteral("desc"), {QStringLiteral("a")}}; };
    x.w.action(QStringLiteral("newTsg"))->trigger();
    QTRY_COMPARE(x.t.lib->tsgs().size(), 1);
    QCOMPARE(x.t.lib->tsgs().first().description, QStringLiteral("desc"));
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("From the window"));
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("From the window"), QStringLiteral(".metadata.json"))));
}

void TestMainWindow::deleteRestoreAndSelect()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("keep-me"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("delete-me"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    x.w.selectTsg(QStringLiteral("keep-me"));
    x.w.action(QStringLiteral("setActive"))->trigger();
    QTRY_COMPARE(x.t.lib->activeTsg(), std::optional<QString>(QStringLiteral("keep-me")));
    x.w.selectTsg(QStringLiteral("delete-me"));
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("delete-me"));
    x.w.action(QStringLiteral("deleteTsg"))->trigger();
    QTRY_COMPARE(x.t.lib->tsgs().size(), 1);
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    const auto trash = await(x.t.lib->trash());
    QCOMPARE(trash.value().size(), 1);
    QVERIFY(await(x.t.lib->restoreTsg(trash.value().first().id)).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    x.w.action(QStringLiteral("clearActive"))->trigger();
    QTRY_COMPARE(x.t.lib->activeTsg(), std::nullopt);
}

void TestMainWindow::dropUploadsFilesAndFolders()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("drop-target"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    x.w.selectTsg(QStringLiteral("drop-target"));
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("notes.md")), "# notes"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/logs/app.log")), "log line"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/readme.txt")), "read me"));
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    drop(x.w.fileView()->viewport(), QPoint(20, 20),
         {QUrl::fromLocalFile(src.filePath(QStringLiteral("notes.md"))), QUrl::fromLocalFile(src.filePath(QStringLiteral("bundle")))});
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("notes.md"))), QByteArray("# notes"));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("bundle/logs/app.log"))), QByteArray("log line"));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("bundle/readme.txt"))), QByteArray("read me"));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 3); // the tree updated live
}

void TestMainWindow::rejectedFilesAreReported()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("picky"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("ok.md")), "fine"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("tool.exe")), "MZ"));
    UploadPlan seen;
    x.w.uploads().setConfirmRejected([&seen](const UploadPlan &plan) { seen = plan; return true; });
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    // Dropped on the TSG's row in the list.
    const QRect row = x.w.tsgView()->visualRect(x.w.tsgView()->model()->index(0, 0));
    drop(x.w.tsgView()->viewport(), row.center(),
         {QUrl::fromLocalFile(src.filePath(QStringLiteral("ok.md"))), QUrl::fromLocalFile(src.filePath(QStringLiteral("tool.exe")))});
    QCOMPARE(seen.rejected.size(), 1);
    QVERIFY(seen.rejected.first().source.endsWith(u"tool.exe"));
    QVERIFY(seen.rejected.first().reason.contains(u"is not allowed"));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("picky"), QStringLiteral("ok.md"))));
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("picky"), QStringLiteral("tool.exe"))));
}

void TestMainWindow::folderOnEmptySpaceCreatesTsg()
{
    Window x;
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("Printer issues/steps.md")), "1. restart spooler"));
    QString suggested;
    x.w.askNewTsg = [&suggested](const QString &s) { suggested = s; return MainWindow::NewTsg{s, {}, {}}; };
    drop(x.w.tsgView()->viewport(), QPoint(50, 400), {QUrl::fromLocalFile(src.filePath(QStringLiteral("Printer issues")))});
    QCOMPARE(suggested, QStringLiteral("Printer issues"));
    QTRY_VERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("Printer issues"), QStringLiteral("steps.md"))));
}

void TestMainWindow::clientChangesShowInTheWindow()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("from-browser"), {}, {}, 7)).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    x.w.selectTsg(QStringLiteral("from-browser"));
    QVERIFY(await(x.t.lib->uploadToTsg(QStringLiteral("from-browser"), batchOf({{QStringLiteral("a/b.md"), "x"}}), 7)).ok());
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    QVERIFY(await(x.t.lib->selectTsg(QStringLiteral("from-browser"), 7)).ok());
    QTRY_VERIFY(x.w.tsgModel().data(x.w.tsgModel().index(0, 0), Qt::FontRole).value<QFont>().bold());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
