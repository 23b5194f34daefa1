// SearchIndex through its public API on real files in a temporary data folder: every change call, rebuilds,
// changes made by hand, encodings, PDFs, ranking, query syntax, paging, confinement and line numbers.
#include "searchindex.h"

#include "indexreader.h"
#include "indexshards.h"
#include "indexwriter.h"

#include "testlibrary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringEncoder>
#include <QtConcurrent>

#include <algorithm>

using namespace tsg;

class TestSearchIndex : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void indexesNamesDescriptionsTagsPathsAndText();
    void everyChangeCallUpdatesTheIndex();
    void rebuildsADeletedIndexReportingProgress();
    void rebuildsACorruptIndex();
    void reconcilePicksUpChangesMadeByHand();
    void decodesUtf16AndLatin1Logs();
    void findsAWordOnPage2OfAPdf();
    void namesTagsAndDescriptionsRankAboveBodies();
    void querySyntaxAndFilters();
    void malformedQueriesAreClearErrors();
    void pagesWithACursor();
    void symlinkToEtcPasswdIsNeitherIndexedNorFound();
    void lineNumberOfAHitInA100000LineLog();
    void aRebuildReadsEveryBatchAndLargeFilesAlone();
    void searchesWhileANewIndexIsCreatedNeverFail();
    void aReconcileIsReportedFromTheMomentItIsAskedFor();
    void theIndexKeepsNoCopyOfTheText();
    void aQueryThatMatchesMoreThanIsRankedSaysSo();
    void rebuildsWhenMostRowsAreOfFilesThatWent();
    void eachShardHoldsItsOwnTsgs();
    void aTsgRenamedIntoTheOtherShardMovesWithIt();
    void aReconcileThatFreesMuchOfTheFileGivesItBack();

private:
    QString tsgDir(const QString &name) const { return m_dir->filePath(QStringLiteral("tsgs/") + name); }
    void makeTsg(const QString &name, const QString &description = {}, const QStringList &tags = {});
    void writeFile(const QString &tsg, const QString &path, const QByteArray &bytes);
    void openIndex();
    QList<SearchHit> hits(const QString &query, SearchRequest request = {});
    // The names of the TSGs whose rows index file `file` holds.
    static QStringList tsgsIn(const QString &file);
    // Two names of the given shards.
    static QString nameInShard(int shard, const QString &stem);
    static void ok(QFuture<Status> future);
    // The largest `total` that progressChanged reported.
    static int largestTotal(const QSignalSpy &progress);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SearchIndex> m_index;
};

void TestSearchIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("tsgs")));
    m_index = std::make_unique<SearchIndex>(m_dir->path());
}

void TestSearchIndex::cleanup()
{
    m_index.reset();
    m_dir.reset();
}

void TestSearchIndex::makeTsg(const QString &name, const QString &description, const QStringList &tags)
{
    QVERIFY(QDir().mkpath(tsgDir(name)));
    const QJsonObject meta{{QStringLiteral("name"), name},
                           {QStringLiteral("createdAt"), QStringLiteral("2026-01-01T00:00:00Z")},
                           {QStringLiteral("updatedAt"), QStringLiteral("2026-01-01T00:00:00Z")},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("tags"), QJsonArray::fromStringList(tags)}};
    writeFile(name, QStringLiteral(".metadata.json"), QJsonDocument(meta).toJson());
}

