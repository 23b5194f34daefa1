// QueryParser: words, phrases, prefixes and tag: become quoted FTS5 terms; malformed queries are clear errors.
#include "queryparser.h"

#include <QTest>

using namespace tsg;

class TestQueryParser : public QObject {
    Q_OBJECT
private slots:
    void translates_data();
    void translates();
    void malformedQueriesAreClearErrors_data();
    void malformedQueriesAreClearErrors();
};

void TestQueryParser::translates_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QStringList>("tags");
    QTest::newRow("words") << QStringLiteral("kerberos  preauth") << QStringLiteral("\"kerberos\" \"preauth\"")
                           << QStringList();
    QTest::newRow("phrase") << QStringLiteral("\"clock skew\" kdc") << QStringLiteral("\"clock skew\" \"kdc\"")
                            << QStringList();
    QTest::newRow("prefix") << QStringLiteral("authen*") << QStringLiteral("\"authen\"*") << QStringList();
    QTest::newRow("tag") << QStringLiteral("tag:VPN rekey") << QStringLiteral("\"rekey\"")
                         << QStringList{QStringLiteral("vpn")};
    QTest::newRow("quoted tag") << QStringLiteral("tag:\"Remote Access\"") << QString()
                                << QStringList{QStringLiteral("remote access")};
    // FTS5's own operators and column filters are plain words here.
    QTest::newRow("operators") << QStringLiteral("NOT a OR b") << QStringLiteral("\"NOT\" \"a\" \"OR\" \"b\"")
                               << QStringList();
    QTest::newRow("column filter") << QStringLiteral("body:x") << QStringLiteral("\"body:x\"") << QStringList();
    QTest::newRow("underscores") << QStringLiteral("KRB5KDC_ERR_PREAUTH_FAILED")
                                 << QStringLiteral("\"KRB5KDC_ERR_PREAUTH_FAILED\"") << QStringList();
}

void TestQueryParser::translates()
{
    QFETCH(QString, query);
    QFETCH(QString, match);
    QFETCH(QStringList, tags);
    const auto parsed = QueryParser::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->match, match);
    QCOMPARE(parsed->tags, tags);
}

void TestQueryParser::malformedQueriesAreClearErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::newRow("unterminated quote") << QStringLiteral("\"clock skew") << QStringLiteral("not closed");
    QTest::newRow("empty phrase") << QStringLiteral("\"\"") << QStringLiteral("empty phrase");
    QTest::newRow("lone star") << QStringLiteral("*") << QStringLiteral("no letters or digits");
    QTest::newRow("inner star") << QStringLiteral("a*b") << QStringLiteral("'*' may only end a word");
    QTest::newRow("phrase star") << QStringLiteral("\"a b\"*") << QStringLiteral("'*' may only end a word");
    QTest::newRow("empty tag") << QStringLiteral("tag: vpn") << QStringLiteral("'tag:' needs a tag");
    QTest::newRow("punctuation") << QStringLiteral("---") << QStringLiteral("'---' has no letters or digits");
    QTest::newRow("too long") << QString(QueryParser::kMaxQueryLength + 1, QLatin1Char('a'))
                              << QStringLiteral("at most 1000");
}

void TestQueryParser::malformedQueriesAreClearErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, mentions);
    const auto parsed = QueryParser::parse(query);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.errorMessage().contains(mentions), qPrintable(parsed.errorMessage()));
}

QTEST_GUILESS_MAIN(TestQueryParser)
#include "tst_queryparser.moc"
