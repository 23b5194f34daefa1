#include "fileicons.h"

#include <QFileIconProvider>

namespace tsg {

namespace {
QString extensionKey(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    return dot <= 0 ? QString() : fileName.mid(dot + 1).toLower();
}
} // namespace

QMimeType FileIcons::mimeOf(const QString &fileName)
{
    return m_mimes.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
}

QIcon FileIcons::folder()
{
    if (m_folder.isNull()) {
        m_folder = QIcon::fromTheme(QStringLiteral("folder"));
        if (m_folder.isNull())
            m_folder = QIcon(QStringLiteral(":/icons/types/folder.svg"));
    }
    return m_folder;
}

QIcon FileIcons::bundled(const QMimeType &mime)
{
    const QString name = mime.name();
    const auto icon = [](const char *file) {
        return QIcon(QStringLiteral(":/icons/types/%1.svg").arg(QLatin1String(file)));
    };
    if (name.startsWith(u"image/"))
        return icon("image");
    if (name == u"application/pdf")
        return icon("pdf");
    if (name.contains(u"spreadsheet") || name.contains(u"excel") || name == u"text/csv")
        return icon("sheet");
    if (name.contains(u"wordprocessing") || name.contains(u"msword") || name.contains(u"opendocument.text"))
        return icon("document");
    if (name.contains(u"json") || name.contains(u"yaml") || name.contains(u"xml"))
        return icon("data");
    if (name.startsWith(u"text/") || mime.inherits(QStringLiteral("text/plain")))
        return icon("text");
    if (mime.inherits(QStringLiteral("application/zip")) || name.contains(u"compressed") || name.contains(u"tar"))
        return icon("archive");
    return icon("file");
}

QIcon FileIcons::forFile(const QString &fileName)
{
    const QString key = extensionKey(fileName);
    auto it = m_icons.constFind(key);
    if (it != m_icons.cend())
        return *it;
    const QMimeType mime = mimeOf(fileName);
    QIcon icon = QIcon::fromTheme(mime.iconName());
    if (icon.isNull())
        icon = QIcon::fromTheme(mime.genericIconName());
    if (icon.isNull())
        icon = bundled(mime);
    if (icon.isNull())
        icon = QFileIconProvider().icon(QFileIconProvider::File);
    m_icons.insert(key, icon);
    return icon;
}

QString FileIcons::description(const QString &fileName)
{
    return mimeOf(fileName).comment();
}

} // namespace tsg
