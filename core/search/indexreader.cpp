#include "indexreader.h"

#include "indexwriter.h"
#include "queryparser.h"
#include "searchlogging.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace tsg {

namespace {

const QChar kOpen(1);
const QChar kClose(2);

int kindRank(const QString &kind)
{
    static const QStringList order = {QStringLiteral("name"), QStringLiteral("tag"), QStringLiteral("description"),
                                      QStringLiteral("file"), QStringLiteral("text")};
    const qsizetype i = order.indexOf(kind);
    return i < 0 ? int(order.size()) : int(i);
}

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

} // namespace

IndexReader::IndexReader(QString indexFile) : m_indexFile(std::move(indexFile)) {}

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
    SearchResult result;
    if (!QFile::exists(m_indexFile))
        return result;

    static QAtomicInteger<quint64> counter;
    const QString connection = QStringLiteral("tsgdesk-search-reader-%1").arg(counter.fetchAndAddRelaxed(1));
    Result<SearchResult> answer = result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_indexFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        answer = [&]() -> Result<SearchResult> {
            if (!db.open()) {
                if (!QFile::exists(m_indexFile))
                    return SearchResult{}; // removed since the check above: being rebuilt
                return readError(QStringLiteral("open"), db.lastError());
            }
            QStringList where = {QStringLiteral("chunks MATCH :match")};
            QVariantMap binds;
            QString match = parsed->match;
            if (match.isEmpty()) {
                // Only tag: terms: the TSGs with those tags, found by their tag entries.
                QStringList quotedTags;
                for (const QString &tag : std::as_const(parsed->tags))
                    quotedTags << QLatin1Char('"') + QString(tag).replace(QLatin1Char('"'), QLatin1String("\"\""))
                            + QLatin1Char('"');
                match = quotedTags.join(QLatin1String(" OR "));
                where << QStringLiteral("kind = 'tag'");
            }
            binds.insert(QStringLiteral(":match"), match);
            if (!request.tsgName.isEmpty()) {
                where << QStringLiteral("tsg = :tsg");
                binds.insert(QStringLiteral(":tsg"), request.tsgName);
            }
            QStringList tags = parsed->tags;
            for (const QString &tag : request.tags)
                tags << tag.trimmed().toLower();
            for (int i = 0; i < tags.size(); ++i) {
                where << QStringLiteral("tsg IN (SELECT tsg FROM tags WHERE tag = :tag%1)").arg(i);
                binds.insert(QStringLiteral(":tag%1").arg(i), tags.at(i));
            }
            if (!request.types.isEmpty()) {
                QStringList names;
                for (int i = 0; i < request.types.size(); ++i) {
                    names << QStringLiteral(":type%1").arg(i);
                    binds.insert(names.last(), request.types.at(i).trimmed().toLower());
                }
                where << QStringLiteral("type IN (%1)").arg(names.join(QLatin1String(", ")));
            }
            const QString filter = where.join(QLatin1String(" AND "));
            // Name, tag and description hits first, then paths, then text. Read from the rowid, not from the
            // row's `kind` column: reading that column for every match loads the row with its text, which cost
            // more than the rest of a search that matches thousands of chunks (bench/search/README.md). Only the
            // rows of a TSG's metadata entry, a few per TSG, are read to tell a name from a tag.
            const QString kindOrder =
                QStringLiteral("CASE WHEN (rowid >> %1) IN (SELECT id FROM files WHERE path = '%2')"
                               " THEN CASE kind WHEN 'name' THEN 0 WHEN 'tag' THEN 1 ELSE 2 END"
                               " WHEN (rowid & %3) = 0 THEN 3 ELSE 4 END")
                    .arg(IndexWriter::kChunkBits)
                    .arg(QString::fromUtf16(IndexWriter::kMetadataFile))
                    .arg((qint64(1) << IndexWriter::kChunkBits) - 1);
            auto prepare = [&](QSqlQuery &q, const QString &sql) {
                q.prepare(sql);
                for (auto it = binds.cbegin(); it != binds.cend(); ++it)
                    q.bindValue(it.key(), it.value());
            };
            QSqlQuery count(db);
            prepare(count, QStringLiteral("SELECT count(*) FROM chunks WHERE %1").arg(filter));
            if (!count.exec() || !count.next())
                return readError(QStringLiteral("count"), count.lastError());
            SearchResult page;
            page.total = count.value(0).toInt();
            QSqlQuery q(db);
            prepare(q,
                    QStringLiteral("SELECT tsg, path, kind, line, page, highlight(chunks, 0, char(1), char(2)),"
                                   " bm25(chunks) AS relevance FROM chunks WHERE %1 ORDER BY %2, relevance, rowid"
                                   " LIMIT %3 OFFSET %4")
                        .arg(filter, kindOrder)
                        .arg(request.limit)
                        .arg(offset));
            if (!q.exec())
                return readError(QStringLiteral("search"), q.lastError());
            while (q.next()) {
                SearchHit hit;
                hit.tsgName = q.value(0).toString();
                hit.path = q.value(1).toString();
                hit.kind = q.value(2).toString();
                int lineOffset = 0;
                hit.snippet = snippetOf(q.value(5).toString(), &lineOffset);
                if (const int line = q.value(3).toInt(); line > 0)
                    hit.line = line + lineOffset;
                if (const int p = q.value(4).toInt(); p > 0)
                    hit.page = p;
                // bm25 is negative, more negative for better matches; the kind dominates.
                const double relevance = std::clamp(-q.value(6).toDouble(), 0.0, 99.0);
                hit.score = (4 - std::min(kindRank(hit.kind), 4)) * 100.0 + relevance;
                page.hits << hit;
            }
            if (offset + page.hits.size() < page.total)
                page.cursor = QString::number(offset + page.hits.size());
            return page;
        }();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return answer;
}

} // namespace tsg
