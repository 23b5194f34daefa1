// tsg::json: the in-place JSON view parser. Valid and invalid documents, escapes, limits, the
// seed's tsg:upload message with a large content string, and agreement with QJsonDocument.
#include "jsonview.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace tsg;
using tsg::json::Document;
using tsg::json::Limits;
using tsg::json::Value;

namespace {

// QStringLiteral around raw string literals trips moc's preprocessor.
QString str(QStringView s)
{
    return s.toString();
}

// Parses text that must parse: a parse error fails the calling test (it used to print a warning and
// return a null document, so a check such as "the root of `null` is null" passed on any error).
Document parseOk(QStringView text, const char *file = __builtin_FILE(), int line = __builtin_LINE())
{
    auto r = Document::parse(text);
    if (!r.ok()) {
        QTest::qFail(qPrintable(QStringLiteral("unexpected parse error: %1 in: %2")
                                    .arg(r.error().message, text.left(200).toString())),
                     file, line);
        return {};
    }
    return std::move(r).value();
}

QString parseError(QStringView text, const Limits &limits = {})
{
    auto r = Document::parse(text, limits);
    return r.ok() ? QString() : r.error().message;
}

QJsonValue randomJson(QRandomGenerator &rng, int depth)
{
    const int kind = int(rng.bounded(depth >= 4 ? 5 : 7));
    switch (kind) {
    case 0: return QJsonValue(QJsonValue::Null);
    case 1: return QJsonValue(rng.bounded(2) == 1);
    case 2: {
        switch (rng.bounded(4)) {
        case 0: return QJsonValue(int(rng.bounded(2000000)) - 1000000);
        case 1: return QJsonValue(rng.generateDouble() * 1e6 - 5e5);
        case 2: return QJsonValue(std::ldexp(rng.generateDouble(), int(rng.bounded(200)) - 100));
        default: return QJsonValue(qint64(rng.generate64() >> 12)); // exact in a double
        }
    }
    case 3:
    case 4: {
        static const char16_t pool[] = {u'a',  u'Z',  u'0', u' ', u'"', u'\\', u'/',   u'\n',  u'\t', u'\r',
                                        u'\b', u'\f', 0x01, 0x1F, 0x7F, 0xE9,  0x4E2D, 0xFFFD, 0x2028};
        QString s;
        const int n = int(rng.bounded(12));
        for (int i = 0; i < n; ++i) {
            if (rng.bounded(8) == 0)
                s += QString::fromUcs4(U"\U0001F600", 1); // a surrogate pair
            else
                s += QChar(pool[rng.bounded(int(std::size(pool)))]);
        }
        return s;
    }
    case 5: {
        QJsonArray a;
        const int n = int(rng.bounded(6));
        for (int i = 0; i < n; ++i)
            a.append(randomJson(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        const int n = int(rng.bounded(6));
        for (int i = 0; i < n; ++i)
            o.insert(QStringLiteral("k%1\"\u00e9").arg(rng.bounded(8)), randomJson(rng, depth + 1));
        return o;
    }
    }
}

} // namespace

class TestJsonView : public QObject {
    Q_OBJECT

private slots:
    void scalars();
    void numbers_data();
    void numbers();
    void escapes();
    void nesting();
    void keysWithEscapesAndDuplicates();
    void documentMoves();
    void uploadMessage();
    void invalid_data();
    void invalid();
    void depthLimit();
    void memberLimit();
    void agreesWithQJsonDocument();
    void strictWhereQJsonDocumentIsLax_data();
    void strictWhereQJsonDocumentIsLax();
};

// Test bodies after the class: moc mis-reads raw strings that contain \" and would lose the class.

void TestJsonView::scalars()
{
    QCOMPARE(parseOk(u"null").root().type(), Value::Type::Null);
    QCOMPARE(parseOk(u" true ").root().toBool(), true);
    QCOMPARE(parseOk(u"false").root().toBool(true), false);
    QCOMPARE(parseOk(u"\t\r\n 42 \n").root().toNumber(), 42.0);
    QCOMPARE(parseOk(u"\"hi\"").root().toString(), QStringLiteral("hi"));
    QVERIFY(parseOk(u"\"\"").root().isString());
    QVERIFY(parseOk(u"\"\"").root().toString().isEmpty());
    // Wrong-type accessors give the fallback.
    const Document d = parseOk(u"\"x\"");
    QCOMPARE(d.root().toNumber(7), 7.0);
    QCOMPARE(d.root().toBool(true), true);
    QCOMPARE(d.root().size(), 0);
    QVERIFY(d.root().at(0).isNull());
    QVERIFY(!d.root().find(u"x"));
    QVERIFY(parseOk(u"1").root().toString().isNull());
}

void TestJsonView::numbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("value");
    QTest::newRow("0") << QStringLiteral("0") << 0.0;
    QTest::newRow("-0") << QStringLiteral("-0") << -0.0;
    QTest::newRow("int") << QStringLiteral("123456789") << 123456789.0;
    QTest::newRow("neg") << QStringLiteral("-17") << -17.0;
    QTest::newRow("frac") << QStringLiteral("3.25") << 3.25;
    QTest::newRow("exp") << QStringLiteral("1e3") << 1000.0;
    QTest::newRow("Exp+") << QStringLiteral("2E+2") << 200.0;
    QTest::newRow("exp-") << QStringLiteral("-5e-1") << -0.5;
    QTest::newRow("fracexp") << QStringLiteral("1.5e2") << 150.0;
    QTest::newRow("2^53") << QStringLiteral("9007199254740992") << 9007199254740992.0;
    QTest::newRow("big") << QStringLiteral("1.7976931348623157e308") << 1.7976931348623157e308;
    QTest::newRow("tiny") << QStringLiteral("5e-324") << 5e-324;
    QTest::newRow("underflow") << QStringLiteral("1e-400") << 0.0;
    QTest::newRow("long") << (QStringLiteral("1") + QString(100, u'0')) << 1e100;
    QTest::newRow("pi") << QStringLiteral("3.141592653589793") << 3.141592653589793;
}

void TestJsonView::numbers()
{
    QFETCH(QString, text);
    QFETCH(double, value);
    const Document d = parseOk(text);
    QVERIFY(d.root().isNumber());
    QCOMPARE(d.root().toNumber(), value);
    QCOMPARE(std::signbit(d.root().toNumber()), std::signbit(value));
    QCOMPARE(d.root().raw(), QStringView(text));
    // The same inside an array, followed by more.
    const QString twice = QStringLiteral("[%1,%1]").arg(text); // must outlive the Document
    const Document a = parseOk(twice);
    QCOMPARE(a.root().at(1).toNumber(), value);
}

void TestJsonView::escapes()
{
    const QString text = str(uR"(["\" \\ \/ \b \f \n \r \t", "\u0041\u00e9\u4e2d\u0000", "\ud83d\ude00x", "plain"])");
    const Document d = parseOk(text);
    const Value &root = d.root();
    QCOMPARE(root.size(), 4);
    QVERIFY(root.at(0).hasEscapes());
    QCOMPARE(root.at(0).toString(), QStringLiteral("\" \\ / \b \f \n \r \t"));
    const QStringView rawEscapes = uR"(\" \\ \/ \b \f \n \r \t)";
    QCOMPARE(root.at(0).raw(), rawEscapes);
    QCOMPARE(root.at(1).toString(), QStringLiteral("A\u00e9\u4e2d") + QChar(u'\0'));
    QCOMPARE(root.at(2).toString(), QString::fromUcs4(U"\U0001F600x", 2));
    QVERIFY(!root.at(3).hasEscapes());
    QCOMPARE(root.at(3).toString(), QStringLiteral("plain"));
    // Raw (unescaped) non-ASCII and a raw surrogate pair are fine.
    const QString raw = QStringLiteral("[\"\u00e9\u4e2d") + QString::fromUcs4(U"\U0001F600", 1) + QStringLiteral("\"]");
    QCOMPARE(parseOk(raw).root().at(0).toString(), raw.mid(2, 4));
    // An escaped backslash right before the closing quote.
    const Document endsInBackslash = parseOk(uR"(["a\\"])");
    QCOMPARE(endsInBackslash.root().at(0).toString(), QStringLiteral("a\\"));
    const Document backslashQuote = parseOk(uR"(["\\\"x"])");
    QCOMPARE(backslashQuote.root().at(0).toString(), QStringLiteral("\\\"x"));
    // Strings long enough for the vector scan, with an escape at every position of a block.
    for (int at = 0; at < 70; ++at) {
        QString s(80, u'x');
        s.replace(at, 1, QStringLiteral("\\n"));
        const QString longText = QStringLiteral("[\"%1\",1]").arg(s);
        const Document ld = parseOk(longText);
        QVERIFY(ld.root().at(0).hasEscapes());
        QString expect(80, u'x');
        expect[at] = u'\n';
        QCOMPARE(ld.root().at(0).toString(), expect);
        QCOMPARE(ld.root().at(1).toNumber(), 1.0);
    }
}

