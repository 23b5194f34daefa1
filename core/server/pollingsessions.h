// The Engine.IO long-polling sessions of all connection threads, by sid: a polling client's requests come
// on new TCP connections, which may land on any thread, and are posted to the thread of their session.
// Bounded in number. Thread-safe.
#pragma once

#include "poster.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>

namespace tsg {

class PollingSession;

class PollingSessions {
public:
    static constexpr int kMaxSessions = 64;

    struct Entry {
        std::shared_ptr<Poster> poster{};  // runs functions on the session's thread while it lives
        PollingSession *session = nullptr; // to be used only in functions posted through `poster`
    };
    // False when kMaxSessions are open already.
    bool add(const QString &sid, Entry entry);
    void remove(const QString &sid);
    // An empty Entry for an unknown sid.
    Entry find(const QString &sid) const;

private:
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_sessions;
};

} // namespace tsg
