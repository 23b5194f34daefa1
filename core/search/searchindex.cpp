#include "searchindex.h"

#include "indexwriter.h"
#include "searchlogging.h"

#include <QDir>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace tsg {

SearchIndex::SearchIndex(const QString &dataRoot, QObject *parent)
    : QObject(parent), m_indexFile(QDir(dataRoot).filePath(QStringLiteral(".tsgdesk/index.sqlite"))),
      m_reader(QDir(dataRoot).filePath(QStringLiteral("tsgs")), m_indexFile),
      m_writer(new IndexWriter(QDir(dataRoot).filePath(QStringLiteral("tsgs")), m_indexFile))
{
    m_thread.setObjectName(QStringLiteral("tsgdesk-search-index"));
    m_writer->moveToThread(&m_thread);
    connect(
        m_writer, &IndexWriter::progress, this,
        [this](int done, int total) {
            m_done = done;
            m_total = total;
            emit progressChanged(done, total);
        },
        Qt::DirectConnection);
    connect(&m_thread, &QThread::started, &IndexWriter::lowerThreadPriority); // runs on m_thread
    m_thread.start();
    m_searchPool.setObjectName(QStringLiteral("tsgdesk-search"));
    m_searchPool.setMaxThreadCount(2);
}

SearchIndex::~SearchIndex()
{
    // The writer owns a database connection of its thread, so it is deleted there, after the work queued before.
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer] { delete writer; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QFuture<Status> SearchIndex::post(std::function<Status(IndexWriter &)> work)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> future = promise->future();
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, promise, work = std::move(work)] {
            promise->addResult(work(*writer));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<Status> SearchIndex::open()
{
    ++m_scans;
    return post([this](IndexWriter &writer) -> Status {
        Status s = writer.open();
        if (s.ok())
            s = writer.reconcile();
        --m_scans;
        return s;
    });
}

QFuture<Status> SearchIndex::reconcile()
{
    ++m_scans;
    return post([this](IndexWriter &writer) {
        const Status s = writer.reconcile();
        --m_scans;
        return s;
    });
}

QFuture<Status> SearchIndex::reindexTsg(const QString &name)
{
    return post([name](IndexWriter &writer) { return writer.reindexTsg(name); });
}

QFuture<Status> SearchIndex::reindexFile(const QString &tsgName, const QString &path)
{
    return post([tsgName, path](IndexWriter &writer) { return writer.reindexFile(tsgName, path); });
}

QFuture<Status> SearchIndex::removeFile(const QString &tsgName, const QString &path)
{
    return post([tsgName, path](IndexWriter &writer) { return writer.removeFile(tsgName, path); });
}

QFuture<Status> SearchIndex::removeTsg(const QString &name)
{
    return post([name](IndexWriter &writer) { return writer.removeTsg(name); });
}

QFuture<Status> SearchIndex::renameTsg(const QString &oldName, const QString &newName)
{
    return post([oldName, newName](IndexWriter &writer) { return writer.renameTsg(oldName, newName); });
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
