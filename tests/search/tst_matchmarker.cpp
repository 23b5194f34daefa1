// MatchMarker marks what the index matched: checked against FTS5 itself (unicode61, remove_diacritics 2) on the
// same lines and queries, and for the spans it marks.
#include "matchmarker.h"
#include "queryparser.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace tsg;

class TestMatchMarker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void agreesWithTheIndex_data();
    void agreesWithTheIndex();
    void marksWordsPhrasesAndPrefixes_data();
    void marksWordsPhrasesAndPrefixes();

private:
    static QString marked(const QString &text, const QString &query);
};

void TestMatchMarker::initTestCase()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(text, content = '',"
                                  " tokenize = 'unicode61 remove_diacritics 2')")));
}

void TestMatchMarker::cleanupTestCase()
{
    QSqlDatabase::database().close();
}

QString TestMatchMarker::marked(const QString &text, const QString &query)
{
    const auto parsed = QueryParser::parse(query);
    if (!parsed.ok())
        return QStringLiteral("error");
    QString out = text;
    const auto spans = MatchMarker(parsed->terms).find(text);
    for (auto it = spans.crbegin(); it != spans.crend(); ++it) {
        out.insert(it->second, QLatin1String("]]"));
        out.insert(it->first, QLatin1String("[["));
    }
    return out;
}

void TestMatchMarker::agreesWithTheIndex_data()
{
    QTest::addColumn<QString>("text");
    const QStringList lines = {
        QStringLiteral("2026-11-01T07:06:14.622Z ERROR host-29 proxy: handshake failed code=E1005"),
        QStringLiteral("KDC said KRB5KDC_ERR_PREAUTH_FAILED for user@EXAMPLE.COM"),
        QStringLiteral("Größe des Puffers: 4096 Bytes, café fermé"),
        QStringLiteral("Ünïcödé ÀÉÎÕÜ naïve résumé"),
        QStringLiteral("path C:\\Windows\\System32\\drivers\\etc\\hosts"),
        QStringLiteral("timeout after 30s; retrying (attempt 3/5)"),
        QStringLiteral("Без ошибок: Ошибка ΣΦΑΛΜΑ"),
        QStringLiteral("emoji 🙂 between words and 日本語テキスト"),
    };
    for (const QString &line : lines)
        QTest::newRow(qPrintable(line.left(24))) << line;
}

// For every query, the marker finds a match exactly when FTS5 finds the line (each term is one phrase, so a
// line matches when each term has a span).
void TestMatchMarker::agreesWithTheIndex()
{
    QFETCH(QString, text);
    QSqlQuery q(QSqlDatabase::database());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t(t) VALUES ('delete-all')")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(rowid, text) VALUES (1, ?)")));
    q.addBindValue(text);
    QVERIFY(q.exec());
    const QStringList queries = {
        QStringLiteral("error"),
        QStringLiteral("ERROR proxy"),
        QStringLiteral("e1005"),
        QStringLiteral("code=E1005"),
        QStringLiteral("\"host-29 proxy\""),
        QStringLiteral("hand*"),
        QStringLiteral("krb5kdc_err_preauth_failed"),
        QStringLiteral("preauth*"),
        QStringLiteral("grosse"),
        QStringLiteral("größe"),
        QStringLiteral("GRÖSSE"),
        QStringLiteral("cafe ferme"),
        QStringLiteral("unicode naive"),
        QStringLiteral("resume"),
        QStringLiteral("aeiou"),
        QStringLiteral("system32"),
        QStringLiteral("\"etc hosts\""),
        QStringLiteral("30s"),
        QStringLiteral("attempt 3"),
        QStringLiteral("ошибка"),
        QStringLiteral("σφαλμα"),
        QStringLiteral("ОШИБ*"),
        QStringLiteral("日本語テキスト"),
        QStringLiteral("between words"),
        QStringLiteral("\"words between\""),
        QStringLiteral("user example com"),
        QStringLiteral("07*"),
    };
    for (const QString &query : queries) {
        const auto parsed = QueryParser::parse(query);
        QVERIFY2(parsed.ok(), qPrintable(query));
        QSqlQuery match(QSqlDatabase::database());
        QVERIFY(match.prepare(QStringLiteral("SELECT count(*) FROM t WHERE t MATCH ?")));
        match.addBindValue(parsed->match);
        QVERIFY2(match.exec() && match.next(), qPrintable(query));
        const bool indexMatches = match.value(0).toInt() == 1;
        // Every term must have a span for the line to match.
        bool markerMatches = true;
        for (const QueryParser::Term &term : parsed->terms)
            markerMatches = markerMatches && !MatchMarker({term}).find(text).isEmpty();
        QVERIFY2(
            indexMatches == markerMatches,
            qPrintable(
                QStringLiteral("%1 | %2: index %3, marker %4").arg(text, query).arg(indexMatches).arg(markerMatches)));
    }
}

void TestMatchMarker::marksWordsPhrasesAndPrefixes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("word, any case") << QStringLiteral("Error: an error, ERRORS") << QStringLiteral("error")
                                    << QStringLiteral("[[Error]]: an [[error]], ERRORS");
    QTest::newRow("prefix") << QStringLiteral("Errors and erroneous errand") << QStringLiteral("erro*")
                            << QStringLiteral("[[Errors]] and [[erroneous]] errand");
    QTest::newRow("phrase as one span") << QStringLiteral("clock skew too great; skew clock")
                                        << QStringLiteral("\"clock skew\"")
                                        << QStringLiteral("[[clock skew]] too great; skew clock");
    QTest::newRow("accents") << QStringLiteral("Le café est fermé") << QStringLiteral("cafe")
                             << QStringLiteral("Le [[café]] est fermé");
    QTest::newRow("two terms") << QStringLiteral("host-29 proxy: handshake") << QStringLiteral("proxy host")
                               << QStringLiteral("[[host]]-29 [[proxy]]: handshake");
    QTest::newRow("underscores") << QStringLiteral("got KRB5KDC_ERR_PREAUTH_FAILED here")
                                 << QStringLiteral("KRB5KDC_ERR_PREAUTH_FAILED")
                                 << QStringLiteral("got [[KRB5KDC_ERR_PREAUTH_FAILED]] here");
    QTest::newRow("inside a word: no") << QStringLiteral("proxying reverseproxy") << QStringLiteral("proxy")
                                       << QStringLiteral("proxying reverseproxy");
}

void TestMatchMarker::marksWordsPhrasesAndPrefixes()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QFETCH(QString, expected);
    QCOMPARE(marked(text, query), expected);
}

QTEST_GUILESS_MAIN(TestMatchMarker)
#include "tst_matchmarker.moc"
