// The tsg:list:response every client asks for, serialised once per change of the library (the
// store's version and the active TSG), so a list of 1,000 TSGs costs a string copy, not a rebuild.
#pragma once

#include "library.h"

#include <QJsonValue>
#include <QMutex>
#include <QString>

namespace tsg {

class TsgListCache {
public:
    explicit TsgListCache(Library &library) : m_library(library) {}
    // The whole message, with requestId when it is not undefined.
    QString message(const QJsonValue &requestId = QJsonValue(QJsonValue::Undefined));

private:
    Library &m_library;
    QMutex m_mutex;
    quint64 m_version = 0;
    std::optional<QString> m_active;
    QString m_message; // the whole tsg:list:response, without requestId
};

} // namespace tsg
