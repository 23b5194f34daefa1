// Editing the library: renaming a TSG and changing its description and tags (Library::updateTsg), and deleting
// one file of a TSG to the trash and bringing it back (Library::deleteTsgFile, restoreTsg), seen on disk, in
// config.json, in the signals and across a reopen.
#include "testlibrary.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

// The entries of the tsgs folder, hidden ones included (a rename must leave nothing behind).
QStringList tsgFolders(const TempLibrary &t)
{
    return QDir(t.root() + u"/tsgs"_s).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

std::optional<TsgInfo> infoOf(const TempLibrary &t, const QString &name)
{
    for (const TsgInfo &info : t.lib->tsgs())
        if (info.name == name)
            return info;
    return std::nullopt;
}

void create(TempLibrary &t, const QString &name, const QString &description = {}, const QStringList &tags = {})
{
    const auto created = await(t.lib->createTsg(name, description, tags));
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
}

void upload(TempLibrary &t, const QString &tsg, const QList<std::pair<QString, QByteArray>> &files)
{
    const auto up = await(t.lib->upload(UploadTarget::tsg(tsg), batchOf(files)));
    QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
}

} // namespace

class TestTsgEdit : public QObject {
    Q_OBJECT
private slots:
    void renameMovesFolderFilesAndMetadata();
    void renameOnlyInCase();
    void renameRefusesTakenAndBadNames();
    void updateOfUnknownOrNothingIsRefused();
    void activeTsgFollowsARename();
    void descriptionAndTagsPersistAcrossReopen();
    void renameRefusedWhileAChunkedUploadIsOpen();
    void deleteFileGoesToTrashAndRestores();
    void restoreOfAFileNeverOverwrites();
    void restoreOfAFileIntoARenamedTsg();
    void restoreOfAReplacedFile();
    void deleteFilePathIsConfined();
    void deleteFileNeverFollowsALink();
};

void TestTsgEdit::renameMovesFolderFilesAndMetadata()
{
    TempLibrary t;
    create(t, u"vpn-guide"_s, u"VPN drops"_s, {u"network"_s});
    upload(t, u"vpn-guide"_s, {{u"docs/steps.md"_s, "step one"}});
    const quint64 versionBefore = t.lib->tsgsVersion();
    QSignalSpy renamed(t.lib.get(), &Library::tsgRenamed);
    QSignalSpy changed(t.lib.get(), &Library::tsgsChanged);
    QSignalSpy filesChanged(t.lib.get(), &Library::tsgFilesChanged);

    const auto updated = await(t.lib->updateTsg(u"VPN-GUIDE"_s, {.newName = u"  VPN Guide (2026) "_s}, 5));
    QVERIFY2(updated.ok(), qPrintable(updated.errorMessage()));
    QCOMPARE(updated.value().tsg.name, u"VPN Guide (2026)"_s); // trimmed, as create stores it
    QCOMPARE(updated.value().previousName, u"vpn-guide"_s);
    QCOMPARE(updated.value().tsg.description, u"VPN drops"_s); // untouched

    QCOMPARE(tsgFolders(t), QStringList{u"VPN Guide (2026)"_s});
    QCOMPARE(readAll(t.tsgPath(u"VPN Guide (2026)"_s, u"docs/steps.md"_s)), QByteArray("step one"));
    const QJsonObject meta = readJson(t.tsgPath(u"VPN Guide (2026)"_s, u".metadata.json"_s));
    QCOMPARE(meta.value(u"name").toString(), u"VPN Guide (2026)"_s);
    QCOMPARE(meta.value(u"description").toString(), u"VPN drops"_s);
    QCOMPARE(meta.value(u"tags").toArray(), QJsonArray{u"network"_s});

    QVERIFY(!t.lib->resolveTsg(u"vpn-guide"_s));
    QCOMPARE(t.lib->resolveTsg(u"vpn guide (2026)"_s), u"VPN Guide (2026)"_s);
    QCOMPARE(t.lib->tsgs().size(), 1);
    QCOMPARE(t.lib->tsgs().first().fileCount, 1);
    QVERIFY(t.lib->tsgsVersion() != versionBefore);

    QTRY_COMPARE(renamed.size(), 1);
    QCOMPARE(renamed.first().at(0).toString(), u"vpn-guide"_s);
    QCOMPARE(renamed.first().at(1).toString(), u"VPN Guide (2026)"_s);
    QCOMPARE(renamed.first().at(2).value<Origin>(), Origin(5));
    QTRY_COMPARE(changed.size(), 1);
    QTRY_COMPARE(filesChanged.size(), 1);
    QCOMPARE(filesChanged.first().at(0).toString(), u"VPN Guide (2026)"_s);

    // The files are listed under the new name, and the rename survives a restart.
    const auto files = await(t.lib->tsgFiles(u"VPN Guide (2026)"_s));
    QVERIFY(files.ok());
    QCOMPARE(files.value().size(), 2); // docs and docs/steps.md
    t.reopen();
    QCOMPARE(t.lib->tsgs().size(), 1);
    QCOMPARE(t.lib->tsgs().first().name, u"VPN Guide (2026)"_s);
    QCOMPARE(t.lib->tsgs().first().fileCount, 1);
}

