// tsg:search, tsg:read-file and session:read-file (Handlers::addSearchHandlers, addReadHandlers) over a real library
// in a temporary data folder whose search index a LibraryIndexer keeps current, without a socket: hits with line
// numbers and marked snippets, hits of a deleted TSG gone, malformed queries, and reading whole files, line ranges,
// capped, binary, image, symlinked and escaping paths.
#include "testlibrary.h"

#include "handlers.h"
#include "libraryindexer.h"
#include "messagerouter.h"
#include "recordingcontext.h"
#include "searchindex.h"
#include "tsglistcache.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

// A library, its index kept current, the search and read routes over both, and a context to send from.
struct Fixture {
    TempLibrary t;
    SearchIndex index{t.root()};
    LibraryIndexer indexer{*t.lib, index};
    MessageRouter router;
    RecordingContext ctx;

    Fixture()
    {
        const Status opened = await(indexer.start());
        if (!opened.ok())
            qFatal("the index did not open: %s", qPrintable(opened.error().message));
        Handlers::addSearchHandlers(router, *t.lib, index);
        Handlers::addReadHandlers(router, *t.lib);
    }
    // The library first: its worker threads report to the indexer until it has waited for them.
    ~Fixture() { t.lib.reset(); }

    void send(const TestRequest &r) { router.handleText(requestText(r), ctx); }
    void makeTsg(const QString &name)
    {
        const auto made = await(t.lib->createTsg(name));
        QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
    }
    void upload(const QString &tsg, const QList<std::pair<QString, QByteArray>> &files)
    {
        const auto up = await(t.lib->upload(UploadTarget::tsg(tsg), batchOf(files)));
        QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
    }
    // The hits the index has for `query` now (read directly, to wait for the indexer to catch up).
    int hitCount(const QString &query)
    {
        const auto found = index.search({.query = query});
        return found.ok() ? int(found.value().hits.size()) : -1;
    }
    QJsonObject search(const QJsonObject &data)
    {
        send({.type = u"tsg:search"_s, .requestId = 1, .data = data});
        return ctx.waitFor(u"tsg:search:response"_s).value(u"data").toObject();
    }
    QJsonObject read(const QJsonObject &data)
    {
        send({.type = u"tsg:read-file"_s, .requestId = 2, .data = data});
        return ctx.waitFor(u"tsg:read-file:response"_s).value(u"data").toObject();
    }
    QJsonObject error(const QString &type, const QJsonObject &data)
    {
        send({.type = type, .requestId = 3, .data = data});
        const QJsonObject e = ctx.waitFor(u"tsg:error"_s);
        [&] {
            QCOMPARE(e.value(u"originalType").toString(), type);
            QCOMPARE(e.value(u"requestId").toInt(), 3);
            QVERIFY(!e.value(u"message").toString().isEmpty());
        }();
        return e;
    }
};

const QByteArray kNotes = "# VPN notes\n\nThe tunnel drops after the handshake.\nRestart the agent.\n";
const QByteArray kLog =
    "09:00 start\n09:01 connect\n09:02 retry\n09:03 retry\n09:04 ERROR handshake timeout\n09:05 stop\n";

QJsonObject hitAt(const QJsonArray &hits, const QString &path)
{
    for (const QJsonValue &h : hits)
        if (h.toObject().value(u"path").toString() == path)
            return h.toObject();
    return {};
}

// A PNG's signature and an IHDR chunk's start: enough for the bytes to be an image's.
QByteArray pngBytes()
{
    QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
    png += randomBytes(200);
    return png;
}

} // namespace

class TestSearchHandlers : public QObject {
    Q_OBJECT
private slots:
    void searchFindsAWordWithItsLineAndAMarkedSnippet();
    void searchFilters();
    void hitsOfADeletedTsgAreGone();
    void malformedQueriesAreInvalid();
    void readsAWholeFile();
    void readsALineRangeOfALog();
    void readsAUtf16LogAsText();
    void readsAByteRangeOnWholeCharacters();
    void capsAReplyAt1MiB();
    void refusesABinaryFile();
    void readsAnImageAsBase64();
    void refusesASymlinkToEtcPasswd();
    void refusesPathsOutOfTheTsg();
    void unknownTsgOrFileIsNotFound();
    void readsASessionsFile();
};

