#include "documentextractor.h"

#include "filetypes.h"
#include "pdftextextractor.h"
#include "safedir.h"
#include "searchlogging.h"
#include "textdecoder.h"

#include <QFile>

#include <unistd.h>

namespace tsg {

namespace {

bool isImage(const QString &type)
{
    return type == QLatin1String("image");
}

} // namespace

QString DocumentExtractor::typeOf(const QString &fileName)
{
    if (FileTypes::extensionOf(fileName).compare(QLatin1String(".pdf"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("pdf");
    return FileTypes::typeOf(fileName);
}

QList<DocumentExtractor::Block> DocumentExtractor::splitLines(const QString &text)
{
    QList<Block> blocks;
    qsizetype start = 0;
    int line = 1;
    while (start < text.size()) {
        qsizetype end = start;
        int lines = 0;
        while (end < text.size() && lines < kLinesPerBlock) {
            const qsizetype nl = text.indexOf(QLatin1Char('\n'), end);
            end = nl < 0 ? text.size() : nl + 1;
            ++lines;
        }
        QString block = text.mid(start, end - start);
        block.remove(QLatin1Char('\r'));
        blocks << Block{.text = std::move(block), .firstLine = line, .page = 0};
        line += lines;
        start = end;
    }
    return blocks;
}

Result<DocumentExtractor::Document> DocumentExtractor::extract(const SafeDir &dir, const QString &name,
                                                               const QString &relativePath)
{
    Document doc{.type = typeOf(name), .blocks = {}};
    if (isImage(doc.type))
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
        for (int i = 0; i < pages.value().size(); ++i)
            if (!pages.value().at(i).trimmed().isEmpty())
                doc.blocks << Block{.text = pages.value().at(i), .firstLine = 0, .page = i + 1};
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
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("Could not read '%1'").arg(relativePath));
    auto text = TextDecoder::decode(bytes, relativePath);
    if (!text.ok())
        return doc;       // binary: by name only
    bytes = QByteArray(); // not needed while the text is cut into blocks: a 55 MB log peaks 55 MB lower
    doc.blocks = splitLines(text.value().text);
    return doc;
}

} // namespace tsg
