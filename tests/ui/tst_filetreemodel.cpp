// The file tree: built from the library's flat listing (folders first, implied folders added), loaded
// off the GUI thread (how long the window stalls meanwhile is measured in bench/gui_stall, not here),
// updated live with bursts of changes coalesced, and never showing a TSG's files under another TSG
// when the selection changes during a load.
#include "uitest.h"

#include "filetree.h"
#include "filetreemodel.h"

#include <QThreadPool>

using namespace testing;
using namespace tsg;

namespace {

FileEntry file(const QString &path, qint64 size = 1)
{
    FileEntry e;
    e.path = path;
    e.name = path.section(u'/', -1);
    e.size = size;
    e.type = QStringLiteral("markdown");
    return e;
}

// True once every queued call posted to `receiver` before this one has run (queued calls to one
// thread are delivered in order): proves that nothing is left pending without sleeping.
bool queuedCallsDelivered(QObject *receiver)
{
    bool delivered = false;
    QMetaObject::invokeMethod(
        receiver, [&delivered] { delivered = true; }, Qt::QueuedConnection);
    return QTest::qWaitFor([&] { return delivered; }, 10000);
}

} // namespace

class TestFileTreeModel : public QObject {
    Q_OBJECT
private slots:
    void buildsFoldersFirstWithImpliedFolders();
    void loadsLiveAndCoalesces();
    void switchingTsgDuringLoadShowsOnlyTheNewOne();
    void renameDuringLoadFollowsWithoutAFailure();
    void tenThousandFilesLoadOffTheGuiThread();
};

void TestFileTreeModel::buildsFoldersFirstWithImpliedFolders()
{
    const auto tree = FileTree::build({file(QStringLiteral("z.md"), 5), file(QStringLiteral("a/b/c.md"), 7),
                                       file(QStringLiteral("file10.md")), file(QStringLiteral("file9.md"))});
    QCOMPARE(tree->fileCount(), 4);
    QCOMPARE(tree->totalSize(), qint64(14));
    const FileNode &root = tree->root();
    QCOMPARE(root.children.size(), size_t(4));
    QCOMPARE(root.children[0]->entry.name, QStringLiteral("a")); // implied folder, first
    QVERIFY(root.children[0]->entry.isDirectory);
    QCOMPARE(root.children[0]->children[0]->entry.path, QStringLiteral("a/b"));
    QCOMPARE(root.children[1]->entry.name, QStringLiteral("file9.md")); // numeric order
    QCOMPARE(root.children[2]->entry.name, QStringLiteral("file10.md"));
    QCOMPARE(root.children[3]->row, 3);
}

// A TSG renamed (by a client) while its files are being listed: the tree follows the new name, and the listing
// under the old name that fails is no failure to report. Which of the two lands first varies; ten rounds see both.
void TestFileTreeModel::renameDuringLoadFollowsWithoutAFailure()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("name0"))).ok());
    QVERIFY(writeFile(t.tsgPath(QStringLiteral("name0"), QStringLiteral("notes.md")), "# notes"));
    FileTreeModel model(*t.lib);
    QSignalSpy failed(&model, &FileTreeModel::loadFailed);
    for (int i = 1; i <= 10; ++i) {
        const QString from = QStringLiteral("name%1").arg(i - 1), to = QStringLiteral("name%1").arg(i);
        model.showTsg(QString());
        model.showTsg(from); // a load under the old name is under way
        QVERIFY(await(t.lib->updateTsg(from, {.newName = to}, 3)).ok());
        QTRY_COMPARE(model.tsg(), to);
        QTRY_VERIFY(!model.isLoading());
        QTRY_COMPARE(model.fileCount(), 1);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    }
}