void TestSearchHandlers::searchFindsAWordWithItsLineAndAMarkedSnippet()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.upload(u"vpn-issues"_s, {{u"notes.md"_s, kNotes}, {u"logs/agent.log"_s, kLog}});
    QTRY_COMPARE(f.hitCount(u"handshake"_s), 2);

    const QJsonObject data = f.search({{u"query"_s, u"handshake"_s}});
    QCOMPARE(data.value(u"total").toInt(), 2);
    QVERIFY(!data.contains(u"cursor"));
    const QJsonArray hits = data.value(u"hits").toArray();
    const QJsonObject log = hitAt(hits, u"logs/agent.log"_s);
    QCOMPARE(log.value(u"tsgName").toString(), u"vpn-issues"_s);
    QCOMPARE(log.value(u"kind").toString(), u"text"_s);
    QCOMPARE(log.value(u"line").toInt(), 5);
    QVERIFY2(log.value(u"snippet").toString().contains(u"[[handshake]]"_s),
             qPrintable(log.value(u"snippet").toString()));
    QVERIFY(log.value(u"score").isDouble());
    QVERIFY(!log.contains(u"page"));
    const QJsonObject notes = hitAt(hits, u"notes.md"_s);
    QCOMPARE(notes.value(u"line").toInt(), 3);
    QVERIFY(notes.value(u"snippet").toString().contains(u"[[handshake]]"_s));
}

void TestSearchHandlers::searchFilters()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.makeTsg(u"printer"_s);
    f.upload(u"vpn-issues"_s, {{u"notes.md"_s, kNotes}, {u"agent.log"_s, kLog}});
    f.upload(u"printer"_s, {{u"jam.txt"_s, "the handshake with the spooler fails\n"}});
    QTRY_COMPARE(f.hitCount(u"handshake"_s), 3);

    QJsonObject data = f.search({{u"query"_s, u"handshake"_s}, {u"tsgName"_s, u"PRINTER"_s}});
    QCOMPARE(data.value(u"total").toInt(), 1);
    QCOMPARE(data.value(u"hits").toArray().at(0).toObject().value(u"tsgName").toString(), u"printer"_s);

    data = f.search({{u"query"_s, u"handshake"_s}, {u"types"_s, QJsonArray{u"log"_s}}});
    QCOMPARE(data.value(u"total").toInt(), 1);
    QCOMPARE(data.value(u"hits").toArray().at(0).toObject().value(u"path").toString(), u"agent.log"_s);

    data = f.search({{u"query"_s, u"handshake"_s}, {u"limit"_s, 2}});
    QCOMPARE(data.value(u"hits").toArray().size(), 2);
    QCOMPARE(data.value(u"total").toInt(), 3);
    const QString cursor = data.value(u"cursor").toString();
    QVERIFY(!cursor.isEmpty());
    data = f.search({{u"query"_s, u"handshake"_s}, {u"limit"_s, 2}, {u"cursor"_s, cursor}});
    QCOMPARE(data.value(u"hits").toArray().size(), 1);
    QVERIFY(!data.contains(u"cursor"));

    QCOMPARE(f.error(u"tsg:search"_s, {{u"query"_s, u"handshake"_s}, {u"tsgName"_s, u"nope"_s}}).value(u"code"),
             u"not_found"_s);
}

void TestSearchHandlers::hitsOfADeletedTsgAreGone()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.upload(u"vpn-issues"_s, {{u"agent.log"_s, kLog}});
    QTRY_COMPARE(f.hitCount(u"handshake"_s), 1);

    const auto deleted = await(f.t.lib->deleteTsg(u"vpn-issues"_s));
    QVERIFY(deleted.ok());
    QTRY_COMPARE(f.hitCount(u"handshake"_s), 0);
    const QJsonObject data = f.search({{u"query"_s, u"handshake"_s}});
    QCOMPARE(data.value(u"total").toInt(), 0);
    QVERIFY(data.value(u"hits").toArray().isEmpty());
}

