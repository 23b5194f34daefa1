// The command line: --data-dir, --port, --listen, --headless, --minimized, --version, --help; and the
// environment's TSGDESK_SIO_PING_INTERVAL_MS / TSGDESK_SIO_PING_TIMEOUT_MS (the Socket.IO heartbeat, for tests
// and operators: a client cannot change it).
#pragma once

#include "socketioadapter.h"

#include <QString>
#include <QStringList>

#include <optional>

struct AppOptions {
    QString dataDir;               // resolved: --data-dir, else $CODEX_HOME, else ~/.codex
    std::optional<int> port;       // --port (0 = any free port); else config
    std::optional<QString> listen; // --listen ADDRESS; else config (127.0.0.1)
    bool headless = false;
    bool minimized = false;
    // TSGDESK_SIO_PING_INTERVAL_MS and TSGDESK_SIO_PING_TIMEOUT_MS; else 25000 and 20000
    tsg::SocketIoAdapter::Heartbeat socketIoHeartbeat{};

    // Parses argv (QCommandLineParser). Handles --help and --version itself (prints, exits 0);
    // a bad value (also in the environment) prints the problem and exits 2.
    static AppOptions parse(const QStringList &arguments);
};
