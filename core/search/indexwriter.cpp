#include "indexwriter.h"

#include "documentextractor.h"
#include "indexshards.h"
#include "safedir.h"
#include "searchlogging.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <optional>

#include <cerrno>
#include <cstring>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

namespace tsg {

namespace {

const QString kSchemaVersion = QStringLiteral("3");
const QString kMetadataPath = QString::fromUtf16(IndexWriter::kMetadataFile);
constexpr int kChunkBits = IndexWriter::kChunkBits;
// A commit flushes FTS5's pending terms into a new segment, which later merges cost CPU: commits of 64 KiB (64
// small files) made a build a third slower than commits of a few MiB (bench/search/README.md).
constexpr int kFilesPerTransaction = 1024;
// A rebuild reads the next batch of files on a second thread while it stores this one; a batch stops at this
// many bytes, and a larger file is read alone, with nothing read ahead, so that memory stays bounded.
constexpr qint64 kReadAheadBytes = 8 << 20;
// What each shard's FTS5 may hold in memory before it writes a segment (kSchema). 8 MiB rather than 1: a build
// took a tenth less CPU; 64 MiB took a fifth less, but a large log's terms then stayed in memory whole, and two
// shards reading one each went 180 MB above idle (bench/search/README.md).
constexpr qint64 kPendingTermsBytes = 8 << 20;
// Pages of 16 KiB rather than SQLite's 4 KiB: a quarter of the reads and writes, each a system call, and a fifth
// less CPU for a build (bench/search/README.md).
constexpr int kPageSize = 16 << 10;
// Pages in the write-ahead log before SQLite copies them into the file: more than a transaction writes, so that a
// build copies each page fewer times.
constexpr int kWalPagesBeforeCheckpoint = 4000;
// A reconcile that leaves more than this share of the file's pages free (segments merged away, files that went)
// ends with a VACUUM, which gives them back to the disk.
constexpr double kMaxFreeShare = 0.05;

qint64 mtimeNsOf(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// Rows of `bodies` whose file is gone are only forgotten by a rebuild (see kSchema); one runs when they are more
// than this many and more than the rows still in use.
constexpr qint64 kMinDeadRowsForRebuild = 20000;

// Markers that highlight() puts around matches must not occur in the text itself.
QString cleanText(QString text)
{
    text.replace(QChar(1), QLatin1Char(' '));
    text.replace(QChar(2), QLatin1Char(' '));
    return text;
}

// The schema: a row in `files` per file (and per TSG, for its metadata entry), and three full-text tables.
// - `about`: a TSG's name (chunk 0), description (1) and tags (2, 3, …); rowid (metadata entry's id << kChunkBits)
//   | chunk, so that a hit says what it is without a lookup.
// - `paths`: a file's path, rowid its `files.id`, read back from `files` (content = 'files').
// - `bodies`: a file's text, a row per block of 40 lines (or per PDF page), rowid its `blocks.id`. It keeps no copy
//   of the text (content = ''): the index stays a fraction of the text's size, and a hit's snippet is cut from the
//   file on disk at `blocks.offset` (a PDF page's text is kept in `blocks.text`). Block ids are dense, so the
//   full-text index stores small rowid deltas. SQLite 3.40 cannot delete such a row without its old text, so a
//   file's rows are left behind when it changes or goes (searches join them with `blocks`, where they are gone),
//   and counted in meta 'dead' until a rebuild (kMinDeadRowsForRebuild).
const QStringList kSchema = {
    QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value)"),
    QStringLiteral("CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT, tsg TEXT NOT NULL, path TEXT NOT NULL,"
                   " size INTEGER NOT NULL, mtime INTEGER NOT NULL, type TEXT NOT NULL, encoding INTEGER NOT NULL,"
                   " first_block INTEGER NOT NULL, blocks INTEGER NOT NULL, UNIQUE(tsg, path))"),
    QStringLiteral("CREATE TABLE tags(tsg TEXT NOT NULL, tag TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX tags_by_tag ON tags(tag)"),
    QStringLiteral("CREATE INDEX tags_by_tsg ON tags(tsg)"),
    // `number`: the block's number in its file (1-based; its first line is (number - 1) * 40 + 1) or its page.
    QStringLiteral("CREATE TABLE blocks(id INTEGER PRIMARY KEY AUTOINCREMENT, file INTEGER NOT NULL,"
                   " number INTEGER NOT NULL, offset INTEGER NOT NULL, text TEXT)"),
    QStringLiteral("CREATE VIRTUAL TABLE about USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"),
    QStringLiteral("CREATE VIRTUAL TABLE paths USING fts5(path, content = 'files', content_rowid = 'id',"
                   " tokenize = 'unicode61 remove_diacritics 2')"),
    QStringLiteral("CREATE VIRTUAL TABLE bodies USING fts5(text, content = '',"
                   " tokenize = 'unicode61 remove_diacritics 2')"),
    // FTS5 writes its pending terms out as a new segment whenever they pass 'hashsize' (1 MiB by default), and
    // merges segments later: fewer, larger segments cost a build less CPU (kPendingTermsBytes).
    QStringLiteral("INSERT INTO bodies(bodies, rank) VALUES ('hashsize', %1)").arg(kPendingTermsBytes),
    QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema', '%1'), ('dead', 0)").arg(kSchemaVersion),
};

Error writeError(const QString &what, const QSqlError &error)
{
    qCWarning(lcSearch) << "index write failed:" << what << error.text();
    return Error::io(QStringLiteral("The search index could not be updated (%1)").arg(what));
}

} // namespace

struct IndexWriter::Statements {
    explicit Statements(const QSqlDatabase &db)
        : insertFile(db), insertAbout(db), insertPath(db), insertBlock(db), insertBody(db), setFirstBlock(db),
          findFile(db), dropAbout(db), dropPath(db), dropBlocks(db), dropFile(db), dropTags(db), addDead(db)
    {
        insertFile.prepare(QStringLiteral("INSERT INTO files(tsg, path, size, mtime, type, encoding, first_block,"
                                          " blocks) VALUES (?, ?, ?, ?, ?, ?, 0, ?)"));
        insertAbout.prepare(QStringLiteral("INSERT INTO about(rowid, text) VALUES (?, ?)"));
        insertPath.prepare(QStringLiteral("INSERT INTO paths(rowid, path) VALUES (?, ?)"));
        insertBlock.prepare(QStringLiteral("INSERT INTO blocks(file, number, offset, text) VALUES (?, ?, ?, ?)"));
        insertBody.prepare(QStringLiteral("INSERT INTO bodies(rowid, text) VALUES (?, ?)"));
        setFirstBlock.prepare(QStringLiteral("UPDATE files SET first_block = ? WHERE id = ?"));
        findFile.prepare(QStringLiteral("SELECT id, first_block, blocks FROM files WHERE tsg = ? AND path = ?"));
        dropAbout.prepare(QStringLiteral("DELETE FROM about WHERE rowid BETWEEN ? AND ?"));
        dropPath.prepare(QStringLiteral("INSERT INTO paths(paths, rowid, path) VALUES ('delete', ?, ?)"));
        dropBlocks.prepare(QStringLiteral("DELETE FROM blocks WHERE id BETWEEN ? AND ?"));
        dropFile.prepare(QStringLiteral("DELETE FROM files WHERE id = ?"));
        dropTags.prepare(QStringLiteral("DELETE FROM tags WHERE tsg = ?"));
        addDead.prepare(QStringLiteral("UPDATE meta SET value = value + ? WHERE key = 'dead'"));
    }
    QSqlQuery insertFile, insertAbout, insertPath, insertBlock, insertBody, setFirstBlock, findFile, dropAbout,
        dropPath, dropBlocks, dropFile, dropTags, addDead;
};

void IndexWriter::lowerThreadPriority()
{
    constexpr int kNice = 10;
    if (::setpriority(PRIO_PROCESS, id_t(::gettid()), kNice) != 0)
        qCDebug(lcSearch) << "could not lower the index thread's priority:" << strerror(errno);
}

IndexWriter::IndexWriter(QString tsgsDir, QString indexFile, int shard, QObject *parent)
    : QObject(parent), m_tsgsDir(std::move(tsgsDir)), m_indexFile(std::move(indexFile)), m_shard(shard),
      m_connection(QStringLiteral("tsgdesk-search-writer-%1").arg(quintptr(this), 0, 16))
{}

IndexWriter::~IndexWriter()
{
    closeConnection();
}

void IndexWriter::closeConnection()
{
    m_statements.reset(); // before the connection they belong to
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Status IndexWriter::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql))
        return writeError(sql.left(40), q.lastError());
    return {};
}