void TestSearchHandlers::malformedQueriesAreInvalid()
{
    Fixture f;
    for (const QString &query : {u"\"unclosed phrase"_s, u"a*b"_s, u"tag:"_s, u"   "_s, u"\"\""_s}) {
        const QJsonObject e = f.error(u"tsg:search"_s, {{u"query"_s, query}});
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        const QString message = e.value(u"message").toString();
        for (const QString &leak : {u"SQL"_s, u"fts5"_s, u"MATCH"_s, u"syntax error"_s})
            QVERIFY2(!message.contains(leak, Qt::CaseInsensitive), qPrintable(message));
    }
    QCOMPARE(f.error(u"tsg:search"_s, {{u"query"_s, u"vpn"_s}, {u"limit"_s, 0}}).value(u"code"), u"invalid"_s);
    QCOMPARE(f.error(u"tsg:search"_s, {{u"query"_s, u"vpn"_s}, {u"limit"_s, 2.5}}).value(u"code"), u"invalid"_s);
    QCOMPARE(f.error(u"tsg:search"_s, {{u"query"_s, u"vpn"_s}, {u"cursor"_s, u"garbage"_s}}).value(u"code"),
             u"invalid"_s);
    QCOMPARE(f.error(u"tsg:search"_s, {{u"query"_s, u"vpn"_s}, {u"types"_s, QJsonArray{1}}}).value(u"code"),
             u"invalid"_s);
    QCOMPARE(f.error(u"tsg:search"_s, QJsonObject{}).value(u"code"), u"invalid"_s);
}

void TestSearchHandlers::readsAWholeFile()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.upload(u"vpn-issues"_s, {{u"docs/notes.md"_s, kNotes}});
    const QJsonObject data = f.read({{u"name"_s, u"VPN-issues"_s}, {u"path"_s, u"docs/notes.md"_s}});
    QCOMPARE(data.value(u"tsgName").toString(), u"vpn-issues"_s);
    QCOMPARE(data.value(u"path").toString(), u"docs/notes.md"_s);
    QCOMPARE(data.value(u"text").toString(), QString::fromUtf8(kNotes));
    QCOMPARE(data.value(u"encoding").toString(), u"utf-8"_s);
    QCOMPARE(data.value(u"size").toInteger(), kNotes.size());
    QCOMPARE(data.value(u"offset").toInteger(), 0);
    QCOMPARE(data.value(u"length").toInteger(), kNotes.size());
    QCOMPARE(data.value(u"lines").toInt(), 4);
    QCOMPARE(data.value(u"line").toInt(), 1);
    QCOMPARE(data.value(u"type").toString(), u"markdown"_s);
    QCOMPARE(data.value(u"truncated").toBool(), false);
}

void TestSearchHandlers::readsALineRangeOfALog()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.upload(u"vpn-issues"_s, {{u"agent.log"_s, kLog}});
    QJsonObject data =
        f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 3}, {u"lines"_s, 2}});
    QCOMPARE(data.value(u"text").toString(), u"09:02 retry\n09:03 retry\n"_s);
    QCOMPARE(data.value(u"line").toInt(), 3);
    QCOMPARE(data.value(u"lines").toInt(), 6);
    QCOMPARE(data.value(u"offset").toInteger(), kLog.indexOf("09:02"));
    QCOMPARE(data.value(u"length").toInteger(), 24);
    QCOMPARE(data.value(u"truncated").toBool(), false);

    // From a line to the end; a range past the end is cut at the end.
    data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 5}, {u"lines"_s, 100}});
    QCOMPARE(data.value(u"text").toString(), u"09:04 ERROR handshake timeout\n09:05 stop\n"_s);
    data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 6}});
    QCOMPARE(data.value(u"text").toString(), u"09:05 stop\n"_s);

    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 7}})
                 .value(u"code"),
             u"invalid"_s);
    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 0}})
                 .value(u"code"),
             u"invalid"_s);
    QCOMPARE(f.error(u"tsg:read-file"_s,
                     {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"agent.log"_s}, {u"line"_s, 2}, {u"offset"_s, 5}})
                 .value(u"code"),
             u"invalid"_s);
}

void TestSearchHandlers::readsAUtf16LogAsText()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    // As Windows writes it: UTF-16LE with a byte order mark, CRLF.
    const QString text = u"09:00 start\r\n09:01 Überlauf\r\n09:02 stop\r\n"_s;
    QByteArray bytes("\xFF\xFE");
    for (const QChar c : text)
        bytes += char(c.unicode() & 0xFF), bytes += char(c.unicode() >> 8);
    f.upload(u"vpn-issues"_s, {{u"win.log"_s, bytes}});
    QJsonObject data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"win.log"_s}});
    QCOMPARE(data.value(u"text").toString(), text);
    QCOMPARE(data.value(u"encoding").toString(), u"utf-8"_s);
    QCOMPARE(data.value(u"charset").toString(), u"UTF-16LE"_s);
    QCOMPARE(data.value(u"lines").toInt(), 3);
    QCOMPARE(data.value(u"length").toInteger(), bytes.size());
    data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"win.log"_s}, {u"line"_s, 2}, {u"lines"_s, 1}});
    QCOMPARE(data.value(u"text").toString(), u"09:01 Überlauf\r\n"_s);
    QCOMPARE(data.value(u"offset").toInteger(), 2 + 2 * 13);
    QCOMPARE(data.value(u"length").toInteger(), 2 * 16);
}

