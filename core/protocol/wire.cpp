#include "wire.h"

#include "chunkeduploads.h"
#include "chunkframe.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tsg::Wire {

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString toText(const QJsonObject &message, const QJsonValue &requestId)
{
    return toText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)), requestId);
}

QString toText(const QString &objectText, const QJsonValue &requestId)
{
    if (requestId.isUndefined() || !objectText.endsWith(u'}'))
        return objectText;
    // The id as JSON (a string or a number), taken from a one-element array's text.
    const QByteArray array = QJsonDocument(QJsonArray{requestId}).toJson(QJsonDocument::Compact);
    const QString member = QStringLiteral("\"requestId\":") + QString::fromUtf8(array.mid(1, array.size() - 2));
    // One allocation: a cached reply (the TSG list) can be hundreds of kilobytes.
    QString out;
    out.reserve(objectText.size() + member.size() + 1);
    out.append(QStringView(objectText).chopped(1));
    if (objectText != u"{}")
        out.append(u',');
    out.append(member);
    out.append(u'}');
    return out;
}

QJsonObject message(const QString &type, const QJsonObject &data)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
}

QString code(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Invalid: return QStringLiteral("invalid");
    case ErrorKind::Unsupported: return QStringLiteral("unknown_type");
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::Conflict: return QStringLiteral("exists");
    case ErrorKind::TooLarge: return QStringLiteral("too_large");
    case ErrorKind::TypeNotAllowed: return QStringLiteral("type_not_allowed");
    case ErrorKind::Limit: return QStringLiteral("limit");
    case ErrorKind::DiskFull: return QStringLiteral("disk_full");
    case ErrorKind::Io: return QStringLiteral("io");
    case ErrorKind::Busy: return QStringLiteral("busy");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ErrorKind::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QJsonObject error(const QString &originalType, const Error &error)
{
    if (originalType.startsWith(u"upload:"))
        return uploadError(originalType, error);
    QJsonObject e{{QStringLiteral("message"), error.message}, {QStringLiteral("code"), code(error.kind)}};
    if (originalType.startsWith(u"tsg:"))
        e.insert(QStringLiteral("type"), QStringLiteral("tsg:error"));
    else if (originalType.startsWith(u"session:"))
        e.insert(QStringLiteral("type"), QStringLiteral("session:error"));
    else
        e.insert(QStringLiteral("type"), QStringLiteral("error"));
    if (!originalType.isEmpty())
        e.insert(QStringLiteral("originalType"), originalType);
    return e;
}

QJsonObject uploadError(const QString &originalType, const Error &error, const QJsonObject &extra)
{
    QJsonObject e = extra;
    e.insert(QStringLiteral("type"), QStringLiteral("upload:error"));
    e.insert(QStringLiteral("message"), error.message);
    e.insert(QStringLiteral("code"), code(error.kind));
    if (!originalType.isEmpty())
        e.insert(QStringLiteral("originalType"), originalType);
    return e;
}

QJsonObject tsgList(const QList<TsgInfo> &tsgs, const std::optional<QString> &active)
{
    QJsonArray list;
    for (const TsgInfo &t : tsgs)
        list.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("fileCount"), t.fileCount},
                                {QStringLiteral("createdAt"), isoTime(t.createdAt)},
                                {QStringLiteral("updatedAt"), isoTime(t.updatedAt)},
                                {QStringLiteral("size"), double(t.size)},
                                {QStringLiteral("description"), t.description},
                                {QStringLiteral("tags"), QJsonArray::fromStringList(t.tags)},
                                {QStringLiteral("active"), active == t.name}});
    return message(QStringLiteral("tsg:list:response"),
                   {{QStringLiteral("tsgs"), list},
                    {QStringLiteral("activeTSG"), active ? QJsonValue(*active) : QJsonValue(QJsonValue::Null)}});
}