Status IndexWriter::begin()
{
    if (!QSqlDatabase::database(m_connection, false).transaction())
        return writeError(QStringLiteral("begin"), QSqlDatabase::database(m_connection, false).lastError());
    return {};
}

Status IndexWriter::commit()
{
    if (!QSqlDatabase::database(m_connection, false).commit())
        return writeError(QStringLiteral("commit"), QSqlDatabase::database(m_connection, false).lastError());
    return {};
}

void IndexWriter::rollback()
{
    QSqlDatabase::database(m_connection, false).rollback();
}

bool IndexWriter::healthy()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
        return false;
    QSqlQuery v(QSqlDatabase::database(m_connection, false));
    return v.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema'")) && v.next()
        && v.value(0).toString() == kSchemaVersion;
}

Status IndexWriter::createSchema()
{
    if (auto s = begin(); !s.ok())
        return s;
    for (const QString &sql : kSchema) {
        if (auto s = exec(sql); !s.ok()) {
            rollback();
            return s;
        }
    }
    return commit();
}

Status IndexWriter::connect(const QString &file)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(file);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return writeError(QStringLiteral("open"), db.lastError());
    return {};
}

Status IndexWriter::open()
{
    closeConnection();
    QDir().mkpath(QFileInfo(m_indexFile).absolutePath());
    if (!QFile::exists(m_indexFile))
        return create();
    if (!connect(m_indexFile).ok() || !healthy()) {
        qCWarning(lcSearch) << "the search index is corrupt or of another version; rebuilding it";
        return create();
    }
    return configure();
}

