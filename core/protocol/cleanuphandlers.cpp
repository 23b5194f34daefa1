// The cleanup service for clients: cleanup:status (what the last run removed, when the next runs, what
// waits) and cleanup:run (run once now, answered when it is done). The service lives on the library's
// thread, so both are asked there and answered on the client's.
#include "handlers.h"

#include "messagerouter.h"
#include "wire.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QPromise>

#include <memory>

namespace tsg::Handlers {

namespace {

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(Wire::isoTime(t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject report(const CleanupReport &r)
{
    return {{QStringLiteral("startedAt"), time(r.startedAt)},
            {QStringLiteral("finishedAt"), time(r.finishedAt)},
            {QStringLiteral("sessionsRemoved"), r.sessionsRemoved},
            {QStringLiteral("trashEntriesPurged"), r.trashEntriesPurged},
            {QStringLiteral("stagingRemoved"), r.stagingRemoved},
            {QStringLiteral("uploadsExpired"), r.uploadsExpired},
            {QStringLiteral("bytesFreed"), double(r.bytesFreed)},
            {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors)}};
}

QJsonObject status(const CleanupStatus &s)
{
    return {{QStringLiteral("enabled"), s.enabled},
            {QStringLiteral("running"), s.running},
            {QStringLiteral("lastRun"), time(s.lastRun)},
            {QStringLiteral("nextRun"), time(s.nextRun)},
            {QStringLiteral("pendingUploads"), s.pendingUploads},
            {QStringLiteral("pendingUploadBytes"), double(s.pendingUploadBytes)},
            {QStringLiteral("last"), s.lastRun.isValid() ? QJsonValue(report(s.last)) : QJsonValue(QJsonValue::Null)}};
}

// Runs `work` on the library's thread; `done` gets its result on the client's thread. Nothing is
// answered when either is gone first (the client then is too, or TSG Desk is stopping).
template <typename T, typename Work, typename Done>
void onLibraryThread(Library &library, HandlerContext &c, Work work, Done done)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    auto *watcher = new QFutureWatcher<T>(c.receiver());
    QObject::connect(watcher, &QFutureWatcherBase::finished, c.receiver(), [watcher, done = std::move(done)] {
        if (watcher->future().resultCount() > 0)
            done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(promise->future());
    QMetaObject::invokeMethod(
        &library, [promise, work = std::move(work)] { work(promise); }, Qt::QueuedConnection);
}

} // namespace

void addCleanupHandlers(MessageRouter &router, Library &library)
{
    router.add(QStringLiteral("cleanup:status"), {}, [&library](const Request &r, HandlerContext &c) {
        onLibraryThread<CleanupStatus>(
            library, c,
            [&library](const std::shared_ptr<QPromise<CleanupStatus>> &p) {
                p->addResult(library.cleanupStatus());
                p->finish();
            },
            [r, &c](const CleanupStatus &s) {
                c.reply(r, Wire::message(QStringLiteral("cleanup:status:response"), status(s)));
            });
    });

    router.add(QStringLiteral("cleanup:run"), {}, [&library](const Request &r, HandlerContext &c) {
        onLibraryThread<CleanupReport>(
            library, c,
            [&library](const std::shared_ptr<QPromise<CleanupReport>> &p) {
                library.runCleanupNow().then([p](const CleanupReport &done) {
                    p->addResult(done);
                    p->finish();
                });
            },
            [r, &c](const CleanupReport &done) {
                c.reply(r, Wire::message(QStringLiteral("cleanup:run:success"), report(done)));
            });
    });
}

} // namespace tsg::Handlers
