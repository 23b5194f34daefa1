// Measures how long the window's event loop stalls during the two heavy things the window does:
//   drop   — a 100 MB folder (40 files of 2.5 MB in sub-folders) dropped on a TSG row: planned,
//            uploaded with progress, and the file tree reloaded when it lands;
//   tree   — selecting a TSG with 10,000 files: listing and tree built off the GUI thread, swapped in.
//   filter — (issue 16) 500 TSGs with long names: a filter typed a key at a time, every 60 ms, then cleared;
//   switch — (issue 16) the same library: switching between a 1,000-file TSG and small ones, each tree loaded.
//   index  — (only with --index CORPUS) the search index built from nothing over a large data folder (made by
//            bench/search/gen-corpus.mjs) and then reconciled with nothing changed, while the window shows that
//            library and a TSG is selected every 500 ms: MainWindow, SearchIndex and LibraryIndexer wired as
//            app/desktop.cpp wires them.
// A 10 ms QTimer heartbeat records every gap between its ticks; the longest gap is the stall a user
// would feel. Runs the real MainWindow (offscreen by default, or on a display).
// usage: bench_gui_stall [repetitions=3]     (bench/gui-stall.sh runs it offscreen and under Xvfb, recorded)
//        bench_gui_stall --library [repetitions=3]  (only filter and switch)
//        bench_gui_stall --index CORPUS [repetitions=1]   (bench/search.sh runs it; deletes CORPUS's index first)
#include "filetreemodel.h"
#include "heartbeat.h"
#include "indexshards.h"
#include "library.h"
#include "libraryindexer.h"
#include "mainwindow.h"
#include "searchindex.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace tsg;

namespace {

template <typename T>
T wait(QFuture<T> f)
{
    (void)QTest::qWaitFor([&] { return f.isFinished(); }, 1800000);
    return f.result();
}

bool writeFile(const QString &path, qint64 size, char fill)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const QByteArray chunk(1 << 20, fill);
    for (qint64 left = size; left > 0; left -= chunk.size())
        if (f.write(chunk.constData(), std::min<qint64>(left, chunk.size())) < 0)
            return false;
    return true;
}

void drop(QWidget *target, const QPoint &pos, const QString &path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
}

// With TSGDESK_STALL_TRACE set: names every event that took longer than 30 ms to handle.
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        static const bool trace = qEnvironmentVariableIsSet("TSGDESK_STALL_TRACE");
        if (!trace)
            return QApplication::notify(receiver, event);
        // Named before the event is handled: a receiver may delete itself while handling it (the index's writer
        // does, in ~SearchIndex's blocking call), so it must not be touched afterwards.
        const int type = event->type();
        const QByteArray className = receiver->metaObject()->className();
        const QString name = receiver->objectName();
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        if (t.elapsed() > 30)
            std::fprintf(stderr, "slow event: %lld ms, type %d, receiver %s '%s'\n", t.elapsed(), type,
                         className.constData(), qPrintable(name));
        return r;
    }
};

struct Run {
    qint64 longest = 0, p99 = 0, ms = 0;
    int ticks = 0;
};

