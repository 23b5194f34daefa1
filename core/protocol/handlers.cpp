#include "handlers.h"

#include "connection.h"
#include "messagerouter.h"
#include "wire.h"

#include <QJsonArray>

#include <cmath>
#include <functional>

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;

QString str(const Request &r, QStringView key) { return r.data()[key].toString(); }

const FieldSpec kName{QStringLiteral("name"), Type::String, true, false, 1000};

QStringList stringList(const json::Value &array)
{
    QStringList out;
    for (qsizetype i = 0; i < array.size(); ++i)
        if (array.at(i).isString())
            out << array.at(i).toString().left(200);
    return out;
}

void tsgCreate(const Request &r, Connection &c)
{
    const QString description = str(r, u"description");
    const QStringList tags = stringList(r.data()[u"tags"]);
    c.whenDone(c.library().createTsg(str(r, u"name"), description, tags, c.id()), [r, &c](const Result<TsgInfo> &created) {
        if (!created.ok())
            return c.replyError(r, created.error().message);
        c.sendList(&r);
        c.reply(r, Wire::message(QStringLiteral("tsg:create:success"), {{QStringLiteral("name"), created.value().name}}));
    });
}

void tsgSelect(const Request &r, Connection &c)
{
    const json::Value &name = r.data()[u"name"];
    const std::optional<QString> wanted = name.isString() ? std::optional<QString>(name.toString()) : std::nullopt;
    c.whenDone(c.library().selectTsg(wanted, c.id()), [r, &c](const Result<std::optional<QString>> &selected) {
        if (!selected.ok())
            return c.replyError(r, selected.error().message);
        if (!r.sessionId.isEmpty())
            (void)c.library().sessionStore().setActiveTsg(r.sessionId, selected.value());
        const std::optional<QString> &active = selected.value();
        c.reply(r, Wire::message(QStringLiteral("tsg:select:success"),
                                 {{QStringLiteral("activeTSG"), active ? QJsonValue(*active) : QJsonValue(QJsonValue::Null)}}));
    });
}

void tsgDelete(const Request &r, Connection &c)
{
    c.whenDone(c.library().deleteTsg(str(r, u"name"), c.id()), [r, &c](const Result<TrashEntry> &deleted) {
        if (!deleted.ok())
            return c.replyError(r, deleted.error().message);
        c.sendList(&r);
        c.reply(r, Wire::message(QStringLiteral("tsg:delete:success"), {{QStringLiteral("name"), deleted.value().tsgName},
                                                                        {QStringLiteral("trashId"), deleted.value().id}}));
    });
}

void tsgRestore(const Request &r, Connection &c)
{
    c.whenDone(c.library().restoreTsg(str(r, u"id"), str(r, u"name"), c.id()), [r, &c](const Result<TsgInfo> &restored) {
        if (!restored.ok())
            return c.replyError(r, restored.error().message);
        c.sendList(&r);
        c.reply(r, Wire::message(QStringLiteral("tsg:restore:success"), {{QStringLiteral("name"), restored.value().name}}));
    });
}

void tsgTrash(const Request &r, Connection &c)
{
    c.whenDone(c.library().trash(), [r, &c](const Result<QList<TrashEntry>> &entries) {
        if (!entries.ok())
            return c.replyError(r, entries.error().message);
        c.reply(r, Wire::trashList(entries.value()));
    });
}

void tsgGetFiles(const Request &r, Connection &c)
{
    const QString name = str(r, u"name");
    c.whenDone(c.library().tsgFiles(name), [r, &c](const Result<QList<FileEntry>> &files) {
        if (!files.ok())
            return c.replyError(r, files.error().message);
        const auto stored = c.library().store().resolve(str(r, u"name"));
        c.reply(r, Wire::tsgFiles(stored.value_or(str(r, u"name")), files.value()));
    });
}

void tsgUpload(const Request &r, Connection &c)
{
    QStringList problems;
    const QString tsgName = str(r, u"tsgName");
    auto batch = batchFromFiles(r, r.data()[u"files"], QStringLiteral("path"), problems);
    if (!problems.isEmpty())
        return c.replyError(r, problems.join(QStringLiteral("; ")));
    batch->onProgress = c.progressSender(r, QStringLiteral("tsg:upload:progress"), tsgName);
    // `r` holds the message whose text the batch decodes from, until the reply is sent.
    c.whenDone(c.library().uploadToTsg(tsgName, batch, c.id()), [r, &c, batch](const Result<TsgUploadResult> &up) {
        if (!up.ok())
            return c.replyError(r, up.error().message);
        replyTsgUploaded(r, c, up.value());
    });
}