Status IndexWriter::create()
{
    closeConnection();
    // The new file gets its tables under another name and is renamed into place, so that a search never opens an
    // index without tables (it finds either no file, and no hits, or an empty index). A stale -wal next to a new
    // database would be replayed into it: remove the three files together.
    const QString building = m_indexFile + QStringLiteral(".new");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile::remove(m_indexFile + suffix);
        QFile::remove(building + suffix);
    }
    if (auto s = connect(building); !s.ok())
        return s;
    if (auto s = exec(QStringLiteral("PRAGMA page_size = %1").arg(kPageSize)); !s.ok()) // before the first table
        return s;
    if (auto s = createSchema(); !s.ok())
        return s;
    closeConnection();
    if (!QFile::rename(building, m_indexFile)) {
        qCWarning(lcSearch) << "could not rename" << building << "to" << m_indexFile;
        return Error::io(QStringLiteral("The search index could not be created"));
    }
    if (auto s = connect(m_indexFile); !s.ok())
        return s;
    return configure();
}

Status IndexWriter::configure()
{
    for (const QString &pragma :
         {QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = NORMAL"),
          QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(kWalPagesBeforeCheckpoint)})
        if (auto s = exec(pragma); !s.ok())
            return s;
    m_statements = std::make_unique<Statements>(QSqlDatabase::database(m_connection, false));
    return {};
}

Status IndexWriter::rebuildIfMostlyDead()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT (SELECT value FROM meta WHERE key = 'dead'), (SELECT total(blocks) FROM files)"))
        || !q.next())
        return writeError(QStringLiteral("count rows"), q.lastError());
    const qint64 dead = q.value(0).toLongLong();
    const qint64 live = q.value(1).toLongLong();
    q.finish();
    if (dead <= kMinDeadRowsForRebuild || dead <= live)
        return {};
    qCInfo(lcSearch) << "rebuilding the search index:" << dead << "of its" << dead + live
                     << "text rows are of files that changed or went";
    return create();
}

