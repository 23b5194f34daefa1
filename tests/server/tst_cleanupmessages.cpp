// cleanup:status and cleanup:run over a real socket: the status before any run, a run answered when it is
// done with what it removed, and the status after it naming that run; a session stays while any client that
// used it is connected.
#include "testserver.h"

#include <QJsonArray>

using namespace testing;

class TestCleanupMessages : public QObject {
    Q_OBJECT
private slots:
    void statusThenRunThenStatus()
    {
        TestServer s;
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject before = c.request(QStringLiteral("cleanup:status"), QJsonValue::Undefined,
                                             QStringLiteral("cleanup:status:response"));
        QCOMPARE(before.value(u"type").toString(), QStringLiteral("cleanup:status:response"));
        const QJsonObject b = before.value(u"data").toObject();
        QVERIFY(b.value(u"enabled").isBool());
        QCOMPARE(b.value(u"running").toBool(), false);
        QVERIFY(b.value(u"lastRun").isNull());
        QVERIFY(b.value(u"last").isNull());
        QCOMPARE(b.value(u"pendingUploads").toInt(), 0);

        // An open chunked upload is what the status counts as waiting.
        const QJsonObject created =
            c.request(QStringLiteral("tsg:create"), QJsonObject{{QStringLiteral("name"), QStringLiteral("cleanme")}},
                      QStringLiteral("tsg:create:success"));
        QCOMPARE(created.value(u"type").toString(), QStringLiteral("tsg:create:success"));
        const QJsonObject ready =
            c.request(QStringLiteral("tsg:upload:begin"),
                      QJsonObject{{QStringLiteral("tsgName"), QStringLiteral("cleanme")},
                                  {QStringLiteral("files"),
                                   QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("a.log")},
                                                          {QStringLiteral("size"), 10}}}}},
                      QStringLiteral("upload:ready"));
        QCOMPARE(ready.value(u"type").toString(), QStringLiteral("upload:ready"));

        const QJsonObject run =
            c.request(QStringLiteral("cleanup:run"), QJsonValue::Undefined, QStringLiteral("cleanup:run:success"));
        QCOMPARE(run.value(u"type").toString(), QStringLiteral("cleanup:run:success"));
        const QJsonObject report = run.value(u"data").toObject();
        QVERIFY(!report.value(u"finishedAt").toString().isEmpty());
        QCOMPARE(report.value(u"uploadsExpired").toInt(), 0);
        QVERIFY(report.value(u"errors").isArray());

        const QJsonObject after = c.request(QStringLiteral("cleanup:status"), QJsonValue::Undefined,
                                            QStringLiteral("cleanup:status:response"));
        const QJsonObject a = after.value(u"data").toObject();
        QCOMPARE(a.value(u"lastRun").toString(), report.value(u"finishedAt").toString());
        QCOMPARE(a.value(u"last").toObject().value(u"finishedAt").toString(), report.value(u"finishedAt").toString());
        QCOMPARE(a.value(u"pendingUploads").toInt(), 1);
        QCOMPARE(a.value(u"pendingUploadBytes").toInt(), 0); // what it holds: nothing was sent yet
    }

    // Two clients work in one session; when the first leaves, the second still holds it: an idle-looking session
    // is removed only once nobody connected has used it.
    void sessionStaysWhileAnyClientUsesIt()
    {
        TestServer s;
        const QString shared = QStringLiteral("shared-session");
        QVERIFY(
            await(s.t.lib->upload(tsg::UploadTarget::session(shared), batchOf({{QStringLiteral("a.log"), "a"}}))).ok());
        const QString sharedLog = s.t.root() + QStringLiteral("/sessions/shared-session/files/a.log");
        TestClient first;
        TestClient second;
        QVERIFY(first.open(s.url()));
        QVERIFY(second.open(s.url()));
        const auto status = [](TestClient &c, const QString &sessionId) {
            return c.types(c.await(c.send(QStringLiteral("cleanup:status"), QJsonValue::Undefined, sessionId),
                                   {QStringLiteral("cleanup:status:response")}));
        };
        QCOMPARE(status(first, shared), QStringList{QStringLiteral("cleanup:status:response")});
        QCOMPARE(status(second, shared), QStringList{QStringLiteral("cleanup:status:response")});
        // A session only the first client used: once the server has let it go, the first client is gone.
        QCOMPARE(status(first, QStringLiteral("first-only")), QStringList{QStringLiteral("cleanup:status:response")});
        first.socket.close();
        QTRY_VERIFY(!s.t.lib->sessionsInUse().contains(QStringLiteral("first-only")));
        QVERIFY(s.t.lib->sessionsInUse().contains(shared));

        QVERIFY(s.t.ageSession(shared, 48));
        const QJsonObject run =
            second.request(QStringLiteral("cleanup:run"), QJsonValue::Undefined, QStringLiteral("cleanup:run:success"));
        QCOMPARE(run.value(u"type").toString(), QStringLiteral("cleanup:run:success"));
        QCOMPARE(run.value(u"data").toObject().value(u"sessionsRemoved").toInt(), 0);
        QCOMPARE(readAll(sharedLog), QByteArray("a"));

        // The last client leaves: the session is idle now, and the next run removes it.
        second.socket.close();
        QTRY_VERIFY(!s.t.lib->sessionsInUse().contains(shared));
        QCOMPARE(await(s.t.lib->runCleanupNow()).removedSessions, QStringList{shared});
        QVERIFY(!QFileInfo::exists(sharedLog));
    }
};

QTEST_MAIN(TestCleanupMessages)
#include "tst_cleanupmessages.moc"
