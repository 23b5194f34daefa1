// The browser UI's files, compiled into the binary as Qt resources (under :/web): each one's bytes,
// MIME type and ETag, computed once, so that the HTTP responder answers from memory on any thread.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace tsg {

class WebAssets {
public:
    struct Asset {
        QByteArray body{};
        QByteArray mimeType{};
        QByteArray etag{}; // a strong ETag, quotes included: "…" (SHA-256 of the body, 128 bits of it)
    };

    // The assets of the resources compiled in; built on first use, thread-safe, never changes after.
    static const WebAssets &instance();

    // The asset at a request path ("/" is "/index.html"), or nullptr for an unknown path.
    const Asset *find(const QByteArray &path) const;
    // The request paths of every asset, "/index.html" and the rest, sorted (for tests and the log).
    QList<QByteArray> paths() const;
    // The MIME type the server sends for a file name, by its extension.
    static QByteArray mimeTypeFor(const QString &fileName);

private:
    WebAssets();
    QHash<QByteArray, Asset> m_assets; // by request path: "/index.html", "/vendor/marked.js", …
};

} // namespace tsg