void TestSearchIndex::writeFile(const QString &tsg, const QString &path, const QByteArray &bytes)
{
    const QString full = tsgDir(tsg) + QLatin1Char('/') + path;
    QVERIFY(QDir().mkpath(QFileInfo(full).absolutePath()));
    QFile file(full);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

int TestSearchIndex::largestTotal(const QSignalSpy &progress)
{
    int largest = 0;
    for (const auto &signal : progress)
        largest = std::max(largest, signal.at(1).toInt());
    return largest;
}

void TestSearchIndex::ok(QFuture<Status> future)
{
    const Status status = testing::await(future);
    QVERIFY2(status.ok(), qPrintable(status.errorMessage()));
}

void TestSearchIndex::openIndex()
{
    ok(m_index->open());
}

QList<SearchHit> TestSearchIndex::hits(const QString &query, SearchRequest request)
{
    request.query = query;
    request.limit = 500;
    const auto result = m_index->search(request);
    if (!result.ok())
        qWarning() << "search failed:" << result.errorMessage();
    return result.ok() ? result->hits : QList<SearchHit>();
}

void TestSearchIndex::indexesNamesDescriptionsTagsPathsAndText()
{
    makeTsg(QStringLiteral("vpn-outage"), QStringLiteral("Tunnel drops after rekey"),
            {QStringLiteral("VPN"), QStringLiteral("network")});
    writeFile(QStringLiteral("vpn-outage"), QStringLiteral("notes/steps.md"),
              "# Steps\n\nCheck the KDC.\nKRB5KDC_ERR_PREAUTH_FAILED means a wrong password.\n");
    openIndex();

    auto found = hits(QStringLiteral("outage"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("name"));
    QCOMPARE(found[0].tsgName, QStringLiteral("vpn-outage"));
    QCOMPARE(found[0].snippet, QStringLiteral("vpn-[[outage]]"));

    found = hits(QStringLiteral("rekey"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("description"));
    QCOMPARE(found[0].snippet, QStringLiteral("Tunnel drops after [[rekey]]"));

    found = hits(QStringLiteral("network"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("tag"));

    found = hits(QStringLiteral("steps"));
    QCOMPARE(found.size(), 2); // the path, and the heading in the text
    QCOMPARE(found[0].kind, QStringLiteral("file"));
    QCOMPARE(found[0].path, QStringLiteral("notes/steps.md"));
    QCOMPARE(found[1].kind, QStringLiteral("text"));
    QCOMPARE(found[1].line, std::optional<int>(1));

    found = hits(QStringLiteral("KRB5KDC_ERR_PREAUTH_FAILED"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("text"));
    QCOMPARE(found[0].path, QStringLiteral("notes/steps.md"));
    QCOMPARE(found[0].line, std::optional<int>(4));
    QVERIFY(!found[0].page);
    QCOMPARE(found[0].snippet, QStringLiteral("[[KRB5KDC_ERR_PREAUTH_FAILED]] means a wrong password."));
}

void TestSearchIndex::everyChangeCallUpdatesTheIndex()
{
    const QString tsg = QStringLiteral("dns");
    makeTsg(tsg, QStringLiteral("Name resolution"), {QStringLiteral("net")});
    openIndex();
    QVERIFY(hits(QStringLiteral("nxdomain")).isEmpty());

    // A new file.
    writeFile(tsg, QStringLiteral("resolver.log"), "10:00 query example.org NXDOMAIN\n");
    ok(m_index->reindexFile(tsg, QStringLiteral("resolver.log")));
    QCOMPARE(hits(QStringLiteral("nxdomain")).size(), 1);
    QCOMPARE(hits(QStringLiteral("resolver.log")).size(), 1);

    // The same file replaced.
    writeFile(tsg, QStringLiteral("resolver.log"), "10:00 query example.org SERVFAIL\n");
    ok(m_index->reindexFile(tsg, QStringLiteral("resolver.log")));
    QVERIFY(hits(QStringLiteral("nxdomain")).isEmpty());
    QCOMPARE(hits(QStringLiteral("servfail")).size(), 1);

    // Metadata edited (description and tags).
    makeTsg(tsg, QStringLiteral("Resolver timeouts"), {QStringLiteral("bind9")});
    ok(m_index->reindexTsg(tsg));
    QVERIFY(hits(QStringLiteral("resolution")).isEmpty());
    QCOMPARE(hits(QStringLiteral("timeouts")).size(), 1);
    QCOMPARE(hits(QStringLiteral("tag:bind9 servfail")).size(), 1);
    QVERIFY(hits(QStringLiteral("tag:net servfail")).isEmpty());

    // Renamed.
    QVERIFY(QDir().rename(tsgDir(tsg), tsgDir(QStringLiteral("dns-2"))));
    ok(m_index->renameTsg(tsg, QStringLiteral("dns-2")));
    auto found = hits(QStringLiteral("servfail"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].tsgName, QStringLiteral("dns-2"));
    found = hits(QStringLiteral("dns"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("name"));
    QCOMPARE(found[0].snippet, QStringLiteral("[[dns]]-2"));
    QCOMPARE(hits(QStringLiteral("tag:bind9 servfail")).size(), 1);

    // A file removed.
    QVERIFY(QFile::remove(tsgDir(QStringLiteral("dns-2")) + QStringLiteral("/resolver.log")));
    ok(m_index->removeFile(QStringLiteral("dns-2"), QStringLiteral("resolver.log")));
    QVERIFY(hits(QStringLiteral("servfail")).isEmpty());
    QVERIFY(hits(QStringLiteral("resolver.log")).isEmpty());

    // reindexFile of a file that is gone drops it too.
    writeFile(QStringLiteral("dns-2"), QStringLiteral("b.txt"), "refused\n");
    ok(m_index->reindexFile(QStringLiteral("dns-2"), QStringLiteral("b.txt")));
    QCOMPARE(hits(QStringLiteral("refused")).size(), 1);
    QVERIFY(QFile::remove(tsgDir(QStringLiteral("dns-2")) + QStringLiteral("/b.txt")));
    ok(m_index->reindexFile(QStringLiteral("dns-2"), QStringLiteral("b.txt")));
    QVERIFY(hits(QStringLiteral("refused")).isEmpty());

    // The TSG removed.
    QVERIFY(QDir(tsgDir(QStringLiteral("dns-2"))).removeRecursively());
    ok(m_index->removeTsg(QStringLiteral("dns-2")));
    QVERIFY(hits(QStringLiteral("timeouts")).isEmpty());
    QVERIFY(hits(QStringLiteral("dns")).isEmpty());
}

void TestSearchIndex::rebuildsADeletedIndexReportingProgress()
{
    for (int i = 0; i < 5; ++i) {
        makeTsg(QStringLiteral("guide-%1").arg(i));
        for (int f = 0; f < 20; ++f)
            writeFile(QStringLiteral("guide-%1").arg(i), QStringLiteral("f%1.txt").arg(f),
                      QStringLiteral("common word ticket%1x%2\n").arg(i).arg(f).toUtf8());
    }
    openIndex();
    QCOMPARE(hits(QStringLiteral("ticket3x7")).size(), 1);
    const QStringList files = m_index->indexFiles();
    m_index.reset();
    for (const QString &file : files) {
        QVERIFY(QFile::exists(file));
        QVERIFY(QFile::remove(file));
    }

    m_index = std::make_unique<SearchIndex>(m_dir->path());
    QVERIFY(hits(QStringLiteral("ticket3x7")).isEmpty()); // no index yet: no hits, no error
    // Searches made while the rebuild runs (from the progress signal, on an index thread) answer with progress.
    // Each shard reports its own files; the progress is their sum.
    QMutex lock;
    QList<std::pair<int, int>> reports;
    QList<IndexProgress> seen;
    int failures = 0;
    connect(
        m_index.get(), &SearchIndex::progressChanged, this,
        [&](int done, int total) {
            QMutexLocker locked(&lock);
            reports.append({done, total});
            if (total == 0 || reports.size() % 10 != 0)
                return;
            // From another thread while an index thread holds its write transaction open.
            const auto result = QtConcurrent::run([this] {
                                    return m_index->search({.query = QStringLiteral("common"), .limit = 1});
                                }).result();
            if (result.ok())
                seen << result->progress;
            else
                ++failures;
        },
        Qt::DirectConnection);
    openIndex();
    QCOMPARE(failures, 0);
    QVERIFY(seen.size() >= 5);
    for (const IndexProgress &p : std::as_const(seen))
        QVERIFY(p.indexing && p.total <= 105 && p.done <= p.total);
    QCOMPARE(reports.last(), std::pair(0, 0)); // it ends with (0, 0)
    int maxDone = 0;
    int maxTotal = 0;
    for (const auto &[done, total] : std::as_const(reports)) {
        QVERIFY(done <= total && total <= 105);
        maxDone = std::max(maxDone, done);
        maxTotal = std::max(maxTotal, total);
    }
    QCOMPARE(maxTotal, 105); // 100 files and 5 metadata files, over both shards
    QCOMPARE(maxDone, 105);
    QVERIFY(!m_index->progress().indexing);
    QCOMPARE(hits(QStringLiteral("ticket3x7")).size(), 1);
    QCOMPARE(m_index->search({.query = QStringLiteral("common"), .limit = 1})->total, 100);
}

void TestSearchIndex::rebuildsACorruptIndex()
{
    makeTsg(QStringLiteral("disk"));
    writeFile(QStringLiteral("disk"), QStringLiteral("smart.txt"), "reallocated sectors rising\n");
    openIndex();
    QCOMPARE(hits(QStringLiteral("reallocated")).size(), 1);
    const QString file = m_index->indexFileOf(QStringLiteral("disk"));
    m_index.reset();
    QFile garbage(file);
    QVERIFY(garbage.open(QIODevice::WriteOnly | QIODevice::Truncate));
    garbage.write(testing::randomBytes(64 * 1024));
    garbage.close();

    m_index = std::make_unique<SearchIndex>(m_dir->path());
    const auto broken = m_index->search({.query = QStringLiteral("reallocated")});
    QVERIFY(!broken.ok()); // a corrupt file is an error value, not a crash
    QVERIFY2(!broken.errorMessage().contains(QLatin1String("database")), qPrintable(broken.errorMessage()));
    openIndex();
    QCOMPARE(hits(QStringLiteral("reallocated")).size(), 1);
    QCOMPARE(hits(QStringLiteral("smart")).size(), 1);
}

void TestSearchIndex::reconcilePicksUpChangesMadeByHand()
{
    makeTsg(QStringLiteral("ad"));
    writeFile(QStringLiteral("ad"), QStringLiteral("a.md"), "lockout policy\n");
    writeFile(QStringLiteral("ad"), QStringLiteral("b.md"), "password spray\n");
    writeFile(QStringLiteral("ad"), QStringLiteral("c.md"), "golden ticket\n");
    for (int i = 0; i < 10; ++i)
        writeFile(QStringLiteral("ad"), QStringLiteral("same%1.md").arg(i), "unchanged\n");
    openIndex();
    QCOMPARE(hits(QStringLiteral("lockout")).size(), 1);

    // By hand, behind TSG Desk's back: one edited, one edited to the same size, one added, one deleted, a new TSG.
    writeFile(QStringLiteral("ad"), QStringLiteral("a.md"), "lockout threshold reached after kerberoasting\n");
    writeFile(QStringLiteral("ad"), QStringLiteral("c.md"), "silver ticket\n");
    {
        QFile c(tsgDir(QStringLiteral("ad")) + QStringLiteral("/c.md"));
        QVERIFY(c.open(QIODevice::ReadWrite));
        QVERIFY(c.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60), QFileDevice::FileModificationTime));
    }
    writeFile(QStringLiteral("ad"), QStringLiteral("sub/new.log"), "dcsync detected\n");
    QVERIFY(QFile::remove(tsgDir(QStringLiteral("ad")) + QStringLiteral("/b.md")));
    QVERIFY(QDir().mkpath(tsgDir(QStringLiteral("by-hand"))));
    writeFile(QStringLiteral("by-hand"), QStringLiteral("x.txt"), "zerologon\n");

    QSignalSpy progress(m_index.get(), &SearchIndex::progressChanged);
    ok(m_index->reconcile());
    QVERIFY(!progress.isEmpty());
    // Only what changed is re-read: a.md, c.md, sub/new.log, and the new TSG's metadata entry and x.txt (both TSGs
    // are in one index file). The other file's writer reports (0, 0) for its empty reconcile, first or last.
    QCOMPARE(largestTotal(progress), 5);
    QCOMPARE(hits(QStringLiteral("kerberoasting")).size(), 1);
    QCOMPARE(hits(QStringLiteral("dcsync")).size(), 1);
    QCOMPARE(hits(QStringLiteral("dcsync"))[0].path, QStringLiteral("sub/new.log"));
    QVERIFY(hits(QStringLiteral("spray")).isEmpty());
    QCOMPARE(hits(QStringLiteral("zerologon")).size(), 1);
    QCOMPARE(hits(QStringLiteral("ticket")).size(), 1);
    QCOMPARE(hits(QStringLiteral("silver")).size(), 1);
    QVERIFY(hits(QStringLiteral("golden")).isEmpty());
    QCOMPARE(hits(QStringLiteral("unchanged")).size(), 10);

    // Nothing changed: nothing is read.
    progress.clear();
    ok(m_index->reconcile());
    QCOMPARE(largestTotal(progress), 0);
}

void TestSearchIndex::decodesUtf16AndLatin1Logs()
{
    makeTsg(QStringLiteral("win"));
    const QString windows = QStringLiteral("header\r\nEvent 4625: An account failed to log on\r\nGerät ÄÖÜ\r\n");
    QStringEncoder le(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    writeFile(QStringLiteral("win"), QStringLiteral("security-bom.log"), le(windows));
    QStringEncoder leNoBom(QStringConverter::Utf16LE);
    writeFile(QStringLiteral("win"), QStringLiteral("security-nobom.log"),
              leNoBom(QString(windows).replace(QLatin1String("4625"), QLatin1String("4740"))));
    QStringEncoder be(QStringConverter::Utf16BE);
    writeFile(QStringLiteral("win"), QStringLiteral("security-be.log"),
              be(QString(windows).replace(QLatin1String("4625"), QLatin1String("4771"))));
    QStringEncoder latin1(QStringConverter::Latin1);
    writeFile(QStringLiteral("win"), QStringLiteral("old.log"),
              latin1(QStringLiteral("first\nFehler: Überlauf im Café\n")));
    openIndex();

    for (const auto &[event, path] :
         {std::pair{u"4625", u"security-bom.log"}, std::pair{u"4740", u"security-nobom.log"},
          std::pair{u"4771", u"security-be.log"}}) {
        const auto found = hits(QString::fromUtf16(event));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].path, QString::fromUtf16(path));
        QCOMPARE(found[0].line, std::optional<int>(2));
        QCOMPARE(found[0].snippet,
                 QStringLiteral("Event [[%1]]: An account failed to log on").arg(QString::fromUtf16(event)));
    }
    QCOMPARE(hits(QStringLiteral("gerät")).size(), 3);
    const auto found = hits(QStringLiteral("Überlauf"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].path, QStringLiteral("old.log"));
    QCOMPARE(found[0].line, std::optional<int>(2));
    QCOMPARE(found[0].snippet, QStringLiteral("Fehler: [[Überlauf]] im Café"));
}

void TestSearchIndex::findsAWordOnPage2OfAPdf()
{
    makeTsg(QStringLiteral("pdfs"));
    const QString pdf = tsgDir(QStringLiteral("pdfs")) + QStringLiteral("/runbook.pdf");
    {
        QPdfWriter writer(pdf);
        QPainter painter(&writer);
        QFont font = painter.font();
        font.setPointSize(14);
        painter.setFont(font);
        painter.drawText(QPointF(500, 1000), QStringLiteral("Introduction alpha"));
        QVERIFY(writer.newPage());
        painter.drawText(QPointF(500, 1000), QStringLiteral("Restart the zanzibar service"));
        painter.end();
    }
    QVERIFY(QFileInfo(pdf).size() > 0);
    openIndex();
    auto found = hits(QStringLiteral("zanzibar"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].path, QStringLiteral("runbook.pdf"));
    QCOMPARE(found[0].kind, QStringLiteral("text"));
    QCOMPARE(found[0].page, std::optional<int>(2));
    QVERIFY(!found[0].line);
    QVERIFY2(found[0].snippet.contains(QLatin1String("[[zanzibar]]")), qPrintable(found[0].snippet));
    found = hits(QStringLiteral("alpha"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].page, std::optional<int>(1));
    QCOMPARE(hits(QStringLiteral("zanzibar"), {.types = {QStringLiteral("pdf")}}).size(), 1);
    QVERIFY(hits(QStringLiteral("zanzibar"), {.types = {QStringLiteral("log")}}).isEmpty());
}

void TestSearchIndex::namesTagsAndDescriptionsRankAboveBodies()
{
    // The body mentions the word many times; the name, a tag and a description once each.
    makeTsg(QStringLiteral("a-body"));
    writeFile(QStringLiteral("a-body"), QStringLiteral("k.md"), QByteArray("kerberos kerberos kerberos kerberos\n"));
    makeTsg(QStringLiteral("b-desc"), QStringLiteral("when kerberos tickets expire early"));
    makeTsg(QStringLiteral("c-tag"), QString(), {QStringLiteral("kerberos")});
    makeTsg(QStringLiteral("kerberos"));
    makeTsg(QStringLiteral("d-file"));
    writeFile(QStringLiteral("d-file"), QStringLiteral("kerberos.txt"), "nothing\n");
    openIndex();
    const auto found = hits(QStringLiteral("kerberos"));
    QStringList kinds;
    for (const SearchHit &hit : found)
        kinds << hit.kind;
    QCOMPARE(kinds,
             (QStringList{QStringLiteral("name"), QStringLiteral("tag"), QStringLiteral("description"),
                          QStringLiteral("file"), QStringLiteral("text")}));
    QCOMPARE(found[0].tsgName, QStringLiteral("kerberos"));
    QCOMPARE(found[4].tsgName, QStringLiteral("a-body"));
    for (int i = 1; i < found.size(); ++i)
        QVERIFY2(found[i - 1].score > found[i].score, qPrintable(QString::number(i)));
}

void TestSearchIndex::querySyntaxAndFilters()
{
    makeTsg(QStringLiteral("vpn"), QString(), {QStringLiteral("vpn")});
    writeFile(QStringLiteral("vpn"), QStringLiteral("a.log"),
              "the quick brown fox\nfox brown quick the\nauthentication failed\n");
    makeTsg(QStringLiteral("web"), QString(), {QStringLiteral("http")});
    writeFile(QStringLiteral("web"), QStringLiteral("b.md"), "authenticator app\nquick brown fox\n");
    openIndex();

    auto found = hits(QStringLiteral("\"quick brown\""));
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].line, std::optional<int>(found[0].path == QLatin1String("a.log") ? 1 : 2));
    QCOMPARE(hits(QStringLiteral("\"brown quick\"")).size(), 1);
    QCOMPARE(hits(QStringLiteral("authen*")).size(), 2);
    QVERIFY(hits(QStringLiteral("authen")).isEmpty());
    QCOMPARE(hits(QStringLiteral("authen* failed")).size(), 1);
    found = hits(QStringLiteral("tag:vpn authen*"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].tsgName, QStringLiteral("vpn"));
    found = hits(QStringLiteral("tag:http"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].kind, QStringLiteral("tag"));
    QCOMPARE(found[0].tsgName, QStringLiteral("web"));
    QCOMPARE(hits(QStringLiteral("authen*"), {.tags = {QStringLiteral("HTTP")}}).size(), 1);
    QCOMPARE(hits(QStringLiteral("authen*"), {.tsgName = QStringLiteral("vpn")}).size(), 1);
    QCOMPARE(hits(QStringLiteral("authen*"), {.types = {QStringLiteral("markdown")}})[0].path, QStringLiteral("b.md"));
    // FTS5's operators and column filters are searched as words, never run.
    QVERIFY(m_index->search({.query = QStringLiteral("NOT OR AND NEAR(a b)")}).ok());
    QVERIFY(m_index->search({.query = QStringLiteral("body:fox ^fox")}).ok());
}

void TestSearchIndex::malformedQueriesAreClearErrors()
{
    makeTsg(QStringLiteral("x"));
    openIndex();
    const QStringList bad = {QStringLiteral("\"open"), QStringLiteral("*"),    QStringLiteral("a*b"),
                             QStringLiteral("tag:"),   QStringLiteral("\"\""), QString(),
                             QStringLiteral("(((")};
    for (const QString &query : bad) {
        const auto result = m_index->search({.query = query});
        QVERIFY2(!result.ok(), qPrintable(query));
        QCOMPARE(result.error().kind, ErrorKind::Invalid);
        for (const char *sqlWord : {"fts5", "SQL", "syntax error", "SELECT", "MATCH"})
            QVERIFY2(!result.errorMessage().contains(QLatin1String(sqlWord)), qPrintable(result.errorMessage()));
    }
    QCOMPARE(m_index->search({.query = QStringLiteral("x"), .limit = 0}).error().kind, ErrorKind::Invalid);
    QCOMPARE(m_index->search({.query = QStringLiteral("x"), .cursor = QStringLiteral("zz")}).error().kind,
             ErrorKind::Invalid);
}

void TestSearchIndex::pagesWithACursor()
{
    makeTsg(QStringLiteral("many"));
    for (int i = 0; i < 25; ++i)
        writeFile(QStringLiteral("many"), QStringLiteral("f%1.txt").arg(i, 2, 10, QLatin1Char('0')), "timeout\n");
    openIndex();
    QSet<QString> paths;
    QString cursor;
    int pages = 0;
    do {
        const auto page = m_index->search({.query = QStringLiteral("timeout"), .limit = 10, .cursor = cursor});
        QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
        QCOMPARE(page->total, 25);
        QCOMPARE(page->hits.size(), pages < 2 ? 10 : 5);
        for (const SearchHit &hit : page->hits)
            paths.insert(hit.path);
        cursor = page->cursor;
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(paths.size(), 25);
}

void TestSearchIndex::symlinkToEtcPasswdIsNeitherIndexedNorFound()
{
    makeTsg(QStringLiteral("evil"));
    writeFile(QStringLiteral("evil"), QStringLiteral("real.txt"), "harmless\n");
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), tsgDir(QStringLiteral("evil")) + QStringLiteral("/passwd.log")));
    QVERIFY(QFile::link(QStringLiteral("/etc"), tsgDir(QStringLiteral("evil")) + QStringLiteral("/etcdir")));
    QVERIFY(QFile::link(QStringLiteral("/etc"), m_dir->filePath(QStringLiteral("tsgs/linked-tsg"))));
    openIndex();
    QCOMPARE(hits(QStringLiteral("harmless")).size(), 1);
    QVERIFY(hits(QStringLiteral("root")).isEmpty());
    QVERIFY(hits(QStringLiteral("passwd")).isEmpty());
    QVERIFY(hits(QStringLiteral("etcdir")).isEmpty());
    QVERIFY(hits(QStringLiteral("linked")).isEmpty());
    // Asked for by name, the link is still not read.
    ok(m_index->reindexFile(QStringLiteral("evil"), QStringLiteral("passwd.log")));
    ok(m_index->reindexFile(QStringLiteral("evil"), QStringLiteral("etcdir/passwd")));
    ok(m_index->reindexTsg(QStringLiteral("evil")));
    ok(m_index->reconcile());
    QVERIFY(hits(QStringLiteral("root")).isEmpty());
    QVERIFY(hits(QStringLiteral("passwd")).isEmpty());
}

