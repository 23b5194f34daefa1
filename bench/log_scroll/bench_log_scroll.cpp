// Measures how long the window's event loop stalls while the preview's log viewer (LogView) shows a 100 MB log:
//   open     — the log opened at a line near its end (the sparse line index built on a worker, the lines there
//              read by byte range);
//   pagedown — 300 PageDown presses at 30 a second (a key held down), from the top;
//   drag     — the scroll bar dragged to 300 random positions at 30 a second.
// A 10 ms QTimer heartbeat records every gap between its ticks; the longest gap is the stall a user would feel.
// Also reports the most lines and bytes the viewer held, and how long the lines took to show after the last move.
// usage: bench_log_scroll [repetitions=3] [megabytes=100]     (offscreen or on a display; bench/log-scroll.sh)
// With TSGDESK_STALL_TRACE=MS (default 30), on stderr: every heartbeat gap longer than MS, with the GUI thread's CPU
// time in it, its wait for a CPU (/proc/thread-self/schedstat), how often it blocked and was preempted, and the
// time its top-level events took by receiver class and event type; every event that took over 5 ms, split into
// CPU, waiting for a CPU and asleep (a lock or semaphore inside the handler); and per scenario the time asleep
// inside handlers, the GUI thread's CPU per event type and the paint events per widget class. A gap spent waiting
// for a CPU was the machine's; one spent asleep inside a handler was a handler's waiting on another thread.
#include "benchlog.h"
#include "heartbeat.h"
#include "library.h"
#include "logview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include <sys/resource.h>
#include <time.h>

using namespace tsg;

