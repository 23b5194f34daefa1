// The command line of `tsgdesk mcp`: --data-dir, and --install-codex / --uninstall-codex instead of serving.
#pragma once

#include <QString>
#include <QStringList>

struct McpOptions {
    enum class Action { Serve, InstallCodex, UninstallCodex };
    QString dataDir; // resolved as the app resolves it: --data-dir, else $CODEX_HOME, else ~/.codex
    Action action = Action::Serve;

    // Parses argv ("tsgdesk mcp …"; QCommandLineParser). Handles --help itself (prints to stdout, exits 0); an
    // unknown option exits 1 (QCommandLineParser), both --install-codex and --uninstall-codex or an argument 2.
    static McpOptions parse(const QStringList &arguments);
};
