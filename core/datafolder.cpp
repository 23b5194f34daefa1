#include "datafolder.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace tsg {

QString DataFolder::resolve(const QString &explicitDir)
{
    QString dir = explicitDir;
    if (dir.isEmpty())
        dir = qEnvironmentVariable("CODEX_HOME");
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.codex");
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

DataFolder::DataFolder(QString root) : m_root(QDir::cleanPath(std::move(root))) {}

QString DataFolder::configFile() const { return m_root + QStringLiteral("/config.json"); }
QString DataFolder::tsgsDir() const { return m_root + QStringLiteral("/tsgs"); }
QString DataFolder::sessionsDir() const { return m_root + QStringLiteral("/sessions"); }
QString DataFolder::stateDir() const { return m_root + QStringLiteral("/.tsgdesk"); }
QString DataFolder::stagingDir() const { return stateDir() + QStringLiteral("/staging"); }
QString DataFolder::trashDir() const { return stateDir() + QStringLiteral("/trash"); }
QString DataFolder::serverInfoFile() const { return m_root + QStringLiteral("/server.json"); }
QString DataFolder::lockFile() const { return stateDir() + QStringLiteral("/tsgdesk.lock"); }

Status DataFolder::ensureLayout() const
{
    for (const QString &dir : {m_root, tsgsDir(), sessionsDir(), stateDir(), stagingDir(), trashDir()}) {
        if (QFileInfo(dir).isDir())
            continue;
        // mkdir with 0700: folders we create are readable by the user only.
        if (!QDir().mkpath(dir) || ::chmod(QFile::encodeName(dir).constData(), 0700) != 0)
            return Error::io(QStringLiteral("Cannot create the folder %1").arg(dir));
    }
    return {};
}

Result<std::unique_ptr<DataFolder>> DataFolder::open(const QString &root)
{
    auto folder = std::make_unique<DataFolder>(root);
    if (const auto s = folder->ensureLayout(); !s.ok())
        return s.error();
    folder->m_lock = std::make_unique<QLockFile>(folder->lockFile());
    folder->m_lock->setStaleLockTime(0); // a lock left by a dead process is taken over, a live one never
    if (!folder->m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        folder->m_lock->getLockInfo(&pid, &host, &app);
        if (folder->m_lock->error() == QLockFile::LockFailedError)
            return Error::busy(QStringLiteral("The data folder %1 is in use by another TSG Desk (pid %2): only one "
                                              "process may write to it").arg(folder->m_root).arg(pid));
        return Error::io(QStringLiteral("Cannot lock the data folder %1").arg(folder->m_root));
    }
    qCInfo(lcLibrary) << "data folder" << folder->m_root;
    return folder;
}

} // namespace tsg
