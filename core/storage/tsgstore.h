// The TSGs on disk (tsgs/<name>/ with .metadata.json) and an in-memory index of their summaries,
// so listing never rescans every file. Thread-safe: every method may be called from any thread.
#pragma once

#include "batchwriter.h"
#include "datafolder.h"
#include "fileat.h"
#include "result.h"
#include "tsgtypes.h"

#include <QHash>
#include <QMutex>

#include <atomic>

#include <optional>

namespace tsg {

class Trash;
struct TsgCommitLog; // what a commit did so far (tsgstore.cpp)

// What an update of a TSG changes (tsg:update): a member left empty keeps what the TSG has.
struct TsgUpdate {
    std::optional<QString> newName{}; // the create rules; a change of case or normalisation only is a rename too
    std::optional<QString> description{};
    std::optional<QStringList> tags{};
    bool isEmpty() const { return !newName && !description && !tags; }
};

// What an update did: the TSG as it is now, and the (stored) name it had before.
struct TsgUpdated {
    TsgInfo tsg{};
    QString previousName{};
    bool renamed() const { return tsg.name != previousName; }
};

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
    // A trashed file (deleted, or replaced by an upload) goes back to its path in its TSG, or in the TSG named
    // newName when given (its TSG may have been renamed); Conflict when a file or folder is in its place now.
    // Returns the TSG as it is after the restore.
    Result<TsgInfo> restore(const QString &trashId, const QString &newName = {});

    // Renames the TSG and/or replaces its description and tags, all or nothing: the name rules and the
    // case-insensitive clash check of create(), the folder renamed, .metadata.json rewritten (updatedAt moves),
    // the index and its version updated. Invalid for an empty update or a bad name, NotFound for an unknown TSG,
    // Conflict when the new name is taken.
    Result<TsgUpdated> update(const QString &name, const TsgUpdate &change);
    // Moves one file of the TSG to the trash (a Kind::File entry that restore() brings back). `path` is taken as
    // uploads take it (NameRules::relativePath) and must name the file exactly; nothing on the way is followed if
    // it is a symbolic link. NotFound for an unknown TSG or file, Invalid for a bad path or a link, and for a
    // folder unless `what` allows one (then the folder goes with its files, as one entry with `folder` set).
    enum class Removable { FileOnly, FileOrFolder };
    Result<TrashEntry> removeFile(const QString &name, const QString &path, Removable what = Removable::FileOnly);

    // Moves (renames) the file or folder `from` to `to` within the TSG (tsg:move-file): both taken as uploads take
    // paths, the folders on the way to `to` made; never through a symbolic link. NotFound for an unknown TSG or
    // `from`, Conflict when something is at `to` (any case; a change of case only of `from` is a rename), Invalid
    // for a bad path, a link, or a folder into itself. The checksums move along. The TSG as it is afterwards.
    Result<TsgInfo> moveFile(const QString &name, const QString &from, const QString &to);
    // Makes the empty folder `path` (and those on the way); Conflict when something is there (tsg:make-folder).
    Result<TsgInfo> makeFolder(const QString &name, const QString &path);

    // The file `path` of the TSG `name` refers to, confined for a read (FileReader): NotFound for an unknown TSG,
    // Invalid for a path NameRules::relativePath refuses. The TSG's folder is opened without following a link.
    Result<FileAt> fileAt(const QString &name, const QString &path) const;

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
    Result<TsgInfo> restoreFile(const TrashEntry &entry, const QString &intoTsg); // no locking
    // An existing file or folder of a TSG, as its folder (opened without following a link) and its name there.
    struct Located {
        SafeDir parent;
        QString name;
        bool isFolder = false;
    };
    // Finds the TSG-relative `path` (already valid) in TSG `stored`: NotFound when it or a folder on the way is
    // missing; Invalid when any of them is a symbolic link, or it is neither a regular file nor a folder.
    static Result<Located> locate(const SafeDir &tsgsRoot, const QString &stored, const QString &path);
    // Renames a TSG folder in the tsgs folder, never over an existing one; a change of case or normalisation only
    // goes through a hidden temporary name, so that it works on a case-insensitive file system too.
    static Status renameFolder(const SafeDir &tsgsRoot, const QString &from, const QString &to);

    const DataFolder &m_folder;
    Trash &m_trash;
    mutable QMutex m_mutex;          // guards the index and structural changes
    QHash<QString, TsgInfo> m_index; // key: NameRules::foldKey(name)
    std::atomic<quint64> m_version{1};
};

} // namespace tsg
