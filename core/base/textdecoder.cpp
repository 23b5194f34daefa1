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

QString decodeWith(QStringConverter::Encoding encoding, QByteArrayView bytes, bool *hadError)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    QString text = decoder(bytes);
    if (hadError)
        *hadError = decoder.hasError();
    return text;
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
    if (head.startsWith("\xEF\xBB\xBF"))
        return Encoding::Utf8;
    if (head.startsWith("\xFF\xFE"))
        return Encoding::Utf16LE;
    if (head.startsWith("\xFE\xFF"))
        return Encoding::Utf16BE;
    if (const auto utf16 = sniffUtf16(head))
        return utf16;
    const QByteArrayView sniffed = head.first(std::min(head.size(), kSniffBytes));
    if (sniffed.contains('\0'))
        return std::nullopt;
    // Stateful: a character cut at the end of the head is held back, not an error.
    QStringDecoder decoder(QStringConverter::Utf8);
    const QString decoded = decoder.decode(sniffed);
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

Result<TextDecoder::Text> TextDecoder::decode(const QByteArray &bytes, const QString &what)
{
    const QByteArrayView view(bytes);
    if (view.startsWith("\xEF\xBB\xBF"))
        return Text{.text = decodeWith(QStringConverter::Utf8, view.sliced(3), nullptr), .encoding = Encoding::Utf8};
    if (view.startsWith("\xFF\xFE"))
        return Text{.text = decodeWith(QStringConverter::Utf16LE, view.sliced(2), nullptr),
                    .encoding = Encoding::Utf16LE};
    if (view.startsWith("\xFE\xFF"))
        return Text{.text = decodeWith(QStringConverter::Utf16BE, view.sliced(2), nullptr),
                    .encoding = Encoding::Utf16BE};
    if (const auto utf16 = sniffUtf16(bytes)) {
        const auto enc = *utf16 == Encoding::Utf16LE ? QStringConverter::Utf16LE : QStringConverter::Utf16BE;
        return Text{.text = decodeWith(enc, view, nullptr), .encoding = *utf16};
    }
    if (view.first(std::min(view.size(), kSniffBytes)).contains('\0'))
        return Error::invalid(QStringLiteral("'%1' is binary, not text").arg(what));
    bool utf8Error = false;
    QString text = decodeWith(QStringConverter::Utf8, view, &utf8Error);
    if (!utf8Error)
        return Text{.text = std::move(text), .encoding = Encoding::Utf8};
    return Text{.text = QString::fromLatin1(view), .encoding = Encoding::Latin1};
}

} // namespace tsg
