// Who may use the server: a connection needs the user's token (?token= or "Authorization: Bearer"),
// and a browser connection an Origin on localhost (or the allow-list) and a Host naming this server
// (against DNS rebinding). Repeated failures slow further attempts down. Pure logic, no sockets.
#pragma once

#include <QList>
#include <QMutex>
#include <QNetworkRequest>
#include <QString>
#include <QStringList>

#include <functional>

namespace tsg {

class AuthGate {
public:
    // Milliseconds on a clock that never goes back; tests pass their own to step through the window.
    using Clock = std::function<qint64()>;
    static qint64 steadyNowMs();

    // The slow-down rule (docs/PROTOCOL.md): once kFailuresBeforeDelay failures fall within the last
    // kWindowMs, every new handshake is held kDelayMs before it is read.
    static constexpr int kFailuresBeforeDelay = 10;
    static constexpr qint64 kWindowMs = 60000;
    static constexpr int kDelayMs = 1000;

    AuthGate(QString listenAddress, QStringList allowedOrigins, Clock clock = &AuthGate::steadyNowMs);

    void setToken(const QString &token);
    void setPort(quint16 port);

    struct Verdict {
        bool ok = false;
        QString reason; // for the close frame and the log; never contains a token
    };
    // The whole check of a handshake: Host, Origin, token.
    Verdict check(const QNetworkRequest &request) const;
    // The check without the token: Host and Origin (a Socket.IO client presents its token later, in its
    // CONNECT packet).
    Verdict checkPeer(const QNetworkRequest &request) const;
    // The token the request presents (?token= or "Authorization: Bearer"), empty when none or repeated.
    static QString presentedToken(const QNetworkRequest &request);
    bool originAllowed(const QString &origin) const;
    bool hostAllowed(const QString &hostHeader) const;
    bool tokenMatches(const QString &presented) const;

    // Failure accounting: a refused token, Host or Origin, or a handshake that never came.
    void recordFailure();
    // kDelayMs while kFailuresBeforeDelay failures are at most kWindowMs old, else 0.
    int delayForNextAttemptMs() const;

private:
    QString m_listenAddress;
    QStringList m_allowedOrigins;
    Clock m_clock;
    mutable QMutex m_mutex;
    QByteArray m_token;
    quint16 m_port = 0;
    QList<qint64> m_failures; // the newest kFailuresBeforeDelay failure times: the rule needs no more
};

} // namespace tsg