namespace {

// Every regular file below `dir`, each folder opened relative to its parent without following links; symlinks,
// devices and hidden entries are left out.
Status walk(const SafeDir &dir, const QString &prefix, QList<IndexWriter::DiskFile> &files)
{
    auto names = dir.entries();
    if (!names.ok())
        return names.error();
    for (const QString &name : std::as_const(names.value())) {
        if (name.startsWith(QLatin1Char('.')))
            continue;
        auto st = dir.stat(name);
        if (!st.ok() || !st.value())
            continue;
        const QString path = prefix + name;
        if (S_ISDIR(st.value()->st_mode)) {
            if (auto sub = dir.subdir(name); sub.ok())
                if (auto s = walk(sub.value(), path + QLatin1Char('/'), files); !s.ok())
                    return s;
        } else if (S_ISREG(st.value()->st_mode)) {
            files << IndexWriter::DiskFile{.path = path,
                                           .size = st.value()->st_size,
                                           .mtimeNs = mtimeNsOf(*st.value())};
        } else {
            qCDebug(lcSearch) << "not indexed (not a regular file or folder):" << path;
        }
    }
    return {};
}

} // namespace

Result<QList<IndexWriter::DiskFile>> IndexWriter::scanTsg(const SafeDir &tsgDir) const
{
    QList<DiskFile> files;
    DiskFile meta{.path = kMetadataPath, .size = -1, .mtimeNs = 0};
    if (auto st = tsgDir.stat(kMetadataPath); st.ok() && st.value() && S_ISREG(st.value()->st_mode))
        meta = {.path = kMetadataPath, .size = st.value()->st_size, .mtimeNs = mtimeNsOf(*st.value())};
    files << meta;
    if (auto s = walk(tsgDir, QString(), files); !s.ok())
        return s.error();
    return files;
}

Result<qint64> IndexWriter::insertFileRow(const QString &tsgName, const DiskFile &file, const QString &type,
                                          TextDecoder::Encoding encoding, qsizetype blocks)
{
    QSqlQuery &q = m_statements->insertFile;
    q.addBindValue(tsgName);
    q.addBindValue(file.path);
    q.addBindValue(file.size);
    q.addBindValue(file.mtimeNs);
    q.addBindValue(type);
    q.addBindValue(int(encoding));
    q.addBindValue(qint64(blocks));
    if (!q.exec())
        return writeError(QStringLiteral("file row"), q.lastError());
    return q.lastInsertId().toLongLong();
}

Status IndexWriter::insertRow(QSqlQuery &q, qint64 rowid, const QVariant &text)
{
    q.addBindValue(rowid);
    q.addBindValue(text);
    if (!q.exec())
        return writeError(QStringLiteral("text row"), q.lastError());
    return {};
}

Status IndexWriter::dropFileRows(const QString &tsgName, const QString &path)
{
    QSqlQuery &find = m_statements->findFile;
    find.addBindValue(tsgName);
    find.addBindValue(path);
    if (!find.exec())
        return writeError(QStringLiteral("find file"), find.lastError());
    const bool found = find.next();
    const qint64 id = found ? find.value(0).toLongLong() : 0;
    const qint64 firstBlock = found ? find.value(1).toLongLong() : 0;
    const qint64 blocks = found ? find.value(2).toLongLong() : 0;
    find.finish();
    if (!found)
        return {};
    QList<QSqlQuery *> statements;
    if (path == kMetadataPath) {
        QSqlQuery &about = m_statements->dropAbout;
        about.addBindValue(id << kChunkBits);
        about.addBindValue(((id + 1) << kChunkBits) - 1);
        QSqlQuery &tags = m_statements->dropTags;
        tags.addBindValue(tsgName);
        statements << &about << &tags;
    } else {
        QSqlQuery &text = m_statements->dropPath; // before its row in `files`, where it reads the path from
        text.addBindValue(id);
        text.addBindValue(cleanText(path)); // exactly as it was indexed
        statements << &text;
    }
    if (blocks > 0) {
        QSqlQuery &ranges = m_statements->dropBlocks;
        ranges.addBindValue(firstBlock);
        ranges.addBindValue(firstBlock + blocks - 1);
        QSqlQuery &dead = m_statements->addDead;
        dead.addBindValue(blocks);
        statements << &ranges << &dead;
    }
    QSqlQuery &row = m_statements->dropFile;
    row.addBindValue(id);
    statements << &row;
    for (QSqlQuery *q : std::as_const(statements))
        if (!q->exec())
            return writeError(QStringLiteral("drop file"), q->lastError());
    return {};
}

