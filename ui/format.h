// How the window writes sizes and times: one place, so every panel says them the same way.
#pragma once

#include <QDateTime>
#include <QString>

namespace tsg::Format {

// "1 file", "3 files": English plurals without a translation catalogue (tr's %n needs one).
QString count(qint64 n, const QString &one, const QString &many);
// "1.5 MiB", "820 bytes": the desktop's convention (QLocale::formattedDataSize, IEC units), everywhere in the window.
QString size(qint64 bytes);
// A limit given in MiB (config.json's unit), exactly, in the units size() uses: "100 MiB", "4 GiB", "1,500 MiB".
QString mebibytes(qint64 mib);
// A duration given in hours (config.json's unit) in days and hours: "7 days", "1 day 6 hours", "5 hours".
QString hours(qint64 hours);
// "2026-11-25 14:03" in local time, or `never` when the time is not set.
QString time(const QDateTime &t, const QString &never = {});
// "in 3 hours", "in 12 minutes", "now" for a time from now on; the time itself when further away.
QString relative(const QDateTime &t, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace tsg::Format
