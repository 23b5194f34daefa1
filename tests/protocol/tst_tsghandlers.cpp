// The TSG messages (Handlers::addTsgHandlers) over a real library in a temporary data folder, without a socket:
// the replies and their order, the error codes, and what each message changes on disk.
#include "testlibrary.h"

#include "handlers.h"
#include "messagerouter.h"
#include "recordingcontext.h"
#include "tsglistcache.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

// A library, the TSG routes over it, and a context to send from.
struct Fixture {
    TempLibrary t;
    TsgListCache lists{*t.lib};
    MessageRouter router;
    RecordingContext ctx; // last: gone before the library it waits on

    Fixture()
    {
        Handlers::addTsgHandlers(router, *t.lib, lists);
        Handlers::addTsgEditHandlers(router, *t.lib, lists);
    }
    void send(const TestRequest &r) { router.handleText(requestText(r), ctx); }
    void createTsg(const QString &name)
    {
        const auto created = await(t.lib->createTsg(name));
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    }
    void upload(const QString &tsg, const QList<std::pair<QString, QByteArray>> &files)
    {
        const auto up = await(t.lib->upload(UploadTarget::tsg(tsg), batchOf(files)));
        QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    }
};

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(u"data").toObject();
}

QStringList tsgNames(const QJsonObject &list)
{
    QStringList names;
    for (const QJsonValue &t : dataOf(list).value(u"tsgs").toArray())
        names << t.toObject().value(u"name").toString();
    return names;
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

// Checks an error reply to `type`: tsg:error with the code and the request's id.
void checkError(const QJsonObject &e, const QString &type, const QString &code, const QJsonValue &requestId)
{
    QCOMPARE(e.value(u"type").toString(), u"tsg:error"_s);
    QCOMPARE(e.value(u"code").toString(), code);
    QCOMPARE(e.value(u"originalType").toString(), type);
    QCOMPARE(e.value(u"requestId"), requestId);
    QVERIFY(!e.value(u"message").toString().isEmpty());
}

} // namespace

class TestTsgHandlers : public QObject {
    Q_OBJECT
private slots:
    void createSendsTheListThenSuccess();
    void createRefusesAnExistingName();
    void createRefusesBadNames();
    void listAnswersWithEveryTsg();
    void selectSetsAndClearsTheActiveTsg();
    void selectOfAnUnknownTsgIsNotFound();
    void selectWithASessionRecordsItInTheSession();
    void deleteTrashAndRestore();
    void trashEntryCountsWhatTheListCounted();
    void deleteAndRestoreOfUnknownThingsAreNotFound();
    void getFilesUsesTheStoredName();
    void getFilesOfAnUnknownTsgIsNotFound();
    void updateSendsTheListThenSuccess();
    void updateErrorCodes();
    void deleteFileSendsTheListingThenSuccessAndRestores();
    void deleteFileErrorCodes();
};

void TestTsgHandlers::createSendsTheListThenSuccess()
{
    Fixture f;
    QSignalSpy changed(f.t.lib.get(), &Library::tsgsChanged);
    f.send({.type = u"tsg:create"_s,
            .requestId = u"c1"_s,
            .data = QJsonObject{{u"name"_s, u"Network Outage"_s},
                                {u"description"_s, u"VPN drops"_s},
                                {u"tags"_s, QJsonArray{u"vpn"_s, 3}}}});
    const QJsonObject success = f.ctx.waitFor(u"tsg:create:success"_s);
    QCOMPARE(f.ctx.types(), (QStringList{u"tsg:list:response"_s, u"tsg:create:success"_s}));
    const QJsonObject list = f.ctx.sent().first();
    QCOMPARE(success.value(u"requestId").toString(), u"c1"_s);
    QCOMPARE(list.value(u"requestId").toString(), u"c1"_s);
    QCOMPARE(dataOf(success).value(u"name").toString(), u"Network Outage"_s);

    const QJsonArray tsgs = dataOf(list).value(u"tsgs").toArray();
    QCOMPARE(tsgs.size(), 1);
    const QJsonObject created = tsgs.first().toObject();
    QCOMPARE(created.value(u"name").toString(), u"Network Outage"_s);
    QCOMPARE(created.value(u"description").toString(), u"VPN drops"_s);
    QCOMPARE(created.value(u"tags").toArray(), QJsonArray{u"vpn"_s}); // the tag that is not a string is dropped
    QCOMPARE(created.value(u"fileCount").toInt(-1), 0);
    QVERIFY(dataOf(list).value(u"activeTSG").isNull());

    // On disk, under the library's folder, with its metadata.
    QVERIFY(QFileInfo(f.t.tsgPath(u"Network Outage"_s)).isDir());
    const QJsonObject meta = readJson(f.t.tsgPath(u"Network Outage"_s, u".metadata.json"_s));
    QCOMPARE(meta.value(u"name").toString(), u"Network Outage"_s);
    QCOMPARE(meta.value(u"description").toString(), u"VPN drops"_s);
    // The change is the context's.
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().first().value<Origin>(), RecordingContext::kOrigin);
}

