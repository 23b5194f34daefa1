// The shared model through its public interface: the seed's Step 8 tests adapted, metadata, the
// active TSG, trash and restore, uploads (all or nothing, replace, collisions) and sessions.
#include "testlibrary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

class TestLibrary : public QObject {
    Q_OBJECT
private slots:
    void createsTsgWithMetadata();
    void createRefusesExistingNameInAnyCase();
    void createRefusesHostileNames();
    void uploadsFilesWithFolders();
    void listCountsFilesNotFolders();
    void uploadIntoMissingTsgIsAnError();
    void invalidBatchWritesNothing();
    void replacedFileGoesToTrash();
    void collisionOnCaseIsRefused();
    void deleteMovesToTrashAndRestores();
    void restoreUnderNewNameWhenReused();
    void deletingActiveTsgClearsIt();
    void selectPersistsAndRejectsUnknown();
    void changesAreSignalledWithOrigin();
    void sessionUploadsKeepBothNames();
    void sessionUploadsKeepBothLongestNames();
    void longestPathIsStoredAndListed();
    void sessionLimitsCountWholeContent();
    void sessionIdsAreChecked();
    void uploadProgressReachesTotal();
};

void TestLibrary::createsTsgWithMetadata()
{
    TempLibrary t;
    const auto created = await(
        t.lib->createTsg(QStringLiteral("test-tsg-123"), QStringLiteral("Test TSG"), {QStringLiteral("network")}));
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    const QJsonObject meta =
        QJsonDocument::fromJson(readAll(t.tsgPath(QStringLiteral("test-tsg-123"), QStringLiteral(".metadata.json"))))
            .object();
    QCOMPARE(meta.value(u"name").toString(), QStringLiteral("test-tsg-123"));
    QCOMPARE(meta.value(u"description").toString(), QStringLiteral("Test TSG"));
    QCOMPARE(meta.value(u"tags").toArray().first().toString(), QStringLiteral("network"));
    const QDateTime createdAt = QDateTime::fromString(meta.value(u"createdAt").toString(), Qt::ISODateWithMs);
    QVERIFY(qAbs(createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(t.lib->tsgs().size(), 1);
    QCOMPARE(t.lib->tsgs().first().createdAt, created.value().createdAt);

    // The real createdAt survives a restart (read back from disk, not invented).
    QTest::qWait(20);
    t.reopen();
    QCOMPARE(t.lib->tsgs().first().createdAt.toMSecsSinceEpoch(), created.value().createdAt.toMSecsSinceEpoch());
    QCOMPARE(t.lib->tsgs().first().description, QStringLiteral("Test TSG"));
}

void TestLibrary::createRefusesExistingNameInAnyCase()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("Network Outage"))).ok());
    const auto again = await(t.lib->createTsg(QStringLiteral("network outage")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY2(again.error().message.contains(u"already exists"), qPrintable(again.error().message));
    // NFD spelling of an NFC name is the same TSG.
    QVERIFY(await(t.lib->createTsg(QStringLiteral("caf\u00e9 issues"))).ok());
    QVERIFY(!await(t.lib->createTsg(QStringLiteral("cafe\u0301 issues"))).ok());
    QCOMPARE(t.lib->tsgs().size(), 2);
}

void TestLibrary::createRefusesHostileNames()
{
    TempLibrary t;
    for (const QString &name : {QStringLiteral("../x"), QStringLiteral("a/b"), QStringLiteral(".."),
                                QStringLiteral("ab"), QStringLiteral("CON"), QStringLiteral(".hidden")}) {
        const auto r = await(t.lib->createTsg(name));
        QVERIFY2(!r.ok(), qPrintable(name));
    }
    QCOMPARE(QDir(t.root()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).contains(u"x"_qs), false);
    QCOMPARE(QDir(t.root() + u"/tsgs"_qs).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 0);
    const auto shortName = await(t.lib->createTsg(QStringLiteral("ab")));
    QVERIFY(shortName.error().message.contains(u"between 3 and 100 characters"));
}

void TestLibrary::uploadsFilesWithFolders()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("test-tsg-123"))).ok());
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("test-tsg-123")),
                                        batchOf({{QStringLiteral("docs/guide.md"), "# Guide\nContent"},
                                                 {QStringLiteral("logs/error.log"), "Error log content"}})));
    QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    QCOMPARE(readAll(t.tsgPath(QStringLiteral("test-tsg-123"), QStringLiteral("docs/guide.md"))),
             QByteArray("# Guide\nContent"));
    const auto files = await(t.lib->tsgFiles(QStringLiteral("test-tsg-123")));
    QVERIFY(files.ok());
    QCOMPARE(files.value().size(), 4); // 2 files + 2 directories, as the seed's test says
    const auto guide = std::find_if(files.value().begin(), files.value().end(),
                                    [](const FileEntry &f) { return f.name == u"guide.md"; });
    QVERIFY(guide != files.value().end());
    QCOMPARE(guide->path, QStringLiteral("docs/guide.md"));
    QCOMPARE(guide->type, QStringLiteral("markdown"));
    QCOMPARE(guide->size, 15);
    // The expected digest comes from QCryptographicHash, not from the code under test (tsg::Sha256).
    QCOMPARE(guide->sha256, sha256Hex(QByteArrayLiteral("# Guide\nContent")));
    const auto docs =
        std::find_if(files.value().begin(), files.value().end(), [](const FileEntry &f) { return f.name == u"docs"; });
    QVERIFY(docs->isDirectory);
    // No staging is left behind.
    QCOMPARE(QDir(t.lib->folder().stagingDir()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

void TestLibrary::listCountsFilesNotFolders()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("counting"))).ok());
    const QDateTime before = t.lib->tsgs().first().updatedAt;
    QTest::qWait(5);
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("counting")),
                                batchOf({{QStringLiteral("a/b/c.txt"), "123"}, {QStringLiteral("d.log"), "4567"}})))
                .ok());
    const TsgInfo info = t.lib->tsgs().first();
    QCOMPARE(info.fileCount, 2);
    QCOMPARE(info.size, 7);
    QVERIFY(info.updatedAt > before);
    t.reopen(); // the index rebuilt from disk agrees
    QCOMPARE(t.lib->tsgs().first().fileCount, 2);
    QCOMPARE(t.lib->tsgs().first().size, 7);
}

