#include "autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace tsg {

namespace {

// Desktop Entry Exec quoting: arguments with spaces or reserved characters go in double quotes.
QString quoted(const QString &arg)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool needs = arg.isEmpty();
    for (const QChar c : arg)
        needs = needs || reserved.contains(c);
    if (!needs)
        return arg;
    QString out = arg;
    out.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'"', QStringLiteral("\\\""))
        .replace(u'`', QStringLiteral("\\`"))
        .replace(u'$', QStringLiteral("\\$"));
    return u'"' + out + u'"';
}

} // namespace

QString AutostartEntry::path()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/autostart/tsgdesk.desktop");
}

bool AutostartEntry::isEnabled()
{
    return QFile::exists(path());
}

Status AutostartEntry::setEnabled(bool enabled, const QString &program, const QString &dataDir)
{
    const QString file = path();
    if (!enabled) {
        if (QFile::exists(file) && !QFile::remove(file))
            return Error::io(QStringLiteral("Cannot remove %1").arg(file));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return Error::io(QStringLiteral("Cannot create %1").arg(QFileInfo(file).absolutePath()));
    QString exec = quoted(program) + QStringLiteral(" --minimized");
    if (!dataDir.isEmpty())
        exec += QStringLiteral(" --data-dir ") + quoted(dataDir);
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=TSG Desk\n"
                                         "Comment=Troubleshooting guides and sessions, served to your browser UI\n"
                                         "Exec=%1\n"
                                         "Icon=" TSGDESK_APP_ID "\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                              .arg(exec);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(entry.toUtf8()) < 0 || !out.commit())
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(file, out.errorString()));
    return {};
}

} // namespace tsg
