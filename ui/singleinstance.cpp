#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

namespace tsg {

QString SingleInstance::serverName(const QString &dataDir)
{
    const QString canonical = QFileInfo(dataDir).canonicalFilePath();
    const QString path = QDir::cleanPath(canonical.isEmpty() ? QFileInfo(dataDir).absoluteFilePath() : canonical);
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(20);
    return QStringLiteral("tsgdesk-%1").arg(QString::fromLatin1(hash));
}

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent) : QObject(parent), m_name(serverName(dataDir))
{}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

bool SingleInstance::askRunningToShow(int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write("show\n");
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The running instance answers "ok" once it has taken the request.
    return socket.waitForReadyRead(timeoutMs) && socket.readAll().startsWith("ok");
}

bool SingleInstance::listen()
{
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *s = m_server->nextPendingConnection()) {
                connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QLocalSocket::readyRead, this, [this, s] {
                    if (!s->canReadLine())
                        return;
                    if (s->readLine().trimmed() == "show") {
                        s->write("ok\n");
                        s->flush();
                        emit showRequested();
                    }
                    s->disconnectFromServer();
                });
            }
        });
    }
    if (m_server->listen(m_name))
        return true;
    // A socket file left by a crashed instance: nobody answered above, so it is stale.
    QLocalServer::removeServer(m_name);
    return m_server->listen(m_name);
}

QString SingleInstance::errorString() const
{
    return m_server ? m_server->errorString() : QString();
}

} // namespace tsg
