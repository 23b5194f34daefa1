// TSG names, paths and session ids: the hostile ones are refused with a clear message, Unicode
// letters are welcome (stored NFC), and names differing only in case or normalisation collide.
#include "namerules.h"

#include <QTest>

using namespace tsg;

class TestNameRules : public QObject {
    Q_OBJECT
private slots:
    void hostileTsgNames_data();
    void hostileTsgNames();
    void acceptedTsgNames_data();
    void acceptedTsgNames();
    void hostilePaths_data();
    void hostilePaths();
    void acceptedPaths_data();
    void acceptedPaths();
    void pathSegments();
    void foldKeyJoinsCaseAndNormalisation();
    void sessionIds();
    void sessionFileNames();
    void messagesShowHostileCharactersEscaped();
    void invisibleAndLookAlikeCharacters_data();
    void invisibleAndLookAlikeCharacters();
    void visibleNamesWithMarksAndDotsStayAccepted();
};

void TestNameRules::hostileTsgNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");
    const QString seedWords = QStringLiteral("TSG name must be between 3 and 100 characters");
    QTest::newRow("traversal") << QStringLiteral("../x") << QStringLiteral("start with a dot");
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("'/'");
    QTest::newRow("slashes") << QStringLiteral("a/b/c") << QStringLiteral("'/'");
    QTest::newRow("backslash") << QStringLiteral("a\\bc") << QStringLiteral("'\\'");
    QTest::newRow("colon") << QStringLiteral("c:abc") << QStringLiteral("':'");
    QTest::newRow("three dots") << QStringLiteral("...") << QStringLiteral("dot");
    QTest::newRow("leading dot") << QStringLiteral(".hidden") << QStringLiteral("start with a dot");
    QTest::newRow("trailing dot") << QStringLiteral("guide.") << QStringLiteral("end with a dot");
    QTest::newRow("trailing dots") << QStringLiteral("guide..") << QStringLiteral("end with a dot");
    QTest::newRow("con") << QStringLiteral("con") << QStringLiteral("reserved device name");
    QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("reserved device name");
    QTest::newRow("Aux") << QStringLiteral("Aux") << QStringLiteral("reserved device name");
    QTest::newRow("PRN.md") << QStringLiteral("PRN.md") << QStringLiteral("reserved device name");
    QTest::newRow("nul.txt") << QStringLiteral("nul.txt") << QStringLiteral("reserved device name");
    QTest::newRow("COM1 trailing space") << QStringLiteral("COM1 ") << QStringLiteral("reserved device name");
    QTest::newRow("com9") << QStringLiteral("com9") << QStringLiteral("reserved device name");
    QTest::newRow("COM0") << QStringLiteral("COM0") << QStringLiteral("reserved device name");
    QTest::newRow("COM1 space ext") << QStringLiteral("COM1 .log") << QStringLiteral("reserved device name");
    QTest::newRow("lpt1.tar.gz") << QStringLiteral("lpt1.tar.gz") << QStringLiteral("reserved device name");
    QTest::newRow("LPT superscript 1") << QStringLiteral("LPT\u00B9") << QStringLiteral("reserved device name");
    QTest::newRow("COM superscript 3") << QStringLiteral("com\u00B3.txt") << QStringLiteral("reserved device name");
    QTest::newRow("CONIN$") << QStringLiteral("CONIN$") << QStringLiteral("reserved device name");
    QTest::newRow("NUL char") << QStringLiteral("abc") + QChar(0) + QStringLiteral("d") << QStringLiteral("NUL");
    QTest::newRow("newline") << QStringLiteral("ab\ncd") << QStringLiteral("control");
    QTest::newRow("tab") << QStringLiteral("ab\tcd") << QStringLiteral("control");
    QTest::newRow("escape") << QStringLiteral("ab\x1B[31mcd") << QStringLiteral("control");
    QTest::newRow("DEL") << QStringLiteral("ab\x7F") + QStringLiteral("cd") << QStringLiteral("control");
    QTest::newRow("C1 NEL") << QStringLiteral("ab\u0085cd") << QStringLiteral("control");
    QTest::newRow("C1 CSI") << QStringLiteral("ab\u009Bcd") << QStringLiteral("control");
    QTest::newRow("bidi RLO") << QStringLiteral("abc\u202Egpj.exe") << QStringLiteral("bidirectional");
    QTest::newRow("bidi LRE") << QStringLiteral("abc\u202Ad") << QStringLiteral("bidirectional");
    QTest::newRow("bidi isolate LRI") << QStringLiteral("abc\u2066d") << QStringLiteral("bidirectional");
    QTest::newRow("bidi isolate PDI") << QStringLiteral("abc\u2069d") << QStringLiteral("bidirectional");
    QTest::newRow("less than") << QStringLiteral("a<b") << QStringLiteral("< > \" | ? *");
    QTest::newRow("greater than") << QStringLiteral("a>b") << QStringLiteral("< > \" | ? *");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QStringLiteral("< > \" | ? *");
    QTest::newRow("pipe") << QStringLiteral("a|b") << QStringLiteral("< > \" | ? *");
    QTest::newRow("question") << QStringLiteral("why?") << QStringLiteral("< > \" | ? *");
    QTest::newRow("star") << QStringLiteral("all*") << QStringLiteral("< > \" | ? *");
    QTest::newRow("lone surrogate") << QStringLiteral("abc") + QChar(0xD800) << QStringLiteral("lone surrogate");
    QTest::newRow("two chars") << QStringLiteral("ab") << seedWords;
    QTest::newRow("two chars padded") << QStringLiteral("   ab   ") << seedWords;
    QTest::newRow("101 chars") << QString(101, u'a') << seedWords;
    QTest::newRow("far too long") << QString(100000, u'a') << seedWords;
    QTest::newRow("blank") << QStringLiteral("      ") << seedWords;
    QTest::newRow("empty") << QString() << seedWords;
    // 90 characters but 270 bytes in UTF-8 (a euro sign is three bytes).
    QTest::newRow("over 255 bytes") << QString(90, QChar(0x20AC)) << QStringLiteral("255 bytes");
    // 64 emoji: 64 characters, 256 bytes.
    QString emoji;
    for (int i = 0; i < 64; ++i)
        emoji += QStringLiteral("\U0001F600");
    QTest::newRow("256 bytes of emoji") << emoji << QStringLiteral("255 bytes");
}

