// The chunked-upload side of one connection: hands each binary frame to the upload it names, follows
// the uploads this client began, resumed or sends to, and acknowledges what is written to disk (the
// `…:upload:progress` messages: at most about twenty a second, the latest state always delivered).
#pragma once

#include "chunkedupload.h"
#include "request.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace tsg {

class Connection;

class ChunkReceiver : public QObject {
    Q_OBJECT
public:
    explicit ChunkReceiver(Connection &connection);

    void onFrame(const QByteArray &frame);
    // Acknowledgements of this upload go to this client from now on, tagged with the request's requestId.
    void follow(const ChunkedUploadInfo &info, const QJsonValue &requestId);
    void unfollow(const QString &id) { m_followed.remove(id); }

private:
    struct Followed {
        QJsonValue requestId;
        QString progressType;   // tsg:upload:progress or session:upload:progress
        QString target;
        UploadProgress latest;
        QElapsedTimer sinceSent;
        qint64 ackedBytes = -1;
        bool timerArmed = false;
    };
    void onEvent(const QString &id, const ChunkedEvent &event);
    void sendAck(const QString &id);
    void refuse(const QString &id, qint64 fileIndex, qint64 offset, const ChunkRefusal &why);

    Connection &m_connection;
    QHash<QString, Followed> m_followed;
};

} // namespace tsg