void TestSearchIndex::lineNumberOfAHitInA100000LineLog()
{
    makeTsg(QStringLiteral("big"));
    QByteArray lf, crlf;
    for (int line = 1; line <= 100000; ++line) {
        const QByteArray text = line == 73519 ? QByteArray("ERROR host-17 E_QUOTA_EXCEEDED for tenant 42")
            : line == 54321
            ? QByteArray("WARN host-3 slow disk sdq")
            : "INFO host-" + QByteArray::number(line % 50) + " request " + QByteArray::number(line) + " ok";
        lf += "2026-01-01T00:00:00Z " + text + "\n";
        crlf += "2026-01-01T00:00:00Z " + text + "\r\n";
    }
    writeFile(QStringLiteral("big"), QStringLiteral("app.log"), lf);
    writeFile(QStringLiteral("big"), QStringLiteral("win.log"), crlf);
    openIndex();
    auto found = hits(QStringLiteral("E_QUOTA_EXCEEDED"));
    QCOMPARE(found.size(), 2);
    for (const SearchHit &hit : found) {
        QCOMPARE(hit.line, std::optional<int>(73519));
        QCOMPARE(hit.snippet, QStringLiteral("2026-01-01T00:00:00Z ERROR host-17 [[E_QUOTA_EXCEEDED]] for tenant 42"));
    }
    found = hits(QStringLiteral("sdq"));
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].line, std::optional<int>(54321));
    QCOMPARE(found[1].line, std::optional<int>(54321));
    found = hits(QStringLiteral("99999"));
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].line, std::optional<int>(99999));
}

