#include "appoptions.h"

#include "datafolder.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

namespace {

// A heartbeat time from the environment: milliseconds from 100 to 3600000, else exit 2; `fallback` when unset.
int heartbeatMs(const char *variable, int fallback)
{
    if (!qEnvironmentVariableIsSet(variable))
        return fallback;
    bool ok = false;
    const QString text = qEnvironmentVariable(variable);
    const int ms = text.toInt(&ok);
    if (!ok || ms < 100 || ms > 3600000) {
        std::fprintf(stderr, "tsgdesk: %s takes milliseconds from 100 to 3600000, not '%s'\n", variable,
                     qPrintable(text));
        std::exit(2);
    }
    return ms;
}

} // namespace

AppOptions AppOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "TSG Desk keeps troubleshooting guides and investigation sessions on this workstation and serves\n"
        "them to a browser UI or an AI agent over a local WebSocket."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Data folder (default: $CODEX_HOME, else ~/.codex)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("WebSocket port; 0 picks a free one (default: config, 8737)."),
                                  QStringLiteral("n"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral(
                                        "Address to listen on (default 127.0.0.1). Anything else is reachable "
                                        "from other machines: the token, Origin and Host checks still apply."),
                                    QStringLiteral("address"));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run the server without a window."));
    const QCommandLineOption minimized(QStringLiteral("minimized"), QStringLiteral("Start in the system tray."));
    parser.addOptions({dataDir, port, listen, headless, minimized});
    parser.process(arguments); // exits on --help, --version and unknown options

    AppOptions o;
    o.dataDir = tsg::DataFolder::resolve(parser.value(dataDir));
    if (parser.isSet(port)) {
        bool ok = false;
        const int p = parser.value(port).toInt(&ok);
        if (!ok || p < 0 || p > 65535) {
            std::fprintf(stderr, "tsgdesk: --port takes a number from 0 to 65535, not '%s'\n",
                         qPrintable(parser.value(port)));
            std::exit(2);
        }
        o.port = p;
    }
    if (parser.isSet(listen))
        o.listen = parser.value(listen);
    o.headless = parser.isSet(headless);
    o.minimized = parser.isSet(minimized);
    o.socketIoHeartbeat.intervalMs = heartbeatMs("TSGDESK_SIO_PING_INTERVAL_MS", o.socketIoHeartbeat.intervalMs);
    o.socketIoHeartbeat.timeoutMs = heartbeatMs("TSGDESK_SIO_PING_TIMEOUT_MS", o.socketIoHeartbeat.timeoutMs);
    return o;
}
