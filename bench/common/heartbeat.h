// The benchmarks' measure of a stalled event loop: a 10 ms timer on the GUI thread, and the gaps between its
// ticks. A gap much longer than 10 ms is a stall the user would feel. Shared by bench_gui_stall and
// bench_log_scroll so that both measure the same thing.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <algorithm>
#include <functional>

struct Heartbeat {
    QElapsedTimer clock;
    QTimer timer;
    qint64 last = 0;
    QList<qint64> gaps;
    std::function<void(qint64)> onGap; // called with each gap as it ends (0 at start), for tracing

    Heartbeat()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            gaps << now - last;
            if (onGap)
                onGap(now - last);
            last = now;
        });
    }
    void start()
    {
        gaps.clear();
        if (onGap)
            onGap(0);
        clock.start();
        last = 0;
        timer.start();
    }
    void stop()
    {
        timer.stop();
        gaps << clock.elapsed() - last;
    }
    qint64 longest() const { return gaps.isEmpty() ? 0 : *std::max_element(gaps.begin(), gaps.end()); }
    qint64 percentile(double p) const
    {
        QList<qint64> s = gaps;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(std::min<qsizetype>(s.size() - 1, qsizetype(p * double(s.size()))));
    }
};