void TestSearchIndex::aRebuildReadsEveryBatchAndLargeFilesAlone()
{
    // More files than one batch holds (1024), batches cut by bytes, and two files over the read-ahead size (8 MiB)
    // next to each other: a rebuild reads the next batch on a second thread, so every file must still land under
    // its own path with its own line numbers.
    for (int t = 0; t < 3; ++t) {
        const QString tsg = QStringLiteral("batch-%1").arg(t);
        makeTsg(tsg);
        for (int f = 0; f < 400; ++f)
            writeFile(tsg, QStringLiteral("notes/n%1.txt").arg(f),
                      QStringLiteral("filler line\nunique%1y%2\n").arg(t).arg(f).toUtf8()
                          + QByteArray("padding words only\n").repeated(f % 130 == 0 ? 160000 : 5));
    }
    for (int b = 0; b < 2; ++b) {
        QByteArray big;
        for (int line = 0; line < 150000; ++line)
            big += "2026-11-01T00:00:00Z INFO host-01 agent: steady state reached\n";
        QVERIFY(big.size() > 8 << 20);
        big += QStringLiteral("tailword%1\n").arg(b).toUtf8();
        writeFile(QStringLiteral("batch-1"), QStringLiteral("logs/big%1.log").arg(b), big);
    }
    openIndex();
    for (int t = 0; t < 3; ++t) {
        for (int f = 0; f < 400; ++f) {
            const auto found = hits(QStringLiteral("unique%1y%2").arg(t).arg(f));
            QCOMPARE(found.size(), 1);
            QCOMPARE(found[0].tsgName, QStringLiteral("batch-%1").arg(t));
            QCOMPARE(found[0].path, QStringLiteral("notes/n%1.txt").arg(f));
            QCOMPARE(found[0].line, 2);
        }
    }
    for (int b = 0; b < 2; ++b) {
        const auto found = hits(QStringLiteral("tailword%1").arg(b));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].path, QStringLiteral("logs/big%1.log").arg(b));
        QCOMPARE(found[0].line, 150001);
    }
    QVERIFY(!m_index->progress().indexing);
}

