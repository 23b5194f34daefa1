#include "format.h"

#include <QCoreApplication>
#include <QLocale>

namespace tsg::Format {

QString count(qint64 n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(n), n == 1 ? one : many);
}

QString size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString time(const QDateTime &t, const QString &never)
{
    if (!t.isValid())
        return never.isEmpty() ? QCoreApplication::translate("Format", "never") : never;
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString relative(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return QCoreApplication::translate("Format", "never");
    const qint64 secs = now.secsTo(t);
    if (secs <= 30)
        return QCoreApplication::translate("Format", "now");
    if (secs < 50 * 60)
        return QCoreApplication::translate("Format", "in %1")
            .arg(count((secs + 59) / 60, QStringLiteral("minute"), QStringLiteral("minutes")));
    if (secs < 48 * 3600)
        return QCoreApplication::translate("Format", "in %1")
            .arg(count((secs + 1799) / 3600, QStringLiteral("hour"), QStringLiteral("hours")));
    return time(t);
}

} // namespace tsg::Format
