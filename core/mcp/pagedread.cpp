#include "pagedread.h"

#include "filetypes.h"

#include <QJsonDocument>

namespace tsg {

namespace {

std::optional<qint64> whole(const QJsonObject &arguments, QStringView key)
{
    const QJsonValue v = arguments.value(key);
    return v.isDouble() ? std::optional<qint64>(qint64(v.toDouble())) : std::nullopt;
}

QString mimeTypeOf(const QString &path)
{
    const QString lower = path.toLower();
    if (lower.endsWith(u".png"))
        return QStringLiteral("image/png");
    if (lower.endsWith(u".jpg") || lower.endsWith(u".jpeg"))
        return QStringLiteral("image/jpeg");
    if (lower.endsWith(u".gif"))
        return QStringLiteral("image/gif");
    if (lower.endsWith(u".webp"))
        return QStringLiteral("image/webp");
    if (lower.endsWith(u".svg"))
        return QStringLiteral("image/svg+xml");
    if (lower.endsWith(u".bmp"))
        return QStringLiteral("image/bmp");
    return QStringLiteral("application/octet-stream");
}

// The length of the longest start of `bytes` that is at most `max` bytes and ends on a UTF-8 character boundary.
qsizetype utf8Cut(const QByteArray &bytes, qsizetype max)
{
    qsizetype cut = std::min(max, bytes.size());
    while (cut > 0 && cut < bytes.size() && (uchar(bytes.at(cut)) & 0xC0) == 0x80)
        --cut;
    return cut;
}

QString callHint(const QString &tool, QJsonObject arguments, const QString &key, qint64 value)
{
    arguments.insert(key, value);
    return QStringLiteral("call %1 with %2")
        .arg(tool, QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact)));
}

} // namespace

ReadRange PagedRead::rangeOf(const QJsonObject &arguments, const QString &path)
{
    if (FileTypes::typeOf(path.section(u'/', -1)) == u"image")
        return ReadRange{.length = kMaxImageBytes};
    ReadRange range;
    const auto offset = whole(arguments, u"offset");
    const auto length = whole(arguments, u"length");
    const auto line = whole(arguments, u"line");
    const auto lines = whole(arguments, u"lines");
    if (offset || length) {
        range.offset = offset.value_or(0);
        range.length = std::min(length.value_or(kMaxBytes), kMaxBytes);
        if (line) // refused by FileReader: a byte range or a line range, not both
            range.line = int(*line);
        return range;
    }
    range.line = int(line.value_or(1));
    if (lines)
        range.lines = int(*lines);
    return range;
}

ToolResult PagedRead::result(const FileContent &content, const ReadRange &range, const QString &label,
                             const QString &tool, const QJsonObject &baseArguments)
{
    QJsonObject data{{QStringLiteral("type"), content.type}, {QStringLiteral("size"), content.size}};
    if (content.image) {
        if (content.size > kMaxImageBytes || content.offset != 0 || content.bytes.size() < content.size)
            return ToolResult::error(QStringLiteral("%1 is an image of %2 bytes: only whole images of at most %3 "
                                                    "bytes are sent, read from offset 0")
                                         .arg(label)
                                         .arg(content.size)
                                         .arg(kMaxImageBytes));
        ToolResult r{.structured = data};
        r.content.append(
            ToolResult::textBlock(QStringLiteral("%1: an image of %2 bytes").arg(label).arg(content.size)));
        r.content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                                     {QStringLiteral("data"), QString::fromLatin1(content.bytes.toBase64())},
                                     {QStringLiteral("mimeType"), mimeTypeOf(content.path)}});
        return r;
    }

    QByteArray text = content.bytes;
    QString part;
    QString next;
    data.insert(QStringLiteral("encoding"), content.encoding);
    if (range.line && content.firstLine) {
        qsizetype keep = text.size();
        if (keep > kMaxBytes) {
            const qsizetype newline = text.lastIndexOf('\n', kMaxBytes - 1);
            keep = newline >= 0 ? newline + 1 : utf8Cut(text, kMaxBytes);
        }
        const bool cutInLine = keep < text.size() && !text.left(keep).endsWith('\n');
        text.truncate(keep);
        const int first = *content.firstLine;
        const int count = int(text.count('\n')) + ((!text.isEmpty() && !text.endsWith('\n')) ? 1 : 0);
        const int last = count > 0 ? first + count - 1 : first - 1;
        data.insert(QStringLiteral("firstLine"), first);
        data.insert(QStringLiteral("lastLine"), last);
        data.insert(QStringLiteral("totalLines"), content.lines);
        part = count > 0 ? QStringLiteral("lines %1-%2 of %3").arg(first).arg(last).arg(content.lines)
                         : QStringLiteral("no lines (the file has %1)").arg(content.lines);
        if (cutInLine) {
            part += QStringLiteral(", line %1 cut after %2 bytes").arg(last).arg(kMaxBytes);
            if (content.encoding == u"UTF-8") { // the bytes are the file's own: a byte offset goes on from here
                next = callHint(tool, baseArguments, QStringLiteral("offset"), content.offset + keep);
                data.insert(QStringLiteral("nextOffset"), content.offset + keep);
            }
        } else if (last < content.lines) {
            next = callHint(tool, baseArguments, QStringLiteral("line"), last + 1);
            data.insert(QStringLiteral("nextLine"), last + 1);
        }
    } else {
        const qint64 end = content.offset + content.length;
        data.insert(QStringLiteral("offset"), content.offset);
        data.insert(QStringLiteral("length"), content.length);
        part = QStringLiteral("bytes %1-%2 of %3").arg(content.offset).arg(end).arg(content.size);
        if (end < content.size) {
            next = callHint(tool, baseArguments, QStringLiteral("offset"), end);
            data.insert(QStringLiteral("nextOffset"), end);
        }
    }
    data.insert(QStringLiteral("more"), !next.isEmpty());
    const QString note =
        QStringLiteral("%1 (%2, %3, %4 bytes): %5. %6")
            .arg(label, content.type, content.encoding)
            .arg(content.size)
            .arg(part, next.isEmpty() ? QStringLiteral("End of file.") : QStringLiteral("To read on, %1.").arg(next));
    ToolResult r{.structured = data};
    r.content.append(ToolResult::textBlock(note));
    r.content.append(ToolResult::textBlock(QString::fromUtf8(text)));
    return r;
}

} // namespace tsg