void TestJsonView::nesting()
{
    const Document d = parseOk(uR"({"a": [1, [2, [3, {}]], []], "b": {"c": {"d": null}}, "e": [{"f": true}]})");
    const Value &r = d.root();
    QVERIFY(r.isObject());
    QCOMPARE(r.size(), 3);
    QCOMPARE(r.keyAt(0).toString(), QStringLiteral("a"));
    QCOMPARE(r.keyAt(2).raw(), QStringView(u"e"));
    const Value &a = r[u"a"];
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.at(0).toNumber(), 1.0);
    QCOMPARE(a.at(1).at(1).at(0).toNumber(), 3.0);
    QVERIFY(a.at(1).at(1).at(1).isObject());
    QCOMPARE(a.at(1).at(1).at(1).size(), 0);
    QVERIFY(a.at(2).isArray());
    QCOMPARE(a.at(2).size(), 0);
    QVERIFY(r[u"b"][u"c"].find(u"d"));
    QVERIFY(r[u"b"][u"c"][u"d"].isNull());
    QVERIFY(!r[u"b"][u"c"].find(u"x"));
    QCOMPARE(r[u"e"].at(0)[u"f"].toBool(), true);
    QVERIFY(r[u"missing"][u"deeper"].isNull());
    QVERIFY(r.at(3).isNull());
    QVERIFY(r.keyAt(-1).isNull());
}

