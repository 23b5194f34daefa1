// A D-Bus session bus of the test's own: a dbus-daemon with no service files, so a call to a name nobody owns
// fails at once instead of starting a real desktop service, and a process given its address never falls back
// to libdbus's X11 autolaunch (a fork and a blocking read that can hang a sanitizer build's startup).
#pragma once

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace testing {

class PrivateSessionBus {
public:
    PrivateSessionBus() = default;
    PrivateSessionBus(const PrivateSessionBus &) = delete;
    PrivateSessionBus &operator=(const PrivateSessionBus &) = delete;
    ~PrivateSessionBus()
    {
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.terminate();
            m_daemon.waitForFinished(5000);
        }
    }

    // Empty on success, else what went wrong.
    QString start()
    {
        const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (daemon.isEmpty())
            return QStringLiteral("dbus-daemon is not installed (Debian package dbus-daemon; packaging/install-deps.sh "
                                  "installs it)");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder for the bus: %1").arg(m_dir.errorString());
        const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1: %2").arg(config, f.errorString());
        // No <servicedir>: nothing can be launched on this bus.
        f.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                               " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                               "<busconfig>\n"
                               "  <type>session</type>\n"
                               "  <listen>unix:dir=%1</listen>\n"
                               "  <policy context=\"default\">\n"
                               "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                               "    <allow eavesdrop=\"true\"/>\n"
                               "    <allow own=\"*\"/>\n"
                               "  </policy>\n"
                               "</busconfig>\n")
                    .arg(m_dir.path())
                    .toUtf8());
        f.close();
        m_daemon.start(daemon,
                       {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                        QStringLiteral("--print-address")});
        if (!m_daemon.waitForStarted())
            return QStringLiteral("dbus-daemon did not start: %1").arg(m_daemon.errorString());
        if (!QTest::qWaitFor([this] { return m_daemon.canReadLine() || m_daemon.state() == QProcess::NotRunning; },
                             10000)
            || !m_daemon.canReadLine())
            return QStringLiteral("dbus-daemon printed no address: %1")
                .arg(QString::fromLocal8Bit(m_daemon.readAllStandardError()));
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        return m_address.isEmpty() ? QStringLiteral("dbus-daemon printed an empty address") : QString();
    }

    // For DBUS_SESSION_BUS_ADDRESS, or QDBusConnection::connectToBus.
    QString address() const { return m_address; }

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
};

} // namespace testing
