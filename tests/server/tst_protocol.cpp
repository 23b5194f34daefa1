// The seed's protocol over a real socket: every message with its reply order and field names,
// requestId echo, errors that leave the connection usable, progress, and the broadcast that keeps
// every other client in sync.
#include "testserver.h"

#include <QJsonArray>

using namespace testing;

namespace {

QJsonObject file(const QString &path, const QByteArray &bytes, const QString &key = QStringLiteral("path"))
{
    return {{key, path},
            {QStringLiteral("content"), QString::fromLatin1(bytes.toBase64())},
            {QStringLiteral("type"), QStringLiteral("text/plain")},
            {QStringLiteral("size"), bytes.size()}};
}

} // namespace

class TestProtocol : public QObject {
    Q_OBJECT
private slots:
    void createReplyOrder();
    void listFields();
    void selectPersistsAndUnknownIsError();
    void deleteReplyOrderAndRestore();
    void uploadReplyOrderWithProgress();
    void getFilesSeedScenario();
    void sessionUpload();
    void errorsKeepConnectionUsable();
    void missingFieldsAllReported();
    void invalidBase64NamesTheFile();
    void binaryFrameIsAnError();
    void broadcastGoesToOthersOnly();
    void windowChangesReachClients();
};

void TestProtocol::createReplyOrder()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    const auto replies = c.await(c.send(QStringLiteral("tsg:create"),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("test-tsg-123")},
                                                    {QStringLiteral("description"), QStringLiteral("Test TSG")}}),
                                 {QStringLiteral("tsg:create:success")});
    QCOMPARE(c.types(replies),
             QStringList({QStringLiteral("tsg:list:response"), QStringLiteral("tsg:create:success")}));
    QCOMPARE(replies.last().value(u"data").toObject().value(u"name").toString(), QStringLiteral("test-tsg-123"));
    QCOMPARE(replies.first().value(u"data").toObject().value(u"tsgs").toArray().size(), 1);
    QVERIFY(QFileInfo::exists(s.t.tsgPath(QStringLiteral("test-tsg-123"), QStringLiteral(".metadata.json"))));
    const auto dup =
        c.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("TEST-tsg-123")}},
                  QStringLiteral("tsg:create:success"));
    QCOMPARE(dup.value(u"type").toString(), QStringLiteral("tsg:error"));
    QCOMPARE(dup.value(u"originalType").toString(), QStringLiteral("tsg:create"));
    QVERIFY(dup.value(u"message").toString().contains(u"already exists"));
    const auto shortName =
        c.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ab")}},
                  QStringLiteral("tsg:create:success"));
    QCOMPARE(shortName.value(u"message").toString(), QStringLiteral("TSG name must be between 3 and 100 characters"));
}

void TestProtocol::listFields()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("guide-one"), QStringLiteral("d"), {QStringLiteral("t")})).ok());
    QVERIFY(await(s.t.lib->upload(tsg::UploadTarget::tsg(QStringLiteral("guide-one")),
                                  batchOf({{QStringLiteral("a/b.md"), "12345"}})))
                .ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    const QJsonObject list =
        c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined), QStringLiteral("tsg:list:response"));
    QCOMPARE(list.value(u"requestId").toString(), QStringLiteral("r1"));
    const QJsonObject data = list.value(u"data").toObject();
    QVERIFY(data.value(u"activeTSG").isNull());
    const QJsonObject tsg = data.value(u"tsgs").toArray().first().toObject();
    QCOMPARE(tsg.value(u"name").toString(), QStringLiteral("guide-one"));
    QCOMPARE(tsg.value(u"fileCount").toInt(), 1);
    QCOMPARE(tsg.value(u"size").toInt(), 5);
    QCOMPARE(QDateTime::fromString(tsg.value(u"createdAt").toString(), Qt::ISODateWithMs),
             s.t.lib->tsgs().first().createdAt);
    QVERIFY(tsg.contains(u"updatedAt"));
}

