// TSG names, paths and session ids: the hostile ones are refused with a clear message, Unicode
// letters are welcome (stored NFC), and names differing only in case or normalisation collide.
#include "namerules.h"
#include "uploadvalidator.h"

#include <QTest>

using namespace tsg;

class TestNameRules : public QObject {
    Q_OBJECT
private slots:
    void hostileTsgNames_data();
    void hostileTsgNames();
    void acceptedTsgNames();
    void hostilePaths_data();
    void hostilePaths();
    void foldKeyJoinsCaseAndNormalisation();
    void sessionIds();
    void validatorReportsEveryProblem();
    void validatorSeedTests();
    void sessionValidatorCountsExisting();
};

void TestNameRules::hostileTsgNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");
    QTest::newRow("traversal") << QStringLiteral("../x") << QStringLiteral("Invalid TSG name");
    QTest::newRow("slash") << QStringLiteral("a/b/c") << QStringLiteral("'/'");
    QTest::newRow("backslash") << QStringLiteral("a\\bc") << QStringLiteral("'\\'");
    QTest::newRow("colon") << QStringLiteral("c:abc") << QStringLiteral("':'");
    QTest::newRow("dotdot") << QStringLiteral("...") << QStringLiteral("dot");
    QTest::newRow("leading dot") << QStringLiteral(".hidden") << QStringLiteral("start with a dot");
    QTest::newRow("trailing dot") << QStringLiteral("guide.") << QStringLiteral("end with a dot");
    QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("reserved");
    QTest::newRow("nul.txt") << QStringLiteral("nul.txt") << QStringLiteral("reserved");
    QTest::newRow("COM1 space") << QStringLiteral("COM1 .log") << QStringLiteral("reserved");
    QTest::newRow("LPT superscript") << QStringLiteral("LPT\u00B9") << QStringLiteral("reserved");
    QTest::newRow("NUL char") << QStringLiteral("abc") + QChar(0) + QStringLiteral("d") << QStringLiteral("NUL");
    QTest::newRow("control") << QStringLiteral("ab\ncd") << QStringLiteral("control");
    QTest::newRow("bidi override") << QStringLiteral("abc\u202Egpj.exe") << QStringLiteral("bidirectional");
    QTest::newRow("bidi isolate") << QStringLiteral("abc\u2066d") << QStringLiteral("bidirectional");
    QTest::newRow("two chars") << QStringLiteral("ab") << QStringLiteral("between 3 and 100 characters");
    QTest::newRow("101 chars") << QString(101, u'a') << QStringLiteral("between 3 and 100 characters");
    QTest::newRow("over 255 bytes") << QString(90, QChar(0x20AC)) << QStringLiteral("255 bytes");
    QTest::newRow("blank") << QStringLiteral("      ") << QStringLiteral("between 3 and 100 characters");
}

void TestNameRules::hostileTsgNames()
{
    QFETCH(QString, name);
    QFETCH(QString, says);
    const auto r = NameRules::tsgName(name);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
}

void TestNameRules::acceptedTsgNames()
{
    QCOMPARE(NameRules::tsgName(QStringLiteral("  Network Outage  ")).value(), QStringLiteral("Network Outage"));
    QCOMPARE(NameRules::tsgName(QStringLiteral("Störung im Netz")).value(), QStringLiteral("Störung im Netz"));
    QCOMPARE(NameRules::tsgName(QStringLiteral("ネットワーク障害")).value(), QStringLiteral("ネットワーク障害"));
    QCOMPARE(NameRules::tsgName(QStringLiteral("cafe\u0301")).value(), QStringLiteral("caf\u00e9")); // stored NFC
    QVERIFY(NameRules::tsgName(QString(100, u'a')).ok());
    QVERIFY(NameRules::tsgName(QStringLiteral("console-errors")).ok()); // starts with CON, not a device name
}

void TestNameRules::hostilePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << QStringLiteral("../../../etc/passwd");
    QTest::newRow("inner parent") << QStringLiteral("docs/../../x.md");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd.md");
    QTest::newRow("drive") << QStringLiteral("C:/x.md");
    QTest::newRow("drive relative") << QStringLiteral("C:x.md");
    QTest::newRow("unc") << QStringLiteral("//server/share/x.md");
    QTest::newRow("backslash") << QStringLiteral("docs\\x.md");
    QTest::newRow("empty segment") << QStringLiteral("docs//x.md");
    QTest::newRow("trailing slash") << QStringLiteral("docs/");
    QTest::newRow("hidden segment") << QStringLiteral(".git/config.md");
    QTest::newRow("dot segment") << QStringLiteral("./x.md");
    QTest::newRow("NUL") << QStringLiteral("x") + QChar(0) + QStringLiteral(".md");
    QTest::newRow("reserved segment") << QStringLiteral("aux/x.md");
    QTest::newRow("bidi") << QStringLiteral("x\u202Edm.exe.md");
    QTest::newRow("empty") << QString();
}

