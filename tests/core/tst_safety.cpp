// Nothing is lost or half-written: symlinks planted inside a TSG are never followed, a crash leaves
// no partial file visible and its staging is removed at the next start, a failing or cancelled
// write leaves nothing, a full disk is a clear error, an upload is on disk (synced) before it is
// reported stored, and a commit that fails half-way leaves the library exactly as it was.
#include "faultyfileops.h"
#include "testlibrary.h"

#include <QDirIterator>

using namespace testing;
using namespace tsg;

namespace {

// Delivers `good` bytes, then fails: a device that breaks half-way through a write.
class FailingSource : public ByteSource {
public:
    FailingSource(qint64 size, qint64 good) : m_size(size), m_good(good) {}
    qint64 size() const override { return m_size; }
    Result<qint64> read(char *buf, qint64 maxBytes) override
    {
        if (m_pos >= m_good)
            return Error::io(QStringLiteral("simulated read failure"));
        const qint64 n = std::min(maxBytes, m_good - m_pos);
        std::memset(buf, 'x', size_t(n));
        m_pos += n;
        return n;
    }

private:
    qint64 m_size, m_good, m_pos = 0;
};

QStringList everythingBelow(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next().mid(dir.size() + 1);
    out.sort();
    return out;
}

} // namespace

class TestSafety : public QObject {
    Q_OBJECT
private slots:
    void symlinkedFolderIsNeverWrittenThrough();
    void symlinkedFileIsNotReplacedThrough();
    void deleteNeverFollowsSymlinks();
    void listingSkipsSymlinks();
    void crashLeftoversAreRemovedAtStart();
    void failingSourceLeavesNothing();
    void cancelLeavesNothing();
    void fullDiskIsAClearError();
    void tsgUploadIsOnDiskBeforeSuccess();
    void sessionUploadIsOnDiskBeforeSuccess();
    void tsgCommitFailingHalfWayChangesNothing();
    void sessionCommitFailingHalfWayChangesNothing();
};

void TestSafety::symlinkedFolderIsNeverWrittenThrough()
{
    TempLibrary t;
    QTemporaryDir outside;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("victim"))).ok());
    QVERIFY(QFile::link(outside.path(), t.tsgPath(QStringLiteral("victim"), QStringLiteral("docs"))));
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("victim")),
                                        batchOf({{QStringLiteral("docs/evil.md"), "pwned"}})));
    QVERIFY(!up.ok());
    QVERIFY2(up.error().message.contains(u"symbolic link"), qPrintable(up.error().message));
    QVERIFY(everythingBelow(outside.path()).isEmpty());
}

void TestSafety::symlinkedFileIsNotReplacedThrough()
{
    TempLibrary t;
    QTemporaryDir outside;
    const QString target = outside.filePath(QStringLiteral("secret.md"));
    QVERIFY(writeFile(target, "original"));
    QVERIFY(await(t.lib->createTsg(QStringLiteral("victim"))).ok());
    QVERIFY(QFile::link(target, t.tsgPath(QStringLiteral("victim"), QStringLiteral("notes.md"))));
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("victim")),
                                        batchOf({{QStringLiteral("notes.md"), "overwrite"}})));
    QVERIFY(!up.ok());
    QCOMPARE(readAll(target), QByteArray("original"));
}

void TestSafety::deleteNeverFollowsSymlinks()
{
    TempLibrary t;
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("precious.txt")), "keep"));
    QVERIFY(await(t.lib->createTsg(QStringLiteral("linked"))).ok());
    QVERIFY(QFile::link(outside.path(), t.tsgPath(QStringLiteral("linked"), QStringLiteral("escape"))));
    const auto deleted = await(t.lib->deleteTsg(QStringLiteral("linked")));
    QVERIFY(deleted.ok());
    // Purge the trash (cleanup with age 0): the link is removed as a link.
    QVERIFY(await(t.lib->updateConfig([](Config &c) { c.tsg.cleanupAgeHours = 1; })).ok());
    QVERIFY(Trash(t.lib->folder()).purgeOlderThan(QDateTime::currentDateTimeUtc().addSecs(10)).ok());
    QCOMPARE(readAll(outside.filePath(QStringLiteral("precious.txt"))), QByteArray("keep"));
    QVERIFY(everythingBelow(t.lib->folder().trashDir()).isEmpty());
}

