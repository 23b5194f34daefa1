#include "mcpsessions.h"

#include <QRandomGenerator>

namespace tsg {

namespace {

QString newSessionId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

QString McpSessions::add(std::shared_ptr<Session> session)
{
    QMutexLocker lock(&m_mutex);
    if (m_sessions.size() >= kMaxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it->lastUsed < oldest->lastUsed)
                oldest = it;
        m_sessions.erase(oldest);
    }
    QString id;
    do
        id = newSessionId();
    while (m_sessions.contains(id));
    m_sessions.insert(id, {.session = std::move(session), .lastUsed = ++m_uses});
    return id;
}

std::shared_ptr<McpSessions::Session> McpSessions::find(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return nullptr;
    it->lastUsed = ++m_uses;
    return it->session;
}

bool McpSessions::remove(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    return m_sessions.remove(id) > 0;
}

int McpSessions::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_sessions.size());
}

} // namespace tsg
