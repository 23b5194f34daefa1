// Declared file sizes on a real socket (issue 13 §7): a `size` that is not a whole number from 0 to
// 2^53 - 1 is refused with the same message by the single-message uploads (tsg:upload, session:upload)
// and the chunked ones (tsg:upload:begin, session:upload:begin). 1e300 used to go through an unchecked
// double-to-qint64 conversion (undefined behaviour; the reply said -9223372036854775808) and 3.9 was
// accepted for 3 bytes.
#include "testserver.h"

#include <QFile>
#include <QTest>

using namespace testing;

namespace {

// The message as the client writes it, with `size` spelled exactly as given.
QString message(const QString &type, const QString &id, const QString &files, bool session)
{
    const QString data = session ? QStringLiteral("{\"files\":[%1]}").arg(files)
                                 : QStringLiteral("{\"tsgName\":\"size-guide\",\"files\":[%1]}").arg(files);
    return QStringLiteral("{\"type\":\"%1\",\"requestId\":\"%2\",\"sessionId\":\"size-session\",\"data\":%3}")
        .arg(type, id, data);
}

} // namespace

class TestUploadSize : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(client.open(server.url()));
        const QJsonObject created = client.request(QStringLiteral("tsg:create"),
                                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("size-guide")}},
                                                   QStringLiteral("tsg:create:success"));
        QCOMPARE(created.value(u"type").toString(), QStringLiteral("tsg:create:success"));
    }

    void badSizesAreRefusedInBothForms_data()
    {
        QTest::addColumn<QString>("size");
        QTest::newRow("1e300") << QStringLiteral("1e300");
        QTest::newRow("-1e300") << QStringLiteral("-1e300");
        QTest::newRow("2^63") << QStringLiteral("9223372036854775808");
        QTest::newRow("2^53") << QStringLiteral("9007199254740992");
        QTest::newRow("3.9") << QStringLiteral("3.9");
        QTest::newRow("3.0000001") << QStringLiteral("3.0000001");
        QTest::newRow("-1") << QStringLiteral("-1");
        QTest::newRow("-3") << QStringLiteral("-3");
        QTest::newRow("1e-300") << QStringLiteral("1e-300");
    }

    void badSizesAreRefusedInBothForms()
    {
        QFETCH(QString, size);
        const QString expected = QStringLiteral("data.files[0].size must be the file's size in bytes: a whole number "
                                                "from 0 to 9007199254740991");
        struct Form {
            QString type, entry, error;
            bool session;
        };
        const QList<Form> forms{
            {QStringLiteral("tsg:upload"), QStringLiteral("{\"path\":\"a.md\",\"content\":\"QUJD\",\"size\":%1}"),
             QStringLiteral("tsg:error"), false},
            {QStringLiteral("session:upload"), QStringLiteral("{\"name\":\"a.md\",\"content\":\"QUJD\",\"size\":%1}"),
             QStringLiteral("session:error"), true},
            {QStringLiteral("tsg:upload:begin"), QStringLiteral("{\"path\":\"a.md\",\"size\":%1}"),
             QStringLiteral("tsg:error"), false},
            {QStringLiteral("session:upload:begin"), QStringLiteral("{\"name\":\"a.md\",\"size\":%1}"),
             QStringLiteral("session:error"), true},
        };
        for (const Form &form : forms) {
            const QString id = QStringLiteral("%1-%2").arg(form.type, size);
            client.socket.sendTextMessage(message(form.type, id, form.entry.arg(size), form.session));
            const auto replies =
                client.await(id,
                             {QStringLiteral("tsg:upload:success"), QStringLiteral("session:upload:success"),
                              QStringLiteral("upload:ready")});
            QVERIFY2(!replies.isEmpty(), qPrintable(form.type + QStringLiteral(": no reply")));
            const QJsonObject reply = replies.last();
            QVERIFY2(reply.value(u"type").toString().endsWith(u"error"),
                     qPrintable(form.type + QStringLiteral(" accepted size ") + size + QStringLiteral(": ")
                                + QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact))));
            const QString error = reply.value(u"message").toString();
            QVERIFY2(error.contains(expected), qPrintable(form.type + QStringLiteral(": ") + error));
            QVERIFY2(!error.contains(u"-9223372036854775808"), qPrintable(error));
        }
        QVERIFY(!QFile::exists(server.t.tsgPath(QStringLiteral("size-guide"), QStringLiteral("a.md"))));
    }

    // A whole number above the upload limit (100 MiB for TSGs, 50 MiB for sessions) is refused by the
    // limit check: the chunked form before any byte, the single-message form as a mismatch with the content.
    void sizesOverTheLimitAreRefused()
    {
        const QString over = QString::number(100 * 1024 * 1024 + 1);
        const QString begin = QStringLiteral("over-begin");
        client.socket.sendTextMessage(message(QStringLiteral("tsg:upload:begin"), begin,
                                              QStringLiteral("{\"path\":\"big.md\",\"size\":%1}").arg(over), false));
        auto replies = client.await(begin, {QStringLiteral("upload:ready")});
        QVERIFY(!replies.isEmpty());
        QCOMPARE(replies.last().value(u"type").toString(), QStringLiteral("tsg:error"));
        QVERIFY2(replies.last().value(u"message").toString().contains(u"exceeds limit"),
                 qPrintable(replies.last().value(u"message").toString()));
        const QString single = QStringLiteral("over-single");
        client.socket.sendTextMessage(
            message(QStringLiteral("tsg:upload"), single,
                    QStringLiteral("{\"path\":\"big.md\",\"content\":\"QUJD\",\"size\":%1}").arg(over), false));
        replies = client.await(single, {QStringLiteral("tsg:upload:success")});
        QVERIFY(!replies.isEmpty());
        QCOMPARE(replies.last().value(u"type").toString(), QStringLiteral("tsg:error"));
        QVERIFY2(replies.last()
                     .value(u"message")
                     .toString()
                     .contains(QStringLiteral("size says %1 bytes but content holds 3").arg(over)),
                 qPrintable(replies.last().value(u"message").toString()));
    }

    // Whole numbers, however spelled, are taken: 3, 3.0 and 3e0 for three bytes.
    void wholeSizesAreTaken_data()
    {
        QTest::addColumn<QString>("size");
        QTest::newRow("3") << QStringLiteral("3");
        QTest::newRow("3.0") << QStringLiteral("3.0");
        QTest::newRow("3e0") << QStringLiteral("3e0");
        QTest::newRow("0.3e1") << QStringLiteral("0.3e1");
    }

    void wholeSizesAreTaken()
    {
        QFETCH(QString, size);
        const QString id = QStringLiteral("ok-") + size;
        client.socket.sendTextMessage(message(QStringLiteral("tsg:upload"), id,
                                              QStringLiteral("{\"path\":\"w%1.md\",\"content\":\"QUJD\",\"size\":%2}")
                                                  .arg(QString(size).replace(u'.', u'_'), size),
                                              false));
        const auto replies = client.await(id, {QStringLiteral("tsg:upload:success")});
        QVERIFY(!replies.isEmpty());
        QCOMPARE(replies.last().value(u"type").toString(), QStringLiteral("tsg:upload:success"));
    }

private:
    TestServer server;
    TestClient client;
};

QTEST_GUILESS_MAIN(TestUploadSize)
#include "tst_uploadsize.moc"
