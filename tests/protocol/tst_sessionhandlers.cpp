// The session messages (Handlers::addSessionHandlers) over a real library in a temporary data folder, without a
// socket: session:get-files, session:info and session:delete for a session that exists, one that does not, and
// requests without a sessionId.
#include "testlibrary.h"

#include "handlers.h"
#include "messagerouter.h"
#include "recordingcontext.h"

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

// A library, the session routes over it, and a context to send from.
struct Fixture {
    TempLibrary t;
    MessageRouter router;
    RecordingContext ctx; // last: gone before the library it waits on

    Fixture() { Handlers::addSessionHandlers(router, *t.lib); }
    void send(const TestRequest &r) { router.handleText(requestText(r), ctx); }
    QString sessionDir(const QString &id) const { return t.root() + u"/sessions/"_s + id; }
    // Creates session `id` the way a client does: by uploading to it.
    void uploadTo(const QString &id, const QList<std::pair<QString, QByteArray>> &files)
    {
        const auto up = await(t.lib->upload(UploadTarget::session(id), batchOf(files)));
        QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    }
};

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(u"data").toObject();
}

void checkError(const QJsonObject &e, const QString &type, const QString &code, const QJsonValue &requestId)
{
    QCOMPARE(e.value(u"type").toString(), u"session:error"_s);
    QCOMPARE(e.value(u"code").toString(), code);
    QCOMPARE(e.value(u"originalType").toString(), type);
    QCOMPARE(e.value(u"requestId"), requestId);
    QVERIFY(!e.value(u"message").toString().isEmpty());
}

const QStringList kTypes = {u"session:get-files"_s, u"session:info"_s, u"session:delete"_s};

} // namespace

class TestSessionHandlers : public QObject {
    Q_OBJECT
private slots:
    void getFilesListsTheSessionsFiles();
    void infoDescribesTheSession();
    void deleteRemovesTheSession();
    void unknownSessionIsNotFound();
    void infoStartsASessionOnFirstUse();
    void sessionIdIsRequired();
};

void TestSessionHandlers::getFilesListsTheSessionsFiles()
{
    Fixture f;
    const QByteArray log = randomBytes(1000);
    f.uploadTo(u"s-files"_s, {{u"app.log"_s, log}, {u"notes.txt"_s, "bb"}});
    f.send({.type = u"session:get-files"_s, .requestId = u"g1"_s, .sessionId = u"s-files"_s});
    const QJsonObject reply = f.ctx.waitFor(u"session:files:response"_s);
    QCOMPARE(reply.value(u"requestId").toString(), u"g1"_s);
    QCOMPARE(dataOf(reply).value(u"sessionId").toString(), u"s-files"_s);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &v : dataOf(reply).value(u"files").toArray())
        byName.insert(v.toObject().value(u"name").toString(), v.toObject());
    QStringList names = byName.keys();
    names.sort();
    QCOMPARE(names, (QStringList{u"app.log"_s, u"notes.txt"_s}));
    const QJsonObject app = byName.value(u"app.log"_s);
    QCOMPARE(app.value(u"size").toDouble(), 1000.0);
    // The path is where the bytes are.
    QCOMPARE(QFileInfo(app.value(u"path").toString()).canonicalFilePath(),
             QFileInfo(f.sessionDir(u"s-files"_s) + u"/files/app.log"_s).canonicalFilePath());
    QCOMPARE(readAll(app.value(u"path").toString()), log);
    QCOMPARE(readAll(byName.value(u"notes.txt"_s).value(u"path").toString()), QByteArray("bb"));
    QVERIFY(!app.value(u"modifiedAt").toString().isEmpty());
    QCOMPARE(f.ctx.usedSessions(), QStringList{u"s-files"_s});
}

void TestSessionHandlers::infoDescribesTheSession()
{
    Fixture f;
    f.uploadTo(u"s-info"_s, {{u"a.log"_s, "12345"}, {u"b.log"_s, "6789"}});
    QVERIFY(await(f.t.lib->createTsg(u"chosen-tsg"_s)).ok());
    QVERIFY(await(f.t.lib->selectTsg(u"chosen-tsg"_s, 0, u"s-info"_s)).ok());
    QSignalSpy changed(f.t.lib.get(), &Library::sessionsChanged);

    f.send({.type = u"session:info"_s, .requestId = 4, .sessionId = u"s-info"_s});
    const QJsonObject reply = f.ctx.waitFor(u"session:info:response"_s);
    QCOMPARE(reply.value(u"requestId"), QJsonValue(4));
    const QJsonObject info = dataOf(reply);
    QCOMPARE(info.value(u"sessionId").toString(), u"s-info"_s);
    QStringList uploaded;
    for (const QJsonValue &v : info.value(u"uploadedFiles").toArray())
        uploaded << v.toString();
    uploaded.sort();
    QCOMPARE(uploaded, (QStringList{u"a.log"_s, u"b.log"_s}));
    QCOMPARE(info.value(u"fileCount").toInt(-1), 2);
    QCOMPARE(info.value(u"size").toDouble(), 9.0);
    QCOMPARE(info.value(u"activeTSG").toString(), u"chosen-tsg"_s);
    const QJsonObject meta = info.value(u"sessionMetadata").toObject();
    QCOMPARE(meta.value(u"fileUploadCount").toInt(-1), 2);
    // The request counts as activity: the reply's lastActivity is the one now on disk.
    const QJsonObject onDisk = QJsonDocument::fromJson(readAll(f.sessionDir(u"s-info"_s) + u"/.session.json"_s))
                                   .object()
                                   .value(u"sessionMetadata")
                                   .toObject();
    const auto time = [](const QJsonValue &v) { return QDateTime::fromString(v.toString(), Qt::ISODateWithMs); };
    QVERIFY(time(meta.value(u"lastActivity")).isValid());
    QCOMPARE(time(meta.value(u"lastActivity")), time(onDisk.value(u"lastActivity")));
    QCOMPARE(time(meta.value(u"createdAt")), time(onDisk.value(u"createdAt")));
    QVERIFY(time(meta.value(u"createdAt")) <= time(meta.value(u"lastActivity")));
    // Signalled as the context's change.
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).toString(), u"s-info"_s);
    QCOMPARE(changed.first().at(1).value<Origin>(), RecordingContext::kOrigin);
}