void print(const char *what, const QList<Run> &runs)
{
    for (int i = 0; i < runs.size(); ++i)
        std::printf("%-5s run %d: longest stall %3lld ms, p99 gap %3lld ms, %4d heartbeats, %6lld ms total\n", what,
                    i + 1, runs[i].longest, runs[i].p99, runs[i].ticks, runs[i].ms);
    qint64 worst = 0;
    for (const Run &r : runs)
        worst = std::max(worst, r.longest);
    std::printf("%-5s worst longest stall over %lld runs: %lld ms (goal < 50 ms)\n", what, qint64(runs.size()), worst);
    // The same as a JSON line, which bench/record.mjs keeps as a raw result.
    QString longest;
    for (const Run &r : runs)
        longest += (longest.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(r.longest);
    std::printf("{\"scenario\":\"%s\",\"platform\":\"%s\",\"longestStallMs\":[%s],\"worstMs\":%lld}\n\n", what,
                qPrintable(QGuiApplication::platformName()), qPrintable(longest), worst);
}

// The index scenario: `reps` times, the index deleted and built from nothing, then reconciled with nothing changed
// (a second SearchIndex on the built file, as at the next start), each under the heartbeat.
int runIndexScenario(const QString &corpus, int reps)
{
    auto opened = Library::open(corpus);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Library &lib = *opened.value();
    MainWindow window(lib, nullptr);
    window.resize(1280, 800);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    (void)QTest::qWaitFor([&] { return window.tsgModel().rowCount() > 0; }, 60000);
    QStringList names;
    for (int r = 0; r < window.tsgModel().rowCount(); ++r)
        names << window.tsgModel().index(r, 0).data().toString();
    // The user clicks through the library meanwhile: a TSG selected every 500 ms loads its tree.
    QTimer clicker;
    int next = 0;
    QObject::connect(&clicker, &QTimer::timeout, [&] { window.selectTsg(names.at(next++ % names.size())); });
    Heartbeat beat;
    QList<Run> builds, reconciles;
    for (int rep = 0; rep < reps; ++rep) {
        for (const QString &shard : IndexShards::files(QDir(corpus).filePath(QStringLiteral(".tsgdesk/index.sqlite"))))
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(shard + suffix);
        for (QList<Run> *runs : {&builds, &reconciles}) {
            // As app/desktop.cpp: the index and its indexer on the library, started while the window is up.
            SearchIndex index(lib.folder().root());
            LibraryIndexer indexer(lib, index);
            QTest::qWait(200);
            beat.start();
            clicker.start(500);
            const Status done = wait(indexer.start());
            QTest::qWait(100);
            clicker.stop();
            beat.stop();
            if (!done.ok()) {
                std::fprintf(stderr, "the index build failed: %s\n", qPrintable(done.error().message));
                return 1;
            }
            *runs << Run{beat.longest(), beat.percentile(0.99), beat.clock.elapsed(), int(beat.gaps.size())};
        }
    }
    std::printf("bench_gui_stall --index: %d repetitions, %lld TSGs, platform %s, %d cores\n\n", reps,
                qint64(names.size()), qPrintable(QGuiApplication::platformName()), QThread::idealThreadCount());
    print("index-build", builds);
    print("index-reconcile", reconciles);
    return 0;
}

// The filter and switch scenarios (issue 16) on a library of 500 TSGs with long names and one of 1,000 files.
int runLibraryScenario(int reps)
{
    QTemporaryDir data;
    auto opened = Library::open(data.path());
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Library &lib = *opened.value();
    QStringList names;
    for (int i = 0; i < 500; ++i) {
        names << QStringLiteral("Outlook profile %1 keeps asking for the password again").arg(i, 3, 10, QChar(u'0'));
        if (const auto r = wait(lib.createTsg(names.last())); !r.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 1;
        }
    }
    const QString thousand = names.at(250);
    auto batch = std::make_shared<UploadBatch>();
    for (int i = 0; i < 1000; ++i)
        batch->files.push_back({QStringLiteral("area%1/topic%2/note%3.md").arg(i % 10).arg(i % 7).arg(i), QString(),
                                bufferSource(QByteArray("# note\n"))});
    for (int i = 0; i < 3; ++i) {
        auto few = std::make_shared<UploadBatch>();
        few->files.push_back({QStringLiteral("guide.md"), QString(), bufferSource(QByteArray("# guide\n"))});
        (void)wait(lib.upload(UploadTarget::tsg(names.at(i * 100)), few));
    }
    if (const auto r = wait(lib.upload(UploadTarget::tsg(thousand), batch)); !r.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
        return 1;
    }
    MainWindow window(lib, nullptr);
    window.resize(1366, 768);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    (void)QTest::qWaitFor([&] { return window.tsgModel().rowCount() == 500; }, 60000);
    QTest::qWait(200);
    Heartbeat beat;
    QList<Run> filters, switches;
    for (int rep = 0; rep < reps; ++rep) {
        // --- filter: typed a key at a time, then erased a key at a time, with a TSG selected ---
        window.selectTsg(names.at(rep * 10));
        QTest::qWait(200);
        const QString typed = QStringLiteral("profile 1");
        beat.start();
        for (int n = 1; n <= typed.size(); ++n) {
            window.filterEdit()->setText(typed.left(n));
            QTest::qWait(60);
        }
        for (int n = typed.size() - 1; n >= 0; --n) {
            window.filterEdit()->setText(typed.left(n));
            QTest::qWait(60);
        }
        QTest::qWait(100);
        beat.stop();
        filters << Run{beat.longest(), beat.percentile(0.99), beat.clock.elapsed(), int(beat.gaps.size())};

        // --- switch: the 1,000-file TSG and small ones in turn, each tree loaded ---
        beat.start();
        for (int i = 0; i < 3; ++i) {
            window.selectTsg(thousand);
            (void)QTest::qWaitFor([&] { return window.fileModel().fileCount() == 1000; }, 60000);
            QTest::qWait(50);
            window.selectTsg(names.at(i * 100));
            (void)QTest::qWaitFor([&] { return window.fileModel().fileCount() == 1; }, 60000);
            QTest::qWait(50);
        }
        beat.stop();
        switches << Run{beat.longest(), beat.percentile(0.99), beat.clock.elapsed(), int(beat.gaps.size())};
    }
    std::printf("bench_gui_stall --library: %d repetitions, 500 TSGs, platform %s, %d cores\n\n", reps,
                qPrintable(QGuiApplication::platformName()), QThread::idealThreadCount());
    print("filter", filters);
    print("switch", switches);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "tsgdesk.*=false");
    TracingApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (argc > 2 && qstrcmp(argv[1], "--index") == 0)
        return runIndexScenario(QString::fromLocal8Bit(argv[2]), argc > 3 ? std::max(1, std::atoi(argv[3])) : 1);
    if (argc > 1 && qstrcmp(argv[1], "--library") == 0)
        return runLibraryScenario(argc > 2 ? std::max(1, std::atoi(argv[2])) : 3);
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;

    QTemporaryDir data, source;
    auto opened = Library::open(data.path());
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Library &lib = *opened.value();
    (void)wait(lib.updateConfig([](Config &c) { c.tsg.maxUploadSize = 128; }));

    // The 100 MB folder: 40 files of 2.5 MB in 4 sub-folders.
    const QString folder = source.filePath(QStringLiteral("capture"));
    for (int i = 0; i < 40; ++i)
        writeFile(QStringLiteral("%1/part%2/trace%3.log").arg(folder).arg(i % 4).arg(i), 2621440, char('a' + i % 26));
    // The 10,000-file TSG.
    (void)wait(lib.createTsg(QStringLiteral("ten-thousand")));
    auto batch = std::make_shared<UploadBatch>();
    for (int i = 0; i < 10000; ++i)
        batch->files.push_back({QStringLiteral("area%1/topic%2/note%3.md").arg(i % 25).arg(i % 9).arg(i), QString(),
                                bufferSource(QByteArray("# note\n"))});
    if (const auto r = wait(lib.upload(UploadTarget::tsg(QStringLiteral("ten-thousand")), batch)); !r.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
        return 1;
    }

    MainWindow window(lib, nullptr);
    window.resize(1280, 800);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    Heartbeat beat;
    QList<Run> drops, trees;

    for (int rep = 0; rep < reps; ++rep) {
        // --- drop ---
        const QString target = QStringLiteral("drop-%1").arg(rep);
        (void)wait(lib.createTsg(target));
        (void)QTest::qWaitFor([&] { return window.tsgModel().rowOf(target) >= 0; });
        window.selectTsg(target);
        QTest::qWait(200);
        QTableView *list = window.tsgView();
        QModelIndex row;
        for (int r = 0; r < list->model()->rowCount(); ++r)
            if (list->model()->index(r, 0).data().toString() == target)
                row = list->model()->index(r, 0);
        bool done = false;
        bool ok = false;
        auto c = QObject::connect(&window.uploads(), &UploadController::finished, [&](bool success, const QString &) {
            done = true;
            ok = success;
        });
        beat.start();
        drop(list->viewport(), list->visualRect(row).center(), folder);
        (void)QTest::qWaitFor([&] { return done; }, 600000);
        (void)QTest::qWaitFor([&] { return window.fileModel().fileCount() == 40; }, 60000); // the tree reloaded
        QTest::qWait(100);
        beat.stop();
        QObject::disconnect(c);
        if (!ok) {
            std::fprintf(stderr, "the drop upload failed\n");
            return 1;
        }
        drops << Run{beat.longest(), beat.percentile(0.99), beat.clock.elapsed(), int(beat.gaps.size())};

        // --- tree ---
        window.selectTsg(target);
        (void)QTest::qWaitFor([&] { return !window.fileModel().isLoading(); });
        QTest::qWait(100);
        beat.start();
        window.selectTsg(QStringLiteral("ten-thousand"));
        (void)QTest::qWaitFor([&] { return window.fileModel().fileCount() == 10000; }, 600000);
        QTest::qWait(100); // the view lays out and paints the new tree
        beat.stop();
        trees << Run{beat.longest(), beat.percentile(0.99), beat.clock.elapsed(), int(beat.gaps.size())};
    }
    std::printf("bench_gui_stall: %d repetitions, platform %s, %d cores\n\n", reps,
                qPrintable(QGuiApplication::platformName()), QThread::idealThreadCount());
    print("drop", drops);
    print("tree", trees);
    window.hide();
    return runLibraryScenario(reps);
}
