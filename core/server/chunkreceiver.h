// The chunked-upload side of one connection: hands each binary frame to the upload it names, follows
// the uploads this client began, resumed or sends to, and acknowledges what is written to disk (the
// `…:upload:progress` messages: at most about twenty a second, the latest state always delivered).
// What one connection can cost is bounded: one pending writer event per upload, and after
// kMaxRefusalsInARow refused frames the connection is closed (close code 1008).
#pragma once

#include "chunkedupload.h"
#include "handlercontext.h"
#include "progressthrottle.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QWebSocketProtocol>

#include <functional>

namespace tsg {

class ChunkReceiver : public QObject {
    Q_OBJECT
public:
    using CloseFn = std::function<void(QWebSocketProtocol::CloseCode code, const QString &reason)>;
    // Replies go through `client`, which owns this object; `close` ends the client's connection.
    ChunkReceiver(HandlerContext &client, Library &library, CloseFn close);

    static constexpr int kMaxRefusalsInARow = 1000;

    void onFrame(const QByteArray &frame);
    // Acknowledgements of this upload go to this client from now on, tagged with the request's requestId;
    // its frames are taken while `generation` is the upload's latest (see ChunkedUpload::claim).
    void follow(const ChunkedUploadInfo &info, const QJsonValue &requestId, int generation);
    void unfollow(const QString &id) { m_followed.remove(id); }

private:
    struct Followed {
        QJsonValue requestId;
        QString progressType; // tsg:upload:progress or session:upload:progress
        QString target;
        UploadProgress latest;
        ProgressThrottle throttle;
        bool ackedAny = false;
        qint64 ackedBytes = -1;
        bool timerArmed = false;
        int generation = 0;
    };
    // The writer's latest event for one upload, posted to this thread once until it is taken.
    struct Pending {
        QMutex mutex;
        ChunkedEvent latest;
        bool posted = false;
    };
    void onEvent(const QString &id, const ChunkedEvent &event);
    void sendAck(const QString &id);
    void refuse(const QString &id, qint64 fileIndex, double offset, const ChunkRefusal &why);

    HandlerContext &m_client;
    Library &m_library;
    CloseFn m_close;
    QHash<QString, Followed> m_followed;
    int m_refusedInARow = 0;
};

} // namespace tsg
