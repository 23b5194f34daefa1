// The MCP server's protocol side: the lifecycle (initialize and its version negotiation, ping) and the dispatch of
// each request to the tools, resources and prompts, one JSON-RPC line in, at most one reply line out. It neither
// reads nor writes a stream (StdioChannel does), so that it can be tested line by line.
#pragma once

#include "jsonrpc.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace tsg {

class PromptCatalog;
class ResourceCatalog;
class ToolRegistry;

class McpServer {
public:
    // The versions this server speaks, newest first: a client asking for one gets it, any other gets the first.
    static const QStringList &protocolVersions();

    struct Parts {
        const ToolRegistry &tools;
        const ResourceCatalog &resources;
        const PromptCatalog &prompts;
    };
    McpServer(Parts parts, QString version);

    // The reply to one line (without its '\n'), or nullopt for a notification or a client's reply.
    std::optional<QByteArray> handleLine(const QByteArray &line);
    // The reply to one parsed request (nullopt for a notification).
    std::optional<QJsonObject> handle(const JsonRpc::Request &request);

    // The version agreed at initialize; empty before.
    const QString &protocolVersion() const { return m_protocolVersion; }

private:
    using Answer = std::variant<QJsonObject, JsonRpc::Failure>;
    Answer dispatch(const QString &method, const QJsonObject &params);
    Answer initialize(const QJsonObject &params);
    Answer callTool(const QJsonObject &params);

    Parts m_parts;
    QString m_version;
    QString m_protocolVersion;
};

} // namespace tsg
