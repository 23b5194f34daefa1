// MCP's Streamable HTTP transport at /mcp on the server's port: the same tools, resources and prompt as `tsgdesk mcp`
// (an McpService per session) for agents that connect by URL. It admits a request by its head (Host and Origin as
// the WebSocket's, the token as "Authorization: Bearer", method, Content-Type, body size) before any body is read,
// then answers the body: JSON-RPC requests on its own worker threads (they read the disk), one JSON reply each, no
// SSE. Knows no socket: the connection thread reads and writes the bytes.
#pragma once

#include "httprequesthead.h"
#include "jsonrpc.h"
#include "mcpsessions.h"

#include <QByteArray>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace tsg {

class AuthGate;
class SearchIndex;

class McpEndpoint {
public:
    // The largest POST body: an MCP request is a few hundred bytes.
    static constexpr qint64 kMaxBodyBytes = 1 << 20;
    // Requests of different sessions run in parallel on this many threads.
    static constexpr int kWorkerThreads = 4;

    // `dataRoot` is the data folder the sessions read; `index`, when given, answers their search tool (it must
    // outlive this endpoint), else each session reads the index files itself.
    McpEndpoint(const AuthGate &gate, QString dataRoot, SearchIndex *index = nullptr);
    // Waits for the requests that are running.
    ~McpEndpoint();

    // Whether the request head (up to its blank line) is for /mcp.
    static bool isMcpRequest(const QByteArray &head);

    struct Reply {
        QByteArray bytes{}; // status line, headers and body: written whole, then the connection closes
        int status = 0;
        QString refusal{}; // set when the reply counts as an admission failure (the slow-down): why, for the log
    };
    // A request head that does not parse.
    static Reply malformed();

    struct Admission {
        std::optional<Reply> refusal{}; // the answer, without reading the body
        qint64 bodyLength = 0;          // else: read this many bytes after the head, then call serve()
    };
    // Called on a connection thread; reads nothing from disk.
    Admission admit(const HttpRequestHead &head) const;
    // Answers an admitted request and its body. `done` is called once, at once or on a worker thread.
    void serve(const HttpRequestHead &head, const QByteArray &body, std::function<void(const Reply &)> done);

private:
    void initialize(const JsonRpc::Request &request, std::function<void(const Reply &)> done);

    const AuthGate &m_gate;
    const QString m_dataRoot;
    SearchIndex *m_index;
    McpSessions m_sessions;
    QThreadPool m_pool; // last: destroyed first, waiting for the requests that use the members above
};

} // namespace tsg