Status IndexWriter::dropTsgRows(const QString &tsgName)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT path FROM files WHERE tsg = ?"));
    q.addBindValue(tsgName);
    if (!q.exec())
        return writeError(QStringLiteral("list files"), q.lastError());
    QStringList paths;
    while (q.next())
        paths << q.value(0).toString();
    for (const QString &path : std::as_const(paths))
        if (auto s = dropFileRows(tsgName, path); !s.ok())
            return s;
    return {};
}

Status IndexWriter::indexFile(const QString &tsgName, const SafeDir &tsgDir, const DiskFile &file, Held held)
{
    if (held == Held::Maybe)
        if (auto s = dropFileRows(tsgName, file.path); !s.ok())
            return s;
    if (file.path != kMetadataPath)
        return storeDocument(tsgName, file, readDocument(tsgDir, file));
    // The TSG itself: its name, description and tags, as core/tsgstore.cpp writes them.
    QJsonObject meta;
    if (file.size >= 0) {
        if (auto bytes = tsgDir.readFile(kMetadataPath, 1 << 20); bytes.ok())
            meta = QJsonDocument::fromJson(bytes.value()).object();
    }
    auto id = insertFileRow(tsgName, file, QStringLiteral("tsg"), TextDecoder::Encoding::Utf8, 0);
    if (!id.ok())
        return id.error();
    const qint64 rowid = id.value() << kChunkBits;
    QSqlQuery &about = m_statements->insertAbout;
    if (auto s = insertRow(about, rowid + kNameChunk, cleanText(tsgName)); !s.ok())
        return s;
    const QString description = meta.value(u"description").toString();
    if (!description.trimmed().isEmpty())
        if (auto s = insertRow(about, rowid + kDescriptionChunk, cleanText(description)); !s.ok())
            return s;
    QSqlQuery tagRow(QSqlDatabase::database(m_connection, false));
    tagRow.prepare(QStringLiteral("INSERT INTO tags(tsg, tag) VALUES (?, ?)"));
    qint64 chunk = kFirstTagChunk;
    const QJsonArray tags = meta.value(u"tags").toArray();
    for (const QJsonValue &tag : tags) {
        if (!tag.isString() || tag.toString().trimmed().isEmpty())
            continue;
        if (auto s = insertRow(about, rowid + chunk++, cleanText(tag.toString())); !s.ok())
            return s;
        tagRow.addBindValue(tsgName);
        tagRow.addBindValue(tag.toString().trimmed().toLower());
        if (!tagRow.exec())
            return writeError(QStringLiteral("tag row"), tagRow.lastError());
    }
    return {};
}

DocumentExtractor::Document IndexWriter::readDocument(const SafeDir &tsgDir, const DiskFile &file)
{
    const qsizetype slash = file.path.lastIndexOf(QLatin1Char('/'));
    const QString name = file.path.mid(slash + 1);
    DocumentExtractor::Document doc{.type = DocumentExtractor::typeOf(name),
                                    .encoding = TextDecoder::Encoding::Utf8,
                                    .utf8 = {},
                                    .blocks = {}};
    auto extract = [&](const SafeDir &dir) {
        auto extracted = DocumentExtractor::extract(dir, name, file.path);
        if (extracted.ok())
            doc = std::move(extracted.value());
        else
            qCInfo(lcSearch) << "indexing by name only:" << extracted.error().message;
    };
    if (slash < 0)
        extract(tsgDir);
    else if (auto dir = tsgDir.subpath(file.path.left(slash)); dir.ok())
        extract(dir.value());
    return doc;
}

