#include "indexreader.h"

#include "indexshards.h"
#include "indexwriter.h"
#include "queryparser.h"
#include "searchlogging.h"

#include "documentextractor.h"
#include "matchmarker.h"
#include "safedir.h"
#include "textdecoder.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <unistd.h>

namespace tsg {

namespace {

const QChar kOpen(1);
const QChar kClose(2);

// The line of `highlighted` that holds the first match, cut to about kSnippetChars around it, with [[ ]] marks.
// `lineOffset` receives how many lines come before it.
QString snippetOf(const QString &highlighted, int *lineOffset)
{
    qsizetype mark = highlighted.indexOf(kOpen);
    if (mark < 0)
        mark = 0;
    *lineOffset = int(QStringView(highlighted).left(mark).count(QLatin1Char('\n')));
    const qsizetype lineStart = mark == 0 ? 0 : highlighted.lastIndexOf(QLatin1Char('\n'), mark - 1) + 1;
    qsizetype lineEnd = highlighted.indexOf(QLatin1Char('\n'), mark);
    if (lineEnd < 0)
        lineEnd = highlighted.size();
    QString line = highlighted.mid(lineStart, lineEnd - lineStart);
    const qsizetype at = mark - lineStart;
    const int max = IndexReader::kSnippetChars;
    if (line.size() > max) {
        const qsizetype from = std::max<qsizetype>(0, std::min<qsizetype>(at - max / 3, line.size() - max));
        const bool cutStart = from > 0;
        const bool cutEnd = from + max < line.size();
        line = line.mid(from, max);
        // A cut through a marked match keeps its marks balanced.
        const qsizetype firstClose = line.indexOf(kClose);
        if (firstClose >= 0 && (line.indexOf(kOpen) < 0 || line.indexOf(kOpen) > firstClose))
            line.prepend(kOpen);
        if (line.lastIndexOf(kOpen) > line.lastIndexOf(kClose))
            line.append(kClose);
        if (cutStart)
            line.prepend(QChar(0x2026));
        if (cutEnd)
            line.append(QChar(0x2026));
    }
    line.replace(kOpen, QLatin1String("[["));
    line.replace(kClose, QLatin1String("]]"));
    return line.trimmed();
}

Error readError(const QString &what, const QSqlError &error)
{
    qCWarning(lcSearch) << "index read failed:" << what << error.text();
    return Error::io(QStringLiteral("The search index could not be read"));
}

enum Kind { Name, Tag, Description, File, Text };

QString kindName(int kind)
{
    static const QStringList names = {QStringLiteral("name"), QStringLiteral("tag"), QStringLiteral("description"),
                                      QStringLiteral("file"), QStringLiteral("text")};
    return names.at(kind);
}

// One match, before the page is cut: enough to rank it and, once on the page, to make its hit.
struct Match {
    int shard = 0; // the index file it is in: rowid and file are ids of that file
    qint64 rowid = 0;
    int kind = Text;
    double bm25 = 0; // negative, lower for better matches
    QString tsg;
    QString path;
    QString type;
    int encoding = 0;
    qint64 file = 0;     // a body block's `files.id`; tsg, path, type and encoding are read once it is on the page
    qint64 number = 0;   // a body block's number in its file, or its page
    QString highlighted; // the text with its matches between kOpen and kClose (names, tags, descriptions, paths)
};

constexpr qint64 kChunkMask = (qint64(1) << IndexWriter::kChunkBits) - 1;
// Bytes read from the file for a snippet: a block of 40 log lines is a few KiB.
constexpr qint64 kMaxBlockRead = 64 << 10;

// The filters a query's matches pass through, on the file row `f` they belong to.
struct Filter {
    QStringList where;
    QVariantMap binds;