void TestJsonView::keysWithEscapesAndDuplicates()
{
    const Document d = parseOk(uR"({"a\"b": 1, "x": 1, "\u0078": 2, "y": 3, "x": 4})");
    const Value &r = d.root();
    QCOMPARE(r.size(), 5); // duplicates kept for iteration
    QCOMPARE(r[u"a\"b"].toNumber(), 1.0);
    QCOMPARE(r[u"x"].toNumber(), 4.0); // the last one wins
    QCOMPARE(r.keyAt(2).toString(), QStringLiteral("x"));
    QVERIFY(r.keyAt(2).hasEscapes());
    const QJsonObject o = r.toJsonValue().toObject();
    QCOMPARE(o.size(), 3);
    QCOMPARE(o.value(QStringLiteral("x")).toDouble(), 4.0);
}

void TestJsonView::documentMoves()
{
    const QString text = str(uR"({"files": [{"path": "a"}, {"path": "b"}]})");
    auto r = Document::parse(text);
    QVERIFY(r.ok());
    Document d = std::move(r).value();
    Document moved = std::move(d);
    QCOMPARE(moved.root()[u"files"].at(1)[u"path"].toString(), QStringLiteral("b"));
    Document assigned;
    assigned = std::move(moved);
    QCOMPARE(assigned.root()[u"files"].at(0)[u"path"].toString(), QStringLiteral("a"));
}