namespace {

qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

qint64 processCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// How long this thread has waited, runnable, for a CPU (the second field of /proc/thread-self/schedstat).
qint64 runQueueWaitUs()
{
    std::FILE *f = std::fopen("/proc/thread-self/schedstat", "r");
    if (!f)
        return 0;
    unsigned long long run = 0, wait = 0;
    const int n = std::fscanf(f, "%llu %llu", &run, &wait);
    std::fclose(f);
    return n == 2 ? qint64(wait / 1000) : 0;
}

std::pair<long, long> contextSwitches() // voluntary (it blocked), involuntary (it was preempted)
{
    rusage ru{};
    getrusage(RUSAGE_THREAD, &ru);
    return {ru.ru_nvcsw, ru.ru_nivcsw};
}

// Times the GUI thread's top-level events by receiver class and event type, for TSGDESK_STALL_TRACE.
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    static int threshold()
    {
        static const int ms = qEnvironmentVariableIsSet("TSGDESK_STALL_TRACE")
            ? std::max(1,
                       qEnvironmentVariableIntValue("TSGDESK_STALL_TRACE") > 0
                           ? qEnvironmentVariableIntValue("TSGDESK_STALL_TRACE")
                           : 30)
            : 0;
        return ms;
    }
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (threshold() > 0 && event->type() == QEvent::Paint)
            ++m_paints[receiver->metaObject()->className()];
        if (threshold() == 0 || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Named before the event is handled: a receiver may delete itself while handling it.
        const std::string key =
            std::string(receiver->metaObject()->className()) + " type " + std::to_string(int(event->type()));
        QElapsedTimer t;
        t.start();
        const qint64 cpuBefore = threadCpuUs();
        const qint64 waitedBefore = runQueueWaitUs();
        const long blockedBefore = contextSwitches().first;
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 us = t.nsecsElapsed() / 1000;
        const qint64 cpu = threadCpuUs() - cpuBefore;
        const qint64 waited = runQueueWaitUs() - waitedBefore;
        // Neither running nor runnable: the thread slept inside the handler (a lock, a semaphore, a read).
        const qint64 slept = std::max<qint64>(0, us - cpu - waited);
        auto &[events, cpuTotal] = m_cpuByKey[key];
        ++events;
        cpuTotal += cpu;
        m_slept += slept;
        m_sleptLongest = std::max(m_sleptLongest, slept);
        m_sleeps += contextSwitches().first - blockedBefore;
        if (us > 5000)
            std::fprintf(stderr,
                         "slow event: %s: %.1f ms: CPU %.1f, waiting for a CPU %.1f, asleep %.1f ms (%ld times)\n",
                         key.c_str(), double(us) / 1000, double(cpu) / 1000, double(waited) / 1000,
                         double(slept) / 1000, contextSwitches().first - blockedBefore);
        auto &[count, total, longest] = m_spent[key];
        ++count;
        total += us;
        longest = std::max(longest, us);
        return r;
    }
    // Prints, and forgets, how long the GUI thread slept inside event handlers since the last call.
    void summary(const char *what)
    {
        if (threshold() > 0)
            std::fprintf(stderr,
                         "%s: the GUI thread slept %.1f ms in all inside event handlers (%ld times; at most "
                         "%.1f ms in one event)\n",
                         what, double(m_slept) / 1000, m_sleeps, double(m_sleptLongest) / 1000);
        for (const auto &[key, spent] : m_cpuByKey)
            if (spent.second >= 10000)
                std::fprintf(stderr, "%s: %s: %d events, GUI thread CPU %.1f ms in all, %.2f ms each\n", what,
                             key.c_str(), spent.first, double(spent.second) / 1000,
                             double(spent.second) / 1000 / spent.first);
        m_cpuByKey.clear();
        for (const auto &[name, count] : m_paints)
            std::fprintf(stderr, "%s: %d paint events of %s\n", what, count, name.c_str());
        m_paints.clear();
        m_slept = m_sleptLongest = 0;
        m_sleeps = 0;
    }
    // Prints what happened since the last call when `gapMs` is over the threshold; starts a new gap.
    void gapEnded(qint64 gapMs)
    {
        if (threshold() == 0)
            return;
        const qint64 cpu = threadCpuUs();
        const qint64 processCpu = processCpuUs();
        const qint64 waited = runQueueWaitUs();
        const auto [blocked, preempted] = contextSwitches();
        if (gapMs > threshold()) {
            std::fprintf(stderr,
                         "stall %lld ms: GUI thread CPU %.1f ms, waited for a CPU %.1f ms, blocked %ld times, "
                         "preempted %ld times; all threads' CPU %.1f ms;",
                         gapMs, double(cpu - m_cpu) / 1000, double(waited - m_waited) / 1000, blocked - m_blocked,
                         preempted - m_preempted, double(processCpu - m_processCpu) / 1000);
            for (const auto &[key, spent] : m_spent) {
                const auto &[count, total, longest] = spent;
                if (total >= 1000)
                    std::fprintf(stderr, " [%s: %d events, %.1f ms, longest %.1f ms]", key.c_str(), count,
                                 double(total) / 1000, double(longest) / 1000);
            }
            std::fprintf(stderr, "\n");
        }
        m_spent.clear();
        m_cpu = cpu;
        m_processCpu = processCpu;
        m_waited = waited;
        m_blocked = blocked;
        m_preempted = preempted;
    }

private:
    int m_depth = 0;
    qint64 m_slept = 0, m_sleptLongest = 0;
    long m_sleeps = 0;
    std::map<std::string, int> m_paints;
    std::map<std::string, std::pair<int, qint64>> m_cpuByKey; // events, CPU µs
    qint64 m_cpu = 0;
    qint64 m_processCpu = 0;
    qint64 m_waited = 0;
    long m_blocked = 0;
    long m_preempted = 0;
    std::map<std::string, std::tuple<int, qint64, qint64>> m_spent;
};

struct Run {
    qint64 longest = 0;
    qint64 p99 = 0;
    int heldLinesMax = 0;
    qint64 heldBytesMax = 0;
    qint64 settleMs = 0; // after the last move, until every line in view was held
};

bool allVisibleHeld(LogView &view)
{
    const int first = view.firstVisibleLine();
    const int last = std::min(view.lineCount(), first + view.visibleLineCount() - 1);
    for (int n = first; n <= last; ++n)
        if (!view.source().hasLine(n))
            return false;
    return true;
}

// Runs `step` 300 times at 30 a second while the heartbeat runs.
Run drive(LogView &view, const std::function<void(int)> &step)
{
    Heartbeat beat;
    beat.onGap = [](qint64 gap) { static_cast<TracingApplication *>(qApp)->gapEnded(gap); };
    Run run;
    QTimer ticks;
    ticks.setTimerType(Qt::PreciseTimer);
    ticks.setInterval(33);
    int i = 0;
    QObject::connect(&ticks, &QTimer::timeout, [&] {
        step(i++);
        run.heldLinesMax = std::max(run.heldLinesMax, view.source().heldLines());
        run.heldBytesMax = std::max(run.heldBytesMax, view.source().heldBytes());
        if (i == 300)
            ticks.stop();
    });
    beat.start();
    ticks.start();
    (void)QTest::qWaitFor([&] { return !ticks.isActive(); }, 60000);
    QElapsedTimer settle;
    settle.start();
    (void)QTest::qWaitFor([&] { return allVisibleHeld(view); }, 10000);
    run.settleMs = settle.elapsed();
    beat.stop();
    run.longest = beat.longest();
    run.p99 = beat.percentile(0.99);
    return run;
}