    static Filter of(const SearchRequest &request, const QStringList &tags, bool withTypes)
    {
        Filter filter;
        if (!request.tsgName.isEmpty()) {
            filter.where << QStringLiteral("f.tsg = :tsg");
            filter.binds.insert(QStringLiteral(":tsg"), request.tsgName);
        }
        for (int i = 0; i < tags.size(); ++i) {
            filter.where << QStringLiteral("f.tsg IN (SELECT tsg FROM tags WHERE tag = :tag%1)").arg(i);
            filter.binds.insert(QStringLiteral(":tag%1").arg(i), tags.at(i));
        }
        if (withTypes && !request.types.isEmpty()) {
            QStringList names;
            for (int i = 0; i < request.types.size(); ++i) {
                names << QStringLiteral(":type%1").arg(i);
                filter.binds.insert(names.last(), request.types.at(i).trimmed().toLower());
            }
            filter.where << QStringLiteral("f.type IN (%1)").arg(names.join(QLatin1String(", ")));
        }
        return filter;
    }
};

// Up to `limit` matches of `match` in full-text table `table` (as `t`, joined to its file row `f` by `joins`),
// newest first; `columns` are read after the rowid and bm25. CROSS JOIN keeps the full-text table as the
// outer loop, so that a filter on the file row is a lookup per match and never a full-text query per file.
Result<QList<Match>> matchesIn(QSqlDatabase &db, int limit, const QString &table, const QString &joins,
                               const QString &columns, const QString &match, Filter filter,
                               const std::function<void(const QSqlQuery &, Match &)> &read)
{
    filter.where.prepend(QStringLiteral("%1 MATCH :match").arg(table));
    filter.binds.insert(QStringLiteral(":match"), match);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.rowid, bm25(%1), %2 FROM %1 t %3 WHERE %4 ORDER BY t.rowid DESC LIMIT %5")
                  .arg(table, columns, joins, filter.where.join(QLatin1String(" AND ")))
                  .arg(limit));
    for (auto it = filter.binds.cbegin(); it != filter.binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec())
        return readError(table, q.lastError());
    QList<Match> matches;
    while (q.next()) {
        Match m;
        m.rowid = q.value(0).toLongLong();
        m.bm25 = q.value(1).toDouble();
        read(q, m);
        matches << m;
    }
    return matches;
}

// The text of a body block as it is now on disk (or, for a PDF page, as the index stored it). `q` is
// kBlockQuery, prepared.
const char16_t *const kBlockQuery = u"SELECT offset, text, file FROM blocks WHERE id BETWEEN ? AND ? ORDER BY id";
QString blockText(QSqlQuery &q, const SafeDir &tsgs, const Match &m)
{
    q.addBindValue(m.rowid);
    q.addBindValue(m.rowid + 1);
    if (!q.exec() || !q.next())
        return {};
    if (!q.value(1).isNull())
        return q.value(1).toString();
    const qint64 offset = q.value(0).toLongLong();
    const qint64 file = q.value(2).toLongLong();
    qint64 length = kMaxBlockRead;
    if (q.next() && q.value(2).toLongLong() == file)
        length = std::min(length, q.value(0).toLongLong() - offset);
    q.finish();
    const auto encoding = TextDecoder::Encoding(m.encoding);
    const bool utf16 = encoding == TextDecoder::Encoding::Utf16LE || encoding == TextDecoder::Encoding::Utf16BE;
    if (utf16)
        length &= ~qint64(1);
    auto dir = tsgs.subdir(m.tsg);
    const qsizetype slash = m.path.lastIndexOf(QLatin1Char('/'));
    if (dir.ok() && slash >= 0)
        dir = dir.value().subpath(m.path.left(slash));
    if (!dir.ok() || length <= 0)
        return {};
    auto fd = dir.value().openFileForReading(m.path.mid(slash + 1));
    if (!fd.ok())
        return {};
    QByteArray bytes(length, Qt::Uninitialized);
    const ssize_t got = ::pread(fd.value(), bytes.data(), size_t(length), offset);
    ::close(fd.value());
    if (got <= 0)
        return {};
    bytes.truncate(got);
    return TextDecoder::decodeAs(encoding, bytes);
}

// `text` with the matches of its first line that has any between kOpen and kClose; `lineOffset` receives how many
// lines come before that line.
QString markFirstMatch(const QString &text, const MatchMarker &marker, int *lineOffset)
{
    *lineOffset = 0;
    qsizetype start = 0;
    for (int line = 0; start <= text.size(); ++line) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        const QStringView view = QStringView(text).sliced(start, end - start);
        const auto spans = marker.find(view);
        if (!spans.isEmpty()) {
            QString marked = view.toString();
            for (auto it = spans.crbegin(); it != spans.crend(); ++it) {
                marked.insert(it->second, kClose);
                marked.insert(it->first, kOpen);
            }
            *lineOffset = line;
            return marked;
        }
        start = end + 1;
    }
    return text.left(text.indexOf(QLatin1Char('\n')));
}

