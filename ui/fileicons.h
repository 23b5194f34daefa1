// Type icons for the file tree: the desktop theme's icon for the file's MIME type when there is one,
// else one of TSG Desk's own (text, image, document, data, archive, generic). Cached per extension.
#pragma once

#include <QHash>
#include <QIcon>
#include <QMimeDatabase>

namespace tsg {

class FileIcons {
public:
    QIcon folder();
    QIcon forFile(const QString &fileName);
    // The MIME type's description ("Markdown document"), for the Type column's tooltip.
    QString description(const QString &fileName);

private:
    QMimeType mimeOf(const QString &fileName);
    static QIcon bundled(const QMimeType &mime);

    QMimeDatabase m_mimes;
    QHash<QString, QIcon> m_icons; // by lower-case extension
    QIcon m_folder;
};

} // namespace tsg