void TestSearchIndex::searchesWhileANewIndexIsCreatedNeverFail()
{
    // A search that opens the index file in the moment between its creation and its tables must see no index
    // (no hits), not fail with an io error. The moment is short: many fresh builds, as at a start with no index
    // file, searched from a second thread all along, meet it (the benchmark met it once in three starts).
    makeTsg(QStringLiteral("fresh"));
    writeFile(QStringLiteral("fresh"), QStringLiteral("a.txt"), "firstword\n");
    const QString file = m_dir->filePath(QStringLiteral(".tsgdesk/index.sqlite"));
    const IndexReader reader(m_dir->filePath(QStringLiteral("tsgs")), IndexShards::files(file));
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::atomic<int> searches{0};
    QString lastError;
    QMutex gate; // held by each search, and while the index file is removed (never under a running TSG Desk)
    QFuture<void> searcher = QtConcurrent::run([&] {
        while (!stop) {
            QMutexLocker lock(&gate);
            const auto result = reader.search({.query = QStringLiteral("firstword")});
            ++searches;
            if (!result.ok() && failures++ == 0)
                lastError = result.errorMessage();
        }
    });
    for (int i = 0; i < 40; ++i) {
        {
            QMutexLocker lock(&gate);
            m_index.reset(); // closed, as when TSG Desk stops; then started with the index file gone
            for (const QString &shard : IndexShards::files(file))
                for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                    QFile::remove(shard + suffix);
            m_index = std::make_unique<SearchIndex>(m_dir->path());
        }
        ok(m_index->open());
    }
    stop = true;
    searcher.waitForFinished();
    QVERIFY(searches > 0);
    QVERIFY2(
        failures == 0,
        qPrintable(
            QStringLiteral("%1 of %2 searches failed: %3").arg(failures.load()).arg(searches.load()).arg(lastError)));
    QCOMPARE(hits(QStringLiteral("firstword")).size(), 1);
}