// Up to `limit` matches of each kind in one shard: kinds[0] TSGs (names, tags, descriptions), kinds[1] paths,
// kinds[2] text.
Status matchesOf(QSqlDatabase db, int limit, const SearchRequest &request, const QueryParser::Parsed &parsed,
                 std::array<QList<Match>, 3> &kinds)
{
    QStringList tags = parsed.tags;
    for (const QString &tag : request.tags)
        tags << tag.trimmed().toLower();
    const bool tagsOnly = parsed.match.isEmpty();
    QList<Match> &about = kinds[0];
    QList<Match> &paths = kinds[1];
    QList<Match> &bodies = kinds[2];
    if (request.types.isEmpty()) {
        // The TSGs themselves; with only tag: terms, the TSGs with those tags, found by their tag rows.
        QString match = parsed.match;
        Filter filter = Filter::of(request, tags, false);
        if (tagsOnly) {
            QStringList quoted;
            for (const QString &tag : std::as_const(parsed.tags))
                quoted << QLatin1Char('"') + QString(tag).replace(QLatin1Char('"'), QLatin1String("\"\""))
                        + QLatin1Char('"');
            match = quoted.join(QLatin1String(" OR "));
            filter.where << QStringLiteral("(t.rowid & %1) >= %2").arg(kChunkMask).arg(IndexWriter::kFirstTagChunk);
        }
        auto found =
            matchesIn(db, limit, QStringLiteral("about"),
                      QStringLiteral("CROSS JOIN files f ON f.id = t.rowid >> %1").arg(IndexWriter::kChunkBits),
                      QStringLiteral("f.tsg, highlight(about, 0, char(1), char(2))"), match, filter,
                      [](const QSqlQuery &q, Match &m) {
                          const qint64 chunk = m.rowid & kChunkMask;
                          m.kind = chunk == IndexWriter::kNameChunk     ? Name
                              : chunk == IndexWriter::kDescriptionChunk ? Description
                                                                        : Tag;
                          m.tsg = q.value(2).toString();
                          m.highlighted = q.value(3).toString();
                      });
        if (!found.ok())
            return found.error();
        about = std::move(found.value());
    }
    if (!tagsOnly) {
        const Filter filter = Filter::of(request, tags, true);
        auto found =
            matchesIn(db, limit, QStringLiteral("paths"), QStringLiteral("CROSS JOIN files f ON f.id = t.rowid"),
                      QStringLiteral("f.tsg, f.path, highlight(paths, 0, char(1), char(2))"), parsed.match, filter,
                      [](const QSqlQuery &q, Match &m) {
                          m.kind = File;
                          m.tsg = q.value(2).toString();
                          m.path = q.value(3).toString();
                          m.highlighted = q.value(4).toString();
                      });
        if (!found.ok())
            return found.error();
        paths = std::move(found.value());
        // Without a filter, only the rows of `blocks` (the files that are still there) are joined here, and the
        // file rows of the page's hits are read afterwards: a third of the time of a query that matches 1,000
        // blocks went into reading file rows that were then not on the page.
        const QString joins = filter.where.isEmpty()
            ? QStringLiteral("CROSS JOIN blocks b ON b.id = t.rowid")
            : QStringLiteral("CROSS JOIN blocks b ON b.id = t.rowid CROSS JOIN files f ON f.id = b.file");
        found = matchesIn(db, limit, QStringLiteral("bodies"), joins, QStringLiteral("b.file, b.number"), parsed.match,
                          filter, [](const QSqlQuery &q, Match &m) {
                              m.kind = Text;
                              m.file = q.value(2).toLongLong();
                              m.number = q.value(3).toLongLong();
                          });
        if (!found.ok())
            return found.error();
        bodies = std::move(found.value());
    }
    return {};
}