void TestTsgEdit::renameOnlyInCase()
{
    TempLibrary t;
    create(t, u"vpn"_s);
    upload(t, u"vpn"_s, {{u"a.txt"_s, "a"}});
    QSignalSpy renamed(t.lib.get(), &Library::tsgRenamed);
    const auto updated = await(t.lib->updateTsg(u"vpn"_s, {.newName = u"VPN"_s}));
    QVERIFY2(updated.ok(), qPrintable(updated.errorMessage()));
    QCOMPARE(updated.value().tsg.name, u"VPN"_s);
    QCOMPARE(updated.value().previousName, u"vpn"_s);
    QCOMPARE(tsgFolders(t), QStringList{u"VPN"_s}); // no temporary name left behind
    QCOMPARE(readAll(t.tsgPath(u"VPN"_s, u"a.txt"_s)), QByteArray("a"));
    QCOMPARE(readJson(t.tsgPath(u"VPN"_s, u".metadata.json"_s)).value(u"name").toString(), u"VPN"_s);
    QCOMPARE(t.lib->tsgs().first().name, u"VPN"_s);
    QTRY_COMPARE(renamed.size(), 1);

    // The same name again is no rename: nothing moves, no tsgRenamed.
    const auto same = await(t.lib->updateTsg(u"vpn"_s, {.newName = u"VPN"_s}));
    QVERIFY2(same.ok(), qPrintable(same.errorMessage()));
    QVERIFY(!same.value().renamed());
    QCOMPARE(tsgFolders(t), QStringList{u"VPN"_s});
    QCOMPARE(renamed.size(), 1);
}

void TestTsgEdit::renameRefusesTakenAndBadNames()
{
    TempLibrary t;
    create(t, u"alpha"_s, u"first"_s);
    create(t, u"beta"_s);
    upload(t, u"alpha"_s, {{u"a.txt"_s, "a"}});
    QSignalSpy changed(t.lib.get(), &Library::tsgsChanged);

    const auto taken = await(t.lib->updateTsg(u"alpha"_s, {.newName = u"BETA"_s, .description = u"changed"_s}));
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().kind, ErrorKind::Conflict);
    QVERIFY2(taken.error().message.contains(u"beta"_s), qPrintable(taken.error().message));

    for (const QString &bad : {u"ab"_s, u"../evil"_s, u"a/b/c"_s, QString(101, u'x'), u"   "_s}) {
        const auto refused = await(t.lib->updateTsg(u"alpha"_s, {.newName = bad, .description = u"changed"_s}));
        QVERIFY2(!refused.ok(), qPrintable(bad));
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
    }
    // All or nothing: neither the name nor the description changed, on disk or in the list.
    QCOMPARE(tsgFolders(t), (QStringList{u"alpha"_s, u"beta"_s}));
    QCOMPARE(readJson(t.tsgPath(u"alpha"_s, u".metadata.json"_s)).value(u"description").toString(), u"first"_s);
    QCOMPARE(infoOf(t, u"alpha"_s)->description, u"first"_s);
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"a.txt"_s)), QByteArray("a"));
    QCOMPARE(changed.size(), 0);
}

