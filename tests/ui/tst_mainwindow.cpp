// The window as a user drives it (offscreen): creating, deleting, restoring and selecting through the
// widgets changes the library on disk; dropped files and folders upload with their structure;
// rejected files are listed with their reasons; cancel leaves nothing; changes made through the
// library by another origin (as the WebSocket server makes them) show in the window's models.
#include "uitest.h"

#include "filetreemodel.h"
#include "filetreeview.h"
#include "newtsgdialog.h"
#include "rejectedfilesdialog.h"
#include "sessionlistmodel.h"
#include "sessionspage.h"
#include "trashdialog.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"
#include "uploadprogresspanel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>

using namespace testing;
using namespace tsg;

namespace {

QPoint rowCenter(QTableView *view, const QString &name)
{
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data().toString() == name)
            return view->visualRect(view->model()->index(r, 0)).center();
    return {};
}

void clickRow(QTableView *view, const QString &name)
{
    const QPoint p = rowCenter(view, name);
    QVERIFY2(!p.isNull(), qPrintable(name));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // QSettings stay out of ~/.config
    void createThroughTheDialog();
    void nameProblemsShowInline();
    void deleteRestoreAndSelectThroughTheWidgets();
    void filterAndSort();
    void shortcuts();
    void dropOnTreeUploadsFilesAndFoldersWithStructure();
    void dropOnTreeFolderGoesIntoThatFolder();
    void dropOnRowUploadsIntoThatTsg();
    void rejectedFilesAreListedWithReasons();
    void nothingValidUploadsNothing();
    void folderOnEmptySpaceCreatesTsgNamedAfterIt();
    void progressShowsFilesBytesAndName();
    void cancelLeavesNothing();
    void changesFromAnotherOriginShow();
    void sessionsTabShowsAndDeletes();
};

void TestMainWindow::createThroughTheDialog()
{
    Window x;
    OnDialog<NewTsgDialog> fill([](NewTsgDialog *d) {
        QTest::keyClicks(d->findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("VPN drops after sleep"));
        QTest::keyClicks(d->findChild<QLineEdit *>(QStringLiteral("tags")), QStringLiteral("vpn, network"));
        QTest::mouseClick(d->createButton(), Qt::LeftButton);
    });
    QTest::keySequence(&x.w, QKeySequence(Qt::CTRL | Qt::Key_N));
    QVERIFY(fill.done());
    QCOMPARE(x.t.lib->tsgs().size(), 1);
    QCOMPARE(x.t.lib->tsgs().first().tags, (QStringList{QStringLiteral("vpn"), QStringLiteral("network")}));
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("VPN drops after sleep"), QStringLiteral(".metadata.json"))));
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("VPN drops after sleep"));
}

void TestMainWindow::nameProblemsShowInline()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Printer"))).ok());
    NewTsgDialog d(*x.t.lib, &x.w);
    d.show();
    auto *name = d.findChild<QLineEdit *>(QStringLiteral("name"));
    QVERIFY(!d.createButton()->isEnabled()); // empty: nothing to say yet, nothing to create
    QTest::keyClicks(name, QStringLiteral("ab"));
    QVERIFY(!d.problem().isEmpty()); // too short, said before submitting
    QVERIFY(!d.createButton()->isEnabled());
    name->setText(QStringLiteral("bad/name"));
    QVERIFY(!d.problem().isEmpty());
    name->setText(QStringLiteral("printer"));
    QVERIFY2(d.problem().contains(u"already exists"), qPrintable(d.problem()));
    QVERIFY(!d.createButton()->isEnabled());
    // A name that was free when typed but taken (by a browser) before Create: the library's answer, inline.
    name->setText(QStringLiteral("Scanner"));
    QVERIFY(d.problem().isEmpty());
    QVERIFY(d.createButton()->isEnabled());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Scanner"), {}, {}, 42)).ok());
    QTest::mouseClick(d.createButton(), Qt::LeftButton);
    QTRY_VERIFY(d.problem().contains(u"already exists"));
    QVERIFY(d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
}

