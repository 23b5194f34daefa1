// settings:get and settings:update over a real socket: the settings a client may change, a change saved to
// config.json and pushed nowhere else, and every refusal (a range, a key that may not change here, a section
// that does not exist) reported at once with nothing changed.
#include "testserver.h"

#include <QFile>
#include <QJsonArray>

using namespace testing;

namespace {

QJsonObject fileConfig(const TestServer &s)
{
    QFile f(s.t.root() + QStringLiteral("/config.json"));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace

class TestSettingsMessages : public QObject {
    Q_OBJECT
private slots:
    void getThenUpdate()
    {
        TestServer s;
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject got =
            c.request(QStringLiteral("settings:get"), QJsonValue::Undefined, QStringLiteral("settings:response"));
        QCOMPARE(got.value(u"type").toString(), QStringLiteral("settings:response"));
        const QJsonObject d = got.value(u"data").toObject();
        QCOMPARE(d.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 100);
        QCOMPARE(d.value(u"sessionSettings").toObject().value(u"maxFilesPerSession").toInt(), 100);
        QCOMPARE(d.value(u"tsgDesk").toObject().value(u"maxOpenUploads").toInt(), 16);
        QVERIFY(!d.value(u"tsgDesk").toObject().contains(u"port"));

        const QJsonObject updated =
            c.request(QStringLiteral("settings:update"),
                      QJsonObject{{QStringLiteral("tsgSettings"),
                                   QJsonObject{{QStringLiteral("maxUploadSize"), 200},
                                               {QStringLiteral("allowedFileTypes"),
                                                QJsonArray{QStringLiteral(".md"), QStringLiteral(".LOG")}}}},
                                  {QStringLiteral("tsgDesk"), QJsonObject{{QStringLiteral("maxOpenUploads"), 4}}}},
                      QStringLiteral("settings:update:success"));
        QCOMPARE(updated.value(u"type").toString(), QStringLiteral("settings:update:success"));
        const QJsonObject u = updated.value(u"data").toObject();
        QCOMPARE(u.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 200);
        QCOMPARE(u.value(u"tsgSettings").toObject().value(u"allowedFileTypes").toArray(),
                 (QJsonArray{QStringLiteral(".md"), QStringLiteral(".log")}));
        QCOMPARE(s.t.lib->config().tsg.maxUploadSize, 200);
        QCOMPARE(s.t.lib->config().desk.maxOpenUploads, 4);
        QCOMPARE(fileConfig(s).value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 200);
        QCOMPARE(fileConfig(s).value(u"tsgDesk").toObject().value(u"maxOpenUploads").toInt(), 4);
    }

    void refusalsChangeNothing()
    {
        TestServer s;
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QString id = c.send(QStringLiteral("settings:update"),
                                  QJsonObject{{QStringLiteral("tsgSettings"),
                                               QJsonObject{{QStringLiteral("maxUploadSize"), 0},
                                                           {QStringLiteral("cleanupAgeHours"), 1.5}}},
                                              {QStringLiteral("sessionSettings"),
                                               QJsonObject{{QStringLiteral("maxFilesPerSession"), 50}}},
                                              {QStringLiteral("tsgDesk"), QJsonObject{{QStringLiteral("port"), 80}}},
                                              {QStringLiteral("other"), QJsonObject{}}});
        const auto replies = c.await(id, {QStringLiteral("settings:update:success")});
        QVERIFY(!replies.isEmpty());
        const QJsonObject e = replies.last();
        QCOMPARE(e.value(u"type").toString(), QStringLiteral("error"));
        QCOMPARE(e.value(u"code").toString(), QStringLiteral("invalid"));
        const QString m = e.value(u"message").toString();
        QVERIFY2(m.contains(u"data.tsgDesk.port cannot be changed here"), qPrintable(m));
        QVERIFY2(m.contains(u"data.other is not a section"), qPrintable(m));
        // Checked after the keys, with config.json's own rules: fixed first, then the ranges.
        const QString id2 = c.send(QStringLiteral("settings:update"),
                                   QJsonObject{{QStringLiteral("tsgSettings"),
                                                QJsonObject{{QStringLiteral("maxUploadSize"), 0},
                                                            {QStringLiteral("cleanupAgeHours"), 1.5}}},
                                               {QStringLiteral("sessionSettings"),
                                                QJsonObject{{QStringLiteral("maxFilesPerSession"), 50}}}});
        const QJsonObject e2 = c.await(id2, {QStringLiteral("settings:update:success")}).last();
        const QString m2 = e2.value(u"message").toString();
        QVERIFY2(m2.contains(u"data.tsgSettings.maxUploadSize must be between 1 and 102400"), qPrintable(m2));
        QVERIFY2(m2.contains(u"data.tsgSettings.cleanupAgeHours is not a whole number"), qPrintable(m2));
        QCOMPARE(s.t.lib->config().session.maxFilesPerSession, 100); // all or nothing
        QCOMPARE(s.t.lib->config().tsg.maxUploadSize, 100);
    }
};

QTEST_MAIN(TestSettingsMessages)
#include "tst_settingsmessages.moc"
