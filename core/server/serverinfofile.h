// <data>/server.json {url, port, token, pid} while the server listens, so a browser UI or an agent
// can find it; 0600, created fresh (never through a planted link), removed on a clean exit.
#pragma once

#include "result.h"

#include <QString>

namespace tsg {

class ServerInfoFile {
public:
    explicit ServerInfoFile(QString path) : m_path(std::move(path)) {}
    Status write(const QString &url, quint16 port, const QString &token);
    void remove();
    const QString &path() const { return m_path; }

private:
    QString m_path;
};

} // namespace tsg
