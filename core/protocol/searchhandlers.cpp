// tsg:search: a full-text search of the library through the search index, run on the index's own search threads
// so the client's thread only starts it and sends the reply.
#include "handlers.h"

#include "library.h"
#include "messagerouter.h"
#include "namerules.h"
#include "searchindex.h"
#include "wire.h"

#include <cmath>

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;

constexpr int kMaxFilters = 50;

// The strings of an array field (at most kMaxFilters), or a problem.
Result<QStringList> strings(const json::Value &array, const QString &field)
{
    QStringList out;
    if (array.isNull())
        return out;
    if (array.size() > kMaxFilters)
        return Error::invalid(QStringLiteral("data.%1 has %2 entries; at most %3 are allowed")
                                  .arg(field)
                                  .arg(array.size())
                                  .arg(kMaxFilters));
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString() || array.at(i).raw().size() > 200)
            return Error::invalid(
                QStringLiteral("data.%1 must be a list of strings of at most 200 characters").arg(field));
        out << array.at(i).toString();
    }
    return out;
}

} // namespace

void addSearchHandlers(MessageRouter &router, Library &library, SearchIndex &index)
{
    router.add(QStringLiteral("tsg:search"),
               {.fields = {{.name = QStringLiteral("query"), .type = Type::String, .maxLength = 1000},
                           {.name = QStringLiteral("tsgName"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 1000},
                           {.name = QStringLiteral("tags"), .type = Type::Array, .required = false, .nullable = true},
                           {.name = QStringLiteral("types"), .type = Type::Array, .required = false, .nullable = true},
                           {.name = QStringLiteral("limit"), .type = Type::Number, .required = false, .nullable = true},
                           {.name = QStringLiteral("cursor"),
                            .type = Type::String,
                            .required = false,
                            .nullable = true,
                            .maxLength = 200}}},
               [&library, &index](const Request &r, HandlerContext &c) {
                   const json::Value &data = r.data();
                   SearchRequest request{.query = data[u"query"].toString()};
                   if (const json::Value &tsg = data[u"tsgName"]; tsg.isString()) {
                       const auto stored = library.resolveTsg(tsg.toString());
                       if (!stored)
                           return c.replyError(r,
                                               Error::notFound(QStringLiteral("TSG '%1' not found")
                                                                   .arg(NameRules::printable(tsg.toString()))));
                       request.tsgName = *stored;
                   }
                   const auto tags = strings(data[u"tags"], QStringLiteral("tags"));
                   if (!tags.ok())
                       return c.replyError(r, tags.error());
                   request.tags = tags.value();
                   const auto types = strings(data[u"types"], QStringLiteral("types"));
                   if (!types.ok())
                       return c.replyError(r, types.error());
                   request.types = types.value();
                   if (const json::Value &limit = data[u"limit"]; limit.isNumber()) {
                       const double n = limit.toNumber();
                       if (n != std::floor(n) || n < 1 || n > 500)
                           return c.replyError(r,
                                               Error::invalid(
                                                   QStringLiteral("data.limit must be a whole number from 1 to 500")));
                       request.limit = int(n);
                   }
                   if (const json::Value &cursor = data[u"cursor"]; cursor.isString())
                       request.cursor = cursor.toString();
                   c.whenDone(index.searchAsync(request), [r, &c](const Result<SearchResult> &found) {
                       if (!found.ok())
                           return c.replyError(r, found.error());
                       c.reply(r, Wire::searchResult(found.value()));
                   });
               });
}

} // namespace tsg::Handlers
