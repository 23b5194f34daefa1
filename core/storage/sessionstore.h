// Session storage: sessions/<sessionId>/files/<name> plus .session.json with the seed's Step 6
// fields (createdAt, lastActivity, fileUploadCount) and the session's activeTSG. Thread-safe.
#pragma once

#include "batchwriter.h"
#include "datafolder.h"
#include "fileat.h"
#include "result.h"
#include "tsgtypes.h"

#include <QMutex>
#include <QSet>

#include <functional>

namespace tsg {

class SessionStore {
public:
    explicit SessionStore(const DataFolder &folder);

    Result<QList<SessionInfo>> list() const;
    Result<SessionInfo> info(const QString &sessionId) const;
    Result<QList<SessionFile>> files(const QString &sessionId) const;
    // The session's file `fileName` (as files() names it), confined for a read (FileReader): Invalid for a bad
    // session id or file name, NotFound when the session has no files folder.
    Result<FileAt> fileAt(const QString &sessionId, const QString &fileName) const;
    // Files the session holds now (for the "Too many files" rule over its whole content).
    int fileCount(const QString &sessionId) const;

    // Creates the session on first use; updates lastActivity.
    Result<SessionInfo> touch(const QString &sessionId);
    Status setActiveTsg(const QString &sessionId, const std::optional<QString> &tsg);

    // Moves staged files in; a name already present keeps both (the new one gets " (2)" etc.).
    // All or nothing (a failure moves back what was moved) and durable: the files are fdatasync'ed
    // before the first rename and the session's folders fsync'ed before it returns.
    Result<QList<SessionFile>> commit(const QString &sessionId, StagedBatch &batch);

    Result<qint64> remove(const QString &sessionId);

    // Sessions whose lastActivity is before cutoff, except `inUse`; returns removed ids and bytes.
    struct Removed {
        QStringList ids;
        qint64 bytes = 0;
    };
    Result<Removed> removeIdleSince(const QDateTime &cutoff, const QSet<QString> &inUse);

private:
    Result<qint64> removeLocked(const QString &sessionId); // m_mutex held
    // Creates the session if needed, applies `change`, moves lastActivity, saves .session.json.
    Result<SessionInfo> update(const QString &sessionId, const std::function<void(SessionInfo &)> &change);

    const DataFolder &m_folder;
    mutable QMutex m_mutex;
};

} // namespace tsg
