// The seed's Step 7: at start and then every interval, removes sessions idle longer than
// sessionTimeout and, when autoCleanupEnabled, purges the trash and leftover staging older than
// cleanupAgeHours, and chunked uploads idle longer than uploadExpiryHours. Never touches live TSG
// content, the active TSG or a session in use. The work runs on the thread pool.
#pragma once

#include "settings.h"

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <functional>

namespace tsg {

class SessionStore;
class Trash;
class DataFolder;

struct CleanupReport {
    QDateTime startedAt;
    QDateTime finishedAt;
    QStringList removedSessions;
    int sessionsRemoved = 0;
    int trashEntriesPurged = 0;
    int stagingRemoved = 0; // leftover staging folders
    int uploadsExpired = 0; // incomplete chunked uploads
    qint64 bytesFreed = 0;
    int pendingUploads = 0; // incomplete chunked uploads still waiting, and their bytes
    qint64 pendingUploadBytes = 0;
    QStringList errors;
    int totalRemoved() const { return sessionsRemoved + trashEntriesPurged + stagingRemoved + uploadsExpired; }
};

struct CleanupStatus {
    bool enabled = true; // tsgSettings.autoCleanupEnabled (sessions are cleaned regardless)
    bool running = false;
    QDateTime lastRun; // finishedAt of the last report
    QDateTime nextRun;
    CleanupReport last;
    // What is waiting: incomplete uploads and their bytes (from the upload registry hook).
    int pendingUploads = 0;
    qint64 pendingUploadBytes = 0;
};

class CleanupService : public QObject {
    Q_OBJECT
public:
    // What one run needs to know, read fresh at every run.
    struct Inputs {
        Config config;
        QSet<QString> sessionsInUse;
    };
    // Hooks the library provides: current inputs, and extra work (expiring chunked uploads) that
    // returns {count, bytes} removed plus {pending count, pending bytes}.
    struct UploadExpiry {
        int expired = 0;
        qint64 bytes = 0;
        int pending = 0;
        qint64 pendingBytes = 0;
    };
    using InputsFn = std::function<Inputs()>;
    using ExpireUploadsFn = std::function<UploadExpiry(const QDateTime &idleCutoff)>;

    // Runs go to `pool`, which must outlive this object.
    CleanupService(const DataFolder &folder, SessionStore &sessions, Trash &trash, InputsFn inputs, QThreadPool *pool,
                   QObject *parent = nullptr);

    void setExpireUploads(ExpireUploadsFn fn) { m_expireUploads = std::move(fn); }

    // Runs once now, then every intervalMs.
    void start(int intervalMs);
    void stop();
    // Runs now (unless a run is under way); the future finishes with the report.
    QFuture<CleanupReport> runNow();

    CleanupStatus status() const { return m_status; }

signals:
    void statusChanged(const tsg::CleanupStatus &status);
    void finished(const tsg::CleanupReport &report);

private:
    CleanupReport runOnce(const Inputs &in) const;

    const DataFolder &m_folder;
    SessionStore &m_sessions;
    Trash &m_trash;
    InputsFn m_inputs;
    ExpireUploadsFn m_expireUploads;
    QThreadPool *m_pool;
    QTimer m_timer;
    CleanupStatus m_status;
    QFuture<CleanupReport> m_running;
};

} // namespace tsg

Q_DECLARE_METATYPE(tsg::CleanupStatus)
Q_DECLARE_METATYPE(tsg::CleanupReport)
