// Nothing is lost or half-written: symlinks planted inside a TSG are never followed, a crash leaves
// no partial file visible and its staging is removed at the next start, a failing or cancelled
// write leaves nothing, and a full disk is a clear error.
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
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
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
};

void TestSafety::symlinkedFolderIsNeverWrittenThrough()
{
    TempLibrary t;
    QTemporaryDir outside;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("victim"))).ok());
    QVERIFY(QFile::link(outside.path(), t.tsgPath(QStringLiteral("victim"), QStringLiteral("docs"))));
    const auto up = await(t.lib->uploadToTsg(QStringLiteral("victim"), batchOf({{QStringLiteral("docs/evil.md"), "pwned"}})));
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
    const auto up = await(t.lib->uploadToTsg(QStringLiteral("victim"), batchOf({{QStringLiteral("notes.md"), "overwrite"}})));
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
    QVERIFY(t.lib->trashStore().purgeOlderThan(QDateTime::currentDateTimeUtc().addSecs(10)).ok());
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
    batch->files.push_back({QStringLiteral("bad.log"), QString(), std::make_unique<FailingSource>(5 << 20, 2 << 20)});
    const auto up = await(t.lib->uploadToTsg(QStringLiteral("fragile"), batch));
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
    const auto up = await(t.lib->uploadToTsg(QStringLiteral("cancelled"), batch));
    QVERIFY(!up.ok());
    QCOMPARE(up.error().kind, ErrorKind::Cancelled);
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("cancelled"), QStringLiteral("big.log"))));
    QVERIFY(everythingBelow(t.lib->folder().stagingDir()).isEmpty());
}

void TestSafety::fullDiskIsAClearError()
{
    const TinyTmpfs mountPoint("2m");
    if (!mountPoint.mounted())
        QSKIP("needs root to mount a tiny tmpfs");
    {
        auto opened = Library::open(mountPoint.path());
        QVERIFY(opened.ok());
        auto &lib = opened.value();
        QVERIFY(await(lib->createTsg(QStringLiteral("tiny"))).ok());
        QVERIFY(await(lib->updateConfig([](Config &) {})).ok());
        const QByteArray config = readAll(mountPoint.path() + u"/config.json"_qs);
        const auto up = await(lib->uploadToTsg(QStringLiteral("tiny"), batchOf({{QStringLiteral("huge.log"), QByteArray(4 << 20, 'h')}})));
        QVERIFY(!up.ok());
        QVERIFY2(up.error().message.contains(u"disk is full"), qPrintable(up.error().message));
        QVERIFY(everythingBelow(mountPoint.path() + u"/tsgs/tiny"_qs) == QStringList{QStringLiteral(".metadata.json")});
        QVERIFY(everythingBelow(lib->folder().stagingDir()).isEmpty());
        QCOMPARE(readAll(mountPoint.path() + u"/config.json"_qs), config);
    }
}

QTEST_GUILESS_MAIN(TestSafety)
#include "tst_safety.moc"