void sessionUpload(const Request &r, Connection &c)
{
    QStringList problems;
    auto batch = batchFromFiles(r, r.data()[u"files"], QStringLiteral("name"), problems);
    if (!problems.isEmpty())
        return c.replyError(r, problems.join(QStringLiteral("; ")));
    batch->onProgress = c.progressSender(r, QStringLiteral("session:upload:progress"), r.sessionId);
    QStringList types;
    for (const UploadFile &f : batch->files)
        types << f.claimedType;
    c.whenDone(c.library().uploadToSession(r.sessionId, batch, c.id()), [r, &c, batch, types](const Result<SessionUploadResult> &up) {
        if (!up.ok())
            return c.replyError(r, up.error().message);
        QStringList names;
        for (const UploadFile &f : batch->files)
            names << f.path;
        replySessionUploaded(r, c, up.value(), types, names);
    });
}

void sessionGetFiles(const Request &r, Connection &c)
{
    c.whenDone(c.library().sessionFiles(r.sessionId), [r, &c](const Result<QList<SessionFile>> &files) {
        if (!files.ok())
            return c.replyError(r, files.error().message);
        c.reply(r, Wire::sessionFiles(r.sessionId, files.value()));
    });
}

void sessionInfo(const Request &r, Connection &c)
{
    c.whenDone(c.library().touchSession(r.sessionId, c.id()), [r, &c](const Result<SessionInfo> &info) {
        if (!info.ok())
            return c.replyError(r, info.error().message);
        c.reply(r, Wire::message(QStringLiteral("session:info:response"), Wire::sessionInfo(info.value())));
    });
}

void sessionDelete(const Request &r, Connection &c)
{
    c.whenDone(c.library().deleteSession(r.sessionId, c.id()), [r, &c](const Status &deleted) {
        if (!deleted.ok())
            return c.replyError(r, deleted.error().message);
        c.reply(r, Wire::message(QStringLiteral("session:delete:success"), {{QStringLiteral("sessionId"), r.sessionId}}));
    });
}

} // namespace

namespace {
class FnHandler : public MessageHandler {
public:
    FnHandler(QList<FieldSpec> fields, HandlerFn fn) : m_fields(std::move(fields)), m_fn(std::move(fn)) {}
    QList<FieldSpec> fields() const override { return m_fields; }
    void handle(const Request &request, Connection &connection) override { m_fn(request, connection); }

private:
    QList<FieldSpec> m_fields;
    HandlerFn m_fn;
};
} // namespace

void add(MessageRouter &router, const QString &type, QList<FieldSpec> fields, HandlerFn fn)
{
    router.add(type, std::make_shared<FnHandler>(std::move(fields), std::move(fn)));
}

void replyTsgUploaded(const Request &r, Connection &c, const TsgUploadResult &up)
{
    QJsonArray files;
    for (const StoredFile &f : up.stored)
        files.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("size"), double(f.size)}, {QStringLiteral("sha256"), f.sha256}});
    c.reply(r, Wire::tsgFiles(up.tsgName, up.files));
    c.reply(r, Wire::message(QStringLiteral("tsg:upload:success"), {{QStringLiteral("tsgName"), up.tsgName},
                                                                   {QStringLiteral("fileCount"), int(up.stored.size())},
                                                                   {QStringLiteral("files"), files}}));
}

void replySessionUploaded(const Request &r, Connection &c, const SessionUploadResult &up, const QStringList &claimedTypes,
                          const QStringList &originalNames)
{
    QJsonArray files;
    for (qsizetype i = 0; i < up.stored.size(); ++i) {
        const SessionFile &f = up.stored.at(i);
        files.append(QJsonObject{{QStringLiteral("name"), f.name},
                                 {QStringLiteral("path"), f.path},
                                 {QStringLiteral("size"), double(f.size)},
                                 {QStringLiteral("type"), claimedTypes.value(i).isEmpty() ? f.type : claimedTypes.value(i)},
                                 {QStringLiteral("originalName"), originalNames.value(i)}});
    }
    c.reply(r, Wire::message(QStringLiteral("session:upload:success"), {{QStringLiteral("files"), files}}));
}

