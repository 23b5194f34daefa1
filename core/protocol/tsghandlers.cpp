// The TSG messages: the seed's tsg:create, tsg:list, tsg:select, tsg:delete and tsg:get-files, and the
// extras tsg:restore, tsg:trash, tsg:update, tsg:delete-file, tsg:move-file and tsg:make-folder. A change sends the new
// list (or, for a file, the new listing) before its success message, as the seed does.
#include "handlers.h"

#include "messagerouter.h"
#include "tsglistcache.h"
#include "wire.h"

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;

const FieldSpec kName{.name = QStringLiteral("name"), .type = Type::String, .maxLength = 1000};

QString str(const Request &r, QStringView key)
{
    return r.data()[key].toString();
}

QStringList stringList(const json::Value &array)
{
    QStringList out;
    for (qsizetype i = 0; i < array.size(); ++i)
        if (array.at(i).isString())
            out << array.at(i).toString().left(200);
    return out;
}

std::optional<QString> optionalString(const json::Value &value)
{
    return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
}

QJsonValue nameOrNull(const std::optional<QString> &name)
{
    return name ? QJsonValue(*name) : QJsonValue(QJsonValue::Null);
}

} // namespace

void addTsgHandlers(MessageRouter &router, Library &library, TsgListCache &lists)
{
    const auto sendList = [&lists](const Request &r, HandlerContext &c) { c.sendText(lists.message(r.requestId)); };

    router.add(QStringLiteral("tsg:create"),
               {.fields = {kName,
                           {.name = QStringLiteral("description"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 10000},
                           {.name = QStringLiteral("tags"), .type = Type::Array, .required = false, .nullable = true}}},
               [&library, sendList](const Request &r, HandlerContext &c) {
                   const auto created = library.createTsg(str(r, u"name"), str(r, u"description"),
                                                          stringList(r.data()[u"tags"]), c.origin());
                   c.whenDone(created, [r, &c, sendList](const Result<TsgInfo> &done) {
                       if (!done.ok())
                           return c.replyError(r, done.error());
                       sendList(r, c);
                       c.reply(r,
                               Wire::message(QStringLiteral("tsg:create:success"),
                                             {{QStringLiteral("name"), done.value().name}}));
                   });
               });

    router.add(QStringLiteral("tsg:list"), {}, sendList);

    router
        .add(QStringLiteral("tsg:select"),
             {.fields = {{.name = QStringLiteral("name"), .type = Type::String, .nullable = true, .maxLength = 1000}}},
             [&library](const Request &r, HandlerContext &c) {
                 const json::Value &name = r.data()[u"name"];
                 const auto wanted = name.isString() ? std::optional<QString>(name.toString()) : std::nullopt;
                 c.whenDone(library.selectTsg(wanted, c.origin(), r.sessionId),
                            [r, &c](const Result<std::optional<QString>> &selected) {
                                if (!selected.ok())
                                    return c.replyError(r, selected.error());
                                c.reply(r,
                                        Wire::message(QStringLiteral("tsg:select:success"),
                                                      {{QStringLiteral("activeTSG"), nameOrNull(selected.value())}}));
                            });
             });

    router.add(QStringLiteral("tsg:delete"), {.fields = {kName}},
               [&library, sendList](const Request &r, HandlerContext &c) {
                   c.whenDone(library.deleteTsg(str(r, u"name"), c.origin()),
                              [r, &c, sendList](const Result<TrashEntry> &deleted) {
                                  if (!deleted.ok())
                                      return c.replyError(r, deleted.error());
                                  sendList(r, c);
                                  c.reply(r,
                                          Wire::message(QStringLiteral("tsg:delete:success"),
                                                        {{QStringLiteral("name"), deleted.value().tsgName},
                                                         {QStringLiteral("trashId"), deleted.value().id}}));
                              });
               });

    router.add(QStringLiteral("tsg:restore"),
               {.fields = {{.name = QStringLiteral("id"), .type = Type::String, .maxLength = 200},
                           {.name = QStringLiteral("name"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 1000}}},
               [&library, sendList](const Request &r, HandlerContext &c) {
                   c.whenDone(library.restoreTsg(str(r, u"id"), str(r, u"name"), c.origin()),
                              [r, &c, sendList](const Result<TsgInfo> &restored) {
                                  if (!restored.ok())
                                      return c.replyError(r, restored.error());
                                  sendList(r, c);
                                  c.reply(r,
                                          Wire::message(QStringLiteral("tsg:restore:success"),
                                                        {{QStringLiteral("name"), restored.value().name}}));
                              });
               });

    router.add(QStringLiteral("tsg:trash"), {}, [&library](const Request &r, HandlerContext &c) {
        c.whenDone(library.trash(), [r, &c](const Result<QList<TrashEntry>> &entries) {
            if (!entries.ok())
                return c.replyError(r, entries.error());
            c.reply(r, Wire::trashList(entries.value()));
        });
    });

    router.add(QStringLiteral("tsg:get-files"), {.fields = {kName}}, [&library](const Request &r, HandlerContext &c) {
        c.whenDone(library.tsgFiles(str(r, u"name")), [r, &c, &library](const Result<QList<FileEntry>> &files) {
            if (!files.ok())
                return c.replyError(r, files.error());
            const QString asked = str(r, u"name");
            c.reply(r, Wire::tsgFiles(library.resolveTsg(asked).value_or(asked), files.value()));
        });
    });
}

void addTsgEditHandlers(MessageRouter &router, Library &library, TsgListCache &lists)
{
    const auto sendList = [&lists](const Request &r, HandlerContext &c) { c.sendText(lists.message(r.requestId)); };

    router.add(QStringLiteral("tsg:update"),
               {.fields = {kName,
                           {.name = QStringLiteral("newName"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 1000},
                           {.name = QStringLiteral("description"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 10000},
                           {.name = QStringLiteral("tags"), .type = Type::Array, .required = false, .nullable = true}}},
               [&library, sendList](const Request &r, HandlerContext &c) {
                   const json::Value &tags = r.data()[u"tags"];
                   const TsgUpdate change{.newName = optionalString(r.data()[u"newName"]),
                                          .description = optionalString(r.data()[u"description"]),
                                          .tags = tags.isArray() ? std::optional<QStringList>(stringList(tags))
                                                                 : std::nullopt};
                   c.whenDone(library.updateTsg(str(r, u"name"), change, c.origin()),
                              [r, &c, sendList](const Result<TsgUpdated> &updated) {
                                  if (!updated.ok())
                                      return c.replyError(r, updated.error());
                                  sendList(r, c);
                                  c.reply(r,
                                          Wire::message(QStringLiteral("tsg:update:success"),
                                                        {{QStringLiteral("name"), updated.value().tsg.name},
                                                         {QStringLiteral("previousName"),
                                                          updated.value().previousName}}));
                              });
               });

    router.add(QStringLiteral("tsg:delete-file"),
               {.fields = {kName, {.name = QStringLiteral("path"), .type = Type::String, .maxLength = 4096}}},
               [&library](const Request &r, HandlerContext &c) {
                   c.whenDone(library.deleteTsgFile(str(r, u"name"), str(r, u"path"), c.origin()),
                              [r, &c, &library](const Result<TrashEntry> &deleted) {
                                  if (!deleted.ok())
                                      return c.replyError(r, deleted.error());
                                  const TrashEntry entry = deleted.value();
                                  c.whenDone(library.tsgFiles(entry.tsgName),
                                             [r, &c, entry](const Result<QList<FileEntry>> &files) {
                                                 // The file is in the trash either way: a listing that failed
                                                 // meanwhile (the TSG deleted) is left out, the success is not.
                                                 if (files.ok())
                                                     c.reply(r, Wire::tsgFiles(entry.tsgName, files.value()));
                                                 c.reply(r,
                                                         Wire::message(QStringLiteral("tsg:delete-file:success"),
                                                                       {{QStringLiteral("name"), entry.tsgName},
                                                                        {QStringLiteral("path"), entry.path},
                                                                        {QStringLiteral("trashId"), entry.id}}));
                                             });
                              });
               });

    // A file or a folder moved (or renamed) within one TSG; a new empty folder. Each replies with the TSG's new
    // listing, then its success; the change is pushed to the other clients like every change.
    const FieldSpec kPath{.name = QStringLiteral("path"), .type = Type::String, .maxLength = 4096};
    router.add(QStringLiteral("tsg:move-file"),
               {.fields = {kName,
                           {.name = QStringLiteral("from"), .type = Type::String, .maxLength = 4096},
                           {.name = QStringLiteral("to"), .type = Type::String, .maxLength = 4096}}},
               [&library](const Request &r, HandlerContext &c) {
                   const QString from = str(r, u"from");
                   const QString to = str(r, u"to");
                   c.whenDone(library.moveTsgFile(str(r, u"name"), from, to, c.origin()),
                              [r, &c, &library, from, to](const Result<TsgInfo> &moved) {
                                  if (!moved.ok())
                                      return c.replyError(r, moved.error());
                                  const QString tsg = moved.value().name;
                                  c.whenDone(library.tsgFiles(tsg),
                                             [r, &c, tsg, from, to](const Result<QList<FileEntry>> &files) {
                                                 if (files.ok())
                                                     c.reply(r, Wire::tsgFiles(tsg, files.value()));
                                                 c.reply(r,
                                                         Wire::message(QStringLiteral("tsg:move-file:success"),
                                                                       {{QStringLiteral("name"), tsg},
                                                                        {QStringLiteral("from"), from},
                                                                        {QStringLiteral("to"), to}}));
                                             });
                              });
               });
    router.add(QStringLiteral("tsg:make-folder"), {.fields = {kName, kPath}},
               [&library](const Request &r, HandlerContext &c) {
                   const QString path = str(r, u"path");
                   c.whenDone(library.makeTsgFolder(str(r, u"name"), path, c.origin()),
                              [r, &c, &library, path](const Result<TsgInfo> &made) {
                                  if (!made.ok())
                                      return c.replyError(r, made.error());
                                  const QString tsg = made.value().name;
                                  c.whenDone(library.tsgFiles(tsg),
                                             [r, &c, tsg, path](const Result<QList<FileEntry>> &files) {
                                                 if (files.ok())
                                                     c.reply(r, Wire::tsgFiles(tsg, files.value()));
                                                 c.reply(r,
                                                         Wire::message(QStringLiteral("tsg:make-folder:success"),
                                                                       {{QStringLiteral("name"), tsg},
                                                                        {QStringLiteral("path"), path}}));
                                             });
                              });
               });
}

void addAll(MessageRouter &router, Library &library, TsgListCache &lists, SearchIndex *index)
{
    addTsgHandlers(router, library, lists);
    addTsgEditHandlers(router, library, lists);
    addSessionHandlers(router, library);
    addUploadHandlers(router, library);
    addReadHandlers(router, library);
    addCleanupHandlers(router, library);
    addSettingsHandlers(router, library);
    if (index)
        addSearchHandlers(router, library, *index);
}

} // namespace tsg::Handlers