void TestLibrary::uploadIntoMissingTsgIsAnError()
{
    TempLibrary t;
    const auto up =
        await(t.lib->upload(UploadTarget::tsg(QStringLiteral("nowhere")), batchOf({{QStringLiteral("a.md"), "x"}})));
    QVERIFY(!up.ok());
    QCOMPARE(up.error().kind, ErrorKind::NotFound);
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("nowhere"))));
}

void TestLibrary::invalidBatchWritesNothing()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("strict"))).ok());
    const auto up = await(t.lib->upload(UploadTarget::tsg(QStringLiteral("strict")),
                                        batchOf({{QStringLiteral("ok.md"), "fine"},
                                                 {QStringLiteral("tool.exe"), "MZ"},
                                                 {QStringLiteral("../../escape.md"), "x"}})));
    QVERIFY(!up.ok());
    // Every problem is reported, not only the first.
    QVERIFY2(up.error().message.contains(u"is not allowed") && up.error().message.contains(u"Invalid file path"),
             qPrintable(up.error().message));
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("strict"), QStringLiteral("ok.md"))));
    QVERIFY(!QFileInfo::exists(t.root() + u"/escape.md"_qs));
    QCOMPARE(t.lib->tsgs().first().fileCount, 0);
}

void TestLibrary::replacedFileGoesToTrash()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("replace"))).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("replace")),
                                batchOf({{QStringLiteral("notes.md"), "v1"}})))
                .ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("replace")),
                                batchOf({{QStringLiteral("notes.md"), "version 2"}})))
                .ok());
    QCOMPARE(readAll(t.tsgPath(QStringLiteral("replace"), QStringLiteral("notes.md"))), QByteArray("version 2"));
    QCOMPARE(t.lib->tsgs().first().fileCount, 1);
    QCOMPARE(t.lib->tsgs().first().size, 9);
    const auto trash = await(t.lib->trash());
    QVERIFY(trash.ok());
    QCOMPARE(trash.value().size(), 1);
    QCOMPARE(trash.value().first().kind, TrashEntry::Kind::File);
    QCOMPARE(trash.value().first().path, QStringLiteral("notes.md"));
    QCOMPARE(readAll(t.lib->folder().trashDir() + u'/' + trash.value().first().id + u"/content"_qs), QByteArray("v1"));
}