void TestSafety::listingSkipsSymlinks()
{
    TempLibrary t;
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("a.md")), "a"));
    QVERIFY(await(t.lib->createTsg(QStringLiteral("listing"))).ok());
    QVERIFY(QFile::link(outside.path(), t.tsgPath(QStringLiteral("listing"), QStringLiteral("linkdir"))));
    const auto files = await(t.lib->tsgFiles(QStringLiteral("listing")));
    QVERIFY(files.ok());
    QVERIFY(files.value().isEmpty());
}

void TestSafety::crashLeftoversAreRemovedAtStart()
{
    // A child process starts an upload and is killed mid-way; the next start removes its staging.
    QTemporaryDir dir;
    {
        auto lib = Library::open(dir.path());
        QVERIFY(lib.ok());
        QVERIFY(await(lib.value()->createTsg(QStringLiteral("crashy"))).ok());
    }
    // Simulate the state a crash leaves: a half-written batch in staging.
    QVERIFY(writeFile(dir.path() + u"/.tsgdesk/staging/batch-dead/f0"_qs, QByteArray(1000, 'p')));
    auto lib = Library::open(dir.path());
    QVERIFY(lib.ok());
    QVERIFY(everythingBelow(dir.path() + u"/.tsgdesk/staging"_qs).isEmpty());
    QCOMPARE(lib.value()->tsgs().first().fileCount, 0);
    QVERIFY(everythingBelow(dir.path() + u"/tsgs/crashy"_qs) == QStringList{QStringLiteral(".metadata.json")});
}

void TestSafety::failingSourceLeavesNothing()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("fragile"))).ok());
    auto batch = batchOf({{QStringLiteral("good.log"), QByteArray(100000, 'g')}});
    batch->files.push_back({.path = QStringLiteral("bad.log"),
                            .claimedType = QString(),
                            .source = std::make_unique<FailingSource>(5 << 20, 2 << 20)});
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("fragile")), batch));
    QVERIFY(!up.ok());
    QVERIFY2(up.error().message.contains(u"simulated read failure"), qPrintable(up.error().message));
    QVERIFY(everythingBelow(t.tsgPath(QStringLiteral("fragile"))) == QStringList{QStringLiteral(".metadata.json")});
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
}

void TestSafety::cancelLeavesNothing()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("cancelled"))).ok());
    auto batch = batchOf({{QStringLiteral("big.log"), QByteArray(8 << 20, 'c')}});
    batch->cancel = makeCancelFlag();
    batch->onProgress = [flag = batch->cancel](const UploadProgress &p) {
        if (p.bytesProcessed > 0)
            flag->store(true);
    };
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("cancelled")), batch));
    QVERIFY(!up.ok());
    QCOMPARE(up.error().kind, ErrorKind::Cancelled);
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("cancelled"), QStringLiteral("big.log"))));
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
}

void TestSafety::fullDiskIsAClearError()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("tiny"))).ok());
    QVERIFY(await(t.lib->updateConfig([](Config &) {})).ok());
    const QByteArray config = readAll(t.root() + u"/config.json"_qs);
    FaultyFileOps disk;
    // The disk fills up after the first MiB written to staging, and stays full.
    disk.failAt(FaultyFileOps::Op::Write, 2, ENOSPC, QStringLiteral("/.tsgdesk/staging/"), true);
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("tiny")),
                                        batchOf({{QStringLiteral("huge.log"), QByteArray(4 << 20, 'h')}})));
    QVERIFY(!up.ok());
    QCOMPARE(disk.failures(), 1); // the writer stopped at the first refused write
    QVERIFY2(up.error().message.contains(u"disk is full"), qPrintable(up.error().message));
    QCOMPARE(up.error().kind, ErrorKind::DiskFull); // the wire code disk_full
    QVERIFY(everythingBelow(t.tsgPath(QStringLiteral("tiny"))) == QStringList{QStringLiteral(".metadata.json")});
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
    QCOMPARE(readAll(t.root() + u"/config.json"_qs), config);
    QCOMPARE(t.lib->tsgs().first().fileCount, 0);
}

