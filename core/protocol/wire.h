// The replies, built in one place: tsg:list:response, tsg:files:response, the uploads' success and upload:ready, the
// success messages and the error shapes. Field names are the contract with the browser UI.
#pragma once

#include "chunkedupload.h"
#include "filereader.h"
#include "library.h"
#include "result.h"
#include "searchtypes.h"
#include "tsgtypes.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tsg::Wire {

QJsonObject tsgList(const QList<TsgInfo> &tsgs, const std::optional<QString> &active);
QJsonObject tsgFiles(const QString &tsgName, const QList<FileEntry> &files);
QJsonObject trashList(const QList<TrashEntry> &entries);
QJsonObject sessionFiles(const QString &sessionId, const QList<SessionFile> &files);
QJsonObject sessionInfo(const SessionInfo &info);
QJsonObject progress(const QString &type, const UploadProgress &p, const QString &target);
// tsg:upload:success or session:upload:success for what an upload of either form stored; `names` and `types` are
// the files as the client named and typed them, in order (a session's reply gives both back).
QJsonObject uploadSuccess(const UploadResult &result, const QStringList &names, const QStringList &types);
// The `data` of upload:ready and of each upload:list entry: the upload, what it holds, and how to send the rest.
QJsonObject upload(const ChunkedUploadInfo &info, const Config &config);

// tsg:search:response: the hits (line and page only when known), the total, the next page's cursor when there is
// one, and `indexing` {done, total} while a build or reconcile runs.
QJsonObject searchResult(const SearchResult &result);
// tsg:read-file:response or session:read-file:response: `about` (tsgName and path, or sessionId and name) and
// the content, UTF-8 text or (images) base64.
QJsonObject fileContent(const QString &type, const QJsonObject &about, const FileContent &content);

QJsonObject message(const QString &type, const QJsonObject &data);

// The stable word for an error's kind that every error reply carries as `code` (docs/PROTOCOL.md, "Error
// codes"): clients branch on it, never on the message.
QString code(ErrorKind kind);
// {type: 'tsg:error' | 'session:error', message, code, originalType}, {type: 'upload:error', message, code,
// originalType}, or {type: 'error', message, code, originalType?}: the one for the request's type.
QJsonObject error(const QString &originalType, const Error &error);
// {type: 'upload:error', message, code, originalType?, ...extra}: a chunked upload's refusal, with the fields
// that say where to continue (uploadId, fileIndex, offset, expectedOffset).
QJsonObject uploadError(const QString &originalType, const Error &error, const QJsonObject &extra = {});

QString isoTime(const QDateTime &t);
// Compact JSON, one text frame, with `requestId` when it is defined: the one place a message gets the
// requestId of the request it answers.
QString toText(const QJsonObject &message, const QJsonValue &requestId = QJsonValue::Undefined);
// The same for a message already serialised (a cached reply): `objectText` is a JSON object's text.
QString toText(const QString &objectText, const QJsonValue &requestId);

} // namespace tsg::Wire
