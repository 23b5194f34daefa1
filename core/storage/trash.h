// The trash inside the data folder (.tsgdesk/trash/<id>/): deleted TSGs and files replaced by an
// upload, kept until cleanup purges them, so a delete or an overwrite can be undone.
#pragma once

#include "datafolder.h"
#include "result.h"
#include "safedir.h"
#include "tsgtypes.h"

#include <QMutex>

namespace tsg {

class Trash {
public:
    explicit Trash(const DataFolder &folder);

    // Moves `name` from `from` into a new trash entry. For a TSG, `name` is the TSG folder.
    Result<TrashEntry> put(const SafeDir &from, const QString &name, TrashEntry::Kind kind, const QString &tsgName,
                           const QString &path = {}, TrashEntry::Cause cause = TrashEntry::Cause::Deleted);
    // Moves an entry's content back to `to`/`toName` (which must not exist) and removes the entry.
    Status takeBack(const QString &id, const SafeDir &to, const QString &toName);

    // fsync of one entry's folder (its content arrived by rename), or without an id of the trash
    // folder itself (entries created or removed): they survive a power cut.
    Status sync(const QString &id = {}) const;

    Result<QList<TrashEntry>> list() const;
    Result<TrashEntry> entry(const QString &id) const;

    // Removes entries deleted before `cutoff`; returns how many and the bytes freed.
    struct Purged {
        int entries = 0;
        qint64 bytes = 0;
    };
    Result<Purged> purgeOlderThan(const QDateTime &cutoff);
    // Removes one entry for good (NotFound for an unknown id), or every entry.
    Result<Purged> purge(const QString &id);
    Result<Purged> purgeAll();

private:
    Result<QStringList> entryIds() const; // no locking

    const DataFolder &m_folder;
    mutable QMutex m_mutex;
};

} // namespace tsg
