#include "fileops.h"

#include <atomic>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace tsg {

namespace {

FileOps &realOps()
{
    static FileOps real;
    return real;
}

std::atomic<FileOps *> installed{nullptr};

} // namespace

ssize_t FileOps::write(int fd, const void *buf, size_t count)
{
    return ::write(fd, buf, count);
}

int FileOps::renameat2(int fromDir, const char *from, int toDir, const char *to, unsigned flags)
{
    return ::renameat2(fromDir, from, toDir, to, flags);
}

int FileOps::fsync(int fd)
{
    return ::fsync(fd);
}

int FileOps::fdatasync(int fd)
{
    return ::fdatasync(fd);
}

FileOps &FileOps::current()
{
    FileOps *ops = installed.load(std::memory_order_acquire);
    return ops ? *ops : realOps();
}

void FileOps::install(FileOps *ops)
{
    installed.store(ops, std::memory_order_release);
}

} // namespace tsg
