// The open chunked uploads of a data folder: begins them under the caps (open uploads, staged
// bytes, free disk), finds them by id for the socket threads, reloads them after a restart,
// remembers why a finished id is gone, and expires the idle ones for the cleanup service.
// An open upload to a TSG holds its paths (as a case-insensitive file system compares them) from
// begin to its end: another upload of either form that would write one of them is refused.
#pragma once

#include "chunkedupload.h"
#include "cleanupservice.h"
#include "datafolder.h"
#include "settings.h"

#include <QHash>
#include <QThreadPool>

namespace tsg {

class ChunkedUploads {
public:
    static constexpr qint64 kChunkSize = 1 << 20; // bytes of payload per binary frame, at most
    static constexpr qint64 kWindow = 4 << 20;    // bytes a client may send ahead of the acknowledgements

    explicit ChunkedUploads(const DataFolder &folder);
    ~ChunkedUploads();

    // Reads the uploads an earlier run left; damaged ones are removed.
    void load();

    // Files and target are already validated by the caller. Refused over the caps in `limits`.
    Result<ChunkedUploadInfo> begin(const UploadTarget &target, const QList<ChunkedFileSpec> &files,
                                    const DeskSettings &limits);
    // nullptr with a message when the id is unknown or finished.
    std::shared_ptr<ChunkedUpload> find(const QString &id, QString *whyNot = nullptr) const;
    QList<ChunkedUploadInfo> list() const;

    // For the single-message form: holds `paths` of TSG `tsg` until the returned handle is dropped,
    // or says which open upload (or upload in progress) writes one of them already.
    Result<std::shared_ptr<void>> holdPaths(const QString &tsg, const QStringList &paths);

    // Busy, naming the upload, while an open chunked upload targets TSG `tsg` (its stored name) or a
    // single-message upload holds paths in it: such a TSG is not renamed under them.
    Status tsgFree(const QString &tsg) const;

    // After a successful commit: forget the upload (its folder is gone with the commit).
    void committed(const QString &id);
    Status abort(const QString &id);
    // Removes uploads idle since before `cutoff` that are not being written or committed.
    CleanupService::UploadExpiry expire(const QDateTime &cutoff);

    static bool isValidId(const QString &id) { return isLowerHex(id, 32); }
    // Exactly `length` characters of 0-9a-f: upload ids (32) and SHA-256 digests (64).
    static bool isLowerHex(QStringView text, qsizetype length);

private:
    void forget(const QString &id, const QString &reason);                // m_mutex held
    Status pathsFree(const QString &tsg, const QStringList &paths) const; // m_mutex held
    static QString holdKey(const QString &tsg, const QString &path);

    const DataFolder &m_folder;
    QThreadPool m_writers;  // chunk writers; not the global pool, which the GUI's painting uses
    mutable QMutex m_mutex; // guards the maps; never held across disk work (find() runs per frame)
    QMutex m_beginMutex;    // one begin() at a time, so the caps it checks still hold when it inserts
    QHash<QString, std::shared_ptr<ChunkedUpload>> m_open;
    QHash<QString, QString> m_closed; // id -> why it is gone ("was committed", "was aborted", ...)
    QHash<QString, int> m_held;       // holdKey -> single-message uploads writing it now
};

} // namespace tsg