QJsonObject tsgFiles(const QString &tsgName, const QList<FileEntry> &files)
{
    QJsonArray list;
    for (const FileEntry &f : files) {
        QJsonObject o{{QStringLiteral("path"), f.path},
                      {QStringLiteral("name"), f.name},
                      {QStringLiteral("size"), double(f.size)},
                      {QStringLiteral("type"), f.type},
                      {QStringLiteral("isDirectory"), f.isDirectory},
                      {QStringLiteral("modifiedAt"), isoTime(f.modifiedAt)}};
        if (!f.sha256.isEmpty())
            o.insert(QStringLiteral("sha256"), f.sha256);
        list.append(o);
    }
    return message(QStringLiteral("tsg:files:response"),
                   {{QStringLiteral("tsgName"), tsgName}, {QStringLiteral("files"), list}});
}

QJsonObject trashList(const QList<TrashEntry> &entries)
{
    QJsonArray list;
    for (const TrashEntry &e : entries)
        list.append(QJsonObject{{QStringLiteral("id"), e.id},
                                {QStringLiteral("kind"),
                                 e.kind == TrashEntry::Kind::Tsg ? QStringLiteral("tsg") : QStringLiteral("file")},
                                {QStringLiteral("tsgName"), e.tsgName},
                                {QStringLiteral("path"), e.path},
                                {QStringLiteral("deletedAt"), isoTime(e.deletedAt)},
                                {QStringLiteral("size"), double(e.size)},
                                {QStringLiteral("fileCount"), e.fileCount}});
    return message(QStringLiteral("tsg:trash:response"), {{QStringLiteral("entries"), list}});
}

QJsonObject sessionInfo(const SessionInfo &s)
{
    return {{QStringLiteral("sessionId"), s.id},
            {QStringLiteral("uploadedFiles"), QJsonArray::fromStringList(s.uploadedFiles)},
            {QStringLiteral("activeTSG"), s.activeTsg ? QJsonValue(*s.activeTsg) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("fileCount"), s.fileCount},
            {QStringLiteral("size"), double(s.size)},
            {QStringLiteral("sessionMetadata"),
             QJsonObject{{QStringLiteral("createdAt"), isoTime(s.createdAt)},
                         {QStringLiteral("lastActivity"), isoTime(s.lastActivity)},
                         {QStringLiteral("fileUploadCount"), s.fileUploadCount}}}};
}

QJsonObject sessionFiles(const QString &sessionId, const QList<SessionFile> &files)
{
    QJsonArray list;
    for (const SessionFile &f : files)
        list.append(QJsonObject{{QStringLiteral("name"), f.name},
                                {QStringLiteral("path"), f.path},
                                {QStringLiteral("size"), double(f.size)},
                                {QStringLiteral("type"), f.type},
                                {QStringLiteral("modifiedAt"), isoTime(f.modifiedAt)}});
    return message(QStringLiteral("session:files:response"),
                   {{QStringLiteral("sessionId"), sessionId}, {QStringLiteral("files"), list}});
}

QJsonObject uploadSuccess(const UploadResult &result, const QStringList &names, const QStringList &types)
{
    QJsonArray files;
    if (result.target.isTsg()) {
        for (const StoredFile &f : result.stored)
            files.append(QJsonObject{{QStringLiteral("path"), f.path},
                                     {QStringLiteral("size"), double(f.size)},
                                     {QStringLiteral("sha256"), f.sha256}});
        return message(QStringLiteral("tsg:upload:success"),
                       {{QStringLiteral("tsgName"), result.target.name},
                        {QStringLiteral("fileCount"), int(result.stored.size())},
                        {QStringLiteral("files"), files}});
    }
    for (qsizetype i = 0; i < result.stored.size(); ++i) {
        const StoredFile &f = result.stored.at(i);
        const QString type = types.value(i);
        files.append(QJsonObject{{QStringLiteral("name"), f.name},
                                 {QStringLiteral("path"), f.path},
                                 {QStringLiteral("size"), double(f.size)},
                                 {QStringLiteral("type"), type.isEmpty() ? f.type : type},
                                 {QStringLiteral("originalName"), names.value(i)}});
    }
    return message(QStringLiteral("session:upload:success"), {{QStringLiteral("files"), files}});
}