void TestTsgEdit::updateOfUnknownOrNothingIsRefused()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    const auto unknown = await(t.lib->updateTsg(u"nope"_s, {.newName = u"gamma"_s}));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
    QVERIFY(unknown.error().message.contains(u"nope"_s));
    const auto nothing = await(t.lib->updateTsg(u"alpha"_s, {}));
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().kind, ErrorKind::Invalid);
    QCOMPARE(tsgFolders(t), QStringList{u"alpha"_s});
}

void TestTsgEdit::activeTsgFollowsARename()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    create(t, u"beta"_s);
    QVERIFY(await(t.lib->selectTsg(u"alpha"_s)).ok());
    QSignalSpy active(t.lib.get(), &Library::activeTsgChanged);

    // Renaming another TSG leaves the selection alone.
    QVERIFY(await(t.lib->updateTsg(u"beta"_s, {.newName = u"beta2"_s})).ok());
    QCOMPARE(t.lib->activeTsg(), u"alpha"_s);
    QCOMPARE(active.size(), 0);

    QVERIFY(await(t.lib->updateTsg(u"alpha"_s, {.newName = u"gamma"_s}, 9)).ok());
    QCOMPARE(t.lib->activeTsg(), u"gamma"_s);
    QCOMPARE(readJson(t.lib->folder().configFile()).value(u"activeTSG").toString(), u"gamma"_s);
    QTRY_COMPARE(active.size(), 1);
    QCOMPARE(active.first().at(0).value<std::optional<QString>>(), std::optional<QString>(u"gamma"_s));
    QCOMPARE(active.first().at(1).value<Origin>(), Origin(9));

    t.reopen();
    QCOMPARE(t.lib->activeTsg(), u"gamma"_s);
}

void TestTsgEdit::descriptionAndTagsPersistAcrossReopen()
{
    TempLibrary t;
    create(t, u"alpha"_s, u"old"_s, {u"a"_s});
    const QDateTime updatedBefore = infoOf(t, u"alpha"_s)->updatedAt;
    QTest::qWait(5); // updatedAt is in milliseconds: let one go by
    QSignalSpy renamed(t.lib.get(), &Library::tsgRenamed);
    QSignalSpy changed(t.lib.get(), &Library::tsgsChanged);

    const auto described = await(t.lib->updateTsg(u"ALPHA"_s, {.description = u"new text"_s}));
    QVERIFY2(described.ok(), qPrintable(described.errorMessage()));
    QCOMPARE(described.value().tsg.tags, QStringList{u"a"_s}); // tags untouched
    QVERIFY(described.value().tsg.updatedAt > updatedBefore);
    const auto tagged = await(t.lib->updateTsg(u"alpha"_s, {.tags = QStringList{u"vpn"_s, u"dns"_s}}));
    QVERIFY2(tagged.ok(), qPrintable(tagged.errorMessage()));
    QCOMPARE(tagged.value().tsg.description, u"new text"_s);
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(renamed.size(), 0);

    const QJsonObject meta = readJson(t.tsgPath(u"alpha"_s, u".metadata.json"_s));
    QCOMPARE(meta.value(u"description").toString(), u"new text"_s);
    QCOMPARE(meta.value(u"tags").toArray(), (QJsonArray{u"vpn"_s, u"dns"_s}));
    t.reopen();
    const auto info = infoOf(t, u"alpha"_s);
    QVERIFY(info);
    QCOMPARE(info->description, u"new text"_s);
    QCOMPARE(info->tags, (QStringList{u"vpn"_s, u"dns"_s}));
    QCOMPARE(info->updatedAt.toMSecsSinceEpoch(), tagged.value().tsg.updatedAt.toMSecsSinceEpoch());

    // Empty values clear them.
    QVERIFY(await(t.lib->updateTsg(u"alpha"_s, {.description = QString(), .tags = QStringList()})).ok());
    t.reopen();
    QVERIFY(infoOf(t, u"alpha"_s)->description.isEmpty());
    QVERIFY(infoOf(t, u"alpha"_s)->tags.isEmpty());
}

