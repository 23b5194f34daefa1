// FileReader on files in a temporary folder: UTF-16 and Latin-1 text comes back as UTF-8 with ranges in the file's
// own bytes, a read that skips the line count gives the same text, the sparse line index points at line starts,
// a whole-file read is confined (no symbolic links) and capped, and lines read again come from the line-index
// cache with the same bytes, but never for a file that changed on disk.
#include "filereader.h"
#include "lineindexcache.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace tsg;

class TestFileReader : public QObject {
    Q_OBJECT
private slots:
    void init();
    void utf16IsReadAsText_data();
    void utf16IsReadAsText();
    void latin1IsReadAsText();
    void skippingTheLineCountGivesTheSameText();
    void lineIndexPointsAtLineStarts_data();
    void lineIndexPointsAtLineStarts();
    void readAllIsConfinedAndCapped();
    void aSecondReadOfLinesGivesTheSameBytes_data();
    void aSecondReadOfLinesGivesTheSameBytes();
    void aChangedFileIsNeverAnsweredFromTheCache_data();
    void aChangedFileIsNeverAnsweredFromTheCache();
    void aFileModifiedJustNowIsNotCached();

private:
    void write(const QString &name, const QByteArray &bytes);
    void setModified(const QString &name, const QDateTime &when);
    SafeDir dir() const;
    std::unique_ptr<QTemporaryDir> m_tmp;
};

namespace {

const QString kLog = QStringLiteral("09:01 start\n09:02 Überlauf im Café\n09:03 retry ñ\n09:04 done\n");

QByteArray encoded(const QString &text, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder(text);
}

} // namespace

void TestFileReader::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    FileReader::lineIndexCache().clear();
}

void TestFileReader::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_tmp->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Sets the file's mtime (its ctime becomes now, as for any change).
void TestFileReader::setModified(const QString &name, const QDateTime &when)
{
    QFile f(m_tmp->filePath(name));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
}

SafeDir TestFileReader::dir() const
{
    auto opened = SafeDir::openRoot(m_tmp->path());
    return opened.ok() ? std::move(opened).value() : SafeDir();
}

void TestFileReader::utf16IsReadAsText_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("name");
    QTest::newRow("LE with BOM") << int(QStringConverter::Utf16LE) << true << u"UTF-16LE"_qs;
    QTest::newRow("LE without BOM") << int(QStringConverter::Utf16LE) << false << u"UTF-16LE"_qs;
    QTest::newRow("BE with BOM") << int(QStringConverter::Utf16BE) << true << u"UTF-16BE"_qs;
}

void TestFileReader::utf16IsReadAsText()
{
    QFETCH(int, encoding);
    QFETCH(bool, bom);
    QFETCH(QString, name);
    const QByteArray bytes = encoded(kLog, QStringConverter::Encoding(encoding), bom);
    write(u"app.log"_qs, bytes);
    const SafeDir d = dir();

    auto all = FileReader::read(d, u"app.log"_qs, {}, u"here"_qs);
    QVERIFY2(all.ok(), all.ok() ? "" : qPrintable(all.error().message));
    QCOMPARE(QString::fromUtf8(all.value().bytes), kLog);
    QCOMPARE(all.value().encoding, name);
    QCOMPARE(all.value().lines, 4);
    QCOMPARE(all.value().length, bytes.size()); // the file's bytes, not the UTF-8 text's

    auto lines = FileReader::read(d, u"app.log"_qs, {.line = 2, .lines = 2}, u"here"_qs);
    QVERIFY(lines.ok());
    QCOMPARE(QString::fromUtf8(lines.value().bytes), u"09:02 Überlauf im Café\n09:03 retry ñ\n"_qs);
    QCOMPARE(lines.value().firstLine, 2);
    // The byte range of those lines, read back, is the same text.
    auto range = FileReader::read(d, u"app.log"_qs, {.offset = lines.value().offset, .length = lines.value().length},
                                  u"here"_qs);
    QVERIFY(range.ok());
    QCOMPARE(QString::fromUtf8(range.value().bytes), QString::fromUtf8(lines.value().bytes));
    QCOMPARE(range.value().firstLine, 2);
    // An odd offset starts at the code unit it falls in; a range ends on a whole character.
    auto odd = FileReader::read(d, u"app.log"_qs, {.offset = lines.value().offset + 1, .length = 4}, u"here"_qs);
    QVERIFY(odd.ok());
    QCOMPARE(QString::fromUtf8(odd.value().bytes), u"09"_qs);
}

