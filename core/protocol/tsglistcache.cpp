#include "tsglistcache.h"

#include "wire.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tsg {

QString TsgListCache::message(const QJsonValue &requestId)
{
    QString data;
    {
        QMutexLocker lock(&m_mutex);
        const quint64 version = m_library.store().version();
        const std::optional<QString> active = m_library.activeTsg();
        if (m_data.isEmpty() || version != m_version || active != m_active) {
            const QJsonObject list = Wire::tsgList(m_library.tsgs(), active);
            m_data = QString::fromUtf8(QJsonDocument(list.value(u"data").toObject()).toJson(QJsonDocument::Compact));
            m_version = version;
            m_active = active;
        }
        data = m_data;
    }
    QString out = QStringLiteral("{\"type\":\"tsg:list:response\",\"data\":") + data;
    if (!requestId.isUndefined()) {
        const QByteArray id = QJsonDocument(QJsonArray{requestId}).toJson(QJsonDocument::Compact);
        out += QStringLiteral(",\"requestId\":") + QString::fromUtf8(id.mid(1, id.size() - 2));
    }
    out += u'}';
    return out;
}

} // namespace tsg