void TestNameRules::hostileTsgNames()
{
    QFETCH(QString, name);
    QFETCH(QString, says);
    const auto r = NameRules::tsgName(name);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    QVERIFY2(r.error().message.size() < 400, "the message stays short whatever the name");
}

void TestNameRules::acceptedTsgNames_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("stored");
    QTest::newRow("trimmed") << QStringLiteral("  Network Outage  ") << QStringLiteral("Network Outage");
    QTest::newRow("tabs trimmed") << QStringLiteral("\tdns-issues\n") << QStringLiteral("dns-issues");
    QTest::newRow("german") << QStringLiteral("Störung im Netz") << QStringLiteral("Störung im Netz");
    QTest::newRow("japanese") << QStringLiteral("ネットワーク障害") << QStringLiteral("ネットワーク障害");
    QTest::newRow("arabic") << QStringLiteral("انقطاع الشبكة") << QStringLiteral("انقطاع الشبكة");
    QTest::newRow("emoji") << QStringLiteral("db \U0001F525 fire") << QStringLiteral("db \U0001F525 fire");
    QTest::newRow("NFD stored NFC") << QStringLiteral("cafe\u0301") << QStringLiteral("caf\u00e9");
    QTest::newRow("three chars") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("100 chars") << QString(100, u'a') << QString(100, u'a');
    QTest::newRow("85 euro signs: 255 bytes") << QString(85, QChar(0x20AC)) << QString(85, QChar(0x20AC));
    QTest::newRow("console") << QStringLiteral("console-errors") << QStringLiteral("console-errors");
    QTest::newRow("nullable") << QStringLiteral("nullable.md") << QStringLiteral("nullable.md");
    QTest::newRow("COM10") << QStringLiteral("COM10") << QStringLiteral("COM10");
    QTest::newRow("inner dots") << QStringLiteral("v1.2.3 release") << QStringLiteral("v1.2.3 release");
    QTest::newRow("punctuation") << QStringLiteral("a (b) [c] #1 & d's") << QStringLiteral("a (b) [c] #1 & d's");
}

