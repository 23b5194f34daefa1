// The server's access token: 256 bits from the system CSPRNG, generated once per data folder and
// kept in <data>/.tsgdesk/token (mode 0600), so a bookmarked URL keeps working until regenerated.
#pragma once

#include "result.h"

#include <QString>

namespace tsg {

class TokenStore {
public:
    explicit TokenStore(QString path);
    // The stored token, or a new one (stored) when there is none or it is malformed.
    Result<QString> loadOrCreate();
    // A new token, stored; the old one stops working for new connections.
    Result<QString> regenerate();

    static QString generate();

private:
    QString m_path;
};

} // namespace tsg
