// The upload messages (Handlers::addUploadHandlers) over a real library in a temporary data folder, without a
// socket: the single message to a TSG and a session (replies, progress, files on disk, refusals and their codes)
// and the chunked upload from begin to commit, with the bytes written through the library's public API where a
// connection would write a binary frame's.
#include "testlibrary.h"

#include "chunkeduploads.h"
#include "chunkframe.h"
#include "handlers.h"
#include "messagerouter.h"
#include "recordingcontext.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

// A library, the upload routes over it, and a context to send from.
struct Fixture {
    TempLibrary t;
    MessageRouter router;
    RecordingContext ctx; // last: gone before the library it waits on

    Fixture() { Handlers::addUploadHandlers(router, *t.lib); }
    void send(const TestRequest &r) { router.handleText(requestText(r), ctx); }
    void createTsg(const QString &name)
    {
        const auto created = await(t.lib->createTsg(name));
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    }
    QString sessionFile(const QString &id, const QString &name) const
    {
        return t.root() + u"/sessions/"_s + id + u"/files/"_s + name;
    }
    // What the upload folder holds (files and folders, hidden ones too) below .tsgdesk/uploads/.
    QStringList stagedUploads() const
    {
        return QDir(t.lib->folder().uploadsDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }
    // Writes `bytes` as file `index` of upload `id`, in chunks of at most kChunkSize, the way a connection hands
    // on a binary frame's payload (the frame is built with its 32-byte header, as a client sends it).
    void writeChunks(const QString &id, int index, const QByteArray &bytes)
    {
        const auto upload = t.lib->findUpload(id);
        QVERIFY2(upload, qPrintable(u"upload %1 is not open"_s.arg(id)));
        for (qint64 at = 0; at < bytes.size(); at += ChunkedUploads::kChunkSize) {
            const QByteArray frame =
                ChunkFrame::header(id, quint32(index), quint64(at)) + bytes.mid(at, ChunkedUploads::kChunkSize);
            const auto refused = upload->accept(index, at, frame, ChunkFrame::kHeaderSize, ChunkedUploads::kChunkSize,
                                                ChunkedUploads::kWindow);
            QVERIFY2(!refused, qPrintable(refused ? refused->message : QString()));
        }
    }
};

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(u"data").toObject();
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// An entry of a single message's files: {key: name, content: base64, type?}.
QJsonObject fileEntry(const QString &key, const QString &name, const QByteArray &bytes, const QString &type = {})
{
    QJsonObject o{{key, name}, {u"content"_s, base64(bytes)}, {u"size"_s, double(bytes.size())}};
    if (!type.isEmpty())
        o.insert(u"type"_s, type);
    return o;
}

// An entry of a chunked begin's files: {key: name, size, sha256?}.
QJsonObject declared(const QString &key, const QString &name, qint64 size, const QString &sha256 = {})
{
    QJsonObject o{{key, name}, {u"size"_s, double(size)}};
    if (!sha256.isEmpty())
        o.insert(u"sha256"_s, sha256);
    return o;
}

void checkError(const QJsonObject &e, const QString &errorType, const QString &type, const QString &code,
                const QJsonValue &requestId)
{
    QCOMPARE(e.value(u"type").toString(), errorType);
    QCOMPARE(e.value(u"code").toString(), code);
    QCOMPARE(e.value(u"originalType").toString(), type);
    QCOMPARE(e.value(u"requestId"), requestId);
    QVERIFY(!e.value(u"message").toString().isEmpty());
}

} // namespace

class TestUploadHandlers : public QObject {
    Q_OBJECT
private slots:
    // The single message.
    void tsgUploadStoresTheFilesAndReplies();
    void tsgUploadReportsProgress();
    void sessionUploadKeepsBothNamesAndTheClaimedType();
    void disallowedTypeIsRefused();
    void overTheSizeLimitIsRefused();
    void uploadToAnUnknownTsgIsNotFound();
    void malformedFilesAreReportedAtOnce();
    // Chunked.
    void beginAnswersReadyAndFollows();
    void sessionBeginAnswersReady();
    void beginIsCheckedLikeTheSingleMessage();
    void listShowsTheOpenUploads();
    void abortRemovesTheUpload();
    void commitOfAnIncompleteUploadIsRefused();
    void resumeOfAnUnknownUploadIsNotFound();
    void resumeFollowsWithANewGeneration();
    void chunkedUploadToATsgCompletes();
    void chunkedUploadToASessionCompletes();
};

