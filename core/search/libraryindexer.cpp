#include "libraryindexer.h"

#include "searchindex.h"
#include "searchlogging.h"

#include <QGuiApplication>

namespace tsg {

namespace {

// Logs a failed update (the index's thread runs this); the index stays as it was for that file or TSG until the
// next reconcile.
void logFailure(QFuture<Status> future, const QString &what)
{
    future.then([what](const Status &done) {
        if (!done.ok())
            qCWarning(lcSearch) << "could not update the index for" << what << done.error().message;
    });
}

} // namespace

LibraryIndexer::LibraryIndexer(Library &library, SearchIndex &index, QObject *parent)
    : QObject(parent), m_library(library), m_index(index)
{}

QFuture<Status> LibraryIndexer::start()
{
    // The index's work runs in the order it is asked for: the open first, then every change after it. The
    // connections are direct, because SearchIndex only queues the work: the library's thread never waits.
    QFuture<Status> opened = m_index.open();
    logFailure(opened, QStringLiteral("the library (opening it)"));
    if (m_started)
        return opened;
    m_started = true;
    const auto direct = Qt::DirectConnection;
    connect(
        &m_library, &Library::tsgFilesStored, this,
        [this](const QString &tsg, const QStringList &paths, Origin) { filesStored(tsg, paths); }, direct);
    connect(
        &m_library, &Library::tsgFilesRemoved, this,
        [this](const QString &tsg, const QStringList &paths, Origin) { filesRemoved(tsg, paths); }, direct);
    const auto reindexTsg = [this](const QString &tsg, Origin) { logFailure(m_index.reindexTsg(tsg), tsg); };
    connect(&m_library, &Library::tsgCreated, this, reindexTsg, direct);
    connect(&m_library, &Library::tsgRestored, this, reindexTsg, direct);
    connect(&m_library, &Library::tsgMetadataChanged, this, reindexTsg, direct);
    connect(
        &m_library, &Library::tsgRemoved, this,
        [this](const QString &tsg, Origin) { logFailure(m_index.removeTsg(tsg), tsg); }, direct);
    connect(
        &m_library, &Library::tsgRenamed, this,
        [this](const QString &from, const QString &to, Origin) { logFailure(m_index.renameTsg(from, to), to); },
        direct);
    // Cleanup never touches a live TSG; its run is the moment to pick up changes made outside TSG Desk (the
    // reconcile reads only files whose size or time changed).
    connect(
        &m_library, &Library::cleanupFinished, this, [this](const CleanupReport &) { recheckDisk(); }, direct);
    return opened;
}

void LibraryIndexer::recheckDisk()
{
    if (m_recheckPending->exchange(true))
        return; // the check already queued will see the change too
    m_index.reconcile().then([pending = m_recheckPending](const Status &done) {
        pending->store(false);
        if (!done.ok())
            qCWarning(lcSearch) << "could not recheck the library on disk:" << done.error().message;
    });
}

void LibraryIndexer::recheckDiskOnActivation(QGuiApplication &app)
{
    connect(&app, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
        if (state == Qt::ApplicationActive)
            recheckDisk();
    });
}

void LibraryIndexer::filesStored(const QString &tsgName, const QStringList &paths)
{
    qCDebug(lcSearch) << "reindexing" << paths.size() << "files of" << tsgName;
    for (const QString &path : paths)
        logFailure(m_index.reindexFile(tsgName, path), tsgName + u'/' + path);
}

void LibraryIndexer::filesRemoved(const QString &tsgName, const QStringList &paths)
{
    for (const QString &path : paths)
        logFailure(m_index.removeFile(tsgName, path), tsgName + u'/' + path);
}

} // namespace tsg
