#include "privatefile.h"

#include "safedir.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tsg {

Status writePrivateFile(const QString &path, const QByteArray &bytes)
{
    const QByteArray p = QFile::encodeName(path);
    if (::unlink(p.constData()) != 0 && errno != ENOENT)
        return Error::io(
            QStringLiteral("Cannot replace %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const int fd = ::open(p.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error::io(
            QStringLiteral("Cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    Status written = writeAll(fd, bytes.constData(), bytes.size(), path);
    ::close(fd);
    if (!written.ok())
        ::unlink(p.constData());
    return written;
}

} // namespace tsg