void TestUploadHandlers::tsgUploadStoresTheFilesAndReplies()
{
    Fixture f;
    f.createTsg(u"Upload Target"_s);
    const QByteArray guide = "# Guide\nContent";
    const QByteArray blob = randomBytes(300 * 1024 + 3); // not a multiple of 3: base64 padding
    f.send({.type = u"tsg:upload"_s,
            .requestId = u"u1"_s,
            .data = QJsonObject{{u"tsgName"_s, u"upload target"_s},
                                {u"files"_s,
                                 QJsonArray{fileEntry(u"path"_s, u"docs/guide.md"_s, guide),
                                            fileEntry(u"path"_s, u"img/shot.png"_s, blob)}}}});
    const QJsonObject success = f.ctx.waitFor(u"tsg:upload:success"_s);
    const QJsonObject files = f.ctx.waitFor(u"tsg:files:response"_s);
    const QStringList types = f.ctx.types();
    QVERIFY2(types.indexOf(u"tsg:files:response"_s) < types.indexOf(u"tsg:upload:success"_s),
             qPrintable(types.join(u", "_s)));
    QCOMPARE(success.value(u"requestId").toString(), u"u1"_s);
    QCOMPARE(files.value(u"requestId").toString(), u"u1"_s);

    // Byte for byte, under the TSG's stored name.
    QCOMPARE(readAll(f.t.tsgPath(u"Upload Target"_s, u"docs/guide.md"_s)), guide);
    QCOMPARE(readAll(f.t.tsgPath(u"Upload Target"_s, u"img/shot.png"_s)), blob);

    const QJsonObject done = dataOf(success);
    QCOMPARE(done.value(u"tsgName").toString(), u"Upload Target"_s);
    QCOMPARE(done.value(u"fileCount").toInt(-1), 2);
    const QJsonArray stored = done.value(u"files").toArray();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).toObject().value(u"path").toString(), u"docs/guide.md"_s);
    QCOMPARE(stored.at(0).toObject().value(u"size").toDouble(), double(guide.size()));
    QCOMPARE(stored.at(0).toObject().value(u"sha256").toString(), sha256Hex(guide));
    QCOMPARE(stored.at(1).toObject().value(u"path").toString(), u"img/shot.png"_s);
    QCOMPARE(stored.at(1).toObject().value(u"sha256").toString(), sha256Hex(blob));

    // The listing after the upload: both files and their folders.
    QCOMPARE(dataOf(files).value(u"tsgName").toString(), u"Upload Target"_s);
    QStringList paths;
    for (const QJsonValue &v : dataOf(files).value(u"files").toArray())
        paths << v.toObject().value(u"path").toString();
    paths.sort();
    QCOMPARE(paths, (QStringList{u"docs"_s, u"docs/guide.md"_s, u"img"_s, u"img/shot.png"_s}));
}

void TestUploadHandlers::tsgUploadReportsProgress()
{
    Fixture f;
    f.createTsg(u"progress-tsg"_s);
    const QByteArray a = randomBytes(2 << 20);
    const QByteArray b = "small";
    f.send(
        {.type = u"tsg:upload"_s,
         .requestId = 11,
         .data = QJsonObject{{u"tsgName"_s, u"progress-tsg"_s},
                             {u"files"_s,
                              QJsonArray{fileEntry(u"path"_s, u"a.log"_s, a), fileEntry(u"path"_s, u"b.txt"_s, b)}}}});
    f.ctx.waitFor(u"tsg:upload:success"_s);
    const QStringList types = f.ctx.types();
    const qsizetype firstReply = types.indexOf(u"tsg:files:response"_s);
    QVERIFY(firstReply > 0);
    QList<QJsonObject> progress;
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (types.at(i) != u"tsg:upload:progress")
            continue;
        QVERIFY2(i < firstReply, qPrintable(u"progress after the reply: "_s + types.join(u", "_s)));
        progress << f.ctx.sent().at(i);
    }
    QVERIFY(!progress.isEmpty());
    for (const QJsonObject &p : std::as_const(progress)) {
        QCOMPARE(p.value(u"requestId"), QJsonValue(11));
        QCOMPARE(dataOf(p).value(u"tsgName").toString(), u"progress-tsg"_s);
        QCOMPARE(dataOf(p).value(u"total").toInt(), 2);
        QCOMPARE(dataOf(p).value(u"bytesTotal").toDouble(), double(a.size() + b.size()));
    }
    const QJsonObject last = dataOf(progress.last());
    QCOMPARE(last.value(u"processed").toInt(), last.value(u"total").toInt());
    QCOMPARE(last.value(u"bytesProcessed").toDouble(), double(a.size() + b.size()));
}

