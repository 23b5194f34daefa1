#include "headless.h"

#include "appoptions.h"
#include "library.h"
#include "libraryindexer.h"
#include "searchindex.h"
#include "serverruntime.h"
#include "signalwatcher.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const AppOptions options = AppOptions::parse(app.arguments());

    // Declared before the library, so they are destroyed after it: its worker threads report changes to the
    // indexer until the library has waited for them.
    std::unique_ptr<tsg::SearchIndex> index;
    std::unique_ptr<tsg::LibraryIndexer> indexer;
    auto library = tsg::Library::open(options.dataDir);
    if (!library.ok()) {
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(library.error().message));
        return library.error().kind == tsg::ErrorKind::Busy ? 3 : 1;
    }
    for (const QString &warning : library.value()->configWarnings())
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(warning));
    index = std::make_unique<tsg::SearchIndex>(library.value()->folder().root());
    indexer = std::make_unique<tsg::LibraryIndexer>(*library.value(), *index);
    (void)indexer->start(); // builds or reconciles the index on its own thread; failures are logged there

    tsg::ServerRuntime runtime(*library.value(), index.get());
    if (const auto started = runtime.start(
            {.listen = options.listen, .port = options.port, .socketIoHeartbeat = options.socketIoHeartbeat});
        !started.ok()) {
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(started.error().message));
        return 1;
    }
    library.value()->startCleanup(library.value()->config().desk.cleanupIntervalMinutes * 60 * 1000);

    SignalWatcher termination;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, [&](int) {
        runtime.stop();
        app.quit();
    });

    std::printf("tsgdesk listening on %s\n", qPrintable(runtime.urlWithToken()));
    std::fflush(stdout);
    const int rc = app.exec();
    runtime.stop();
    return rc;
}
