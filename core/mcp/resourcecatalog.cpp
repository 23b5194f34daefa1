#include "resourcecatalog.h"

#include "filereader.h"
#include "libraryview.h"
#include "tsguri.h"

namespace tsg {

namespace {

QString cursorFor(int offset)
{
    return QString::fromLatin1(QByteArray("files:" + QByteArray::number(offset)).toBase64());
}

std::optional<int> offsetOf(const QString &cursor)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1());
    if (!raw.startsWith("files:"))
        return std::nullopt;
    bool ok = false;
    const int offset = raw.mid(6).toInt(&ok);
    return ok && offset >= 0 ? std::optional<int>(offset) : std::nullopt;
}

} // namespace

ResourceCatalog::ResourceCatalog(LibraryView &view) : m_view(view) {}

QString ResourceCatalog::mimeTypeOf(const QString &type, const QString &path)
{
    if (type == u"markdown")
        return QStringLiteral("text/markdown");
    if (type == u"json")
        return QStringLiteral("application/json");
    if (type == u"yaml")
        return QStringLiteral("application/yaml");
    if (type == u"pdf")
        return QStringLiteral("application/pdf");
    if (type == u"image") {
        const QString ext = path.section(u'.', -1).toLower();
        if (ext == u"jpg" || ext == u"jpeg")
            return QStringLiteral("image/jpeg");
        if (ext == u"svg")
            return QStringLiteral("image/svg+xml");
        return QStringLiteral("image/") + ext;
    }
    if (type == u"text" || type == u"log")
        return QStringLiteral("text/plain");
    return QStringLiteral("application/octet-stream");
}

Result<QJsonObject> ResourceCatalog::list(const QString &cursor) const
{
    int offset = 0;
    if (!cursor.isEmpty()) {
        const auto parsed = offsetOf(cursor);
        if (!parsed)
            return Error::invalid(
                QStringLiteral("Invalid cursor '%1': pass the nextCursor of the previous page").arg(cursor));
        offset = *parsed;
    }
    const auto tsgs = m_view.tsgs();
    if (!tsgs.ok())
        return tsgs.error();
    QJsonArray page;
    int index = 0; // of the file over all TSGs, in name and then path order
    bool more = false;
    for (const TsgInfo &t : tsgs.value()) {
        if (index + t.fileCount <= offset) { // a page further on: no need to list this TSG's files
            index += t.fileCount;
            continue;
        }
        const auto files = m_view.files(t.name);
        if (!files.ok())
            continue; // removed meanwhile
        for (const FileEntry &f : files.value()) {
            if (index++ < offset)
                continue;
            if (page.size() == kPageSize) {
                more = true;
                break;
            }
            page.append(QJsonObject{{QStringLiteral("uri"), TsgUri::make(t.name, f.path)},
                                    {QStringLiteral("name"), QStringLiteral("%1/%2").arg(t.name, f.path)},
                                    {QStringLiteral("title"), QStringLiteral("%1 (TSG %2)").arg(f.name, t.name)},
                                    {QStringLiteral("mimeType"), mimeTypeOf(f.type, f.path)},
                                    {QStringLiteral("size"), f.size}});
        }
        if (more)
            break;
    }
    QJsonObject result{{QStringLiteral("resources"), page}};
    if (more)
        result.insert(QStringLiteral("nextCursor"), cursorFor(offset + kPageSize));
    return result;
}

Result<QJsonObject> ResourceCatalog::read(const QString &uri) const
{
    const auto parts = TsgUri::parse(uri);
    if (!parts)
        return Error::notFound(QStringLiteral("Resource '%1' not found: TSG files are tsg://<tsg>/<path>").arg(uri));
    const auto read = m_view.readTsgFile(parts->tsg, parts->path, ReadRange{.lineCount = LineCount::Skip});
    if (!read.ok())
        return read.error();
    const FileContent &c = read.value();
    QJsonObject content{{QStringLiteral("uri"), uri}, {QStringLiteral("mimeType"), mimeTypeOf(c.type, c.path)}};
    if (c.image)
        content.insert(QStringLiteral("blob"), QString::fromLatin1(c.bytes.toBase64()));
    else
        content.insert(QStringLiteral("text"), QString::fromUtf8(c.bytes));
    if (c.truncated)
        content.insert(QStringLiteral("_meta"),
                       QJsonObject{{QStringLiteral("truncated"), true},
                                   {QStringLiteral("note"),
                                    QStringLiteral("The first %1 bytes of %2: read_file pages "
                                                   "through the rest")
                                        .arg(FileReader::kMaxBytes)
                                        .arg(c.size)}});
    return QJsonObject{{QStringLiteral("contents"), QJsonArray{content}}};
}

QJsonObject ResourceCatalog::templates() const
{
    return {{QStringLiteral("resourceTemplates"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("uriTemplate"), TsgUri::uriTemplate()},
                             {QStringLiteral("name"), QStringLiteral("tsg-file")},
                             {QStringLiteral("title"), QStringLiteral("A file of a troubleshooting guide")},
                             {QStringLiteral("description"),
                              QStringLiteral("One file of a TSG: {tsg} is the TSG's name, {path} the file's path in it "
                                             "('/'-separated, each segment percent-encoded).")}}}}};
}

} // namespace tsg
