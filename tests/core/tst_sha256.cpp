// tsg::Sha256 against published known answers (FIPS 180-2 appendix B and the NIST CAVP examples) and
// against an independent implementation (QCryptographicHash), whole and streamed in odd slice sizes, so
// a checksum the server reports is right by an outside measure, not by agreeing with itself.
#include "sha256.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace tsg;

namespace {

QString streamed(const QByteArray &data, qsizetype slice)
{
    Sha256 h;
    for (qsizetype at = 0; at < data.size(); at += slice)
        h.addData(data.constData() + at, std::min(slice, data.size() - at));
    return h.hexResult();
}

QString independent(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestSha256 : public QObject {
    Q_OBJECT

private slots:
    void knownAnswers_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc (FIPS 180-2 B.1)")
            << QByteArray("abc") << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits (FIPS 180-2 B.2)")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("896 bits") << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmn"
                                                "opjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                                  << QStringLiteral("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("one million 'a' (FIPS 180-2 B.3)")
            << QByteArray(1000000, 'a')
            << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    void knownAnswers()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, digest);
        QCOMPARE(Sha256::hexOf(message), digest);
        Sha256 whole;
        whole.addData(message.constData(), message.size());
        const QByteArray raw = whole.result();
        QCOMPARE(raw.size(), 32);
        QCOMPARE(QString::fromLatin1(raw.toHex()), digest);
        // Streamed in slices that cross the 64-byte block boundary at every phase.
        for (const qsizetype slice : {1, 3, 7, 55, 63, 64, 65, 127, 4097, 1000003})
            QCOMPARE(streamed(message, slice), digest);
    }

    // Random lengths around the padding boundaries (55/56/64 bytes) and larger, random slices: the
    // same digest as QCryptographicHash.
    void agreesWithQCryptographicHash()
    {
        QRandomGenerator rng(180);
        QList<qsizetype> lengths{0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65536, 1048577};
        for (int i = 0; i < 40; ++i)
            lengths << qsizetype(rng.bounded(300000));
        for (const qsizetype n : lengths) {
            QByteArray data(n, Qt::Uninitialized);
            for (char &c : data)
                c = char(rng.bounded(256));
            const QString expected = independent(data);
            QCOMPARE(Sha256::hexOf(data), expected);
            QCOMPARE(streamed(data, 1 + qsizetype(rng.bounded(200))), expected);
        }
    }

    void zeroLengthUpdatesChangeNothing()
    {
        Sha256 h;
        h.addData("ab", 2);
        h.addData(nullptr, 0);
        h.addData("c", 1);
        QCOMPARE(h.hexResult(), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void movedHashKeepsItsState()
    {
        Sha256 a;
        a.addData("a", 1);
        Sha256 b = std::move(a);
        b.addData("bc", 2);
        QCOMPARE(b.hexResult(), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_sha256.moc"
