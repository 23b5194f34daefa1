#include "tsglistcache.h"

#include "wire.h"

namespace tsg {

QString TsgListCache::message(const QJsonValue &requestId)
{
    QString message;
    {
        QMutexLocker lock(&m_mutex);
        const quint64 version = m_library.tsgsVersion();
        const std::optional<QString> active = m_library.activeTsg();
        if (m_message.isEmpty() || version != m_version || active != m_active) {
            const QJsonObject list = Wire::tsgList(m_library.tsgs(), active);
            m_message = Wire::toText(list);
            m_version = version;
            m_active = active;
        }
        message = m_message;
    }
    return Wire::toText(message, requestId);
}

} // namespace tsg
