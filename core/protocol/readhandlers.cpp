// tsg:read-file and session:read-file: part of one file of a TSG or of the client's session, for a client that
// shows it or quotes it. The library reads it on its pool; the reply carries at most 1 MiB.
#include "handlers.h"

#include "library.h"
#include "messagerouter.h"
#include "wire.h"

#include <climits>
#include <cmath>

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;

FieldSpec number(const QString &name)
{
    return {.name = name, .type = Type::Number, .required = false, .nullable = true};
}

// The range fields of a read request: whole numbers, checked for their bounds by FileReader.
Result<ReadRange> rangeOf(const json::Value &data)
{
    ReadRange range;
    QStringList problems;
    const auto whole = [&](QStringView key) -> std::optional<qint64> {
        const json::Value &v = data[key];
        if (!v.isNumber())
            return std::nullopt;
        const double n = v.toNumber();
        if (n != std::floor(n) || std::abs(n) > 9e15) {
            problems << QStringLiteral("data.%1 must be a whole number").arg(key);
            return std::nullopt;
        }
        return qint64(n);
    };
    range.offset = whole(u"offset").value_or(0);
    range.length = whole(u"length");
    const auto line = whole(u"line");
    const auto lines = whole(u"lines");
    if ((line && (*line > INT_MAX || *line < INT_MIN)) || (lines && (*lines > INT_MAX || *lines < INT_MIN)))
        problems << QStringLiteral("data.line and data.lines must be at most %1").arg(INT_MAX);
    else {
        if (line)
            range.line = int(*line);
        if (lines)
            range.lines = int(*lines);
    }
    if (!problems.isEmpty())
        return Error::batch(ErrorKind::Invalid, problems);
    return range;
}

const QList<FieldSpec> kRangeFields = {number(QStringLiteral("offset")), number(QStringLiteral("length")),
                                       number(QStringLiteral("line")), number(QStringLiteral("lines"))};

} // namespace

void addReadHandlers(MessageRouter &router, Library &library)
{
    QList<FieldSpec> tsgFields = {{.name = QStringLiteral("name"), .type = Type::String, .maxLength = 1000},
                                  {.name = QStringLiteral("path"), .type = Type::String, .maxLength = 4096}};
    tsgFields << kRangeFields;
    router.add(QStringLiteral("tsg:read-file"), {.fields = tsgFields}, [&library](const Request &r, HandlerContext &c) {
        const auto range = rangeOf(r.data());
        if (!range.ok())
            return c.replyError(r, range.error());
        const QString name = r.data()[u"name"].toString();
        c.whenDone(library.readTsgFile(name, r.data()[u"path"].toString(), range.value()),
                   [r, &c, &library, name](const Result<FileContent> &read) {
                       if (!read.ok())
                           return c.replyError(r, read.error());
                       c.reply(r,
                               Wire::fileContent(QStringLiteral("tsg:read-file:response"),
                                                 {{QStringLiteral("tsgName"), library.resolveTsg(name).value_or(name)},
                                                  {QStringLiteral("path"), read.value().path}},
                                                 read.value()));
                   });
    });

    QList<FieldSpec> sessionFields = {{.name = QStringLiteral("name"), .type = Type::String, .maxLength = 1000}};
    sessionFields << kRangeFields;
    router.add(QStringLiteral("session:read-file"), {.fields = sessionFields, .needsSession = true},
               [&library](const Request &r, HandlerContext &c) {
                   const auto range = rangeOf(r.data());
                   if (!range.ok())
                       return c.replyError(r, range.error());
                   c.whenDone(library.readSessionFile(r.sessionId, r.data()[u"name"].toString(), range.value()),
                              [r, &c](const Result<FileContent> &read) {
                                  if (!read.ok())
                                      return c.replyError(r, read.error());
                                  c.reply(r,
                                          Wire::fileContent(QStringLiteral("session:read-file:response"),
                                                            {{QStringLiteral("sessionId"), r.sessionId},
                                                             {QStringLiteral("name"), read.value().path}},
                                                            read.value()));
                              });
               });
}

} // namespace tsg::Handlers
