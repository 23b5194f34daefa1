#include "textdecoder.h"

#include <QStringDecoder>

namespace tsg {

namespace {

constexpr qsizetype kSniffBytes = 64 * 1024;

// UTF-16 without a BOM: most ASCII-range characters have one zero byte, always on the same side.
std::optional<TextDecoder::Encoding> sniffUtf16(QByteArrayView bytes)
{
    const qsizetype n = std::min(bytes.size(), kSniffBytes) & ~qsizetype(1);
    if (n < 4)
        return std::nullopt;
    qsizetype zeroEven = 0, zeroOdd = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        zeroEven += bytes[i] == 0;
        zeroOdd += bytes[i + 1] == 0;
    }
    const qsizetype pairs = n / 2;
    if (zeroOdd * 10 >= pairs * 3 && zeroEven * 20 < pairs)
        return TextDecoder::Encoding::Utf16LE;
    if (zeroEven * 10 >= pairs * 3 && zeroOdd * 20 < pairs)
        return TextDecoder::Encoding::Utf16BE;
    return std::nullopt;
}

// What the first bytes alone tell: a byte order mark, UTF-16's zero bytes, or NUL bytes (binary). Not decided
// when it is UTF-8 or Latin-1, which the caller tells apart.
struct Shape {
    bool decided = false;
    std::optional<TextDecoder::Encoding> encoding; // nullopt when decided: binary
};

Shape shapeOf(QByteArrayView bytes)
{
    using Encoding = TextDecoder::Encoding;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return {true, Encoding::Utf8};
    if (bytes.startsWith("\xFF\xFE"))
        return {true, Encoding::Utf16LE};
    if (bytes.startsWith("\xFE\xFF"))
        return {true, Encoding::Utf16BE};
    if (const auto utf16 = sniffUtf16(bytes))
        return {true, utf16};
    if (bytes.first(std::min(bytes.size(), kSniffBytes)).contains('\0'))
        return {true, std::nullopt};
    return {};
}

QString decodeWith(QStringConverter::Encoding encoding, QByteArrayView bytes)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    return decoder(bytes);
}

} // namespace

QString TextDecoder::nameOf(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8: return QStringLiteral("UTF-8");
    case Encoding::Utf16LE: return QStringLiteral("UTF-16LE");
    case Encoding::Utf16BE: return QStringLiteral("UTF-16BE");
    case Encoding::Latin1: return QStringLiteral("Latin-1");
    }
    return {};
}

std::optional<TextDecoder::Encoding> TextDecoder::detect(QByteArrayView head)
{
    if (const Shape shape = shapeOf(head); shape.decided)
        return shape.encoding;
    // Stateful: a character cut at the end of the head is held back, not an error.
    QStringDecoder decoder(QStringConverter::Utf8);
    const QString decoded = decoder.decode(head.first(std::min(head.size(), kSniffBytes)));
    Q_UNUSED(decoded);
    return decoder.hasError() ? Encoding::Latin1 : Encoding::Utf8;
}

int TextDecoder::bomLength(Encoding encoding, QByteArrayView head)
{
    switch (encoding) {
    case Encoding::Utf8: return head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    case Encoding::Utf16LE: return head.startsWith("\xFF\xFE") ? 2 : 0;
    case Encoding::Utf16BE: return head.startsWith("\xFE\xFF") ? 2 : 0;
    case Encoding::Latin1: return 0;
    }
    return 0;
}

std::optional<TextDecoder::Encoding> TextDecoder::encodingOf(QByteArrayView bytes)
{
    if (const Shape shape = shapeOf(bytes); shape.decided)
        return shape.encoding;
    return bytes.isValidUtf8() ? Encoding::Utf8 : Encoding::Latin1;
}

QString TextDecoder::decodeAs(Encoding encoding, QByteArrayView bytes)
{
    switch (encoding) {
    case Encoding::Utf8: return decodeWith(QStringConverter::Utf8, bytes);
    case Encoding::Utf16LE: return decodeWith(QStringConverter::Utf16LE, bytes);
    case Encoding::Utf16BE: return decodeWith(QStringConverter::Utf16BE, bytes);
    case Encoding::Latin1: return QString::fromLatin1(bytes);
    }
    return {};
}

Result<TextDecoder::Text> TextDecoder::decode(const QByteArray &bytes, const QString &what)
{
    const auto encoding = encodingOf(bytes);
    if (!encoding)
        return Error::invalid(QStringLiteral("'%1' is binary, not text").arg(what));
    return Text{.text = decodeAs(*encoding, QByteArrayView(bytes).sliced(bomLength(*encoding, bytes))),
                .encoding = *encoding};
}

} // namespace tsg