void TestUploadHandlers::sessionUploadKeepsBothNamesAndTheClaimedType()
{
    Fixture f;
    const QByteArray first = "line 1\n";
    const QByteArray second = "line 2\n";
    f.send({.type = u"session:upload"_s,
            .requestId = u"s1"_s,
            .sessionId = u"s-up"_s,
            .data = QJsonObject{{u"files"_s,
                                 QJsonArray{fileEntry(u"name"_s, u"app.log"_s, first, u"text/plain"_s),
                                            fileEntry(u"name"_s, u"app.log"_s, second)}}}});
    const QJsonObject success = f.ctx.waitFor(u"session:upload:success"_s);
    QCOMPARE(success.value(u"requestId").toString(), u"s1"_s);
    QCOMPARE(f.ctx.usedSessions(), QStringList{u"s-up"_s});
    const QJsonArray files = dataOf(success).value(u"files").toArray();
    QCOMPARE(files.size(), 2);
    const QJsonObject one = files.at(0).toObject();
    const QJsonObject two = files.at(1).toObject();
    QCOMPARE(one.value(u"name").toString(), u"app.log"_s);
    QCOMPARE(one.value(u"originalName").toString(), u"app.log"_s);
    QCOMPARE(one.value(u"type").toString(), u"text/plain"_s);
    QCOMPARE(one.value(u"size").toDouble(), double(first.size()));
    QCOMPARE(two.value(u"name").toString(), u"app (2).log"_s);
    QCOMPARE(two.value(u"originalName").toString(), u"app.log"_s);
    QVERIFY(!two.value(u"type").toString().isEmpty()); // the stored file's type, as none was claimed
    QCOMPARE(readAll(f.sessionFile(u"s-up"_s, u"app.log"_s)), first);
    QCOMPARE(readAll(f.sessionFile(u"s-up"_s, u"app (2).log"_s)), second);
    QCOMPARE(QFileInfo(one.value(u"path").toString()).canonicalFilePath(),
             QFileInfo(f.sessionFile(u"s-up"_s, u"app.log"_s)).canonicalFilePath());
    // Progress is the session's.
    QVERIFY(f.ctx.types().contains(u"session:upload:progress"_s));
    QVERIFY(!f.ctx.types().contains(u"tsg:upload:progress"_s));
    QCOMPARE(f.ctx.waitFor(u"session:upload:progress"_s).value(u"requestId").toString(), u"s1"_s);

    // A session upload needs its session.
    f.send({.type = u"session:upload"_s,
            .requestId = u"s2"_s,
            .data = QJsonObject{{u"files"_s, QJsonArray{fileEntry(u"name"_s, u"x.log"_s, "x")}}}});
    checkError(f.ctx.waitFor(u"session:error"_s), u"session:error"_s, u"session:upload"_s, u"invalid"_s, u"s2"_s);
}

void TestUploadHandlers::disallowedTypeIsRefused()
{
    Fixture f;
    f.createTsg(u"typed-tsg"_s);
    f.send({.type = u"tsg:upload"_s,
            .requestId = u"t"_s,
            .data = QJsonObject{{u"tsgName"_s, u"typed-tsg"_s},
                                {u"files"_s, QJsonArray{fileEntry(u"path"_s, u"tool.exe"_s, "MZ")}}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:error"_s, u"tsg:upload"_s, u"type_not_allowed"_s, u"t"_s);
    QVERIFY2(e.value(u"message").toString().contains(u"tool.exe"), qPrintable(f.ctx.sentTexts().last()));
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"typed-tsg"_s, u"tool.exe"_s)));
    QVERIFY(!f.ctx.types().contains(u"tsg:upload:success"_s));
}

void TestUploadHandlers::overTheSizeLimitIsRefused()
{
    Fixture f;
    f.createTsg(u"limited-tsg"_s);
    const auto config = await(f.t.lib->updateConfig([](Config &c) {
        c.tsg.maxUploadSize = 1;
        c.session.maxUploadSize = 1;
    }));
    QVERIFY2(config.ok(), qPrintable(config.errorMessage()));
    const QByteArray tooBig = randomBytes((1 << 20) + 4);

    f.send({.type = u"tsg:upload"_s,
            .requestId = u"big"_s,
            .data = QJsonObject{{u"tsgName"_s, u"limited-tsg"_s},
                                {u"files"_s, QJsonArray{fileEntry(u"path"_s, u"big.log"_s, tooBig)}}}});
    checkError(f.ctx.waitFor(u"tsg:error"_s), u"tsg:error"_s, u"tsg:upload"_s, u"too_large"_s, u"big"_s);
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"limited-tsg"_s, u"big.log"_s)));

    f.send({.type = u"session:upload"_s,
            .requestId = u"big"_s,
            .sessionId = u"s-big"_s,
            .data = QJsonObject{{u"files"_s, QJsonArray{fileEntry(u"name"_s, u"big.log"_s, tooBig)}}}});
    checkError(f.ctx.waitFor(u"session:error"_s), u"session:error"_s, u"session:upload"_s, u"too_large"_s, u"big"_s);
    QVERIFY(!QFileInfo::exists(f.sessionFile(u"s-big"_s, u"big.log"_s)));

    // Exactly the limit is fine.
    f.send({.type = u"tsg:upload"_s,
            .requestId = u"fits"_s,
            .data = QJsonObject{{u"tsgName"_s, u"limited-tsg"_s},
                                {u"files"_s, QJsonArray{fileEntry(u"path"_s, u"fits.log"_s, tooBig.left(1 << 20))}}}});
    f.ctx.waitFor(u"tsg:upload:success"_s);
    QCOMPARE(readAll(f.t.tsgPath(u"limited-tsg"_s, u"fits.log"_s)), tooBig.left(1 << 20));
}

