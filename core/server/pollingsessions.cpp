#include "pollingsessions.h"

namespace tsg {

bool PollingSessions::add(const QString &sid, Entry entry)
{
    QMutexLocker lock(&m_mutex);
    if (m_sessions.size() >= kMaxSessions)
        return false;
    m_sessions.insert(sid, std::move(entry));
    return true;
}

void PollingSessions::remove(const QString &sid)
{
    QMutexLocker lock(&m_mutex);
    m_sessions.remove(sid);
}

PollingSessions::Entry PollingSessions::find(const QString &sid) const
{
    QMutexLocker lock(&m_mutex);
    return m_sessions.value(sid);
}

} // namespace tsg
