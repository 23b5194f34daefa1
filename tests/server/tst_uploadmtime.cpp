// A file's `mtime` over a real socket, in both upload forms: the stored file gets the original's modification
// time, tsg:get-files and session:get-files report it as modifiedAt, and a value that is not a whole number of
// milliseconds in range refuses the batch and stores nothing.
#include "testserver.h"

#include "chunkframe.h"

#include <QFileInfo>
#include <QJsonArray>

using namespace testing;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kOctober15 = 1760529600123; // 2025-10-15T12:00:00.123Z

QJsonObject fileIn(const QJsonObject &filesResponse, const QString &path)
{
    for (const QJsonValue &v : filesResponse.value(u"data").toObject().value(u"files").toArray())
        if (v.toObject().value(u"path").toString() == path || v.toObject().value(u"name").toString() == path)
            return v.toObject();
    return {};
}

} // namespace

class TestUploadMtime : public QObject {
    Q_OBJECT
private slots:
    void wholeFileUploadKeepsTheTime()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject done = c.request(
            u"tsg:upload"_s,
            QJsonObject{{u"tsgName"_s, u"vpn"_s},
                        {u"files"_s,
                         QJsonArray{QJsonObject{{u"path"_s, u"logs/vpn.log"_s},
                                                {u"content"_s, QString::fromLatin1(QByteArray("Error").toBase64())},
                                                {u"mtime"_s, double(kOctober15)}},
                                    QJsonObject{{u"path"_s, u"now.md"_s},
                                                {u"content"_s, QString::fromLatin1(QByteArray("x").toBase64())}}}}},
            u"tsg:upload:success"_s);
        QCOMPARE(done.value(u"type").toString(), u"tsg:upload:success"_s);
        QCOMPARE(QFileInfo(s.t.tsgPath(u"vpn"_s, u"logs/vpn.log"_s)).lastModified().toMSecsSinceEpoch(), kOctober15);
        // Without mtime: the time it was stored.
        QVERIFY(QFileInfo(s.t.tsgPath(u"vpn"_s, u"now.md"_s)).lastModified().toMSecsSinceEpoch() > kOctober15 + 1000);
        const QJsonObject files =
            c.request(u"tsg:get-files"_s, QJsonObject{{u"name"_s, u"vpn"_s}}, u"tsg:files:response"_s);
        QCOMPARE(fileIn(files, u"logs/vpn.log"_s).value(u"modifiedAt").toString(), u"2025-10-15T12:00:00.123Z"_s);
    }

    void sessionUploadKeepsTheTime()
    {
        TestServer s;
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject done =
            c.request(u"session:upload"_s,
                      QJsonObject{
                          {u"files"_s,
                           QJsonArray{QJsonObject{{u"name"_s, u"app.log"_s},
                                                  {u"content"_s, QString::fromLatin1(QByteArray("a").toBase64())},
                                                  {u"mtime"_s, double(kOctober15)}}}}},
                      u"session:upload:success"_s);
        QCOMPARE(done.value(u"type").toString(), u"session:upload:success"_s);
        const QJsonObject files =
            c.request(u"session:get-files"_s, QJsonValue(QJsonValue::Undefined), u"session:files:response"_s);
        // Sessions report whole seconds.
        QVERIFY2(fileIn(files, u"app.log"_s).value(u"modifiedAt").toString().startsWith(u"2025-10-15T12:00:00"),
                 QJsonDocument(files).toJson().constData());
    }

    void chunkedUploadKeepsTheTime()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QByteArray bytes("October's log\n");
        const QJsonObject ready = c.request(u"tsg:upload:begin"_s,
                                            QJsonObject{{u"tsgName"_s, u"vpn"_s},
                                                        {u"files"_s,
                                                         QJsonArray{QJsonObject{{u"path"_s, u"big/october.log"_s},
                                                                                {u"size"_s, double(bytes.size())},
                                                                                {u"mtime"_s, double(kOctober15)}}}}},
                                            u"upload:ready"_s);
        QCOMPARE(ready.value(u"type").toString(), u"upload:ready"_s);
        const QString id = ready.value(u"data").toObject().value(u"uploadId").toString();
        c.socket.sendBinaryMessage(tsg::ChunkFrame::header(id, 0, 0) + bytes);
        const auto committed =
            c.await(c.send(u"upload:commit"_s, QJsonObject{{u"uploadId"_s, id}}), {u"tsg:upload:success"_s});
        QCOMPARE(c.types(committed).value(committed.size() - 1), u"tsg:upload:success"_s);
        QCOMPARE(QFileInfo(s.t.tsgPath(u"vpn"_s, u"big/october.log"_s)).lastModified().toMSecsSinceEpoch(), kOctober15);
        const QJsonObject files =
            c.request(u"tsg:get-files"_s, QJsonObject{{u"name"_s, u"vpn"_s}}, u"tsg:files:response"_s);
        QCOMPARE(fileIn(files, u"big/october.log"_s).value(u"modifiedAt").toString(), u"2025-10-15T12:00:00.123Z"_s);
    }

    void badMtimeIsRefusedInBothForms_data()
    {
        QTest::addColumn<QJsonValue>("mtime");
        QTest::newRow("string") << QJsonValue(u"2025-10-15"_s);
        QTest::newRow("fraction") << QJsonValue(1.5);
        QTest::newRow("negative") << QJsonValue(-1);
        QTest::newRow("huge") << QJsonValue(1e300);
        QTest::newRow("past year 9999") << QJsonValue(253402300800000.0);
    }
    void badMtimeIsRefusedInBothForms()
    {
        QFETCH(QJsonValue, mtime);
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QString expected = u"data.files[0].mtime must be the file's modification time in milliseconds since "
                                 u"1970-01-01 UTC: a whole number from 0 to 253402300799999"_s;
        const QJsonObject whole =
            c.request(u"tsg:upload"_s,
                      QJsonObject{{u"tsgName"_s, u"vpn"_s},
                                  {u"files"_s,
                                   QJsonArray{
                                       QJsonObject{{u"path"_s, u"a.log"_s},
                                                   {u"content"_s, QString::fromLatin1(QByteArray("a").toBase64())},
                                                   {u"mtime"_s, mtime}}}}},
                      u"tsg:upload:success"_s);
        QCOMPARE(whole.value(u"type").toString(), u"tsg:error"_s);
        QVERIFY2(QJsonDocument(whole).toJson().contains(expected.toUtf8()), QJsonDocument(whole).toJson().constData());
        const QJsonObject chunked =
            c.request(u"tsg:upload:begin"_s,
                      QJsonObject{{u"tsgName"_s, u"vpn"_s},
                                  {u"files"_s,
                                   QJsonArray{
                                       QJsonObject{{u"path"_s, u"a.log"_s}, {u"size"_s, 1}, {u"mtime"_s, mtime}}}}},
                      u"upload:ready"_s);
        QCOMPARE(chunked.value(u"type").toString(), u"tsg:error"_s);
        QVERIFY2(QJsonDocument(chunked).toJson().contains(expected.toUtf8()),
                 QJsonDocument(chunked).toJson().constData());
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"vpn"_s, u"a.log"_s)));
    }
};

QTEST_MAIN(TestUploadMtime)
#include "tst_uploadmtime.moc"
