// The seed's Step 7 cleanup, with ages set in the past: idle sessions go, sessions in use stay, the
// trash and abandoned staging are purged when auto-cleanup is on, live TSG content is never touched.
#include "testlibrary.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <sys/stat.h>
#include <utime.h>

using namespace testing;
using namespace tsg;

namespace {

void ageTrashEntry(const QString &trashDir, const QString &id, int hours)
{
    const QString path = trashDir + u'/' + id + u"/entry.json"_qs;
    QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
    o.insert(QStringLiteral("deletedAt"),
             QDateTime::currentDateTimeUtc().addSecs(-hours * 3600).toString(Qt::ISODateWithMs));
    QVERIFY(writeFile(path, QJsonDocument(o).toJson()));
}

} // namespace

class TestCleanupService : public QObject {
    Q_OBJECT
private slots:
    void removesIdleSessionsOnly();
    void purgesOldTrashAndStagingWhenEnabled();
    void keepsEverythingWhenDisabled();
    void runsOnTimerAndReportsStatus();
};

void TestCleanupService::removesIdleSessionsOnly()
{
    TempLibrary t;
    for (const char *id : {"old-idle", "old-busy", "fresh"})
        QVERIFY(await(t.lib->upload(UploadTarget::session(QString::fromLatin1(id)),
                                    batchOf({{QStringLiteral("a.log"), "a"}})))
                    .ok());
    QVERIFY(t.ageSession(QStringLiteral("old-idle"), 25));
    QVERIFY(t.ageSession(QStringLiteral("old-busy"), 25));
    t.lib->markSessionInUse(QStringLiteral("old-busy"), true);
    QVERIFY(await(t.lib->createTsg(QStringLiteral("live-guide"))).ok());
    QVERIFY(
        await(t.lib->upload(UploadTarget::tsg(QStringLiteral("live-guide")), batchOf({{QStringLiteral("a.md"), "x"}})))
            .ok());
    QVERIFY(await(t.lib->selectTsg(QStringLiteral("live-guide"))).ok());

    const CleanupReport report = await(t.lib->runCleanupNow());
    QCOMPARE(report.removedSessions, QStringList{QStringLiteral("old-idle")});
    QCOMPARE(report.sessionsRemoved, 1);
    QVERIFY(report.bytesFreed >= 1);
    QVERIFY(!QFileInfo::exists(t.root() + u"/sessions/old-idle"_qs));
    QVERIFY(QFileInfo::exists(t.root() + u"/sessions/old-busy/files/a.log"_qs));
    QVERIFY(QFileInfo::exists(t.root() + u"/sessions/fresh/files/a.log"_qs));
    QCOMPARE(readAll(t.tsgPath(QStringLiteral("live-guide"), QStringLiteral("a.md"))), QByteArray("x"));
    QCOMPARE(t.lib->cleanupStatus().last.sessionsRemoved, 1);
}

void TestCleanupService::purgesOldTrashAndStagingWhenEnabled()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("old-deleted"))).ok());
    QVERIFY(await(t.lib->createTsg(QStringLiteral("new-deleted"))).ok());
    const auto oldEntry = await(t.lib->deleteTsg(QStringLiteral("old-deleted")));
    const auto newEntry = await(t.lib->deleteTsg(QStringLiteral("new-deleted")));
    ageTrashEntry(t.lib->folder().trashDir(), oldEntry.value().id, 169);
    // Staging abandoned long ago (mtime 200 h back) and staging in use right now.
    const QString stale = t.lib->folder().stagingDir() + u"/batch-stale"_qs;
    QVERIFY(writeFile(stale + u"/f0"_qs, QByteArray(10, 's')));
    const struct utimbuf old {
        ::time(nullptr) - 200 * 3600, ::time(nullptr) - 200 * 3600
    };
    QCOMPARE(::utime(QFile::encodeName(stale).constData(), &old), 0);
    QVERIFY(writeFile(t.lib->folder().stagingDir() + u"/batch-live/f0"_qs, "l"));

    const CleanupReport report = await(t.lib->runCleanupNow());
    QCOMPARE(report.trashEntriesPurged, 1);
    QCOMPARE(report.stagingRemoved, 1);
    QVERIFY(!QFileInfo::exists(t.lib->folder().trashDir() + u'/' + oldEntry.value().id));
    QVERIFY(QFileInfo::exists(t.lib->folder().trashDir() + u'/' + newEntry.value().id));
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(t.lib->folder().stagingDir() + u"/batch-live/f0"_qs));
    QVERIFY(report.errors.isEmpty());
}

void TestCleanupService::keepsEverythingWhenDisabled()
{
    TempLibrary t;
    QVERIFY(await(t.lib->updateConfig([](Config &c) { c.tsg.autoCleanupEnabled = false; })).ok());
    QVERIFY(await(t.lib->createTsg(QStringLiteral("deleted-long-ago"))).ok());
    const auto entry = await(t.lib->deleteTsg(QStringLiteral("deleted-long-ago")));
    ageTrashEntry(t.lib->folder().trashDir(), entry.value().id, 10000);
    const CleanupReport report = await(t.lib->runCleanupNow());
    QCOMPARE(report.trashEntriesPurged, 0);
    QVERIFY(QFileInfo::exists(t.lib->folder().trashDir() + u'/' + entry.value().id));
    QCOMPARE(t.lib->cleanupStatus().enabled, false);
}

void TestCleanupService::runsOnTimerAndReportsStatus()
{
    TempLibrary t;
    QSignalSpy finished(t.lib.get(), &Library::cleanupFinished);
    t.lib->startCleanup(100);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 3, 5000); // once at start, then on the timer
    const CleanupStatus status = t.lib->cleanupStatus();
    QVERIFY(status.lastRun.isValid());
    QVERIFY(status.nextRun.isValid());
    QVERIFY(!status.running);
    t.lib->stopCleanup();
}

QTEST_GUILESS_MAIN(TestCleanupService)
#include "tst_cleanupservice.moc"
