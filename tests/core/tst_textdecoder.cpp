// TextDecoder: the encodings of logs found in the field are detected and converted, binaries are refused.
#include "textdecoder.h"

#include <QStringEncoder>
#include <QTest>

using namespace tsg;

class TestTextDecoder : public QObject {
    Q_OBJECT
private slots:
    void detectsAndConverts_data();
    void detectsAndConverts();
    void binaryIsRefused();
};

namespace {

const QString kSample = QStringLiteral("2026-01-02 Fehler: Überlauf im Café\r\nline two ñ\n");

QByteArray encoded(QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder(kSample);
}

} // namespace

void TestTextDecoder::detectsAndConverts_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("encoding");
    QTest::newRow("utf8") << encoded(QStringConverter::Utf8, false) << int(TextDecoder::Encoding::Utf8);
    QTest::newRow("utf8 bom") << encoded(QStringConverter::Utf8, true) << int(TextDecoder::Encoding::Utf8);
    QTest::newRow("utf16le bom") << encoded(QStringConverter::Utf16LE, true) << int(TextDecoder::Encoding::Utf16LE);
    QTest::newRow("utf16le") << encoded(QStringConverter::Utf16LE, false) << int(TextDecoder::Encoding::Utf16LE);
    QTest::newRow("utf16be bom") << encoded(QStringConverter::Utf16BE, true) << int(TextDecoder::Encoding::Utf16BE);
    QTest::newRow("utf16be") << encoded(QStringConverter::Utf16BE, false) << int(TextDecoder::Encoding::Utf16BE);
    QTest::newRow("latin1") << encoded(QStringConverter::Latin1, false) << int(TextDecoder::Encoding::Latin1);
}

void TestTextDecoder::detectsAndConverts()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, encoding);
    const auto text = TextDecoder::decode(bytes, QStringLiteral("x.log"));
    QVERIFY2(text.ok(), qPrintable(text.errorMessage()));
    QCOMPARE(int(text->encoding), encoding);
    QCOMPARE(text->text, kSample);
}

void TestTextDecoder::binaryIsRefused()
{
    static const char header[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    QByteArray png(header, sizeof(header) - 1);
    for (int i = 0; i < 200; ++i)
        png.append(char(i * 7 + 3)).append('\0').append('\0').append(char(i));
    const auto text = TextDecoder::decode(png, QStringLiteral("logo.png"));
    QVERIFY(!text.ok());
    QCOMPARE(text.error().kind, ErrorKind::Invalid);
    QVERIFY2(text.errorMessage().contains(QLatin1String("logo.png")), qPrintable(text.errorMessage()));
}

QTEST_GUILESS_MAIN(TestTextDecoder)
#include "tst_textdecoder.moc"
