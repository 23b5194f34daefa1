// The command line: --data-dir, --port, --listen, --headless, --minimized, --version, --help.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

struct AppOptions {
    QString dataDir;               // resolved: --data-dir, else $CODEX_HOME, else ~/.codex
    std::optional<int> port;       // --port (0 = any free port); else config
    std::optional<QString> listen; // --listen ADDRESS; else config (127.0.0.1)
    bool headless = false;
    bool minimized = false;

    // Parses argv (QCommandLineParser). Handles --help and --version itself (prints, exits 0);
    // a bad value prints the problem and exits 2.
    static AppOptions parse(const QStringList &arguments);
};
