// The seed's validateTSGUpload / validateSessionUpload (Step 4, tests of Step 8.2 adapted): real
// sizes, allowed extensions, safe paths, collisions within a batch, the session's file count over
// its whole content; every problem of a batch reported at once, each naming its file.
#include "uploadvalidator.h"

#include <QTest>

using namespace tsg;

namespace {

FileToCheck file(const QString &path, qint64 size = 1024)
{
    return {path, size};
}

constexpr qint64 MB = 1024 * 1024;

} // namespace

class TestUploadValidator : public QObject {
    Q_OBJECT
private slots:
    // The seed's Step 8.2.
    void acceptsValidFiles();
    void rejectsOversizedUploads();
    void declaredSizesThatWouldOverflowAreTooLarge();
    void rejectsInvalidFileTypes();
    void rejectsPathTraversal();

    void sizeMessageInTheSeedsWords();
    void sizeLimitIsInclusive();
    void extensionsAreCaseInsensitive();
    void hostilePaths_data();
    void hostilePaths();
    void returnsNfcPathsInOrder();
    void reportsEveryProblemAtOnce();
    void collisionsWithinTheBatch_data();
    void collisionsWithinTheBatch();
    void emptyBatch();
    void errorKinds();

    void sessionCountsExistingFiles();
    void sessionSizeAndNames();
    void sessionKeepsRepeatedNames();
    void megabytes();
};

void TestUploadValidator::acceptsValidFiles()
{
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("docs/guide.md"), 1024),
                                                       file(QStringLiteral("logs/error.log"), 2048)},
                                                      TsgSettings());
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
}

void TestUploadValidator::rejectsOversizedUploads()
{
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("large.log"), 200 * MB)}, TsgSettings());
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(u"exceeds limit"));
}

// A chunked begin declares sizes up to 2^53 - 1 each; 1,025 of them add up past qint64 and must not
// wrap round to a small or negative total that passes the limit.
void TestUploadValidator::declaredSizesThatWouldOverflowAreTooLarge()
{
    QList<FileToCheck> files;
    for (int i = 0; i < 1025; ++i)
        files << file(QStringLiteral("f%1.log").arg(i), (qint64(1) << 53) - 1);
    const auto r = UploadValidator::validateTsgUpload(files, TsgSettings());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(u"exceeds limit"), qPrintable(r.error().message));
}

void TestUploadValidator::rejectsInvalidFileTypes()
{
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("script.exe"))}, TsgSettings());
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(u"not allowed"));
    QVERIFY2(r.error().message.startsWith(
                 u"script.exe: File type '.exe' is not allowed. Allowed types: .md, .txt, .log, "),
             qPrintable(r.error().message));
    QVERIFY(r.error().message.endsWith(u".zip, .gz, .tar, .7z"));
}

void TestUploadValidator::rejectsPathTraversal()
{
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("../../../etc/passwd"))}, TsgSettings());
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(u"Invalid file path"));
    QVERIFY2(r.error().message.startsWith(u"Invalid file path: ../../../etc/passwd ("), qPrintable(r.error().message));
}

void TestUploadValidator::sizeMessageInTheSeedsWords()
{
    const qint64 size = qint64(123.45 * MB);
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("a.log"), size)}, TsgSettings());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message,
             QStringLiteral("Total upload size 123.45 MiB exceeds limit of 100 MiB (1 MiB = 1,048,576 bytes)"));
    QCOMPARE(r.error().problems, QStringList{r.error().message});
}

void TestUploadValidator::sizeLimitIsInclusive()
{
    TsgSettings s;
    s.maxUploadSize = 1;
    QVERIFY(
        UploadValidator::validateTsgUpload({file(QStringLiteral("a.md"), MB / 2), file(QStringLiteral("b.md"), MB / 2)},
                                           s)
            .ok());
    const auto over = UploadValidator::validateTsgUpload({file(QStringLiteral("a.md"), MB / 2),
                                                          file(QStringLiteral("b.md"), MB / 2 + 1)},
                                                         s);
    QVERIFY(!over.ok());
    QVERIFY(over.error().message.contains(u"Total upload size 1.00 MiB exceeds limit of 1 MiB"));
}