void TestSessionHandlers::deleteRemovesTheSession()
{
    Fixture f;
    f.uploadTo(u"s-del"_s, {{u"a.log"_s, "x"}});
    f.uploadTo(u"s-kept"_s, {{u"b.log"_s, "y"}});
    QVERIFY(QFileInfo(f.sessionDir(u"s-del"_s)).isDir());
    f.send({.type = u"session:delete"_s, .requestId = u"x"_s, .sessionId = u"s-del"_s});
    const QJsonObject reply = f.ctx.waitFor(u"session:delete:success"_s);
    QCOMPARE(reply.value(u"requestId").toString(), u"x"_s);
    QCOMPARE(dataOf(reply).value(u"sessionId").toString(), u"s-del"_s);
    QVERIFY(!QFileInfo::exists(f.sessionDir(u"s-del"_s)));
    QCOMPARE(readAll(f.sessionDir(u"s-kept"_s) + u"/files/b.log"_s), QByteArray("y"));

    // Gone: its files are not found, and deleting it again neither.
    f.send({.type = u"session:get-files"_s, .requestId = u"y"_s, .sessionId = u"s-del"_s});
    checkError(f.ctx.waitFor(u"session:error"_s), u"session:get-files"_s, u"not_found"_s, u"y"_s);
    f.send({.type = u"session:delete"_s, .requestId = u"z"_s, .sessionId = u"s-del"_s});
    checkError(f.ctx.waitFor(u"session:error"_s), u"session:delete"_s, u"not_found"_s, u"z"_s);
}

void TestSessionHandlers::unknownSessionIsNotFound()
{
    Fixture f;
    for (const QString &type : {u"session:get-files"_s, u"session:delete"_s}) {
        f.send({.type = type, .requestId = type, .sessionId = u"nobody"_s});
        const QJsonObject e = f.ctx.waitFor(u"session:error"_s);
        checkError(e, type, u"not_found"_s, type);
        QCOMPARE(e.value(u"message").toString(), u"Session 'nobody' not found"_s);
    }
    QCOMPARE(f.ctx.types(), QStringList(2, u"session:error"_s));
    QVERIFY(!QFileInfo::exists(f.sessionDir(u"nobody"_s)));
}

void TestSessionHandlers::infoStartsASessionOnFirstUse()
{
    // session:info touches the session (Library::touchSession): an id not used before becomes an empty session.
    Fixture f;
    f.send({.type = u"session:info"_s, .requestId = u"i"_s, .sessionId = u"fresh"_s});
    const QJsonObject info = dataOf(f.ctx.waitFor(u"session:info:response"_s));
    QCOMPARE(info.value(u"sessionId").toString(), u"fresh"_s);
    QCOMPARE(info.value(u"fileCount").toInt(-1), 0);
    QCOMPARE(info.value(u"uploadedFiles").toArray(), QJsonArray());
    QVERIFY(info.value(u"activeTSG").isNull());
    QVERIFY(QFileInfo::exists(f.sessionDir(u"fresh"_s) + u"/.session.json"_s));
}

void TestSessionHandlers::sessionIdIsRequired()
{
    Fixture f;
    for (const QString &type : kTypes) {
        f.send({.type = type, .requestId = type});
        const QJsonObject e = f.ctx.waitFor(u"session:error"_s);
        checkError(e, type, u"invalid"_s, type);
        QCOMPARE(e.value(u"message").toString(), u"'sessionId' is required"_s);
        // And must be a valid id.
        f.send({.type = type, .requestId = type, .sessionId = u"../s-kept"_s});
        const QJsonObject bad = f.ctx.waitFor(u"session:error"_s);
        checkError(bad, type, u"invalid"_s, type);
        QCOMPARE(bad.value(u"message").toString(), u"'sessionId' must be 1 to 128 letters, digits, '-' or '_'"_s);
    }
    QCOMPARE(f.ctx.sent().size(), 6);
    QVERIFY(f.ctx.usedSessions().isEmpty());
    QCOMPARE(QDir(f.t.root() + u"/sessions"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

QTEST_GUILESS_MAIN(TestSessionHandlers)
#include "tst_sessionhandlers.moc"
