// LibraryIndexer over a real library and index in a temporary data folder: what the library had before start() is
// found, and every change made through the library (a commit of either upload form, a TSG created, deleted and
// restored) reaches the index, as does a change made by hand once a cleanup ran, a recheck was asked for or the
// application became active again.
#include "libraryindexer.h"

#include "searchindex.h"
#include "testlibrary.h"

#include <QGuiApplication>
#include <QTest>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

// A library and its index, kept current by an indexer.
struct Fixture {
    TempLibrary t;
    SearchIndex index{t.root()};
    LibraryIndexer indexer{*t.lib, index};

    // The library first: its worker threads report to the indexer until it has waited for them.
    ~Fixture() { t.lib.reset(); }

    void start()
    {
        const Status opened = await(indexer.start());
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    }
    // "tsg/path" of every hit for `query` now.
    QStringList hits(const QString &query, const QStringList &types = {})
    {
        const auto found = index.search({.query = query, .types = types});
        if (!found.ok())
            return {u"error: "_s + found.error().message};
        QStringList out;
        for (const SearchHit &h : found.value().hits)
            out << h.tsgName + u'/' + h.path;
        out.sort();
        return out;
    }
};

} // namespace

class TestLibraryIndexer : public QObject {
    Q_OBJECT
private slots:
    void startIndexesWhatTheLibraryHas();
    void aCommitIsIndexed();
    void aChunkedCommitIsIndexed();
    void aReplacedFileIsReindexed();
    void aCreatedTsgIsFoundByName();
    void deleteAndRestoreUpdateTheIndex();
    void cleanupPicksUpChangesMadeByHand();
    void recheckPicksUpChangesMadeByHand();
    void becomingActivePicksUpChangesMadeByHand();
};

void TestLibraryIndexer::startIndexesWhatTheLibraryHas()
{
    Fixture f;
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a.log"_s, "kestrel failed\n"}}))).ok());
    f.start();
    QCOMPARE(f.hits(u"kestrel"_s), QStringList{u"vpn/a.log"_s});
}

void TestLibraryIndexer::aCommitIsIndexed()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QCOMPARE(f.hits(u"kestrel"_s), QStringList());
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s),
                                  batchOf({{u"a.log"_s, "kestrel failed\n"}, {u"docs/b.md"_s, "# kestrel\n"}})))
                .ok());
    QTRY_COMPARE(f.hits(u"kestrel"_s), (QStringList{u"vpn/a.log"_s, u"vpn/docs/b.md"_s}));
    // A session's files are not part of the index.
    QVERIFY(await(f.t.lib->upload(UploadTarget::session(u"s1"_s), batchOf({{u"c.log"_s, "osprey\n"}}))).ok());
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"d.txt"_s, "osprey\n"}}))).ok());
    QTRY_COMPARE(f.hits(u"osprey"_s), QStringList{u"vpn/d.txt"_s});
}

void TestLibraryIndexer::aChunkedCommitIsIndexed()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    const QByteArray bytes = "a heron in a chunked upload\n";
    const auto begun = await(
        f.t.lib->beginUpload(UploadTarget::tsg(u"vpn"_s), {{.path = u"big.log"_s, .size = qint64(bytes.size())}}));
    QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
    auto up = f.t.lib->findUpload(begun.value().id);
    QVERIFY(up);
    QVERIFY(!up->accept(0, 0, bytes, 0, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow));
    const auto committed = await(f.t.lib->commitUpload(begun.value().id));
    QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
    QTRY_COMPARE(f.hits(u"heron"_s), QStringList{u"vpn/big.log"_s});
}

void TestLibraryIndexer::aReplacedFileIsReindexed()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a.log"_s, "kestrel\n"}}))).ok());
    QTRY_COMPARE(f.hits(u"kestrel"_s), QStringList{u"vpn/a.log"_s});
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a.log"_s, "falcon\n"}}))).ok());
    QTRY_COMPARE(f.hits(u"falcon"_s), QStringList{u"vpn/a.log"_s});
    QCOMPARE(f.hits(u"kestrel"_s), QStringList());
}

void TestLibraryIndexer::aCreatedTsgIsFoundByName()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"pelican-outage"_s, u"the albatross incident"_s, {u"netops"_s})).ok());
    QTRY_COMPARE(f.hits(u"pelican"_s), QStringList{u"pelican-outage/"_s});
    QCOMPARE(f.hits(u"albatross"_s), QStringList{u"pelican-outage/"_s});
}

void TestLibraryIndexer::deleteAndRestoreUpdateTheIndex()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(await(f.t.lib->upload(UploadTarget::tsg(u"vpn"_s), batchOf({{u"a.log"_s, "kestrel\n"}}))).ok());
    QTRY_COMPARE(f.hits(u"kestrel"_s), QStringList{u"vpn/a.log"_s});

    const auto deleted = await(f.t.lib->deleteTsg(u"vpn"_s));
    QVERIFY(deleted.ok());
    QTRY_COMPARE(f.hits(u"kestrel"_s), QStringList());

    // Back under another name: found there.
    const auto restored = await(f.t.lib->restoreTsg(deleted.value().id, u"vpn-again"_s));
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QTRY_COMPARE(f.hits(u"kestrel"_s), QStringList{u"vpn-again/a.log"_s});
}

void TestLibraryIndexer::cleanupPicksUpChangesMadeByHand()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(writeFile(f.t.tsgPath(u"vpn"_s, u"by-hand.txt"_s), "a cormorant\n"));
    QCOMPARE(f.hits(u"cormorant"_s), QStringList());
    await(f.t.lib->runCleanupNow());
    QTRY_COMPARE(f.hits(u"cormorant"_s), QStringList{u"vpn/by-hand.txt"_s});
}

void TestLibraryIndexer::recheckPicksUpChangesMadeByHand()
{
    Fixture f;
    f.start();
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(writeFile(f.t.tsgPath(u"vpn"_s, u"guide.md"_s), "the gateway drops a heron\n"));
    f.indexer.recheckDisk();
    QTRY_COMPARE(f.hits(u"heron"_s), QStringList{u"vpn/guide.md"_s});
    // Edited again by hand: many rechecks at once coalesce and still see the change.
    QVERIFY(writeFile(f.t.tsgPath(u"vpn"_s, u"guide.md"_s), "the gateway drops a plover\n"));
    for (int i = 0; i < 50; ++i)
        f.indexer.recheckDisk();
    QTRY_COMPARE(f.hits(u"plover"_s), QStringList{u"vpn/guide.md"_s});
    QCOMPARE(f.hits(u"heron"_s), QStringList());
}

void TestLibraryIndexer::becomingActivePicksUpChangesMadeByHand()
{
    Fixture f;
    f.start();
    f.indexer.recheckDiskOnActivation(*qGuiApp);
    QVERIFY(await(f.t.lib->createTsg(u"vpn"_s)).ok());
    QVERIFY(writeFile(f.t.tsgPath(u"vpn"_s, u"by-hand.txt"_s), "an avocet\n"));
    // The platform plugin sends this signal when a window of the application gains focus; the test sends it as
    // the plugin would.
    emit qGuiApp->applicationStateChanged(Qt::ApplicationActive);
    QTRY_COMPARE(f.hits(u"avocet"_s), QStringList{u"vpn/by-hand.txt"_s});
}

QTEST_MAIN(TestLibraryIndexer)
#include "tst_libraryindexer.moc"
