// Chunked uploads over a real Qt socket: upload:ready, binary frames with the 32-byte header,
// acknowledgements that never go backwards, the seed's commit replies, refusals that change
// nothing, resume from another connection, and a second client that sees the list change at commit.
#include "testserver.h"

#include "chunkframe.h"
#include "chunkeduploads.h"

#include <QJsonArray>

using namespace testing;
using namespace Qt::StringLiterals;

namespace {


// What the server acknowledged to this client: its last progress, or what upload:ready said it held.
qint64 lastAcked(const TestClient &c, const QString &id)
{
    qint64 acked = 0;
    for (const QJsonObject &m : c.messages)
        if (m.value(u"type").toString() == u"upload:ready" && m.value(u"data").toObject().value(u"uploadId").toString() == id)
            acked = std::max<qint64>(acked, qint64(m.value(u"data").toObject().value(u"bytesReceived").toDouble()));
    for (const QJsonObject &m : c.messages)
        if (m.value(u"type").toString().endsWith(u":upload:progress") && m.value(u"data").toObject().value(u"uploadId").toString() == id)
            acked = std::max<qint64>(acked, qint64(m.value(u"data").toObject().value(u"bytesProcessed").toDouble()));
    return acked;
}

// Sends file `index` from `from` to `to` in 1 MiB frames, keeping within the window like a client must.
void sendFile(TestClient &c, const QJsonObject &ready, int index, const QByteArray &bytes, qint64 from, qint64 to, qint64 &sent)
{
    const QString id = ready.value(u"uploadId").toString();
    const qint64 window = qint64(ready.value(u"window").toDouble());
    for (qint64 at = from; at < to;) {
        const qint64 n = std::min<qint64>(qint64(ready.value(u"chunkSize").toDouble()), to - at);
        QVERIFY2(QTest::qWaitFor([&] { return sent - lastAcked(c, id) + n <= window; }, 10000),
                 qPrintable(u"no acknowledgement: sent %1, acknowledged %2"_s.arg(sent).arg(lastAcked(c, id))));
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, quint32(index), quint64(at)) + bytes.mid(at, n));
        at += n;
        sent += n;
    }
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
        QVERIFY(c.request(u"tsg:create"_s, QJsonObject{{u"name"_s, u"wire"_s}}, u"tsg:create:success"_s).value(u"type") == u"tsg:create:success"_s);
        QTRY_VERIFY(!watcher.messages.isEmpty()); // the create's tsg:list:response
        watcher.messages.clear();

        const QByteArray a = randomBytes(20 * 1024 * 1024 + 3), b = randomBytes(5000);
        const QJsonArray files{QJsonObject{{u"path"_s, u"logs/a.log"_s}, {u"size"_s, double(a.size())}, {u"sha256"_s, sha256Hex(a)}},
                               QJsonObject{{u"path"_s, u"b.md"_s}, {u"size"_s, double(b.size())}}};
        const QJsonObject ready = c.request(u"tsg:upload:begin"_s, QJsonObject{{u"tsgName"_s, u"wire"_s}, {u"files"_s, files}},
                                            u"upload:ready"_s).value(u"data").toObject();
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
        const QJsonObject resumed = d.request(u"upload:resume"_s, QJsonObject{{u"uploadId"_s, id}}, u"upload:ready"_s).value(u"data").toObject();
        QCOMPARE(resumed.value(u"files").toArray().at(0).toObject().value(u"received").toDouble(), 10.0 * 1024 * 1024);
        QCOMPARE(resumed.value(u"bytesReceived").toDouble(), 10.0 * 1024 * 1024);

        // A frame at the wrong offset is refused with the offset to continue from, and changes nothing.
        d.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 5) + QByteArray(10, 'x'));
        QTRY_VERIFY(std::any_of(d.messages.begin(), d.messages.end(), [](const QJsonObject &m) { return m.value(u"type") == u"upload:error"_s; }));
        const auto refusal = *std::find_if(d.messages.begin(), d.messages.end(), [](const QJsonObject &m) { return m.value(u"type") == u"upload:error"_s; });
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
};

QTEST_MAIN(TestChunkedProtocol)
#include "tst_chunkedprotocol.moc"