void TestSearchHandlers::readsAByteRangeOnWholeCharacters()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    const QByteArray text = u"line one\nÉtat: prêt\nend\n"_s.toUtf8();
    f.upload(u"vpn-issues"_s, {{u"state.txt"_s, text}});
    // Bytes 9..10 are "É" (two bytes): a range ending inside it stops before it.
    QJsonObject data =
        f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"state.txt"_s}, {u"offset"_s, 5}, {u"length"_s, 5}});
    QCOMPARE(data.value(u"text").toString(), u"one\n"_s);
    QCOMPARE(data.value(u"length").toInt(), 4);
    QCOMPARE(data.value(u"line").toInt(), 1);
    data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"state.txt"_s}, {u"offset"_s, 9}, {u"length"_s, 12}});
    QCOMPARE(data.value(u"text").toString(), u"État: prêt"_s);
    QCOMPARE(data.value(u"line").toInt(), 2);
    QCOMPARE(f.error(u"tsg:read-file"_s,
                     {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"state.txt"_s}, {u"offset"_s, text.size() + 1}})
                 .value(u"code"),
             u"invalid"_s);
}

void TestSearchHandlers::capsAReplyAt1MiB()
{
    Fixture f;
    f.makeTsg(u"big"_s);
    QByteArray log;
    for (int i = 1; log.size() < 2 * 1024 * 1024; ++i)
        log += QByteArray("line ") + QByteArray::number(i) + " of a long log with some padding text\n";
    f.upload(u"big"_s, {{u"huge.log"_s, log}});

    QJsonObject data = f.read({{u"name"_s, u"big"_s}, {u"path"_s, u"huge.log"_s}});
    QCOMPARE(data.value(u"truncated").toBool(), true);
    QCOMPARE(data.value(u"length").toInteger(), 1024 * 1024);
    QCOMPARE(data.value(u"size").toInteger(), log.size());
    QCOMPARE(data.value(u"text").toString().toUtf8(), log.left(1024 * 1024));
    QCOMPARE(data.value(u"lines").toInt(), log.count('\n'));

    // A line range over the cap ends on a whole line.
    data = f.read({{u"name"_s, u"big"_s}, {u"path"_s, u"huge.log"_s}, {u"line"_s, 1}});
    QCOMPARE(data.value(u"truncated").toBool(), true);
    QVERIFY(data.value(u"length").toInteger() <= 1024 * 1024);
    QVERIFY(data.value(u"text").toString().endsWith(u'\n'));
    QVERIFY(log.startsWith(data.value(u"text").toString().toUtf8()));

    // The rest, from where the reply ended.
    data = f.read({{u"name"_s, u"big"_s}, {u"path"_s, u"huge.log"_s}, {u"offset"_s, 1024 * 1024 * 2}});
    QCOMPARE(data.value(u"truncated").toBool(), false);
    QCOMPARE(data.value(u"text").toString().toUtf8(), log.mid(1024 * 1024 * 2));
}

void TestSearchHandlers::refusesABinaryFile()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    QByteArray core = "ELF";
    core += QByteArray(100, '\0') + randomBytes(1000);
    f.upload(u"vpn-issues"_s, {{u"core.log"_s, core}, {u"manual.pdf"_s, "%PDF-1.4\n%binary\n"}});
    for (const QString &path : {u"core.log"_s, u"manual.pdf"_s}) {
        const QJsonObject e = f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, path}});
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QVERIFY2(e.value(u"message").toString().contains(u"binary"_s), qPrintable(e.value(u"message").toString()));
    }
}

void TestSearchHandlers::readsAnImageAsBase64()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    const QByteArray png = pngBytes();
    f.upload(u"vpn-issues"_s, {{u"screen.png"_s, png}});
    const QJsonObject data = f.read({{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"screen.png"_s}});
    QCOMPARE(data.value(u"encoding").toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(data.value(u"text").toString().toLatin1()), png);
    QCOMPARE(data.value(u"type").toString(), u"image"_s);
    QCOMPARE(data.value(u"length").toInteger(), png.size());
    QVERIFY(!data.contains(u"lines"));
    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"screen.png"_s}, {u"line"_s, 1}})
                 .value(u"code"),
             u"invalid"_s);
}

