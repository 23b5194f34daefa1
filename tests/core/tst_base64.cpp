// tsg::Base64: round trips against Qt's encoder, strictness (alphabet, padding, lengths), the
// UTF-16 and byte overloads, and chunked decoding as Base64Source does it.
#include "base64.h"
#include "bytesource.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>
#include <QTest>

using namespace tsg;

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = char(rng.bounded(256));
    return b;
}

// Decodes with both overloads; checks they agree and that decodedLength matches. Returns the bytes,
// or a null QByteArray on failure (then *bad gets the index).
QByteArray decodeBoth(const QByteArray &ascii, qsizetype *bad = nullptr)
{
    const QString text = QString::fromLatin1(ascii);
    const qsizetype len = Base64::decodedLength(QStringView(text));
    if (len != Base64::decodedLength(QByteArrayView(ascii))) {
        qWarning("decodedLength overloads disagree");
        return {};
    }
    // Guard bytes after the buffer catch writes past decodedLength.
    const qsizetype room = len < 0 ? ascii.size() : len;
    QByteArray out16(room + 16, char(0x5A)), out8(room + 16, char(0x5A));
    qsizetype bad16 = -2, bad8 = -2;
    const qsizetype n16 = Base64::decode(QStringView(text), out16.data(), &bad16);
    const qsizetype n8 = Base64::decode(QByteArrayView(ascii), out8.data(), &bad8);
    if (n16 != n8 || (n16 < 0 && bad16 != bad8)) {
        qWarning("decode overloads disagree: %lld/%lld bad %lld/%lld", qlonglong(n16), qlonglong(n8), qlonglong(bad16),
                 qlonglong(bad8));
        return {};
    }
    if (out16.sliced(room) != QByteArray(16, char(0x5A)) || out8.sliced(room) != QByteArray(16, char(0x5A))) {
        qWarning("decode wrote past its buffer");
        return {};
    }
    if (n16 < 0) {
        if (bad)
            *bad = bad16;
        return {};
    }
    if (n16 != len) {
        qWarning("decode length %lld != decodedLength %lld", qlonglong(n16), qlonglong(len));
        return {};
    }
    if (out16.first(n16) != out8.first(n8)) {
        qWarning("decode overloads give different bytes");
        return {};
    }
    QByteArray r = out16.first(n16);
    if (r.isNull())
        r = QByteArray(""); // empty but not null: success
    return r;
}

QByteArray unpadded(const QByteArray &b64)
{
    QByteArray s = b64;
    while (s.endsWith('='))
        s.chop(1);
    return s;
}

} // namespace

class TestBase64 : public QObject {
    Q_OBJECT

private slots:
    void roundTripAllLengths()
    {
        for (int n = 0; n <= 300; ++n) {
            const QByteArray data = randomBytes(n, quint32(n) + 1);
            const QByteArray b64 = data.toBase64();
            const QByteArray padded = decodeBoth(b64);
            QVERIFY2(!padded.isNull() && padded == data, qPrintable(QStringLiteral("length %1").arg(n)));
            const QByteArray bare = decodeBoth(unpadded(b64));
            QVERIFY2(!bare.isNull() && bare == data, qPrintable(QStringLiteral("unpadded length %1").arg(n)));
        }
    }

