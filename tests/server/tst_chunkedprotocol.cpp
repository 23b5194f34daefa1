// Chunked uploads over a real Qt socket: upload:ready, binary frames with the 32-byte header,
// acknowledgements that never go backwards, the seed's commit replies, refusals that change
// nothing, resume from another connection, and a second client that sees the list change at commit;
// resume right after a drop, refusals that say where to go on, a connection that only sends refused
// frames, tiny frames, and two uploads that would write the same file.
#include "testserver.h"

#include "chunkeduploads.h"
#include "chunkframe.h"
#include "chunkreceiver.h"

#include <QFileInfo>
#include <QJsonArray>

using namespace testing;
using namespace Qt::StringLiterals;

namespace {

// What the server acknowledged to this client: its last progress, or what upload:ready said it held.
qint64 lastAcked(const TestClient &c, const QString &id)
{
    qint64 acked = 0;
    for (const QJsonObject &m : c.messages)
        if (m.value(u"type").toString() == u"upload:ready"
            && m.value(u"data").toObject().value(u"uploadId").toString() == id)
            acked = std::max<qint64>(acked, qint64(m.value(u"data").toObject().value(u"bytesReceived").toDouble()));
    for (const QJsonObject &m : c.messages)
        if (m.value(u"type").toString().endsWith(u":upload:progress")
            && m.value(u"data").toObject().value(u"uploadId").toString() == id)
            acked = std::max<qint64>(acked, qint64(m.value(u"data").toObject().value(u"bytesProcessed").toDouble()));
    return acked;
}

// Sends file `index` from `from` to `to` in 1 MiB frames, keeping within the window like a client must.
void sendFile(TestClient &c, const QJsonObject &ready, int index, const QByteArray &bytes, qint64 from, qint64 to,
              qint64 &sent)
{
    const QString id = ready.value(u"uploadId").toString();
    const qint64 window = qint64(ready.value(u"window").toDouble());
    for (qint64 at = from; at < to;) {
        const qint64 n = std::min<qint64>(qint64(ready.value(u"chunkSize").toDouble()), to - at);
        QVERIFY2(n > 0, "upload:ready without a chunkSize");
        QVERIFY2(QTest::qWaitFor([&] { return sent - lastAcked(c, id) + n <= window; }, 10000),
                 qPrintable(u"no acknowledgement: sent %1, acknowledged %2"_s.arg(sent).arg(lastAcked(c, id))));
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, quint32(index), quint64(at)) + bytes.mid(at, n));
        at += n;
        sent += n;
    }
}

QJsonObject begin(TestClient &c, const QString &tsg, const QJsonArray &files)
{
    return c.request(u"tsg:upload:begin"_s, QJsonObject{{u"tsgName"_s, tsg}, {u"files"_s, files}}, u"upload:ready"_s);
}

// Begins an upload of one file of `size` bytes and returns its id.
QString beginOneFile(TestClient &c, const QString &tsg, const QString &path, qint64 size)
{
    return begin(c, tsg, {QJsonObject{{u"path"_s, path}, {u"size"_s, double(size)}}})
        .value(u"data")
        .toObject()
        .value(u"uploadId")
        .toString();
}

QList<QJsonObject> ofType(const TestClient &c, const QString &type)
{
    QList<QJsonObject> out;
    for (const QJsonObject &m : c.messages)
        if (m.value(u"type").toString() == type)
            out << m;
    return out;
}

} // namespace

