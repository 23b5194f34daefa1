// FileReader on files in a temporary folder: UTF-16 and Latin-1 text comes back as UTF-8 with ranges in the file's
// own bytes, a read that skips the line count gives the same text, the sparse line index points at line starts,
// and a whole-file read is confined (no symbolic links) and capped.
#include "filereader.h"

#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

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

private:
    void write(const QString &name, const QByteArray &bytes);
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
}

void TestFileReader::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_tmp->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
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

QTEST_GUILESS_MAIN(TestFileReader)
#include "tst_filereader.moc"
