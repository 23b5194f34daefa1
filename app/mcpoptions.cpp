#include "mcpoptions.h"

#include "datafolder.h"

#include <QCommandLineParser>

#include <cstdio>
#include <cstdlib>

McpOptions McpOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "tsgdesk mcp: the library for AI agents, as a Model Context Protocol server on stdin and stdout (read\n"
        "only; it runs whether or not TSG Desk is running). --install-codex registers it in codex's config.toml."));
    parser.addHelpOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Data folder (default: $CODEX_HOME, else ~/.codex)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption install(QStringLiteral("install-codex"),
                                     QStringLiteral("Add (or replace) [mcp_servers.tsgdesk] in $CODEX_HOME/config.toml "
                                                    "and exit."));
    const QCommandLineOption uninstall(QStringLiteral("uninstall-codex"),
                                       QStringLiteral("Remove [mcp_servers.tsgdesk] from $CODEX_HOME/config.toml and "
                                                      "exit."));
    parser.addOptions({dataDir, install, uninstall});
    QStringList args = arguments;
    if (args.size() > 1 && args.at(1) == u"mcp")
        args.removeAt(1);
    parser.process(args); // exits on --help and unknown options

    McpOptions o;
    o.dataDir = tsg::DataFolder::resolve(parser.value(dataDir));
    if (parser.isSet(install) && parser.isSet(uninstall)) {
        std::fprintf(stderr, "tsgdesk mcp: --install-codex and --uninstall-codex do opposite things: give one\n");
        std::exit(2);
    }
    if (parser.isSet(install))
        o.action = Action::InstallCodex;
    else if (parser.isSet(uninstall))
        o.action = Action::UninstallCodex;
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "tsgdesk mcp: unexpected argument '%s'\n",
                     qPrintable(parser.positionalArguments().first()));
        std::exit(2);
    }
    return o;
}