// One shard's read-only connection, on the thread that made it (Qt SQL's rule), inside one read transaction: every
// statement of the search sees the same state of the shard, whatever its writer commits meanwhile. A missing file
// (being rebuilt) opens as nothing, and gives no hits.
class ShardConnection {
public:
    explicit ShardConnection(QString file)
        : m_file(std::move(file)),
          m_name(QStringLiteral("tsgdesk-search-reader-%1").arg(s_counter.fetchAndAddRelaxed(1)))
    {}
    ~ShardConnection()
    {
        m_blockRow.reset();
        m_fileRow.reset();
        if (QSqlDatabase::contains(m_name)) {
            {
                QSqlDatabase db = QSqlDatabase::database(m_name, false);
                if (db.isOpen()) {
                    db.rollback();
                    db.close();
                }
            }
            QSqlDatabase::removeDatabase(m_name);
        }
    }
    ShardConnection(const ShardConnection &) = delete;
    ShardConnection &operator=(const ShardConnection &) = delete;

    Status open()
    {
        if (!QFile::exists(m_file))
            return {};
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(m_file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            if (!QFile::exists(m_file))
                return {}; // removed since the check above: being rebuilt
            return readError(QStringLiteral("open"), db.lastError());
        }
        if (!db.transaction())
            return readError(QStringLiteral("begin"), db.lastError());
        m_open = true;
        return {};
    }
    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // The hit of `m`, a match of this shard on the page: a text hit's file row is read and its snippet cut from the
    // file on disk.
    Status makeHit(Match &m, const Result<SafeDir> &tsgs, const MatchMarker &marker, SearchHit &hit)
    {
        if (m.kind == Text) {
            if (!m_fileRow) {
                m_fileRow = std::make_unique<QSqlQuery>(db());
                m_fileRow->setForwardOnly(true);
                m_fileRow->prepare(QStringLiteral("SELECT tsg, path, type, encoding FROM files WHERE id = ?"));
                m_blockRow = std::make_unique<QSqlQuery>(db());
                m_blockRow->setForwardOnly(true);
                m_blockRow->prepare(QString::fromUtf16(kBlockQuery));
            }
            m_fileRow->addBindValue(m.file);
            if (!m_fileRow->exec() || !m_fileRow->next())
                return readError(QStringLiteral("file row"), m_fileRow->lastError());
            m.tsg = m_fileRow->value(0).toString();
            m.path = m_fileRow->value(1).toString();
            m.type = m_fileRow->value(2).toString();
            m.encoding = m_fileRow->value(3).toInt();
            m_fileRow->finish();
        }
        hit.tsgName = m.tsg;
        hit.path = m.path;
        hit.kind = kindName(m.kind);
        int lineOffset = 0;
        if (m.kind != Text) {
            hit.snippet = snippetOf(m.highlighted, &lineOffset);
        } else {
            const QString text = tsgs.ok() ? blockText(*m_blockRow, tsgs.value(), m) : QString();
            const QString line = markFirstMatch(text, marker, &lineOffset);
            int unused = 0;
            hit.snippet = snippetOf(line, &unused);
            if (m.type == QLatin1String("pdf"))
                hit.page = int(m.number);
            else
                hit.line = int((m.number - 1) * DocumentExtractor::kLinesPerBlock + 1) + lineOffset;
        }
        // bm25 is negative, more negative for better matches; the kind dominates.
        hit.score = (4 - m.kind) * 100.0 + std::clamp(-m.bm25, 0.0, 99.0);
        return {};
    }

private:
    static inline QAtomicInteger<quint64> s_counter;
    const QString m_file;
    const QString m_name;
    bool m_open = false;
    std::unique_ptr<QSqlQuery> m_fileRow;
    std::unique_ptr<QSqlQuery> m_blockRow;
};

} // namespace

IndexReader::IndexReader(QString tsgsDir, QStringList indexFiles)
    : m_tsgsDir(std::move(tsgsDir)), m_indexFiles(std::move(indexFiles))
{}