void TestNameRules::acceptedTsgNames()
{
    QFETCH(QString, raw);
    QFETCH(QString, stored);
    const auto r = NameRules::tsgName(raw);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r.value(), stored);
}

void TestNameRules::hostilePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    QTest::newRow("parent") << QStringLiteral("../../../etc/passwd") << QStringLiteral("'..'");
    QTest::newRow("inner parent") << QStringLiteral("docs/../../x.md") << QStringLiteral("'..'");
    QTest::newRow("trailing parent") << QStringLiteral("docs/..") << QStringLiteral("'..'");
    QTest::newRow("dot segment") << QStringLiteral("./x.md") << QStringLiteral("'.'");
    QTest::newRow("inner dot segment") << QStringLiteral("a/./x.md") << QStringLiteral("'.'");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd.md") << QStringLiteral("absolute");
    QTest::newRow("drive") << QStringLiteral("C:/x.md") << QStringLiteral("drive letter");
    QTest::newRow("drive relative") << QStringLiteral("C:x.md") << QStringLiteral("drive letter");
    QTest::newRow("drive lower") << QStringLiteral("d:") << QStringLiteral("drive letter");
    QTest::newRow("unc") << QStringLiteral("//server/share/x.md") << QStringLiteral("UNC");
    QTest::newRow("unc backslash") << QStringLiteral("\\\\server\\share\\x.md") << QStringLiteral("backslash");
    QTest::newRow("backslash") << QStringLiteral("docs\\x.md") << QStringLiteral("backslash");
    QTest::newRow("backslash traversal") << QStringLiteral("..\\..\\x.md") << QStringLiteral("backslash");
    QTest::newRow("empty segment") << QStringLiteral("docs//x.md") << QStringLiteral("empty path segment");
    QTest::newRow("trailing slash") << QStringLiteral("docs/") << QStringLiteral("ends with '/'");
    QTest::newRow("hidden segment") << QStringLiteral(".git/config.md") << QStringLiteral("start with a dot");
    QTest::newRow("hidden file") << QStringLiteral("docs/.env.md") << QStringLiteral("start with a dot");
    QTest::newRow("NUL") << QStringLiteral("x") + QChar(0) + QStringLiteral(".md") << QStringLiteral("NUL");
    QTest::newRow("control") << QStringLiteral("a/b\rc.md") << QStringLiteral("control");
    QTest::newRow("reserved segment") << QStringLiteral("aux/x.md") << QStringLiteral("reserved device name");
    QTest::newRow("reserved file") << QStringLiteral("docs/nul.txt") << QStringLiteral("reserved device name");
    QTest::newRow("trailing space segment")
        << QStringLiteral("docs /x.md") << QStringLiteral("end with a dot or a space");
    QTest::newRow("trailing space file") << QStringLiteral("x.md ") << QStringLiteral("end with a dot or a space");
    QTest::newRow("trailing dot file") << QStringLiteral("x.md.") << QStringLiteral("end with a dot or a space");
    QTest::newRow("colon") << QStringLiteral("docs/a:b.md") << QStringLiteral("':'");
    QTest::newRow("star") << QStringLiteral("docs/*.md") << QStringLiteral("< > \" | ? *");
    QTest::newRow("bidi") << QStringLiteral("x\u202Edm.exe.md") << QStringLiteral("bidirectional");
    QTest::newRow("segment over 255 bytes")
        << QStringLiteral("docs/") + QString(256, u'a') << QStringLiteral("255 bytes");
    QString deep;
    for (int i = 0; i < 500; ++i)
        deep += QStringLiteral("abcdefgh/");
    QTest::newRow("path over 4096 bytes") << deep + QStringLiteral("x.md") << QStringLiteral("4096 bytes");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
}