Status IndexWriter::storeDocument(const QString &tsgName, const DiskFile &file, const DocumentExtractor::Document &doc)
{
    // A regular file: its path always, its text when it has some.
    auto id = insertFileRow(tsgName, file, doc.type, doc.encoding, doc.blocks.size());
    if (!id.ok())
        return id.error();
    if (auto s = insertRow(m_statements->insertPath, id.value(), cleanText(file.path)); !s.ok())
        return s;
    QSqlQuery &block = m_statements->insertBlock;
    for (qsizetype i = 0; i < doc.blocks.size(); ++i) {
        const DocumentExtractor::Block &b = doc.blocks.at(i);
        const QByteArrayView text = doc.text(b);
        block.addBindValue(id.value());
        block.addBindValue(b.page > 0 ? b.page : qint64(i + 1));
        block.addBindValue(b.fileOffset);
        block.addBindValue(b.page > 0 ? QVariant(QString::fromUtf8(text)) : QVariant());
        if (!block.exec())
            return writeError(QStringLiteral("block row"), block.lastError());
        const qint64 blockId = block.lastInsertId().toLongLong();
        // The UTF-8 bytes as they are, bound as a blob: FTS5 tokenizes a blob's bytes as text, and a QString
        // would be converted to UTF-16 and back.
        if (auto s = insertRow(m_statements->insertBody, blockId, QByteArray::fromRawData(text.data(), text.size()));
            !s.ok())
            return s;
        if (i == 0) {
            QSqlQuery &first = m_statements->setFirstBlock;
            first.addBindValue(blockId);
            first.addBindValue(id.value());
            if (!first.exec())
                return writeError(QStringLiteral("file row"), first.lastError());
        }
    }
    return {};
}

Status IndexWriter::indexTsgWhole(const QString &tsgName, const SafeDir &tsgDir)
{
    auto files = scanTsg(tsgDir);
    if (!files.ok())
        return files.error();
    if (auto s = dropTsgRows(tsgName); !s.ok())
        return s;
    for (const DiskFile &file : std::as_const(files.value()))
        if (auto s = indexFile(tsgName, tsgDir, file, Held::No); !s.ok())
            return s;
    return {};
}

Status IndexWriter::reindexTsg(const QString &name)
{
    auto root = SafeDir::openRoot(m_tsgsDir);
    if (!root.ok())
        return root.error();
    if (auto s = begin(); !s.ok())
        return s;
    auto dir = root.value().subdir(name);
    Status s = dir.ok() ? indexTsgWhole(name, dir.value()) : dropTsgRows(name);
    if (!s.ok()) {
        rollback();
        return s;
    }
    return commit();
}

Status IndexWriter::reindexFile(const QString &tsgName, const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('.')) || path.contains(QLatin1String("/.")))
        return Error::invalid(QStringLiteral("'%1' is not a file that the index holds").arg(path));
    auto root = SafeDir::openRoot(m_tsgsDir);
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(tsgName);
    if (!dir.ok())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(tsgName));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    std::optional<DiskFile> file;
    auto statIn = [&](const SafeDir &parent) {
        auto st = parent.stat(path.mid(slash + 1));
        if (st.ok() && st.value() && S_ISREG(st.value()->st_mode))
            file = DiskFile{.path = path, .size = st.value()->st_size, .mtimeNs = mtimeNsOf(*st.value())};
    };
    if (slash < 0)
        statIn(dir.value());
    else if (auto parent = dir.value().subpath(path.left(slash)); parent.ok())
        statIn(parent.value());
    if (auto s = begin(); !s.ok())
        return s;
    Status s = file ? indexFile(tsgName, dir.value(), *file) : dropFileRows(tsgName, path);
    if (!s.ok()) {
        rollback();
        return s;
    }
    return commit();
}

