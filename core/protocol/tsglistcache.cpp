#include "tsglistcache.h"

#include "wire.h"

#include <QJsonDocument>

namespace tsg {

QString TsgListCache::message(const QJsonValue &requestId)
{
    QString data;
    {
        QMutexLocker lock(&m_mutex);
        const quint64 version = m_library.tsgsVersion();
        const std::optional<QString> active = m_library.activeTsg();
        if (m_data.isEmpty() || version != m_version || active != m_active) {
            const QJsonObject list = Wire::tsgList(m_library.tsgs(), active);
            m_data = QString::fromUtf8(QJsonDocument(list.value(u"data").toObject()).toJson(QJsonDocument::Compact));
            m_version = version;
            m_active = active;
        }
        data = m_data;
    }
    return Wire::toText(QStringLiteral("{\"type\":\"tsg:list:response\",\"data\":") + data + u'}', requestId);
}

} // namespace tsg