void TestProtocol::selectPersistsAndUnknownIsError()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("picked"))).ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    const auto ok =
        c.request(QStringLiteral("tsg:select"), QJsonObject{{QStringLiteral("name"), QStringLiteral("picked")}},
                  QStringLiteral("tsg:select:success"));
    QCOMPARE(ok.value(u"data").toObject().value(u"activeTSG").toString(), QStringLiteral("picked"));
    QCOMPARE(QJsonDocument::fromJson(readAll(s.t.root() + u"/config.json"_qs)).object().value(u"activeTSG").toString(),
             QStringLiteral("picked"));
    const auto unknown =
        c.request(QStringLiteral("tsg:select"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ghost")}},
                  QStringLiteral("tsg:select:success"));
    QCOMPARE(unknown.value(u"type").toString(), QStringLiteral("tsg:error"));
    const auto cleared =
        c.request(QStringLiteral("tsg:select"), QJsonObject{{QStringLiteral("name"), QJsonValue::Null}},
                  QStringLiteral("tsg:select:success"));
    QVERIFY(cleared.value(u"data").toObject().value(u"activeTSG").isNull());
    QCOMPARE(s.t.lib->activeTsg(), std::nullopt);
}

void TestProtocol::deleteReplyOrderAndRestore()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("doomed"))).ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    const auto replies =
        c.await(c.send(QStringLiteral("tsg:delete"), QJsonObject{{QStringLiteral("name"), QStringLiteral("doomed")}}),
                {QStringLiteral("tsg:delete:success")});
    QCOMPARE(c.types(replies),
             QStringList({QStringLiteral("tsg:list:response"), QStringLiteral("tsg:delete:success")}));
    QCOMPARE(replies.first().value(u"data").toObject().value(u"tsgs").toArray().size(), 0);
    const QString trashId = replies.last().value(u"data").toObject().value(u"trashId").toString();
    const auto trash =
        c.request(QStringLiteral("tsg:trash"), QJsonValue(QJsonValue::Undefined), QStringLiteral("tsg:trash:response"));
    QCOMPARE(trash.value(u"data").toObject().value(u"entries").toArray().first().toObject().value(u"id").toString(),
             trashId);
    const auto restored = c.await(c.send(QStringLiteral("tsg:restore"), QJsonObject{{QStringLiteral("id"), trashId}}),
                                  {QStringLiteral("tsg:restore:success")});
    QCOMPARE(c.types(restored),
             QStringList({QStringLiteral("tsg:list:response"), QStringLiteral("tsg:restore:success")}));
    QCOMPARE(s.t.lib->tsgs().size(), 1);
}