void TestTsgEdit::renameRefusedWhileAChunkedUploadIsOpen()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    const auto begun = await(t.lib->beginUpload(UploadTarget::tsg(u"alpha"_s), {{.path = u"big.txt"_s, .size = 10}}));
    QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));

    const auto refused = await(t.lib->updateTsg(u"alpha"_s, {.newName = u"gamma"_s}));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Busy);
    QVERIFY2(refused.error().message.contains(begun.value().id), qPrintable(refused.error().message));
    QCOMPARE(tsgFolders(t), QStringList{u"alpha"_s});

    // What does not move the TSG is allowed meanwhile; a rename in case only is a rename.
    QVERIFY(await(t.lib->updateTsg(u"alpha"_s, {.description = u"uploading"_s})).ok());
    QCOMPARE(await(t.lib->updateTsg(u"alpha"_s, {.newName = u"ALPHA"_s})).error().kind, ErrorKind::Busy);

    QVERIFY(await(t.lib->abortUpload(begun.value().id)).ok());
    const auto renamed = await(t.lib->updateTsg(u"alpha"_s, {.newName = u"gamma"_s}));
    QVERIFY2(renamed.ok(), qPrintable(renamed.errorMessage()));
    QCOMPARE(tsgFolders(t), QStringList{u"gamma"_s});
}

void TestTsgEdit::deleteFileGoesToTrashAndRestores()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    upload(t, u"alpha"_s, {{u"docs/a.md"_s, "aaaa"}, {u"b.txt"_s, "bb"}});
    QCOMPARE(infoOf(t, u"alpha"_s)->fileCount, 2);
    QCOMPARE(infoOf(t, u"alpha"_s)->size, 6);
    QSignalSpy removed(t.lib.get(), &Library::tsgFilesRemoved);
    QSignalSpy filesChanged(t.lib.get(), &Library::tsgFilesChanged);
    QSignalSpy changed(t.lib.get(), &Library::tsgsChanged);

    const auto deleted = await(t.lib->deleteTsgFile(u"ALPHA"_s, u"docs/a.md"_s, 3));
    QVERIFY2(deleted.ok(), qPrintable(deleted.errorMessage()));
    QCOMPARE(deleted.value().kind, TrashEntry::Kind::File);
    QCOMPARE(deleted.value().tsgName, u"alpha"_s);
    QCOMPARE(deleted.value().path, u"docs/a.md"_s);
    QCOMPARE(deleted.value().size, 4);
    QVERIFY(!QFileInfo::exists(t.tsgPath(u"alpha"_s, u"docs/a.md"_s)));
    QVERIFY(QFileInfo(t.tsgPath(u"alpha"_s, u"docs"_s)).isDir()); // the folder stays
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"b.txt"_s)), QByteArray("bb"));
    QCOMPARE(infoOf(t, u"alpha"_s)->fileCount, 1);
    QCOMPARE(infoOf(t, u"alpha"_s)->size, 2);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(0).toString(), u"alpha"_s);
    QCOMPARE(removed.first().at(1).toStringList(), QStringList{u"docs/a.md"_s});
    QCOMPARE(removed.first().at(2).value<Origin>(), Origin(3));
    QTRY_COMPARE(filesChanged.size(), 1);
    QTRY_COMPARE(changed.size(), 1);

    // In the trash, with its bytes; the listing no longer has it.
    const auto trash = await(t.lib->trash());
    QVERIFY(trash.ok());
    QCOMPARE(trash.value().size(), 1);
    QCOMPARE(trash.value().first().id, deleted.value().id);
    QCOMPARE(readAll(t.root() + u"/.tsgdesk/trash/"_s + deleted.value().id + u"/content"_s), QByteArray("aaaa"));
    const auto files = await(t.lib->tsgFiles(u"alpha"_s));
    QVERIFY(files.ok());
    for (const FileEntry &f : files.value())
        QVERIFY(f.path != u"docs/a.md"_s);

    // Gone twice is not found.
    const auto again = await(t.lib->deleteTsgFile(u"alpha"_s, u"docs/a.md"_s));
    QCOMPARE(again.error().kind, ErrorKind::NotFound);

    // Restored: the bytes back at the path, the counts back, the entry gone; a restart agrees.
    const auto restored = await(t.lib->restoreTsg(deleted.value().id));
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QCOMPARE(restored.value().name, u"alpha"_s);
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"docs/a.md"_s)), QByteArray("aaaa"));
    QCOMPARE(infoOf(t, u"alpha"_s)->fileCount, 2);
    QCOMPARE(infoOf(t, u"alpha"_s)->size, 6);
    QTRY_COMPARE(filesChanged.size(), 2);
    QVERIFY(await(t.lib->trash()).value().isEmpty());
    t.reopen();
    QCOMPARE(infoOf(t, u"alpha"_s)->fileCount, 2);
}

