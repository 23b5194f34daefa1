#include "searchindex.h"

#include "indexwriter.h"
#include "searchlogging.h"

#include <QDir>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace tsg {

// A shard's writer, the thread it lives on, and its part of the progress of a build (under m_progressLock).
struct SearchIndex::Shard {
    QThread thread;
    IndexWriter *writer = nullptr; // lives on `thread`; deleted there
    int done = 0;
    int total = 0;
    bool reading = false; // between its progress(0, total) and progress(0, 0)
};

SearchIndex::SearchIndex(const QString &dataRoot, QObject *parent)
    : QObject(parent), m_indexFile(indexFileIn(dataRoot)),
      m_reader(QDir(dataRoot).filePath(QStringLiteral("tsgs")), IndexShards::files(m_indexFile))
{
    const QString tsgs = QDir(dataRoot).filePath(QStringLiteral("tsgs"));
    for (int i = 0; i < IndexShards::kCount; ++i) {
        auto shard = std::make_unique<Shard>();
        shard->writer = new IndexWriter(tsgs, IndexShards::file(m_indexFile, i), i);
        shard->thread.setObjectName(QStringLiteral("tsgdesk-search-index-%1").arg(i));
        shard->writer->moveToThread(&shard->thread);
        connect(
            shard->writer, &IndexWriter::progress, this,
            [this, i](int done, int total) { shardProgress(i, done, total); }, Qt::DirectConnection);
        connect(&shard->thread, &QThread::started, &IndexWriter::lowerThreadPriority); // runs on that thread
        shard->thread.start();
        m_shards[i] = std::move(shard);
    }
    m_searchPool.setObjectName(QStringLiteral("tsgdesk-search"));
    m_searchPool.setMaxThreadCount(2);
}

SearchIndex::~SearchIndex()
{
    // A writer owns a database connection of its thread, so it is deleted there, after the work queued before.
    for (const auto &shard : m_shards) {
        QMetaObject::invokeMethod(
            shard->writer, [writer = shard->writer] { delete writer; }, Qt::BlockingQueuedConnection);
        shard->thread.quit();
        shard->thread.wait();
    }
}

QString SearchIndex::indexFileIn(const QString &dataRoot)
{
    return QDir(dataRoot).filePath(QStringLiteral(".tsgdesk/index.sqlite"));
}

QStringList SearchIndex::indexFiles() const
{
    return IndexShards::files(m_indexFile);
}

QString SearchIndex::indexFileOf(const QString &tsgName) const
{
    return IndexShards::file(m_indexFile, IndexShards::of(tsgName));
}

// Runs on a shard's thread. The sum over the shards goes out; (0, 0) once none of them is reading.
void SearchIndex::shardProgress(int shard, int done, int total)
{
    int sumDone = 0;
    int sumTotal = 0;
    {
        QMutexLocker lock(&m_progressLock);
        Shard &s = *m_shards[shard];
        s.reading = total > 0 || done > 0;
        s.done = s.reading ? done : s.total; // a shard that finished counts as read through
        s.total = s.reading ? total : s.total;
        bool anyReading = false;
        for (const auto &each : m_shards)
            anyReading = anyReading || each->reading;
        for (const auto &each : m_shards) {
            if (!anyReading)
                each->done = each->total = 0;
            sumDone += each->done;
            sumTotal += each->total;
        }
        m_done = sumDone;
        m_total = sumTotal;
    }
    emit progressChanged(sumDone, sumTotal);
}

QFuture<Status> SearchIndex::post(QList<std::pair<int, Work>> jobs)
{
    struct Join {
        QPromise<Status> promise;
        QMutex lock;
        int left = 0;
        Status first; // the first failure
    };
    auto join = std::make_shared<Join>();
    join->left = int(jobs.size());
    join->promise.start();
    QFuture<Status> future = join->promise.future();
    for (auto &[shard, work] : jobs) {
        QMetaObject::invokeMethod(
            m_shards[shard]->writer,
            [writer = m_shards[shard]->writer, join, work = std::move(work)] {
                const Status s = work(*writer);
                QMutexLocker lock(&join->lock);
                if (!s.ok() && join->first.ok())
                    join->first = s;
                if (--join->left == 0) {
                    join->promise.addResult(join->first);
                    join->promise.finish();
                }
            },
            Qt::QueuedConnection);
    }
    return future;
}

QFuture<Status> SearchIndex::postToTsg(const QString &tsgName, Work work)
{
    return post({{IndexShards::of(tsgName), std::move(work)}});
}

QFuture<Status> SearchIndex::postToAll(const Work &work)
{
    QList<std::pair<int, Work>> jobs;
    for (int i = 0; i < IndexShards::kCount; ++i)
        jobs.append({i, work});
    return post(std::move(jobs));
}

QFuture<Status> SearchIndex::open()
{
    m_scans += IndexShards::kCount;
    return postToAll([this](IndexWriter &writer) -> Status {
        Status s = writer.open();
        if (s.ok())
            s = writer.reconcile();
        --m_scans;
        return s;
    });
}

QFuture<Status> SearchIndex::reconcile()
{
    m_scans += IndexShards::kCount;
    return postToAll([this](IndexWriter &writer) {
        const Status s = writer.reconcile();
        --m_scans;
        return s;
    });
}

QFuture<Status> SearchIndex::reindexTsg(const QString &name)
{
    return postToTsg(name, [name](IndexWriter &writer) { return writer.reindexTsg(name); });
}

QFuture<Status> SearchIndex::reindexFile(const QString &tsgName, const QString &path)
{
    return postToTsg(tsgName, [tsgName, path](IndexWriter &writer) { return writer.reindexFile(tsgName, path); });
}

QFuture<Status> SearchIndex::removeFile(const QString &tsgName, const QString &path)
{
    return postToTsg(tsgName, [tsgName, path](IndexWriter &writer) { return writer.removeFile(tsgName, path); });
}

QFuture<Status> SearchIndex::removeTsg(const QString &name)
{
    return postToTsg(name, [name](IndexWriter &writer) { return writer.removeTsg(name); });
}

QFuture<Status> SearchIndex::renameTsg(const QString &oldName, const QString &newName)
{
    const int from = IndexShards::of(oldName);
    const int to = IndexShards::of(newName);
    if (from == to)
        return post({{from, [oldName, newName](IndexWriter &writer) { return writer.renameTsg(oldName, newName); }}});
    // The new name belongs to another shard: the TSG leaves one file and is read into the other.
    return post({{from, [oldName](IndexWriter &writer) { return writer.removeTsg(oldName); }},
                 {to, [newName](IndexWriter &writer) { return writer.reindexTsg(newName); }}});
}

IndexProgress SearchIndex::progress() const
{
    const int total = m_total;
    return {.indexing = total > 0 || m_scans > 0, .done = total > 0 ? int(m_done) : 0, .total = total};
}

Result<SearchResult> SearchIndex::search(const SearchRequest &request) const
{
    const IndexProgress before = progress();
    auto result = m_reader.search(request);
    if (result.ok())
        result.value().progress = before;
    return result;
}

QFuture<Result<SearchResult>> SearchIndex::searchAsync(const SearchRequest &request) const
{
    return QtConcurrent::run(&m_searchPool, [this, request] { return search(request); });
}

} // namespace tsg
