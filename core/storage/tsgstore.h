// The TSGs on disk (tsgs/<name>/ with .metadata.json) and an in-memory index of their summaries,
// so listing never rescans every file. Thread-safe: every method may be called from any thread.
#pragma once

#include "batchwriter.h"
#include "datafolder.h"
#include "result.h"
#include "tsgtypes.h"

#include <QHash>
#include <QMutex>

#include <atomic>

#include <optional>

namespace tsg {

class Trash;
struct TsgCommitLog; // what a commit did so far (tsgstore.cpp)

class TsgStore {
public:
    TsgStore(const DataFolder &folder, Trash &trash);

    // Builds the index from disk (start-up, or after changes made outside TSG Desk).
    Status rescan();

    // The summaries, sorted by name; no disk access.
    QList<TsgInfo> list() const;
    std::optional<TsgInfo> info(const QString &name) const;
    // The stored (NFC, existing) name that `name` refers to, matching case-insensitively.
    std::optional<QString> resolve(const QString &name) const;

    Result<TsgInfo> create(const QString &name, const QString &description = {}, const QStringList &tags = {});
    // Moves the TSG to the trash; the returned entry can be restored.
    Result<TrashEntry> remove(const QString &name);
    // Brings a trashed TSG back under its name, or under newName when given (or when its name is taken).
    Result<TsgInfo> restore(const QString &trashId, const QString &newName = {});

    // Recursive listing: folders as isDirectory entries, hidden entries skipped. Refreshes the index.
    Result<QList<FileEntry>> files(const QString &name);

    // Moves a staged batch into the TSG. A path colliding with an existing file on case or
    // normalisation is refused (naming the existing file); the exact same path replaces the file
    // and the old version goes to the trash. All or nothing: when a step fails, what was done is
    // undone (files back to staging, replaced files back from the trash, new folders removed).
    // Durable: the staged files are fdatasync'ed before the first rename, every changed folder
    // (TSG folder, its subfolders, the trash) fsync'ed before it returns.
    Result<QList<FileEntry>> commit(const QString &name, StagedBatch &batch);
    // Checks the collisions commit() would refuse, before any byte is written.
    Status checkCollisions(const QString &name, const QStringList &paths) const;

    // Cleanup hook: names of all TSGs (for a live-content guard).
    QStringList names() const;

    // Moves on every change of the index: a cheap way to know whether a cached list is still good.
    quint64 version() const { return m_version.load(); }

private:
    Status moveIn(const SafeDir &root, const QString &stored, StagedBatch &batch, TsgCommitLog &log);
    Status syncChanged(const SafeDir &root, const QString &stored, const TsgCommitLog &log) const;
    Status rollBack(const SafeDir &root, const QString &stored, StagedBatch &batch, const TsgCommitLog &log);
    Result<TsgInfo> readInfo(const QString &name) const;
    Status collisionsIn(const QString &storedName, const QStringList &paths) const; // no locking
    Status writeMetadata(const SafeDir &tsgDir, const TsgInfo &info) const;

    const DataFolder &m_folder;
    Trash &m_trash;
    mutable QMutex m_mutex;          // guards the index and structural changes
    QHash<QString, TsgInfo> m_index; // key: NameRules::foldKey(name)
    std::atomic<quint64> m_version{1};
};

} // namespace tsg