void TestUploadHandlers::uploadToAnUnknownTsgIsNotFound()
{
    Fixture f;
    f.send({.type = u"tsg:upload"_s,
            .requestId = 3,
            .data = QJsonObject{{u"tsgName"_s, u"ghost-tsg"_s},
                                {u"files"_s, QJsonArray{fileEntry(u"path"_s, u"a.txt"_s, "a")}}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:error"_s, u"tsg:upload"_s, u"not_found"_s, 3);
    QVERIFY2(e.value(u"message").toString().contains(u"ghost-tsg"), qPrintable(f.ctx.sentTexts().last()));
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"ghost-tsg"_s)));
}

void TestUploadHandlers::malformedFilesAreReportedAtOnce()
{
    Fixture f;
    f.createTsg(u"checked-tsg"_s);
    QJsonObject noContent{{u"path"_s, u"a.txt"_s}};
    QJsonObject wrongSize = fileEntry(u"path"_s, u"b.txt"_s, "bbb");
    wrongSize.insert(u"size"_s, 4);
    f.send({.type = u"tsg:upload"_s,
            .requestId = u"m"_s,
            .data = QJsonObject{{u"tsgName"_s, u"checked-tsg"_s},
                                {u"files"_s, QJsonArray{noContent, wrongSize, u"c.txt"_s}}}});
    const QJsonObject e = f.ctx.waitFor(u"tsg:error"_s);
    checkError(e, u"tsg:error"_s, u"tsg:upload"_s, u"invalid"_s, u"m"_s);
    const QStringList problems = e.value(u"message").toString().split(u"; "_s);
    QCOMPARE(problems.size(), 3);
    QCOMPARE(problems.at(0), u"data.files[0].content must be a base64 string"_s);
    QVERIFY2(problems.at(1).startsWith(u"b.txt: size says 4 bytes but content holds 3"), qPrintable(problems.at(1)));
    QCOMPARE(problems.at(2), u"data.files[2] must be an object"_s);
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"checked-tsg"_s, u"b.txt"_s)));
}

void TestUploadHandlers::beginAnswersReadyAndFollows()
{
    Fixture f;
    f.createTsg(u"Chunk Target"_s);
    const QString sha = sha256Hex("hello");
    f.send({.type = u"tsg:upload:begin"_s,
            .requestId = u"b1"_s,
            .data = QJsonObject{{u"tsgName"_s, u"chunk target"_s},
                                {u"files"_s,
                                 QJsonArray{declared(u"path"_s, u"big/one.log"_s, 3 << 20, sha),
                                            declared(u"path"_s, u"two.txt"_s, 5)}}}});
    const QJsonObject ready = f.ctx.waitFor(u"upload:ready"_s);
    QCOMPARE(ready.value(u"requestId").toString(), u"b1"_s);
    const QJsonObject d = dataOf(ready);
    const QString id = d.value(u"uploadId").toString();
    QVERIFY2(ChunkedUploads::isValidId(id), qPrintable(id));
    QCOMPARE(d.value(u"target").toString(), u"tsg"_s);
    QCOMPARE(d.value(u"tsgName").toString(), u"Chunk Target"_s);
    QCOMPARE(d.value(u"headerSize").toInt(), 32);
    QCOMPARE(d.value(u"chunkSize").toDouble(), double(1 << 20));
    QCOMPARE(d.value(u"window").toDouble(), double(4 << 20));
    QCOMPARE(d.value(u"bytesReceived").toDouble(-1), 0.0);
    QCOMPARE(d.value(u"bytesTotal").toDouble(), double((3 << 20) + 5));
    QVERIFY(QDateTime::fromString(d.value(u"expiresAt").toString(), Qt::ISODateWithMs)
            > QDateTime::currentDateTimeUtc());
    const QJsonArray files = d.value(u"files").toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).toObject(),
             (QJsonObject{{u"index"_s, 0},
                          {u"path"_s, u"big/one.log"_s},
                          {u"size"_s, double(3 << 20)},
                          {u"received"_s, 0},
                          {u"sha256"_s, sha}}));
    QCOMPARE(files.at(1).toObject().value(u"path").toString(), u"two.txt"_s);
    QCOMPARE(files.at(1).toObject().value(u"index").toInt(), 1);

    // The context follows it, tagged with the begin's requestId, from generation 0.
    QCOMPARE(f.ctx.follows().size(), 1);
    QCOMPARE(f.ctx.follows().first().upload.id, id);
    QCOMPARE(f.ctx.follows().first().requestId, QJsonValue(u"b1"_s));
    QCOMPARE(f.ctx.follows().first().generation, 0);
    QCOMPARE(f.ctx.follows().first().upload.target, UploadTarget::tsg(u"Chunk Target"_s));
    // Staged in the uploads folder, not yet in the TSG.
    QCOMPARE(f.stagedUploads(), QStringList{id});
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"Chunk Target"_s, u"two.txt"_s)));
}