void TestJsonView::uploadMessage()
{
    // The seed's tsg:upload shape, as bench.mjs sends it, with a 1 MB file.
    QRandomGenerator rng(5);
    QByteArray bytes(1024 * 1024, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(rng.bounded(256));
    const QString content = QString::fromLatin1(bytes.toBase64());
    const QString text = str(uR"({"type":"tsg:upload","sessionId":"bench","requestId":"up","data":)"
                             R"({"tsgName":"bench-upload","files":[{"path":"dir0/file0.log","content":")")
        + content
        + str(uR"(","type":"text/plain","size":1048576},)"
              R"({"path":"dir1/file1.log","content":"QUJD","type":"text/plain","size":3}]}})");
    const Document d = parseOk(text);
    const Value &r = d.root();
    QCOMPARE(r[u"type"].toString(), QStringLiteral("tsg:upload"));
    QCOMPARE(r[u"requestId"].raw(), QStringView(u"up"));
    const Value &files = r[u"data"][u"files"];
    QCOMPARE(files.size(), 2);
    const Value &c0 = files.at(0)[u"content"];
    QVERIFY(c0.isString());
    QVERIFY(!c0.hasEscapes());
    const qsizetype at = text.indexOf(content);
    QCOMPARE(c0.raw().size(), content.size());
    QCOMPARE(c0.raw().data(), text.constData() + at); // a view into the text, not a copy
    QVERIFY(c0.raw() == QStringView(content));
    QCOMPARE(files.at(0)[u"size"].toNumber(), 1048576.0);
    QCOMPARE(files.at(1)[u"path"].toString(), QStringLiteral("dir1/file1.log"));
    QCOMPARE(files.at(1)[u"content"].raw(), QStringView(u"QUJD"));
    QCOMPARE(r[u"data"][u"tsgName"].toString(), QStringLiteral("bench-upload"));
}

void TestJsonView::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, QStringView text, const char *error) {
        QTest::newRow(name) << text.toString() << QString::fromUtf8(error);
    };
    row("empty", u"", "Invalid JSON at offset 0: empty input");
    row("blank", u"  \n", "Invalid JSON at offset 3: unexpected end of input");
    row("missing colon", uR"({"type": "a", "data" 5})", "Invalid JSON at offset 21: expected ':', found '5'");
    row("trailing garbage", u"{} x", "Invalid JSON at offset 3: unexpected 'x' after the value");
    row("two values", u"1 2", "Invalid JSON at offset 2: unexpected '2' after the value");
    row("trailing comma array", u"[1,]", "Invalid JSON at offset 3: expected a value, found ']'");
    row("trailing comma object", uR"({"a":1,})", "Invalid JSON at offset 7: expected '\"', found '}'");
    row("unclosed array", u"[1, 2", "Invalid JSON at offset 5: expected ',' or ']', found end of input");
    row("unclosed object", uR"({"a":1)", "Invalid JSON at offset 6: expected ',' or '}', found end of input");
    row("bad key", u"{a:1}", "Invalid JSON at offset 1: expected '\"' or '}', found 'a'");
    row("unterminated string", uR"(["abc)", "Invalid JSON at offset 1: unterminated string");
    row("unterminated escape", uR"(["abc\)", "Invalid JSON at offset 5: unterminated string");
    row("bad escape", uR"(["a\x"])", "Invalid JSON at offset 3: invalid escape");
    row("bad \\u", uR"(["\u12G4"])", "Invalid JSON at offset 2: invalid \\u escape (four hex digits expected)");
    row("short \\u", uR"(["\u12"])", "Invalid JSON at offset 2: invalid \\u escape (four hex digits expected)");
    row("control char", u"[\"a\tb\"]", "Invalid JSON at offset 3: control character U+0009 in string");
    row("newline in string", u"\"a\nb\"", "Invalid JSON at offset 2: control character U+000A in string");
    row("lone high", uR"(["\ud800"])", "Invalid JSON at offset 2: lone surrogate in \\u escape");
    row("lone high then char", uR"(["\ud800x"])", "Invalid JSON at offset 2: lone surrogate in \\u escape");
    row("high then non-low", uR"(["\ud800\u0041"])", "Invalid JSON at offset 2: lone surrogate in \\u escape");
    row("high then high", uR"(["\ud800\ud800"])", "Invalid JSON at offset 2: lone surrogate in \\u escape");
    row("lone low", uR"(["\udc00"])", "Invalid JSON at offset 2: lone surrogate in \\u escape");
    row("leading zero", u"[01]", "Invalid JSON at offset 2: expected ',' or ']', found '1'");
    row("plus", u"+1", "Invalid JSON at offset 0: expected a value, found '+'");
    row("dot", u"[.5]", "Invalid JSON at offset 1: expected a value, found '.'");
    row("bare minus", u"-", "Invalid JSON at offset 1: expected a digit, found end of input");
    row("minus letter", u"-a", "Invalid JSON at offset 1: expected a digit, found 'a'");
    row("no frac digits", u"1.", "Invalid JSON at offset 2: expected a digit after '.', found end of input");
    row("no exp digits", u"1e+", "Invalid JSON at offset 3: expected a digit in the exponent, found end of input");
    row("overflow", u"[1e400]", "Invalid JSON at offset 1: number out of range");
    row("hex", u"0x10", "Invalid JSON at offset 1: unexpected 'x' after the value");
    row("NaN", u"NaN", "Invalid JSON at offset 0: expected a value, found 'N'");
    row("true typo", u"[tru]", "Invalid JSON at offset 1: unexpected 't'");
    row("True", u"True", "Invalid JSON at offset 0: expected a value, found 'T'");
    row("nul", u"nul", "Invalid JSON at offset 0: unexpected 'n'");
    row("single quotes", u"['a']", "Invalid JSON at offset 1: expected a value, found '''");
    row("comment", u"[1 /* x */]", "Invalid JSON at offset 3: expected ',' or ']', found '/'");
    row("nul char", QStringView(u"[1,\0]", 5), "Invalid JSON at offset 3: expected a value, found character U+0000");
    row("bom", u"\uFEFF{}", "Invalid JSON at offset 0: expected a value, found '\uFEFF'");
    row("vertical tab", u"\v1", "Invalid JSON at offset 0: expected a value, found character U+000B");
    row("mismatched", u"[1}", "Invalid JSON at offset 2: expected ',' or ']', found '}'");
    row("colon in array", uR"(["a":1])", "Invalid JSON at offset 4: expected ',' or ']', found ':'");
    row("missing value", uR"({"a":})", "Invalid JSON at offset 5: expected a value, found '}'");
    row("missing comma", uR"({"a":1 "b":2})", "Invalid JSON at offset 7: expected ',' or '}', found '\"'");
}