void TestNameRules::hostilePaths()
{
    QFETCH(QString, path);
    const auto r = NameRules::relativePath(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(u"Invalid file path: "), qPrintable(r.error().message));
}

void TestNameRules::foldKeyJoinsCaseAndNormalisation()
{
    QCOMPARE(NameRules::foldKey(QStringLiteral("Guide")), NameRules::foldKey(QStringLiteral("GUIDE")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("caf\u00e9")), NameRules::foldKey(QStringLiteral("CAFE\u0301")));
    QVERIFY(NameRules::foldKey(QStringLiteral("abc")) != NameRules::foldKey(QStringLiteral("abd")));
    QCOMPARE(NameRules::relativePath(QStringLiteral("Docs/Cafe\u0301.md")).value(), QStringLiteral("Docs/Caf\u00e9.md"));
}

void TestNameRules::sessionIds()
{
    QVERIFY(NameRules::sessionId(QStringLiteral("abc-DEF_123")).ok());
    QVERIFY(NameRules::sessionId(QString(128, u'a')).ok());
    for (const QString &bad : {QString(), QString(129, u'a'), QStringLiteral("../x"), QStringLiteral("a b"),
                               QStringLiteral("a/b"), QStringLiteral("ä")})
        QVERIFY2(!NameRules::sessionId(bad).ok(), qPrintable(bad));
    QVERIFY(!NameRules::sessionFileName(QStringLiteral("a/b.log")).ok());
    QVERIFY(!NameRules::sessionFileName(QStringLiteral("..")).ok());
    QVERIFY(NameRules::sessionFileName(QStringLiteral("app 2.log")).ok());
}

void TestNameRules::validatorReportsEveryProblem()
{
    const auto r = UploadValidator::validateTsgUpload({{QStringLiteral("ok.md"), 10},
                                                       {QStringLiteral("script.exe"), 10},
                                                       {QStringLiteral("../up.md"), 10},
                                                       {QStringLiteral("Dup.md"), 1},
                                                       {QStringLiteral("dup.md"), 1},
                                                       {QStringLiteral("big.log"), 101LL << 20}},
                                                      TsgSettings());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().problems.size(), 4);
    const QString all = r.error().message;
    QVERIFY(all.contains(u"exceeds limit of 100MB"));
    QVERIFY(all.contains(u"script.exe: File type '.exe' is not allowed"));
    QVERIFY(all.contains(u"Invalid file path: ../up.md"));
    QVERIFY(all.contains(u"dup.md: collides with Dup.md"));
}

void TestNameRules::validatorSeedTests()
{
    // The seed's Step 8.2, adapted.
    QVERIFY(UploadValidator::validateTsgUpload({{QStringLiteral("docs/guide.md"), 1024}, {QStringLiteral("logs/error.log"), 2048}}, TsgSettings()).ok());
    const auto big = UploadValidator::validateTsgUpload({{QStringLiteral("large.log"), 200LL << 20}}, TsgSettings());
    QVERIFY(!big.ok() && big.error().message.contains(u"exceeds limit"));
    QCOMPARE(big.error().kind, ErrorKind::TooLarge);
    const auto exe = UploadValidator::validateTsgUpload({{QStringLiteral("script.exe"), 1024}}, TsgSettings());
    QVERIFY(!exe.ok() && exe.error().message.contains(u"not allowed"));
    const auto trav = UploadValidator::validateTsgUpload({{QStringLiteral("../../../etc/passwd"), 1024}}, TsgSettings());
    QVERIFY(!trav.ok() && trav.error().message.contains(u"Invalid file path"));
    QVERIFY(UploadValidator::validateTsgUpload({{QStringLiteral("UPPER.LOG"), 1}}, TsgSettings()).ok());
    QVERIFY(!UploadValidator::validateTsgUpload({}, TsgSettings()).ok());
}

void TestNameRules::sessionValidatorCountsExisting()
{
    SessionSettings s;
    s.maxFilesPerSession = 5;
    QVERIFY(UploadValidator::validateSessionUpload({{QStringLiteral("a.log"), 1}}, s, 4).ok());
    const auto r = UploadValidator::validateSessionUpload({{QStringLiteral("a.log"), 1}, {QStringLiteral("b.log"), 1}}, s, 4);
    QVERIFY(!r.ok() && r.error().message.contains(u"Too many files. Maximum 5 files per session"));
    const auto big = UploadValidator::validateSessionUpload({{QStringLiteral("a.log"), 51LL << 20}}, SessionSettings(), 0);
    QVERIFY(!big.ok() && big.error().message.contains(u"exceeds limit of 50MB"));
}

QTEST_GUILESS_MAIN(TestNameRules)
#include "tst_namerules.moc"
