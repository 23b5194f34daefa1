// A disk that fails on demand, for tests: installed as tsg::FileOps while it lives, it records every
// write, rename, fsync and fdatasync (with the paths involved) and makes a chosen one fail with a
// chosen errno: the Nth matching call only (an I/O error), or that call and every later one (a disk
// that stays full). No root, no tmpfs, no LD_PRELOAD: it runs unprivileged and under ASan.
#pragma once

#include "fileops.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <unistd.h>

namespace testing {

class FaultyFileOps : public tsg::FileOps {
public:
    enum class Op { Write, Rename, Fsync, Fdatasync };
    struct Call {
        Op op;
        QString path; // the file or folder; for a rename, the source
        QString to;   // for a rename, the target
        bool failed = false;
    };

    FaultyFileOps() { tsg::FileOps::install(this); }
    ~FaultyFileOps() override { tsg::FileOps::install(nullptr); }
    FaultyFileOps(const FaultyFileOps &) = delete;
    FaultyFileOps &operator=(const FaultyFileOps &) = delete;

    // The `nth` (1-based) call of `op` whose path (or rename target) contains `pathPart` fails with
    // `err`; with `sticky`, every later matching call fails too.
    void failAt(Op op, int nth, int err, const QString &pathPart = {}, bool sticky = false)
    {
        QMutexLocker lock(&m_mutex);
        m_fault = Fault{op, nth, err, pathPart, sticky, 0};
    }
    // The disk works again (a retry after the fault is gone).
    void heal()
    {
        QMutexLocker lock(&m_mutex);
        m_fault.reset();
    }
    QList<Call> calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    void clearCalls()
    {
        QMutexLocker lock(&m_mutex);
        m_calls.clear();
    }
    int failures() const
    {
        QMutexLocker lock(&m_mutex);
        return int(std::count_if(m_calls.begin(), m_calls.end(), [](const Call &c) { return c.failed; }));
    }

    ssize_t write(int fd, const void *buf, size_t count) override
    {
        if (const int err = record({Op::Write, pathOf(fd), {}}))
            return failWith(err);
        return tsg::FileOps::write(fd, buf, count);
    }
    int renameat2(int fromDir, const char *from, int toDir, const char *to, unsigned flags) override
    {
        if (const int err = record({Op::Rename, pathOf(fromDir) + u'/' + QFile::decodeName(from),
                                    pathOf(toDir) + u'/' + QFile::decodeName(to)}))
            return failWith(err);
        return tsg::FileOps::renameat2(fromDir, from, toDir, to, flags);
    }
    int fsync(int fd) override
    {
        if (const int err = record({Op::Fsync, pathOf(fd), {}}))
            return failWith(err);
        return tsg::FileOps::fsync(fd);
    }
    int fdatasync(int fd) override
    {
        if (const int err = record({Op::Fdatasync, pathOf(fd), {}}))
            return failWith(err);
        return tsg::FileOps::fdatasync(fd);
    }

    // What "on disk before success" demands of the calls recorded since clearCalls(), as problems
    // (empty: all good): every file renamed out of the staging area or an upload folder was
    // fdatasync'ed before its rename; every folder a rename changed (source and target side, except
    // the staged batch folder, which goes) was fsync'ed after its last rename; so was each of
    // `mustSync` after the last staged file's rename (canonical paths: folders changed by a mkdir or
    // a removal, which are not recorded).
    QStringList durabilityProblems(const QStringList &mustSync) const
    {
        const QList<Call> all = calls();
        const auto isStaged = [](const QString &path) {
            return path.contains(u"/.tsgdesk/staging/") || path.contains(u"/.tsgdesk/uploads/");
        };
        const auto folderOf = [](const QString &path) { return path.left(path.lastIndexOf(u'/')); };
        const auto syncedAfter = [&all](Op op, const QString &path, qsizetype from, qsizetype to) {
            for (qsizetype j = from; j < to; ++j)
                if (all.at(j).op == op && all.at(j).path == path && !all.at(j).failed)
                    return true;
            return false;
        };
        QStringList problems;
        qsizetype lastRename = -1;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const Call &c = all.at(i);
            if (c.op != Op::Rename || c.failed)
                continue;
            if (isStaged(c.path))
                lastRename = i;
            if (isStaged(c.path) && !syncedAfter(Op::Fdatasync, c.path, 0, i))
                problems << QStringLiteral("not fdatasync'ed before its rename: %1").arg(c.path);
            QStringList folders{folderOf(c.to)};
            if (!isStaged(c.path))
                folders << folderOf(c.path);
            for (const QString &folder : folders)
                if (!syncedAfter(Op::Fsync, folder, i + 1, all.size()))
                    problems << QStringLiteral("folder not fsync'ed after a rename in it: %1").arg(folder);
        }
        if (lastRename < 0)
            problems << QStringLiteral("no staged file was renamed");
        for (const QString &folder : mustSync)
            if (!syncedAfter(Op::Fsync, folder, lastRename + 1, all.size()))
                problems << QStringLiteral("folder not fsync'ed after the last staged file's rename: %1").arg(folder);
        problems.removeDuplicates();
        return problems;
    }

    // The path an open descriptor refers to, as the kernel resolves it (symlinks in it resolved).
    static QString pathOf(int fd)
    {
        char buf[4096];
        const ssize_t n =
            ::readlink(QByteArray("/proc/self/fd/" + QByteArray::number(fd)).constData(), buf, sizeof buf);
        return n > 0 ? QFile::decodeName(QByteArray(buf, int(n))) : QString();
    }

private:
    struct Fault {
        Op op;
        int nth;
        int err;
        QString pathPart;
        bool sticky;
        int seen;
    };
    static int failWith(int err)
    {
        errno = err;
        return -1;
    }
    // Records the call; returns the errno to fail it with, or 0.
    int record(Call call)
    {
        QMutexLocker lock(&m_mutex);
        if (m_fault && m_fault->op == call.op
            && (m_fault->pathPart.isEmpty() || call.path.contains(m_fault->pathPart)
                || call.to.contains(m_fault->pathPart))) {
            ++m_fault->seen;
            call.failed = m_fault->seen == m_fault->nth || (m_fault->sticky && m_fault->seen > m_fault->nth);
        }
        const int err = call.failed ? m_fault->err : 0;
        m_calls.append(std::move(call));
        return err;
    }

    mutable QMutex m_mutex;
    std::optional<Fault> m_fault;
    QList<Call> m_calls;
};

// Every entry below `dir` (hidden ones too) with a file's bytes, or "<dir>" for a folder: what a failed
// operation must leave exactly as it was.
inline QMap<QString, QByteArray> treeSnapshot(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        out.insert(path.mid(dir.size() + 1),
                   it.fileInfo().isDir()
                       ? QByteArray("<dir>")
                       : (file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>")));
    }
    return out;
}

} // namespace testing