void TestLibrary::collisionOnCaseIsRefused()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("casing"))).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("casing")),
                                batchOf({{QStringLiteral("Docs/Guide.md"), "a"}})))
                .ok());
    const auto clash = await(
        t.lib->upload(UploadTarget::tsg(QStringLiteral("casing")), batchOf({{QStringLiteral("docs/other.md"), "b"}})));
    QVERIFY(!clash.ok());
    QVERIFY2(clash.error().message.contains(u"Docs"), qPrintable(clash.error().message));
    const auto clash2 = await(
        t.lib->upload(UploadTarget::tsg(QStringLiteral("casing")), batchOf({{QStringLiteral("Docs/GUIDE.md"), "b"}})));
    QVERIFY(!clash2.ok());
    QVERIFY2(clash2.error().message.contains(u"Docs/Guide.md"), qPrintable(clash2.error().message));
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("casing"), QStringLiteral("docs"))));
    QCOMPARE(readAll(t.tsgPath(QStringLiteral("casing"), QStringLiteral("Docs/Guide.md"))), QByteArray("a"));
}

void TestLibrary::deleteMovesToTrashAndRestores()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("test-tsg-123"))).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("test-tsg-123")),
                                batchOf({{QStringLiteral("a.md"), "keep me"}})))
                .ok());
    const auto deleted = await(t.lib->deleteTsg(QStringLiteral("test-tsg-123")));
    QVERIFY2(deleted.ok(), qPrintable(deleted.errorMessage()));
    QVERIFY(t.lib->tsgs().isEmpty());
    QVERIFY(!QFileInfo::exists(t.tsgPath(QStringLiteral("test-tsg-123"))));
    const auto restored = await(t.lib->restoreTsg(deleted.value().id));
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QCOMPARE(restored.value().name, QStringLiteral("test-tsg-123"));
    QCOMPARE(readAll(t.tsgPath(QStringLiteral("test-tsg-123"), QStringLiteral("a.md"))), QByteArray("keep me"));
    QCOMPARE(t.lib->tsgs().first().fileCount, 1);
    QVERIFY(await(t.lib->trash()).value().isEmpty());
    QVERIFY(!await(t.lib->deleteTsg(QStringLiteral("no-such-tsg"))).ok());
}

void TestLibrary::restoreUnderNewNameWhenReused()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("reused"))).ok());
    const auto deleted = await(t.lib->deleteTsg(QStringLiteral("reused")));
    QVERIFY(await(t.lib->createTsg(QStringLiteral("reused"))).ok());
    const auto restored = await(t.lib->restoreTsg(deleted.value().id));
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QVERIFY(restored.value().name != u"reused");
    QVERIFY(restored.value().name.startsWith(u"reused"));
    QCOMPARE(t.lib->tsgs().size(), 2);
    const QJsonObject meta =
        QJsonDocument::fromJson(readAll(t.tsgPath(restored.value().name, QStringLiteral(".metadata.json")))).object();
    QCOMPARE(meta.value(u"name").toString(), restored.value().name);
}

void TestLibrary::deletingActiveTsgClearsIt()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("active-one"))).ok());
    QVERIFY(await(t.lib->selectTsg(QStringLiteral("active-one"))).ok());
    QCOMPARE(t.lib->activeTsg(), std::optional<QString>(QStringLiteral("active-one")));
    QVERIFY(await(t.lib->deleteTsg(QStringLiteral("active-one"))).ok());
    QCOMPARE(t.lib->activeTsg(), std::nullopt);
    const QJsonObject config = QJsonDocument::fromJson(readAll(t.root() + u"/config.json"_qs)).object();
    QVERIFY(config.value(u"activeTSG").isNull());
}