Status IndexWriter::removeFile(const QString &tsgName, const QString &path)
{
    if (auto s = begin(); !s.ok())
        return s;
    if (auto s = dropFileRows(tsgName, path); !s.ok()) {
        rollback();
        return s;
    }
    return commit();
}

Status IndexWriter::removeTsg(const QString &name)
{
    if (auto s = begin(); !s.ok())
        return s;
    if (auto s = dropTsgRows(name); !s.ok()) {
        rollback();
        return s;
    }
    return commit();
}

Status IndexWriter::renameTsg(const QString &oldName, const QString &newName)
{
    auto root = SafeDir::openRoot(m_tsgsDir);
    if (!root.ok())
        return root.error();
    auto dir = root.value().subdir(newName);
    if (!dir.ok())
        return Error::notFound(QStringLiteral("TSG '%1' not found").arg(newName));
    if (auto s = begin(); !s.ok())
        return s;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    bool ok = true;
    for (const QString &table : {QStringLiteral("files"), QStringLiteral("tags")}) {
        q.prepare(QStringLiteral("UPDATE %1 SET tsg = ? WHERE tsg = ?").arg(table));
        q.addBindValue(newName);
        q.addBindValue(oldName);
        ok = ok && q.exec();
    }
    if (!ok) {
        const Error error = writeError(QStringLiteral("rename"), q.lastError());
        rollback();
        return error;
    }
    // The name chunk carries the old name: re-read the metadata under the new one.
    auto files = scanTsg(dir.value());
    Status s = files.ok() ? indexFile(newName, dir.value(), files.value().first()) : Status(files.error());
    if (!s.ok()) {
        rollback();
        return s;
    }
    return commit();
}

