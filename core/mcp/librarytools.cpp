#include "librarytools.h"

#include "libraryview.h"
#include "pagedread.h"
#include "toolregistry.h"
#include "tsguri.h"

#include <QJsonArray>

#include <climits>

namespace tsg {

namespace {

constexpr int kDefaultSearchLimit = 10;
constexpr int kMaxSearchLimit = 50;

QJsonObject stringProperty(const QString &description)
{
    return {{QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("description"), description}};
}

QJsonObject integerProperty(const QString &description, int minimum, std::optional<int> maximum = std::nullopt)
{
    QJsonObject p{{QStringLiteral("type"), QStringLiteral("integer")},
                  {QStringLiteral("description"), description},
                  {QStringLiteral("minimum"), minimum}};
    if (maximum)
        p.insert(QStringLiteral("maximum"), *maximum);
    return p;
}

QJsonObject objectSchema(const QJsonObject &properties = {}, const QStringList &required = {})
{
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties},
                       {QStringLiteral("additionalProperties"), false}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

// offset, length, line and lines, shared by both reads.
QJsonObject withRangeProperties(QJsonObject properties)
{
    properties.insert(QStringLiteral("line"),
                      integerProperty(QStringLiteral("First line to read, from 1 (the default: 1)."), 1, INT_MAX));
    properties.insert(QStringLiteral("lines"),
                      integerProperty(QStringLiteral("How many lines to read from `line` (default: as many as fit "
                                                     "in 32 KiB)."),
                                      1, INT_MAX));
    properties.insert(QStringLiteral("offset"),
                      integerProperty(QStringLiteral("Read bytes instead of lines: the first byte (not with line)."),
                                      0));
    properties.insert(QStringLiteral("length"),
                      integerProperty(QStringLiteral("Bytes to read from offset, at most 32768."), 1));
    return properties;
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject tsgJson(const TsgInfo &t, bool active)
{
    return {{QStringLiteral("name"), t.name},
            {QStringLiteral("description"), t.description},
            {QStringLiteral("tags"), QJsonArray::fromStringList(t.tags)},
            {QStringLiteral("fileCount"), t.fileCount},
            {QStringLiteral("size"), t.size},
            {QStringLiteral("updatedAt"), iso(t.updatedAt)},
            {QStringLiteral("active"), active}};
}

QJsonValue nameOrNull(const std::optional<QString> &name)
{
    return name ? QJsonValue(*name) : QJsonValue(QJsonValue::Null);
}

std::optional<QString> optionalString(const QJsonObject &arguments, QStringView key)
{
    const QJsonValue v = arguments.value(key);
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

ToolResult listTsgs(LibraryView &view)
{
    const auto tsgs = view.tsgs();
    if (!tsgs.ok())
        return ToolResult::error(tsgs.error().message);
    const auto active = view.activeTsg();
    QJsonArray list;
    for (const TsgInfo &t : tsgs.value())
        list.append(tsgJson(t, active == t.name));
    return ToolResult::json(
        {{QStringLiteral("tsgs"), list}, {QStringLiteral("activeTsg"), nameOrNull(active)}},
        QStringLiteral("%1 TSGs; active: %2").arg(tsgs.value().size()).arg(active.value_or(QStringLiteral("none"))));
}

ToolResult getActiveTsg(LibraryView &view)
{
    const auto active = view.activeTsg();
    if (!active)
        return ToolResult::json({{QStringLiteral("activeTsg"), QJsonValue::Null}},
                                QStringLiteral("No TSG is active. list_tsgs lists them all."));
    const auto tsgs = view.tsgs();
    if (tsgs.ok())
        for (const TsgInfo &t : tsgs.value())
            if (t.name == *active)
                return ToolResult::json(
                    {{QStringLiteral("activeTsg"), *active}, {QStringLiteral("tsg"), tsgJson(t, true)}});
    return ToolResult::json({{QStringLiteral("activeTsg"), *active}});
}

ToolResult search(LibraryView &view, const QJsonObject &arguments)
{
    SearchRequest request{.query = arguments.value(u"query").toString(),
                          .tsgName = arguments.value(u"tsg").toString(),
                          .limit = arguments.value(u"limit").toInt(kDefaultSearchLimit),
                          .cursor = arguments.value(u"cursor").toString()};
    const auto found = view.search(request);
    if (!found.ok())
        return ToolResult::error(found.error().message);
    const SearchResult &r = found.value();
    QJsonArray hits;
    for (const SearchHit &h : r.hits) {
        QJsonObject hit{{QStringLiteral("tsg"), h.tsgName},
                        {QStringLiteral("kind"), h.kind},
                        {QStringLiteral("snippet"), h.snippet}};
        if (!h.path.isEmpty()) {
            hit.insert(QStringLiteral("path"), h.path);
            hit.insert(QStringLiteral("uri"), TsgUri::make(h.tsgName, h.path));
        }
        if (h.line)
            hit.insert(QStringLiteral("line"), *h.line);
        if (h.page)
            hit.insert(QStringLiteral("page"), *h.page);
        hits.append(hit);
    }
    QJsonObject data{{QStringLiteral("hits"), hits},
                     {QStringLiteral("total"), r.total},
                     {QStringLiteral("totalExact"), r.totalExact}};
    QString note = QStringLiteral("%1 of %2%3 hits; matches are marked [[like this]]. read_file with the hit's tsg, "
                                  "path and line reads around it.")
                       .arg(r.hits.size())
                       .arg(r.total)
                       .arg(r.totalExact ? QString() : QStringLiteral("+"));
    if (!r.cursor.isEmpty()) {
        data.insert(QStringLiteral("cursor"), r.cursor);
        note += QStringLiteral(" More: call search again with the same query and cursor \"%1\".").arg(r.cursor);
    }
    if (r.progress.indexing) {
        data.insert(QStringLiteral("indexing"),
                    QJsonObject{{QStringLiteral("done"), r.progress.done},
                                {QStringLiteral("total"), r.progress.total}});
        note += QStringLiteral(" The index is being built (%1 of %2 files): hits may be missing.")
                    .arg(r.progress.done)
                    .arg(r.progress.total);
    }
    return ToolResult::json(data, note);
}

ToolResult listFiles(LibraryView &view, const QJsonObject &arguments)
{
    const auto tsg = view.resolveTsg(arguments.value(u"tsg").toString());
    if (!tsg.ok())
        return ToolResult::error(tsg.error().message);
    const auto files = view.files(tsg.value());
    if (!files.ok())
        return ToolResult::error(files.error().message);
    QJsonArray list;
    for (const FileEntry &f : files.value())
        list.append(QJsonObject{{QStringLiteral("path"), f.path},
                                {QStringLiteral("type"), f.type},
                                {QStringLiteral("size"), f.size},
                                {QStringLiteral("modifiedAt"), iso(f.modifiedAt)}});
    return ToolResult::json({{QStringLiteral("tsg"), tsg.value()}, {QStringLiteral("files"), list}},
                            QStringLiteral("%1 files in TSG '%2'").arg(files.value().size()).arg(tsg.value()));
}

ToolResult readFile(LibraryView &view, const QJsonObject &arguments)
{
    const auto tsg = view.resolveTsg(arguments.value(u"tsg").toString());
    if (!tsg.ok())
        return ToolResult::error(tsg.error().message);
    const QString path = arguments.value(u"path").toString();
    const ReadRange range = PagedRead::rangeOf(arguments, path);
    const auto read = view.readTsgFile(tsg.value(), path, range);
    if (!read.ok())
        return ToolResult::error(read.error().message);
    return PagedRead::result(read.value(), range, QStringLiteral("%1/%2").arg(tsg.value(), read.value().path),
                             QStringLiteral("read_file"),
                             {{QStringLiteral("tsg"), tsg.value()}, {QStringLiteral("path"), read.value().path}});
}

ToolResult listSessionFiles(LibraryView &view, const QJsonObject &arguments)
{
    const auto session = view.session(optionalString(arguments, u"session"));
    if (!session.ok())
        return ToolResult::error(session.error().message);
    const auto files = view.sessionFiles(session.value().id);
    if (!files.ok())
        return ToolResult::error(files.error().message);
    QJsonArray list;
    for (const SessionFile &f : files.value())
        list.append(QJsonObject{{QStringLiteral("name"), f.name},
                                {QStringLiteral("type"), f.type},
                                {QStringLiteral("size"), f.size},
                                {QStringLiteral("modifiedAt"), iso(f.modifiedAt)}});
    return ToolResult::json(
        {{QStringLiteral("session"), session.value().id},
         {QStringLiteral("lastActivity"), iso(session.value().lastActivity)},
         {QStringLiteral("activeTsg"), nameOrNull(session.value().activeTsg)},
         {QStringLiteral("files"), list}},
        QStringLiteral("%1 files in session '%2'").arg(files.value().size()).arg(session.value().id));
}

ToolResult readSessionFile(LibraryView &view, const QJsonObject &arguments)
{
    const auto session = view.session(optionalString(arguments, u"session"));
    if (!session.ok())
        return ToolResult::error(session.error().message);
    const QString name = arguments.value(u"name").toString();
    const ReadRange range = PagedRead::rangeOf(arguments, name);
    const auto read = view.readSessionFile(session.value().id, name, range);
    if (!read.ok())
        return ToolResult::error(read.error().message);
    return PagedRead::result(read.value(), range,
                             QStringLiteral("%1 (session %2)").arg(read.value().path, session.value().id),
                             QStringLiteral("read_session_file"),
                             {{QStringLiteral("session"), session.value().id},
                              {QStringLiteral("name"), read.value().path}});
}

} // namespace

void LibraryTools::addTo(ToolRegistry &registry, LibraryView &view)
{
    const QJsonObject tsgProperty = stringProperty(QStringLiteral("The TSG's name, as list_tsgs gives it (any case)."));
    const QJsonObject sessionProperty =
        stringProperty(QStringLiteral("The session's id; by default the session with the latest activity."));

    registry.add({.name = QStringLiteral("list_tsgs"),
                  .title = QStringLiteral("List the troubleshooting guides"),
                  .description = QStringLiteral(
                      "Lists the troubleshooting guides (TSGs) in the library: each one's name, description, tags, "
                      "file count and size, and which one is active (the one the user works with now). Start here "
                      "to find the guide for a problem."),
                  .inputSchema = objectSchema(),
                  .run = [&view](const QJsonObject &) { return listTsgs(view); }});
    registry.add({.name = QStringLiteral("get_active_tsg"),
                  .title = QStringLiteral("Get the active TSG"),
                  .description = QStringLiteral("The TSG the user made active for the current investigation, with "
                                                "its description and tags; null when none is."),
                  .inputSchema = objectSchema(),
                  .run = [&view](const QJsonObject &) { return getActiveTsg(view); }});
    registry.add(
        {.name = QStringLiteral("search"),
         .title = QStringLiteral("Search the guides"),
         .description = QStringLiteral(
             "Full-text search over every TSG's names, tags, descriptions, file paths and text (markdown, text, "
             "logs, JSON, YAML, PDF). Words must all match; use \"exact phrases\", prefix* and tag:name. Each hit "
             "has the TSG, the path, the line (or PDF page) and a snippet with matches marked [[like this]]; read "
             "around a hit with read_file. Results come a page at a time: pass the returned cursor for more."),
         .inputSchema =
             objectSchema({{QStringLiteral("query"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                        {QStringLiteral("description"), QStringLiteral("What to look for.")},
                                        {QStringLiteral("minLength"), 1}}},
                           {QStringLiteral("tsg"), stringProperty(QStringLiteral("Only this TSG (its name)."))},
                           {QStringLiteral("limit"),
                            integerProperty(QStringLiteral("Hits per page (default 10)."), 1, kMaxSearchLimit)},
                           {QStringLiteral("cursor"),
                            stringProperty(QStringLiteral("The cursor of the previous page, for the "
                                                          "next one."))}},
                          {QStringLiteral("query")}),
         .run = [&view](const QJsonObject &a) { return search(view, a); }});
    registry.add({.name = QStringLiteral("list_files"),
                  .title = QStringLiteral("List a TSG's files"),
                  .description = QStringLiteral("The files of one TSG: path, type (markdown, text, log, json, yaml, "
                                                "pdf, image, unknown), size and modification time."),
                  .inputSchema = objectSchema({{QStringLiteral("tsg"), tsgProperty}}, {QStringLiteral("tsg")}),
                  .run = [&view](const QJsonObject &a) { return listFiles(view, a); }});
    registry.add(
        {.name = QStringLiteral("read_file"),
         .title = QStringLiteral("Read a TSG file"),
         .description = QStringLiteral(
             "Reads one file of a TSG as UTF-8 text, at most 32 KiB per call: by lines (line, lines; the default "
             "starts at line 1) or by bytes (offset, length). The first block says which part came back and, "
             "when there is more, the exact arguments that read the next part. Images come back whole (up to "
             "1 MiB); PDFs cannot be read here, search finds their text."),
         .inputSchema = objectSchema(withRangeProperties({{QStringLiteral("tsg"), tsgProperty},
                                                          {QStringLiteral("path"),
                                                           stringProperty(QStringLiteral(
                                                               "The file's path in the TSG, '/'-separated, as "
                                                               "list_files or search give it."))}}),
                                     {QStringLiteral("tsg"), QStringLiteral("path")}),
         .run = [&view](const QJsonObject &a) { return readFile(view, a); }});
    registry.add({.name = QStringLiteral("list_session_files"),
                  .title = QStringLiteral("List the session's uploads"),
                  .description = QStringLiteral(
                      "The files the user uploaded to the investigation's session (logs, screenshots, configs): "
                      "name, type, size. By default the session with the latest activity."),
                  .inputSchema = objectSchema({{QStringLiteral("session"), sessionProperty}}),
                  .run = [&view](const QJsonObject &a) { return listSessionFiles(view, a); }});
    registry.add(
        {.name = QStringLiteral("read_session_file"),
         .title = QStringLiteral("Read a session upload"),
         .description = QStringLiteral("Reads one file the user uploaded to the session, paged as read_file is "
                                       "(at most 32 KiB per call, by lines or by bytes)."),
         .inputSchema =
             objectSchema(withRangeProperties(
                              {{QStringLiteral("session"), sessionProperty},
                               {QStringLiteral("name"),
                                stringProperty(QStringLiteral("The file's name, as list_session_files gives it."))}}),
                          {QStringLiteral("name")}),
         .run = [&view](const QJsonObject &a) { return readSessionFile(view, a); }});
}

} // namespace tsg