void TestSearchHandlers::refusesASymlinkToEtcPasswd()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.upload(u"vpn-issues"_s, {{u"docs/notes.md"_s, kNotes}});
    QVERIFY(QFile::link(u"/etc/passwd"_s, f.t.tsgPath(u"vpn-issues"_s, u"passwd.txt"_s)));
    QVERIFY(QFile::link(u"/etc"_s, f.t.tsgPath(u"vpn-issues"_s, u"etc"_s)));
    QVERIFY(QFile::link(f.t.tsgPath(u"vpn-issues"_s, u"docs"_s), f.t.tsgPath(u"vpn-issues"_s, u"docs2"_s)));
    for (const QString &path : {u"passwd.txt"_s, u"etc/passwd"_s, u"docs2/notes.md"_s}) {
        const QJsonObject e = f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, path}});
        QVERIFY2(e.value(u"code") == u"invalid"_s || e.value(u"code") == u"not_found"_s,
                 qPrintable(e.value(u"code").toString()));
        QVERIFY(!e.value(u"message").toString().contains(u"root:"_s));
    }
}

void TestSearchHandlers::refusesPathsOutOfTheTsg()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    f.makeTsg(u"other"_s);
    f.upload(u"other"_s, {{u"secret.txt"_s, "secret\n"}});
    for (const QString &path : {u"../other/secret.txt"_s, u"docs/../../other/secret.txt"_s, u"/etc/passwd"_s,
                                u".metadata.json"_s, u""_s, u"a//b.txt"_s}) {
        const QJsonObject e = f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, path}});
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
    }
}

void TestSearchHandlers::unknownTsgOrFileIsNotFound()
{
    Fixture f;
    f.makeTsg(u"vpn-issues"_s);
    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"nope"_s}, {u"path"_s, u"a.txt"_s}}).value(u"code"),
             u"not_found"_s);
    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"a.txt"_s}}).value(u"code"),
             u"not_found"_s);
    QCOMPARE(f.error(u"tsg:read-file"_s, {{u"name"_s, u"vpn-issues"_s}, {u"path"_s, u"no/such/a.txt"_s}})
                 .value(u"code"),
             u"not_found"_s);
}

void TestSearchHandlers::readsASessionsFile()
{
    Fixture f;
    const auto up = await(f.t.lib->upload(UploadTarget::session(u"s-read"_s), batchOf({{u"agent.log"_s, kLog}})));
    QVERIFY(up.ok());
    f.send({.type = u"session:read-file"_s,
            .requestId = 4,
            .sessionId = u"s-read"_s,
            .data = QJsonObject{{u"name"_s, u"agent.log"_s}, {u"line"_s, 5}, {u"lines"_s, 1}}});
    const QJsonObject reply = f.ctx.waitFor(u"session:read-file:response"_s);
    QCOMPARE(reply.value(u"requestId").toInt(), 4);
    const QJsonObject data = reply.value(u"data").toObject();
    QCOMPARE(data.value(u"sessionId").toString(), u"s-read"_s);
    QCOMPARE(data.value(u"name").toString(), u"agent.log"_s);
    QCOMPARE(data.value(u"text").toString(), u"09:04 ERROR handshake timeout\n"_s);

    f.send({.type = u"session:read-file"_s,
            .requestId = 5,
            .sessionId = u"s-read"_s,
            .data = QJsonObject{{u"name"_s, u"../s-other/files/x.log"_s}}});
    QCOMPARE(f.ctx.waitFor(u"session:error"_s).value(u"code").toString(), u"invalid"_s);
    f.send({.type = u"session:read-file"_s,
            .requestId = 6,
            .sessionId = u"s-none"_s,
            .data = QJsonObject{{u"name"_s, u"agent.log"_s}}});
    QCOMPARE(f.ctx.waitFor(u"session:error"_s).value(u"code").toString(), u"not_found"_s);
    f.send({.type = u"session:read-file"_s, .requestId = 7, .data = QJsonObject{{u"name"_s, u"agent.log"_s}}});
    QCOMPARE(f.ctx.waitFor(u"session:error"_s).value(u"code").toString(), u"invalid"_s);
}

QTEST_GUILESS_MAIN(TestSearchHandlers)
#include "tst_searchhandlers.moc"
