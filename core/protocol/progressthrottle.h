// When a progress report may go out: at most one per interval (about twenty a second), and always the
// first and the final one. Shared by the single-message uploads' progress and the chunked uploads'
// acknowledgements, so both pace the client alike. Not thread-safe: one owner, or a lock around it.
#pragma once

#include <QElapsedTimer>

namespace tsg {

class ProgressThrottle {
public:
    static constexpr qint64 kIntervalMs = 50;

    // True when a report may go now (and the interval starts again); `final` reports always may.
    bool due(bool final = false);
    // How long until the next report may go: 0 when it may go now.
    qint64 msUntilDue() const;

private:
    QElapsedTimer m_sinceLast; // invalid until the first report
};

} // namespace tsg