void TestFileReader::latin1IsReadAsText()
{
    write(u"old.txt"_qs, kLog.toLatin1());
    auto read = FileReader::read(dir(), u"old.txt"_qs, {.line = 2, .lines = 1}, u"here"_qs);
    QVERIFY(read.ok());
    QCOMPARE(read.value().encoding, u"Latin-1"_qs);
    QCOMPARE(QString::fromUtf8(read.value().bytes), u"09:02 Überlauf im Café\n"_qs);
    QCOMPARE(read.value().length, qsizetype(u"09:02 Überlauf im Café\n"_qs.size()));
}

void TestFileReader::skippingTheLineCountGivesTheSameText()
{
    QByteArray log;
    for (int i = 1; i <= 5000; ++i)
        log += "line " + QByteArray::number(i) + '\n';
    write(u"big.log"_qs, log);
    const SafeDir d = dir();
    auto whole = FileReader::read(d, u"big.log"_qs, {.line = 10, .lines = 3}, u"here"_qs);
    auto skip = FileReader::read(d, u"big.log"_qs, {.line = 10, .lines = 3, .lineCount = LineCount::Skip}, u"here"_qs);
    QVERIFY(whole.ok() && skip.ok());
    QCOMPARE(whole.value().lines, 5000);
    QCOMPARE(skip.value().lines, 0);
    QCOMPARE(skip.value().bytes, QByteArray("line 10\nline 11\nline 12\n"));
    QCOMPARE(skip.value().bytes, whole.value().bytes);
    auto past = FileReader::read(d, u"big.log"_qs, {.line = 5001, .lineCount = LineCount::Skip}, u"here"_qs);
    QVERIFY(!past.ok());
    QCOMPARE(past.error().kind, ErrorKind::Invalid);
    auto bytes =
        FileReader::read(d, u"big.log"_qs, {.offset = 7, .length = 8, .lineCount = LineCount::Skip}, u"here"_qs);
    QVERIFY(bytes.ok());
    QCOMPARE(bytes.value().bytes, QByteArray("line 2\nl"));
    QVERIFY(!bytes.value().firstLine);
}

void TestFileReader::lineIndexPointsAtLineStarts_data()
{
    QTest::addColumn<int>("encoding");
    QTest::newRow("UTF-8") << int(QStringConverter::Utf8);
    QTest::newRow("UTF-16LE") << int(QStringConverter::Utf16LE);
    QTest::newRow("UTF-16BE") << int(QStringConverter::Utf16BE);
}

void TestFileReader::lineIndexPointsAtLineStarts()
{
    QFETCH(int, encoding);
    QString text;
    for (int i = 1; i <= 1000; ++i)
        text += u"entry %1 ä\n"_qs.arg(i);
    text += u"no newline"_qs;
    write(u"x.log"_qs, encoded(text, QStringConverter::Encoding(encoding), encoding != QStringConverter::Utf8));
    const SafeDir d = dir();
    auto index = FileReader::indexLines(d, u"x.log"_qs, 100, u"here"_qs);
    QVERIFY(index.ok());
    QCOMPARE(index.value().lines, 1001);
    QCOMPARE(index.value().offsets.size(), 11); // lines 1, 101, …, 1001
    for (int k = 1; k < index.value().offsets.size(); ++k) {
        auto at = FileReader::read(d, u"x.log"_qs, {.offset = index.value().offsets[k], .length = 40}, u"here"_qs);
        QVERIFY(at.ok());
        const QString expected = k == 10 ? u"no newline"_qs : u"entry %1 ä\n"_qs.arg(k * 100 + 1);
        QVERIFY2(QString::fromUtf8(at.value().bytes).startsWith(expected),
                 qPrintable(QString::fromUtf8(at.value().bytes)));
        QCOMPARE(at.value().firstLine, k * 100 + 1);
    }
}

void TestFileReader::readAllIsConfinedAndCapped()
{
    write(u"doc.pdf"_qs, QByteArray("%PDF-1.4\n\0\x01binary", 17));
    QVERIFY(QFile::link(m_tmp->filePath(u"doc.pdf"_qs), m_tmp->filePath(u"link.pdf"_qs)));
    const SafeDir d = dir();
    auto all = FileReader::readAll(d, u"doc.pdf"_qs, 1 << 20, u"here"_qs);
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), 17);
    auto link = FileReader::readAll(d, u"link.pdf"_qs, 1 << 20, u"here"_qs);
    QVERIFY(!link.ok());
    QVERIFY(link.error().message.contains(u"symbolic link"_qs));
    auto capped = FileReader::readAll(d, u"doc.pdf"_qs, 16, u"here"_qs);
    QVERIFY(!capped.ok());
    QCOMPARE(capped.error().kind, ErrorKind::TooLarge);
}

