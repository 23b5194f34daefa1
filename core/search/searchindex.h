// The library's full-text index (<data>/.tsgdesk/index.sqlite and its other shards, SQLite FTS5): the API the
// library calls when something changes, and search. Writes run on a thread per shard, those for one TSG in the
// order they were asked for; searches read through their own connections, so they are answered while indexing
// goes on.
#pragma once

#include "indexreader.h"
#include "indexshards.h"
#include "result.h"
#include "searchtypes.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QThreadPool>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

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

    // The file of shard 0 in the data folder `dataRoot` (.tsgdesk/index.sqlite), for a reader without a SearchIndex.
    static QString indexFileIn(const QString &dataRoot);
    // The file of shard 0 (index.sqlite), and every shard's file (IndexShards).
    QString indexFile() const { return m_indexFile; }
    QStringList indexFiles() const;
    // The file that holds a TSG's rows.
    QString indexFileOf(const QString &tsgName) const;

    // Each returns at once; the future finishes when the index's threads have done the work. Any thread may call.
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
    using Work = std::function<Status(IndexWriter &)>;
    struct Shard;
    // Runs each (shard, work) on that shard's thread; the future finishes when all have, with the first failure.
    QFuture<Status> post(QList<std::pair<int, Work>> jobs);
    QFuture<Status> postToTsg(const QString &tsgName, Work work);
    QFuture<Status> postToAll(const Work &work);
    void shardProgress(int shard, int done, int total);

    const QString m_indexFile;
    const IndexReader m_reader;
    std::array<std::unique_ptr<Shard>, IndexShards::kCount> m_shards;
    QMutex m_progressLock;      // the shards' own counts, summed into m_done and m_total
    std::atomic<int> m_done{0}; // files read of m_total, over all shards
    std::atomic<int> m_total{0};
    std::atomic<int> m_scans{0};      // shards' opens and reconciles not finished: they list the folders first
    mutable QThreadPool m_searchPool; // last: destroyed first, waiting for the searches that use the reader
};

} // namespace tsg