void TestProtocol::uploadReplyOrderWithProgress()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("uploads"))).ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    const QByteArray big(6 << 20, 'L');
    const auto replies = c.await(c.send(QStringLiteral("tsg:upload"),
                                        QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("uploads")},
                                                    {QStringLiteral("files"),
                                                     QJsonArray{file(QStringLiteral("docs/guide.md"), "# Guide"),
                                                                file(QStringLiteral("logs/big.log"), big)}}}),
                                 {QStringLiteral("tsg:upload:success")}, 30000);
    QStringList types = c.types(replies);
    QVERIFY2(types.size() >= 4, qPrintable(types.join(u',')));
    QCOMPARE(types.first(), QStringLiteral("tsg:upload:progress"));
    QCOMPARE(types.mid(types.size() - 2),
             QStringList({QStringLiteral("tsg:files:response"), QStringLiteral("tsg:upload:success")}));
    const QJsonObject lastProgress = replies.at(replies.size() - 3).value(u"data").toObject();
    QCOMPARE(lastProgress.value(u"processed").toInt(), 2);
    QCOMPARE(lastProgress.value(u"total").toInt(), 2);
    QCOMPARE(qint64(lastProgress.value(u"bytesProcessed").toDouble()), big.size() + 7);
    QCOMPARE(qint64(lastProgress.value(u"bytesTotal").toDouble()), big.size() + 7);
    QCOMPARE(replies.last().value(u"data").toObject().value(u"fileCount").toInt(), 2);
    QCOMPARE(readAll(s.t.tsgPath(QStringLiteral("uploads"), QStringLiteral("logs/big.log"))), big);
    const QJsonArray files = replies.at(replies.size() - 2).value(u"data").toObject().value(u"files").toArray();
    QCOMPARE(files.size(), 4);
    QStringList hashed; // expected digests from Qt (testing::sha256Hex), not core/sha256.cpp under test
    for (const QJsonValue &f : files) {
        const QString name = f.toObject().value(u"name").toString();
        if (name == u"big.log")
            QCOMPARE(f.toObject().value(u"sha256").toString(), sha256Hex(big));
        if (name == u"guide.md")
            QCOMPARE(f.toObject().value(u"sha256").toString(), sha256Hex("# Guide"));
        if (!f.toObject().value(u"isDirectory").toBool())
            hashed << name;
    }
    hashed.sort();
    QCOMPARE(hashed, QStringList({QStringLiteral("big.log"), QStringLiteral("guide.md")}));
}

void TestProtocol::getFilesSeedScenario()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("test-tsg-123"))).ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    c.request(QStringLiteral("tsg:upload"),
              QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("test-tsg-123")},
                          {QStringLiteral("files"),
                           QJsonArray{file(QStringLiteral("docs/guide.md"), "# Guide\nContent"),
                                      file(QStringLiteral("logs/error.log"), "Error log content")}}},
              QStringLiteral("tsg:upload:success"));
    const auto files = c.request(QStringLiteral("tsg:get-files"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("test-tsg-123")}},
                                 QStringLiteral("tsg:files:response"));
    QCOMPARE(files.value(u"data").toObject().value(u"tsgName").toString(), QStringLiteral("test-tsg-123"));
    const QJsonArray list = files.value(u"data").toObject().value(u"files").toArray();
    QCOMPARE(list.size(), 4);
    QStringList seen;
    for (const QJsonValue &v : list)
        seen << v.toObject().value(u"path").toString() + u'=' + v.toObject().value(u"type").toString();
    QVERIFY(seen.contains(u"docs/guide.md=markdown"_qs));
    QVERIFY(seen.contains(u"logs/error.log=log"_qs));
}

void TestProtocol::sessionUpload()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    const auto ok =
        c.request(QStringLiteral("session:upload"),
                  QJsonObject{{QStringLiteral("files"),
                               QJsonArray{file(QStringLiteral("app.log"), "line 1\n", QStringLiteral("name"))}}},
                  QStringLiteral("session:upload:success"));
    QCOMPARE(ok.value(u"type").toString(), QStringLiteral("session:upload:success"));
    const QJsonObject f = ok.value(u"data").toObject().value(u"files").toArray().first().toObject();
    QCOMPARE(f.value(u"name").toString(), QStringLiteral("app.log"));
    QCOMPARE(f.value(u"size").toInt(), 7);
    QCOMPARE(f.value(u"type").toString(), QStringLiteral("text/plain"));
    QCOMPARE(readAll(f.value(u"path").toString()), QByteArray("line 1\n"));
    const auto listed =
        c.request(QStringLiteral("session:get-files"), QJsonObject(), QStringLiteral("session:files:response"));
    QCOMPARE(listed.value(u"data").toObject().value(u"files").toArray().size(), 1);
    const auto info = c.request(QStringLiteral("session:info"), QJsonObject(), QStringLiteral("session:info:response"));
    QCOMPARE(info.value(u"data").toObject().value(u"uploadedFiles").toArray().first().toString(),
             QStringLiteral("app.log"));
    QCOMPARE(info.value(u"data").toObject().value(u"sessionMetadata").toObject().value(u"fileUploadCount").toInt(), 1);
    const auto traversal =
        c.request(QStringLiteral("session:upload"),
                  QJsonObject{{QStringLiteral("files"),
                               QJsonArray{file(QStringLiteral("../x.log"), "x", QStringLiteral("name"))}}},
                  QStringLiteral("session:upload:success"));
    QCOMPARE(traversal.value(u"type").toString(), QStringLiteral("session:error"));
    QCOMPARE(traversal.value(u"originalType").toString(), QStringLiteral("session:upload"));
}

