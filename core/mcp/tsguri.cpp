#include "tsguri.h"

#include <QByteArray>
#include <QStringList>

namespace tsg {

namespace {

QString encode(const QString &segment)
{
    return QString::fromLatin1(segment.toUtf8().toPercentEncoding());
}

QString decode(QStringView segment)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(segment.toLatin1()));
}

} // namespace

QString TsgUri::make(const QString &tsg, const QString &path)
{
    QStringList segments;
    for (const QString &s : path.split(u'/'))
        segments << encode(s);
    return kScheme.toString() + encode(tsg) + u'/' + segments.join(u'/');
}

std::optional<TsgUri::Parts> TsgUri::parse(const QString &uri)
{
    if (!uri.startsWith(kScheme))
        return std::nullopt;
    const QStringView rest = QStringView(uri).mid(kScheme.size());
    const qsizetype slash = rest.indexOf(u'/');
    if (slash <= 0 || slash == rest.size() - 1)
        return std::nullopt;
    QStringList segments;
    for (const QStringView s : rest.mid(slash + 1).split(u'/'))
        segments << decode(s);
    return Parts{.tsg = decode(rest.left(slash)), .path = segments.join(u'/')};
}

} // namespace tsg