void TestSearchIndex::aReconcileIsReportedFromTheMomentItIsAskedFor()
{
    // A reconcile first lists every folder (about a second for 100,000 files) before it knows what to read; a
    // search meanwhile must say that the index is not current, or an empty first answer looks final.
    makeTsg(QStringLiteral("slow"));
    QByteArray big;
    for (int line = 0; line < 150000; ++line)
        big += "2026-11-01T00:00:00Z INFO host-01 agent: steady state reached\n";
    writeFile(QStringLiteral("slow"), QStringLiteral("big.log"), big);
    openIndex();
    QVERIFY(!m_index->progress().indexing);
    QFuture<Status> busy = m_index->reindexTsg(QStringLiteral("slow")); // keeps the index's thread busy a while
    QFuture<Status> scan = m_index->reconcile();                        // queued behind it: nothing listed yet
    const IndexProgress queued = m_index->progress();
    const auto answer = m_index->search({.query = QStringLiteral("steady")});
    QVERIFY2(!busy.isFinished(), "the reindex finished too soon for this test to show anything");
    QVERIFY(queued.indexing);
    QCOMPARE(queued.total, 0);
    QVERIFY(answer.ok());
    QVERIFY(answer->progress.indexing);
    ok(busy);
    ok(scan);
    QVERIFY(!m_index->progress().indexing);
    QVERIFY(!m_index->search({.query = QStringLiteral("steady")})->progress.indexing);
}

