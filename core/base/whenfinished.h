// Runs a callback on `context`'s thread with a future's result, and never once `context` is gone. Use it instead
// of QFuture::then(context, …): in Qt 6.4 that continuation checks the context on the worker thread without a
// lock, so a context deleted while the work runs is an assertion in a debug build and, in a release build, may
// be posted to while it is being deleted. A QFutureWatcher that is a child of the context is disconnected under
// the future's lock when the context goes. The callback always runs later, from the event loop, also when the
// future has already finished; it is not called when the future was canceled.
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <type_traits>
#include <utility>

namespace tsg {

template <typename T, typename F>
void whenFinished(const QFuture<T> &future, QObject *context, F &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::forward<F>(callback)]() mutable {
                         watcher->deleteLater();
                         if (watcher->isCanceled())
                             return;
                         if constexpr (std::is_void_v<T>)
                             callback();
                         else
                             callback(watcher->result());
                     });
    watcher->setFuture(future);
}

} // namespace tsg
