// Where the library lives (--data-dir, else $CODEX_HOME, else ~/.codex) and its layout:
// config.json, tsgs/, sessions/, plus TSG Desk's own hidden folders for staging, trash and state.
// open() creates what is missing (0700 for folders we create) and takes the one-writer lock.
#pragma once

#include "result.h"

#include <QLockFile>
#include <QString>

#include <memory>

namespace tsg {

class DataFolder {
public:
    // The folder to use: explicit, else $CODEX_HOME, else ~/.codex. Made absolute.
    static QString resolve(const QString &explicitDir = {});

    // Creates the layout and takes the lock; a second process on the same folder gets Busy.
    static Result<std::unique_ptr<DataFolder>> open(const QString &root);

    // A layout without the lock, for tests and read-only tools.
    explicit DataFolder(QString root);

    const QString &root() const { return m_root; }
    QString configFile() const;     // config.json
    QString tsgsDir() const;        // tsgs/
    QString sessionsDir() const;    // sessions/
    QString stagingDir() const;     // .tsgdesk/staging/  (batches being written; removed at start)
    QString trashDir() const;       // .tsgdesk/trash/    (deleted TSGs and replaced files)
    QString uploadsDir() const;     // .tsgdesk/uploads/  (chunked uploads: kept across restarts)
    QString stateDir() const;       // .tsgdesk/          (token, lock)
    QString serverInfoFile() const; // server.json
    QString lockFile() const;       // .tsgdesk/tsgdesk.lock

    // Creates the folders that are missing (0700 for the ones we create).
    Status ensureLayout() const;

private:
    QString m_root;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace tsg
