// Handlers of the chunked upload messages (see docs/PROTOCOL.md, "Large uploads"): begin validates
// like the single-message form and answers upload:ready; the bytes come as binary frames
// (ChunkReceiver); commit answers exactly as the single-message form does.
#include "handlers.h"

#include "chunkreceiver.h"
#include "connection.h"
#include "messagerouter.h"
#include "wire.h"

#include <QJsonArray>
#include <QtConcurrent>

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;

const FieldSpec kUploadId{QStringLiteral("uploadId"), Type::String, true, false, 64};

QJsonObject uploadJson(const ChunkedUploadInfo &info, const Config &config)
{
    const QString nameKey = info.toSession ? QStringLiteral("name") : QStringLiteral("path");
    QJsonArray files;
    for (qsizetype i = 0; i < info.files.size(); ++i) {
        const ChunkedFileSpec &f = info.files.at(i);
        QJsonObject o{{QStringLiteral("index"), int(i)},
                      {nameKey, f.path},
                      {QStringLiteral("size"), double(f.size)},
                      {QStringLiteral("received"), double(info.received.value(i))}};
        if (!f.sha256.isEmpty())
            o.insert(QStringLiteral("sha256"), f.sha256);
        files.append(o);
    }
    QJsonObject data{{QStringLiteral("uploadId"), info.id},
                     {QStringLiteral("target"), info.toSession ? QStringLiteral("session") : QStringLiteral("tsg")},
                     {info.toSession ? QStringLiteral("sessionId") : QStringLiteral("tsgName"), info.target},
                     {QStringLiteral("chunkSize"), double(ChunkedUploads::kChunkSize)},
                     {QStringLiteral("window"), double(ChunkedUploads::kWindow)},
                     {QStringLiteral("headerSize"), 32},
                     {QStringLiteral("files"), files},
                     {QStringLiteral("bytesReceived"), double(info.bytesReceived)},
                     {QStringLiteral("bytesTotal"), double(info.bytesTotal)},
                     {QStringLiteral("expiresAt"),
                      Wire::isoTime(info.lastActivity.addSecs(qint64(config.desk.uploadExpiryHours) * 3600))}};
    return data;
}

void replyUploadError(const Request &r, Connection &c, const QString &id, const QString &message)
{
    QJsonObject fields{{QStringLiteral("message"), message}};
    if (!id.isEmpty())
        fields.insert(QStringLiteral("uploadId"), id);
    c.reply(r, Wire::uploadError(r.type, fields));
}

void replyReady(const Request &r, Connection &c, const ChunkedUploadInfo &info, int generation = 0)
{
    c.chunks().follow(info, r.requestId, generation);
    c.reply(r, Wire::message(QStringLiteral("upload:ready"), uploadJson(info, c.library().config())));
}

// files: [{path|name, size, sha256?, type?}] -> specs; every problem collected.
QList<ChunkedFileSpec> fileSpecs(const json::Value &files, const QString &pathKey, QStringList &problems)
{
    QList<ChunkedFileSpec> specs;
    forEachFile(files, problems, [&](const QString &at, const json::Value &f) {
        const json::Value &path = f[pathKey];
        const json::Value &size = f[u"size"];
        const json::Value &sha = f[u"sha256"];
        const json::Value &type = f[u"type"];
        const int before = int(problems.size());
        if (!path.isString() || path.raw().isEmpty() || path.raw().size() > 4096)
            problems << QStringLiteral("%1.%2 must be a non-empty string of at most 4096 characters").arg(at, pathKey);
        const std::optional<qint64> bytes = declaredSize(size);
        if (!bytes)
            problems << declaredSizeProblem(at);
        if (f.find(u"sha256") && !sha.isString() && !sha.isNull())
            problems << QStringLiteral("%1.sha256 must be a string of 64 hexadecimal characters").arg(at);
        if (f.find(u"type") && !type.isString() && !type.isNull())
            problems << QStringLiteral("%1.type must be a string").arg(at);
        if (problems.size() > before)
            return;
        specs.append({path.toString(), QString(), *bytes, sha.isString() ? sha.toString().left(128) : QString(),
                      type.isString() ? type.toString().left(200) : QString()});
    });
    return specs;
}

