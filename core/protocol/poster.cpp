#include "poster.h"

namespace tsg {

void Poster::post(std::function<void()> f)
{
    QMutexLocker lock(&m_mutex);
    if (m_target)
        QMetaObject::invokeMethod(m_target, std::move(f), Qt::QueuedConnection);
}

void Poster::close()
{
    QMutexLocker lock(&m_mutex);
    m_target = nullptr;
}

} // namespace tsg