void TestProtocol::errorsKeepConnectionUsable()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    c.socket.sendTextMessage(QStringLiteral("this is not json"));
    c.socket.sendTextMessage(QStringLiteral("[1,2,3]"));
    c.socket.sendTextMessage(QStringLiteral("{\"type\":\"tsg:nope\",\"requestId\":\"u1\"}"));
    c.socket.sendTextMessage(QString(100000, u'[') + QString(100000, u']'));
    QTRY_COMPARE(c.messages.size(), 4);
    for (const QJsonObject &m : std::as_const(c.messages))
        QCOMPARE(m.value(u"type").toString(), QStringLiteral("error"));
    QVERIFY(c.messages.at(0).value(u"message").toString().contains(u"Invalid JSON"));
    QVERIFY(c.messages.at(1).value(u"message").toString().contains(u"JSON object"));
    QCOMPARE(c.messages.at(2).value(u"message").toString(), QStringLiteral("Unknown message type: tsg:nope"));
    QCOMPARE(c.messages.at(2).value(u"requestId").toString(), QStringLiteral("u1"));
    QVERIFY(c.messages.at(3).value(u"message").toString().contains(u"nested"));
    // A 10 MB string where a name belongs.
    const auto huge =
        c.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QString(10 << 20, u'n')}},
                  QStringLiteral("tsg:create:success"));
    QCOMPARE(huge.value(u"type").toString(), QStringLiteral("tsg:error"));
    QVERIFY(huge.value(u"message").toString().contains(u"data.name is longer than"));
    // Still usable.
    QCOMPARE(c.request(QStringLiteral("tsg:list"), QJsonValue(QJsonValue::Undefined),
                       QStringLiteral("tsg:list:response"))
                 .value(u"type")
                 .toString(),
             QStringLiteral("tsg:list:response"));
}

void TestProtocol::missingFieldsAllReported()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    const auto e = c.request(QStringLiteral("tsg:upload"), QJsonObject{{QStringLiteral("files"), 5}},
                             QStringLiteral("tsg:upload:success"));
    QCOMPARE(e.value(u"type").toString(), QStringLiteral("tsg:error"));
    const QString msg = e.value(u"message").toString();
    QVERIFY2(msg.contains(u"data.tsgName is required") && msg.contains(u"data.files must be an array"),
             qPrintable(msg));
    const auto nodata = c.request(QStringLiteral("tsg:delete"), QJsonValue(QJsonValue::Undefined),
                                  QStringLiteral("tsg:delete:success"));
    QVERIFY(nodata.value(u"message").toString().contains(u"data"));
    const auto badFiles =
        c.request(QStringLiteral("tsg:upload"),
                  QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("x-y-z")},
                              {QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("content"), 3}}, 7}}},
                  QStringLiteral("tsg:upload:success"));
    const QString m2 = badFiles.value(u"message").toString();
    QVERIFY2(m2.contains(u"data.files[0].path") && m2.contains(u"data.files[0].content")
                 && m2.contains(u"data.files[1] must be an object"),
             qPrintable(m2));
}