void tsgUploadBegin(const Request &r, Connection &c)
{
    QStringList problems;
    const QList<ChunkedFileSpec> files = fileSpecs(r.data()[u"files"], QStringLiteral("path"), problems);
    if (!problems.isEmpty())
        return c.replyError(r, problems.join(QStringLiteral("; ")));
    c.whenDone(c.library().beginTsgUpload(r.data()[u"tsgName"].toString(), files), [r, &c](const Result<ChunkedUploadInfo> &up) {
        if (!up.ok())
            return c.replyError(r, up.error().message);
        replyReady(r, c, up.value());
    });
}

void sessionUploadBegin(const Request &r, Connection &c)
{
    QStringList problems;
    const QList<ChunkedFileSpec> files = fileSpecs(r.data()[u"files"], QStringLiteral("name"), problems);
    if (!problems.isEmpty())
        return c.replyError(r, problems.join(QStringLiteral("; ")));
    c.whenDone(c.library().beginSessionUpload(r.sessionId, files), [r, &c](const Result<ChunkedUploadInfo> &up) {
        if (!up.ok())
            return c.replyError(r, up.error().message);
        replyReady(r, c, up.value());
    });
}

void uploadResume(const Request &r, Connection &c)
{
    const QString id = r.data()[u"uploadId"].toString();
    QString whyNot;
    const auto upload = c.library().uploads().find(id, &whyNot);
    if (!upload)
        return replyUploadError(r, c, id, whyNot);
    // Frames of the connection that sent before (perhaps dead, its frames still in flight) stop being
    // taken, and what it queued is written, before the reply says what the server holds.
    struct Claimed {
        int generation;
        ChunkedUploadInfo info;
    };
    c.whenDone(QtConcurrent::run([upload] { return Claimed{upload->claim(), upload->info()}; }),
               [r, &c](const Claimed &claimed) { replyReady(r, c, claimed.info, claimed.generation); });
}

void uploadCommit(const Request &r, Connection &c)
{
    const QString id = r.data()[u"uploadId"].toString();
    c.whenDone(c.library().commitUpload(id, c.id()), [r, &c, id](const Result<ChunkedCommitResult> &done) {
        if (!done.ok())
            return replyUploadError(r, c, id, done.error().message);
        c.chunks().unfollow(id);
        if (!done.value().upload.toSession)
            return replyTsgUploaded(r, c, done.value().tsg);
        QStringList types, names;
        for (const ChunkedFileSpec &f : done.value().upload.files) {
            types << f.type;
            names << f.path;
        }
        replySessionUploaded(r, c, done.value().session, types, names);
    });
}

void uploadAbort(const Request &r, Connection &c)
{
    const QString id = r.data()[u"uploadId"].toString();
    c.whenDone(c.library().abortUpload(id), [r, &c, id](const Status &aborted) {
        if (!aborted.ok())
            return replyUploadError(r, c, id, aborted.error().message);
        c.chunks().unfollow(id);
        c.reply(r, Wire::message(QStringLiteral("upload:aborted"), {{QStringLiteral("uploadId"), id}}));
    });
}

void uploadList(const Request &r, Connection &c)
{
    QJsonArray list;
    const Config config = c.library().config();
    for (const ChunkedUploadInfo &info : c.library().uploads().list())
        list.append(uploadJson(info, config));
    c.reply(r, Wire::message(QStringLiteral("upload:list:response"), {{QStringLiteral("uploads"), list}}));
}

} // namespace

void addUploadHandlers(MessageRouter &r)
{
    add(r, QStringLiteral("tsg:upload:begin"),
        {{QStringLiteral("tsgName"), Type::String, true, false, 1000}, {QStringLiteral("files"), Type::Array}}, tsgUploadBegin);
    add(r, QStringLiteral("session:upload:begin"), {{QStringLiteral("files"), Type::Array}}, sessionUploadBegin);
    add(r, QStringLiteral("upload:resume"), {kUploadId}, uploadResume);
    add(r, QStringLiteral("upload:commit"), {kUploadId}, uploadCommit);
    add(r, QStringLiteral("upload:abort"), {kUploadId}, uploadAbort);
    add(r, QStringLiteral("upload:list"), {}, uploadList);
}

} // namespace tsg::Handlers
