// Chunked uploads in the core: begin under the caps, chunks written and hashed off the caller's
// thread, commit all or nothing, resume after a restart (hash caught up from disk), expiry by the
// cleanup service, a full disk that removes what was staged, a commit that is on disk before it
// succeeds, and one that fails half-way, changes nothing and can be retried.
#include "faultyfileops.h"
#include "testlibrary.h"

#include <QSemaphore>

#include <atomic>

using namespace tsg;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

// A disk whose first write waits until the test lets it go: a single-message upload caught in the middle of
// writing its files.
class HeldFirstWrite : public FileOps {
public:
    HeldFirstWrite() { FileOps::install(this); }
    ~HeldFirstWrite() override
    {
        go.release(1000); // never leave a writer waiting
        FileOps::install(nullptr);
    }
    ssize_t write(int fd, const void *buf, size_t count) override
    {
        if (!m_held.exchange(true)) {
            writing.release();
            go.acquire();
        }
        return FileOps::write(fd, buf, count);
    }
    QSemaphore writing; // released when the first write is under way
    QSemaphore go;      // released by the test to let it finish

private:
    std::atomic<bool> m_held{false};
};

// Queues `bytes` of file `index` from `from` in chunks of at most 1 MiB, as the server does with frames.
void send(ChunkedUpload &up, int index, const QByteArray &bytes, qint64 from = 0, qint64 to = -1)
{
    to = to < 0 ? bytes.size() : to;
    for (qint64 at = from; at < to;) {
        const qint64 n = std::min<qint64>(ChunkedUploads::kChunkSize, to - at);
        const QByteArray frame = QByteArray(32, 'h') + bytes.mid(at, n);
        std::optional<ChunkRefusal> refused;
        // A full window is refused: wait for the writer, as a client waits for acknowledgements.
        QVERIFY(QTest::qWaitFor([&] {
            refused = up.accept(index, at, frame, 32, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow);
            return !refused || !refused->message.contains(u"ahead of the last acknowledgement");
        }));
        QVERIFY2(!refused, qPrintable(refused ? refused->message : QString()));
        at += n;
    }
}

qint64 receivedOf(ChunkedUpload &up)
{
    return up.info().bytesReceived;
}

} // namespace