// The text is cut from the file on disk for a snippet: the index (with its WAL) holds its words, never its lines,
// which keeps it a fraction of the text's size (bench/search/README.md).
void TestSearchIndex::theIndexKeepsNoCopyOfTheText()
{
    makeTsg(QStringLiteral("kdc"));
    const QByteArray line = "2026-11-02T10:00:00Z ERROR kdc-7 preauthentication failed for principal alice";
    QByteArray log;
    for (int i = 0; i < 200; ++i)
        log +=
            i == 120 ? line + "\n" : "2026-11-02T10:00:00Z INFO kdc-7 ticket granted " + QByteArray::number(i) + "\n";
    writeFile(QStringLiteral("kdc"), QStringLiteral("logs/kdc.log"), log);
    openIndex();
    const auto found = hits(QStringLiteral("preauthentication alice"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].line, std::optional<int>(121));
    QCOMPARE(found[0].snippet,
             QStringLiteral("2026-11-02T10:00:00Z ERROR kdc-7 [[preauthentication]] failed for principal [[alice]]"));
    QByteArray stored;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(m_index->indexFileOf(QStringLiteral("kdc")) + suffix);
        if (file.open(QIODevice::ReadOnly))
            stored += file.readAll();
    }
    QVERIFY(stored.contains("preauthentication")); // the word, in the full-text index
    QVERIFY(!stored.contains("failed for principal"));
    QVERIFY(!stored.contains("ticket granted"));
}

// Only the first IndexReader::kMaxRanked matches of a kind are ranked: more are reported, not hidden.
void TestSearchIndex::aQueryThatMatchesMoreThanIsRankedSaysSo()
{
    makeTsg(QStringLiteral("noisy"));
    QByteArray log;
    const int blocks = IndexReader::kMaxRanked + 10;
    for (int line = 0; line < blocks * 40; ++line)
        log += line % 40 == 7 ? "WARN retrying upstream\n" : "INFO fine\n";
    writeFile(QStringLiteral("noisy"), QStringLiteral("app.log"), log);
    openIndex();
    writeFile(QStringLiteral("noisy"), QStringLiteral("rare.log"), "WARN retrying once\n");
    ok(m_index->reindexFile(QStringLiteral("noisy"), QStringLiteral("rare.log")));
    // Limited to the TSG: its shard ranks the whole kMaxRanked.
    SearchRequest request{.query = QStringLiteral("retrying"), .tsgName = QStringLiteral("noisy"), .limit = 500};
    QSet<int> lines;
    int pages = 0;
    for (;;) {
        const auto page = m_index->search(request);
        QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
        QVERIFY(!page->totalExact);
        QCOMPARE(page->total, IndexReader::kMaxRanked);
        for (const SearchHit &hit : page->hits)
            if (hit.path == QLatin1String("app.log"))
                lines.insert(*hit.line);
        ++pages;
        if (page->cursor.isEmpty())
            break;
        request.cursor = page->cursor;
    }
    QCOMPARE(pages, 2);
    QCOMPARE(lines.size() + 1, IndexReader::kMaxRanked); // the newest file, rare.log, is among those ranked
    const auto rare = m_index->search({.query = QStringLiteral("retrying once")});
    QVERIFY(rare.ok());
    QVERIFY(rare->totalExact);
    QCOMPARE(rare->total, 1);
    // Not limited to a TSG: each shard ranks its equal part.
    const auto all = m_index->search({.query = QStringLiteral("retrying")});
    QVERIFY(all.ok());
    QVERIFY(!all->totalExact);
    QCOMPARE(all->total, IndexReader::kMaxRanked / IndexShards::kCount);
}

// A file that changes leaves its old text rows behind (SQLite 3.40 cannot delete them from a table that keeps no
// text); when they outnumber the rest, the next reconcile rebuilds the index without them.
void TestSearchIndex::rebuildsWhenMostRowsAreOfFilesThatWent()
{
    makeTsg(QStringLiteral("churn"));
    const QByteArray many = QByteArray("w\n").repeated(25000 * 40);
    writeFile(QStringLiteral("churn"), QStringLiteral("big.log"), many);
    openIndex();
    auto dead = [this] {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_index->indexFileOf(QStringLiteral("churn")));
        qint64 n = -1;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'dead'")) && q.next())
                n = q.value(0).toLongLong();
        }
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        return n;
    };
    auto bytesOnDisk = [this] {
        const QString file = m_index->indexFileOf(QStringLiteral("churn"));
        return QFileInfo(file).size() + QFileInfo(file + QStringLiteral("-wal")).size();
    };
    QCOMPARE(dead(), 0);
    const qint64 sizeBefore = bytesOnDisk();
    writeFile(QStringLiteral("churn"), QStringLiteral("big.log"), "just one line now\n");
    ok(m_index->reindexFile(QStringLiteral("churn"), QStringLiteral("big.log")));
    QCOMPARE(dead(), 25000);
    QVERIFY(hits(QStringLiteral("w")).isEmpty()); // the rows left behind are never hits
    ok(m_index->reconcile());
    QCOMPARE(dead(), 0);
    QVERIFY2(bytesOnDisk() < sizeBefore / 2, qPrintable(QStringLiteral("%1 -> %2").arg(sizeBefore).arg(bytesOnDisk())));
    QCOMPARE(hits(QStringLiteral("line")).size(), 1);
    QVERIFY(hits(QStringLiteral("w")).isEmpty());
}