void TestUploadHandlers::sessionBeginAnswersReady()
{
    Fixture f;
    f.send({.type = u"session:upload:begin"_s,
            .requestId = 9,
            .sessionId = u"s-chunk"_s,
            .data = QJsonObject{{u"files"_s, QJsonArray{declared(u"name"_s, u"dump.log"_s, 10)}}}});
    const QJsonObject ready = f.ctx.waitFor(u"upload:ready"_s);
    QCOMPARE(ready.value(u"requestId"), QJsonValue(9));
    const QJsonObject d = dataOf(ready);
    QCOMPARE(d.value(u"target").toString(), u"session"_s);
    QCOMPARE(d.value(u"sessionId").toString(), u"s-chunk"_s);
    QVERIFY(!d.contains(u"tsgName"));
    QCOMPARE(d.value(u"headerSize").toInt(), 32);
    const QJsonObject file = d.value(u"files").toArray().first().toObject();
    QCOMPARE(file.value(u"name").toString(), u"dump.log"_s);
    QCOMPARE(file.value(u"size").toDouble(), 10.0);
    QCOMPARE(f.ctx.follows().size(), 1);
    QCOMPARE(f.ctx.follows().first().upload.id, d.value(u"uploadId").toString());
    QCOMPARE(f.ctx.follows().first().requestId, QJsonValue(9));
    QCOMPARE(f.ctx.usedSessions(), QStringList{u"s-chunk"_s});

    // Without its session it is refused.
    f.send({.type = u"session:upload:begin"_s,
            .requestId = 10,
            .data = QJsonObject{{u"files"_s, QJsonArray{declared(u"name"_s, u"dump.log"_s, 10)}}}});
    checkError(f.ctx.waitFor(u"session:error"_s), u"session:error"_s, u"session:upload:begin"_s, u"invalid"_s, 10);
    QCOMPARE(f.ctx.follows().size(), 1);
}

void TestUploadHandlers::beginIsCheckedLikeTheSingleMessage()
{
    Fixture f;
    f.createTsg(u"rules-tsg"_s);
    const auto config = await(f.t.lib->updateConfig([](Config &c) { c.tsg.maxUploadSize = 1; }));
    QVERIFY2(config.ok(), qPrintable(config.errorMessage()));
    const auto begin = [&f](const QString &tsg, const QJsonObject &file) {
        f.send({.type = u"tsg:upload:begin"_s,
                .requestId = file.value(u"path"),
                .data = QJsonObject{{u"tsgName"_s, tsg}, {u"files"_s, QJsonArray{file}}}});
        return f.ctx.waitFor(u"tsg:error"_s);
    };
    checkError(begin(u"rules-tsg"_s, declared(u"path"_s, u"tool.exe"_s, 10)), u"tsg:error"_s, u"tsg:upload:begin"_s,
               u"type_not_allowed"_s, u"tool.exe"_s);
    checkError(begin(u"rules-tsg"_s, declared(u"path"_s, u"huge.log"_s, (1 << 20) + 1)), u"tsg:error"_s,
               u"tsg:upload:begin"_s, u"too_large"_s, u"huge.log"_s);
    checkError(begin(u"ghost-tsg"_s, declared(u"path"_s, u"a.log"_s, 1)), u"tsg:error"_s, u"tsg:upload:begin"_s,
               u"not_found"_s, u"a.log"_s);
    const QJsonObject e = begin(u"rules-tsg"_s, QJsonObject{{u"path"_s, u"b.log"_s}, {u"size"_s, -1}});
    checkError(e, u"tsg:error"_s, u"tsg:upload:begin"_s, u"invalid"_s, u"b.log"_s);
    QVERIFY2(e.value(u"message").toString().startsWith(u"data.files[0].size must be"),
             qPrintable(f.ctx.sentTexts().last()));
    QVERIFY(f.ctx.follows().isEmpty());
    QVERIFY(!f.ctx.types().contains(u"upload:ready"_s));
    QCOMPARE(f.stagedUploads(), QStringList());
}