void TestUploadValidator::extensionsAreCaseInsensitive()
{
    QVERIFY(UploadValidator::validateTsgUpload({file(QStringLiteral("UPPER.LOG"))}, TsgSettings()).ok());
    QVERIFY(UploadValidator::validateTsgUpload({file(QStringLiteral("Shot.PnG"))}, TsgSettings()).ok());
    TsgSettings s;
    s.allowedFileTypes = {QStringLiteral(".MD")}; // settings built in code, not lower-cased by the config reader
    QVERIFY(UploadValidator::validateTsgUpload({file(QStringLiteral("x.md"))}, s).ok());
    const auto noExt = UploadValidator::validateTsgUpload({file(QStringLiteral("docs/README"))}, TsgSettings());
    QVERIFY(!noExt.ok());
    QVERIFY2(noExt.error().message.startsWith(u"docs/README: File type '' is not allowed"),
             qPrintable(noExt.errorMessage()));
    const auto hiddenLike = UploadValidator::validateTsgUpload({file(QStringLiteral("x.md.exe"))}, TsgSettings());
    QVERIFY(!hiddenLike.ok());
    QVERIFY(hiddenLike.error().message.contains(u"File type '.exe' is not allowed"));
}

void TestUploadValidator::hostilePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("traversal") << QStringLiteral("../../etc/passwd.md");
    QTest::newRow("inner traversal") << QStringLiteral("docs/../../x.md");
    QTest::newRow("absolute") << QStringLiteral("/etc/x.md");
    QTest::newRow("drive letter") << QStringLiteral("C:/Windows/x.md");
    QTest::newRow("drive relative") << QStringLiteral("c:x.md");
    QTest::newRow("UNC") << QStringLiteral("//server/share/x.md");
    QTest::newRow("backslash") << QStringLiteral("docs\\x.md");
    QTest::newRow("backslash traversal") << QStringLiteral("..\\..\\x.md");
    QTest::newRow("hidden segment") << QStringLiteral(".ssh/x.md");
    QTest::newRow("hidden file") << QStringLiteral("docs/.x.md");
    QTest::newRow("empty segment") << QStringLiteral("docs//x.md");
    QTest::newRow("trailing slash") << QStringLiteral("docs/x.md/");
    QTest::newRow("dot segment") << QStringLiteral("./x.md");
    QTest::newRow("NUL") << QStringLiteral("x.md") + QChar(0) + QStringLiteral(".md");
    QTest::newRow("reserved") << QStringLiteral("con/x.md");
    QTest::newRow("bidi") << QStringLiteral("a\u202Edm.md");
}

void TestUploadValidator::hostilePaths()
{
    QFETCH(QString, path);
    const auto r = UploadValidator::validateTsgUpload({file(QStringLiteral("fine.md")), file(path)}, TsgSettings());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QCOMPARE(r.error().problems.size(), 1);
    QVERIFY2(r.error().message.startsWith(u"Invalid file path: "), qPrintable(r.error().message));
}

void TestUploadValidator::returnsNfcPathsInOrder()
{
    const auto r =
        UploadValidator::validateTsgUpload({file(QStringLiteral("z.md")), file(QStringLiteral("Cafe\u0301/a.md")),
                                            file(QStringLiteral("b.txt"))},
                                           TsgSettings());
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r.value(),
             (QStringList{QStringLiteral("z.md"), QStringLiteral("Caf\u00e9/a.md"), QStringLiteral("b.txt")}));
}