void TestMainWindow::deleteRestoreAndSelectThroughTheWidgets()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("keep-me"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("delete-me"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    clickRow(x.w.tsgView(), QStringLiteral("keep-me"));
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("keep-me"));
    x.w.action(QStringLiteral("setActive"))->trigger();
    QTRY_COMPARE(x.t.lib->activeTsg(), std::optional<QString>(QStringLiteral("keep-me")));
    QTRY_VERIFY(readAll(x.t.root() + QStringLiteral("/config.json")).contains("\"activeTSG\": \"keep-me\""));
    QTRY_VERIFY(x.w.tsgModel()
                    .data(x.w.tsgModel().index(x.w.tsgModel().rowOf(QStringLiteral("keep-me")), 0), Qt::FontRole)
                    .value<QFont>()
                    .bold());

    clickRow(x.w.tsgView(), QStringLiteral("delete-me"));
    x.w.tsgView()->setFocus();
    QTest::keyClick(x.w.tsgView(), Qt::Key_Delete);
    QCOMPARE(x.confirmations.size(), 1);
    QVERIFY2(x.confirmations.first().contains(u"restored"), qPrintable(x.confirmations.first()));
    QTRY_COMPARE(x.t.lib->tsgs().size(), 1);
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("delete-me"))));
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);

    OnDialog<TrashDialog> restore([](TrashDialog *d) {
        QTRY_VERIFY(d->isLoaded());
        QCOMPARE(d->list()->topLevelItemCount(), 1);
        QCOMPARE(d->list()->topLevelItem(0)->text(0), QStringLiteral("delete-me"));
        QTest::mouseClick(d->restoreButton(), Qt::LeftButton);
    });
    x.w.action(QStringLiteral("restoreTsg"))->trigger();
    QVERIFY(restore.done());
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("delete-me"), QStringLiteral(".metadata.json"))));
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("delete-me"));

    x.w.action(QStringLiteral("clearActive"))->trigger();
    QTRY_COMPARE(x.t.lib->activeTsg(), std::nullopt);
    QTRY_VERIFY(!x.w.action(QStringLiteral("clearActive"))->isEnabled());
}

void TestMainWindow::filterAndSort()
{
    Window x;
    for (const char *n : {"Printer jams", "VPN drops", "Printer offline"})
        QVERIFY(await(x.t.lib->createTsg(QString::fromLatin1(n))).ok());
    QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(QStringLiteral("VPN drops")),
                                  batchOf({{QStringLiteral("a.md"), "x"}, {QStringLiteral("b.md"), "y"}})))
                .ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 3);
    QAbstractItemModel *shown = x.w.tsgView()->model();
    QTest::keyClicks(x.w.filterEdit(), QStringLiteral("printer"));
    QCOMPARE(shown->rowCount(), 2);
    x.w.filterEdit()->clear();
    QCOMPARE(shown->rowCount(), 3);
    // Sorting by files, most first: click the header twice.
    x.w.tsgView()->sortByColumn(TsgListModel::Files, Qt::DescendingOrder);
    QTRY_COMPARE(shown->index(0, TsgListModel::Name).data().toString(), QStringLiteral("VPN drops"));
    x.w.tsgView()->sortByColumn(TsgListModel::Name, Qt::AscendingOrder);
    QCOMPARE(shown->index(0, TsgListModel::Name).data().toString(), QStringLiteral("Printer jams"));
}

void TestMainWindow::shortcuts()
{
    Window x;
    QCOMPARE(x.w.action(QStringLiteral("newTsg"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(x.w.action(QStringLiteral("deleteTsg"))->shortcut(), QKeySequence(Qt::Key_Delete));
    QCOMPARE(x.w.action(QStringLiteral("addFiles"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    QVERIFY(!x.w.action(QStringLiteral("addFiles"))->isEnabled()); // nothing selected
}

void TestMainWindow::dropOnTreeUploadsFilesAndFoldersWithStructure()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("drop-target"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QVERIFY(x.select(QStringLiteral("drop-target")));
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("notes.md")), "# notes"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/logs/app.log")), "log line"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/readme.txt")), "read me"));
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(dropFiles(x.w.fileView()->viewport(), QPoint(20, 200),
                      {src.filePath(QStringLiteral("notes.md")), src.filePath(QStringLiteral("bundle"))}));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("notes.md"))), QByteArray("# notes"));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("bundle/logs/app.log"))),
             QByteArray("log line"));
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("drop-target"), QStringLiteral("bundle/readme.txt"))),
             QByteArray("read me"));
    // The tree updated live, with the folders.
    QTRY_COMPARE(x.w.fileModel().fileCount(), 3);
    QVERIFY(x.w.fileModel().indexOfPath(QStringLiteral("bundle/logs/app.log")).isValid());
    QCOMPARE(x.w.fileModel().index(0, 0).data().toString(), QStringLiteral("bundle")); // folders first
}