class TestChunkedUploads : public QObject {
    Q_OBJECT
private slots:
    void uploadCommitsWithDigests()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"big"_s)).ok());
        const QByteArray a = randomBytes(3 * 1024 * 1024 + 17), b = randomBytes(1000);
        auto begun = await(
            t.lib->beginUpload(UploadTarget::tsg(u"big"_s),
                               {{u"logs/a.log"_s, {}, a.size(), sha256Hex(a), {}}, {u"b.md"_s, {}, b.size(), {}, {}}}));
        QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
        const QString id = begun.value().id;
        QVERIFY(ChunkedUploads::isValidId(id));
        QVERIFY(QFileInfo::exists(t.root() + u"/.tsgdesk/uploads/"_s + id + u"/upload.json"_s));
        auto up = t.lib->findUpload(id);
        QVERIFY(up);
        send(*up, 0, a);
        send(*up, 1, b);
        QSignalSpy listChanged(t.lib.get(), &Library::tsgsChanged);
        auto committed = await(t.lib->commitUpload(id, 7));
        QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
        QCOMPARE(readAll(t.tsgPath(u"big"_s, u"logs/a.log"_s)), a);
        QCOMPARE(readAll(t.tsgPath(u"big"_s, u"b.md"_s)), b);
        QCOMPARE(committed.value().result.stored.at(0).sha256, sha256Hex(a));
        QCOMPARE(committed.value().result.stored.at(1).sha256, sha256Hex(b));
        QCOMPARE(listChanged.size(), 1);
        QCOMPARE(listChanged.at(0).at(0).value<Origin>(), Origin(7));
        // the listing reports the stored digest, and the upload is gone
        const auto files = await(t.lib->tsgFiles(u"big"_s));
        QVERIFY(files.ok());
        const auto it = std::find_if(files.value().begin(), files.value().end(),
                                     [](const FileEntry &f) { return f.path == u"logs/a.log"; });
        QVERIFY(it != files.value().end());
        QCOMPARE(it->sha256, sha256Hex(a));
        QCOMPARE(QDir(t.root() + u"/.tsgdesk/uploads"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList());
        QString why;
        QVERIFY(!t.lib->findUpload(id, &why));
        QVERIFY2(why.contains(u"was committed"), qPrintable(why));
    }

    // One file of a TSG has one writer at a time, whatever the forms: while a single-message upload writes
    // a/b.md, a chunked begin and another single-message upload of the same file are refused as busy; once it is
    // stored, both are taken.
    void aFileBeingWrittenIsHeldAgainstBothForms()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"vpn"_s)).ok());
        const QList<ChunkedFileSpec> spec{{.path = u"a/b.md"_s, .targetPath = {}, .size = 3, .sha256 = {}, .type = {}}};
        QFuture<Result<UploadResult>> first;
        {
            HeldFirstWrite disk;
            first = t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a/b.md"_s, "one"}}));
            QVERIFY(disk.writing.tryAcquire(1, 30000));
            const auto begun = await(t.lib->beginUpload(UploadTarget::tsg(u"vpn"_s), spec));
            QVERIFY(!begun.ok());
            QCOMPARE(begun.error().kind, ErrorKind::Busy);
            QVERIFY2(begun.error().message.contains(
                         u"a/b.md: another upload is writing this file of TSG 'vpn' right now"),
                     qPrintable(begun.error().message));
            // The same file in another case is the same file on a case-insensitive disk: held too.
            const auto second = await(t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"A/B.md"_s, "two"}})));
            QVERIFY(!second.ok());
            QCOMPARE(second.error().kind, ErrorKind::Busy);
            disk.go.release();
            const auto stored = await(first);
            QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        }
        QCOMPARE(readAll(t.tsgPath(u"vpn"_s, u"a/b.md"_s)), QByteArray("one"));
        const auto begun = await(t.lib->beginUpload(UploadTarget::tsg(u"vpn"_s), spec));
        QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
        // ... and while that chunked upload is open, a single-message upload of the file waits for its commit.
        const auto third = await(t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a/b.md"_s, "two"}})));
        QVERIFY(!third.ok());
        QCOMPARE(third.error().kind, ErrorKind::Busy);
        QVERIFY2(third.error().message.contains(begun.value().id), qPrintable(third.error().message));
    }

    void resumesAfterRestartAndCatchesUpTheHash()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"resumed"_s)).ok());
        const QByteArray a = randomBytes(5 * 1024 * 1024);
        const auto begun =
            await(t.lib->beginUpload(UploadTarget::tsg(u"resumed"_s), {{u"a.log"_s, {}, a.size(), sha256Hex(a), {}}}));
        QVERIFY(begun.ok());
        const QString id = begun.value().id;
        send(*t.lib->findUpload(id), 0, a, 0, 2 * 1024 * 1024 + 5);
        QTRY_COMPARE(receivedOf(*t.lib->findUpload(id)), 2 * 1024 * 1024 + 5);
        t.reopen(); // a restart: the hash state is gone, the bytes are not
        auto up = t.lib->findUpload(id);
        QVERIFY(up);
        QCOMPARE(up->info().received.value(0), 2 * 1024 * 1024 + 5);
        // nothing is visible in the TSG before the commit
        QCOMPARE(QDir(t.tsgPath(u"resumed"_s)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden),
                 QStringList{u".metadata.json"_s});
        send(*up, 0, a, 2 * 1024 * 1024 + 5);
        const auto committed = await(t.lib->commitUpload(id));
        QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
        QCOMPARE(committed.value().result.stored.at(0).sha256, sha256Hex(a));
        QCOMPARE(readAll(t.tsgPath(u"resumed"_s, u"a.log"_s)), a);
    }

    void capsRefuseNewUploads()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"capped"_s)).ok());
        QVERIFY(await(t.lib->updateConfig([](Config &c) {
                    c.desk.maxOpenUploads = 2;
                    c.desk.maxStagedMb = 3;
                })).ok());
        QVERIFY(
            await(t.lib->beginUpload(UploadTarget::tsg(u"capped"_s), {{u"1.log"_s, {}, 1024 * 1024, {}, {}}})).ok());
        const auto tooBig =
            await(t.lib->beginUpload(UploadTarget::tsg(u"capped"_s), {{u"2.log"_s, {}, 3 * 1024 * 1024, {}, {}}}));
        QVERIFY(!tooBig.ok());
        QVERIFY2(tooBig.error().message.contains(u"maxStagedMb"), qPrintable(tooBig.error().message));
        QVERIFY(await(t.lib->beginUpload(UploadTarget::tsg(u"capped"_s), {{u"3.log"_s, {}, 10, {}, {}}})).ok());
        const auto third = await(t.lib->beginUpload(UploadTarget::tsg(u"capped"_s), {{u"4.log"_s, {}, 10, {}, {}}}));
        QVERIFY(!third.ok());
        QCOMPARE(third.error().kind, ErrorKind::Limit);
        QVERIFY2(third.error().message.contains(u"Too many open uploads: 2 are open"),
                 qPrintable(third.error().message));
    }

    void cleanupExpiresIdleUploadsAndCountsTheRest()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"expiring"_s)).ok());
        const QByteArray a = randomBytes(100000);
        const QString idle =
            await(t.lib->beginUpload(UploadTarget::tsg(u"expiring"_s), {{u"idle.log"_s, {}, a.size(), {}, {}}}))
                .value()
                .id;
        const QString fresh =
            await(t.lib->beginUpload(UploadTarget::tsg(u"expiring"_s), {{u"fresh.log"_s, {}, a.size(), {}, {}}}))
                .value()
                .id;
        send(*t.lib->findUpload(idle), 0, a, 0, 4000);
        send(*t.lib->findUpload(fresh), 0, a, 0, 1000);
        QTRY_COMPARE(receivedOf(*t.lib->findUpload(idle)), 4000);
        QTRY_COMPARE(receivedOf(*t.lib->findUpload(fresh)), 1000);
        // Two days of silence for one of them (its files' times), seen by a restarted library.
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-2);
        for (const QFileInfo &f : QDir(t.root() + u"/.tsgdesk/uploads/"_s + idle).entryInfoList(QDir::Files)) {
            QFile file(f.filePath());
            QVERIFY(file.open(QIODevice::ReadWrite) && file.setFileTime(old, QFileDevice::FileModificationTime));
        }
        t.reopen();
        const CleanupReport report = await(t.lib->runCleanupNow());
        QCOMPARE(report.uploadsExpired, 1);
        QCOMPARE(report.pendingUploads, 1);
        QCOMPARE(report.pendingUploadBytes, 1000);
        QVERIFY(report.bytesFreed >= 4000);
        QVERIFY(!QFileInfo::exists(t.root() + u"/.tsgdesk/uploads/"_s + idle));
        QVERIFY(QFileInfo::exists(t.root() + u"/.tsgdesk/uploads/"_s + fresh));
        QString why;
        QVERIFY(!t.lib->findUpload(idle, &why));
        QVERIFY2(why.contains(u"expired"), qPrintable(why));
        QCOMPARE(t.lib->cleanupStatus().pendingUploads, 1);
    }

    void damagedLeftoversAreRemovedAtStart()
    {
        TempLibrary t;
        QVERIFY(QDir().mkpath(
            t.root() + u"/.tsgdesk/uploads/0123456789abcdef0123456789abcdef"_s)); // no manifest: a crash in begin
        QVERIFY(writeFile(t.root() + u"/.tsgdesk/uploads/not-an-upload"_s, "x"));
        t.reopen();
        QCOMPARE(QDir(t.root() + u"/.tsgdesk/uploads"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList());
        QCOMPARE(t.lib->openUploads().size(), 0);
    }

    void fullDiskFailsTheUploadAndRemovesWhatWasStaged()
    {
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"tiny"_s)).ok());
        const QByteArray a = randomBytes(3 * 1024 * 1024);
        const auto begun =
            await(t.lib->beginUpload(UploadTarget::tsg(u"tiny"_s), {{u"a.log"_s, {}, a.size(), {}, {}}}));
        QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
        // Something else fills the disk while it is sent: the second chunk's write is refused, and so is every later
        // one.
        FaultyFileOps disk;
        disk.failAt(FaultyFileOps::Op::Write, 2, ENOSPC, u"/.tsgdesk/uploads/"_s, true);
        auto up = t.lib->findUpload(begun.value().id);
        QString failure;
        std::optional<ErrorKind> failureKind;
        QMutex failureMutex;
        up->setListener([&](const ChunkedEvent &e) {
            QMutexLocker lock(&failureMutex);
            if (e.error) {
                failure = e.error->message;
                failureKind = e.error->kind;
            }
        });
        for (qint64 at = 0; at < a.size() && !up->closedReason(); at += ChunkedUploads::kChunkSize)
            (void)up->accept(0, at, QByteArray(32, 'h') + a.mid(at, ChunkedUploads::kChunkSize), 32,
                             ChunkedUploads::kChunkSize, ChunkedUploads::kWindow);
        // The listener is told last, after the staged data was removed.
        QTRY_VERIFY([&] {
            QMutexLocker lock(&failureMutex);
            return !failure.isEmpty();
        }());
        QMutexLocker lock(&failureMutex);
        QVERIFY2(failure.contains(u"disk is full"), qPrintable(failure));
        QCOMPARE(failureKind, std::optional<ErrorKind>(ErrorKind::DiskFull)); // the client's code: disk_full
        QVERIFY(disk.failures() >= 1);
        QVERIFY(!QFileInfo::exists(t.root() + u"/.tsgdesk/uploads/"_s + begun.value().id));
        QString why;
        QVERIFY(!t.lib->findUpload(begun.value().id, &why));
        QVERIFY2(why.contains(u"failed"), qPrintable(why));
        QCOMPARE(QDir(t.tsgPath(u"tiny"_s)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void commitIsOnDiskBeforeSuccess_data()
    {
        QTest::addColumn<bool>("toSession");
        QTest::newRow("tsg") << false;
        QTest::newRow("session") << true;
    }
    void commitIsOnDiskBeforeSuccess()
    {
        QFETCH(bool, toSession);
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"durable"_s)).ok());
        QVERIFY(await(t.lib->upload(UploadTarget::tsg(u"durable"_s), batchOf({{u"x.log"_s, "old"}}))).ok());
        const QByteArray a = randomBytes(2 * 1024 * 1024 + 3), b = randomBytes(1000);
        const QList<ChunkedFileSpec> specs = toSession
            ? QList<ChunkedFileSpec>{{u"x.log"_s, {}, a.size(), {}, {}}, {u"b.log"_s, {}, b.size(), {}, {}}}
            : QList<ChunkedFileSpec>{{u"x.log"_s, {}, a.size(), {}, {}}, {u"sub/b.log"_s, {}, b.size(), {}, {}}};
        const auto begun = await(toSession ? t.lib->beginUpload(UploadTarget::session(u"s1"_s), specs)
                                           : t.lib->beginUpload(UploadTarget::tsg(u"durable"_s), specs));
        QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
        auto up = t.lib->findUpload(begun.value().id);
        send(*up, 0, a);
        send(*up, 1, b);
        QTRY_COMPARE(receivedOf(*up), a.size() + b.size());
        FaultyFileOps disk; // records from here on: the commit alone
        const auto committed = await(t.lib->commitUpload(begun.value().id));
        QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
        const QString root = QFileInfo(t.root()).canonicalFilePath();
        QStringList folders{root + u"/.tsgdesk/uploads"_s};
        if (toSession) {
            folders << root + u"/sessions"_s << root + u"/sessions/s1"_s << root + u"/sessions/s1/files"_s;
        } else {
            const auto trash = await(t.lib->trash());
            QVERIFY(trash.ok() && trash.value().size() == 1);
            folders << root + u"/tsgs/durable"_s << root + u"/tsgs/durable/sub"_s << root + u"/.tsgdesk/trash"_s
                    << root + u"/.tsgdesk/trash/"_s + trash.value().first().id;
        }
        const QStringList problems = disk.durabilityProblems(folders);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void commitFailingHalfWayChangesNothingAndCanBeRetried_data() { commitIsOnDiskBeforeSuccess_data(); }
    void commitFailingHalfWayChangesNothingAndCanBeRetried()
    {
        QFETCH(bool, toSession);
        TempLibrary t;
        QVERIFY(await(t.lib->createTsg(u"atomic"_s)).ok());
        QVERIFY(await(t.lib->upload(UploadTarget::tsg(u"atomic"_s),
                                    batchOf({{u"x.log"_s, "old"}, {u"keep.log"_s, "keep"}})))
                    .ok());
        QVERIFY(await(t.lib->upload(UploadTarget::session(u"s1"_s), batchOf({{u"x.log"_s, "old"}}))).ok());
        const QByteArray a = randomBytes(2 * 1024 * 1024 + 3), b = randomBytes(1000), c = randomBytes(10);
        // An overwrite first (TSG: the old file goes to the trash; session: kept beside), then a file
        // in a new folder: the fault hits that second rename.
        const QList<ChunkedFileSpec> specs{{u"x.log"_s, {}, a.size(), sha256Hex(a), {}},
                                           {toSession ? u"b.log"_s : u"sub/deep/b.log"_s, {}, b.size(), {}, {}},
                                           {u"c.log"_s, {}, c.size(), {}, {}}};
        const auto begun = await(toSession ? t.lib->beginUpload(UploadTarget::session(u"s1"_s), specs)
                                           : t.lib->beginUpload(UploadTarget::tsg(u"atomic"_s), specs));
        QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
        const QString id = begun.value().id;
        auto up = t.lib->findUpload(id);
        send(*up, 0, a);
        send(*up, 1, b);
        send(*up, 2, c);
        QTRY_COMPARE(receivedOf(*up), a.size() + b.size() + c.size());
        const auto library = treeSnapshot(t.root() + u"/tsgs"_s);
        const auto sessions = treeSnapshot(t.root() + u"/sessions"_s);
        const auto trash = treeSnapshot(t.lib->folder().trashDir());
        const auto staged = treeSnapshot(t.root() + u"/.tsgdesk/uploads/"_s + id);
        {
            FaultyFileOps disk;
            disk.failAt(FaultyFileOps::Op::Rename, 2, EIO, u"/.tsgdesk/uploads/"_s);
            const auto failed = await(t.lib->commitUpload(id));
            QVERIFY(!failed.ok());
            QCOMPARE(disk.failures(), 1);
            QVERIFY2(failed.error().message.contains(u"Input/output error"), qPrintable(failed.error().message));
        }
        QCOMPARE(treeSnapshot(t.root() + u"/tsgs"_s), library);
        QCOMPARE(treeSnapshot(t.root() + u"/sessions"_s), sessions);
        QCOMPARE(treeSnapshot(t.lib->folder().trashDir()), trash);
        QCOMPARE(treeSnapshot(t.root() + u"/.tsgdesk/uploads/"_s + id), staged);
        // The fault is gone: the same upload commits, with nothing sent again.
        QVERIFY(t.lib->findUpload(id));
        const auto retried = await(t.lib->commitUpload(id));
        QVERIFY2(retried.ok(), qPrintable(retried.errorMessage()));
        if (toSession) {
            const QString files = t.root() + u"/sessions/s1/files/"_s;
            QCOMPARE(readAll(files + u"x.log"_s), QByteArray("old"));
            QCOMPARE(readAll(files + u"x (2).log"_s), a);
            QCOMPARE(readAll(files + u"b.log"_s), b);
            QCOMPARE(readAll(files + u"c.log"_s), c);
        } else {
            QCOMPARE(readAll(t.tsgPath(u"atomic"_s, u"x.log"_s)), a);
            QCOMPARE(readAll(t.tsgPath(u"atomic"_s, u"sub/deep/b.log"_s)), b);
            QCOMPARE(readAll(t.tsgPath(u"atomic"_s, u"c.log"_s)), c);
            QCOMPARE(await(t.lib->trash()).value().size(), 1);
        }
        QVERIFY(!QFileInfo::exists(t.root() + u"/.tsgdesk/uploads/"_s + id));
    }
};

QTEST_GUILESS_MAIN(TestChunkedUploads)
#include "tst_chunkeduploads.moc"
