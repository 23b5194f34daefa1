#include "chunkeduploads.h"

#include "logging.h"
#include "namerules.h"

#include <QRandomGenerator>
#include <QStorageInfo>

#include <numeric>

namespace tsg {

namespace {

QString newId()
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits); // 128 bits from the OS's generator
    return QStringLiteral("%1%2").arg(bits[0], 16, 16, QChar(u'0')).arg(bits[1], 16, 16, QChar(u'0'));
}

QString mb(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'f', 1) + QStringLiteral(" MiB");
}

} // namespace

ChunkedUploads::ChunkedUploads(const DataFolder &folder) : m_folder(folder)
{
    m_writers.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

ChunkedUploads::~ChunkedUploads()
{
    m_writers.waitForDone();
}

bool ChunkedUploads::isLowerHex(QStringView text, qsizetype length)
{
    return text.size() == length && std::all_of(text.begin(), text.end(), [](QChar c) {
               return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
           });
}

void ChunkedUploads::load()
{
    auto uploads = SafeDir::openRoot(m_folder.uploadsDir());
    if (!uploads.ok())
        return;
    const auto names = uploads.value().entries();
    for (const QString &name : names.ok() ? names.value() : QStringList()) {
        auto up = isValidId(name)
            ? ChunkedUpload::load(uploads.value(), name, &m_writers)
            : Result<std::shared_ptr<ChunkedUpload>>(Error::invalid(QStringLiteral("not an upload")));
        if (up.ok()) {
            QMutexLocker lock(&m_mutex);
            m_open.insert(name, up.value());
            continue;
        }
        qCWarning(lcUpload) << "removing" << name << "from the uploads folder:" << up.error().message;
        (void)uploads.value().removeTree(name);
    }
    qCInfo(lcUpload) << m_open.size() << "chunked uploads can be resumed";
}

Result<ChunkedUploadInfo> ChunkedUploads::begin(const UploadTarget &target, const QList<ChunkedFileSpec> &files,
                                                const DeskSettings &limits)
{
    const qint64 bytes = std::accumulate(files.begin(), files.end(), qint64(0),
                                         [](qint64 sum, const ChunkedFileSpec &f) { return sum + f.size; });
    auto uploads = SafeDir::openRoot(m_folder.uploadsDir());
    if (!uploads.ok())
        return uploads.error();
    QMutexLocker serial(&m_beginMutex);
    qsizetype open = 0;
    qint64 staged = 0;
    {
        QMutexLocker lock(&m_mutex);
        open = m_open.size();
        for (const auto &up : std::as_const(m_open))
            staged += up->bytesTotal();
    }
    if (open >= limits.maxOpenUploads)
        return Error::of(ErrorKind::Limit,
                         QStringLiteral(
                             "Too many open uploads: %1 are open (maxOpenUploads is %2); commit or abort one first")
                             .arg(open)
                             .arg(limits.maxOpenUploads));
    if (staged + bytes > limits.maxStagedBytes())
        return Error::tooLarge(
            QStringLiteral("Not enough staging room: open uploads hold up to %1 and this one needs %2, "
                           "over maxStagedMb (%3 MiB)")
                .arg(mb(staged), mb(bytes))
                .arg(limits.maxStagedMb));
    const QStorageInfo disk(m_folder.uploadsDir());
    if (disk.isValid() && disk.bytesAvailable() >= 0 && bytes > disk.bytesAvailable())
        return Error::of(ErrorKind::DiskFull,
                         QStringLiteral("Not enough disk space: the upload needs %1 and %2 is free")
                             .arg(mb(bytes), mb(disk.bytesAvailable())));
    QStringList paths;
    for (const ChunkedFileSpec &f : files)
        paths << f.targetPath;
    if (target.isTsg()) {
        QMutexLocker lock(&m_mutex);
        if (const auto taken = pathsFree(target.name, paths); !taken.ok())
            return taken.error();
    }
    const QString id = newId();
    auto up = ChunkedUpload::create(uploads.value(), id, target, files, &m_writers);
    if (!up.ok())
        return up.error();
    {
        QMutexLocker lock(&m_mutex);
        // Checked again: a single-message upload may have taken a path while the folder was made.
        if (const auto taken = target.isSession() ? Status() : pathsFree(target.name, paths); !taken.ok()) {
            lock.unlock();
            (void)up.value()->remove(uploads.value(), QStringLiteral("was refused"));
            return taken.error();
        }
        m_open.insert(id, up.value());
    }
    qCInfo(lcUpload) << "chunked upload" << id << "begun:" << files.size() << "files," << bytes << "bytes to"
                     << target.word() << target.name;
    return up.value()->info();
}

std::shared_ptr<ChunkedUpload> ChunkedUploads::find(const QString &id, QString *whyNot) const
{
    QMutexLocker lock(&m_mutex);
    if (auto up = m_open.value(id)) {
        if (const auto closed = up->closedReason()) { // failed in its writer
            if (whyNot)
                *whyNot = QStringLiteral("Upload %1 %2").arg(id, *closed);
            return nullptr;
        }
        return up;
    }
    if (whyNot) {
        const QString reason = m_closed.value(id);
        *whyNot = reason.isEmpty() ? QStringLiteral("Unknown upload id: %1").arg(id.left(64))
                                   : QStringLiteral("Upload %1 %2").arg(id, reason);
    }
    return nullptr;
}

QList<ChunkedUploadInfo> ChunkedUploads::list() const
{
    QList<std::shared_ptr<ChunkedUpload>> open;
    {
        QMutexLocker lock(&m_mutex);
        open = m_open.values();
    }
    QList<ChunkedUploadInfo> out;
    for (const auto &up : open)
        if (!up->closedReason())
            out.append(up->info());
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.createdAt < b.createdAt; });
    return out;
}

