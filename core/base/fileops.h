// The few system calls that put bytes and names on disk (write, renameat2, fsync, fdatasync), behind
// one narrow interface: production uses the real calls; a test installs a double that fails a chosen
// call (a full disk, an I/O error) or records the calls, without root and without LD_PRELOAD.
#pragma once

#include <sys/types.h>

namespace tsg {

class FileOps {
public:
    virtual ~FileOps() = default;
    // Same contract as the system calls: -1 and errno on failure.
    virtual ssize_t write(int fd, const void *buf, size_t count);
    virtual int renameat2(int fromDir, const char *from, int toDir, const char *to, unsigned flags);
    virtual int fsync(int fd);
    virtual int fdatasync(int fd);

    // The operations in force (the real system calls unless a test installed others).
    static FileOps &current();
    // Tests only: installs `ops` process-wide (nullptr restores the real calls). Not owned.
    static void install(FileOps *ops);
};

} // namespace tsg