Result<SearchResult> IndexReader::search(const SearchRequest &request) const
{
    auto parsed = QueryParser::parse(request.query);
    if (!parsed.ok())
        return parsed.error();
    if (request.limit < 1 || request.limit > kMaxLimit)
        return Error::invalid(
            QStringLiteral("limit must be between 1 and %1, not %2").arg(kMaxLimit).arg(request.limit));
    qint64 offset = 0;
    if (!request.cursor.isEmpty()) {
        bool ok = false;
        offset = request.cursor.toLongLong(&ok);
        if (!ok || offset < 0)
            return Error::invalid(QStringLiteral("The cursor '%1' is not one a search returned").arg(request.cursor));
    }
    // A search limited to a TSG asks the one shard that holds it, which then ranks the whole kMaxRanked.
    const int only = request.tsgName.isEmpty() ? -1 : IndexShards::of(request.tsgName);
    const int quota = only >= 0 ? kMaxRanked : kMaxRanked / int(m_indexFiles.size());
    QList<int> shards;
    for (int shard = 0; shard < m_indexFiles.size(); ++shard)
        if (only < 0 || shard == only)
            shards << shard;

    // Each shard is searched on a thread of its own, in parallel, through a connection that lives on that thread
    // (Qt SQL's rule): its matches first; then, once this thread has ranked them all, the hits of those on the page.
    const auto tsgs = SafeDir::openRoot(m_tsgsDir);
    const MatchMarker marker(parsed.value().terms);
    struct Part {
        std::promise<Result<std::array<QList<Match>, 3>>> matches;
        std::promise<QList<std::pair<Match *, SearchHit *>>> page; // empty: nothing of it is on the page
        std::promise<Status> hits;
    };
    std::vector<Part> parts(shards.size());
    const auto searchShard = [&](int i) {
        Part &part = parts[i];
        ShardConnection shard(m_indexFiles.at(shards.at(i)));
        std::array<QList<Match>, 3> kinds;
        Status found = shard.open();
        if (found.ok() && shard.isOpen())
            found = matchesOf(shard.db(), quota + 1, request, parsed.value(), kinds);
        if (!found.ok()) {
            part.matches.set_value(found.error());
            part.hits.set_value({}); // nothing of it goes on the page
            return;
        }
        part.matches.set_value(std::move(kinds));
        const QList<std::pair<Match *, SearchHit *>> page = part.page.get_future().get();
        Status made;
        for (const auto &[match, hit] : page) {
            made = shard.makeHit(*match, tsgs, marker, *hit);
            if (!made.ok())
                break;
        }
        part.hits.set_value(made);
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < int(parts.size()); ++i)
        threads.emplace_back(searchShard, i);

    SearchResult page;
    std::array<QList<Match>, 3> ranked;
    Status failed;
    for (int i = 0; i < int(parts.size()); ++i) {
        auto kinds = parts[i].matches.get_future().get();
        if (!kinds.ok()) {
            if (failed.ok())
                failed = kinds.error();
            continue;
        }
        for (int kind = 0; kind < 3; ++kind) {
            QList<Match> &more = kinds.value()[kind];
            if (more.size() > quota) {
                more.resize(quota);
                page.totalExact = false;
            }
            for (Match &m : more)
                m.shard = i;
            ranked[kind] += more;
        }
    }
    QList<Match> all;
    for (QList<Match> &list : ranked) {
        std::stable_sort(list.begin(), list.end(), [](const Match &a, const Match &b) {
            return a.kind != b.kind ? a.kind < b.kind : a.bm25 < b.bm25;
        });
        all += list;
    }
    page.total = int(all.size());
    const qint64 end = failed.ok() ? std::min<qint64>(all.size(), offset + request.limit) : offset;
    if (end > offset)
        page.hits.resize(end - offset);
    std::vector<QList<std::pair<Match *, SearchHit *>>> onPage(parts.size());
    for (qint64 i = offset; i < end; ++i)
        onPage[all[i].shard].append({&all[i], &page.hits[i - offset]});
    for (int i = 0; i < int(parts.size()); ++i)
        parts[i].page.set_value(onPage[i]); // a shard whose matches failed has nothing on the page
    for (int i = 0; i < int(parts.size()); ++i) {
        const Status made = parts[i].hits.get_future().get();
        if (!made.ok() && failed.ok())
            failed = made;
    }
    for (std::thread &thread : threads)
        thread.join();
    if (!failed.ok())
        return failed.error();
    if (offset + page.hits.size() < page.total)
        page.cursor = QString::number(offset + page.hits.size());
    return page;
}

} // namespace tsg