void TestProtocol::invalidBase64NamesTheFile()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("b64-tsg"))).ok());
    TestClient c;
    QVERIFY(c.open(s.url()));
    QJsonObject bad{{QStringLiteral("path"), QStringLiteral("notes.md")},
                    {QStringLiteral("content"), QStringLiteral("ab$d")}};
    const auto e = c.request(QStringLiteral("tsg:upload"),
                             QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("b64-tsg")},
                                         {QStringLiteral("files"), QJsonArray{bad}}},
                             QStringLiteral("tsg:upload:success"));
    QCOMPARE(e.value(u"type").toString(), QStringLiteral("tsg:error"));
    QVERIFY2(e.value(u"message").toString().contains(u"notes.md") && e.value(u"message").toString().contains(u"base64"),
             qPrintable(e.value(u"message").toString()));
    QVERIFY(!QFileInfo::exists(s.t.tsgPath(QStringLiteral("b64-tsg"), QStringLiteral("notes.md"))));
    // A claimed size that does not match the content (a truncated upload) is refused, not trusted.
    QJsonObject lying = file(QStringLiteral("short.md"), "abc");
    lying.insert(QStringLiteral("size"), 10);
    const auto e2 = c.request(QStringLiteral("tsg:upload"),
                              QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("b64-tsg")},
                                          {QStringLiteral("files"), QJsonArray{lying}}},
                              QStringLiteral("tsg:upload:success"));
    QVERIFY(e2.value(u"message").toString().contains(u"size says 10 bytes but content holds 3"));
}

void TestProtocol::binaryFrameIsAnError()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    c.socket.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
    QTRY_COMPARE(c.messages.size(), 1);
    QCOMPARE(c.messages.first().value(u"type").toString(), QStringLiteral("upload:error"));
    QVERIFY(c.messages.first().value(u"message").toString().contains(u"without a chunk header"));
    QVERIFY(c.staysOpen());
}

void TestProtocol::broadcastGoesToOthersOnly()
{
    TestServer s;
    TestClient a, b;
    QVERIFY(a.open(s.url()));
    QVERIFY(b.open(s.url()));
    QTRY_COMPARE(s.runtime->clientCount(), 2);
    a.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("shared-guide")}},
              QStringLiteral("tsg:create:success"));
    QTRY_COMPARE(b.messages.size(), 1);
    QCOMPARE(b.messages.first().value(u"type").toString(), QStringLiteral("tsg:list:response"));
    QVERIFY(!b.messages.first().contains(u"requestId"));
    QCOMPARE(b.messages.first()
                 .value(u"data")
                 .toObject()
                 .value(u"tsgs")
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"name")
                 .toString(),
             QStringLiteral("shared-guide"));
    // The originator got exactly its two replies, no extra broadcast: the broadcast went out before b
    // got it, so a reply to a later request of a's comes after anything the broadcast sent to a.
    const QString later = a.send(QStringLiteral("tsg:list"));
    QVERIFY(!a.await(later, {QStringLiteral("tsg:list:response")}).isEmpty());
    QCOMPARE(a.types(a.messages),
             QStringList({QStringLiteral("tsg:list:response"), QStringLiteral("tsg:create:success"),
                          QStringLiteral("tsg:list:response")}));
    QCOMPARE(a.messages.last().value(u"requestId").toString(), later);
    // Select is pushed too.
    a.request(QStringLiteral("tsg:select"), QJsonObject{{QStringLiteral("name"), QStringLiteral("shared-guide")}},
              QStringLiteral("tsg:select:success"));
    QTRY_VERIFY(b.messages.size() >= 2);
    QCOMPARE(b.messages.last().value(u"data").toObject().value(u"activeTSG").toString(),
             QStringLiteral("shared-guide"));
}

void TestProtocol::windowChangesReachClients()
{
    TestServer s;
    TestClient c;
    QVERIFY(c.open(s.url()));
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("from-window"))).ok()); // origin 0: the window
    QTRY_COMPARE(c.messages.size(), 1);
    QCOMPARE(c.messages.first().value(u"data").toObject().value(u"tsgs").toArray().size(), 1);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
