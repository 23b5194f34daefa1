// The seed's response objects, built in one place: tsg:list:response, tsg:files:response, the
// success messages and the error shapes. Field names are the contract with the browser UI.
#pragma once

#include "library.h"
#include "tsgtypes.h"

#include <QJsonObject>
#include <QString>

namespace tsg::Wire {

QJsonObject tsgList(const QList<TsgInfo> &tsgs, const std::optional<QString> &active);
QJsonObject tsgFiles(const QString &tsgName, const QList<FileEntry> &files);
QJsonObject trashList(const QList<TrashEntry> &entries);
QJsonObject sessionFiles(const QString &sessionId, const QList<SessionFile> &files);
QJsonObject sessionInfo(const SessionInfo &info);
QJsonObject progress(const QString &type, const UploadProgress &p, const QString &target);

QJsonObject message(const QString &type, const QJsonObject &data);
// {type: 'tsg:error' | 'session:error', message, originalType}, or {type: 'error', message}.
QJsonObject error(const QString &originalType, const QString &message);

// {type: 'upload:error', message, originalType?, uploadId?, fileIndex?, offset?, expectedOffset?}: a chunked
// upload's refusal; `fields` holds message and the rest.
QJsonObject uploadError(const QString &originalType, const QJsonObject &fields);

QString isoTime(const QDateTime &t);
QString toText(const QJsonObject &o); // compact JSON, one text frame

} // namespace tsg::Wire