Status IndexWriter::reconcile()
{
    if (auto s = rebuildIfMostlyDead(); !s.ok())
        return s;
    auto root = SafeDir::openRoot(m_tsgsDir);
    if (!root.ok())
        return root.error();
    auto names = root.value().entries();
    if (!names.ok())
        return names.error();
    // What the index holds: (tsg, path) -> (size, mtime).
    QHash<QString, QHash<QString, std::pair<qint64, qint64>>> indexed;
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (!q.exec(QStringLiteral("SELECT tsg, path, size, mtime FROM files")))
            return writeError(QStringLiteral("list index"), q.lastError());
        while (q.next())
            indexed[q.value(0).toString()].insert(q.value(1).toString(),
                                                  {q.value(2).toLongLong(), q.value(3).toLongLong()});
    }
    struct Work {
        QString tsg;
        DiskFile file;
        Held held = Held::Maybe;
    };
    QList<Work> toRead;
    QList<std::pair<QString, QString>> toDrop;
    std::map<QString, SafeDir> dirs;
    for (const QString &name : std::as_const(names.value())) {
        if (name.startsWith(QLatin1Char('.')) || IndexShards::of(name) != m_shard)
            continue;                         // another shard's TSG: its rows here, if any, are dropped below
        auto dir = root.value().subdir(name); // refuses a symlink in place of a TSG folder
        if (!dir.ok())
            continue;
        auto files = scanTsg(dir.value());
        if (!files.ok()) {
            qCWarning(lcSearch) << "could not list TSG" << name << files.error().message;
            continue;
        }
        QHash<QString, std::pair<qint64, qint64>> held = indexed.take(name);
        for (const DiskFile &file : std::as_const(files.value())) {
            const auto it = held.constFind(file.path);
            if (it == held.constEnd())
                toRead << Work{.tsg = name, .file = file, .held = Held::No};
            else if (it->first != file.size || it->second != file.mtimeNs)
                toRead << Work{.tsg = name, .file = file, .held = Held::Maybe};
            held.remove(file.path);
        }
        for (auto it = held.cbegin(); it != held.cend(); ++it)
            toDrop << std::pair{name, it.key()};
        dirs.emplace(name, std::move(dir.value()));
    }
    for (auto it = indexed.cbegin(); it != indexed.cend(); ++it)
        for (auto f = it->cbegin(); f != it->cend(); ++f)
            toDrop << std::pair{it.key(), f.key()};

    const int total = int(toRead.size());
    qCInfo(lcSearch) << "reconcile:" << total << "files to read," << toDrop.size() << "to drop";
    emit progress(0, total);
    if (auto s = begin(); !s.ok())
        return s;
    for (const auto &[tsg, path] : std::as_const(toDrop)) {
        if (auto s = dropFileRows(tsg, path); !s.ok()) {
            rollback();
            emit progress(0, 0);
            return s;
        }
    }
    // Batches of at most kFilesPerTransaction files and kReadAheadBytes bytes, each committed on its own so that
    // searches see the index grow; the next batch's files are read on a second thread meanwhile.
    const auto isLarge = [&](int i) { return toRead.at(i).file.size > kReadAheadBytes; };
    const auto batchEnd = [&](int from) {
        if (from < total && isLarge(from))
            return from + 1; // alone
        int end = from;
        qint64 bytes = 0;
        while (end < total && end - from < kFilesPerTransaction && !isLarge(end)
               && (end == from || bytes + toRead.at(end).file.size <= kReadAheadBytes))
            bytes += std::max<qint64>(0, toRead.at(end++).file.size);
        return end;
    };
    using Documents = QList<std::optional<DocumentExtractor::Document>>; // none for a TSG's metadata
    const auto readBatch = [&toRead, &dirs](int from, int to) {
        lowerThreadPriority();
        Documents docs;
        for (int i = from; i < to; ++i) {
            const Work &work = toRead.at(i);
            if (work.file.path == kMetadataPath)
                docs << std::nullopt;
            else
                docs << readDocument(dirs.at(work.tsg), work.file);
        }
        return docs;
    };
    QThreadPool reader;
    reader.setMaxThreadCount(1);
    QFuture<Documents> ahead;
    const auto fail = [&](const Status &s) {
        if (ahead.isValid())
            ahead.waitForFinished();
        rollback();
        emit progress(0, 0);
        return s;
    };
    for (int from = 0, to = batchEnd(0); from < total;) {
        const Documents docs = ahead.isValid() ? ahead.result() : readBatch(from, to);
        const int nextFrom = to;
        const int nextTo = batchEnd(nextFrom);
        ahead = {};
        if (nextFrom < total && !isLarge(from) && !isLarge(nextFrom))
            ahead = QtConcurrent::run(&reader, readBatch, nextFrom, nextTo);
        for (int i = from; i < to; ++i) {
            const Work &work = toRead.at(i);
            const auto &doc = docs.at(i - from);
            Status s;
            if (!doc)
                s = indexFile(work.tsg, dirs.at(work.tsg), work.file, work.held);
            else if (work.held == Held::Maybe)
                s = dropFileRows(work.tsg, work.file.path);
            if (s.ok() && doc)
                s = storeDocument(work.tsg, work.file, *doc);
            if (!s.ok())
                return fail(s);
            emit progress(i + 1, total);
        }
        if (nextFrom < total) {
            if (auto s = commit(); !s.ok())
                return fail(s);
            if (auto s = begin(); !s.ok())
                return fail(s);
        }
        from = nextFrom;
        to = nextTo;
    }
    Status done = commit();
    if (done.ok())
        done = vacuumIfMostlyFree();
#ifdef __GLIBC__
    ::malloc_trim(0); // what the build's batches and FTS5's pending terms used goes back to the system now
#endif
    emit progress(0, 0);
    return done;
}

Status IndexWriter::vacuumIfMostlyFree()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT (SELECT freelist_count FROM pragma_freelist_count),"
                               " (SELECT page_count FROM pragma_page_count)"))
        || !q.next())
        return writeError(QStringLiteral("count pages"), q.lastError());
    const qint64 free = q.value(0).toLongLong();
    const qint64 pages = q.value(1).toLongLong();
    q.finish();
    if (free <= pages * kMaxFreeShare)
        return {};
    qCInfo(lcSearch) << "compacting the search index:" << free << "of its" << pages << "pages are free";
    return exec(QStringLiteral("VACUUM"));
}

} // namespace tsg