void TestTsgHandlers::createRefusesAnExistingName()
{
    Fixture f;
    f.createTsg(u"vpn-issues"_s);
    f.send({.type = u"tsg:create"_s, .requestId = 2, .data = QJsonObject{{u"name"_s, u"VPN-Issues"_s}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:create"_s, u"exists"_s, 2);
    QVERIFY2(e.value(u"message").toString().contains(u"already exists"), qPrintable(f.ctx.sentTexts().first()));
    QCOMPARE(f.ctx.types(), QStringList{u"tsg:error"_s}); // no list: nothing changed
    QCOMPARE(QDir(f.t.root() + u"/tsgs"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList{u"vpn-issues"_s});
}

void TestTsgHandlers::createRefusesBadNames()
{
    Fixture f;
    for (const QString &name : {u"../x"_s, u"ab"_s, u"a/b"_s, u".hidden"_s, u"CON"_s}) {
        f.send({.type = u"tsg:create"_s, .requestId = name, .data = QJsonObject{{u"name"_s, name}}});
        checkError(f.ctx.waitFor(u"tsg:error"_s), u"tsg:create"_s, u"invalid"_s, name);
    }
    // A name that is not a string is refused by the route's field spec.
    f.send({.type = u"tsg:create"_s, .requestId = u"n"_s, .data = QJsonObject{{u"name"_s, 5}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:create"_s, u"invalid"_s, u"n"_s);
    QCOMPARE(e.value(u"message").toString(), u"data.name must be a string"_s);
    QVERIFY(!f.ctx.types().contains(u"tsg:create:success"_s));
    QCOMPARE(QDir(f.t.root() + u"/tsgs"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    QVERIFY(!QFileInfo::exists(f.t.root() + u"/x"_s));
}

void TestTsgHandlers::listAnswersWithEveryTsg()
{
    Fixture f;
    f.createTsg(u"first-tsg"_s);
    f.createTsg(u"second-tsg"_s);
    f.upload(u"second-tsg"_s, {{u"a.txt"_s, "abc"}});
    QVERIFY(await(f.t.lib->selectTsg(u"second-tsg"_s)).ok());

    f.send({.type = u"tsg:list"_s, .requestId = 3});
    const QJsonObject list = f.ctx.waitFor(u"tsg:list:response"_s);
    QCOMPARE(list.value(u"requestId"), QJsonValue(3));
    QStringList names = tsgNames(list);
    names.sort();
    QCOMPARE(names, (QStringList{u"first-tsg"_s, u"second-tsg"_s}));
    QCOMPARE(dataOf(list).value(u"activeTSG").toString(), u"second-tsg"_s);
    for (const QJsonValue &t : dataOf(list).value(u"tsgs").toArray()) {
        const QJsonObject o = t.toObject();
        const bool second = o.value(u"name") == u"second-tsg"_s;
        QCOMPARE(o.value(u"active").toBool(), second);
        QCOMPARE(o.value(u"fileCount").toInt(-1), second ? 1 : 0);
        QCOMPARE(o.value(u"size").toDouble(-1), second ? 3.0 : 0.0);
    }

    // Without a requestId, the reply has none.
    f.send({.type = u"tsg:list"_s});
    f.ctx.waitFor(u"tsg:list:response"_s);
    QVERIFY2(!f.ctx.sentTexts().last().contains(u"\"requestId\":"), qPrintable(f.ctx.sentTexts().last()));
}

void TestTsgHandlers::selectSetsAndClearsTheActiveTsg()
{
    Fixture f;
    f.createTsg(u"alpha-tsg"_s);
    // Asked in another case: the stored name is selected.
    f.send({.type = u"tsg:select"_s, .requestId = u"s1"_s, .data = QJsonObject{{u"name"_s, u"ALPHA-TSG"_s}}});
    QJsonObject ok = f.ctx.waitFor(u"tsg:select:success"_s);
    QCOMPARE(ok.value(u"requestId").toString(), u"s1"_s);
    QCOMPARE(dataOf(ok).value(u"activeTSG").toString(), u"alpha-tsg"_s);
    QCOMPARE(f.t.lib->activeTsg(), std::optional<QString>(u"alpha-tsg"_s));
    QCOMPARE(readJson(f.t.lib->folder().configFile()).value(u"activeTSG").toString(), u"alpha-tsg"_s);
    f.send({.type = u"tsg:list"_s});
    QCOMPARE(dataOf(f.ctx.waitFor(u"tsg:list:response"_s)).value(u"activeTSG").toString(), u"alpha-tsg"_s);

    // null clears it.
    f.send({.type = u"tsg:select"_s, .requestId = u"s2"_s, .data = QJsonObject{{u"name"_s, QJsonValue::Null}}});
    ok = f.ctx.waitFor(u"tsg:select:success"_s);
    QCOMPARE(ok.value(u"requestId").toString(), u"s2"_s);
    QVERIFY(dataOf(ok).contains(u"activeTSG"));
    QVERIFY(dataOf(ok).value(u"activeTSG").isNull());
    QVERIFY(!f.t.lib->activeTsg());
    QVERIFY(readJson(f.t.lib->folder().configFile()).value(u"activeTSG").isNull());

    // The name must be there, even as null.
    f.send({.type = u"tsg:select"_s, .requestId = u"s3"_s, .data = QJsonObject{}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:select"_s, u"invalid"_s, u"s3"_s);
    QCOMPARE(e.value(u"message").toString(), u"data.name is required"_s);
}

void TestTsgHandlers::selectOfAnUnknownTsgIsNotFound()
{
    Fixture f;
    f.createTsg(u"alpha-tsg"_s);
    QVERIFY(await(f.t.lib->selectTsg(u"alpha-tsg"_s)).ok());
    f.send({.type = u"tsg:select"_s, .requestId = u"u"_s, .data = QJsonObject{{u"name"_s, u"nope-tsg"_s}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:select"_s, u"not_found"_s, u"u"_s);
    QCOMPARE(e.value(u"message").toString(), u"TSG 'nope-tsg' not found"_s);
    QCOMPARE(f.t.lib->activeTsg(), std::optional<QString>(u"alpha-tsg"_s)); // unchanged
}

void TestTsgHandlers::selectWithASessionRecordsItInTheSession()
{
    Fixture f;
    const auto session = await(f.t.lib->upload(UploadTarget::session(u"sess-1"_s), batchOf({{u"a.txt"_s, "x"}})));
    QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
    f.createTsg(u"beta-tsg"_s);
    const QString sessionFile = f.t.root() + u"/sessions/sess-1/.session.json"_s;
    QVERIFY(readJson(sessionFile).value(u"activeTSG").isNull());

    f.send({.type = u"tsg:select"_s,
            .requestId = 1,
            .sessionId = u"sess-1"_s,
            .data = QJsonObject{{u"name"_s, u"Beta-TSG"_s}}});
    QCOMPARE(dataOf(f.ctx.waitFor(u"tsg:select:success"_s)).value(u"activeTSG").toString(), u"beta-tsg"_s);
    QCOMPARE(f.ctx.usedSessions(), QStringList{u"sess-1"_s});
    QCOMPARE(readJson(sessionFile).value(u"activeTSG").toString(), u"beta-tsg"_s);
    const auto info = await(f.t.lib->session(u"sess-1"_s));
    QVERIFY(info.ok());
    QCOMPARE(info.value().activeTsg, std::optional<QString>(u"beta-tsg"_s));

    // Cleared for the session too.
    f.send({.type = u"tsg:select"_s,
            .requestId = 2,
            .sessionId = u"sess-1"_s,
            .data = QJsonObject{{u"name"_s, QJsonValue::Null}}});
    QVERIFY(dataOf(f.ctx.waitFor(u"tsg:select:success"_s)).value(u"activeTSG").isNull());
    QVERIFY(readJson(sessionFile).value(u"activeTSG").isNull());
    QVERIFY(readJson(sessionFile).contains(u"activeTSG"));
}

void TestTsgHandlers::deleteTrashAndRestore()
{
    Fixture f;
    f.createTsg(u"gamma-tsg"_s);
    f.createTsg(u"other-tsg"_s);
    const QByteArray notes = randomBytes(4096);
    f.upload(u"gamma-tsg"_s, {{u"notes/a.md"_s, notes}});

    f.send({.type = u"tsg:delete"_s, .requestId = u"d1"_s, .data = QJsonObject{{u"name"_s, u"GAMMA-tsg"_s}}});
    const QJsonObject deleted = f.ctx.waitFor(u"tsg:delete:success"_s);
    QCOMPARE(f.ctx.types(), (QStringList{u"tsg:list:response"_s, u"tsg:delete:success"_s}));
    QCOMPARE(f.ctx.sent().first().value(u"requestId").toString(), u"d1"_s);
    QCOMPARE(tsgNames(f.ctx.sent().first()), QStringList{u"other-tsg"_s});
    QCOMPARE(deleted.value(u"requestId").toString(), u"d1"_s);
    QCOMPARE(dataOf(deleted).value(u"name").toString(), u"gamma-tsg"_s);
    const QString trashId = dataOf(deleted).value(u"trashId").toString();
    QVERIFY(!trashId.isEmpty());
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"gamma-tsg"_s)));

    f.send({.type = u"tsg:trash"_s, .requestId = u"t1"_s});
    const QJsonObject trash = f.ctx.waitFor(u"tsg:trash:response"_s);
    QCOMPARE(trash.value(u"requestId").toString(), u"t1"_s);
    const QJsonArray entries = dataOf(trash).value(u"entries").toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry.value(u"id").toString(), trashId);
    QCOMPARE(entry.value(u"kind").toString(), u"tsg"_s);
    QCOMPARE(entry.value(u"tsgName").toString(), u"gamma-tsg"_s);

    f.send({.type = u"tsg:restore"_s, .requestId = u"r1"_s, .data = QJsonObject{{u"id"_s, trashId}}});
    const QJsonObject restored = f.ctx.waitFor(u"tsg:restore:success"_s);
    QCOMPARE(f.ctx.types().mid(3), (QStringList{u"tsg:list:response"_s, u"tsg:restore:success"_s}));
    QCOMPARE(f.ctx.sent().at(3).value(u"requestId").toString(), u"r1"_s);
    QStringList names = tsgNames(f.ctx.sent().at(3));
    names.sort();
    QCOMPARE(names, (QStringList{u"gamma-tsg"_s, u"other-tsg"_s}));
    QCOMPARE(restored.value(u"requestId").toString(), u"r1"_s);
    QCOMPARE(dataOf(restored).value(u"name").toString(), u"gamma-tsg"_s);
    QCOMPARE(readAll(f.t.tsgPath(u"gamma-tsg"_s, u"notes/a.md"_s)), notes);

    // The entry left the trash.
    f.send({.type = u"tsg:trash"_s});
    QCOMPARE(dataOf(f.ctx.waitFor(u"tsg:trash:response"_s)).value(u"entries").toArray().size(), 0);
}

void TestTsgHandlers::trashEntryCountsWhatTheListCounted()
{
    // A deleted TSG's trash entry reports the files and bytes tsg:list reported for it.
    Fixture f;
    f.createTsg(u"counted-tsg"_s);
    f.upload(u"counted-tsg"_s, {{u"notes/a.md"_s, randomBytes(4096)}, {u"b.txt"_s, "12345"}});
    f.send({.type = u"tsg:list"_s});
    const QJsonObject listed =
        dataOf(f.ctx.waitFor(u"tsg:list:response"_s)).value(u"tsgs").toArray().first().toObject();
    QCOMPARE(listed.value(u"fileCount").toInt(-1), 2);
    QCOMPARE(listed.value(u"size").toDouble(), 4096.0 + 5);

    f.send({.type = u"tsg:delete"_s, .data = QJsonObject{{u"name"_s, u"counted-tsg"_s}}});
    const QString trashId = dataOf(f.ctx.waitFor(u"tsg:delete:success"_s)).value(u"trashId").toString();
    f.send({.type = u"tsg:trash"_s});
    const QJsonObject entry =
        dataOf(f.ctx.waitFor(u"tsg:trash:response"_s)).value(u"entries").toArray().first().toObject();
    QCOMPARE(entry.value(u"id").toString(), trashId);
    QCOMPARE(entry.value(u"fileCount").toInt(-1), listed.value(u"fileCount").toInt());
    QCOMPARE(entry.value(u"size").toDouble(), listed.value(u"size").toDouble());
}

void TestTsgHandlers::deleteAndRestoreOfUnknownThingsAreNotFound()
{
    Fixture f;
    f.createTsg(u"kept-tsg"_s);
    f.send({.type = u"tsg:delete"_s, .requestId = u"d"_s, .data = QJsonObject{{u"name"_s, u"missing-tsg"_s}}});
    checkError(f.ctx.waitFor(u"tsg:error"_s), u"tsg:delete"_s, u"not_found"_s, u"d"_s);
    f.send({.type = u"tsg:restore"_s,
            .requestId = u"r"_s,
            .data = QJsonObject{{u"id"_s, u"20260101T000000000-00000000"_s}}});
    checkError(f.ctx.waitFor(u"tsg:error"_s), u"tsg:restore"_s, u"not_found"_s, u"r"_s);
    // The restore's id is required.
    f.send({.type = u"tsg:restore"_s, .requestId = u"i"_s, .data = QJsonObject{{u"name"_s, u"kept-tsg"_s}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:restore"_s, u"invalid"_s, u"i"_s);
    QCOMPARE(e.value(u"message").toString(), u"data.id is required"_s);
    QCOMPARE(f.ctx.types(), QStringList(3, u"tsg:error"_s));
    QVERIFY(QFileInfo(f.t.tsgPath(u"kept-tsg"_s)).isDir());
}

void TestTsgHandlers::getFilesUsesTheStoredName()
{
    Fixture f;
    f.createTsg(u"Delta Files"_s);
    f.upload(u"Delta Files"_s, {{u"docs/guide.md"_s, "# Guide"}, {u"b.txt"_s, "bb"}});
    f.send({.type = u"tsg:get-files"_s, .requestId = u"g"_s, .data = QJsonObject{{u"name"_s, u"delta FILES"_s}}});
    const QJsonObject files = f.ctx.waitFor(u"tsg:files:response"_s);
    QCOMPARE(files.value(u"requestId").toString(), u"g"_s);
    QCOMPARE(dataOf(files).value(u"tsgName").toString(), u"Delta Files"_s);
    QHash<QString, QJsonObject> byPath;
    for (const QJsonValue &v : dataOf(files).value(u"files").toArray())
        byPath.insert(v.toObject().value(u"path").toString(), v.toObject());
    QStringList paths = byPath.keys();
    paths.sort();
    QCOMPARE(paths, (QStringList{u"b.txt"_s, u"docs"_s, u"docs/guide.md"_s}));
    const QJsonObject guide = byPath.value(u"docs/guide.md"_s);
    QCOMPARE(guide.value(u"name").toString(), u"guide.md"_s);
    QCOMPARE(guide.value(u"size").toDouble(), 7.0);
    QCOMPARE(guide.value(u"isDirectory").toBool(true), false);
    QCOMPARE(guide.value(u"sha256").toString(), sha256Hex("# Guide"));
    QVERIFY(byPath.value(u"docs"_s).value(u"isDirectory").toBool());
    QCOMPARE(byPath.value(u"b.txt"_s).value(u"sha256").toString(), sha256Hex("bb"));
}

void TestTsgHandlers::getFilesOfAnUnknownTsgIsNotFound()
{
    Fixture f;
    f.send({.type = u"tsg:get-files"_s, .requestId = 8, .data = QJsonObject{{u"name"_s, u"ghost-tsg"_s}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:get-files"_s, u"not_found"_s, 8);
    QVERIFY2(e.value(u"message").toString().contains(u"ghost-tsg"), qPrintable(f.ctx.sentTexts().first()));
    QCOMPARE(f.ctx.sent().size(), 1);
}

void TestTsgHandlers::updateSendsTheListThenSuccess()
{
    Fixture f;
    f.createTsg(u"vpn"_s);
    f.upload(u"vpn"_s, {{u"a.txt"_s, "a"}});
    QVERIFY(await(f.t.lib->selectTsg(u"vpn"_s)).ok());
    QSignalSpy renamed(f.t.lib.get(), &Library::tsgRenamed);

    f.send({.type = u"tsg:update"_s,
            .requestId = u"u1"_s,
            .data = QJsonObject{{u"name"_s, u"vpn"_s},
                                {u"newName"_s, u"VPN"_s},
                                {u"description"_s, u"tunnels"_s},
                                {u"tags"_s, QJsonArray{u"net"_s, 7, u"vpn"_s}}}});
    const QJsonObject success = f.ctx.waitFor(u"tsg:update:success"_s);
    QCOMPARE(f.ctx.types(), (QStringList{u"tsg:list:response"_s, u"tsg:update:success"_s}));
    const QJsonObject list = f.ctx.sent().first();
    QCOMPARE(list.value(u"requestId").toString(), u"u1"_s);
    QCOMPARE(success.value(u"requestId").toString(), u"u1"_s);
    QCOMPARE(dataOf(success).value(u"name").toString(), u"VPN"_s);
    QCOMPARE(dataOf(success).value(u"previousName").toString(), u"vpn"_s);
    QCOMPARE(tsgNames(list), QStringList{u"VPN"_s});
    QCOMPARE(dataOf(list).value(u"activeTSG").toString(), u"VPN"_s); // the selection followed
    const QJsonObject tsg = dataOf(list).value(u"tsgs").toArray().first().toObject();
    QCOMPARE(tsg.value(u"description").toString(), u"tunnels"_s);
    QCOMPARE(tsg.value(u"tags").toArray(), (QJsonArray{u"net"_s, u"vpn"_s})); // the number is dropped
    QCOMPARE(tsg.value(u"fileCount").toInt(-1), 1);
    QCOMPARE(tsg.value(u"active").toBool(), true);
    QCOMPARE(readAll(f.t.tsgPath(u"VPN"_s, u"a.txt"_s)), QByteArray("a"));
    QCOMPARE(readJson(f.t.lib->folder().configFile()).value(u"activeTSG").toString(), u"VPN"_s);
    QCOMPARE(renamed.size(), 1);
    QCOMPARE(renamed.first().at(2).value<Origin>(), RecordingContext::kOrigin);

    // Only the description (null means: leave as it is), without a requestId.
    f.send({.type = u"tsg:update"_s,
            .data = QJsonObject{{u"name"_s, u"vpn"_s}, {u"newName"_s, QJsonValue::Null}, {u"description"_s, u""_s}}});
    const QJsonObject second = f.ctx.waitFor(u"tsg:update:success"_s);
    QVERIFY(!second.contains(u"requestId"));
    QCOMPARE(dataOf(second).value(u"name").toString(), u"VPN"_s);
    QCOMPARE(dataOf(second).value(u"previousName").toString(), u"VPN"_s);
    const QJsonObject meta = readJson(f.t.tsgPath(u"VPN"_s, u".metadata.json"_s));
    QCOMPARE(meta.value(u"description").toString(), QString());
    QCOMPARE(meta.value(u"tags").toArray(), (QJsonArray{u"net"_s, u"vpn"_s}));
    QCOMPARE(renamed.size(), 1);
}

void TestTsgHandlers::updateErrorCodes()
{
    Fixture f;
    f.createTsg(u"alpha-tsg"_s);
    f.createTsg(u"beta-tsg"_s);
    const auto expectError = [&f](const QJsonObject &data, const QString &code, const QString &id) {
        f.send({.type = u"tsg:update"_s, .requestId = id, .data = data});
        const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
        checkError(e, u"tsg:update"_s, code, id);
        return e.value(u"message").toString();
    };
    QVERIFY(expectError({{u"name"_s, u"ghost-tsg"_s}, {u"newName"_s, u"gamma-tsg"_s}}, u"not_found"_s, u"1"_s)
                .contains(u"ghost-tsg"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, u"../x"_s}}, u"invalid"_s, u"2"_s)
                .contains(u"../x"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, u"Beta-TSG"_s}}, u"exists"_s, u"3"_s)
                .contains(u"beta-tsg"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}}, u"invalid"_s, u"4"_s).contains(u"Nothing to change"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, QJsonValue::Null}, {u"tags"_s, QJsonValue::Null}},
                        u"invalid"_s, u"5"_s)
                .contains(u"Nothing to change"_s));
    QCOMPARE(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, 5}}, u"invalid"_s, u"6"_s),
             u"data.newName must be a string or null"_s);
    QCOMPARE(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"tags"_s, u"vpn"_s}}, u"invalid"_s, u"7"_s),
             u"data.tags must be an array or null"_s);
    QCOMPARE(expectError({{u"newName"_s, u"gamma-tsg"_s}}, u"invalid"_s, u"8"_s), u"data.name is required"_s);
    expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, QString(1001, u'x')}}, u"invalid"_s, u"9"_s);
    expectError({{u"name"_s, u"alpha-tsg"_s}, {u"description"_s, QString(10001, u'x')}}, u"invalid"_s, u"10"_s);
    QCOMPARE(f.ctx.types(), QStringList(10, u"tsg:error"_s)); // no list: nothing changed
    QCOMPARE(QDir(f.t.root() + u"/tsgs"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             (QStringList{u"alpha-tsg"_s, u"beta-tsg"_s}));

    // An open chunked upload to the TSG: a rename is busy, naming it.
    const auto begun =
        await(f.t.lib->beginUpload(UploadTarget::tsg(u"alpha-tsg"_s), {{.path = u"big.txt"_s, .size = 10}}));
    QVERIFY2(begun.ok(), qPrintable(begun.errorMessage()));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"newName"_s, u"gamma-tsg"_s}}, u"busy"_s, u"11"_s)
                .contains(begun.value().id));
}

