// What a drop would upload: a dropped folder keeps its name and structure; each rejected file gets
// its own reason (type, size, hidden, symlink, case collision); the total is checked against the
// limit; a folder can also land as content only (a TSG named after it).
#include "testlibrary.h"

#include "deferredfilesource.h"
#include "uploadplan.h"

#include <QFile>

using namespace testing;
using namespace tsg;

class TestUploadPlan : public QObject {
    Q_OBJECT
private slots:
    void folderKeepsItsNameAndStructure();
    void contentOnlyAndPrefix();
    void eachRejectedFileHasItsReason();
    void totalOverTheLimitIsABatchProblem();
    void deferredSourceOpensLateAndNoticesChanges();
};

namespace {
QStringList targets(const UploadPlan &plan)
{
    QStringList out;
    for (const PlannedFile &f : plan.accepted)
        out << f.target;
    out.sort();
    return out;
}
} // namespace

void TestUploadPlan::folderKeepsItsNameAndStructure()
{
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/a.md")), "a"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/logs/2024/b.log")), "bb"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("single.txt")), "s"));
    QVERIFY(QDir().mkpath(src.filePath(QStringLiteral("X/empty"))));
    const auto plan =
        UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("X")), src.filePath(QStringLiteral("single.txt"))},
                                   TsgSettings());
    QCOMPARE(targets(plan),
             (QStringList{QStringLiteral("X/a.md"), QStringLiteral("X/logs/2024/b.log"),
                          QStringLiteral("single.txt")}));
    QVERIFY(plan.rejected.isEmpty());
    QVERIFY(plan.canUpload());
    QVERIFY(!plan.needsConfirmation());
    QCOMPARE(plan.acceptedBytes(), qint64(4));
}

void TestUploadPlan::contentOnlyAndPrefix()
{
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/a.md")), "a"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/sub/b.md")), "b"));
    auto plan = UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("X"))}, TsgSettings(), {},
                                           UploadPlan::Folders::ContentOnly);
    QCOMPARE(targets(plan), (QStringList{QStringLiteral("a.md"), QStringLiteral("sub/b.md")}));
    plan = UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("X"))}, TsgSettings(), QStringLiteral("docs/in"));
    QCOMPARE(targets(plan), (QStringList{QStringLiteral("docs/in/X/a.md"), QStringLiteral("docs/in/X/sub/b.md")}));
}

void TestUploadPlan::eachRejectedFileHasItsReason()
{
    QTemporaryDir src;
    TsgSettings s;
    s.maxUploadSize = 1;
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/ok.md")), "ok"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/tool.exe")), "MZ"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/.env.md")), "secret"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/huge.log")), QByteArray(1024 * 1024 + 1, 'h')));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/Case.md")), "1"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("X/case.md")), "2"));
    QVERIFY(QFile::link(src.filePath(QStringLiteral("X/ok.md")), src.filePath(QStringLiteral("X/link.md"))));
    const auto plan =
        UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("X")), src.filePath(QStringLiteral("missing.md"))}, s);
    QHash<QString, QString> reasons;
    for (const RejectedFile &r : plan.rejected)
        reasons.insert(QFileInfo(r.source).fileName(), r.reason);
    QVERIFY2(reasons.value(QStringLiteral("tool.exe")).contains(u"is not allowed"),
             qPrintable(reasons.value(QStringLiteral("tool.exe"))));
    QVERIFY(reasons.value(QStringLiteral(".env.md")).contains(u"hidden", Qt::CaseInsensitive));
    QVERIFY(reasons.value(QStringLiteral("huge.log")).contains(u"larger than the upload limit of 1 MiB"));
    QVERIFY(reasons.value(QStringLiteral("link.md")).contains(u"symbolic link"));
    QVERIFY(reasons.value(QStringLiteral("missing.md")).contains(u"does not exist"));
    // One of the two case twins goes, with a reason naming the other.
    QCOMPARE(int(reasons.contains(QStringLiteral("Case.md"))) + int(reasons.contains(QStringLiteral("case.md"))), 1);
    QStringList accepted = targets(plan);
    QCOMPARE(accepted.size(), 2);
    QVERIFY(accepted.contains(QStringLiteral("X/ok.md")));
    QVERIFY(plan.canUpload());
    QVERIFY(plan.needsConfirmation());
}

void TestUploadPlan::totalOverTheLimitIsABatchProblem()
{
    QTemporaryDir src;
    TsgSettings s;
    s.maxUploadSize = 1;
    QVERIFY(writeFile(src.filePath(QStringLiteral("a.log")), QByteArray(700 * 1024, 'a')));
    QVERIFY(writeFile(src.filePath(QStringLiteral("b.log")), QByteArray(700 * 1024, 'b')));
    const auto plan =
        UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("a.log")), src.filePath(QStringLiteral("b.log"))}, s);
    QCOMPARE(plan.accepted.size(), 2);
    QVERIFY(plan.batchProblem.contains(u"more than the upload limit of 1 MiB"));
    QVERIFY(!plan.canUpload());
}

void TestUploadPlan::deferredSourceOpensLateAndNoticesChanges()
{
    QTemporaryDir src;
    const QString path = src.filePath(QStringLiteral("a.md"));
    QVERIFY(writeFile(path, "hello"));
    DeferredFileSource ok(path, 5);
    char buf[16];
    auto n = ok.read(buf, sizeof buf);
    QVERIFY(n.ok());
    QCOMPARE(n.value(), qint64(5));
    QCOMPARE(QByteArray(buf, 5), QByteArray("hello"));
    QCOMPARE(ok.read(buf, sizeof buf).value(), qint64(0));
    DeferredFileSource changed(path, 3); // the file grew since it was planned
    QVERIFY(!changed.read(buf, sizeof buf).ok());
    DeferredFileSource gone(src.filePath(QStringLiteral("nope.md")), 3);
    QVERIFY(!gone.read(buf, sizeof buf).ok());
}

QTEST_GUILESS_MAIN(TestUploadPlan)
#include "tst_uploadplan.moc"