void TestJsonView::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const auto r = Document::parse(text);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QCOMPARE(r.error().message, error);
}

void TestJsonView::depthLimit()
{
    // No wall-clock bound here: parse speed is measured in bench/micro/bench_parse.cpp.
    QCOMPARE(parseError(QString(100000, u'[')), QStringLiteral("JSON nested deeper than 64 levels (at offset 64)"));
    QCOMPARE(parseError(QString(100000, u'{')),
             QStringLiteral("Invalid JSON at offset 1: expected '\"' or '}', found '{'"));
    QString objects;
    for (int i = 0; i < 100000; ++i)
        objects += QStringLiteral("{\"a\":");
    QCOMPARE(parseError(objects), QStringLiteral("JSON nested deeper than 64 levels (at offset 320)"));

    // Exactly 64 levels parse; 65 do not.
    const QString ok = QString(64, u'[') + QString(64, u']');
    QVERIFY(Document::parse(ok).ok());
    QCOMPARE(parseError(QString(65, u'[') + QString(65, u']')),
             QStringLiteral("JSON nested deeper than 64 levels (at offset 64)"));
    // A deeper limit can be asked for (capped at 1024).
    Limits deep;
    deep.maxDepth = 1000;
    const QString deepText = QString(1000, u'[') + QString(1000, u']');
    QVERIFY(Document::parse(deepText, deep).ok());
    deep.maxDepth = 1 << 30;
    QCOMPARE(parseError(QString(100000, u'['), deep),
             QStringLiteral("JSON nested deeper than 1024 levels (at offset 1024)"));
}

void TestJsonView::memberLimit()
{
    Limits limits;
    limits.maxMembers = 3;
    QVERIFY(Document::parse(u"[1,2,3]", limits).ok());
    const QStringView object = uR"({"a":1,"b":[2]})";
    QVERIFY(Document::parse(object, limits).ok());
    const auto r = Document::parse(u"[1,[2,3]]", limits); // 1, [..], 2, 3
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::TooLarge);
    QCOMPARE(r.error().message, QStringLiteral("JSON has more than 3 values"));
}

