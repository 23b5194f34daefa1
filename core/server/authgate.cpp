#include "authgate.h"

#include <QUrl>
#include <QUrlQuery>

#include <chrono>

#include <openssl/crypto.h>

namespace tsg {

namespace {

bool isLoopbackName(const QString &host)
{
    return host == u"localhost" || host == u"127.0.0.1" || host == u"[::1]" || host == u"::1";
}

} // namespace

qint64 AuthGate::steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

AuthGate::AuthGate(QString listenAddress, QStringList allowedOrigins, Clock clock)
    : m_listenAddress(std::move(listenAddress)), m_allowedOrigins(std::move(allowedOrigins)), m_clock(std::move(clock))
{}

void AuthGate::setToken(const QString &token)
{
    QMutexLocker lock(&m_mutex);
    m_token = token.toUtf8();
}

void AuthGate::setPort(quint16 port)
{
    QMutexLocker lock(&m_mutex);
    m_port = port;
}

bool AuthGate::tokenMatches(const QString &presented) const
{
    QMutexLocker lock(&m_mutex);
    const QByteArray p = presented.toUtf8();
    if (m_token.isEmpty() || p.size() != m_token.size())
        return false;
    return CRYPTO_memcmp(p.constData(), m_token.constData(), size_t(p.size())) == 0; // constant time
}

bool AuthGate::originAllowed(const QString &origin) const
{
    if (origin.isEmpty())
        return true; // not a browser: the token decides
    if (m_allowedOrigins.contains(origin))
        return true;
    const QUrl url(origin, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || !url.path().isEmpty()
        || !url.userInfo().isEmpty())
        return false; // "null", file://, chrome-extension://, …
    const QString host = url.host();
    return host == u"localhost" || host == u"127.0.0.1" || host == u"::1";
}

bool AuthGate::hostAllowed(const QString &hostHeader) const
{
    quint16 port;
    {
        QMutexLocker lock(&m_mutex);
        port = m_port;
    }
    const qsizetype colon = hostHeader.lastIndexOf(u':');
    if (colon <= 0 || hostHeader.endsWith(u']'))
        return false; // the port is required: browsers always send it for a non-default port
    const QString host = hostHeader.left(colon).toLower();
    bool ok = false;
    const uint p = hostHeader.mid(colon + 1).toUInt(&ok);
    if (!ok || p != port)
        return false;
    if (isLoopbackName(host))
        return true;
    const QString listen = m_listenAddress.contains(u':') ? u'[' + m_listenAddress + u']' : m_listenAddress;
    return !m_listenAddress.isEmpty() && host == listen.toLower();
}

AuthGate::Verdict AuthGate::checkPeer(const QNetworkRequest &request) const
{
    // Host: the raw header, and the host Qt derived for the URL, must agree (a duplicated Host with
    // two values makes them differ) and name this server.
    const QString rawHost = QString::fromLatin1(request.rawHeader("Host")).trimmed();
    if (rawHost.isEmpty())
        return {false, QStringLiteral("Missing Host header")};
    if (!hostAllowed(rawHost))
        return {false, QStringLiteral("Host '%1' is not this server").arg(rawHost.left(100))};
    const QUrl url = request.url();
    const QString urlHost = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    if (!urlHost.isEmpty() && QStringLiteral("%1:%2").arg(urlHost).arg(url.port()) != rawHost.toLower())
        return {false, QStringLiteral("Conflicting Host headers")};

    const QString origin = QString::fromUtf8(request.rawHeader("Origin")).trimmed();
    if (request.hasRawHeader("Origin") && (origin.isEmpty() || !originAllowed(origin)))
        return {false, QStringLiteral("Origin '%1' is not allowed").arg(origin.left(100))};
    return {true, {}};
}

QString AuthGate::presentedToken(const QNetworkRequest &request)
{
    const QUrlQuery query(request.url());
    const QStringList tokens = query.allQueryItemValues(QStringLiteral("token"), QUrl::FullyDecoded);
    if (tokens.size() == 1)
        return tokens.first();
    if (tokens.size() > 1)
        return {};
    const QByteArray auth = request.rawHeader("Authorization").trimmed();
    if (auth.startsWith("Bearer "))
        return QString::fromUtf8(auth.mid(7)).trimmed();
    return {};
}

AuthGate::Verdict AuthGate::check(const QNetworkRequest &request) const
{
    if (Verdict peer = checkPeer(request); !peer.ok)
        return peer;
    const QUrlQuery query(request.url());
    if (query.allQueryItemValues(QStringLiteral("token"), QUrl::FullyDecoded).size() > 1)
        return {false, QStringLiteral("Repeated token parameter")};
    const QString presented = presentedToken(request);
    if (presented.isEmpty())
        return {false, QStringLiteral("Missing token")};
    if (!tokenMatches(presented))
        return {false, QStringLiteral("Wrong token")};
    return {true, {}};
}

void AuthGate::recordFailure()
{
    QMutexLocker lock(&m_mutex);
    m_failures.append(m_clock());
    if (m_failures.size() > kFailuresBeforeDelay)
        m_failures.removeFirst();
}

int AuthGate::delayForNextAttemptMs() const
{
    QMutexLocker lock(&m_mutex);
    // The oldest of the last kFailuresBeforeDelay failures decides: all of them are in the window or not.
    if (m_failures.size() < kFailuresBeforeDelay || m_clock() - m_failures.first() > kWindowMs)
        return 0;
    return kDelayMs;
}

} // namespace tsg
