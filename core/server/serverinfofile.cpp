#include "serverinfofile.h"

#include "privatefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace tsg {

Status ServerInfoFile::write(const QString &url, quint16 port, const QString &token)
{
    const QJsonObject info{{QStringLiteral("url"), url},
                           {QStringLiteral("port"), int(port)},
                           {QStringLiteral("token"), token},
                           {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    return writePrivateFile(m_path, QJsonDocument(info).toJson());
}

void ServerInfoFile::remove()
{
    QFile::remove(m_path);
}

} // namespace tsg