void TestJsonView::agreesWithQJsonDocument()
{
    QRandomGenerator rng(99);
    for (int round = 0; round < 500; ++round) {
        const QJsonValue v = randomJson(rng, 0);
        const QJsonDocument qdoc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
        if (!v.isArray() && !v.isObject())
            continue;
        for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
            const QString text = QString::fromUtf8(qdoc.toJson(format));
            auto r = Document::parse(text);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message + u'\n' + text));
            const QJsonValue back = QJsonDocument::fromJson(text.toUtf8()).isArray()
                ? QJsonValue(QJsonDocument::fromJson(text.toUtf8()).array())
                : QJsonValue(QJsonDocument::fromJson(text.toUtf8()).object());
            QCOMPARE(r.value().root().toJsonValue(), back);
        }
    }
    // Integers beyond 2^53 stay exact, as QJsonDocument keeps them.
    const QString big = QStringLiteral("[9007199254740993,-9223372036854775808,1.0,-0]");
    auto bigDoc = Document::parse(big);
    QVERIFY(bigDoc.ok());
    const QJsonArray bigArray = bigDoc.value().root().toJsonValue().toArray();
    QCOMPARE(bigArray.at(0).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(bigArray.at(1).toInteger(), std::numeric_limits<qint64>::min());
    QCOMPARE(bigArray, QJsonDocument::fromJson(big.toUtf8()).array());
    // Escapes Qt does not write itself.
    const QString text = str(uR"({"a\/b":"\u00e9\ud83d\ude00\b\f","n":[-0.0,1E2,0.5e-3,true,false,null,{}]})");
    auto r = Document::parse(text);
    QVERIFY(r.ok());
    QCOMPARE(r.value().root().toJsonValue(), QJsonValue(QJsonDocument::fromJson(text.toUtf8()).object()));
}

// Findings of the jsonview fuzz harness (tests/fuzz/fuzz_jsonview.cpp): QJsonDocument accepts these,
// RFC 8259 does not, and the view keeps to the RFC. The harness allows exactly these differences; this
// pins both sides, so a Qt that becomes strict, or a view that becomes lax, is noticed.
void TestJsonView::strictWhereQJsonDocumentIsLax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown escape") << str(uR"({"a":"\q"})")
                                    << QStringLiteral("Invalid JSON at offset 6: invalid escape");
    QTest::newRow("escaped control character")
        << QStringLiteral("{\"a\":\"\\\u0005\"}") << QStringLiteral("Invalid JSON at offset 6: invalid escape");
    QTest::newRow("raw control character in a key")
        << QStringLiteral("{\"da\u0006a\":null}")
        << QStringLiteral("Invalid JSON at offset 4: control character U+0006 in string");
    QTest::newRow("no digit after the point")
        << QStringLiteral("[15.e3]")
        << QStringLiteral("Invalid JSON at offset 4: expected a digit after '.', found 'e'");
    QTest::newRow("no digit before the point")
        << QStringLiteral("[.5e3]") << QStringLiteral("Invalid JSON at offset 1: expected a value, found '.'");
    QTest::newRow("minus and point") << QStringLiteral("[-.5]")
                                     << QStringLiteral("Invalid JSON at offset 2: expected a digit, found '.'");
    QTest::newRow("point at the end") << QStringLiteral(
        "[1.]") << QStringLiteral("Invalid JSON at offset 3: expected a digit after '.', found ']'");
    QTest::newRow("lone surrogate escape")
        << str(uR"(["\ud800"])") << QStringLiteral("Invalid JSON at offset 2: lone surrogate in \\u escape");
}

void TestJsonView::strictWhereQJsonDocumentIsLax()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QJsonParseError qtError{};
    QJsonDocument::fromJson(text.toUtf8(), &qtError);
    QCOMPARE(qtError.error, QJsonParseError::NoError); // Qt takes it
    QCOMPARE(parseError(text), error);                 // the view does not, and says why
}

QTEST_APPLESS_MAIN(TestJsonView)
#include "tst_jsonview.moc"