void TestSafety::tsgUploadIsOnDiskBeforeSuccess()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("durable"))).ok());
    QVERIFY(
        await(t.lib->upload(UploadTarget::tsg(QStringLiteral("durable")), batchOf({{QStringLiteral("x.md"), "old"}})))
            .ok());
    FaultyFileOps disk;
    // An overwrite (the old file goes to the trash), new subfolders, and a file in the TSG folder.
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("durable")),
                                        batchOf({{QStringLiteral("x.md"), "new"},
                                                 {QStringLiteral("sub/deep/b.md"), QByteArray(3 << 20, 'b')},
                                                 {QStringLiteral("c.md"), "c"}})));
    QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    const QString root = QFileInfo(t.root()).canonicalFilePath();
    const QString tsg = root + u"/tsgs/durable"_qs;
    const auto trash = await(t.lib->trash());
    QVERIFY(trash.ok() && trash.value().size() == 1);
    const QStringList problems = disk.durabilityProblems(
        {tsg, tsg + u"/sub"_qs, tsg + u"/sub/deep"_qs, root + u"/.tsgdesk/trash"_qs,
         root + u"/.tsgdesk/trash/"_qs + trash.value().first().id, root + u"/.tsgdesk/staging"_qs});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSafety::sessionUploadIsOnDiskBeforeSuccess()
{
    TempLibrary t;
    FaultyFileOps disk;
    const auto up = await(t.lib->upload(UploadTarget::session(QStringLiteral("s1")),
                                        batchOf({{QStringLiteral("a.log"), "a"}, {QStringLiteral("b.log"), "b"}})));
    QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    const QString root = QFileInfo(t.root()).canonicalFilePath();
    const QStringList problems =
        disk.durabilityProblems({root + u"/sessions"_qs, root + u"/sessions/s1"_qs, root + u"/sessions/s1/files"_qs,
                                 root + u"/.tsgdesk/staging"_qs});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSafety::tsgCommitFailingHalfWayChangesNothing()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("atomic"))).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("atomic")),
                                batchOf({{QStringLiteral("x.md"), "old"}, {QStringLiteral("keep.md"), "keep"}})))
                .ok());
    const auto before = treeSnapshot(t.root() + u"/tsgs"_qs);
    const auto trashBefore = treeSnapshot(t.lib->folder().trashDir());
    const int filesBefore = t.lib->tsgs().first().fileCount;
    FaultyFileOps disk;
    // The first staged file (an overwrite: its old version went to the trash) is in place, the
    // second fails: everything done so far is undone.
    disk.failAt(FaultyFileOps::Op::Rename, 2, EIO, QStringLiteral("/.tsgdesk/staging/"));
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("atomic")),
                                        batchOf({{QStringLiteral("x.md"), "new"},
                                                 {QStringLiteral("sub/deep/b.md"), "b"},
                                                 {QStringLiteral("c.md"), "c"}})));
    QVERIFY(!up.ok());
    QCOMPARE(disk.failures(), 1);
    QVERIFY2(up.error().message.contains(u"Input/output error"), qPrintable(up.error().message));
    QCOMPARE(treeSnapshot(t.root() + u"/tsgs"_qs), before);
    QCOMPARE(treeSnapshot(t.lib->folder().trashDir()), trashBefore);
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
    QCOMPARE(t.lib->tsgs().first().fileCount, filesBefore);
}

void TestSafety::sessionCommitFailingHalfWayChangesNothing()
{
    TempLibrary t;
    QVERIFY(await(t.lib->upload(UploadTarget::session(QStringLiteral("s1")), batchOf({{QStringLiteral("a.log"), "a"}})))
                .ok());
    const auto before = treeSnapshot(t.root() + u"/sessions"_qs);
    FaultyFileOps disk;
    disk.failAt(FaultyFileOps::Op::Rename, 2, EIO, QStringLiteral("/.tsgdesk/staging/"));
    const auto up = await(t.lib->upload(UploadTarget::session(QStringLiteral("s1")),
                                        batchOf({{QStringLiteral("a.log"), "a2"}, {QStringLiteral("b.log"), "b"}})));
    QVERIFY(!up.ok());
    QCOMPARE(disk.failures(), 1);
    QCOMPARE(treeSnapshot(t.root() + u"/sessions"_qs), before);
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
}

QTEST_GUILESS_MAIN(TestSafety)
#include "tst_safety.moc"
