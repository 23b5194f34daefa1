// A 100 MB batch — the default limit — in the seed's single-message form: it lands whole, and a
// second client is served while it is being written (its reply comes before the upload's success).
#include "testserver.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace testing;

class TestBigUpload : public QObject {
    Q_OBJECT
private slots:
    void hundredMegabytesInOneMessage();
};

void TestBigUpload::hundredMegabytesInOneMessage()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(QStringLiteral("big-batch"))).ok());
    const int files = 10;
    const int per = (100 << 20) / files - 64; // the whole batch just under 100 MB
    QJsonArray list;
    QStringList sums;
    for (int i = 0; i < files; ++i) {
        QByteArray bytes(per, Qt::Uninitialized);
        QRandomGenerator(quint32(i)).fillRange(reinterpret_cast<quint32 *>(bytes.data()), per / 4);
        sums << sha256Hex(bytes); // Qt's SHA-256, not core/sha256.cpp (OpenSSL) under test
        list.append(QJsonObject{{QStringLiteral("path"), QStringLiteral("dir%1/file%2.log").arg(i % 3).arg(i)},
                                {QStringLiteral("content"), QString::fromLatin1(bytes.toBase64())},
                                {QStringLiteral("type"), QStringLiteral("text/plain")},
                                {QStringLiteral("size"), per}});
    }
    TestClient uploader, other;
    QVERIFY(uploader.open(s.url()));
    QVERIFY(other.open(s.url()));
    const QString id = uploader.send(QStringLiteral("tsg:upload"),
                                     QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("big-batch")},
                                                 {QStringLiteral("files"), list}});
    list = QJsonArray();
    // Every message of either client, in the order this test's event loop received them.
    QStringList arrivals;
    connect(&uploader.socket, &QWebSocket::textMessageReceived, this,
            [&arrivals] { arrivals << QStringLiteral("uploader"); });
    connect(&other.socket, &QWebSocket::textMessageReceived, this,
            [&arrivals] { arrivals << QStringLiteral("other"); });
    // Once the server is writing the batch (its first progress report), the other client asks for the list.
    QTRY_VERIFY_WITH_TIMEOUT(!uploader.repliesTo(id).isEmpty(), 120000);
    QCOMPARE(uploader.repliesTo(id).first().value(u"type").toString(), QStringLiteral("tsg:upload:progress"));
    const QString listId = other.send(QStringLiteral("tsg:list"));
    const auto listed = other.await(listId, {QStringLiteral("tsg:list:response")}, 60000);
    QCOMPARE(other.types(listed), QStringList{QStringLiteral("tsg:list:response")});
    // It was answered during the upload: before the success reached this client, and from a library
    // in which the batch has not landed yet.
    QVERIFY2(!uploader.types(uploader.repliesTo(id)).contains(QStringLiteral("tsg:upload:success")),
             qPrintable(arrivals.join(u',')));
    const QJsonArray tsgsDuring = listed.first().value(u"data").toObject().value(u"tsgs").toArray();
    QCOMPARE(tsgsDuring.size(), 1);
    QCOMPARE(tsgsDuring.first().toObject().value(u"name").toString(), QStringLiteral("big-batch"));
    QCOMPARE(tsgsDuring.first().toObject().value(u"fileCount").toInt(-1), 0);
    const auto replies = uploader.await(id, {QStringLiteral("tsg:upload:success")}, 120000);
    const qsizetype listAt = arrivals.indexOf(QStringLiteral("other"));
    QVERIFY2(listAt >= 0 && arrivals.mid(listAt + 1).contains(QStringLiteral("uploader")),
             qPrintable(arrivals.join(u',')));
    QVERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().value(u"type").toString(), QStringLiteral("tsg:upload:success"));
    QCOMPARE(replies.last().value(u"data").toObject().value(u"fileCount").toInt(), files);
    for (int i = 0; i < files; ++i) {
        const QString path =
            s.t.tsgPath(QStringLiteral("big-batch"), QStringLiteral("dir%1/file%2.log").arg(i % 3).arg(i));
        QCOMPARE(QFileInfo(path).size(), qint64(per));
    }
    const QJsonArray landed = replies.at(replies.size() - 2).value(u"data").toObject().value(u"files").toArray();
    QStringList landedSums;
    for (const QJsonValue &f : landed)
        if (!f.toObject().value(u"isDirectory").toBool())
            landedSums << f.toObject().value(u"sha256").toString();
    landedSums.sort();
    sums.sort();
    QCOMPARE(landedSums, sums);
    QCOMPARE(s.t.lib->tsgs().first().size, qint64(per) * files);
}

QTEST_GUILESS_MAIN(TestBigUpload)
#include "tst_bigupload.moc"