QJsonObject upload(const ChunkedUploadInfo &info, const Config &config)
{
    const QString nameKey = info.target.isTsg() ? QStringLiteral("path") : QStringLiteral("name");
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
    return {{QStringLiteral("uploadId"), info.id},
            {QStringLiteral("target"), info.target.word()},
            {info.target.isSession() ? QStringLiteral("sessionId") : QStringLiteral("tsgName"), info.target.name},
            {QStringLiteral("chunkSize"), double(ChunkedUploads::kChunkSize)},
            {QStringLiteral("window"), double(ChunkedUploads::kWindow)},
            {QStringLiteral("headerSize"), double(ChunkFrame::kHeaderSize)},
            {QStringLiteral("files"), files},
            {QStringLiteral("bytesReceived"), double(info.bytesReceived)},
            {QStringLiteral("bytesTotal"), double(info.bytesTotal)},
            {QStringLiteral("expiresAt"),
             isoTime(info.lastActivity.addSecs(qint64(config.desk.uploadExpiryHours) * 3600))}};
}

QJsonObject progress(const QString &type, const UploadProgress &p, const QString &target)
{
    QJsonObject data{{QStringLiteral("processed"), p.processed},
                     {QStringLiteral("total"), p.total},
                     {QStringLiteral("bytesProcessed"), double(p.bytesProcessed)},
                     {QStringLiteral("bytesTotal"), double(p.bytesTotal)},
                     {QStringLiteral("currentFile"), p.currentFile}};
    if (type.startsWith(u"tsg:"))
        data.insert(QStringLiteral("tsgName"), target);
    return message(type, data);
}

QJsonObject searchResult(const SearchResult &result)
{
    QJsonArray hits;
    for (const SearchHit &h : result.hits) {
        QJsonObject o{{QStringLiteral("tsgName"), h.tsgName},
                      {QStringLiteral("path"), h.path},
                      {QStringLiteral("kind"), h.kind},
                      {QStringLiteral("snippet"), h.snippet},
                      {QStringLiteral("score"), h.score}};
        if (h.line)
            o.insert(QStringLiteral("line"), *h.line);
        if (h.page)
            o.insert(QStringLiteral("page"), *h.page);
        hits.append(o);
    }
    QJsonObject data{{QStringLiteral("hits"), hits},
                     {QStringLiteral("total"), result.total},
                     {QStringLiteral("totalExact"), result.totalExact}};
    if (!result.cursor.isEmpty())
        data.insert(QStringLiteral("cursor"), result.cursor);
    if (result.progress.indexing)
        data.insert(QStringLiteral("indexing"),
                    QJsonObject{{QStringLiteral("done"), result.progress.done},
                                {QStringLiteral("total"), result.progress.total}});
    return message(QStringLiteral("tsg:search:response"), data);
}

QJsonObject fileContent(const QString &type, const QJsonObject &about, const FileContent &content)
{
    QJsonObject data = about;
    data.insert(QStringLiteral("type"), content.type);
    data.insert(QStringLiteral("size"), double(content.size));
    data.insert(QStringLiteral("offset"), double(content.offset));
    data.insert(QStringLiteral("length"), double(content.length));
    data.insert(QStringLiteral("truncated"), content.truncated);
    if (content.image) {
        data.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        data.insert(QStringLiteral("text"), QString::fromLatin1(content.bytes.toBase64()));
    } else {
        data.insert(QStringLiteral("encoding"), QStringLiteral("utf-8"));
        data.insert(QStringLiteral("charset"), content.encoding);
        data.insert(QStringLiteral("text"), QString::fromUtf8(content.bytes));
        data.insert(QStringLiteral("lines"), content.lines);
        if (content.firstLine)
            data.insert(QStringLiteral("line"), *content.firstLine);
    }
    return message(type, data);
}

} // namespace tsg::Wire