void TestTsgHandlers::deleteFileSendsTheListingThenSuccessAndRestores()
{
    Fixture f;
    f.createTsg(u"Delta Files"_s);
    f.upload(u"Delta Files"_s, {{u"docs/guide.md"_s, "# Guide"}, {u"b.txt"_s, "bb"}});
    QSignalSpy removed(f.t.lib.get(), &Library::tsgFilesRemoved);

    f.send({.type = u"tsg:delete-file"_s,
            .requestId = u"df"_s,
            .data = QJsonObject{{u"name"_s, u"delta files"_s}, {u"path"_s, u"docs/guide.md"_s}}});
    const QJsonObject success = f.ctx.waitFor(u"tsg:delete-file:success"_s);
    QCOMPARE(f.ctx.types(), (QStringList{u"tsg:files:response"_s, u"tsg:delete-file:success"_s}));
    const QJsonObject files = f.ctx.sent().first();
    QCOMPARE(files.value(u"requestId").toString(), u"df"_s);
    QCOMPARE(dataOf(files).value(u"tsgName").toString(), u"Delta Files"_s);
    QStringList paths;
    for (const QJsonValue &v : dataOf(files).value(u"files").toArray())
        paths << v.toObject().value(u"path").toString();
    paths.sort();
    QCOMPARE(paths, (QStringList{u"b.txt"_s, u"docs"_s}));
    QCOMPARE(success.value(u"requestId").toString(), u"df"_s);
    QCOMPARE(dataOf(success).value(u"name").toString(), u"Delta Files"_s);
    QCOMPARE(dataOf(success).value(u"path").toString(), u"docs/guide.md"_s);
    const QString trashId = dataOf(success).value(u"trashId").toString();
    QVERIFY(!trashId.isEmpty());
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"Delta Files"_s, u"docs/guide.md"_s)));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(2).value<Origin>(), RecordingContext::kOrigin);

    // The trash lists it as a file; tsg:restore brings it back (the list, then success with the TSG's name).
    f.send({.type = u"tsg:trash"_s});
    const QJsonObject entry =
        dataOf(f.ctx.waitFor(u"tsg:trash:response"_s)).value(u"entries").toArray().first().toObject();
    QCOMPARE(entry.value(u"id").toString(), trashId);
    QCOMPARE(entry.value(u"kind").toString(), u"file"_s);
    QCOMPARE(entry.value(u"path").toString(), u"docs/guide.md"_s);
    f.send({.type = u"tsg:restore"_s, .requestId = u"r"_s, .data = QJsonObject{{u"id"_s, trashId}}});
    const QJsonObject restored = f.ctx.waitFor(u"tsg:restore:success"_s);
    QCOMPARE(f.ctx.types().mid(3), (QStringList{u"tsg:list:response"_s, u"tsg:restore:success"_s}));
    QCOMPARE(dataOf(restored).value(u"name").toString(), u"Delta Files"_s);
    QCOMPARE(readAll(f.t.tsgPath(u"Delta Files"_s, u"docs/guide.md"_s)), QByteArray("# Guide"));
    QCOMPARE(dataOf(f.ctx.sent().at(3)).value(u"tsgs").toArray().first().toObject().value(u"fileCount").toInt(), 2);

    // Restoring it again: the entry is gone.
    f.send({.type = u"tsg:restore"_s, .requestId = u"r2"_s, .data = QJsonObject{{u"id"_s, trashId}}});
    checkError(f.ctx.waitFor(u"tsg:error"_s), u"tsg:restore"_s, u"not_found"_s, u"r2"_s);
}