void TestNameRules::hostilePaths()
{
    QFETCH(QString, path);
    QFETCH(QString, says);
    const auto r = NameRules::relativePath(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QVERIFY2(r.error().message.startsWith(u"Invalid file path: "), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
}

void TestNameRules::acceptedPaths_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("stored");
    QTest::newRow("plain") << QStringLiteral("guide.md") << QStringLiteral("guide.md");
    QTest::newRow("nested") << QStringLiteral("docs/runbooks/step 1.md") << QStringLiteral("docs/runbooks/step 1.md");
    QTest::newRow("unicode") << QStringLiteral("Störungen/日本語.md") << QStringLiteral("Störungen/日本語.md");
    QTest::newRow("NFD stored NFC") << QStringLiteral("Docs/Cafe\u0301.md") << QStringLiteral("Docs/Caf\u00e9.md");
    QTest::newRow("dots inside") << QStringLiteral("a..b/c.d.md") << QStringLiteral("a..b/c.d.md");
    QTest::newRow("255-byte segment") << QString(255, u'a') << QString(255, u'a');
}

void TestNameRules::acceptedPaths()
{
    QFETCH(QString, raw);
    QFETCH(QString, stored);
    const auto r = NameRules::relativePath(raw);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r.value(), stored);
}

void TestNameRules::pathSegments()
{
    QVERIFY(NameRules::pathSegment(u"a").ok()); // one character is enough for a segment
    QVERIFY(NameRules::pathSegment(u"guide.md").ok());
    QVERIFY(!NameRules::pathSegment(u"").ok());
    QVERIFY(!NameRules::pathSegment(u"..").ok());
    QVERIFY(!NameRules::pathSegment(u"a/b").ok());
    QVERIFY(!NameRules::pathSegment(u"COM1").ok());
    QVERIFY(!NameRules::pathSegment(u"COM1 ").ok());
    const QString long256(256, u'x');
    const auto tooLong = NameRules::pathSegment(long256);
    QVERIFY(!tooLong.ok());
    QVERIFY(tooLong.error().message.contains(u"255 bytes"));
    QVERIFY(NameRules::pathSegment(QString(255, u'x')).ok());
}

void TestNameRules::foldKeyJoinsCaseAndNormalisation()
{
    QCOMPARE(NameRules::foldKey(QStringLiteral("Guide")), NameRules::foldKey(QStringLiteral("GUIDE")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("guide")), NameRules::foldKey(QStringLiteral("GUIDE")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("caf\u00e9")), NameRules::foldKey(QStringLiteral("cafe\u0301")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("caf\u00e9")), NameRules::foldKey(QStringLiteral("CAFE\u0301")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("\u212B")),
             NameRules::foldKey(QStringLiteral("\u00E5"))); // Angstrom sign
    QVERIFY(NameRules::foldKey(QStringLiteral("abc")) != NameRules::foldKey(QStringLiteral("abd")));
    QCOMPARE(NameRules::foldKey(QStringLiteral("Docs/A.md")), NameRules::foldKey(QStringLiteral("docs/a.MD")));
}

void TestNameRules::sessionIds()
{
    QVERIFY(NameRules::sessionId(QStringLiteral("abc-DEF_123")).ok());
    QVERIFY(NameRules::sessionId(QStringLiteral("a")).ok());
    QVERIFY(NameRules::sessionId(QString(128, u'a')).ok());
    for (const QString &bad :
         {QString(), QString(129, u'a'), QStringLiteral("../x"), QStringLiteral("a b"), QStringLiteral("a/b"),
          QStringLiteral("a.b"), QStringLiteral("ä"), QStringLiteral("abc\n"), QStringLiteral("x") + QChar(0)}) {
        const auto r = NameRules::sessionId(bad);
        QVERIFY2(!r.ok(), qPrintable(bad));
        QVERIFY(r.error().message.startsWith(u"Invalid sessionId"));
    }
}

