// Everything the server needs around a Library, for the headless process and the window alike:
// the token, the auth gate, the WebSocket server and server.json. One object to start and stop.
#pragma once

#include "authgate.h"
#include "library.h"
#include "serverinfofile.h"
#include "socketioadapter.h"
#include "tokenstore.h"
#include "wsserver.h"

#include <QObject>

#include <memory>
#include <optional>

namespace tsg {

class SearchIndex;

class ServerRuntime : public QObject {
    Q_OBJECT
public:
    struct Options {
        std::optional<QString> listen;                  // --listen, else config
        std::optional<int> port;                        // --port, else config
        SocketIoAdapter::Heartbeat socketIoHeartbeat{}; // TSGDESK_SIO_PING_*_MS, else 25 s and 20 s
    };

    // `index`, when given, answers tsg:search and must outlive the runtime.
    explicit ServerRuntime(Library &library, SearchIndex *index = nullptr, QObject *parent = nullptr);
    ~ServerRuntime() override;

    Status start(const Options &options);
    void stop(); // closes every connection, removes server.json

    bool isListening() const { return m_listening; }
    QString url() const;          // ws://127.0.0.1:PORT/
    QString urlWithToken() const; // ws://127.0.0.1:PORT/?token=…  (give it only to the user)
    QString token() const { return m_token; }
    // The browser UI with the token in the fragment, which a browser never sends to the server:
    // http://127.0.0.1:PORT/#token=…  (give it only to the user)
    QString browserUrl() const;
    QString mcpUrl() const; // http://127.0.0.1:PORT/mcp; the token goes in an Authorization: Bearer header
    int clientCount() const;
    Result<QString> regenerateToken();
    WsServer &server() { return *m_server; }

signals:
    void clientCountChanged(int count);
    void tokenChanged();

private:
    Library &m_library;
    SearchIndex *m_index;
    TokenStore m_tokens;
    ServerInfoFile m_info;
    std::unique_ptr<AuthGate> m_gate;
    std::unique_ptr<WsServer> m_server;
    QString m_token;
    QString m_host;
    bool m_listening = false;
};

} // namespace tsg
