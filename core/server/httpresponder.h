// Plain HTTP on the WebSocket's port: the browser UI's files (WebAssets) for GET and HEAD, answered on
// the connection's own thread before any WebSocket handshake, with the security headers the page relies
// on, behind the same Host check as the WebSocket. Strict and small on purpose: one request per
// connection, no body, nothing but the assets compiled in. Pure logic, no sockets.
#pragma once

#include <QByteArray>

namespace tsg {

class AuthGate;
class WebAssets;

class HttpResponder {
public:
    // True when the request head (up to its blank line) asks for a WebSocket upgrade ("Upgrade:
    // websocket"): the connection goes on to the handshake, which checks the rest. Anything else is
    // answered by respond().
    static bool isWebSocketUpgrade(const QByteArray &head);

    struct Reply {
        QByteArray bytes{};       // status line, headers and body: written whole, then the connection closes
        int status = 0;           // 200, 304, 400, 403, 404, 405 or 505
        bool hostRefused = false; // a missing or foreign Host: counts as an admission failure (DNS rebinding)
    };
    // The answer to one request head (up to and including its blank line).
    static Reply respond(const QByteArray &head, const AuthGate &gate, const WebAssets &assets);

    // The Content-Security-Policy sent for a request to `host` (a Host header that passed the check):
    // scripts, styles and images from the server only, WebSockets to ws://host only, no framing.
    static QByteArray contentSecurityPolicy(const QByteArray &host);
};

} // namespace tsg