namespace {

// `count` lines of different lengths ("line 17 ...\n"), the last one without a newline when `openEnd`.
QString numberedLines(int count, bool openEnd)
{
    QString text;
    for (int i = 1; i <= count; ++i)
        text += u"line %1 %2ä\n"_qs.arg(i).arg(QString(i % 13, u'x'));
    if (openEnd)
        text.chop(1);
    return text;
}

// Lines first..first+count-1 of `text` (1-based), each with its newline, as the oracle for a line range.
QString linesOf(const QString &text, int first, int count)
{
    const QStringList all = text.split(u'\n');
    QString out;
    for (int i = first; i < first + count && i <= all.size(); ++i)
        out += all.at(i - 1) + (i < all.size() ? u"\n"_qs : QString());
    return out;
}

} // namespace

void TestFileReader::aSecondReadOfLinesGivesTheSameBytes_data()
{
    QTest::addColumn<int>("encoding");
    QTest::newRow("UTF-8") << int(QStringConverter::Utf8);
    QTest::newRow("UTF-16LE") << int(QStringConverter::Utf16LE);
    QTest::newRow("UTF-16BE") << int(QStringConverter::Utf16BE);
}

void TestFileReader::aSecondReadOfLinesGivesTheSameBytes()
{
    QFETCH(int, encoding);
    const QString text = numberedLines(5000, true);
    write(u"app.log"_qs, encoded(text, QStringConverter::Encoding(encoding), encoding != QStringConverter::Utf8));
    setModified(u"app.log"_qs, QDateTime::currentDateTime().addSecs(-3600)); // settled: it may be cached
    const SafeDir d = dir();
    LineIndexCache &cache = FileReader::lineIndexCache();

    struct Ask {
        int line;
        std::optional<int> lines;
    };
    // Around the cached index's steps (every 1024 lines), the first and the last lines, and to the end.
    const QList<Ask> asks = {{1, 1},    {1, 3},    {2, 5},     {1023, 3}, {1024, 1},  {1025, 2}, {2047, 4},
                             {3072, 1}, {4096, 7}, {4998, 10}, {5000, 1}, {5000, {}}, {4000, {}}};
    QList<QByteArray> first;
    for (const Ask &ask : asks) {
        auto read = FileReader::read(d, u"app.log"_qs, {.line = ask.line, .lines = ask.lines}, u"here"_qs);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(QString::fromUtf8(read.value().bytes), linesOf(text, ask.line, ask.lines.value_or(5000)));
        QCOMPARE(read.value().lines, 5000);
        QCOMPARE(read.value().firstLine, ask.line);
        first << read.value().bytes;
    }
    QCOMPARE(cache.stats().entries, 1);
    const quint64 hitsBefore = cache.stats().hits;

    for (qsizetype i = 0; i < asks.size(); ++i) {
        const Ask &ask = asks.at(i);
        auto whole = FileReader::read(d, u"app.log"_qs, {.line = ask.line, .lines = ask.lines}, u"here"_qs);
        auto skip = FileReader::read(d, u"app.log"_qs,
                                     {.line = ask.line, .lines = ask.lines, .lineCount = LineCount::Skip}, u"here"_qs);
        QVERIFY(whole.ok() && skip.ok());
        QCOMPARE(whole.value().bytes, first.at(i));
        QCOMPARE(skip.value().bytes, first.at(i));
        QCOMPARE(whole.value().lines, 5000);
        QCOMPARE(skip.value().lines, 0);
        // The same lines as a byte range start in the same line.
        auto range =
            FileReader::read(d, u"app.log"_qs, {.offset = whole.value().offset + 1, .length = whole.value().length - 1},
                             u"here"_qs);
        QVERIFY(range.ok());
        QCOMPARE(range.value().firstLine, ask.line);
        QCOMPARE(range.value().lines, 5000);
    }
    QCOMPARE(cache.stats().hits, hitsBefore + 3 * quint64(asks.size())); // all of them from the cache

    auto past = FileReader::read(d, u"app.log"_qs, {.line = 5001}, u"here"_qs);
    QVERIFY(!past.ok());
    QCOMPARE(past.error().kind, ErrorKind::Invalid);
    QVERIFY2(past.error().message.contains(u"which has 5000 lines"_qs), qPrintable(past.error().message));
}