QString ChunkedUploads::holdKey(const QString &tsg, const QString &path)
{
    return tsg + u'\n' + NameRules::foldKey(path);
}

Status ChunkedUploads::pathsFree(const QString &tsg, const QStringList &paths) const
{
    QHash<QString, QString> wanted; // holdKey -> path as asked
    for (const QString &p : paths)
        wanted.insert(holdKey(tsg, p), p);
    for (const auto &up : m_open) {
        const ChunkedUploadInfo info = up->info();
        if (info.target != UploadTarget::tsg(tsg) || up->closedReason())
            continue;
        for (const ChunkedFileSpec &f : info.files)
            if (const auto it = wanted.constFind(holdKey(tsg, f.targetPath)); it != wanted.cend())
                return Error::busy(QStringLiteral("%1: upload %2, still open, writes this file of TSG '%3'; commit "
                                                  "or abort that upload first")
                                       .arg(NameRules::printable(*it), info.id, tsg));
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
        if (m_held.contains(it.key()))
            return Error::busy(QStringLiteral("%1: another upload is writing this file of TSG '%2' right now; try "
                                              "again when it is done")
                                   .arg(NameRules::printable(it.value()), tsg));
    return {};
}

Result<std::shared_ptr<void>> ChunkedUploads::holdPaths(const QString &tsg, const QStringList &paths)
{
    QMutexLocker lock(&m_mutex);
    if (const auto taken = pathsFree(tsg, paths); !taken.ok())
        return taken.error();
    QStringList keys;
    for (const QString &p : paths)
        keys << holdKey(tsg, p);
    keys.removeDuplicates();
    for (const QString &k : std::as_const(keys))
        ++m_held[k];
    return std::shared_ptr<void>(nullptr, [this, keys](void *) {
        QMutexLocker lock(&m_mutex);
        for (const QString &k : keys)
            if (--m_held[k] <= 0)
                m_held.remove(k);
    });
}

Status ChunkedUploads::tsgFree(const QString &tsg) const
{
    QMutexLocker lock(&m_mutex);
    for (const auto &up : m_open) {
        const ChunkedUploadInfo info = up->info();
        if (info.target == UploadTarget::tsg(tsg) && !up->closedReason())
            return Error::busy(
                QStringLiteral("Upload %1 to TSG '%2' is still open; commit or abort it first").arg(info.id, tsg));
    }
    const QString prefix = tsg + u'\n';
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it)
        if (it.key().startsWith(prefix))
            return Error::busy(
                QStringLiteral("An upload to TSG '%1' is being stored right now; try again when it is done").arg(tsg));
    return {};
}

void ChunkedUploads::forget(const QString &id, const QString &reason)
{
    m_open.remove(id);
    if (m_closed.size() > 10000) // ids are only remembered for a helpful message
        m_closed.clear();
    m_closed.insert(id, reason);
}

void ChunkedUploads::committed(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    forget(id, QStringLiteral("was committed"));
}

Status ChunkedUploads::abort(const QString &id)
{
    QString whyNot;
    const auto up = find(id, &whyNot);
    if (!up)
        return Error::notFound(whyNot);
    auto uploads = SafeDir::openRoot(m_folder.uploadsDir());
    if (!uploads.ok())
        return uploads.error();
    const Status removed = up->remove(uploads.value(), QStringLiteral("was aborted"));
    if (!removed.ok() && removed.error().kind == ErrorKind::Busy)
        return removed;
    QMutexLocker lock(&m_mutex);
    forget(id, QStringLiteral("was aborted"));
    return removed;
}

CleanupService::UploadExpiry ChunkedUploads::expire(const QDateTime &cutoff)
{
    CleanupService::UploadExpiry result;
    QList<std::shared_ptr<ChunkedUpload>> open;
    {
        QMutexLocker lock(&m_mutex);
        open = m_open.values();
    }
    auto uploads = SafeDir::openRoot(m_folder.uploadsDir());
    for (const auto &up : open) {
        const ChunkedUploadInfo info = up->info();
        if (up->closedReason()) { // failed: its folder is already gone
            QMutexLocker lock(&m_mutex);
            forget(info.id, *up->closedReason());
            continue;
        }
        // remove() looks at the upload's activity again under its own lock: a chunk may arrive meanwhile.
        const Status s = uploads.ok() ? up->remove(uploads.value(),
                                                   QStringLiteral("expired after being idle since %1")
                                                       .arg(info.lastActivity.toString(Qt::ISODate)),
                                                   cutoff)
                                      : Status(Error::busy(uploads.error().message));
        if (!s.ok() && s.error().kind == ErrorKind::Busy) { // in use, or the folder cannot be opened now
            ++result.pending;
            result.pendingBytes += info.bytesReceived;
            continue;
        }
        if (!s.ok())
            qCWarning(lcUpload) << "could not remove expired upload" << info.id << s.error().message;
        ++result.expired;
        result.bytes += info.bytesReceived;
        QMutexLocker lock(&m_mutex);
        forget(info.id, QStringLiteral("expired"));
    }
    return result;
}

} // namespace tsg
