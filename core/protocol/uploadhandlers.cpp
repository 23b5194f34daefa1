// The upload messages, one pipeline for a TSG and a session (an UploadTarget), in both forms: the seed's
// single message (tsg:upload, session:upload) and the chunked upload of docs/PROTOCOL.md, "Large uploads"
// (…:upload:begin answers upload:ready; the bytes come as binary frames; upload:commit answers exactly as
// the single message does).
#include "handlers.h"

#include "chunkeduploads.h"
#include "messagerouter.h"
#include "uploadmessages.h"
#include "wire.h"

#include <QJsonArray>

namespace tsg::Handlers {

namespace {

using Type = json::Value::Type;
using namespace UploadMessages;

const FieldSpec kUploadId{.name = QStringLiteral("uploadId"), .type = Type::String, .maxLength = 64};
const FieldSpec kFiles{.name = QStringLiteral("files"), .type = Type::Array};
const FieldSpec kTsgName{.name = QStringLiteral("tsgName"), .type = Type::String, .maxLength = 1000};

// The target a request names: data.tsgName for tsg:*, the envelope's sessionId for session:*.
UploadTarget targetOf(const Request &r)
{
    return r.type.startsWith(u"session:") ? UploadTarget::session(r.sessionId)
                                          : UploadTarget::tsg(r.data()[u"tsgName"].toString());
}

QString progressType(const UploadTarget &target)
{
    return target.word() + QStringLiteral(":upload:progress");
}

void replyUploadError(const Request &r, HandlerContext &c, const QString &id, const Error &error)
{
    QJsonObject extra;
    if (!id.isEmpty())
        extra.insert(QStringLiteral("uploadId"), id);
    c.reply(r, Wire::uploadError(r.type, error, extra));
}

void replyReady(const Request &r, HandlerContext &c, const ChunkedUploadInfo &info, const Config &config,
                int generation = 0)
{
    c.followUpload(info, r.requestId, generation);
    c.reply(r, Wire::message(QStringLiteral("upload:ready"), Wire::upload(info, config)));
}

// files: [{path|name, size, sha256?, type?, mtime?}] -> specs; every problem collected.
QList<ChunkedFileSpec> fileSpecs(const json::Value &files, const UploadTarget &target, QStringList &problems)
{
    const QString key = pathKey(target);
    QList<ChunkedFileSpec> specs;
    forEachFile(files, problems, [&](const QString &at, const json::Value &f) {
        const json::Value &path = f[key];
        const json::Value &sha = f[u"sha256"];
        const json::Value &type = f[u"type"];
        const qsizetype before = problems.size();
        if (!path.isString() || path.raw().isEmpty() || path.raw().size() > 4096)
            problems << QStringLiteral("%1.%2 must be a non-empty string of at most 4096 characters").arg(at, key);
        const std::optional<qint64> bytes = declaredSize(f[u"size"]);
        if (!bytes)
            problems << declaredSizeProblem(at);
        if (f.find(u"sha256") && !sha.isString() && !sha.isNull())
            problems << QStringLiteral("%1.sha256 must be a string of 64 hexadecimal characters").arg(at);
        if (f.find(u"type") && !type.isString() && !type.isNull())
            problems << QStringLiteral("%1.type must be a string").arg(at);
        const json::Value &mtime = f[u"mtime"];
        if (f.find(u"mtime") && !mtime.isNull() && !declaredMtime(mtime))
            problems << declaredMtimeProblem(at);
        if (problems.size() > before)
            return;
        specs.append({.path = path.toString(),
                      .size = *bytes,
                      .sha256 = sha.isString() ? sha.toString().left(128) : QString(),
                      .type = type.isString() ? type.toString().left(200) : QString(),
                      .mtimeMs = declaredMtime(mtime)});
    });
    return specs;
}

} // namespace

void addUploadHandlers(MessageRouter &router, Library &library)
{
    // The single message: the files' bytes inside it, in base64.
    const auto uploadInOne = [&library](const Request &r, HandlerContext &c) {
        const UploadTarget target = targetOf(r);
        QStringList problems;
        auto batch = batchFromFiles(r.data()[u"files"], target, problems);
        if (!problems.isEmpty())
            return c.replyError(r, Error::batch(ErrorKind::Invalid, problems));
        batch->onProgress = c.progress(r, progressType(target), target.name);
        QList<SentFile> sent;
        for (const UploadFile &f : batch->files)
            sent.append({.name = f.path, .type = f.claimedType});
        // `r` holds the message whose text the batch decodes from, until the reply is sent.
        c.whenDone(library.upload(target, batch, c.origin()), [r, &c, batch, sent](const Result<UploadResult> &up) {
            if (!up.ok())
                return c.replyError(r, up.error());
            replyUploaded(r, c, up.value(), sent);
        });
    };
    router.add(QStringLiteral("tsg:upload"), {.fields = {kTsgName, kFiles}}, uploadInOne);
    router.add(QStringLiteral("session:upload"), {.fields = {kFiles}, .needsSession = true}, uploadInOne);

    // Chunked: begin declares the files; the bytes follow as binary frames.
    const auto begin = [&library](const Request &r, HandlerContext &c) {
        const UploadTarget target = targetOf(r);
        QStringList problems;
        const QList<ChunkedFileSpec> files = fileSpecs(r.data()[u"files"], target, problems);
        if (!problems.isEmpty())
            return c.replyError(r, Error::batch(ErrorKind::Invalid, problems));
        c.whenDone(library.beginUpload(target, files), [r, &c, &library](const Result<ChunkedUploadInfo> &up) {
            if (!up.ok())
                return c.replyError(r, up.error());
            replyReady(r, c, up.value(), library.config());
        });
    };
    router.add(QStringLiteral("tsg:upload:begin"), {.fields = {kTsgName, kFiles}}, begin);
    router.add(QStringLiteral("session:upload:begin"), {.fields = {kFiles}, .needsSession = true}, begin);

    router.add(QStringLiteral("upload:resume"), {.fields = {kUploadId}},
               [&library](const Request &r, HandlerContext &c) {
                   const QString id = r.data()[u"uploadId"].toString();
                   c.whenDone(library.resumeUpload(id), [r, &c, &library, id](const Result<ChunkedResume> &resumed) {
                       if (!resumed.ok())
                           return replyUploadError(r, c, id, resumed.error());
                       replyReady(r, c, resumed.value().upload, library.config(), resumed.value().generation);
                   });
               });

    router.add(QStringLiteral("upload:commit"), {.fields = {kUploadId}},
               [&library](const Request &r, HandlerContext &c) {
                   const QString id = r.data()[u"uploadId"].toString();
                   c.whenDone(library.commitUpload(id, c.origin()),
                              [r, &c, id](const Result<ChunkedCommitResult> &done) {
                                  if (!done.ok())
                                      return replyUploadError(r, c, id, done.error());
                                  c.unfollowUpload(id);
                                  QList<SentFile> sent;
                                  for (const ChunkedFileSpec &f : done.value().upload.files)
                                      sent.append({.name = f.path, .type = f.type});
                                  replyUploaded(r, c, done.value().result, sent);
                              });
               });

    router.add(QStringLiteral("upload:abort"), {.fields = {kUploadId}},
               [&library](const Request &r, HandlerContext &c) {
                   const QString id = r.data()[u"uploadId"].toString();
                   c.whenDone(library.abortUpload(id), [r, &c, id](const Status &aborted) {
                       if (!aborted.ok())
                           return replyUploadError(r, c, id, aborted.error());
                       c.unfollowUpload(id);
                       c.reply(r, Wire::message(QStringLiteral("upload:aborted"), {{QStringLiteral("uploadId"), id}}));
                   });
               });

    router.add(QStringLiteral("upload:list"), {}, [&library](const Request &r, HandlerContext &c) {
        QJsonArray list;
        const Config config = library.config();
        for (const ChunkedUploadInfo &info : library.openUploads())
            list.append(Wire::upload(info, config));
        c.reply(r, Wire::message(QStringLiteral("upload:list:response"), {{QStringLiteral("uploads"), list}}));
    });
}

} // namespace tsg::Handlers