void TestFileReader::aChangedFileIsNeverAnsweredFromTheCache_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("same size, new mtime") << u"rewrite"_qs;
    QTest::newRow("lines appended") << u"append"_qs;
    QTest::newRow("replaced by a rename, same size and mtime") << u"rename"_qs;
}

void TestFileReader::aChangedFileIsNeverAnsweredFromTheCache()
{
    QFETCH(QString, change);
    const QDateTime past = QDateTime::currentDateTime().addSecs(-3600);
    const QString before = numberedLines(3000, false);
    write(u"app.log"_qs, before.toUtf8());
    setModified(u"app.log"_qs, past);
    const SafeDir d = dir();
    LineIndexCache &cache = FileReader::lineIndexCache();

    auto first = FileReader::read(d, u"app.log"_qs, {.line = 2500, .lines = 2}, u"here"_qs);
    QVERIFY(first.ok());
    QCOMPARE(QString::fromUtf8(first.value().bytes), linesOf(before, 2500, 2));
    auto again = FileReader::read(d, u"app.log"_qs, {.line = 2500, .lines = 2}, u"here"_qs);
    QVERIFY(again.ok());
    QCOMPARE(cache.stats().hits, 1u); // the file's index is cached: what follows would be answered from it

    QString after = before;
    if (change == u"append") {
        after += numberedLines(3100, false).mid(before.size());
        write(u"app.log"_qs, after.toUtf8());
        setModified(u"app.log"_qs, past);
    } else {
        // The same number of bytes, one more line: the first line is cut in two, so every line after it moves.
        after.replace(4, 1, u"\n"_qs);
        QCOMPARE(after.toUtf8().size(), before.toUtf8().size());
        if (change == u"rewrite") {
            write(u"app.log"_qs, after.toUtf8()); // in place: same inode
            setModified(u"app.log"_qs, past.addSecs(10));
        } else {
            write(u"new.log"_qs, after.toUtf8());
            setModified(u"new.log"_qs, past);
            QVERIFY(std::rename(QFile::encodeName(m_tmp->filePath(u"new.log"_qs)).constData(),
                                QFile::encodeName(m_tmp->filePath(u"app.log"_qs)).constData())
                    == 0);
        }
    }
    const int lines = int(after.count(u'\n')) + (after.endsWith(u'\n') ? 0 : 1);
    for (const int line : {2500, 3050, 1, 2}) {
        if (line > lines)
            continue;
        auto read = FileReader::read(d, u"app.log"_qs, {.line = line, .lines = 2}, u"here"_qs);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(QString::fromUtf8(read.value().bytes), linesOf(after, line, 2));
        QCOMPARE(read.value().lines, lines);
        QCOMPARE(read.value().size, after.toUtf8().size());
        auto skip =
            FileReader::read(d, u"app.log"_qs, {.line = line, .lines = 2, .lineCount = LineCount::Skip}, u"here"_qs);
        QVERIFY(skip.ok());
        QCOMPARE(skip.value().bytes, read.value().bytes);
    }
    // The new version replaced the old one; a renamed file is another inode, and the old one's entry waits for
    // eviction (were its inode reused, the new file's ctime would differ).
    QCOMPARE(cache.stats().entries, change == u"rename" ? 2 : 1);
}

void TestFileReader::aFileModifiedJustNowIsNotCached()
{
    write(u"app.log"_qs, numberedLines(100, false).toUtf8());
    const SafeDir d = dir();
    auto read = FileReader::read(d, u"app.log"_qs, {.line = 50, .lines = 2}, u"here"_qs);
    QVERIFY(read.ok());
    QCOMPARE(read.value().lines, 100);
    // A second write within the same tick of the file system's clock could leave its identity as it is.
    QCOMPARE(FileReader::lineIndexCache().stats().entries, 0);
    setModified(u"app.log"_qs, QDateTime::currentDateTime().addSecs(-3600));
    QVERIFY(FileReader::read(d, u"app.log"_qs, {.line = 50, .lines = 2}, u"here"_qs).ok());
    QCOMPARE(FileReader::lineIndexCache().stats().entries, 1);
}

QTEST_GUILESS_MAIN(TestFileReader)
#include "tst_filereader.moc"
