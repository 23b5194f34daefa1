// What a handler sees of the client that sent a request, and all it sees: it replies (with an error value
// too), reports progress, follows chunked uploads, and gets the results of library work back on the
// client's thread. Connection implements it for a WebSocket; tests/common/recordingcontext.h records.
#pragma once

#include "library.h"
#include "poster.h"
#include "request.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace tsg {

class HandlerContext {
public:
    virtual ~HandlerContext() = default;

    // Who asks, as the library's change signals name it (a connection id).
    virtual Origin origin() const = 0;
    // Sends one text frame, as it is, in order with every other.
    virtual void sendText(const QString &text) = 0;
    // Runs functions on this client's thread, from any thread, while the client lives.
    virtual std::shared_ptr<Poster> poster() const = 0;
    // The QObject that lives as long as the client, on its thread: results are delivered through it.
    virtual QObject *receiver() = 0;
    // The client works with this session: it is kept from cleanup while the client is connected.
    virtual void useSession(const QString &sessionId) = 0;
    // Acknowledgements of chunked upload `upload` go to this client from now on, tagged with `requestId`;
    // its frames are taken while `generation` is the upload's latest.
    virtual void followUpload(const ChunkedUploadInfo &upload, const QJsonValue &requestId, int generation) = 0;
    virtual void unfollowUpload(const QString &uploadId) = 0;

    // `message` with the request's requestId, if it had one.
    void reply(const Request &request, const QJsonObject &message);
    // The error reply for the request's type ({type, message, code, originalType}: see Wire::error).
    void replyError(const Request &request, const Error &error);
    // A progress callback for an upload, safe to call from worker threads: sends `type` at most about
    // twenty times a second, always the first report and the last (processed == total).
    ProgressFn progress(const Request &request, const QString &type, const QString &target);

    // Runs f(result) on this client's thread when the future finishes (dropped if the client is gone).
    template <typename T, typename F>
    void whenDone(QFuture<T> future, F f)
    {
        auto *watcher = new QFutureWatcher<T>(receiver());
        QObject::connect(watcher, &QFutureWatcherBase::finished, receiver(), [watcher, f = std::move(f)]() mutable {
            f(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(future);
    }
};

} // namespace tsg
