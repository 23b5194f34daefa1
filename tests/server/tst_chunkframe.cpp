// ChunkFrame::parse, the 32-byte header of a chunked upload's binary frames: what it accepts, and that
// each refusal says what is wrong (a wrong version byte is not a wrong magic). Seeds and findings of
// the chunkframe fuzz harness (tests/fuzz/fuzz_chunkframe.cpp) live here.
#include "chunkframe.h"

#include <QTest>

using namespace tsg;

namespace {
const QString kId = QStringLiteral("00112233445566778899aabbccddeeff");
}

class TestChunkFrame : public QObject {
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const QByteArray frame = ChunkFrame::header(kId, 7, Q_UINT64_C(0x0102030405060708)) + QByteArray("payload");
        const auto f = ChunkFrame::parse(frame);
        QVERIFY2(f.ok(), qPrintable(f.errorMessage()));
        QCOMPARE(f.value().uploadId, kId);
        QCOMPARE(f.value().fileIndex, 7);
        QCOMPARE(f.value().offset, qint64(0x0102030405060708));
        QCOMPARE(ChunkFrame::header(kId, 7, Q_UINT64_C(0x0102030405060708)).size(), ChunkFrame::kHeaderSize);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("says");
        const QByteArray good = ChunkFrame::header(kId, 0, 0);
        const QString noHeader = QStringLiteral("Binary frame without a chunk header");
        QTest::newRow("text") << QByteArray("hello") << noHeader;
        QTest::newRow("empty") << QByteArray() << noHeader;
        QTest::newRow("31 bytes") << good.left(31) << noHeader;
        QByteArray magic = good;
        magic[0] = 'X';
        QTest::newRow("wrong magic") << magic << noHeader;
        QByteArray v2 = good;
        v2[3] = 2;
        QTest::newRow("version 2") << v2
                                   << QStringLiteral(
                                          "Chunk header version 2 is not supported: this server reads version 1");
        QByteArray v0 = good;
        v0[3] = 0;
        QTest::newRow("version 0") << v0
                                   << QStringLiteral(
                                          "Chunk header version 0 is not supported: this server reads version 1");
        QByteArray v255 = good;
        v255[3] = char(0xFF);
        QTest::newRow("version 255") << v255
                                     << QStringLiteral(
                                            "Chunk header version 255 is not supported: this server reads version 1");
        QTest::newRow("offset 2^63") << ChunkFrame::header(kId, 0, Q_UINT64_C(1) << 63)
                                     << QStringLiteral("out of range");
    }

    void refusals()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, says);
        const auto f = ChunkFrame::parse(frame);
        QVERIFY(!f.ok());
        QCOMPARE(f.error().kind, ErrorKind::Invalid);
        QVERIFY2(f.error().message.contains(says), qPrintable(f.error().message));
    }
};

QTEST_GUILESS_MAIN(TestChunkFrame)
#include "tst_chunkframe.moc"