void forEachFile(const json::Value &files, QStringList &problems,
                 const std::function<void(const QString &at, const json::Value &entry)> &each)
{
    if (!files.isArray()) {
        problems << QStringLiteral("data.files must be an array");
        return;
    }
    if (files.size() == 0)
        problems << QStringLiteral("data.files is empty: no files to upload");
    for (qsizetype i = 0; i < files.size(); ++i) {
        const json::Value &f = files.at(i);
        const QString at = QStringLiteral("data.files[%1]").arg(i);
        if (f.isObject())
            each(at, f);
        else
            problems << at + QStringLiteral(" must be an object");
    }
}

std::optional<qint64> declaredSize(const json::Value &size)
{
    constexpr double kMaxExact = 9007199254740991.0; // 2^53 - 1
    const double bytes = size.isNumber() ? size.toNumber() : -1;
    // Compared as a double first: NaN and infinities fail every test, and nothing out of range is cast.
    if (!(bytes >= 0 && bytes <= kMaxExact) || bytes != std::floor(bytes))
        return std::nullopt;
    return qint64(bytes);
}

QString declaredSizeProblem(const QString &at)
{
    return QStringLiteral("%1.size must be the file's size in bytes: a whole number from 0 to 9007199254740991").arg(at);
}

std::shared_ptr<UploadBatch> batchFromFiles(const Request &request, const json::Value &files, const QString &pathKey,
                                            QStringList &problems)
{
    Q_UNUSED(request);
    auto batch = std::make_shared<UploadBatch>();
    forEachFile(files, problems, [&](const QString &at, const json::Value &f) {
        const json::Value &path = f[pathKey];
        const json::Value &content = f[u"content"];
        const json::Value &type = f[u"type"];
        const json::Value &size = f[u"size"];
        QStringList own;
        if (!path.isString() || path.raw().isEmpty() || path.raw().size() > 4096)
            own << QStringLiteral("%1.%2 must be a non-empty string of at most 4096 characters").arg(at, pathKey);
        if (!content.isString())
            own << QStringLiteral("%1.content must be a base64 string").arg(at);
        if (f.find(u"type") && !type.isString() && !type.isNull())
            own << QStringLiteral("%1.type must be a string").arg(at);
        if (f.find(u"size") && !size.isNull() && !declaredSize(size))
            own << declaredSizeProblem(at);
        if (!own.isEmpty()) {
            problems << own;
            return;
        }
        const QString label = path.toString();
        if (content.hasEscapes()) {
            problems << QStringLiteral("%1: content must be plain base64 (no JSON escapes)").arg(label);
            return;
        }
        auto source = std::make_unique<Base64Source>(content.raw(), label);
        if (source->size() < 0) {
            problems << Base64Source::decodedSize(content.raw(), label).error().message;
            return;
        }
        if (const auto declared = declaredSize(size); declared && *declared != source->size())
            problems << QStringLiteral("%1: size says %2 bytes but content holds %3 (truncated or mislabelled upload)")
                            .arg(label).arg(*declared).arg(source->size());
        batch->files.push_back({label, type.isString() ? type.toString().left(200) : QString(), std::move(source)});
    });
    return batch;
}

void addTsgHandlers(MessageRouter &r)
{
    add(r, QStringLiteral("tsg:create"),
        {kName, {QStringLiteral("description"), Type::String, false, true, 10000}, {QStringLiteral("tags"), Type::Array, false, true}},
        tsgCreate);
    add(r, QStringLiteral("tsg:list"), {}, [](const Request &req, Connection &c) { c.sendList(&req); });
    add(r, QStringLiteral("tsg:select"), {{QStringLiteral("name"), Type::String, true, true, 1000}}, tsgSelect);
    add(r, QStringLiteral("tsg:delete"), {kName}, tsgDelete);
    add(r, QStringLiteral("tsg:restore"),
        {{QStringLiteral("id"), Type::String, true, false, 200}, {QStringLiteral("name"), Type::String, false, true, 1000}}, tsgRestore);
    add(r, QStringLiteral("tsg:trash"), {}, tsgTrash);
    add(r, QStringLiteral("tsg:get-files"), {kName}, tsgGetFiles);
    add(r, QStringLiteral("tsg:upload"),
        {{QStringLiteral("tsgName"), Type::String, true, false, 1000}, {QStringLiteral("files"), Type::Array}}, tsgUpload);
}

void addSessionHandlers(MessageRouter &r)
{
    add(r, QStringLiteral("session:upload"), {{QStringLiteral("files"), Type::Array}}, sessionUpload);
    add(r, QStringLiteral("session:get-files"), {}, sessionGetFiles);
    add(r, QStringLiteral("session:info"), {}, sessionInfo);
    add(r, QStringLiteral("session:delete"), {}, sessionDelete);
}

} // namespace tsg::Handlers