class TestChunkedProtocol : public QObject {
    Q_OBJECT
private slots:
    void uploadResumeAndCommitOverTheWire()
    {
        TestServer s;
        TestClient c, watcher;
        QVERIFY(c.open(s.url()) && watcher.open(s.url()));
        QVERIFY(c.request(u"tsg:create"_s, QJsonObject{{u"name"_s, u"wire"_s}}, u"tsg:create:success"_s).value(u"type")
                == u"tsg:create:success"_s);
        QTRY_VERIFY(!watcher.messages.isEmpty()); // the create's tsg:list:response
        watcher.messages.clear();

        const QByteArray a = randomBytes(20 * 1024 * 1024 + 3), b = randomBytes(5000);
        const QJsonArray files{QJsonObject{{u"path"_s, u"logs/a.log"_s},
                                           {u"size"_s, double(a.size())},
                                           {u"sha256"_s, sha256Hex(a)}},
                               QJsonObject{{u"path"_s, u"b.md"_s}, {u"size"_s, double(b.size())}}};
        const QJsonObject ready =
            c.request(u"tsg:upload:begin"_s, QJsonObject{{u"tsgName"_s, u"wire"_s}, {u"files"_s, files}},
                      u"upload:ready"_s)
                .value(u"data")
                .toObject();
        const QString id = ready.value(u"uploadId").toString();
        QCOMPARE(id.size(), 32);
        QCOMPARE(ready.value(u"chunkSize").toDouble(), double(tsg::ChunkedUploads::kChunkSize));
        QCOMPARE(ready.value(u"files").toArray().at(0).toObject().value(u"received").toDouble(), 0.0);

        // Half of the big file from this connection ...
        qint64 sent = 0;
        sendFile(c, ready, 0, a, 0, 10 * 1024 * 1024, sent);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(lastAcked(c, id), 10 * 1024 * 1024, 10000);
        c.socket.close();
        // ... the rest from another one, which learns the offsets the server holds.
        TestClient d;
        QVERIFY(d.open(s.url()));
        const QJsonObject resumed = d.request(u"upload:resume"_s, QJsonObject{{u"uploadId"_s, id}}, u"upload:ready"_s)
                                        .value(u"data")
                                        .toObject();
        QCOMPARE(resumed.value(u"files").toArray().at(0).toObject().value(u"received").toDouble(), 10.0 * 1024 * 1024);
        QCOMPARE(resumed.value(u"bytesReceived").toDouble(), 10.0 * 1024 * 1024);

        // A frame at the wrong offset is refused with the offset to continue from, and changes nothing.
        d.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 5) + QByteArray(10, 'x'));
        QTRY_VERIFY(std::any_of(d.messages.begin(), d.messages.end(),
                                [](const QJsonObject &m) { return m.value(u"type") == u"upload:error"_s; }));
        const auto refusal = *std::find_if(d.messages.begin(), d.messages.end(),
                                           [](const QJsonObject &m) { return m.value(u"type") == u"upload:error"_s; });
        QCOMPARE(refusal.value(u"expectedOffset").toDouble(), 10.0 * 1024 * 1024);
        QCOMPARE(refusal.value(u"uploadId").toString(), id);

        sent = qint64(resumed.value(u"bytesReceived").toDouble());
        sendFile(d, resumed, 0, a, 10 * 1024 * 1024, a.size(), sent);
        sendFile(d, resumed, 1, b, 0, b.size(), sent);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(lastAcked(d, id), a.size() + b.size(), 10000);
        QCOMPARE(watcher.messages.size(), 0); // nothing visible to others before the commit

        const QString commitId = d.send(u"upload:commit"_s, QJsonObject{{u"uploadId"_s, id}});
        const auto replies = d.await(commitId, {u"tsg:upload:success"_s});
        QCOMPARE(d.types(replies), QStringList({u"tsg:files:response"_s, u"tsg:upload:success"_s}));
        const QJsonArray stored = replies.last().value(u"data").toObject().value(u"files").toArray();
        QCOMPARE(stored.at(0).toObject().value(u"sha256").toString(), sha256Hex(a));
        QCOMPARE(stored.at(1).toObject().value(u"sha256").toString(), sha256Hex(b));
        QCOMPARE(readAll(s.t.tsgPath(u"wire"_s, u"logs/a.log"_s)), a);
        QCOMPARE(readAll(s.t.tsgPath(u"wire"_s, u"b.md"_s)), b);
        QTRY_COMPARE(watcher.messages.size(), 1);
        QCOMPARE(watcher.messages.first().value(u"type").toString(), u"tsg:list:response"_s);

        // The id is finished now: a late frame says so.
        d.messages.clear();
        d.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 1, 0) + QByteArray(10, 'x'));
        QTRY_COMPARE(d.messages.size(), 1);
        QVERIFY(d.messages.first().value(u"message").toString().contains(u"was committed"));
    }

    // Frames still queued on the old socket when it drops are either written before the resume answers
    // or refused: `received` is what the server ends up holding, and the next frame there is taken.
    void resumeRightAfterADropReportsTheFinalOffset()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"drop"_s)).ok());
        const QByteArray bytes = randomBytes(3 * 1024 * 1024);
        for (int round = 0; round < 3; ++round) {
            const QString path = u"logs/r%1.log"_s.arg(round);
            TestClient a, b; // b is open already: its resume goes out the moment a is gone
            QVERIFY(a.open(s.url()) && b.open(s.url()));
            const QJsonObject ready = begin(a, u"drop"_s,
                                            {QJsonObject{{u"path"_s, path},
                                                         {u"size"_s, double(bytes.size())},
                                                         {u"sha256"_s, sha256Hex(bytes)}}})
                                          .value(u"data")
                                          .toObject();
            const QString id = ready.value(u"uploadId").toString();
            QCOMPARE(id.size(), 32);
            // 1000 frames of 1 KiB, sent without waiting for any acknowledgement, then the connection goes.
            for (qint64 at = 0; at < 1000 * 1024; at += 1024)
                a.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, quint64(at)) + bytes.mid(at, 1024));
            a.socket.flush();
            a.socket.close();

            // Acknowledgements of a's frames may follow with the same requestId: take the upload:ready.
            const auto replies =
                b.await(b.send(u"upload:resume"_s, QJsonObject{{u"uploadId"_s, id}}), {u"upload:ready"_s});
            const auto readyReply = std::find_if(replies.begin(), replies.end(), [](const QJsonObject &m) {
                return m.value(u"type") == u"upload:ready"_s;
            });
            QVERIFY(readyReply != replies.end());
            const QJsonObject resumed = readyReply->value(u"data").toObject();
            const qint64 received =
                qint64(resumed.value(u"files").toArray().at(0).toObject().value(u"received").toDouble());
            QCOMPARE(qint64(resumed.value(u"bytesReceived").toDouble()), received);
            qint64 sent = received;
            sendFile(b, resumed, 0, bytes, received, bytes.size(), sent);
            if (QTest::currentTestFailed())
                return;
            QTRY_VERIFY_WITH_TIMEOUT(lastAcked(b, id) == bytes.size() || !ofType(b, u"upload:error"_s).isEmpty(),
                                     20000);
            const auto errors = ofType(b, u"upload:error"_s);
            QVERIFY2(errors.isEmpty(),
                     qPrintable(u"round %1: resume said %2, then: %3"_s.arg(round).arg(received).arg(
                         errors.value(0).value(u"message").toString())));
            const auto committed =
                b.await(b.send(u"upload:commit"_s, QJsonObject{{u"uploadId"_s, id}}), {u"tsg:upload:success"_s});
            QCOMPARE(b.types(committed).value(committed.size() - 1), u"tsg:upload:success"_s);
            QCOMPARE(readAll(s.t.tsgPath(u"drop"_s, path)), bytes);
        }
    }

    // A frame whose offset does not fit in 63 bits is refused with the upload, the file and where to go on.
    void refusalOfAnOutOfRangeOffsetSaysWhereToGoOn()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"far"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QString id = beginOneFile(c, u"far"_s, u"a.log"_s, 100);
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 0) + QByteArray(10, 'a'));
        QTRY_COMPARE(lastAcked(c, id), 10);
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, quint64(1) << 63) + QByteArray(10, 'b'));
        QTRY_COMPARE(ofType(c, u"upload:error"_s).size(), 1);
        const QJsonObject refusal = ofType(c, u"upload:error"_s).first();
        QCOMPARE(refusal.value(u"uploadId").toString(), id);
        QCOMPARE(refusal.value(u"fileIndex").toDouble(), 0.0);
        QCOMPARE(refusal.value(u"expectedOffset").toDouble(), 10.0);
        QCOMPARE(refusal.value(u"offset").toDouble(), 9223372036854775808.0);
        QVERIFY2(refusal.value(u"message").toString().contains(u"out of range"),
                 qPrintable(refusal.value(u"message").toString()));
    }

    // A client that only sends frames that are refused is not reading its refusals: after
    // kMaxRefusalsInARow of them the connection is closed with 1008, and the refusals sent are bounded.
    void aConnectionThatOnlySendsRefusedFramesIsClosed()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"spam"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QString id = beginOneFile(c, u"spam"_s, u"a.log"_s, 100);
        constexpr int n = tsg::ChunkReceiver::kMaxRefusalsInARow;
        // One good frame in the middle starts the count again.
        for (int i = 0; i < n - 1; ++i)
            c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 50) + QByteArray(32, 'x'));
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 0) + QByteArray(10, 'a'));
        QTRY_COMPARE_WITH_TIMEOUT(lastAcked(c, id), 10, 20000);
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
        // Exactly n more: a frame still arriving after the close would make the server's kernel reset the
        // connection, and the reset can discard the close frame before this client reads it (documented).
        for (int i = 0; i < n; ++i)
            c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 50) + QByteArray(32, 'x'));
        QTRY_COMPARE_WITH_TIMEOUT(c.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated), 20000);
        QCOMPARE(c.closeReason, u"too many refused frames"_s);
        QCOMPARE(ofType(c, u"upload:error"_s).size(), 2 * n - 1);
        for (const QJsonObject &e : ofType(c, u"upload:error"_s))
            QVERIFY(e.value(u"expectedOffset").toDouble() >= 0);
        // The upload itself is untouched: another connection resumes it where it was.
        TestClient d;
        QVERIFY(d.open(s.url()));
        const auto resumed = d.request(u"upload:resume"_s, QJsonObject{{u"uploadId"_s, id}}, u"upload:ready"_s);
        QCOMPARE(resumed.value(u"data").toObject().value(u"bytesReceived").toDouble(), 10.0);
    }

    // Thousands of 1-byte frames sent at once (within the window) are all taken, in order: a full writer
    // queue holds the socket back instead of refusing or queueing without bound.
    void tinyFramesAreAllTakenInOrder()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"tiny"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const qint64 n = 3 * tsg::ChunkedUpload::kMaxQueuedFrames + 17;
        const QByteArray bytes = randomBytes(n);
        const QString id = beginOneFile(c, u"tiny"_s, u"t.log"_s, n);
        for (qint64 at = 0; at < n; ++at)
            c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, quint64(at)) + bytes.mid(at, 1));
        QTRY_COMPARE_WITH_TIMEOUT(lastAcked(c, id), n, 60000);
        QCOMPARE(ofType(c, u"upload:error"_s).size(), 0);
        const auto replies =
            c.await(c.send(u"upload:commit"_s, QJsonObject{{u"uploadId"_s, id}}), {u"tsg:upload:success"_s});
        QCOMPARE(c.types(replies).value(replies.size() - 1), u"tsg:upload:success"_s);
        QCOMPARE(readAll(s.t.tsgPath(u"tiny"_s, u"t.log"_s)), bytes);
    }

    // Two uploads that would write the same file of a TSG: the second is refused at its begin, naming
    // the open upload, whether it is chunked or a single message; once the first is committed (or
    // aborted) the path is free again, and replacing an existing file works as before.
    void anOpenUploadHoldsItsPaths()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"same"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QByteArray first = "first version\n", second = "second version\n";
        const QJsonObject one =
            begin(c, u"same"_s, {QJsonObject{{u"path"_s, u"a/b.md"_s}, {u"size"_s, double(first.size())}}});
        QCOMPARE(one.value(u"type").toString(), u"upload:ready"_s);
        const QString id = one.value(u"data").toObject().value(u"uploadId").toString();

        // Chunked, spelled in another case: refused, naming the open upload.
        const QJsonObject two = begin(c, u"same"_s, {QJsonObject{{u"path"_s, u"A/b.md"_s}, {u"size"_s, 3}}});
        QCOMPARE(two.value(u"type").toString(), u"tsg:error"_s);
        const QString why =
            two.value(u"data").toObject().value(u"message").toString() + two.value(u"message").toString();
        QVERIFY2(why.contains(id) && why.contains(u"A/b.md"), qPrintable(why));
        // Single message: refused the same way, nothing written.
        const QJsonObject single =
            c.request(u"tsg:upload"_s,
                      QJsonObject{{u"tsgName"_s, u"same"_s},
                                  {u"files"_s,
                                   QJsonArray{QJsonObject{{u"path"_s, u"a/b.md"_s},
                                                          {u"content"_s, QString::fromLatin1(second.toBase64())},
                                                          {u"size"_s, second.size()}}}}},
                      u"tsg:upload:success"_s);
        QCOMPARE(single.value(u"type").toString(), u"tsg:error"_s);
        QVERIFY2((single.value(u"data").toObject().value(u"message").toString() + single.value(u"message").toString())
                     .contains(id),
                 QJsonDocument(single).toJson().constData());
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"same"_s, u"a/b.md"_s)));
        // Another path of the same TSG is free.
        QCOMPARE(begin(c, u"same"_s, {QJsonObject{{u"path"_s, u"a/c.md"_s}, {u"size"_s, 3}}}).value(u"type").toString(),
                 u"upload:ready"_s);

        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 0) + first);
        QTRY_COMPARE(lastAcked(c, id), first.size());
        const auto committed =
            c.await(c.send(u"upload:commit"_s, QJsonObject{{u"uploadId"_s, id}}), {u"tsg:upload:success"_s});
        QCOMPARE(c.types(committed).value(committed.size() - 1), u"tsg:upload:success"_s);
        QCOMPARE(readAll(s.t.tsgPath(u"same"_s, u"a/b.md"_s)), first);

        // Committed: the path is free, and a later upload replaces the file as it always did.
        const QJsonObject after =
            c.request(u"tsg:upload"_s,
                      QJsonObject{{u"tsgName"_s, u"same"_s},
                                  {u"files"_s,
                                   QJsonArray{QJsonObject{{u"path"_s, u"a/b.md"_s},
                                                          {u"content"_s, QString::fromLatin1(second.toBase64())},
                                                          {u"size"_s, second.size()}}}}},
                      u"tsg:upload:success"_s);
        QCOMPARE(after.value(u"type").toString(), u"tsg:upload:success"_s);
        QCOMPARE(readAll(s.t.tsgPath(u"same"_s, u"a/b.md"_s)), second);
        // Sessions keep both files of a name, so their uploads hold nothing.
    }
};

QTEST_MAIN(TestChunkedProtocol)
#include "tst_chunkedprotocol.moc"