void TestLibrary::selectPersistsAndRejectsUnknown()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("Pick Me"))).ok());
    const auto picked = await(t.lib->selectTsg(QStringLiteral("pick me")));
    QVERIFY(picked.ok());
    QCOMPARE(picked.value(), std::optional<QString>(QStringLiteral("Pick Me"))); // stored spelling
    QCOMPARE(QJsonDocument::fromJson(readAll(t.root() + u"/config.json"_qs)).object().value(u"activeTSG").toString(),
             QStringLiteral("Pick Me"));
    t.reopen();
    QCOMPARE(t.lib->activeTsg(), std::optional<QString>(QStringLiteral("Pick Me")));
    const auto unknown = await(t.lib->selectTsg(QStringLiteral("ghost")));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
    QCOMPARE(t.lib->activeTsg(), std::optional<QString>(QStringLiteral("Pick Me")));
    QVERIFY(await(t.lib->selectTsg(std::nullopt)).ok());
    QCOMPARE(t.lib->activeTsg(), std::nullopt);
}

void TestLibrary::changesAreSignalledWithOrigin()
{
    TempLibrary t;
    QSignalSpy tsgs(t.lib.get(), &Library::tsgsChanged);
    QSignalSpy files(t.lib.get(), &Library::tsgFilesChanged);
    QSignalSpy landed(t.lib.get(), &Library::uploadLanded);
    QVERIFY(await(t.lib->createTsg(QStringLiteral("signals"), {}, {}, 42)).ok());
    QTRY_COMPARE(tsgs.size(), 1);
    QCOMPARE(tsgs.first().first().value<Origin>(), Origin(42));
    QVERIFY(
        await(t.lib->upload(UploadTarget::tsg(QStringLiteral("signals")), batchOf({{QStringLiteral("x.md"), "x"}}), 7))
            .ok());
    QTRY_COMPARE(files.size(), 1);
    QCOMPARE(files.first().at(0).toString(), QStringLiteral("signals"));
    QCOMPARE(files.first().at(1).value<Origin>(), Origin(7));
    QTRY_COMPARE(landed.size(), 1);
    QCOMPARE(landed.first().at(2).toInt(), 1);
}

void TestLibrary::sessionUploadsKeepBothLongestNames()
{
    // A name at the 255-byte limit, uploaded twice: the second copy's name must still fit the file system. One
    // stem of ASCII, one of 3-byte and 4-byte characters (a cut must not split one).
    const QString ascii = QString(251, u'a') + u".log"_s;
    const QString wide = QString(83, QChar(0x4e2d)) + u".log"_s;                     // 249 + 4 bytes
    const QString emoji = QString::fromUcs4(U"\U0001F600").repeated(62) + u".log"_s; // 248 + 4 bytes
    for (const QString &name : {ascii, wide, emoji}) {
        QVERIFY(name.toUtf8().size() <= 255);
        TempLibrary t;
        const QString sid = QStringLiteral("sess-1");
        for (const QByteArray &content : {QByteArray("one"), QByteArray("two"), QByteArray("three")}) {
            auto stored = await(t.lib->upload(UploadTarget::session(sid), batchOf({{name, content}})));
            QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
            const QString storedName = stored.value().stored.first().name;
            QVERIFY2(storedName.toUtf8().size() <= 255, qPrintable(storedName));
            QVERIFY(storedName.endsWith(u".log"_s));
            QVERIFY(storedName.isValidUtf16());
            QCOMPARE(readAll(stored.value().stored.first().path), content);
        }
        const auto info = await(t.lib->session(sid));
        QVERIFY(info.ok());
        QCOMPARE(info.value().fileCount, 3);
    }
}

void TestLibrary::longestPathIsStoredAndListed()
{
    // 15 folders of 255 bytes, one of 240 and a file name of 15, with their 16 slashes: 4096 bytes, the longest
    // relative path the rules accept.
    QStringList parts;
    for (int i = 0; i < 15; ++i)
        parts << QString(255, QChar(u'a' + i));
    parts << QString(240, u'y') << QString(11, u'z') + u".log"_s;
    const QString path = parts.join(u'/');
    QCOMPARE(path.toUtf8().size(), 4096);
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(u"deep"_s)).ok());
    const auto stored = await(t.lib->upload(UploadTarget::tsg(u"deep"_s), batchOf({{path, "bottom"}})));
    QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
    const auto files = await(t.lib->tsgFiles(u"deep"_s));
    QVERIFY2(files.ok(), qPrintable(files.errorMessage()));
    QStringList paths;
    for (const auto &f : files.value())
        paths << f.path;
    QVERIFY2(paths.contains(path), qPrintable(paths.join(u", ")));
    const auto read = await(t.lib->readTsgFile(u"deep"_s, path, {}));
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(read.value().bytes, QByteArray("bottom"));
}

