// The library's full-text index (<data>/.tsgdesk/index.sqlite, SQLite FTS5): the API the library calls when
// something changes, and search. Writes run on the index's own thread, in the order they were asked for; searches
// read through their own connections, so they are answered while indexing goes on.
#pragma once

#include "indexreader.h"
#include "result.h"
#include "searchtypes.h"

#include <QFuture>
#include <QObject>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace tsg {

class IndexWriter;

class SearchIndex : public QObject {
    Q_OBJECT
public:
    // `dataRoot` is the data folder (DataFolder::root()). Nothing is read until open().
    explicit SearchIndex(const QString &dataRoot, QObject *parent = nullptr);
    // Finishes the work already asked for (blocking until then), then stops the thread. Destroy it on the thread
    // that made it, never from a slot connected to progressChanged (which runs on the index's thread).
    ~SearchIndex() override;

    QString indexFile() const { return m_indexFile; }

    // Each returns at once; the future finishes when the index's thread has done the work. Any thread may call.
    // Opens the index (an empty new one when the file is missing or corrupt) and reconciles it with the disk,
    // reporting progress: call once at start.
    QFuture<Status> open();
    // Re-reads only what changed on disk by size and mtime (changes made outside TSG Desk).
    QFuture<Status> reconcile();
    // After a TSG was created, restored, or its metadata (description, tags) changed: re-reads all of it.
    QFuture<Status> reindexTsg(const QString &name);
    // After a file was written or replaced (`path` relative to the TSG folder, '/'-separated).
    QFuture<Status> reindexFile(const QString &tsgName, const QString &path);
    QFuture<Status> removeFile(const QString &tsgName, const QString &path);
    QFuture<Status> removeTsg(const QString &name);
    // After the TSG's folder was renamed on disk.
    QFuture<Status> renameTsg(const QString &oldName, const QString &newName);

    // Blocking read (see IndexReader::search): call from a worker thread. The result carries the progress of a
    // build or reconcile that is running ("indexing, N of M files").
    Result<SearchResult> search(const SearchRequest &request) const;
    // The same on the index's own pool of search threads, for callers that must not block (the server).
    QFuture<Result<SearchResult>> searchAsync(const SearchRequest &request) const;
    // Indexing from the moment open() or reconcile() is called until it finishes, including while it lists the
    // folders (total 0 then, as no file is known to need reading yet).
    IndexProgress progress() const;

signals:
    // `done` of `total` files read by a build or reconcile; (0, 0) when it ends. Emitted on the index's thread.
    void progressChanged(int done, int total);

private:
    QFuture<Status> post(std::function<Status(IndexWriter &)> work);

    const QString m_indexFile;
    const IndexReader m_reader;
    QThread m_thread;
    IndexWriter *m_writer; // lives on m_thread; deleted there
    std::atomic<int> m_done{0};
    std::atomic<int> m_total{0};
    std::atomic<int> m_scans{0};      // opens and reconciles asked for and not finished: they list the folders first
    mutable QThreadPool m_searchPool; // last: destroyed first, waiting for the searches that use the reader
};

} // namespace tsg