void TestUploadValidator::reportsEveryProblemAtOnce()
{
    const auto r =
        UploadValidator::validateTsgUpload({file(QStringLiteral("ok.md"), 10), file(QStringLiteral("script.exe"), 10),
                                            file(QStringLiteral("../up.md"), 10), file(QStringLiteral("C:/x.md"), 10),
                                            file(QStringLiteral("Dup.md"), 1), file(QStringLiteral("dup.md"), 1),
                                            file(QStringLiteral("big.log"), 101 * MB)},
                                           TsgSettings());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    const QStringList problems = r.error().problems;
    QCOMPARE(problems.size(), 5);
    QVERIFY(problems.at(0).startsWith(u"Total upload size 101.00 MiB exceeds limit of 100 MiB"));
    QVERIFY(problems.at(1).startsWith(u"script.exe: File type '.exe' is not allowed"));
    QVERIFY(problems.at(2).startsWith(u"Invalid file path: ../up.md ("));
    QVERIFY(problems.at(3).startsWith(u"Invalid file path: C:/x.md ("));
    QVERIFY(problems.at(4).startsWith(u"dup.md: collides with Dup.md"));
    QCOMPARE(r.error().message, problems.join(QStringLiteral("; ")));
}

void TestUploadValidator::collisionsWithinTheBatch_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QString>("says");
    QTest::newRow("case") << QStringList{QStringLiteral("Guide.md"), QStringLiteral("GUIDE.md")}
                          << QStringLiteral("GUIDE.md: collides with Guide.md in the same upload");
    QTest::newRow("normalisation") << QStringList{QStringLiteral("caf\u00e9.md"), QStringLiteral("cafe\u0301.md")}
                                   << QStringLiteral("collides with caf\u00e9.md");
    QTest::newRow("exact twice") << QStringList{QStringLiteral("a/x.md"), QStringLiteral("a/x.md")}
                                 << QStringLiteral("a/x.md: appears twice in the same upload");
    QTest::newRow("file then folder") << QStringList{QStringLiteral("docs.md"), QStringLiteral("docs.md/a.md")}
                                      << QStringLiteral("docs.md/a.md: collides with docs.md");
    QTest::newRow("folder then file") << QStringList{QStringLiteral("Notes.md/a.md"), QStringLiteral("notes.md")}
                                      << QStringLiteral("both a file and a folder");
    QTest::newRow("folder spelling") << QStringList{QStringLiteral("Docs/a.md"), QStringLiteral("docs/b.md")}
                                     << QStringLiteral("folders 'docs' and 'Docs' differ only in case");
}

void TestUploadValidator::collisionsWithinTheBatch()
{
    QFETCH(QStringList, paths);
    QFETCH(QString, says);
    QList<FileToCheck> files;
    for (const QString &p : paths)
        files << file(p);
    const auto r = UploadValidator::validateTsgUpload(files, TsgSettings());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QCOMPARE(r.error().problems.size(), 1);
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    // The same folder used by several files is fine.
    QVERIFY(UploadValidator::validateTsgUpload({file(QStringLiteral("docs/a.md")), file(QStringLiteral("docs/b.md")),
                                                file(QStringLiteral("docs/sub/c.md"))},
                                               TsgSettings())
                .ok());
}

void TestUploadValidator::emptyBatch()
{
    const auto tsgBatch = UploadValidator::validateTsgUpload({}, TsgSettings());
    QVERIFY(!tsgBatch.ok());
    QCOMPARE(tsgBatch.error().message, QStringLiteral("No files to upload"));
    const auto sessionBatch = UploadValidator::validateSessionUpload({}, SessionSettings(), 0);
    QVERIFY(!sessionBatch.ok());
    QCOMPARE(sessionBatch.error().message, QStringLiteral("No files to upload"));
}

void TestUploadValidator::errorKinds()
{
    const auto size = UploadValidator::validateTsgUpload({file(QStringLiteral("large.log"), 200 * MB)}, TsgSettings());
    QCOMPARE(size.error().kind, ErrorKind::TooLarge);
    const auto type = UploadValidator::validateTsgUpload({file(QStringLiteral("script.exe"))}, TsgSettings());
    QCOMPARE(type.error().kind, ErrorKind::TypeNotAllowed);
    const auto mixed =
        UploadValidator::validateTsgUpload({file(QStringLiteral("script.exe"), 200 * MB)}, TsgSettings());
    QCOMPARE(mixed.error().kind, ErrorKind::Invalid);
    QCOMPARE(mixed.error().problems.size(), 2);
}

