#include "cleanupservice.h"

#include "datafolder.h"
#include "logging.h"
#include "safedir.h"
#include "sessionstore.h"
#include "trash.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tsg {

CleanupService::CleanupService(const DataFolder &folder, SessionStore &sessions, Trash &trash, InputsFn inputs,
                               QThreadPool *pool, QObject *parent)
    : QObject(parent), m_folder(folder), m_sessions(sessions), m_trash(trash), m_inputs(std::move(inputs)), m_pool(pool)
{
    qRegisterMetaType<tsg::CleanupStatus>();
    qRegisterMetaType<tsg::CleanupReport>();
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)runNow(); });
}

void CleanupService::start(int intervalMs)
{
    m_timer.start(std::max(intervalMs, 1));
    (void)runNow();
}

void CleanupService::stop()
{
    m_timer.stop();
    m_status.nextRun = QDateTime();
    emit statusChanged(m_status);
}

QFuture<CleanupReport> CleanupService::runNow()
{
    if (m_status.running)
        return m_running;
    const Inputs inputs = m_inputs();
    m_status.enabled = inputs.config.tsg.autoCleanupEnabled;
    m_status.running = true;
    emit statusChanged(m_status);
    m_running =
        QtConcurrent::run(m_pool, [this, inputs] { return runOnce(inputs); }).then(this, [this](CleanupReport report) {
            m_status.running = false;
            m_status.last = report;
            m_status.lastRun = report.finishedAt;
            m_status.pendingUploads = report.pendingUploads;
            m_status.pendingUploadBytes = report.pendingUploadBytes;
            m_status.nextRun =
                m_timer.isActive() ? QDateTime::currentDateTimeUtc().addMSecs(m_timer.remainingTime()) : QDateTime();
            if (report.totalRemoved() > 0 || !report.errors.isEmpty())
                qCInfo(lcCleanup) << "cleanup removed" << report.sessionsRemoved << "sessions,"
                                  << report.trashEntriesPurged << "trash entries," << report.stagingRemoved
                                  << "staging folders," << report.uploadsExpired << "expired uploads;"
                                  << report.bytesFreed << "bytes freed;" << report.errors.size() << "errors";
            emit statusChanged(m_status);
            emit finished(report);
            return report;
        });
    return m_running;
}

CleanupReport CleanupService::runOnce(const Inputs &in) const
{
    CleanupReport r;
    r.startedAt = QDateTime::currentDateTimeUtc();
    const QDateTime now = r.startedAt;

    // Sessions idle longer than sessionTimeout, except those a client is using.
    const auto sessions =
        m_sessions.removeIdleSince(now.addSecs(-qint64(in.config.session.sessionTimeout) * 3600), in.sessionsInUse);
    if (sessions.ok()) {
        r.removedSessions = sessions.value().ids;
        r.sessionsRemoved = int(sessions.value().ids.size());
        r.bytesFreed += sessions.value().bytes;
    } else {
        r.errors << sessions.error().message;
    }

    if (in.config.tsg.autoCleanupEnabled) {
        const QDateTime cutoff = now.addSecs(-qint64(in.config.tsg.cleanupAgeHours) * 3600);
        if (const auto purged = m_trash.purgeOlderThan(cutoff); purged.ok()) {
            r.trashEntriesPurged = purged.value().entries;
            r.bytesFreed += purged.value().bytes;
        } else {
            r.errors << purged.error().message;
        }
        // Staging folders left behind (a batch is written in seconds; one this old is abandoned).
        if (auto staging = SafeDir::openRoot(m_folder.stagingDir()); staging.ok()) {
            const auto names = staging.value().entries();
            for (const QString &name : names.ok() ? names.value() : QStringList()) {
                const auto st = staging.value().stat(name);
                if (!st.ok() || !st.value()
                    || QDateTime::fromSecsSinceEpoch(st.value()->st_mtim.tv_sec, Qt::UTC) >= cutoff)
                    continue;
                if (const auto freed = staging.value().removeTree(name); freed.ok()) {
                    ++r.stagingRemoved;
                    r.bytesFreed += freed.value();
                } else {
                    r.errors << freed.error().message;
                }
            }
        } else {
            r.errors << staging.error().message;
        }
    }

    if (m_expireUploads) {
        const UploadExpiry e = m_expireUploads(now.addSecs(-qint64(in.config.desk.uploadExpiryHours) * 3600));
        r.uploadsExpired = e.expired;
        r.bytesFreed += e.bytes;
        r.pendingUploads = e.pending;
        r.pendingUploadBytes = e.pendingBytes;
    }
    for (const QString &e : std::as_const(r.errors))
        qCWarning(lcCleanup) << e;
    r.finishedAt = QDateTime::currentDateTimeUtc();
    return r;
}

} // namespace tsg
