// Every TSG file as an MCP resource, tsg://<tsg>/<path>: resources/list a page at a time, resources/read of one
// (confined and read as read_file reads it), and the URI template. Exists apart from the tools because resources are
// what a client attaches by itself, the tools what the model calls.
#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace tsg {

class LibraryView;

class ResourceCatalog {
public:
    static constexpr int kPageSize = 100;

    explicit ResourceCatalog(LibraryView &view);

    // The resources/list result: a page of resources from `cursor` (empty: the first), with nextCursor when more
    // follow. Invalid for a cursor this did not give.
    Result<QJsonObject> list(const QString &cursor) const;
    // The resources/read result. NotFound for a URI that names no TSG file; Invalid for a path the confinement
    // refuses (.., a link, a binary file).
    Result<QJsonObject> read(const QString &uri) const;
    // The resources/templates/list result.
    QJsonObject templates() const;

    // The MIME type of a file of this TSG type (FileTypes::typeOf) and name.
    static QString mimeTypeOf(const QString &type, const QString &path);

private:
    LibraryView &m_view;
};

} // namespace tsg
