// The file tree's actions as a user reaches them (offscreen): Open, Show in folder and Copy path hand the
// file's absolute path to the desktop (a recording double here, so nothing is launched), from the context
// menu's actions, the keys and a double click; Delete file asks, moves the file to the trash on disk (the tree
// drops it) and the trash dialog brings it back; Delete on the TSG list still deletes the TSG.
#include "uitest.h"

#include "fileactions.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "trashdialog.h"
#include "tsglistmodel.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>

using namespace testing;
using namespace tsg;

namespace {

// A TSG with files, selected in the window, its tree loaded.
void prepare(Window &x)
{
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("VPN drops"))).ok());
    QVERIFY(writeFile(x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("README.md")), "# readme"));
    QVERIFY(writeFile(x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("logs/vpn agent.log")), "log"));
    QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
    QVERIFY(x.select(QStringLiteral("VPN drops")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 2);
    QTRY_VERIFY(!x.w.fileModel().isLoading());
}

void selectPath(Window &x, const QString &path)
{
    const QModelIndex i = x.w.fileModel().indexOfPath(path);
    QVERIFY2(i.isValid(), qPrintable(path));
    x.w.fileView()->scrollTo(i);
    x.w.fileView()->selectionModel()->select(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    x.w.fileView()->setCurrentIndex(i);
    x.w.fileView()->setFocus();
}

QAction *treeAction(Window &x, const char *name)
{
    for (QAction *a : x.w.fileView()->actions()) // the context menu shows exactly these
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}

} // namespace

class TestFileActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void contextMenuHasTheActions();
    void openHandsTheFileToTheDesktop();
    void showInFolderAndCopyPath();
    void aFailureToOpenIsReported();
    void deleteFileMovesItToTheTrashAndBack();
    void deleteOnTheListStillDeletesTheTsg();
};

void TestFileActions::contextMenuHasTheActions()
{
    Window x;
    prepare(x);
    QCOMPARE(x.w.fileView()->contextMenuPolicy(), Qt::ActionsContextMenu);
    for (const char *name : {"openFile", "showInFolder", "copyPath", "deleteFile"})
        QVERIFY2(treeAction(x, name), name);
    // Nothing selected: nothing to act on.
    x.w.fileView()->clearSelection();
    QVERIFY(!treeAction(x, "openFile")->isEnabled());
    QVERIFY(!treeAction(x, "deleteFile")->isEnabled());
    // A folder: it opens and shows, and goes to the trash with what is in it (issue 16).
    selectPath(x, QStringLiteral("logs"));
    QVERIFY(treeAction(x, "openFile")->isEnabled());
    QVERIFY(treeAction(x, "showInFolder")->isEnabled());
    QVERIFY(treeAction(x, "deleteFile")->isEnabled());
    QCOMPARE(treeAction(x, "deleteFile")->text(), QStringLiteral("&Delete folder"));
    selectPath(x, QStringLiteral("README.md"));
    QVERIFY(treeAction(x, "deleteFile")->isEnabled());
}

