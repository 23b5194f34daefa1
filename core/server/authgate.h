// Who may use the server: a connection needs the user's token (?token= or "Authorization: Bearer"),
// and a browser connection an Origin on localhost (or the allow-list) and a Host naming this server
// (against DNS rebinding). Repeated failures slow further attempts down. Pure logic, no sockets.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QNetworkRequest>
#include <QString>
#include <QStringList>

namespace tsg {

class AuthGate {
public:
    AuthGate(QString listenAddress, QStringList allowedOrigins);

    void setToken(const QString &token);
    void setPort(quint16 port);

    struct Verdict {
        bool ok = false;
        QString reason; // for the close frame and the log; never contains a token
    };
    // The whole check of a handshake: Host, Origin, token.
    Verdict check(const QNetworkRequest &request) const;
    bool originAllowed(const QString &origin) const;
    bool hostAllowed(const QString &hostHeader) const;
    bool tokenMatches(const QString &presented) const;

    // Failure accounting: after 10 failures within a minute, further attempts wait a while.
    void recordFailure();
    int delayForNextAttemptMs() const;

private:
    QString m_listenAddress;
    QStringList m_allowedOrigins;
    mutable QMutex m_mutex;
    QByteArray m_token;
    quint16 m_port = 0;
    QList<QDateTime> m_failures;
};

} // namespace tsg
