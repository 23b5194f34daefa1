#include "datafolder.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace tsg {

namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// Makes one folder of the layout: created 0700 when missing; an existing folder is kept as it is.
// A layout folder that is a symbolic link is refused (nothing is written through a link); the
// root itself may be a link (a user may keep ~/.codex on another disk).
Status ensureFolder(const QString &dir, bool isRoot)
{
    const QByteArray path = QFile::encodeName(dir);
    struct stat st {};
    if (::lstat(path.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return {};
        if (S_ISLNK(st.st_mode)) {
            if (isRoot && QFileInfo(dir).isDir())
                return {};
            return Error::io(QStringLiteral("Cannot use the folder %1: it is a symbolic link, which TSG Desk never "
                                            "follows")
                                 .arg(dir));
        }
        return Error::io(
            QStringLiteral("Cannot use the folder %1: something that is not a folder is in the way").arg(dir));
    }
    if (const int err = errno; err != ENOENT)
        return Error::io(QStringLiteral("Cannot use the folder %1: %2").arg(dir, errnoText(err)));
    // The parents of the root are ordinary folders of the user's; only our own folders get 0700.
    if (isRoot) {
        const QString parent = QFileInfo(dir).absolutePath();
        if (!QDir().mkpath(parent))
            return Error::io(QStringLiteral("Cannot create the folder %1").arg(parent));
    }
    if (::mkdir(path.constData(), 0700) != 0) {
        const int err = errno;
        if (err == EEXIST) // made meanwhile by someone else: check it as an existing folder
            return ensureFolder(dir, isRoot);
        return Error::io(QStringLiteral("Cannot create the folder %1: %2").arg(dir, errnoText(err)));
    }
    // mkdir's mode passes through the umask: make sure a folder we created is ours alone.
    if (::chmod(path.constData(), 0700) != 0) {
        const int err = errno;
        return Error::io(QStringLiteral("Cannot set the permissions of %1: %2").arg(dir, errnoText(err)));
    }
    return {};
}

} // namespace

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

QString DataFolder::configFile() const
{
    return m_root + QStringLiteral("/config.json");
}
QString DataFolder::tsgsDir() const
{
    return m_root + QStringLiteral("/tsgs");
}
QString DataFolder::sessionsDir() const
{
    return m_root + QStringLiteral("/sessions");
}
QString DataFolder::stateDir() const
{
    return m_root + QStringLiteral("/.tsgdesk");
}
QString DataFolder::stagingDir() const
{
    return stateDir() + QStringLiteral("/staging");
}
QString DataFolder::trashDir() const
{
    return stateDir() + QStringLiteral("/trash");
}
QString DataFolder::uploadsDir() const
{
    return stateDir() + QStringLiteral("/uploads");
}
QString DataFolder::serverInfoFile() const
{
    return m_root + QStringLiteral("/server.json");
}
QString DataFolder::lockFile() const
{
    return stateDir() + QStringLiteral("/tsgdesk.lock");
}

Status DataFolder::ensureLayout() const
{
    if (const auto root = ensureFolder(m_root, true); !root.ok())
        return root;
    for (const QString &dir : {tsgsDir(), sessionsDir(), stateDir(), stagingDir(), trashDir(), uploadsDir()}) {
        if (const auto made = ensureFolder(dir, false); !made.ok())
            return made;
    }
    return {};
}

Result<std::unique_ptr<DataFolder>> DataFolder::open(const QString &root)
{
    auto folder = std::make_unique<DataFolder>(root);
    if (const auto s = folder->ensureLayout(); !s.ok())
        return s.error();
    folder->m_lock = std::make_unique<QLockFile>(folder->lockFile());
    // No age limit: a lock is stale only when the process that holds it is gone (QLockFile checks
    // the pid on this host and then removes the file); a live holder is never pushed aside.
    folder->m_lock->setStaleLockTime(0);
    if (!folder->m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        const bool known = folder->m_lock->getLockInfo(&pid, &host, &app);
        if (folder->m_lock->error() == QLockFile::LockFailedError) {
            const QString holder = known
                ? QStringLiteral("pid %1%2").arg(pid).arg(host.isEmpty() ? QString() : QStringLiteral(" on ") + host)
                : QStringLiteral("pid unknown");
            return Error::busy(QStringLiteral("The data folder %1 is in use by another TSG Desk (%2): only one "
                                              "process may write to it. Close it, or choose another folder.")
                                   .arg(folder->m_root, holder));
        }
        return Error::io(QStringLiteral("Cannot lock the data folder %1 (%2): %3")
                             .arg(folder->m_root, folder->lockFile(),
                                  folder->m_lock->error() == QLockFile::PermissionError
                                      ? QStringLiteral("permission denied")
                                      : QStringLiteral("unknown error")));
    }
    qCInfo(lcLibrary) << "data folder" << folder->m_root;
    return folder;
}

} // namespace tsg