void TestMainWindow::dropOnTreeFolderGoesIntoThatFolder()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("nested"))).ok());
    QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(QStringLiteral("nested")),
                                  batchOf({{QStringLiteral("docs/guide.md"), "g"}})))
                .ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QVERIFY(x.select(QStringLiteral("nested")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    const QModelIndex docs = x.w.fileModel().indexOfPath(QStringLiteral("docs"));
    QVERIFY(docs.isValid());
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("faq.md")), "faq"));
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(dropFiles(x.w.fileView()->viewport(), x.w.fileView()->visualRect(docs).center(),
                      {src.filePath(QStringLiteral("faq.md"))}));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("nested"), QStringLiteral("docs/faq.md"))), QByteArray("faq"));
}

void TestMainWindow::dropOnRowUploadsIntoThatTsg()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("first"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("second"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
    QVERIFY(x.select(QStringLiteral("first")));
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("case/steps.md")), "1. restart"));
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(dropFiles(x.w.tsgView()->viewport(), rowCenter(x.w.tsgView(), QStringLiteral("second")),
                      {src.filePath(QStringLiteral("case"))}));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("second"), QStringLiteral("case/steps.md"))));
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("first"), QStringLiteral("case"))));
    QCOMPARE(x.w.selectedTsg(), QStringLiteral("second")); // the window shows where the files went
}

void TestMainWindow::rejectedFilesAreListedWithReasons()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("picky"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/ok.md")), "fine"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/tool.exe")), "MZ"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("bundle/.hidden.md")), "secret"));
    QStringList listed;
    OnDialog<RejectedFilesDialog> answer([&listed](RejectedFilesDialog *d) {
        auto *list = d->findChild<QTreeWidget *>(QStringLiteral("rejectedList"));
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            listed << list->topLevelItem(i)->text(0) + QStringLiteral(" | ") + list->topLevelItem(i)->text(1);
        QVERIFY(d->uploadRestButton());
        QTest::mouseClick(d->uploadRestButton(), Qt::LeftButton);
    });
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(dropFiles(x.w.tsgView()->viewport(), rowCenter(x.w.tsgView(), QStringLiteral("picky")),
                      {src.filePath(QStringLiteral("bundle"))}));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(answer.done());
    QCOMPARE(listed.size(), 2);
    listed.sort();
    QVERIFY2(listed.at(0).contains(u".hidden.md") && listed.at(0).contains(u"hidden", Qt::CaseInsensitive),
             qPrintable(listed.at(0)));
    QVERIFY2(listed.at(1).contains(u"tool.exe") && listed.at(1).contains(u"is not allowed"), qPrintable(listed.at(1)));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("picky"), QStringLiteral("bundle/ok.md"))));
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("picky"), QStringLiteral("bundle/tool.exe"))));
}

void TestMainWindow::nothingValidUploadsNothing()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("strict"))).ok());
    QVERIFY(await(x.t.lib->updateConfig([](Config &c) { c.tsg.maxUploadSize = 1; })).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("big.log")), QByteArray(2 * 1024 * 1024, 'x')));
    QVERIFY(writeFile(src.filePath(QStringLiteral("app.bin")), "x"));
    bool hadRestButton = true;
    QStringList reasons;
    OnDialog<RejectedFilesDialog> answer([&](RejectedFilesDialog *d) {
        hadRestButton = d->uploadRestButton() != nullptr;
        auto *list = d->findChild<QTreeWidget *>(QStringLiteral("rejectedList"));
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            reasons << list->topLevelItem(i)->text(1);
        d->reject();
    });
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(x.select(QStringLiteral("strict")));
    x.w.upload(QStringLiteral("strict"),
               {src.filePath(QStringLiteral("big.log")), src.filePath(QStringLiteral("app.bin"))});
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!hadRestButton);
    reasons.sort();
    QCOMPARE(reasons.size(), 2);
    QVERIFY2(reasons.at(0).contains(u"larger than the upload limit of 1 MiB"), qPrintable(reasons.at(0)));
    QVERIFY(!finished.first().at(0).toBool());
    QCOMPARE(x.t.lib->tsgs().first().fileCount, 0);
}

void TestMainWindow::folderOnEmptySpaceCreatesTsgNamedAfterIt()
{
    Window x;
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("Printer issues/steps.md")), "1. restart spooler"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("Printer issues/logs/spooler.log")), "error 5"));
    QString suggested;
    OnDialog<NewTsgDialog> accept([&suggested](NewTsgDialog *d) {
        suggested = d->name();
        QTest::mouseClick(d->createButton(), Qt::LeftButton);
    });
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    QVERIFY(dropFiles(x.w.tsgView()->viewport(), QPoint(50, 300), {src.filePath(QStringLiteral("Printer issues"))}));
    QTRY_VERIFY(accept.done());
    QCOMPARE(suggested, QStringLiteral("Printer issues"));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).toBool());
    // The folder's content is the new TSG's content.
    QCOMPARE(readAll(x.t.tsgPath(QStringLiteral("Printer issues"), QStringLiteral("steps.md"))),
             QByteArray("1. restart spooler"));
    QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("Printer issues"), QStringLiteral("logs/spooler.log"))));
    QTRY_COMPARE(x.w.selectedTsg(), QStringLiteral("Printer issues"));
}