void report(const char *what, const QList<Run> &runs, const char *platform)
{
    qint64 worst = 0;
    QStringList longest;
    for (int i = 0; i < runs.size(); ++i) {
        const Run &r = runs.at(i);
        std::printf("%-8s run %d: longest stall %3lld ms, p99 gap %3lld ms, held at most %6d lines / %8lld bytes, "
                    "settled %4lld ms after the last move\n",
                    what, i + 1, r.longest, r.p99, r.heldLinesMax, r.heldBytesMax, r.settleMs);
        worst = std::max(worst, r.longest);
        longest << QString::number(r.longest);
    }
    std::printf("%-8s worst longest stall over %lld runs: %lld ms (goal < 50 ms)\n", what, qint64(runs.size()), worst);
    std::printf("{\"scenario\":\"%s\",\"platform\":\"%s\",\"longestStallMs\":[%s],\"worstMs\":%lld}\n\n", what,
                platform, qPrintable(longest.join(u',')), worst);
}

} // namespace

int main(int argc, char **argv)
{
    TracingApplication app(argc, argv);
    // Line by line, so that what was printed before a crash is not lost in the buffer of a pipe.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const int megabytes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
    QTemporaryDir dir;
    auto opened = Library::open(dir.path());
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Library &lib = *opened.value();
    auto made = lib.createTsg(QStringLiteral("vpn"));
    (void)QTest::qWaitFor([&] { return made.isFinished(); }, 60000);
    if (!made.result().ok())
        return 1;
    QElapsedTimer writing;
    writing.start();
    const int lines = writeBenchLog(dir.path() + QStringLiteral("/tsgs/vpn/agent.log"), megabytes);
    if (lines <= 0) {
        std::fprintf(stderr, "could not write the log\n");
        return 1;
    }
    std::printf("bench_log_scroll: %d repetitions, platform %s, %d cores, a %d MB log of %d lines (written in %lld "
                "ms; in the page cache)\n\n",
                reps, qPrintable(QGuiApplication::platformName()), QThread::idealThreadCount(), megabytes, lines,
                writing.elapsed());

    LogView view(lib);
    view.resize(1000, 700);
    view.show();
    (void)QTest::qWaitForWindowExposed(&view);
    QList<Run> open, page, drag;
    QRandomGenerator rng(7);
    for (int r = 0; r < reps; ++r) {
        {
            Heartbeat beat;
            beat.onGap = [](qint64 gap) { static_cast<TracingApplication *>(qApp)->gapEnded(gap); };
            Run run;
            beat.start();
            QElapsedTimer t;
            t.start();
            view.open(QStringLiteral("vpn"), QStringLiteral("agent.log"), lines - 1000 * (r + 1),
                      QStringLiteral("handshake"));
            (void)QTest::qWaitFor([&] { return view.source().isReady() && allVisibleHeld(view); }, 60000);
            run.settleMs = t.elapsed();
            beat.stop();
            run.longest = beat.longest();
            run.p99 = beat.percentile(0.99);
            run.heldLinesMax = view.source().heldLines();
            run.heldBytesMax = view.source().heldBytes();
            open << run;
        }
        // From the top, with the first line current: PageDown moves the current line, so with the line opened at
        // still current the presses would only reach the end of the log and then do nothing.
        view.goToLine(1);
        view.setFocus();
        app.summary("open");
        page << drive(view, [&](int) { QTest::keyClick(&view, Qt::Key_PageDown); });
        std::printf("pagedown run %d ended at line %d\n", r + 1, view.firstVisibleLine());
        app.summary("pagedown");
        drag << drive(view, [&](int) { view.verticalScrollBar()->setValue(int(rng.bounded(view.lineCount()))); });
        app.summary("drag");
    }
    const char *platform = QGuiApplication::platformName() == u"offscreen" ? "offscreen" : "display";
    report("open", open, platform);
    report("pagedown", page, platform);
    report("drag", drag, platform);
    return 0;
}
