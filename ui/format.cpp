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
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString mebibytes(qint64 mib)
{
    // Exact, as a limit must be: "4 GiB" only when it is whole GiB, else "1,500 MiB".
    if (mib >= 1024 && mib % 1024 == 0)
        return QStringLiteral("%1 GiB").arg(QLocale().toString(mib / 1024));
    return QStringLiteral("%1 MiB").arg(QLocale().toString(mib));
}

QString hours(qint64 hours)
{
    const qint64 days = hours / 24;
    const qint64 rest = hours % 24;
    const QString d = count(days, QStringLiteral("day"), QStringLiteral("days"));
    const QString h = count(rest, QStringLiteral("hour"), QStringLiteral("hours"));
    if (days == 0)
        return h;
    return rest == 0 ? d : QStringLiteral("%1 %2").arg(d, h);
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
