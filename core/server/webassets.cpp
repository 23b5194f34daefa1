#include "webassets.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

#include <algorithm>

namespace tsg {

namespace {

const QString kRoot = QStringLiteral(":/web");

} // namespace

const WebAssets &WebAssets::instance()
{
    static const WebAssets assets; // initialised once, thread-safe (C++11 magic statics)
    return assets;
}

WebAssets::WebAssets()
{
    QDirIterator it(kRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue; // a resource compiled in always opens
        Asset asset;
        asset.body = f.readAll();
        asset.mimeType = mimeTypeFor(file);
        asset.etag = '"' + QCryptographicHash::hash(asset.body, QCryptographicHash::Sha256).toHex().left(32) + '"';
        m_assets.insert(file.mid(kRoot.size()).toUtf8(), asset);
    }
}

const WebAssets::Asset *WebAssets::find(const QByteArray &path) const
{
    const auto it = m_assets.constFind(path == "/" ? QByteArrayLiteral("/index.html") : path);
    return it == m_assets.cend() ? nullptr : &it.value();
}

QList<QByteArray> WebAssets::paths() const
{
    QList<QByteArray> out = m_assets.keys();
    std::sort(out.begin(), out.end());
    return out;
}

QByteArray WebAssets::mimeTypeFor(const QString &fileName)
{
    const QString ext = fileName.section(u'.', -1).toLower();
    if (ext == u"html")
        return QByteArrayLiteral("text/html; charset=utf-8");
    if (ext == u"js" || ext == u"mjs")
        return QByteArrayLiteral("text/javascript; charset=utf-8");
    if (ext == u"css")
        return QByteArrayLiteral("text/css; charset=utf-8");
    if (ext == u"svg")
        return QByteArrayLiteral("image/svg+xml");
    if (ext == u"png")
        return QByteArrayLiteral("image/png");
    if (ext == u"json")
        return QByteArrayLiteral("application/json");
    if (ext == u"txt")
        return QByteArrayLiteral("text/plain; charset=utf-8");
    return QByteArrayLiteral("application/octet-stream");
}

} // namespace tsg