void TestUploadValidator::sessionCountsExistingFiles()
{
    SessionSettings s;
    s.maxFilesPerSession = 5;
    QVERIFY(UploadValidator::validateSessionUpload({file(QStringLiteral("a.log"))}, s, 4).ok());
    const auto r =
        UploadValidator::validateSessionUpload({file(QStringLiteral("a.log")), file(QStringLiteral("b.log"))}, s, 4);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(u"Too many files. Maximum 5 files per session"),
             qPrintable(r.errorMessage()));
    QCOMPARE(r.error().kind, ErrorKind::Limit);
    // The seed's default: 100 files per session, counted over the new batch alone too.
    QList<FileToCheck> many;
    for (int i = 0; i < 101; ++i)
        many << file(QStringLiteral("f%1.log").arg(i), 1);
    const auto seed = UploadValidator::validateSessionUpload(many, SessionSettings(), 0);
    QVERIFY(!seed.ok());
    QVERIFY(seed.error().message.contains(u"Too many files. Maximum 100 files per session"));
    QVERIFY(UploadValidator::validateSessionUpload(many.mid(0, 100), SessionSettings(), 0).ok());
    QVERIFY(!UploadValidator::validateSessionUpload(many.mid(0, 1), SessionSettings(), 100).ok());
}

void TestUploadValidator::sessionSizeAndNames()
{
    const auto big =
        UploadValidator::validateSessionUpload({file(QStringLiteral("a.log"), 51 * MB)}, SessionSettings(), 0);
    QVERIFY(!big.ok());
    QCOMPARE(big.error().message,
             QStringLiteral("Total upload size 51.00 MiB exceeds limit of 50 MiB (1 MiB = 1,048,576 bytes)"));
    QCOMPARE(big.error().kind, ErrorKind::TooLarge);

    SessionSettings s;
    s.maxFilesPerSession = 2;
    const auto all =
        UploadValidator::validateSessionUpload({file(QStringLiteral("dir/a.log")), file(QStringLiteral("..")),
                                                file(QStringLiteral("ok.log"), 60 * MB)},
                                               s, 1);
    QVERIFY(!all.ok());
    QCOMPARE(all.error().kind, ErrorKind::Invalid);
    QCOMPARE(all.error().problems.size(), 4);
    QVERIFY(all.error().problems.at(0).startsWith(u"Too many files"));
    QVERIFY(all.error().problems.at(1).startsWith(u"Total upload size"));
    QVERIFY(all.error().problems.at(2).startsWith(u"Invalid file path: dir/a.log ("));
    QVERIFY(all.error().problems.at(3).startsWith(u"Invalid file path: .. ("));

    // Session files are any type (the seed checks no extension for sessions), stored NFC.
    const auto ok =
        UploadValidator::validateSessionUpload({file(QStringLiteral("core.dump")), file(QStringLiteral("e\u0301.bin"))},
                                               SessionSettings(), 0);
    QVERIFY2(ok.ok(), qPrintable(ok.errorMessage()));
    QCOMPARE(ok.value(), (QStringList{QStringLiteral("core.dump"), QStringLiteral("\u00e9.bin")}));
}

void TestUploadValidator::sessionKeepsRepeatedNames()
{
    const auto r =
        UploadValidator::validateSessionUpload({file(QStringLiteral("app.log")), file(QStringLiteral("APP.log")),
                                                file(QStringLiteral("app.log"))},
                                               SessionSettings(), 0);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage())); // the session store gives the later ones new names
    QCOMPARE(r.value().size(), 3);
}

void TestUploadValidator::megabytes()
{
    QCOMPARE(UploadValidator::megabytes(0), QStringLiteral("0.00"));
    QCOMPARE(UploadValidator::megabytes(MB), QStringLiteral("1.00"));
    QCOMPARE(UploadValidator::megabytes(200 * MB), QStringLiteral("200.00"));
    QCOMPARE(UploadValidator::megabytes(MB + MB / 2), QStringLiteral("1.50"));
    QCOMPARE(UploadValidator::megabytes(qint64(123.45 * MB)), QStringLiteral("123.45"));
}

QTEST_GUILESS_MAIN(TestUploadValidator)
#include "tst_uploadvalidator.moc"
