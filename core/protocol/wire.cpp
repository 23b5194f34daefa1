#include "wire.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tsg::Wire {

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString toText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject message(const QString &type, const QJsonObject &data)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
}

QJsonObject error(const QString &originalType, const QString &message)
{
    if (originalType.startsWith(u"upload:"))
        return uploadError(originalType, {{QStringLiteral("message"), message}});
    if (originalType.startsWith(u"tsg:") || originalType.startsWith(u"session:")) {
        const QString type = originalType.startsWith(u"tsg:") ? QStringLiteral("tsg:error") : QStringLiteral("session:error");
        return {{QStringLiteral("type"), type}, {QStringLiteral("message"), message}, {QStringLiteral("originalType"), originalType}};
    }
    QJsonObject e{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("message"), message}};
    if (!originalType.isEmpty())
        e.insert(QStringLiteral("originalType"), originalType);
    return e;
}

QJsonObject uploadError(const QString &originalType, const QJsonObject &fields)
{
    QJsonObject e = fields;
    e.insert(QStringLiteral("type"), QStringLiteral("upload:error"));
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
    return message(QStringLiteral("tsg:files:response"), {{QStringLiteral("tsgName"), tsgName}, {QStringLiteral("files"), list}});
}

QJsonObject trashList(const QList<TrashEntry> &entries)
{
    QJsonArray list;
    for (const TrashEntry &e : entries)
        list.append(QJsonObject{{QStringLiteral("id"), e.id},
                                {QStringLiteral("kind"), e.kind == TrashEntry::Kind::Tsg ? QStringLiteral("tsg") : QStringLiteral("file")},
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
            {QStringLiteral("sessionMetadata"), QJsonObject{{QStringLiteral("createdAt"), isoTime(s.createdAt)},
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
    return message(QStringLiteral("session:files:response"), {{QStringLiteral("sessionId"), sessionId}, {QStringLiteral("files"), list}});
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

} // namespace tsg::Wire
