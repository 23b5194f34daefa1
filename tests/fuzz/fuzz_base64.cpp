// Fuzzes the base64 decoder (core/base64.*) and its streaming form (Base64Source, core/bytesource.*):
//  - valid input (the fuzz bytes encoded by Qt, padded or not) must decode to exactly those bytes, as
//    Latin-1 and as UTF-16 text;
//  - on any input the decoder accepts, it must agree with QByteArray::fromBase64 and write no more than
//    decodedLength() bytes (the output buffer is exactly that big, so ASan sees any overrun);
//  - UTF-16 text must decode as its Latin-1 twin, and fail on any character above U+00FF;
//  - Base64Source, read in slices of a size taken from the input, must deliver the same bytes as one
//    decode, or fail as invalid base64; it must never come up short without an error.
#include "base64.h"
#include "bytesource.h"
#include "fuzzcheck.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace {

// Decodes with a buffer of exactly decodedLength() bytes; nullopt when the text is refused.
template <typename View>
std::optional<QByteArray> decodeExact(View text)
{
    const qsizetype length = tsg::Base64::decodedLength(text);
    if (length < 0)
        return std::nullopt;
    std::vector<char> out(size_t(length) + 1); // +1: a zero-length vector has no data() to write to
    qsizetype bad = -2;
    const qsizetype n = tsg::Base64::decode(text, out.data(), &bad);
    if (n < 0) {
        FUZZ_CHECK(bad >= 0 && bad < text.size(), QStringLiteral("bad index %1 outside the text").arg(bad));
        return std::nullopt;
    }
    FUZZ_CHECK(n == length, QStringLiteral("decoded %1 bytes, decodedLength said %2").arg(n).arg(length));
    return QByteArray(out.data(), n);
}

// Reads a Base64Source to the end in slices of `slice` bytes (3 and up; the first read may differ).
std::optional<QByteArray> stream(QStringView text, qint64 firstSlice, qint64 slice)
{
    tsg::Base64Source source(text, QStringLiteral("f"));
    if (source.size() < 0)
        return std::nullopt;
    QByteArray all;
    std::vector<char> buf(size_t(std::max(firstSlice, slice)));
    for (qint64 max = firstSlice;; max = slice) {
        const auto n = source.read(buf.data(), max);
        if (!n.ok()) {
            FUZZ_CHECK(n.error().kind == tsg::ErrorKind::Invalid && n.error().message.contains(u"not valid base64"),
                       QStringLiteral("a stream error that is not 'invalid base64': ") + n.error().message);
            return std::nullopt;
        }
        if (n.value() == 0)
            break;
        FUZZ_CHECK(n.value() > 0 && n.value() <= max,
                   QStringLiteral("read returned %1 for %2").arg(n.value()).arg(max));
        all.append(buf.data(), n.value());
    }
    FUZZ_CHECK(
        all.size() == source.size(),
        QStringLiteral("the stream ended after %1 of %2 bytes without an error").arg(all.size()).arg(source.size()));
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const unsigned mode = data[0];
    const qint64 slice = 3 + (data[1] % 64);
    const QByteArray bytes(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    // 1. Valid input round-trips, in both character widths and through the stream.
    const QByteArray encoded = bytes.toBase64((mode & 1) ? QByteArray::OmitTrailingEquals : QByteArray::Base64Encoding);
    const auto latin = decodeExact(QByteArrayView(encoded));
    FUZZ_CHECK(latin && *latin == bytes,
               QStringLiteral("valid base64 not decoded back: ") + QString::fromLatin1(encoded));
    const QString encodedText = QString::fromLatin1(encoded);
    const auto wide = decodeExact(QStringView(encodedText));
    FUZZ_CHECK(wide && *wide == bytes, QStringLiteral("valid base64 (UTF-16) not decoded back"));
    const auto streamed = stream(encodedText, slice, 3 + (mode >> 1) % 32);
    FUZZ_CHECK(streamed && *streamed == bytes, QStringLiteral("valid base64 not streamed back"));

    // 2. The raw bytes as base64 text: whatever is accepted agrees with Qt's decoder.
    const auto raw = decodeExact(QByteArrayView(bytes));
    if (raw) {
        const auto qt = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
        FUZZ_CHECK(qt.decodingStatus == QByteArray::Base64DecodingStatus::Ok && qt.decoded == *raw,
                   QStringLiteral("accepted, but Qt decodes it otherwise: ") + QString::fromLatin1(bytes.toHex()));
        FUZZ_CHECK(QByteArray::fromBase64(bytes) == *raw, QStringLiteral("differs from QByteArray::fromBase64"));
    }
    const QString rawText = QString::fromLatin1(bytes);
    const auto rawWide = decodeExact(QStringView(rawText));
    FUZZ_CHECK(rawWide == raw, QStringLiteral("Latin-1 and UTF-16 decoding disagree"));
    const auto rawStreamed = stream(rawText, slice, 3 + (mode >> 1) % 32);
    FUZZ_CHECK(rawStreamed == raw,
               QStringLiteral("the stream disagrees with one decode (%1, slices of %2): %3")
                   .arg(rawStreamed ? QStringLiteral("stream accepts") : QStringLiteral("stream refuses"))
                   .arg(slice)
                   .arg(rawText.left(200)));

    // 3. The bytes as UTF-16 code units: anything above U+00FF is refused, the rest decodes as Latin-1.
    const QString utf16(reinterpret_cast<const QChar *>(bytes.constData()), bytes.size() / 2);
    bool narrow = true;
    QByteArray latin1;
    for (const QChar c : utf16) {
        narrow = narrow && c.unicode() <= 0xFF;
        latin1 += char(c.unicode());
    }
    const auto fromWide = decodeExact(QStringView(utf16));
    if (narrow)
        FUZZ_CHECK(fromWide == decodeExact(QByteArrayView(latin1)), QStringLiteral("UTF-16 and Latin-1 disagree"));
    else
        FUZZ_CHECK(!fromWide, QStringLiteral("a character above U+00FF was accepted"));
    return 0;
}
