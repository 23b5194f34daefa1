#include "desktop.h"

#include "appoptions.h"
#include "library.h"
#include "libraryindexer.h"
#include "mainwindow.h"
#include "searchindex.h"
#include "serverruntime.h"
#include "signalwatcher.h"
#include "singleinstance.h"
#include "trayicon.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {
Q_LOGGING_CATEGORY(lcDesktop, "tsgdesk.desktop")

// Qt 6 closes every window before it quits and gives up quitting if one refuses; with a tray the
// window refuses (closing hides it), and without one it asks first, so Quit and SIGTERM/Ctrl+C would be ignored or
// wait for an answer. Let it close.
void quitApplication(tsg::MainWindow &window)
{
    window.setOnClose(tsg::MainWindow::OnClose::Close); // no question: the user or the system asked to quit
    QApplication::quit();
}
} // namespace

int runDesktop(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")));
    QApplication::setDesktopFileName(QStringLiteral(TSGDESK_APP_ID)); // matches the packaged desktop entry
    const AppOptions options = AppOptions::parse(QApplication::arguments());

    // One window per data folder: a second launch brings the first to the front and exits.
    tsg::SingleInstance instance(options.dataDir);
    if (instance.askRunningToShow()) {
        std::fprintf(stderr, "tsgdesk: already running on %s; brought its window to the front\n",
                     qPrintable(options.dataDir));
        return 0;
    }

    // Declared before the library, so they are destroyed after it: its worker threads report changes to the
    // indexer until the library has waited for them.
    std::unique_ptr<tsg::SearchIndex> index;
    std::unique_ptr<tsg::LibraryIndexer> indexer;
    auto library = tsg::Library::open(options.dataDir);
    if (!library.ok()) {
        // Busy: another TSG Desk (a headless one, or one on another display) holds the folder.
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(library.error().message));
        QMessageBox::critical(nullptr, QObject::tr("TSG Desk"), library.error().message);
        return library.error().kind == tsg::ErrorKind::Busy ? 3 : 1;
    }
    tsg::Library &lib = *library.value();
    for (const QString &warning : lib.configWarnings())
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(warning));
    if (!instance.listen())
        std::fprintf(stderr,
                     "tsgdesk: cannot take the single-instance socket (%s); a second launch will not find this one\n",
                     qPrintable(instance.errorString()));

    index = std::make_unique<tsg::SearchIndex>(lib.folder().root());
    indexer = std::make_unique<tsg::LibraryIndexer>(lib, *index);
    (void)indexer->start(); // builds or reconciles the index on its own thread; failures are logged there
    indexer->recheckDiskOnActivation(app); // guides edited by hand while the analyst was in another window

    tsg::ServerRuntime runtime(lib, index.get());
    QString serverProblem;
    if (const auto started = runtime.start(
            {.listen = options.listen, .port = options.port, .socketIoHeartbeat = options.socketIoHeartbeat});
        !started.ok()) {
        serverProblem = started.error().message;
        std::fprintf(stderr, "tsgdesk: the server did not start: %s\n", qPrintable(serverProblem));
    } else {
        // Without the token: a launcher may keep this output in a log. The window shows the URL with the token
        // (Copy browser URL); only --headless prints it, for the scripts that start it.
        std::printf("tsgdesk listening on %s\n", qPrintable(runtime.url()));
        std::fflush(stdout);
    }
    lib.startCleanup(lib.config().desk.cleanupIntervalMinutes * 60 * 1000);

    tsg::MainWindow window(lib, runtime.isListening() ? &runtime : nullptr, serverProblem, index.get());
    std::unique_ptr<tsg::TrayIcon> tray;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<tsg::TrayIcon>(lib, runtime.isListening() ? &runtime : nullptr, window);
        tray->show();
        window.setHidesOnClose(true);
        QApplication::setQuitOnLastWindowClosed(false);
        QObject::connect(&window, &tsg::MainWindow::hiddenToTray, tray.get(), &tsg::TrayIcon::noticeHiddenOnce);
        QObject::connect(tray.get(), &tsg::TrayIcon::quitRequested, &app, [&window] { quitApplication(window); });
    }
    // Without a tray, closing the window asks whether to stop the server and quit, or to minimise instead.
    if (!tray && runtime.isListening())
        window.setOnClose(tsg::MainWindow::OnClose::AskToStopServer);
    // A second launch brings this window to the front.
    QObject::connect(&instance, &tsg::SingleInstance::showRequested, &window, [&window] {
        window.bringToFront();
        qCInfo(lcDesktop, "a second launch asked for the window: %s", window.isVisible() ? "shown" : "still hidden");
    });
    SignalWatcher termination;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, [&window] { quitApplication(window); });
    if (options.minimized && tray)
        std::fprintf(stderr, "tsgdesk: started in the tray\n");
    else
        window.show(); // --minimized without a tray would leave no way to reach the window
    QTimer::singleShot(0, &window,
                       [&window] { qCInfo(lcDesktop, "window %s at start", window.isVisible() ? "shown" : "hidden"); });
    if (!serverProblem.isEmpty()) {
        const QString text = QObject::tr("The server could not start: %1\nThe window works; browsers and agents cannot "
                                         "connect until TSG Desk is started again (see Settings for the port).")
                                 .arg(serverProblem);
        QMetaObject::invokeMethod(
            &window,
            [&window, &tray, text] {
                if (window.isVisible() || !tray)
                    QMessageBox::warning(&window, QObject::tr("TSG Desk"), text);
                else
                    tray->showMessage(QObject::tr("TSG Desk"), text, QSystemTrayIcon::Warning);
            },
            Qt::QueuedConnection);
    }
    const int rc = QApplication::exec();
    runtime.stop(); // closes every connection, removes server.json
    return rc;
}
