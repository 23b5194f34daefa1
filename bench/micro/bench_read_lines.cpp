// bench_read_lines: what tsg:read-file {line, lines: 200} near the end of a 100 MB log costs in FileReader::read,
// the function the handler runs on the library's pool: the first read of the file, then the same request again
// and again (an agent paging through the log), and a byte range near the end (which also counts the lines).
// Not a test; before and after a change, build it against both trees (bench/README.md, "Reading lines").
//
// usage: bench_read_lines [--mb 100] [--reads 50] [--runs 3] [--dir DIR]
// Writes DIR/app.log (default $TMPDIR/tsgdesk-bench/read-lines) once, with its mtime an hour back (a file
// modified in the last 2 s is not cached, by design), reads it once so that it is in the page cache, then per run
// prints the first read, and the median and p99 of `reads` repeated reads, in ms, as a line and a JSON line.
#include "filereader.h"
#include "safedir.h"

#if __has_include("lineindexcache.h")
#include "benchlog.h"
#include "lineindexcache.h"
#define HAVE_LINE_INDEX_CACHE 1
#endif

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>

using namespace tsg;

namespace {

int argValue(const QStringList &args, const QString &key, int fallback)
{
    const qsizetype i = args.indexOf(key);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
}

// The log bench_log_scroll reads (benchlog.h), an hour old, so that FileReader caches its line index.
bool writeLog(const QString &path, int megabytes)
{
    if (writeBenchLog(path, megabytes) < 0)
        return false;
    const timespec anHourAgo{.tv_sec = time(nullptr) - 3600, .tv_nsec = 0};
    const timespec times[2] = {anHourAgo, anHourAgo};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

void report(const char *name, int run, double first, const QList<double> &again)
{
    const double median = percentile(again, 0.5), p99 = percentile(again, 0.99);
    std::printf("%-28s run %d: first %8.2f ms, then median %8.3f ms, p99 %8.3f ms (%lld reads)\n", name, run, first,
                median, p99, qint64(again.size()));
    std::printf("{\"measure\":\"%s\",\"run\":%d,\"firstMs\":%.3f,\"medianMs\":%.4f,\"p99Ms\":%.4f,\"reads\":%lld}\n",
                name, run, first, median, p99, qint64(again.size()));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int megabytes = argValue(args, QStringLiteral("--mb"), 100);
    const int reads = std::max(1, argValue(args, QStringLiteral("--reads"), 50));
    const int runs = std::max(1, argValue(args, QStringLiteral("--runs"), 3));
    const qsizetype dirAt = args.indexOf(QStringLiteral("--dir"));
    const QString folder = dirAt >= 0 && dirAt + 1 < args.size()
        ? args.at(dirAt + 1)
        : QDir::tempPath() + QStringLiteral("/tsgdesk-bench/read-lines");
    const QString name = QStringLiteral("app-%1mb.log").arg(megabytes);
    if (!QDir().mkpath(folder)
        || (!QFileInfo::exists(folder + u'/' + name) && !writeLog(folder + u'/' + name, megabytes))) {
        std::fprintf(stderr, "bench_read_lines: could not write %s\n", qPrintable(folder + u'/' + name));
        return 1;
    }
    auto opened = SafeDir::openRoot(folder);
    if (!opened.ok()) {
        std::fprintf(stderr, "bench_read_lines: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    const SafeDir dir = std::move(opened).value();
    const QString where = QStringLiteral("the bench folder");

    // Into the page cache, and the line count to aim at.
    auto whole = FileReader::read(dir, name, {.line = 1, .lines = 1}, where);
    if (!whole.ok()) {
        std::fprintf(stderr, "bench_read_lines: %s\n", qPrintable(whole.error().message));
        return 1;
    }
    const int lines = whole.value().lines;
    const qint64 size = whole.value().size;
#ifdef HAVE_LINE_INDEX_CACHE
    const char *build = "with LineIndexCache";
#else
    const char *build = "without a line cache";
#endif
    std::printf("bench_read_lines: %s, a %d MB log of %d lines (%lld bytes), %d runs of 1 + %d reads\n", build,
                megabytes, lines, size, runs, reads);
    std::printf("{\"build\":\"%s\",\"megabytes\":%d,\"lines\":%d,\"bytes\":%lld,\"runs\":%d,\"reads\":%d}\n", build,
                megabytes, lines, size, runs, reads);

    bool failed = false;
    const auto timed = [&](const ReadRange &range) {
        QElapsedTimer t;
        t.start();
        const auto read = FileReader::read(dir, name, range, where);
        const double took = ms(t);
        if (!read.ok() || read.value().bytes.isEmpty() || (range.lines && read.value().lines != lines))
            failed = true;
        return took;
    };
    for (int run = 1; run <= runs; ++run) {
        // Each run starts from a cold cache, as the first request after the log was written would.
#ifdef HAVE_LINE_INDEX_CACHE
        FileReader::lineIndexCache().clear();
#endif
        // 200 lines near the end, a different place each time (an agent paging back through the log).
        const auto lineRange = [&](int i) { return ReadRange{.line = lines - 1000 + (i * 37) % 800, .lines = 200}; };
        const double firstLines = timed(lineRange(0));
        QList<double> againLines;
        for (int i = 1; i <= reads; ++i)
            againLines << timed(lineRange(i));
        report("line near the end, 200", run, firstLines, againLines);

        // 64 KiB near the end by offset: the reply also says which line it starts in. From a cold cache too.
#ifdef HAVE_LINE_INDEX_CACHE
        FileReader::lineIndexCache().clear();
#endif
        const auto byteRange = [&](int i) {
            return ReadRange{.offset = size - (1 << 20) + (i * 7919) % 65536, .length = 65536};
        };
        const double firstBytes = timed(byteRange(0));
        QList<double> againBytes;
        for (int i = 1; i <= reads; ++i)
            againBytes << timed(byteRange(i));
        report("64 KiB near the end, offset", run, firstBytes, againBytes);
    }
    if (failed) {
        std::fprintf(stderr, "bench_read_lines: a read failed or came back wrong\n");
        return 1;
    }
    return 0;
}
