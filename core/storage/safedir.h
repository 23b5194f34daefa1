// A directory opened by file descriptor. Every name below it is opened relative to its parent with
// O_NOFOLLOW, so nothing is ever written through, or deleted across, a symbolic link, even when a
// folder is swapped for a link while we work (openat-style traversal, as the kernel intends).
#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <sys/stat.h>

namespace tsg {

class SafeDir {
public:
    SafeDir() = default;
    ~SafeDir();
    SafeDir(SafeDir &&other) noexcept;
    SafeDir &operator=(SafeDir &&other) noexcept;
    SafeDir(const SafeDir &) = delete;
    SafeDir &operator=(const SafeDir &) = delete;

    // Opens a trusted absolute path (the data folder and its fixed subfolders).
    static Result<SafeDir> openRoot(const QString &absolutePath);

    bool isValid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    const QString &path() const { return m_path; } // for messages and logs only

    // One name (no '/'): opens it as a directory, refusing symlinks; creates it (0700) if asked.
    Result<SafeDir> subdir(const QString &name, bool create = false) const;
    // A '/'-separated relative path, segment by segment, each refusing symlinks.
    Result<SafeDir> subpath(const QString &relativePath, bool create = false) const;

    // Creates a new file (O_EXCL|O_NOFOLLOW, 0600 unless given); returns its fd, owned by the caller.
    Result<int> createFile(const QString &name, int mode = 0600) const;
    // Opens an existing regular file for reading, refusing symlinks; returns an owned fd.
    Result<int> openFileForReading(const QString &name) const;
    // Opens an existing regular file for writing (no truncation), refusing symlinks; returns an owned fd.
    Result<int> openFileForWriting(const QString &name) const;

    // Reads a small regular file (metadata) without following links; at most maxBytes.
    Result<QByteArray> readFile(const QString &name, qint64 maxBytes = 16 << 20) const;
    // Replaces `name` atomically with `bytes`: a temporary file in this folder, then renameat.
    Status writeFileAtomic(const QString &name, const QByteArray &bytes) const;

    // lstat of a name: nullopt when it does not exist.
    Result<std::optional<struct stat>> stat(const QString &name) const;
    bool exists(const QString &name) const;

    // Entry names (without "." and ".."), unsorted.
    Result<QStringList> entries() const;

    // renameat: moves `name` here to `toName` in `to`. With noReplace, refuses an existing target.
    Status rename(const QString &name, const SafeDir &to, const QString &toName, bool noReplace = true) const;

    // Removes the folder `name` if it is empty (rmdir); anything in it keeps it.
    Status removeEmptyFolder(const QString &name) const;

    // fdatasync of the regular file `name`: its bytes are on disk, not just in the page cache.
    Status syncFile(const QString &name) const;
    // Sets the modification (and access) time of the file `name` (never through a symbolic link), in
    // milliseconds since the epoch.
    Status setModifiedTime(const QString &name, qint64 msSinceEpoch) const;
    // fsync of this folder: the names created, renamed or removed in it survive a power cut.
    Status sync() const;

    // Removes `name` and, if it is a folder, everything below it; never follows a symlink
    // (a link is removed as a link). Returns the bytes freed (regular files only).
    Result<qint64> removeTree(const QString &name) const;

    // Total bytes and file count below (symlinks not followed, hidden entries counted).
    struct Usage {
        qint64 bytes = 0;
        int files = 0;
    };
    // What the tree below holds; with Hidden::Skip, without the names that start with '.' (a TSG's metadata
    // and checksums), as the TSG listing counts.
    enum class Hidden { Count, Skip };
    Result<Usage> usage(Hidden hidden = Hidden::Count) const;

private:
    Result<int> openFile(const QString &name, int flags) const; // adds O_NOFOLLOW | O_CLOEXEC
    SafeDir(int fd, QString path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    QString m_path;
};

// Writes all of buf to fd (retrying short writes); a full disk is a clear error naming `what`.
Status writeAll(int fd, const char *buf, qint64 size, const QString &what);
// fdatasync of fd (a delayed write can still find the disk full here), with the same clear errors.
Status syncData(int fd, const QString &what);

} // namespace tsg
