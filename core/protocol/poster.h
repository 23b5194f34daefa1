// Runs functions on an object's thread, from any thread, for as long as the object lives. Worker threads
// keep a Poster (shared) to reach a client that may be gone by the time they finish: the object calls
// close() first thing in its destructor, after which post() does nothing.
#pragma once

#include <QMutex>
#include <QObject>

#include <functional>

namespace tsg {

class Poster {
public:
    explicit Poster(QObject *target) : m_target(target) {}

    // Queues f to the target's thread; dropped when the target is closed (or is deleted before it runs).
    void post(std::function<void()> f);
    void close();

private:
    QMutex m_mutex;
    QObject *m_target; // guarded by m_mutex; nullptr once closed
};

} // namespace tsg
