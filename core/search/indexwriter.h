// Everything that writes one file of the search index (a shard, see IndexShards): the schema, a rebuild when the
// file is missing or corrupt, and the updates the library asks for. One object per shard, on a thread of its own;
// the only writer of its file.
#pragma once

#include "result.h"

#include "documentextractor.h"

#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

#include <sys/stat.h>

class QSqlQuery;

namespace tsg {

class SafeDir;

class IndexWriter : public QObject {
    Q_OBJECT
public:
    // A row of full-text table `about` (a TSG's name, description and tags) has rowid (the TSG's metadata entry's
    // file id << kChunkBits) | its chunk; the reader tells a name from a tag by it without reading the row.
    static constexpr int kChunkBits = 24;
    // Chunks of a TSG's metadata entry (table `about`).
    static constexpr qint64 kNameChunk = 0;
    static constexpr qint64 kDescriptionChunk = 1;
    static constexpr qint64 kFirstTagChunk = 2;
    static constexpr const char16_t *kMetadataFile = u".metadata.json";

    // `tsgsDir` is the data folder's tsgs/; `indexFile` the SQLite file of shard `shard`, which holds the TSGs
    // IndexShards::of() gives it. Nothing is opened yet.
    IndexWriter(QString tsgsDir, QString indexFile, int shard, QObject *parent = nullptr);
    ~IndexWriter() override;

    // Lowers the calling thread's priority (nice 10: Linux schedules each thread on its own), for the threads that
    // build the index, so that the window and the server get a core first while it builds.
    static void lowerThreadPriority();

    // All of these run on the thread the object lives on, one at a time.
    // Opens the index; a missing file, or one that is corrupt or of another schema, is replaced by an empty one
    // (the caller then runs reconcile() to fill it).
    Status open();
    // Compares sizes and mtimes on disk with the index and re-reads only the files that changed, appeared or went,
    // of this shard's TSGs (rows of any other TSG are dropped). First rebuilds the index when most of its text rows
    // belong to files that changed or went (see kSchema in indexwriter.cpp).
    Status reconcile();
    // Re-reads a TSG's metadata and all its files (or drops it when its folder is gone).
    Status reindexTsg(const QString &name);
    // Re-reads one file (a relative '/'-separated path); drops it when it is gone or is not a regular file.
    Status reindexFile(const QString &tsgName, const QString &path);
    Status removeFile(const QString &tsgName, const QString &path);
    Status removeTsg(const QString &name);
    // Moves a TSG's entries to its new name; the folder must already have the new name on disk.
    Status renameTsg(const QString &oldName, const QString &newName);

signals:
    // During reconcile(): `done` of `total` files read. (0, 0) when it ends.
    void progress(int done, int total);

public:
    struct DiskFile {
        QString path;     // relative to the TSG folder; ".metadata.json" for the TSG's metadata
        qint64 size = -1; // -1: the metadata file is missing
        qint64 mtimeNs = 0;
    };

private:
    struct Statements; // the statements of every update, prepared once per connection
    // Whether indexFile() must first drop the rows of an earlier version of the file.
    enum class Held { Maybe, No };

    Status exec(const QString &sql);
    Status connect(const QString &file);
    // An empty index in place of whatever file is there, then configure().
    Status create();
    Status configure();
    Status createSchema();
    Status rebuildIfMostlyDead();
    Status vacuumIfMostlyFree();
    bool healthy();
    void closeConnection();
    Status begin();
    Status commit();
    void rollback();
    Result<QList<DiskFile>> scanTsg(const SafeDir &tsgDir) const;
    Status dropTsgRows(const QString &tsgName);
    Status dropFileRows(const QString &tsgName, const QString &path);
    Status indexFile(const QString &tsgName, const SafeDir &tsgDir, const DiskFile &file, Held held = Held::Maybe);
    // Reads a regular file's text (no database work: any thread may call it).
    static DocumentExtractor::Document readDocument(const SafeDir &tsgDir, const DiskFile &file);
    Status storeDocument(const QString &tsgName, const DiskFile &file, const DocumentExtractor::Document &doc);
    Status indexTsgWhole(const QString &tsgName, const SafeDir &tsgDir);
    Result<qint64> insertFileRow(const QString &tsgName, const DiskFile &file, const QString &type,
                                 TextDecoder::Encoding encoding, qsizetype blocks);
    Status insertRow(QSqlQuery &statement, qint64 rowid, const QVariant &text);

    const QString m_tsgsDir;
    const QString m_indexFile;
    const int m_shard;
    const QString m_connection;
    std::unique_ptr<Statements> m_statements; // while the connection is open
};

} // namespace tsg
