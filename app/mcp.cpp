#include "mcp.h"

#include "codexconfig.h"
#include "datafolder.h"
#include "mcpoptions.h"
#include "mcpservice.h"
#include "stdiochannel.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int serve(const McpOptions &options)
{
    // Nothing is read here: the view reads the folder on the first call, so that initialize is answered at once.
    tsg::McpService service(options.dataDir, QCoreApplication::applicationVersion());
    tsg::McpServer &server = service.server();
    tsg::StdioChannel channel(STDIN_FILENO, STDOUT_FILENO);
    while (const auto line = channel.readLine()) {
        std::optional<QByteArray> reply;
        if (*line == tsg::StdioChannel::tooLong())
            reply = tsg::JsonRpc::serialize(
                tsg::JsonRpc::error(QJsonValue::Null,
                                    {.code = tsg::JsonRpc::InvalidRequest,
                                     .message = QStringLiteral("Invalid request: a message of more than %1 bytes")
                                                    .arg(tsg::StdioChannel::kMaxLine)}));
        else
            reply = server.handleLine(*line);
        if (reply && !channel.write(*reply))
            break; // the client went away
    }
    return 0;
}

// --install-codex, --uninstall-codex: the [mcp_servers.tsgdesk] table of $CODEX_HOME/config.toml.
int editCodexConfig(const McpOptions &options)
{
    const tsg::CodexConfig config(tsg::DataFolder::resolve());
    const auto server = tsg::CodexConfig::serverFor(QCoreApplication::applicationFilePath(), options.dataDir);
    const bool install = options.action == McpOptions::Action::InstallCodex;
    const auto changed = install ? config.install(server) : config.uninstall();
    if (!changed.ok()) {
        std::fprintf(stderr, "tsgdesk mcp: %s\n", qPrintable(changed.error().message));
        return 1;
    }
    const QString file = config.file();
    switch (changed.value()) {
    case tsg::CodexConfig::Change::Added:
        std::printf("Added [mcp_servers.tsgdesk] to %s: codex starts `%s mcp` in its next session\n", qPrintable(file),
                    qPrintable(server.command));
        break;
    case tsg::CodexConfig::Change::Replaced:
        std::printf("Replaced [mcp_servers.tsgdesk] in %s\n", qPrintable(file));
        break;
    case tsg::CodexConfig::Change::Removed:
        std::printf("Removed [mcp_servers.tsgdesk] from %s\n", qPrintable(file));
        break;
    case tsg::CodexConfig::Change::Unchanged:
        std::printf(install ? "%s already has this [mcp_servers.tsgdesk]\n" : "%s has no [mcp_servers.tsgdesk]\n",
                    qPrintable(file));
        break;
    }
    return 0;
}

} // namespace

int runMcp(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN); // a client that closes our stdout ends the loop through write()'s error
    QCoreApplication app(argc, argv);
    // Warnings and info on stderr; the debug lines only when QT_LOGGING_RULES asks (it overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("tsgdesk.*.debug=false"));
    const McpOptions options = McpOptions::parse(app.arguments());
    switch (options.action) {
    case McpOptions::Action::Serve: return serve(options);
    case McpOptions::Action::InstallCodex:
    case McpOptions::Action::UninstallCodex: return editCodexConfig(options);
    }
    return 2;
}
