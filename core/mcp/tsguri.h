// The URI of a TSG file as an MCP resource: tsg://<tsg>/<path>, each segment percent-encoded (UTF-8), so that
// names with spaces or '#' survive. Made and parsed in one place.
#pragma once

#include <QString>

#include <optional>

namespace tsg {

class TsgUri {
public:
    static constexpr QStringView kScheme = u"tsg://";
    // The template of resources/templates/list (RFC 6570).
    static QString uriTemplate() { return QStringLiteral("tsg://{tsg}/{+path}"); }

    struct Parts {
        QString tsg{};
        QString path{}; // '/'-separated, decoded; checked by the reader, not here
    };

    static QString make(const QString &tsg, const QString &path);
    // nullopt for another scheme, a missing TSG or an empty path.
    static std::optional<Parts> parse(const QString &uri);
};

} // namespace tsg