QStringList TestSearchIndex::tsgsIn(const QString &file)
{
    QStringList names;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek-shard"));
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT DISTINCT tsg FROM files ORDER BY tsg")))
                while (q.next())
                    names << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek-shard"));
    return names;
}

QString TestSearchIndex::nameInShard(int shard, const QString &stem)
{
    for (int i = 0;; ++i)
        if (const QString name = QStringLiteral("%1-%2").arg(stem).arg(i); IndexShards::of(name) == shard)
            return name;
}

// The index is split by TSG over two files, written in parallel (a build uses both cores); each holds the rows of
// its own TSGs and nothing of the others, and a search finds the TSGs of both.
void TestSearchIndex::eachShardHoldsItsOwnTsgs()
{
    QStringList expected[IndexShards::kCount];
    for (int i = 0; i < 12; ++i) {
        const QString name = QStringLiteral("team-%1").arg(i);
        makeTsg(name);
        writeFile(name, QStringLiteral("notes.md"), "shared runbook step\n");
        expected[IndexShards::of(name)] << name;
    }
    openIndex();
    for (int shard = 0; shard < IndexShards::kCount; ++shard) {
        QVERIFY2(!expected[shard].isEmpty(), "twelve names all fell into one shard: pick others");
        expected[shard].sort();
        QCOMPARE(tsgsIn(IndexShards::file(m_index->indexFile(), shard)), expected[shard]);
    }
    QCOMPARE(m_index->indexFile(), m_dir->filePath(QStringLiteral(".tsgdesk/index.sqlite")));
    QCOMPARE(hits(QStringLiteral("runbook")).size(), 12);
    // A TSG whose rows are in the other file (as a build that split TSGs otherwise would leave them) leaves it at
    // the next reconcile: found once, not twice.
    const QString stray = expected[0].first();
    const QString other = IndexShards::file(m_index->indexFile(), 1);
    m_index.reset();
    {
        IndexWriter writer(m_dir->filePath(QStringLiteral("tsgs")), other, 1);
        QVERIFY(writer.open().ok());
        QVERIFY(writer.reindexTsg(stray).ok());
    }
    QVERIFY(tsgsIn(other).contains(stray));
    m_index = std::make_unique<SearchIndex>(m_dir->path());
    QCOMPARE(hits(QStringLiteral("runbook")).size(), 13);
    openIndex();
    QVERIFY(!tsgsIn(other).contains(stray));
    QCOMPARE(hits(QStringLiteral("runbook")).size(), 12);
}

void TestSearchIndex::aTsgRenamedIntoTheOtherShardMovesWithIt()
{
    const QString from = nameInShard(0, QStringLiteral("kerberos"));
    const QString to = nameInShard(1, QStringLiteral("kerberos-renamed"));
    makeTsg(from, QStringLiteral("ticket troubles"));
    writeFile(from, QStringLiteral("kdc.log"), "KRB5KDC_ERR_PREAUTH_FAILED for alice\n");
    openIndex();
    QCOMPARE(hits(QStringLiteral("KRB5KDC_ERR_PREAUTH_FAILED")).first().tsgName, from);
    QVERIFY(QFile::rename(tsgDir(from), tsgDir(to)));
    QJsonObject meta = QJsonDocument::fromJson([&] {
                           QFile f(tsgDir(to) + QStringLiteral("/.metadata.json"));
                           return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                       }())
                           .object();
    meta[QStringLiteral("name")] = to;
    writeFile(to, QStringLiteral(".metadata.json"), QJsonDocument(meta).toJson());
    ok(m_index->renameTsg(from, to));
    const auto found = hits(QStringLiteral("KRB5KDC_ERR_PREAUTH_FAILED"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().tsgName, to);
    QCOMPARE(hits(QStringLiteral("troubles")).first().tsgName, to);
    QVERIFY(tsgsIn(IndexShards::file(m_index->indexFile(), 0)).isEmpty());
    QCOMPARE(tsgsIn(IndexShards::file(m_index->indexFile(), 1)), QStringList{to});
}

// Rows dropped by a reconcile (here the file and block rows of 300 files removed by hand; their text rows stay, see
// kSchema) leave pages free in the index file; when they are a fair share of it, the reconcile ends with a VACUUM
// and the file shrinks.
void TestSearchIndex::aReconcileThatFreesMuchOfTheFileGivesItBack()
{
    makeTsg(QStringLiteral("bulky"));
    for (int i = 0; i < 300; ++i)
        writeFile(QStringLiteral("bulky"), QStringLiteral("logs/run-with-a-long-descriptive-name-%1.log").arg(i),
                  QByteArray("line of a log\n").repeated(200));
    openIndex();
    const QString file = m_index->indexFileOf(QStringLiteral("bulky"));
    auto pages = [&file](const char *pragma) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        db.setDatabaseName(file);
        qint64 n = -1;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(pragma))) && q.next())
                n = q.value(0).toLongLong();
        }
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("pages"));
        return n;
    };
    const qint64 before = pages("page_count");
    QVERIFY(QDir(tsgDir(QStringLiteral("bulky")) + QStringLiteral("/logs")).removeRecursively());
    ok(m_index->reconcile());
    QCOMPARE(pages("freelist_count"), 0);
    QVERIFY2(pages("page_count") < before,
             qPrintable(QStringLiteral("%1 -> %2 pages").arg(before).arg(pages("page_count"))));
    QVERIFY(hits(QStringLiteral("descriptive")).isEmpty());
}

QTEST_MAIN(TestSearchIndex)
#include "tst_searchindex.moc"