void TestNameRules::sessionFileNames()
{
    QCOMPARE(NameRules::sessionFileName(QStringLiteral("app 2.log")).value(), QStringLiteral("app 2.log"));
    QCOMPARE(NameRules::sessionFileName(QStringLiteral("re\u0301sume\u0301.pdf")).value(),
             QStringLiteral("r\u00e9sum\u00e9.pdf"));
    QVERIFY(NameRules::sessionFileName(QStringLiteral("x")).ok());
    for (const QString &bad : {QStringLiteral("a/b.log"), QStringLiteral("..\\b.log"), QStringLiteral(".."),
                               QStringLiteral("."), QString(), QStringLiteral(".bashrc"), QStringLiteral("CON.log"),
                               QStringLiteral("x.log "), QString(256, u'a'), QStringLiteral("a\u202Eb")}) {
        const auto r = NameRules::sessionFileName(bad);
        QVERIFY2(!r.ok(), qPrintable(bad));
        QVERIFY2(r.error().message.startsWith(u"Invalid file path: "), qPrintable(r.error().message));
    }
}

void TestNameRules::messagesShowHostileCharactersEscaped()
{
    const auto r = NameRules::relativePath(QStringLiteral("docs/evil\u202Egpj.md"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(u"evil\\u202egpj.md"), qPrintable(r.error().message));
    QVERIFY(!r.error().message.contains(QChar(0x202E)));
    const auto nl = NameRules::tsgName(QStringLiteral("abc\ndef"));
    QVERIFY(!nl.ok());
    QVERIFY(!nl.error().message.contains(u'\n'));
    QCOMPARE(NameRules::printable(u"plain name.md"), QStringLiteral("plain name.md"));
    QCOMPARE(NameRules::printable(QString(300, u'a')).size(), 201); // 200 characters and an ellipsis
    const auto huge = NameRules::relativePath(QString(100000, u'a'));
    QVERIFY(!huge.ok());
    QVERIFY(huge.error().message.size() < 400);
}

// Issue 13 §7 (and the names fuzz harness): names that look empty or like another name. Each row is
// tried as a TSG name, as a path inside a TSG and as a session file name (`where` says which refuse it).
void TestNameRules::invisibleAndLookAlikeCharacters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");
    QTest::addColumn<bool>("tsgToo"); // false: only paths and session file names refuse it
    const QString format = QStringLiteral("invisible format character");
    QTest::newRow("zero-width spaces") << QStringLiteral("\u200B\u200B\u200B") << format << true;
    QTest::newRow("soft hyphen next to abc") << QStringLiteral("abc\u00AD") << format << true;
    QTest::newRow("BOM") << QStringLiteral("\uFEFFabc") << format << true;
    QTest::newRow("zero-width joiner") << QStringLiteral("ab\u200Dc") << format << true;
    QTest::newRow("word joiner") << QStringLiteral("abc\u2060") << format << true;
    QTest::newRow("tag character") << QStringLiteral("abc") + QString::fromUcs4(U"\U000E0041", 1) << format << true;
    QTest::newRow("line separator") << QStringLiteral("ab\u2028cd") << QStringLiteral("line or paragraph separator")
                                    << true;
    QTest::newRow("paragraph separator") << QStringLiteral("ab\u2029cd")
                                         << QStringLiteral("line or paragraph separator") << true;
    QTest::newRow("noncharacter FFFF") << QStringLiteral("abc\uFFFF") << QStringLiteral("noncharacter") << true;
    QTest::newRow("noncharacter FDD0") << QStringLiteral("a\uFDD0bc") << QStringLiteral("noncharacter") << true;
    QTest::newRow("noncharacter 1FFFE") << QStringLiteral("abc") + QString::fromUcs4(U"\U0001FFFE", 1)
                                        << QStringLiteral("noncharacter") << true;
    QTest::newRow("combining marks only")
        << QStringLiteral("\u0301\u0302\u0303") << QStringLiteral("nothing visible") << true;
    QTest::newRow("marks and spaces") << QStringLiteral("\u0301 \u20DD") << QStringLiteral("nothing visible") << true;
    QTest::newRow("hangul fillers") << QStringLiteral("\u3164\u3164\u3164") << QStringLiteral("nothing visible")
                                    << true;
    QTest::newRow("marks and no-break space")
        << QStringLiteral("\u0301\u00A0\u0302") << QStringLiteral("nothing visible") << true;
    QTest::newRow("one dot leaders") << QStringLiteral("\u2024\u2024") << QStringLiteral("look like '.' or '/'")
                                     << false;
    QTest::newRow("fullwidth dots") << QStringLiteral("\uFF0E\uFF0E") << QStringLiteral("look like '.' or '/'")
                                    << false;
    QTest::newRow("two dot leader") << QStringLiteral("\u2025x") << QStringLiteral("look like '.' or '/'") << false;
    QTest::newRow("division slash") << QStringLiteral("a\u2215b") << QStringLiteral("look like '.' or '/'") << false;
    QTest::newRow("fraction slash") << QStringLiteral("a\u2044b") << QStringLiteral("look like '.' or '/'") << false;
    QTest::newRow("fullwidth slash") << QStringLiteral("a\uFF0Fb") << QStringLiteral("look like '.' or '/'") << false;
    QTest::newRow("fullwidth backslash") << QStringLiteral("a\uFF3Cb") << QStringLiteral("look like '.' or '/'")
                                         << false;
}