    void roundTripLargeRandom()
    {
        QRandomGenerator rng(42);
        for (int round = 0; round < 20; ++round) {
            const qsizetype n = rng.bounded(200000);
            const QByteArray data = randomBytes(n, rng.generate());
            const QByteArray got = decodeBoth(data.toBase64());
            QVERIFY(!got.isNull());
            QCOMPARE(got, data);
        }
        // Every value of every position: all 256 byte values in all three phases.
        QByteArray all;
        for (int k = 0; k < 3 * 256; ++k)
            all.append(char(k % 256)).append(char(k / 3)).append(char(255 - k % 256));
        QCOMPARE(decodeBoth(all.toBase64()), all);
        QCOMPARE(decodeBoth(all.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals)), all);
    }

    void decodedLengthRules()
    {
        const auto len = [](const char *s) { return Base64::decodedLength(QByteArrayView(s)); };
        QCOMPARE(len(""), 0);
        QCOMPARE(len("QQ=="), 1);
        QCOMPARE(len("QUI="), 2);
        QCOMPARE(len("QUJD"), 3);
        QCOMPARE(len("QQ"), 1);
        QCOMPARE(len("QUI"), 2);
        QCOMPARE(len("Q"), -1); // length % 4 == 1
        QCOMPARE(len("QUJDR"), -1);
        QCOMPARE(len("Q==="), -1); // three '='
        QCOMPARE(len("===="), -1);
        QCOMPARE(len("QQ="), -1); // padding on a partial group
        QCOMPARE(len("QUJDQQ="), -1);
        QCOMPARE(len("QUJD="), -1);
        QCOMPARE(len("QUJDQUJD"), 6);
        QCOMPARE(len("Q=JD"), 3); // does not look at other characters
        QCOMPARE(Base64::decodedLength(QStringView(u"QUI=")), 2);
        QCOMPARE(Base64::decodedLength(QStringView(u"Q")), -1);
    }

    void invalidCharacters()
    {
        const QByteArray data = randomBytes(3000, 7);
        const QByteArray b64 = data.toBase64(); // 4000 characters, no padding
        QCOMPARE(b64.size(), 4000);
        const char bads[] = {' ', '\n', '-', '_', '=', '.', '\0', '@', '[', '`', '{', '*', ',', ':'};
        // Positions in SIMD blocks, in the scalar tail, and at block edges.
        const qsizetype positions[] = {0, 1, 2, 3, 4, 15, 16, 17, 31, 100, 1999, 3975, 3976, 3990, 3996, 3999};
        for (char c : bads) {
            for (qsizetype at : positions) {
                if (c == '=' && at >= 3998)
                    continue; // that is padding
                QByteArray bad = b64;
                bad[at] = c;
                qsizetype idx = -1;
                const QByteArray got = decodeBoth(bad, &idx);
                QVERIFY2(got.isNull(), qPrintable(QStringLiteral("char %1 at %2 accepted").arg(int(c)).arg(at)));
                QCOMPARE(idx, at);
            }
        }
        // Two bad characters: the first is reported.
        QByteArray two = b64;
        two[700] = '!';
        two[40] = '!';
        qsizetype idx = -1;
        QVERIFY(decodeBoth(two, &idx).isNull());
        QCOMPARE(idx, 40);
    }

    void invalidPaddingAndLengths()
    {
        struct Case {
            const char *text;
            qsizetype bad;
        };
        const Case cases[] = {
            {"Q", 0},    {"QUJDR", 4},    {"Q===", 1},  {"====", 0},     {"QQ=A", 2}, {"Q=QQ", 1},   {"QQ==QUJD", 2},
            {"=QUJ", 0}, {"QUJD====", 4}, {"QUJD=", 4}, {"QUI=QUJD", 3}, {"QQ=", 2},  {"QUJDQ=", 5},
        };
        for (const Case &c : cases) {
            qsizetype idx = -1;
            QVERIFY2(decodeBoth(QByteArray(c.text), &idx).isNull(), c.text);
            QCOMPARE(idx, c.bad);
        }
    }

    void nonAsciiCharacters()
    {
        const QByteArray data = randomBytes(600, 9);
        const QString b64 = QString::fromLatin1(data.toBase64()); // 800 characters
        const char16_t odd[] = {0x00C1, 0x0141, 0x0241, 0x4141, 0x7FFF, 0x8000, 0x8041, 0xFF41,
                                0xFFFF, 0xD83D, 0x0080, 0x00FF, 0x0100, 0x012B, 0x0130};
        for (char16_t ch : odd) {
            for (qsizetype at : {qsizetype(0), qsizetype(5), qsizetype(16), qsizetype(400), qsizetype(799)}) {
                QString bad = b64;
                bad[at] = QChar(ch);
                QByteArray out(600, '\0');
                qsizetype idx = -1;
                QCOMPARE(Base64::decode(QStringView(bad), out.data(), &idx), qsizetype(-1));
                QCOMPARE(idx, at);
            }
        }
        // Bytes >= 0x80 in the byte overload (e.g. UTF-8 of a non-ASCII character).
        QByteArray bytes = data.toBase64();
        bytes[300] = char(0xC3);
        QByteArray out(600, '\0');
        qsizetype idx = -1;
        QCOMPARE(Base64::decode(QByteArrayView(bytes), out.data(), &idx), qsizetype(-1));
        QCOMPARE(idx, 300);
    }

    void nullBadIndexIsAllowed()
    {
        char out[8];
        QCOMPARE(Base64::decode(QStringView(u"QU!D"), out), qsizetype(-1));
        QCOMPARE(Base64::decode(QByteArrayView("QUJD"), out), qsizetype(3));
        QCOMPARE(QByteArray(out, 3), QByteArray("ABC"));
    }

    void chunkedEqualsWhole()
    {
        for (qsizetype n : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(299), qsizetype(100000),
                            qsizetype(100001), qsizetype(100002)}) {
            const QByteArray data = randomBytes(n, quint32(n));
            for (bool pad : {true, false}) {
                const QString text = QString::fromLatin1(
                    pad ? data.toBase64() : data.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
                for (qsizetype chunk : {qsizetype(4), qsizetype(8), qsizetype(16), qsizetype(28), qsizetype(64),
                                        qsizetype(4096), qsizetype(65536)}) {
                    QByteArray out(Base64::decodedLength(QStringView(text)), Qt::Uninitialized);
                    qsizetype pos = 0, written = 0;
                    while (pos < text.size()) {
                        const qsizetype take = qMin(chunk, text.size() - pos);
                        const qsizetype got = Base64::decode(QStringView(text).sliced(pos, take), out.data() + written);
                        QVERIFY(got >= 0);
                        written += got;
                        pos += take;
                    }
                    QCOMPARE(written, data.size());
                    QCOMPARE(out, data);
                }
            }
        }
    }

    // Issue 13 §7 and the base64 fuzz harness: a '=' at the end of a decode slice with more text after
    // it is invalid base64, like any other stray character there; it was taken as padding, so the
    // stream came up short and the upload failed as a truncated file (an I/O error).
    void sourceRefusesPaddingBeforeTheLastSlice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("slice");                         // bytes asked per read()
        QTest::addColumn<qsizetype>("badAt");                      // the position the error names
        const qsizetype sliceChars = (qsizetype(1) << 20) / 3 * 4; // what one 1 MiB read() decodes
        const QString big = QString(sliceChars - 4, u'A');
        QTest::newRow("'==' ends a 1 MiB slice")
            << big + QStringLiteral("QQ==QUJD") << (qint64(1) << 20) << sliceChars - 2;
        QTest::newRow("'=' ends a 1 MiB slice")
            << big + QStringLiteral("QUI=QUJD") << (qint64(1) << 20) << sliceChars - 1;
        QTest::newRow("'*' ends a 1 MiB slice")
            << big + QStringLiteral("QUI*QUJD") << (qint64(1) << 20) << sliceChars - 1;
        QTest::newRow("fuzz: AAA=AAAA in 3-byte reads") << QStringLiteral("AAA=AAAA") << qint64(3) << qsizetype(3);
        QTest::newRow("AA==AA== in 3-byte reads") << QStringLiteral("AA==AA==") << qint64(3) << qsizetype(2);
    }

    void sourceRefusesPaddingBeforeTheLastSlice()
    {
        QFETCH(QString, text);
        QFETCH(qint64, slice);
        QFETCH(qsizetype, badAt);
        Base64Source source(text, QStringLiteral("f.bin"));
        QVERIFY(source.size() > 0);
        QByteArray buf(slice, Qt::Uninitialized);
        qint64 total = 0;
        QString error;
        for (;;) {
            const auto n = source.read(buf.data(), slice);
            if (!n.ok()) {
                QCOMPARE(n.error().kind, ErrorKind::Invalid);
                error = n.error().message;
                break;
            }
            if (n.value() == 0)
                break;
            total += n.value();
        }
        QVERIFY2(!error.isEmpty(),
                 qPrintable(QStringLiteral("no error: %1 of %2 bytes delivered").arg(total).arg(source.size())));
        QCOMPARE(error,
                 QStringLiteral("f.bin: content is not valid base64 (unexpected character at position %1)").arg(badAt));
    }

    void paddingOnlyInTheLastSlice()
    {
        char out[8];
        qsizetype bad = -1;
        QCOMPARE(Base64::decode(QStringView(u"QQ=="), out, &bad, Base64::Slice::Middle), qsizetype(-1));
        QCOMPARE(bad, qsizetype(2));
        QCOMPARE(Base64::decode(QByteArrayView("QUI="), out, &bad, Base64::Slice::Middle), qsizetype(-1));
        QCOMPARE(bad, qsizetype(3));
        QCOMPARE(Base64::decode(QStringView(u"QUJD"), out, &bad, Base64::Slice::Middle), qsizetype(3));
        QCOMPARE(Base64::decode(QStringView(u"QQ=="), out, &bad, Base64::Slice::Last), qsizetype(1));
    }

    void matchesQtOnRandomText()
    {
        // Random strings over the alphabet plus a few strays: accept exactly what Qt's strict mode
        // accepts for padded-or-whole-group input, and produce the same bytes.
        QRandomGenerator rng(1234);
        const QByteArray alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        for (int round = 0; round < 2000; ++round) {
            QByteArray s(qsizetype(rng.bounded(12)) * 4, Qt::Uninitialized);
            for (char &c : s)
                c = alphabet[rng.bounded(64)];
            if (round % 3 == 0 && !s.isEmpty())
                s[rng.bounded(int(s.size()))] = "=-_ \n"[rng.bounded(5)];
            const auto qt = QByteArray::fromBase64Encoding(s, QByteArray::AbortOnBase64DecodingErrors);
            const QByteArray ours = decodeBoth(s);
            if (!qt) {
                QVERIFY2(ours.isNull(), s.constData());
            } else {
                // Qt accepts '=' only as trailing padding, like us.
                QVERIFY2(!ours.isNull(), s.constData());
                QCOMPARE(ours, *qt);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestBase64)
#include "tst_base64.moc"
