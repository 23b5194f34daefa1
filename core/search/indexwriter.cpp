#include "indexwriter.h"

#include "documentextractor.h"
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

#include <map>

namespace tsg {

namespace {

const QString kSchemaVersion = QStringLiteral("1");
const QString kMetadataPath = QStringLiteral(".metadata.json");
constexpr int kChunkBits = 24; // a chunk's rowid is (file id << kChunkBits) | its number in the file
constexpr int kFilesPerTransaction = 64;

qint64 mtimeNsOf(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// Markers that highlight() puts around matches must not occur in the text itself.
QString cleanText(QString text)
{
    text.replace(QChar(1), QLatin1Char(' '));
    text.replace(QChar(2), QLatin1Char(' '));
    return text;
}

Error writeError(const QString &what, const QSqlError &error)
{
    qCWarning(lcSearch) << "index write failed:" << what << error.text();
    return Error::io(QStringLiteral("The search index could not be updated (%1)").arg(what));
}

} // namespace

IndexWriter::IndexWriter(QString tsgsDir, QString indexFile, QObject *parent)
    : QObject(parent), m_tsgsDir(std::move(tsgsDir)), m_indexFile(std::move(indexFile)),
      m_connection(QStringLiteral("tsgdesk-search-writer-%1").arg(quintptr(this), 0, 16))
{}

IndexWriter::~IndexWriter()
{
    closeConnection();
}

void IndexWriter::closeConnection()
{
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
    const QStringList statements = {
        QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"),
        QStringLiteral("CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT, tsg TEXT NOT NULL, path TEXT NOT NULL,"
                       " size INTEGER NOT NULL, mtime INTEGER NOT NULL, UNIQUE(tsg, path))"),
        QStringLiteral("CREATE TABLE tags(tsg TEXT NOT NULL, tag TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX tags_by_tag ON tags(tag)"),
        QStringLiteral("CREATE INDEX tags_by_tsg ON tags(tsg)"),
        QStringLiteral("CREATE VIRTUAL TABLE chunks USING fts5(body, tsg UNINDEXED, path UNINDEXED, kind UNINDEXED,"
                       " type UNINDEXED, line UNINDEXED, page UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"),
        QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema', '%1')").arg(kSchemaVersion),
    };
    if (auto s = begin(); !s.ok())
        return s;
    for (const QString &sql : statements) {
        if (auto s = exec(sql); !s.ok()) {
            rollback();
            return s;
        }
    }
    return commit();
}

Status IndexWriter::open()
{
    closeConnection();
    QDir().mkpath(QFileInfo(m_indexFile).absolutePath());
    bool fresh = !QFile::exists(m_indexFile);
    auto connect = [this] {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_indexFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        return db.open();
    };
    if (!fresh && (!connect() || !healthy())) {
        qCWarning(lcSearch) << "the search index is corrupt or of another version; rebuilding it";
        closeConnection();
        fresh = true;
    }
    if (fresh) {
        // A stale -wal next to a new database would be replayed into it: remove the three files together.
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(m_indexFile + suffix);
        if (!connect())
            return writeError(QStringLiteral("open"), QSqlDatabase::database(m_connection, false).lastError());
    }
    for (const QString &pragma :
         {QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = NORMAL")})
        if (auto s = exec(pragma); !s.ok())
            return s;
    if (fresh)
        return createSchema();
    return {};
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

Result<qint64> IndexWriter::insertFileRow(const QString &tsgName, const DiskFile &file)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO files(tsg, path, size, mtime) VALUES (?, ?, ?, ?)"));
    q.addBindValue(tsgName);
    q.addBindValue(file.path);
    q.addBindValue(file.size);
    q.addBindValue(file.mtimeNs);
    if (!q.exec())
        return writeError(QStringLiteral("file row"), q.lastError());
    return q.lastInsertId().toLongLong();
}

Status IndexWriter::insertChunk(qint64 rowid, const QString &text, const QString &tsgName, const QString &path,
                                const QString &kind, const QString &type, int line, int page)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral(
        "INSERT INTO chunks(rowid, body, tsg, path, kind, type, line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(rowid);
    q.addBindValue(cleanText(text));
    q.addBindValue(tsgName);
    q.addBindValue(path);
    q.addBindValue(kind);
    q.addBindValue(type);
    q.addBindValue(line);
    q.addBindValue(page);
    if (!q.exec())
        return writeError(QStringLiteral("chunk"), q.lastError());
    return {};
}

Status IndexWriter::dropFileRows(const QString &tsgName, const QString &path)
{
    QSqlQuery find(QSqlDatabase::database(m_connection, false));
    find.prepare(QStringLiteral("SELECT id FROM files WHERE tsg = ? AND path = ?"));
    find.addBindValue(tsgName);
    find.addBindValue(path);
    if (!find.exec())
        return writeError(QStringLiteral("find file"), find.lastError());
    if (!find.next())
        return {};
    const qint64 id = find.value(0).toLongLong();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM chunks WHERE rowid BETWEEN ? AND ?"));
    q.addBindValue(id << kChunkBits);
    q.addBindValue(((id + 1) << kChunkBits) - 1);
    if (!q.exec())
        return writeError(QStringLiteral("drop chunks"), q.lastError());
    q.prepare(QStringLiteral("DELETE FROM files WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return writeError(QStringLiteral("drop file"), q.lastError());
    if (path == kMetadataPath) {
        q.prepare(QStringLiteral("DELETE FROM tags WHERE tsg = ?"));
        q.addBindValue(tsgName);
        if (!q.exec())
            return writeError(QStringLiteral("drop tags"), q.lastError());
    }
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

Status IndexWriter::indexFile(const QString &tsgName, const SafeDir &tsgDir, const DiskFile &file)
{
    if (auto s = dropFileRows(tsgName, file.path); !s.ok())
        return s;
    if (file.path == kMetadataPath) {
        // The TSG itself: its name, description and tags, as core/tsgstore.cpp writes them.
        QJsonObject meta;
        if (file.size >= 0) {
            if (auto bytes = tsgDir.readFile(kMetadataPath, 1 << 20); bytes.ok())
                meta = QJsonDocument::fromJson(bytes.value()).object();
        }
        auto id = insertFileRow(tsgName, file);
        if (!id.ok())
            return id.error();
        qint64 rowid = id.value() << kChunkBits;
        const QString tsgType = QStringLiteral("tsg");
        if (auto s = insertChunk(rowid++, tsgName, tsgName, QString(), QStringLiteral("name"), tsgType, 0, 0); !s.ok())
            return s;
        const QString description = meta.value(u"description").toString();
        if (!description.trimmed().isEmpty())
            if (auto s =
                    insertChunk(rowid++, description, tsgName, QString(), QStringLiteral("description"), tsgType, 0, 0);
                !s.ok())
                return s;
        QSqlQuery tagRow(QSqlDatabase::database(m_connection, false));
        tagRow.prepare(QStringLiteral("INSERT INTO tags(tsg, tag) VALUES (?, ?)"));
        const QJsonArray tags = meta.value(u"tags").toArray();
        for (const QJsonValue &tag : tags) {
            if (!tag.isString() || tag.toString().trimmed().isEmpty())
                continue;
            if (auto s = insertChunk(rowid++, tag.toString(), tsgName, QString(), QStringLiteral("tag"), tsgType, 0, 0);
                !s.ok())
                return s;
            tagRow.addBindValue(tsgName);
            tagRow.addBindValue(tag.toString().trimmed().toLower());
            if (!tagRow.exec())
                return writeError(QStringLiteral("tag row"), tagRow.lastError());
        }
        return {};
    }
    // A regular file: its path always, its text when it has some.
    const qsizetype slash = file.path.lastIndexOf(QLatin1Char('/'));
    const QString name = file.path.mid(slash + 1);
    DocumentExtractor::Document doc{.type = DocumentExtractor::typeOf(name), .blocks = {}};
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
    auto id = insertFileRow(tsgName, file);
    if (!id.ok())
        return id.error();
    qint64 rowid = id.value() << kChunkBits;
    if (auto s = insertChunk(rowid++, file.path, tsgName, file.path, QStringLiteral("file"), doc.type, 0, 0); !s.ok())
        return s;
    for (const DocumentExtractor::Block &block : std::as_const(doc.blocks))
        if (auto s = insertChunk(rowid++, block.text, tsgName, file.path, QStringLiteral("text"), doc.type,
                                 block.firstLine, block.page);
            !s.ok())
            return s;
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
        if (auto s = indexFile(tsgName, tsgDir, file); !s.ok())
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
    for (const QString &table : {QStringLiteral("files"), QStringLiteral("tags"), QStringLiteral("chunks")}) {
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
    };
    QList<Work> toRead;
    QList<std::pair<QString, QString>> toDrop;
    std::map<QString, SafeDir> dirs;
    for (const QString &name : std::as_const(names.value())) {
        if (name.startsWith(QLatin1Char('.')))
            continue;
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
            if (it == held.constEnd() || it->first != file.size || it->second != file.mtimeNs)
                toRead << Work{.tsg = name, .file = file};
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
    for (int i = 0; i < total; ++i) {
        const Work &work = toRead.at(i);
        if (auto s = indexFile(work.tsg, dirs.at(work.tsg), work.file); !s.ok()) {
            rollback();
            emit progress(0, 0);
            return s;
        }
        if ((i + 1) % kFilesPerTransaction == 0) {
            // Commit in batches so that searches see the index grow while it is rebuilt.
            if (auto s = commit(); !s.ok()) {
                emit progress(0, 0);
                return s;
            }
            if (auto s = begin(); !s.ok()) {
                emit progress(0, 0);
                return s;
            }
        }
        emit progress(i + 1, total);
    }
    const Status done = commit();
    emit progress(0, 0);
    return done;
}

} // namespace tsg
