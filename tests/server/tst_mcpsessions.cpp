// McpSessions, the sessions of MCP's HTTP endpoint: ids that cannot be guessed or collide, each session its own MCP
// server with its own negotiated version, and a full table that ends the session used least recently (its client
// then gets 404 and initializes again) rather than refusing new agents.
#include "mcpsessions.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace tsg;

namespace {

std::shared_ptr<McpSessions::Session> newSession(const QTemporaryDir &dir)
{
    return std::make_shared<McpSessions::Session>(dir.path(), QStringLiteral("1.0"), LibraryView::Searcher{});
}

// Runs initialize on the session's own server asking for `version`, as the endpoint does.
void initialize(McpSessions::Session &session, const QString &version)
{
    const auto reply = session.service.server().handle(
        {.id = 1, .method = QStringLiteral("initialize"), .params = {{QStringLiteral("protocolVersion"), version}}});
    QVERIFY(reply && reply->contains(u"result"));
    session.protocolVersion = session.service.server().protocolVersion();
}

} // namespace

class TestMcpSessions : public QObject {
    Q_OBJECT

private slots:
    void idsAreRandomHexAndFindTheirSession()
    {
        QTemporaryDir dir;
        McpSessions sessions;
        QSet<QString> ids;
        for (int i = 0; i < 10; ++i) {
            auto session = newSession(dir);
            const QString id = sessions.add(session);
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(), qPrintable(id));
            QCOMPARE(sessions.find(id), session);
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 10);
        QCOMPARE(sessions.size(), 10);
        QVERIFY(!sessions.find(QStringLiteral("0123456789abcdef0123456789abcdef")));
        QVERIFY(!sessions.find(QString()));
    }

    void eachSessionKeepsItsOwnVersion()
    {
        QTemporaryDir dir;
        McpSessions sessions;
        auto older = newSession(dir);
        initialize(*older, QStringLiteral("2025-06-18"));
        auto newer = newSession(dir);
        initialize(*newer, QStringLiteral("2025-11-25"));
        const QString a = sessions.add(older);
        const QString b = sessions.add(newer);
        QCOMPARE(sessions.find(a)->protocolVersion, QStringLiteral("2025-06-18"));
        QCOMPARE(sessions.find(b)->protocolVersion, QStringLiteral("2025-11-25"));
    }

    void removeEndsASession()
    {
        QTemporaryDir dir;
        McpSessions sessions;
        const QString id = sessions.add(newSession(dir));
        QVERIFY(sessions.remove(id));
        QVERIFY(!sessions.find(id));
        QVERIFY(!sessions.remove(id));
        QCOMPARE(sessions.size(), 0);
    }

    void aFullTableEndsTheLeastRecentlyUsed()
    {
        QTemporaryDir dir;
        McpSessions sessions;
        QStringList ids;
        for (int i = 0; i < McpSessions::kMaxSessions; ++i)
            ids << sessions.add(newSession(dir));
        QVERIFY(sessions.find(ids.first())); // the first is used again: the second is now the oldest
        const QString extra = sessions.add(newSession(dir));
        QCOMPARE(sessions.size(), McpSessions::kMaxSessions);
        QVERIFY(sessions.find(extra));
        QVERIFY(sessions.find(ids.first()));
        QVERIFY(!sessions.find(ids.at(1)));
        for (qsizetype i = 2; i < ids.size(); ++i)
            QVERIFY(sessions.find(ids.at(i)));
    }
};

QTEST_GUILESS_MAIN(TestMcpSessions)
#include "tst_mcpsessions.moc"