void TestTsgEdit::restoreOfAFileNeverOverwrites()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    upload(t, u"alpha"_s, {{u"a.txt"_s, "old"}});
    const auto deleted = await(t.lib->deleteTsgFile(u"alpha"_s, u"a.txt"_s));
    QVERIFY(deleted.ok());
    upload(t, u"alpha"_s, {{u"A.TXT"_s, "new"}}); // the same name in another case

    const auto refused = await(t.lib->restoreTsg(deleted.value().id));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"A.TXT"_s)), QByteArray("new"));
    QVERIFY(!QFileInfo::exists(t.tsgPath(u"alpha"_s, u"a.txt"_s)));
    QCOMPARE(await(t.lib->trash()).value().size(), 1); // still there to try again

    QVERIFY(await(t.lib->deleteTsgFile(u"alpha"_s, u"A.TXT"_s)).ok());
    QVERIFY(await(t.lib->restoreTsg(deleted.value().id)).ok());
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"a.txt"_s)), QByteArray("old"));
}

void TestTsgEdit::restoreOfAFileIntoARenamedTsg()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    upload(t, u"alpha"_s, {{u"deep/er/a.txt"_s, "a"}});
    const auto deleted = await(t.lib->deleteTsgFile(u"alpha"_s, u"deep/er/a.txt"_s));
    QVERIFY(deleted.ok());
    QVERIFY(QDir(t.tsgPath(u"alpha"_s, u"deep"_s)).removeRecursively()); // its folders gone too
    QVERIFY(await(t.lib->updateTsg(u"alpha"_s, {.newName = u"gamma"_s})).ok());

    const auto lost = await(t.lib->restoreTsg(deleted.value().id));
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().kind, ErrorKind::NotFound);
    const auto restored = await(t.lib->restoreTsg(deleted.value().id, u"GAMMA"_s));
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QCOMPARE(restored.value().name, u"gamma"_s);
    QCOMPARE(readAll(t.tsgPath(u"gamma"_s, u"deep/er/a.txt"_s)), QByteArray("a"));
}

void TestTsgEdit::restoreOfAReplacedFile()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    upload(t, u"alpha"_s, {{u"a.txt"_s, "v1"}});
    upload(t, u"alpha"_s, {{u"a.txt"_s, "v2"}}); // v1 to the trash
    const auto trash = await(t.lib->trash());
    QVERIFY(trash.ok());
    QCOMPARE(trash.value().size(), 1);
    const QString id = trash.value().first().id;
    // Its place is taken by v2: refused until v2 is deleted, then v1 comes back.
    QCOMPARE(await(t.lib->restoreTsg(id)).error().kind, ErrorKind::Conflict);
    QVERIFY(await(t.lib->deleteTsgFile(u"alpha"_s, u"a.txt"_s)).ok());
    QVERIFY(await(t.lib->restoreTsg(id)).ok());
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"a.txt"_s)), QByteArray("v1"));
    // The digest of v2 is not shown for v1.
    const auto files = await(t.lib->tsgFiles(u"alpha"_s));
    QVERIFY(files.ok());
    QCOMPARE(files.value().size(), 1);
    QVERIFY(files.value().first().sha256 != sha256Hex("v2"));
}