void TestUploadHandlers::listShowsTheOpenUploads()
{
    Fixture f;
    f.createTsg(u"listed-tsg"_s);
    f.send({.type = u"upload:list"_s, .requestId = u"l0"_s});
    const QJsonObject none = f.ctx.waitFor(u"upload:list:response"_s);
    QCOMPARE(none.value(u"requestId").toString(), u"l0"_s);
    QCOMPARE(dataOf(none).value(u"uploads").toArray(), QJsonArray());

    f.send({.type = u"tsg:upload:begin"_s,
            .data = QJsonObject{{u"tsgName"_s, u"listed-tsg"_s},
                                {u"files"_s, QJsonArray{declared(u"path"_s, u"a.log"_s, 100)}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    f.writeChunks(id, 0, randomBytes(40));
    QTRY_COMPARE(f.t.lib->openUploads().value(0).bytesReceived, qint64(40));

    f.send({.type = u"upload:list"_s, .requestId = u"l1"_s});
    const QJsonObject list = f.ctx.waitFor(u"upload:list:response"_s);
    QCOMPARE(list.value(u"requestId").toString(), u"l1"_s);
    const QJsonArray uploads = dataOf(list).value(u"uploads").toArray();
    QCOMPARE(uploads.size(), 1);
    const QJsonObject up = uploads.first().toObject();
    QCOMPARE(up.value(u"uploadId").toString(), id);
    QCOMPARE(up.value(u"tsgName").toString(), u"listed-tsg"_s);
    QCOMPARE(up.value(u"bytesReceived").toDouble(), 40.0);
    QCOMPARE(up.value(u"bytesTotal").toDouble(), 100.0);
    QCOMPARE(up.value(u"files").toArray().first().toObject().value(u"received").toDouble(), 40.0);
}

void TestUploadHandlers::abortRemovesTheUpload()
{
    Fixture f;
    f.createTsg(u"aborted-tsg"_s);
    f.send({.type = u"tsg:upload:begin"_s,
            .data = QJsonObject{{u"tsgName"_s, u"aborted-tsg"_s},
                                {u"files"_s, QJsonArray{declared(u"path"_s, u"a.log"_s, 10)}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    f.writeChunks(id, 0, "12345");
    QCOMPARE(f.stagedUploads(), QStringList{id});

    f.send({.type = u"upload:abort"_s, .requestId = u"a"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject aborted = f.ctx.waitFor(u"upload:aborted"_s);
    QCOMPARE(aborted.value(u"requestId").toString(), u"a"_s);
    QCOMPARE(dataOf(aborted).value(u"uploadId").toString(), id);
    QCOMPARE(f.ctx.unfollows(), QStringList{id});
    QCOMPARE(f.stagedUploads(), QStringList());
    QVERIFY(f.t.lib->openUploads().isEmpty());
    QVERIFY(!f.t.lib->findUpload(id));

    // Once aborted, it is gone for every message.
    for (const QString &type : {u"upload:abort"_s, u"upload:commit"_s, u"upload:resume"_s}) {
        f.send({.type = type, .requestId = type, .data = QJsonObject{{u"uploadId"_s, id}}});
        const QJsonObject e = f.ctx.waitFor(u"upload:error"_s);
        checkError(e, u"upload:error"_s, type, u"not_found"_s, type);
        QCOMPARE(e.value(u"uploadId").toString(), id);
        QVERIFY2(e.value(u"message").toString().contains(u"aborted"), qPrintable(f.ctx.sentTexts().last()));
    }
    QCOMPARE(f.ctx.unfollows(), QStringList{id});
}

void TestUploadHandlers::commitOfAnIncompleteUploadIsRefused()
{
    Fixture f;
    f.createTsg(u"early-tsg"_s);
    f.send({.type = u"tsg:upload:begin"_s,
            .data = QJsonObject{{u"tsgName"_s, u"early-tsg"_s},
                                {u"files"_s, QJsonArray{declared(u"path"_s, u"a.log"_s, 10)}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    f.send({.type = u"upload:commit"_s, .requestId = u"c"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject e = f.ctx.waitFor(u"upload:error"_s);
    checkError(e, u"upload:error"_s, u"upload:commit"_s, u"invalid"_s, u"c"_s);
    QCOMPARE(e.value(u"uploadId").toString(), id);
    QVERIFY2(e.value(u"message").toString().contains(u"a.log has 0 of 10 bytes"), qPrintable(f.ctx.sentTexts().last()));
    // Nothing landed, the upload is still open and still followed.
    QVERIFY(!QFileInfo::exists(f.t.tsgPath(u"early-tsg"_s, u"a.log"_s)));
    QVERIFY(f.t.lib->findUpload(id));
    QVERIFY(f.ctx.unfollows().isEmpty());
    QVERIFY(!f.ctx.types().contains(u"tsg:upload:success"_s));
}

void TestUploadHandlers::resumeOfAnUnknownUploadIsNotFound()
{
    Fixture f;
    const QString unknown = u"0123456789abcdef0123456789abcdef"_s;
    f.send({.type = u"upload:resume"_s, .requestId = u"r"_s, .data = QJsonObject{{u"uploadId"_s, unknown}}});
    const QJsonObject e = f.ctx.waitFor(u"upload:error"_s);
    checkError(e, u"upload:error"_s, u"upload:resume"_s, u"not_found"_s, u"r"_s);
    QCOMPARE(e.value(u"uploadId").toString(), unknown);
    QVERIFY(f.ctx.follows().isEmpty());
    // The id is checked by the route: a string of at most 64 characters.
    f.send({.type = u"upload:resume"_s, .requestId = u"r2"_s, .data = QJsonObject{{u"uploadId"_s, 5}}});
    const QJsonObject bad = f.ctx.waitFor(u"upload:error"_s);
    checkError(bad, u"upload:error"_s, u"upload:resume"_s, u"invalid"_s, u"r2"_s);
    QCOMPARE(bad.value(u"message").toString(), u"data.uploadId must be a string"_s);
}

void TestUploadHandlers::resumeFollowsWithANewGeneration()
{
    Fixture f;
    f.createTsg(u"resumed-tsg"_s);
    f.send({.type = u"tsg:upload:begin"_s,
            .requestId = u"b"_s,
            .data = QJsonObject{{u"tsgName"_s, u"resumed-tsg"_s},
                                {u"files"_s, QJsonArray{declared(u"path"_s, u"a.log"_s, 10)}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    f.writeChunks(id, 0, "1234");

    f.send({.type = u"upload:resume"_s, .requestId = u"r"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject ready = f.ctx.waitFor(u"upload:ready"_s);
    QCOMPARE(ready.value(u"requestId").toString(), u"r"_s);
    QCOMPARE(dataOf(ready).value(u"uploadId").toString(), id);
    QCOMPARE(dataOf(ready).value(u"bytesReceived").toDouble(), 4.0);
    QCOMPARE(f.ctx.follows().size(), 2);
    QCOMPARE(f.ctx.follows().at(1).upload.id, id);
    QCOMPARE(f.ctx.follows().at(1).requestId, QJsonValue(u"r"_s));
    QCOMPARE(f.ctx.follows().at(1).generation, 1);
    // Frames of the generation before the resume are refused from now on.
    const auto upload = f.t.lib->findUpload(id);
    QVERIFY(upload);
    const QByteArray frame = ChunkFrame::header(id, 0, 4) + "56";
    QVERIFY(
        upload->accept(0, 4, frame, ChunkFrame::kHeaderSize, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow, 0));
    QVERIFY(!upload->accept(0, 4, frame, ChunkFrame::kHeaderSize, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow,
                            f.ctx.follows().at(1).generation));
}

void TestUploadHandlers::chunkedUploadToATsgCompletes()
{
    Fixture f;
    f.createTsg(u"Chunked TSG"_s);
    const QByteArray big = randomBytes((2 << 20) + 12345); // three chunks, the last one short
    const QByteArray small = "small file";
    f.send({.type = u"tsg:upload:begin"_s,
            .requestId = u"b"_s,
            .data = QJsonObject{{u"tsgName"_s, u"chunked tsg"_s},
                                {u"files"_s,
                                 QJsonArray{declared(u"path"_s, u"data/big.log"_s, big.size(), sha256Hex(big)),
                                            declared(u"path"_s, u"small.txt"_s, small.size())}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    f.writeChunks(id, 0, big);
    f.writeChunks(id, 1, small);

    f.send({.type = u"upload:commit"_s, .requestId = u"c"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject success = f.ctx.waitFor(u"tsg:upload:success"_s);
    const QJsonObject files = f.ctx.waitFor(u"tsg:files:response"_s);
    QCOMPARE(f.ctx.types().mid(1), (QStringList{u"tsg:files:response"_s, u"tsg:upload:success"_s}));
    QCOMPARE(success.value(u"requestId").toString(), u"c"_s);
    QCOMPARE(files.value(u"requestId").toString(), u"c"_s);
    QCOMPARE(dataOf(success).value(u"tsgName").toString(), u"Chunked TSG"_s);
    QCOMPARE(dataOf(success).value(u"fileCount").toInt(), 2);
    const QJsonObject stored = dataOf(success).value(u"files").toArray().first().toObject();
    QCOMPARE(stored.value(u"path").toString(), u"data/big.log"_s);
    QCOMPARE(stored.value(u"size").toDouble(), double(big.size()));
    QCOMPARE(stored.value(u"sha256").toString(), sha256Hex(big));
    QCOMPARE(dataOf(files).value(u"tsgName").toString(), u"Chunked TSG"_s);
    QCOMPARE(dataOf(files).value(u"files").toArray().size(), 3); // data, data/big.log, small.txt

    QCOMPARE(readAll(f.t.tsgPath(u"Chunked TSG"_s, u"data/big.log"_s)), big);
    QCOMPARE(readAll(f.t.tsgPath(u"Chunked TSG"_s, u"small.txt"_s)), small);
    QCOMPARE(f.ctx.unfollows(), QStringList{id});
    QCOMPARE(f.stagedUploads(), QStringList());
    QVERIFY(f.t.lib->openUploads().isEmpty());

    // Committed once: a second commit finds nothing.
    f.send({.type = u"upload:commit"_s, .requestId = u"c2"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject again = f.ctx.waitFor(u"upload:error"_s);
    checkError(again, u"upload:error"_s, u"upload:commit"_s, u"not_found"_s, u"c2"_s);
    QCOMPARE(again.value(u"uploadId").toString(), id);
}

void TestUploadHandlers::chunkedUploadToASessionCompletes()
{
    Fixture f;
    const QByteArray bytes = randomBytes(70000);
    f.send({.type = u"session:upload:begin"_s,
            .requestId = u"b"_s,
            .sessionId = u"s-chunked"_s,
            .data = QJsonObject{{u"files"_s,
                                 QJsonArray{QJsonObject{{u"name"_s, u"core.dump"_s},
                                                        {u"size"_s, double(bytes.size())},
                                                        {u"type"_s, u"application/x-core"_s}}}}}});
    const QString id = dataOf(f.ctx.waitFor(u"upload:ready"_s)).value(u"uploadId").toString();
    // Sent in two parts: a commit in between is refused and changes nothing.
    const auto upload = f.t.lib->findUpload(id);
    QVERIFY(upload);
    const QByteArray head = ChunkFrame::header(id, 0, 0) + bytes.left(1000);
    QVERIFY(!upload->accept(0, 0, head, ChunkFrame::kHeaderSize, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow));
    f.send({.type = u"upload:commit"_s, .requestId = u"early"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    checkError(f.ctx.waitFor(u"upload:error"_s), u"upload:error"_s, u"upload:commit"_s, u"invalid"_s, u"early"_s);
    const QByteArray tail = ChunkFrame::header(id, 0, 1000) + bytes.mid(1000);
    QVERIFY(
        !upload->accept(0, 1000, tail, ChunkFrame::kHeaderSize, ChunkedUploads::kChunkSize, ChunkedUploads::kWindow));

    f.send({.type = u"upload:commit"_s, .requestId = u"c"_s, .data = QJsonObject{{u"uploadId"_s, id}}});
    const QJsonObject success = f.ctx.waitFor(u"session:upload:success"_s);
    QCOMPARE(success.value(u"requestId").toString(), u"c"_s);
    const QJsonObject stored = dataOf(success).value(u"files").toArray().first().toObject();
    QCOMPARE(stored.value(u"name").toString(), u"core.dump"_s);
    QCOMPARE(stored.value(u"originalName").toString(), u"core.dump"_s);
    QCOMPARE(stored.value(u"type").toString(), u"application/x-core"_s);
    QCOMPARE(stored.value(u"size").toDouble(), double(bytes.size()));
    QCOMPARE(readAll(f.sessionFile(u"s-chunked"_s, u"core.dump"_s)), bytes);
    QCOMPARE(f.ctx.unfollows(), QStringList{id});
}

QTEST_GUILESS_MAIN(TestUploadHandlers)
#include "tst_uploadhandlers.moc"