void TestFileActions::openHandsTheFileToTheDesktop()
{
    Window x;
    prepare(x);
    const QString readme = x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("README.md"));
    const QString log = x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("logs/vpn agent.log"));
    selectPath(x, QStringLiteral("README.md"));
    treeAction(x, "openFile")->trigger();
    QCOMPARE(x.desktop.opened, QStringList{readme});
    QVERIFY(QFileInfo(x.desktop.opened.first()).isAbsolute());
    QVERIFY(QFileInfo::exists(x.desktop.opened.first()));

    // Enter on the tree, and a double click on a file, open it too.
    selectPath(x, QStringLiteral("logs/vpn agent.log"));
    QTest::keyClick(x.w.fileView(), Qt::Key_Return);
    QCOMPARE(x.desktop.opened, (QStringList{readme, log}));
    const QModelIndex readmeIndex = x.w.fileModel().indexOfPath(QStringLiteral("README.md"));
    const QPoint at = x.w.fileView()->visualRect(readmeIndex).center();
    QTest::mouseClick(x.w.fileView()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(x.w.fileView()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(x.desktop.opened, (QStringList{readme, log, readme}));
    // The TSG's folder (Open folder on the list) goes through the same desktop.
    x.w.action(QStringLiteral("openFolder"))->trigger();
    QCOMPARE(x.desktop.opened.last(), x.t.tsgPath(QStringLiteral("VPN drops")));
}

void TestFileActions::showInFolderAndCopyPath()
{
    Window x;
    prepare(x);
    const QString log = x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("logs/vpn agent.log"));
    selectPath(x, QStringLiteral("logs/vpn agent.log"));
    treeAction(x, "showInFolder")->trigger();
    QCOMPARE(x.desktop.shown, QStringList{log});
    QVERIFY(x.desktop.opened.isEmpty());

    QTest::keySequence(x.w.fileView(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QCOMPARE(x.desktop.copied, QStringList{QDir::toNativeSeparators(log)});
    QCOMPARE(x.w.findChild<QLabel *>(QStringLiteral("message"))->text(), QStringLiteral("Copied ") + log);

    // Two files: both paths, one a line.
    const QString readme = x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("README.md"));
    x.w.fileView()->selectionModel()->select(x.w.fileModel().indexOfPath(QStringLiteral("README.md")),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    treeAction(x, "copyPath")->trigger();
    QCOMPARE(x.desktop.copied.last(), log + u'\n' + readme); // in the tree's order: the folder first
    QVERIFY(!treeAction(x, "showInFolder")->isEnabled());    // one at a time
}

void TestFileActions::aFailureToOpenIsReported()
{
    Window x;
    prepare(x);
    x.desktop.canOpen = false;
    x.desktop.canShow = false;
    selectPath(x, QStringLiteral("README.md"));
    QString warned;
    OnDialog<QMessageBox> close([&](QMessageBox *box) {
        warned = box->text();
        box->accept();
    });
    treeAction(x, "openFile")->trigger();
    QVERIFY(close.done());
    QCOMPARE(warned, QStringLiteral("No application could open README.md"));
    OnDialog<QMessageBox> close2([&](QMessageBox *box) {
        warned = box->text();
        box->accept();
    });
    treeAction(x, "showInFolder")->trigger();
    QVERIFY(close2.done());
    QCOMPARE(warned,
             QStringLiteral("No file manager could show %1")
                 .arg(QDir::toNativeSeparators(x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("README.md")))));
}

void TestFileActions::deleteFileMovesItToTheTrashAndBack()
{
    Window x;
    prepare(x);
    const QString log = x.t.tsgPath(QStringLiteral("VPN drops"), QStringLiteral("logs/vpn agent.log"));
    selectPath(x, QStringLiteral("logs/vpn agent.log"));
    QTest::keyClick(x.w.fileView(), Qt::Key_Delete);
    QCOMPARE(x.confirmations.size(), 1);
    QVERIFY2(x.confirmations.first().contains(u"\"logs/vpn agent.log\" of VPN drops"),
             qPrintable(x.confirmations.first()));
    QTRY_VERIFY(!QFileInfo::exists(log));
    QTRY_VERIFY(!x.w.fileModel().indexOfPath(QStringLiteral("logs/vpn agent.log")).isValid()); // gone from the tree
    QCOMPARE(x.w.fileModel().fileCount(), 1);
    QCOMPARE(x.t.lib->tsgs().size(), 1); // the TSG itself stays

    // In the trash on disk, with its content.
    const auto trash = await(x.t.lib->trash());
    QVERIFY(trash.ok());
    QCOMPARE(trash.value().size(), 1);
    const TrashEntry entry = trash.value().first();
    QCOMPARE(entry.kind, TrashEntry::Kind::File);
    QCOMPARE(entry.path, QStringLiteral("logs/vpn agent.log"));
    QCOMPARE(readAll(x.t.lib->folder().trashDir() + u'/' + entry.id + QStringLiteral("/content")), QByteArray("log"));

    // The trash dialog lists it and puts it back.
    OnDialog<TrashDialog> restore([](TrashDialog *d) {
        QTRY_VERIFY(d->isLoaded());
        QCOMPARE(d->list()->topLevelItemCount(), 1);
        QCOMPARE(d->list()->topLevelItem(0)->text(0), QStringLiteral("VPN drops › logs/vpn agent.log"));
        QTest::mouseClick(d->restoreButton(), Qt::LeftButton);
    });
    x.w.action(QStringLiteral("restoreTsg"))->trigger();
    QVERIFY(restore.done());
    QCOMPARE(readAll(log), QByteArray("log"));
    QTRY_VERIFY(x.w.fileModel().indexOfPath(QStringLiteral("logs/vpn agent.log")).isValid());
}

void TestFileActions::deleteOnTheListStillDeletesTheTsg()
{
    Window x;
    prepare(x);
    x.w.tsgView()->setFocus();
    QTest::keyClick(x.w.tsgView(), Qt::Key_Delete);
    QCOMPARE(x.confirmations.size(), 1);
    QVERIFY2(x.confirmations.first().startsWith(u"Move \"VPN drops\" and its files"),
             qPrintable(x.confirmations.first()));
    QTRY_COMPARE(x.t.lib->tsgs().size(), 0);
}

QTEST_MAIN(TestFileActions)
#include "tst_fileactions.moc"
