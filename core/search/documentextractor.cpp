#include "documentextractor.h"

#include "filetypes.h"
#include "pdftextextractor.h"
#include "safedir.h"
#include "searchlogging.h"

#include <QFile>

#include <cstring>

#include <unistd.h>

namespace tsg {

namespace {

// Blocks of UTF-8 `text`, which starts at `fileOffset` in the file, one every kLinesPerBlock lines.
void splitUtf8(QByteArrayView text, qint64 fileOffset, QList<DocumentExtractor::Block> &blocks)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype start = 0;
    while (start < size) {
        qsizetype end = start;
        for (int lines = 0; end < size && lines < DocumentExtractor::kLinesPerBlock; ++lines) {
            const void *nl = std::memchr(data + end, '\n', size_t(size - end));
            end = nl ? static_cast<const char *>(nl) - data + 1 : size;
        }
        blocks << DocumentExtractor::Block{.start = start,
                                           .length = end - start,
                                           .fileOffset = fileOffset + start,
                                           .page = 0};
        start = end;
    }
}

// The same for UTF-16 or Latin-1 text, decoded: each block converted to UTF-8 on its own, its offset in the file
// counted in code units of `unitBytes`.
void splitDecoded(QStringView text, qint64 fileOffset, int unitBytes, DocumentExtractor::Document &doc)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start;
        for (int lines = 0; end < text.size() && lines < DocumentExtractor::kLinesPerBlock; ++lines) {
            const qsizetype nl = text.indexOf(QLatin1Char('\n'), end);
            end = nl < 0 ? text.size() : nl + 1;
        }
        const QByteArray utf8 = text.sliced(start, end - start).toUtf8();
        doc.blocks << DocumentExtractor::Block{.start = doc.utf8.size(),
                                               .length = utf8.size(),
                                               .fileOffset = fileOffset + start * unitBytes,
                                               .page = 0};
        doc.utf8 += utf8;
        start = end;
    }
}

} // namespace

QString DocumentExtractor::typeOf(const QString &fileName)
{
    if (FileTypes::extensionOf(fileName).compare(QLatin1String(".pdf"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("pdf");
    return FileTypes::typeOf(fileName);
}

DocumentExtractor::Document DocumentExtractor::splitText(const QByteArray &bytes, const QString &type)
{
    Document doc{.type = type, .encoding = TextDecoder::Encoding::Utf8, .utf8 = {}, .blocks = {}};
    const auto encoding = TextDecoder::encodingOf(bytes);
    if (!encoding)
        return doc; // binary: by name only
    doc.encoding = *encoding;
    const int bom = TextDecoder::bomLength(*encoding, bytes);
    const QByteArrayView text = QByteArrayView(bytes).sliced(bom);
    switch (*encoding) {
    case TextDecoder::Encoding::Utf8:
        doc.utf8 = bom ? text.toByteArray() : bytes; // shared, not copied, without a BOM
        splitUtf8(doc.utf8, bom, doc.blocks);
        break;
    case TextDecoder::Encoding::Latin1: splitDecoded(TextDecoder::decodeAs(*encoding, text), bom, 1, doc); break;
    case TextDecoder::Encoding::Utf16LE:
    case TextDecoder::Encoding::Utf16BE: splitDecoded(TextDecoder::decodeAs(*encoding, text), bom, 2, doc); break;
    }
    return doc;
}

Result<DocumentExtractor::Document> DocumentExtractor::extract(const SafeDir &dir, const QString &name,
                                                               const QString &relativePath)
{
    Document doc{.type = typeOf(name), .encoding = TextDecoder::Encoding::Utf8, .utf8 = {}, .blocks = {}};
    if (doc.type == QLatin1String("image"))
        return doc;
    auto fd = dir.openFileForReading(name);
    if (!fd.ok())
        return fd.error();
    if (doc.type == QLatin1String("pdf")) {
        auto pages = PdfTextExtractor::pages(fd.value(), relativePath);
        ::close(fd.value());
        if (!pages.ok()) {
            qCInfo(lcSearch) << "indexing by name only:" << pages.error().message;
            return doc;
        }
        for (int i = 0; i < pages.value().size(); ++i) {
            if (pages.value().at(i).trimmed().isEmpty())
                continue;
            const QByteArray utf8 = pages.value().at(i).toUtf8();
            doc.blocks << Block{.start = doc.utf8.size(), .length = utf8.size(), .fileOffset = -1, .page = i + 1};
            doc.utf8 += utf8;
        }
        return doc;
    }
    QFile file;
    if (!file.open(fd.value(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd.value());
        return Error::io(QStringLiteral("Could not read '%1'").arg(relativePath));
    }
    if (file.size() > kMaxTextBytes) {
        qCInfo(lcSearch) << "indexing by name only, larger than" << kMaxTextBytes << "bytes:" << relativePath;
        return doc;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("Could not read '%1'").arg(relativePath));
    return splitText(bytes, doc.type);
}

} // namespace tsg
