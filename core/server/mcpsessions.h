// The MCP sessions of the HTTP endpoint /mcp, by the Mcp-Session-Id issued at initialize: each is its own MCP server
// (McpService) with the protocol version it agreed on, so that two agents never share a negotiation. An agent's
// requests come on new TCP connections, on any connection thread: the table is thread-safe. Bounded: when it is
// full, a new session ends the one used least recently (whose client gets 404 and initializes again, as the MCP
// specification has it).
#pragma once

#include "mcpservice.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>

namespace tsg {

class McpSessions {
public:
    static constexpr int kMaxSessions = 32;

    struct Session {
        Session(const QString &dataRoot, const QString &version, LibraryView::Searcher searcher)
            : service(dataRoot, version, std::move(searcher))
        {}
        QMutex lock;               // held while a request runs: a session's requests run one at a time
        McpService service;        // with `lock` held
        QString protocolVersion{}; // agreed at initialize, set before the session is added, then never changed
    };

    // Adds `session` under a new id (128 random bits in hex), ending the least recently used session when
    // kMaxSessions are open. Returns the id.
    QString add(std::shared_ptr<Session> session);
    // The session `id`, or null for an unknown or ended one. Counts as a use.
    std::shared_ptr<Session> find(const QString &id);
    // Ends the session `id`; false when there is none.
    bool remove(const QString &id);
    int size() const;

private:
    struct Entry {
        std::shared_ptr<Session> session{};
        quint64 lastUsed = 0;
    };
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_sessions;
    quint64 m_uses = 0;
};

} // namespace tsg