void TestNameRules::invisibleAndLookAlikeCharacters()
{
    QFETCH(QString, name);
    QFETCH(QString, says);
    QFETCH(bool, tsgToo);
    const auto tsg = NameRules::tsgName(name);
    if (tsgToo) {
        QVERIFY2(!tsg.ok(), qPrintable(NameRules::printable(name)));
        QVERIFY2(tsg.error().message.contains(says), qPrintable(tsg.error().message));
    }
    for (const QString &path :
         {name + QStringLiteral(".md"), QStringLiteral("docs/") + name + QStringLiteral("/x.md")}) {
        const auto r = NameRules::relativePath(path);
        QVERIFY2(!r.ok(), qPrintable(NameRules::printable(path)));
        QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    }
    const auto file = NameRules::sessionFileName(name + QStringLiteral(".log"));
    QVERIFY2(!file.ok(), qPrintable(NameRules::printable(name)));
    QVERIFY2(file.error().message.contains(says), qPrintable(file.error().message));
    // The message shows an invisible character as \uXXXX, so the user can see what was refused.
    for (const QString &message : {file.error().message, NameRules::printable(name)}) {
        for (const char32_t c : message.toUcs4())
            QVERIFY2(QChar::category(c) != QChar::Other_Format && !QChar::isNonCharacter(c) && c != 0x2028
                         && c != 0x2029,
                     qPrintable(message));
    }
}

// The rules above refuse only what cannot be seen or passes for '.' and '/': accents, emoji with
// variation selectors, an ellipsis or an ideographic full stop in a name stay fine.
void TestNameRules::visibleNamesWithMarksAndDotsStayAccepted()
{
    for (const QString &name :
         {QStringLiteral("Login fails\u2026"), QStringLiteral("\u0928\u092E\u0938\u094D\u0924\u0947"),
          QStringLiteral("ok \u2764\uFE0F"), QStringLiteral("\u969C\u5BB3\u3002\u5BFE\u5FDC"),
          QStringLiteral("cafe\u0301 au lait"), QStringLiteral("a \u00A0b")}) {
        const auto tsg = NameRules::tsgName(name);
        QVERIFY2(tsg.ok(), qPrintable(tsg.errorMessage()));
        const auto path = NameRules::relativePath(name + QStringLiteral("/x.md"));
        QVERIFY2(path.ok(), qPrintable(path.errorMessage()));
        const auto file = NameRules::sessionFileName(name + QStringLiteral(".md"));
        QVERIFY2(file.ok(), qPrintable(file.errorMessage()));
    }
}

QTEST_GUILESS_MAIN(TestNameRules)
#include "tst_namerules.moc"
