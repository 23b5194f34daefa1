// Keeps the search index current with the library: it opens (builds or reconciles) the index at start, then turns
// each change the library reports (a commit of either upload form, a TSG created, deleted, restored, renamed or
// re-described, a cleanup run) into the matching index update. It exists so that neither the library nor the
// views know about the index.
#pragma once

#include "library.h"
#include "result.h"

#include <QFuture>
#include <QObject>

#include <atomic>
#include <memory>

class QGuiApplication;

namespace tsg {

class SearchIndex;

class LibraryIndexer : public QObject {
    Q_OBJECT
public:
    // Uses both; they must outlive it. Nothing happens until start().
    LibraryIndexer(Library &library, SearchIndex &index, QObject *parent = nullptr);

    // Opens the index (building or reconciling it, on the index's thread) and follows the library from then on.
    // Returns at once; the future finishes when the open is done. Call once, from the thread that made it.
    QFuture<Status> start();

    // Re-reads what changed on disk since the index last looked (a guide edited by hand in its TSG folder),
    // comparing sizes and mtimes, on the index's thread. While one such check is queued or running, another call
    // does nothing. Any thread may call.
    void recheckDisk();
    // Calls recheckDisk() each time the application becomes active again: the analyst comes back to the window,
    // perhaps from the editor that changed a guide.
    void recheckDiskOnActivation(QGuiApplication &app);

private:
    // Each is called on the library's worker thread that made the change; each only queues work on the index.
    void filesStored(const QString &tsgName, const QStringList &paths);
    void filesRemoved(const QString &tsgName, const QStringList &paths);

    Library &m_library;
    SearchIndex &m_index;
    bool m_started = false;
    // Shared with the check's continuation, which may run on the index's thread after this object is gone.
    std::shared_ptr<std::atomic<bool>> m_recheckPending = std::make_shared<std::atomic<bool>>(false);
};

} // namespace tsg
