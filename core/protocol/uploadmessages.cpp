#include "uploadmessages.h"

#include "bytesource.h"
#include "wire.h"

#include <cmath>

namespace tsg::UploadMessages {

QString pathKey(const UploadTarget &target)
{
    return target.isTsg() ? QStringLiteral("path") : QStringLiteral("name");
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
    return QStringLiteral("%1.size must be the file's size in bytes: a whole number from 0 to 9007199254740991")
        .arg(at);
}

std::optional<qint64> declaredMtime(const json::Value &mtime)
{
    constexpr double kMax = 253402300799999.0; // 9999-12-31T23:59:59.999Z
    const double ms = mtime.isNumber() ? mtime.toNumber() : -1;
    if (!(ms >= 0 && ms <= kMax) || ms != std::floor(ms))
        return std::nullopt;
    return qint64(ms);
}

QString declaredMtimeProblem(const QString &at)
{
    return QStringLiteral("%1.mtime must be the file's modification time in milliseconds since 1970-01-01 UTC: a "
                          "whole number from 0 to 253402300799999")
        .arg(at);
}

std::shared_ptr<UploadBatch> batchFromFiles(const json::Value &files, const UploadTarget &target, QStringList &problems)
{
    const QString key = pathKey(target);
    auto batch = std::make_shared<UploadBatch>();
    forEachFile(files, problems, [&](const QString &at, const json::Value &f) {
        const json::Value &path = f[key];
        const json::Value &content = f[u"content"];
        const json::Value &type = f[u"type"];
        const json::Value &size = f[u"size"];
        const json::Value &mtime = f[u"mtime"];
        QStringList own;
        if (!path.isString() || path.raw().isEmpty() || path.raw().size() > 4096)
            own << QStringLiteral("%1.%2 must be a non-empty string of at most 4096 characters").arg(at, key);
        if (!content.isString())
            own << QStringLiteral("%1.content must be a base64 string").arg(at);
        if (f.find(u"type") && !type.isString() && !type.isNull())
            own << QStringLiteral("%1.type must be a string").arg(at);
        if (f.find(u"size") && !size.isNull() && !declaredSize(size))
            own << declaredSizeProblem(at);
        if (f.find(u"mtime") && !mtime.isNull() && !declaredMtime(mtime))
            own << declaredMtimeProblem(at);
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
                            .arg(label)
                            .arg(*declared)
                            .arg(source->size());
        batch->files.push_back({.path = label,
                                .claimedType = type.isString() ? type.toString().left(200) : QString(),
                                .source = std::move(source),
                                .mtimeMs = declaredMtime(mtime)});
    });
    return batch;
}

void replyUploaded(const Request &request, HandlerContext &context, const UploadResult &result,
                   const QList<SentFile> &sent)
{
    if (result.target.isTsg())
        context.reply(request, Wire::tsgFiles(result.target.name, result.tsgFiles));
    QStringList names, types;
    for (const SentFile &f : sent) {
        names << f.name;
        types << f.type;
    }
    context.reply(request, Wire::uploadSuccess(result, names, types));
}

} // namespace tsg::UploadMessages