void TestFileTreeModel::loadsLiveAndCoalesces()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("live"))).ok());
    FileTreeModel model(*t.lib);
    QSignalSpy loaded(&model, &FileTreeModel::loaded);
    QSignalSpy changed(t.lib.get(), &Library::tsgFilesChanged);
    model.showTsg(QStringLiteral("live"));
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.fileCount(), 0);
    // Changes by another origin (a WebSocket client) arrive as tsgFilesChanged. How many loads these
    // five make depends on timing; the burst below counts them exactly.
    for (int i = 0; i < 5; ++i)
        QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("live")),
                                    batchOf({{QStringLiteral("d/f%1.md").arg(i), "x"}}), 3))
                    .ok());
    QTRY_COMPARE(model.fileCount(), 5);
    const QModelIndex d = model.indexOfPath(QStringLiteral("d"));
    QVERIFY(d.isValid());
    QCOMPARE(model.rowCount(d), 5);
    QCOMPARE(model.index(0, FileTreeModel::Name, d).data(FileTreeModel::PathRole).toString(),
             QStringLiteral("d/f0.md"));
    QVERIFY(!model.index(0, FileTreeModel::Name, d).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.parent(model.index(0, 0, d)), d);

    // A burst of changes while nothing returns to the event loop: the first starts a load, the rest
    // only ask for one more when it lands. One load per change would make five.
    // First every notice of the uploads above is handled, and the loads they started have landed.
    QTRY_COMPARE(changed.size(), 5);
    QVERIFY(queuedCallsDelivered(&model));
    QTRY_VERIFY(!model.isLoading());
    loaded.clear();
    for (int i = 0; i < 5; ++i)
        emit t.lib->tsgFilesChanged(QStringLiteral("live"), Origin(3));
    QVERIFY(model.isLoading());
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(loaded.size(), 2); // the load the first change started, and one more for the other four
    QCOMPARE(model.fileCount(), 5);
}

void TestFileTreeModel::switchingTsgDuringLoadShowsOnlyTheNewOne()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("one"))).ok());
    QVERIFY(await(t.lib->createTsg(QStringLiteral("two"))).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("one")), batchOf({{QStringLiteral("one.md"), "1"}})))
                .ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("two")),
                                batchOf({{QStringLiteral("two.md"), "2"}, {QStringLiteral("three.md"), "3"}})))
                .ok());
    FileTreeModel model(*t.lib);
    model.showTsg(QStringLiteral("one"));
    model.showTsg(QStringLiteral("two")); // before "one" has loaded
    QTRY_VERIFY(!model.isLoading());
    // The load of "one" has finished too, and its result has reached the model (and was dropped).
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(queuedCallsDelivered(&model));
    QCOMPARE(model.tsg(), QStringLiteral("two"));
    QCOMPARE(model.fileCount(), 2);
    QVERIFY(!model.indexOfPath(QStringLiteral("one.md")).isValid());
}

void TestFileTreeModel::tenThousandFilesLoadOffTheGuiThread()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("huge"))).ok());
    // Written straight into the TSG's folder, as a file manager would: an upload syncs each of the 10,000 files to
    // disk, which took over 60 s under ASan on a busy disk, and the upload is not what this test is about.
    for (int i = 0; i < 10000; ++i) {
        const QString path = QStringLiteral("area%1/sub%2/note%3.md").arg(i % 20).arg(i % 7).arg(i);
        QVERIFY(writeFile(t.tsgPath(QStringLiteral("huge"), path), "x"));
    }
    FileTreeModel model(*t.lib);
    QSignalSpy loaded(&model, &FileTreeModel::loaded);
    model.showTsg(QStringLiteral("huge"));
    // showTsg returns at once: the listing is read and the tree built on a worker thread.
    QVERIFY(model.isLoading());
    QCOMPARE(model.fileCount(), 0);
    QVERIFY(loaded.wait(60000));
    QCOMPARE(model.fileCount(), 10000);
    QCOMPARE(model.rowCount(), 20); // area0 … area19
    QCOMPARE(model.rowCount(model.indexOfPath(QStringLiteral("area3"))), 7);
}

QTEST_MAIN(TestFileTreeModel)
#include "tst_filetreemodel.moc"
