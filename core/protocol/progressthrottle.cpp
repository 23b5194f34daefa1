#include "progressthrottle.h"

#include <algorithm>

namespace tsg {

bool ProgressThrottle::due(bool final)
{
    if (!final && msUntilDue() > 0)
        return false;
    m_sinceLast.start();
    return true;
}

qint64 ProgressThrottle::msUntilDue() const
{
    return m_sinceLast.isValid() ? std::max<qint64>(kIntervalMs - m_sinceLast.elapsed(), 0) : 0;
}

} // namespace tsg