void TestTsgEdit::deleteFilePathIsConfined()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    create(t, u"beta"_s);
    upload(t, u"alpha"_s, {{u"docs/a.md"_s, "a"}});
    upload(t, u"beta"_s, {{u"x.txt"_s, "beta's"}});
    QVERIFY(writeFile(t.root() + u"/x.txt"_s, "outside"));

    for (const QString &bad : {u"../x.txt"_s, u"../beta/x.txt"_s, u"docs/../../beta/x.txt"_s, u"/etc/hostname"_s,
                               u"docs\\a.md"_s, u"./docs/a.md"_s, u".metadata.json"_s, u""_s, u"docs/"_s}) {
        const auto refused = await(t.lib->deleteTsgFile(u"alpha"_s, bad));
        QVERIFY2(!refused.ok(), qPrintable(bad));
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
    }
    const auto folder = await(t.lib->deleteTsgFile(u"alpha"_s, u"docs"_s));
    QCOMPARE(folder.error().kind, ErrorKind::Invalid);
    QVERIFY2(folder.error().message.contains(u"folder"_s), qPrintable(folder.error().message));
    QCOMPARE(await(t.lib->deleteTsgFile(u"alpha"_s, u"docs/missing.md"_s)).error().kind, ErrorKind::NotFound);
    QCOMPARE(await(t.lib->deleteTsgFile(u"alpha"_s, u"nowhere/a.md"_s)).error().kind, ErrorKind::NotFound);
    QCOMPARE(await(t.lib->deleteTsgFile(u"alpha"_s, u"docs/a.md/more"_s)).error().kind, ErrorKind::NotFound);
    QCOMPARE(await(t.lib->deleteTsgFile(u"nope"_s, u"docs/a.md"_s)).error().kind, ErrorKind::NotFound);

    QCOMPARE(readAll(t.root() + u"/x.txt"_s), QByteArray("outside"));
    QCOMPARE(readAll(t.tsgPath(u"beta"_s, u"x.txt"_s)), QByteArray("beta's"));
    QCOMPARE(readAll(t.tsgPath(u"alpha"_s, u"docs/a.md"_s)), QByteArray("a"));
    QVERIFY(QFileInfo::exists(t.tsgPath(u"alpha"_s, u".metadata.json"_s)));
    QVERIFY(await(t.lib->trash()).value().isEmpty());
}

void TestTsgEdit::deleteFileNeverFollowsALink()
{
    TempLibrary t;
    create(t, u"alpha"_s);
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.path() + u"/secret.txt"_s, "secret"));
    QVERIFY(QFile::link(outside.path() + u"/secret.txt"_s, t.tsgPath(u"alpha"_s, u"link.txt"_s)));
    QVERIFY(QFile::link(outside.path(), t.tsgPath(u"alpha"_s, u"linkdir"_s)));

    const auto file = await(t.lib->deleteTsgFile(u"alpha"_s, u"link.txt"_s));
    QVERIFY(!file.ok());
    QCOMPARE(file.error().kind, ErrorKind::Invalid);
    QVERIFY2(file.error().message.contains(u"symbolic link"_s), qPrintable(file.error().message));
    const auto through = await(t.lib->deleteTsgFile(u"alpha"_s, u"linkdir/secret.txt"_s));
    QVERIFY(!through.ok());
    QCOMPARE(through.error().kind, ErrorKind::Invalid);

    QCOMPARE(readAll(outside.path() + u"/secret.txt"_s), QByteArray("secret"));
    QVERIFY(QFileInfo(t.tsgPath(u"alpha"_s, u"link.txt"_s)).isSymLink());
    QVERIFY(QFileInfo(t.tsgPath(u"alpha"_s, u"linkdir"_s)).isSymLink());
    QVERIFY(await(t.lib->trash()).value().isEmpty());
}

QTEST_GUILESS_MAIN(TestTsgEdit)
#include "tst_tsgedit.moc"