void TestMainWindow::progressShowsFilesBytesAndName()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("big"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTemporaryDir src;
    for (int i = 0; i < 6; ++i)
        QVERIFY(writeFile(src.filePath(QStringLiteral("dump/part%1.log").arg(i)),
                          QByteArray(8 * 1024 * 1024, char('a' + i))));
    QSignalSpy progress(&x.w.uploads(), &UploadController::progress);
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    bool panelSeen = false;
    QString panelText;
    connect(&x.w.uploads(), &UploadController::progress, this, [&] {
        panelSeen = panelSeen || x.w.uploadPanel()->isVisible();
        panelText = x.w.uploadPanel()->text();
    });
    x.w.upload(QStringLiteral("big"), {src.filePath(QStringLiteral("dump"))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(progress.size() >= 1);
    const auto last = progress.last().at(0).value<UploadProgress>();
    QCOMPARE(last.total, 6);
    QCOMPARE(last.bytesTotal, qint64(48) * 1024 * 1024);
    QVERIFY(panelSeen);
    QVERIFY2(panelText.contains(u"of 6 files") && panelText.contains(u"dump/part"), qPrintable(panelText));
    QVERIFY(!x.w.uploadPanel()->isVisible());
}

void TestMainWindow::cancelLeavesNothing()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("cancelled"))).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QTemporaryDir src;
    for (int i = 0; i < 4; ++i)
        QVERIFY(writeFile(src.filePath(QStringLiteral("dump/part%1.log").arg(i)), QByteArray(8 * 1024 * 1024, 'z')));
    QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
    // The user presses Cancel as soon as the upload shows.
    connect(&x.w.uploads(), &UploadController::started, this,
            [&x] { QTest::mouseClick(x.w.uploadPanel()->cancelButton(), Qt::LeftButton); });
    x.w.upload(QStringLiteral("cancelled"), {src.filePath(QStringLiteral("dump"))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(finished.first().at(1).toString().contains(u"cancelled"), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("cancelled"), QStringLiteral("dump"))));
    QCOMPARE(x.t.lib->tsgs().first().fileCount, 0);
    QCOMPARE(QDir(x.t.root() + QStringLiteral("/.tsgdesk/staging")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList());
}

void TestMainWindow::changesFromAnotherOriginShow()
{
    Window x;
    const Origin browser = 7;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("from-browser"), {}, {}, browser)).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QVERIFY(x.select(QStringLiteral("from-browser")));
    QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(QStringLiteral("from-browser")),
                                  batchOf({{QStringLiteral("a/b.md"), "x"}}), browser))
                .ok());
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    QTRY_COMPARE(x.w.tsgModel().index(0, TsgListModel::Files).data().toInt(), 1);
    QVERIFY(await(x.t.lib->selectTsg(QStringLiteral("from-browser"), browser)).ok());
    QTRY_VERIFY(x.w.tsgModel().data(x.w.tsgModel().index(0, 0), Qt::FontRole).value<QFont>().bold());
    QVERIFY(await(x.t.lib->deleteTsg(QStringLiteral("from-browser"), browser)).ok());
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 0);
    QTRY_COMPARE(x.w.fileModel().rowCount(), 0);
}

void TestMainWindow::sessionsTabShowsAndDeletes()
{
    Window x;
    QVERIFY(await(x.t.lib->upload(UploadTarget::session(QStringLiteral("agent-42")),
                                  batchOf({{QStringLiteral("trace.log"), "t"}}), 9))
                .ok());
    SessionsPage *page = x.w.sessionsPage();
    QTRY_COMPARE(page->model().rowCount(), 1);
    QCOMPARE(page->model().index(0, SessionListModel::Files).data().toInt(), 1);
    QVERIFY(!page->model().index(0, SessionListModel::RemovedAt).data().toString().isEmpty());
    page->selectSession(QStringLiteral("agent-42"));
    QTRY_COMPARE(page->filesView()->topLevelItemCount(), 1);
    QCOMPARE(page->filesView()->topLevelItem(0)->text(0), QStringLiteral("trace.log"));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("deleteSession")), Qt::LeftButton);
    QTRY_COMPARE(page->model().rowCount(), 0);
    QVERIFY(!QFileInfo::exists(x.t.root() + QStringLiteral("/sessions/agent-42")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
