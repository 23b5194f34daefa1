#include "batchwriter.h"

#include "logging.h"
#include "sha256.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>
#include <numeric>
#include <unistd.h>

namespace tsg {

namespace {

constexpr qint64 kChunk = 1 << 20; // bytes read, hashed and written per step

QString newFolderName()
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    return QStringLiteral("batch-%1%2").arg(bits[0], 16, 16, QChar(u'0')).arg(bits[1], 16, 16, QChar(u'0'));
}

// Shared by the workers of one batch: progress totals and the first error.
struct BatchState {
    BatchState(UploadBatch &b, const SafeDir &f, std::vector<StagedFile> &s) : batch(b), folder(f), staged(s) {}
    UploadBatch &batch;
    const SafeDir &folder;
    std::vector<StagedFile> &staged;
    std::atomic<qint64> bytesDone{0};
    std::atomic<int> filesDone{0};
    std::atomic_bool failed{false};
    QMutex mutex; // guards error and serialises progress callbacks
    std::optional<Error> error;
    UploadProgress progress;

    void fail(Error e)
    {
        QMutexLocker lock(&mutex);
        if (!error)
            error = std::move(e);
        failed = true;
    }
    void report(const QString &file)
    {
        if (!batch.onProgress)
            return;
        QMutexLocker lock(&mutex);
        progress.processed = filesDone;
        progress.bytesProcessed = bytesDone;
        progress.currentFile = file;
        batch.onProgress(progress);
    }
    bool cancelled() const { return failed || (batch.cancel && batch.cancel->load()); }
};

void writeOne(BatchState &s, int index)
{
    if (s.cancelled())
        return;
    UploadFile &file = s.batch.files[size_t(index)];
    StagedFile &out = s.staged[size_t(index)];
    const auto fd = s.folder.createFile(out.stagedName, 0644);
    if (!fd.ok())
        return s.fail(fd.error());
    std::unique_ptr<char[]> buffer(new char[kChunk]);
    Sha256 hash;
    qint64 written = 0;
    const qint64 expected = file.source->size();
    const QString what = out.targetPath;
    while (written < expected) {
        if (s.cancelled())
            break;
        const auto n = file.source->read(buffer.get(), std::min(kChunk, expected - written));
        if (!n.ok()) {
            s.fail(n.error());
            break;
        }
        if (n.value() == 0) {
            s.fail(Error::io(QStringLiteral("%1: ended after %2 of %3 bytes").arg(what).arg(written).arg(expected)));
            break;
        }
        hash.addData(buffer.get(), n.value());
        if (const auto w = writeAll(fd.value(), buffer.get(), n.value(), what); !w.ok()) {
            s.fail(w.error());
            break;
        }
        written += n.value();
        s.bytesDone += n.value();
        s.report(what);
    }
    // Synced here, while the other workers still write, so that the commit's syncFiles() finds
    // nothing left to flush (it stays the guarantee; this only moves the wait off the commit).
    if (!s.cancelled())
        if (const auto synced = syncData(fd.value(), what); !synced.ok())
            s.fail(synced.error());
    if (::close(fd.value()) != 0 && !s.failed)
        s.fail(Error::io(QStringLiteral("%1: could not be written").arg(what)));
    if (s.cancelled())
        return;
    out.size = written;
    out.sha256 = hash.hexResult();
    ++s.filesDone;
    s.report(what);
}

} // namespace

StagedBatch::StagedBatch(SafeDir staging, QString folderName, std::vector<StagedFile> files)
    : m_staging(std::move(staging)), m_folderName(std::move(folderName)), m_files(std::move(files))
{
    if (auto folder = m_staging.subdir(m_folderName); folder.ok())
        m_folder = std::move(folder).value();
}

StagedBatch::~StagedBatch()
{
    finish();
}

StagedBatch::StagedBatch(StagedBatch &&other) noexcept
    : m_staging(std::move(other.m_staging)), m_folder(std::move(other.m_folder)),
      m_folderName(std::exchange(other.m_folderName, QString())), m_files(std::move(other.m_files))
{}

StagedBatch &StagedBatch::operator=(StagedBatch &&other) noexcept
{
    if (this != &other) {
        finish();
        m_staging = std::move(other.m_staging);
        m_folder = std::move(other.m_folder);
        m_folderName = std::exchange(other.m_folderName, QString());
        m_files = std::move(other.m_files);
    }
    return *this;
}

qint64 StagedBatch::totalBytes() const
{
    return std::accumulate(m_files.begin(), m_files.end(), qint64(0),
                           [](qint64 sum, const StagedFile &f) { return sum + f.size; });
}

Status StagedBatch::syncFiles() const
{
    for (const StagedFile &f : m_files)
        if (const auto s = m_folder.syncFile(f.stagedName); !s.ok())
            return s;
    return {};
}

void StagedBatch::finish()
{
    if (m_folderName.isEmpty() || !m_staging.isValid())
        return;
    m_folder = SafeDir();
    if (const auto removed = m_staging.removeTree(m_folderName); !removed.ok())
        qCWarning(lcUpload) << "could not remove staging" << m_folderName << removed.error().message;
    else if (const auto synced = m_staging.sync(); !synced.ok())
        qCWarning(lcUpload) << "could not sync" << m_staging.path() << synced.error().message;
    m_folderName.clear();
}

Result<StagedBatch> BatchWriter::write(const QString &stagingDir, UploadBatch &batch, const QStringList &targetPaths)
{
    auto staging = SafeDir::openRoot(stagingDir);
    if (!staging.ok())
        return staging.error();
    const QString name = newFolderName();
    auto folder = staging.value().subdir(name, true);
    if (!folder.ok())
        return folder.error();

    std::vector<StagedFile> staged(batch.files.size());
    qint64 bytesTotal = 0;
    for (size_t i = 0; i < staged.size(); ++i) {
        staged[i].stagedName = QStringLiteral("f%1").arg(i);
        staged[i].targetPath = targetPaths.value(qsizetype(i));
        staged[i].mtimeMs = batch.files[i].mtimeMs;
        bytesTotal += batch.files[i].source->size();
    }
    // From here on the folder belongs to the StagedBatch: any early return removes it.
    StagedBatch result(std::move(staging).value(), name, {});

    BatchState state(batch, folder.value(), staged);
    state.progress.total = int(staged.size());
    state.progress.bytesTotal = bytesTotal;
    state.report(QString());

    QList<int> indices(qsizetype(staged.size()));
    std::iota(indices.begin(), indices.end(), 0);
    // The writers run on a pool of their own, not the global one: Qt 6.4's raster paint engine splits
    // large fills and image scaling across the global pool and waits for them, so a batch holding
    // every global thread froze the window's painting until it finished (bench/gui_stall).
    static QThreadPool writers; // one thread per core
    QtConcurrent::blockingMap(&writers, indices, [&state](int index) { writeOne(state, index); });

    if (state.error)
        return *state.error;
    if (batch.cancel && batch.cancel->load())
        return Error::cancelled();
    result.m_files = std::move(staged);
    return result;
}

} // namespace tsg