void TestTsgHandlers::deleteFileErrorCodes()
{
    Fixture f;
    f.createTsg(u"alpha-tsg"_s);
    f.upload(u"alpha-tsg"_s, {{u"docs/a.md"_s, "a"}});
    const auto expectError = [&f](const QJsonObject &data, const QString &code, const QString &id) {
        f.send({.type = u"tsg:delete-file"_s, .requestId = id, .data = data});
        const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
        checkError(e, u"tsg:delete-file"_s, code, id);
        return e.value(u"message").toString();
    };
    QVERIFY(expectError({{u"name"_s, u"ghost-tsg"_s}, {u"path"_s, u"docs/a.md"_s}}, u"not_found"_s, u"1"_s)
                .contains(u"ghost-tsg"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"path"_s, u"docs/b.md"_s}}, u"not_found"_s, u"2"_s)
                .contains(u"docs/b.md"_s));
    QVERIFY(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"path"_s, u"../beta/x.txt"_s}}, u"invalid"_s, u"3"_s)
                .contains(u".."_s));
    QVERIFY(
        expectError({{u"name"_s, u"alpha-tsg"_s}, {u"path"_s, u"docs"_s}}, u"invalid"_s, u"4"_s).contains(u"folder"_s));
    QCOMPARE(expectError({{u"name"_s, u"alpha-tsg"_s}}, u"invalid"_s, u"5"_s), u"data.path is required"_s);
    QCOMPARE(expectError({{u"name"_s, u"alpha-tsg"_s}, {u"path"_s, 1}}, u"invalid"_s, u"6"_s),
             u"data.path must be a string"_s);
    expectError({{u"name"_s, u"alpha-tsg"_s}, {u"path"_s, QString(4097, u'x')}}, u"invalid"_s, u"7"_s);
    QCOMPARE(f.ctx.types(), QStringList(7, u"tsg:error"_s));
    QCOMPARE(readAll(f.t.tsgPath(u"alpha-tsg"_s, u"docs/a.md"_s)), QByteArray("a"));
}

QTEST_GUILESS_MAIN(TestTsgHandlers)
#include "tst_tsghandlers.moc"
