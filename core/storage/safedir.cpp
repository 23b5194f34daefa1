#include "safedir.h"

#include "fileops.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tsg {

namespace {

QByteArray encoded(const QString &name)
{
    return QFile::encodeName(name);
}

QString reason(int err)
{
    switch (err) {
    case ELOOP:
    case EMLINK: return QStringLiteral("is a symbolic link, which TSG Desk never follows");
    case ENOTDIR: return QStringLiteral("is not a folder");
    case ENOSPC:
    case EDQUOT: return QStringLiteral("the disk is full");
    default: return QString::fromLocal8Bit(std::strerror(err));
    }
}

Error ioError(const QString &what, int err)
{
    const ErrorKind kind = (err == ENOSPC || err == EDQUOT) ? ErrorKind::DiskFull : ErrorKind::Io;
    return Error::of(kind, QStringLiteral("%1: %2").arg(what, reason(err)));
}

bool isPlainName(const QString &name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/') && !name.contains(QChar(0));
}

} // namespace

SafeDir::~SafeDir()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

SafeDir::SafeDir(SafeDir &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

SafeDir &SafeDir::operator=(SafeDir &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Result<SafeDir> SafeDir::openRoot(const QString &absolutePath)
{
    const int fd = ::open(encoded(absolutePath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(absolutePath, errno);
    return SafeDir(fd, absolutePath);
}

Result<SafeDir> SafeDir::subdir(const QString &name, bool create) const
{
    const QString full = m_path + u'/' + name;
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid folder name: %1").arg(name));
    const QByteArray n = encoded(name);
    int fd = ::openat(m_fd, n.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        if (::mkdirat(m_fd, n.constData(), 0700) != 0 && errno != EEXIST)
            return ioError(full, errno);
        fd = ::openat(m_fd, n.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0)
        return ioError(full, errno);
    return SafeDir(fd, full);
}

Result<SafeDir> SafeDir::subpath(const QString &relativePath, bool create) const
{
    const QStringList parts = relativePath.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return Error::invalid(QStringLiteral("Invalid folder path: %1").arg(relativePath));
    Result<SafeDir> current = subdir(parts.first(), create);
    for (qsizetype i = 1; i < parts.size() && current.ok(); ++i)
        current = current.value().subdir(parts.at(i), create);
    return current;
}

Result<int> SafeDir::createFile(const QString &name, int mode) const
{
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid file name: %1").arg(name));
    const int fd =
        ::openat(m_fd, encoded(name).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0)
        return ioError(m_path + u'/' + name, errno);
    return fd;
}

Result<int> SafeDir::openFile(const QString &name, int flags) const
{
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid file name: %1").arg(name));
    const int fd = ::openat(m_fd, encoded(name).constData(), flags | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return ioError(m_path + u'/' + name, errno);
    return fd;
}

Result<int> SafeDir::openFileForReading(const QString &name) const
{
    return openFile(name, O_RDONLY);
}

Result<int> SafeDir::openFileForWriting(const QString &name) const
{
    return openFile(name, O_WRONLY);
}

Result<QByteArray> SafeDir::readFile(const QString &name, qint64 maxBytes) const
{
    const auto fd = openFileForReading(name);
    if (!fd.ok())
        return fd.error();
    QByteArray bytes;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd.value(), buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd.value());
            return ioError(m_path + u'/' + name, err);
        }
        if (n == 0)
            break;
        bytes.append(buf, n);
        if (bytes.size() > maxBytes) {
            ::close(fd.value());
            return Error::tooLarge(
                QStringLiteral("%1 is larger than %2 bytes").arg(m_path + u'/' + name).arg(maxBytes));
        }
    }
    ::close(fd.value());
    return bytes;
}

Status SafeDir::writeFileAtomic(const QString &name, const QByteArray &bytes) const
{
    const QString temp = QStringLiteral(".%1.%2.tmp").arg(name).arg(::getpid());
    ::unlinkat(m_fd, encoded(temp).constData(), 0);
    const auto fd = createFile(temp, 0644);
    if (!fd.ok())
        return fd.error();
    Status written = writeAll(fd.value(), bytes.constData(), bytes.size(), m_path + u'/' + name);
    if (written.ok() && FileOps::current().fsync(fd.value()) != 0)
        written = ioError(m_path + u'/' + name, errno);
    ::close(fd.value());
    if (written.ok())
        written = rename(temp, *this, name, false);
    if (!written.ok())
        ::unlinkat(m_fd, encoded(temp).constData(), 0);
    return written;
}

Result<std::optional<struct stat>> SafeDir::stat(const QString &name) const
{
    struct stat st {};
    if (::fstatat(m_fd, encoded(name).constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return std::optional<struct stat>();
        return ioError(m_path + u'/' + name, errno);
    }
    return std::optional<struct stat>(st);
}

bool SafeDir::exists(const QString &name) const
{
    const auto st = stat(name);
    return st.ok() && st.value().has_value();
}

Result<QStringList> SafeDir::entries() const
{
    const int fd = ::openat(m_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(m_path, errno);
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        const int err = errno;
        ::close(fd);
        return ioError(m_path, err);
    }
    QStringList names;
    while (const dirent *e = ::readdir(dir)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        names << QFile::decodeName(e->d_name);
    }
    ::closedir(dir);
    return names;
}

Status SafeDir::rename(const QString &name, const SafeDir &to, const QString &toName, bool noReplace) const
{
    if (!isPlainName(name) || !isPlainName(toName))
        return Error::invalid(QStringLiteral("Invalid name: %1").arg(isPlainName(name) ? toName : name));
    const QByteArray from = encoded(name);
    const QByteArray target = encoded(toName);
    const int rc = FileOps::current().renameat2(m_fd, from.constData(), to.m_fd, target.constData(),
                                                noReplace ? RENAME_NOREPLACE : 0);
    if (rc != 0) {
        if (errno == EEXIST)
            return Error::conflict(QStringLiteral("%1 already exists").arg(to.m_path + u'/' + toName));
        return ioError(m_path + u'/' + name, errno);
    }
    return {};
}

Status SafeDir::removeEmptyFolder(const QString &name) const
{
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid name: %1").arg(name));
    if (::unlinkat(m_fd, encoded(name).constData(), AT_REMOVEDIR) != 0)
        return ioError(m_path + u'/' + name, errno);
    return {};
}

Status SafeDir::syncFile(const QString &name) const
{
    const auto fd = openFileForReading(name);
    if (!fd.ok())
        return fd.error();
    const Status synced = syncData(fd.value(), m_path + u'/' + name);
    ::close(fd.value());
    return synced;
}

Status SafeDir::setModifiedTime(const QString &name, qint64 msSinceEpoch) const
{
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid name: %1").arg(name));
    struct timespec times[2];
    times[0].tv_sec = time_t(msSinceEpoch / 1000);
    times[0].tv_nsec = long(msSinceEpoch % 1000) * 1000000;
    times[1] = times[0];
    if (::utimensat(m_fd, QFile::encodeName(name).constData(), times, AT_SYMLINK_NOFOLLOW) != 0)
        return ioError(m_path + u'/' + name, errno);
    return {};
}

Status SafeDir::sync() const
{
    if (FileOps::current().fsync(m_fd) != 0)
        return ioError(m_path, errno);
    return {};
}

Result<qint64> SafeDir::removeTree(const QString &name) const
{
    if (!isPlainName(name))
        return Error::invalid(QStringLiteral("Invalid name: %1").arg(name));
    const auto st = stat(name);
    if (!st.ok())
        return st.error();
    if (!st.value())
        return qint64(0);
    const QByteArray n = encoded(name);
    if (!S_ISDIR(st.value()->st_mode)) { // files and symlinks: unlink the entry itself
        if (::unlinkat(m_fd, n.constData(), 0) != 0)
            return ioError(m_path + u'/' + name, errno);
        return S_ISREG(st.value()->st_mode) ? qint64(st.value()->st_size) : qint64(0);
    }
    auto dir = subdir(name);
    if (!dir.ok())
        return dir.error();
    const auto names = dir.value().entries();
    if (!names.ok())
        return names.error();
    qint64 freed = 0;
    for (const QString &child : names.value()) {
        const auto r = dir.value().removeTree(child);
        if (!r.ok())
            return r.error();
        freed += r.value();
    }
    if (::unlinkat(m_fd, n.constData(), AT_REMOVEDIR) != 0)
        return ioError(m_path + u'/' + name, errno);
    return freed;
}

Result<SafeDir::Usage> SafeDir::usage(Hidden hidden) const
{
    const auto names = entries();
    if (!names.ok())
        return names.error();
    Usage total;
    for (const QString &name : names.value()) {
        if (hidden == Hidden::Skip && name.startsWith(u'.'))
            continue;
        const auto st = stat(name);
        if (!st.ok() || !st.value())
            continue;
        if (S_ISREG(st.value()->st_mode)) {
            total.bytes += st.value()->st_size;
            ++total.files;
        } else if (S_ISDIR(st.value()->st_mode)) {
            const auto sub = subdir(name);
            if (!sub.ok())
                continue;
            const auto u = sub.value().usage(hidden);
            if (u.ok()) {
                total.bytes += u.value().bytes;
                total.files += u.value().files;
            }
        }
    }
    return total;
}

Status writeAll(int fd, const char *buf, qint64 size, const QString &what)
{
    while (size > 0) {
        const ssize_t n = FileOps::current().write(fd, buf, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(what, errno);
        }
        buf += n;
        size -= n;
    }
    return {};
}

Status syncData(int fd, const QString &what)
{
    if (FileOps::current().fdatasync(fd) != 0)
        return ioError(what, errno);
    return {};
}

} // namespace tsg