void TestLibrary::sessionUploadsKeepBothNames()
{
    TempLibrary t;
    const QString sid = QStringLiteral("sess-1");
    auto first = await(t.lib->upload(UploadTarget::session(sid), batchOf({{QStringLiteral("app.log"), "one"}})));
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    auto second = await(t.lib->upload(UploadTarget::session(sid), batchOf({{QStringLiteral("app.log"), "two"}})));
    QVERIFY(second.ok());
    QCOMPARE(second.value().stored.first().name, QStringLiteral("app (2).log"));
    QCOMPARE(readAll(t.root() + u"/sessions/sess-1/files/app.log"_qs), QByteArray("one"));
    QCOMPARE(readAll(second.value().stored.first().path), QByteArray("two"));
    const auto info = await(t.lib->session(sid));
    QVERIFY(info.ok());
    QCOMPARE(info.value().fileUploadCount, 2);
    QCOMPARE(info.value().fileCount, 2);
    QCOMPARE(info.value().uploadedFiles, QStringList({QStringLiteral("app (2).log"), QStringLiteral("app.log")}));
    QVERIFY(info.value().createdAt.isValid() && info.value().lastActivity >= info.value().createdAt);
    QCOMPARE(await(t.lib->sessions()).value().size(), 1);
    QVERIFY(await(t.lib->deleteSession(sid)).ok());
    QVERIFY(!QFileInfo::exists(t.root() + u"/sessions/sess-1"_qs));
}

void TestLibrary::sessionLimitsCountWholeContent()
{
    TempLibrary t;
    QVERIFY(await(t.lib->updateConfig([](Config &c) { c.session.maxFilesPerSession = 3; })).ok());
    QVERIFY(await(t.lib->upload(UploadTarget::session(QStringLiteral("s")),
                                batchOf({{QStringLiteral("a.log"), "a"}, {QStringLiteral("b.log"), "b"}})))
                .ok());
    const auto over = await(t.lib->upload(UploadTarget::session(QStringLiteral("s")),
                                          batchOf({{QStringLiteral("c.log"), "c"}, {QStringLiteral("d.log"), "d"}})));
    QVERIFY(!over.ok());
    QVERIFY2(over.error().message.contains(u"Too many files"), qPrintable(over.error().message));
    QCOMPARE(await(t.lib->sessionFiles(QStringLiteral("s"))).value().size(), 2);
}

void TestLibrary::sessionIdsAreChecked()
{
    TempLibrary t;
    for (const QString &id :
         {QStringLiteral("../x"), QStringLiteral("a/b"), QString(), QString(129, u'a'), QStringLiteral("a b")}) {
        const auto r = await(t.lib->upload(UploadTarget::session(id), batchOf({{QStringLiteral("a.log"), "a"}})));
        QVERIFY2(!r.ok(), qPrintable(id));
    }
    QCOMPARE(QDir(t.root() + u"/sessions"_qs).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
    const auto badName =
        await(t.lib->upload(UploadTarget::session(QStringLiteral("ok")), batchOf({{QStringLiteral("../a.log"), "a"}})));
    QVERIFY(!badName.ok());
}

void TestLibrary::uploadProgressReachesTotal()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("progress"))).ok());
    auto batch =
        batchOf({{QStringLiteral("a.log"), QByteArray(3 << 20, 'a')}, {QStringLiteral("b.log"), QByteArray(5, 'b')}});
    QMutex m;
    QList<UploadProgress> seen;
    batch->onProgress = [&](const UploadProgress &p) {
        QMutexLocker l(&m);
        seen << p;
    };
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(QStringLiteral("progress")), batch)).ok());
    QVERIFY(seen.size() >= 3);
    QCOMPARE(seen.first().bytesProcessed, 0);
    QCOMPARE(seen.last().processed, 2);
    QCOMPARE(seen.last().total, 2);
    QCOMPARE(seen.last().bytesProcessed, (3 << 20) + 5);
    QCOMPARE(seen.last().bytesTotal, (3 << 20) + 5);
}

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
