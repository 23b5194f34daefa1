#include "desktop.h"

#include "appoptions.h"
#include "autostart.h"
#include "library.h"
#include "mainwindow.h"
#include "serverruntime.h"
#include "signalwatcher.h"
#include "trayicon.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMessageBox>

#include <cstdio>

namespace {

// One window per data folder: a second launch asks the first to show itself, then exits.
QString instanceName(const QString &dataDir)
{
    return QStringLiteral("tsgdesk-") + QString::fromLatin1(QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

bool askRunningInstanceToShow(const QString &name)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(500))
        return false;
    socket.write("show\n");
    socket.waitForBytesWritten(500);
    return true;
}

} // namespace

int runDesktop(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tsgdesk.svg")));
    const AppOptions options = AppOptions::parse(app.arguments());
    const QString instance = instanceName(options.dataDir);
    if (askRunningInstanceToShow(instance)) {
        std::fprintf(stderr, "tsgdesk: already running on %s; brought its window to the front\n", qPrintable(options.dataDir));
        return 0;
    }

    auto library = tsg::Library::open(options.dataDir);
    if (!library.ok()) {
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(library.error().message));
        QMessageBox::critical(nullptr, QStringLiteral("TSG Desk"), library.error().message);
        return library.error().kind == tsg::ErrorKind::Busy ? 3 : 1;
    }
    tsg::Library &lib = *library.value();
    tsg::ServerRuntime runtime(lib);
    if (const auto started = runtime.start({options.listen, options.port}); !started.ok()) {
        std::fprintf(stderr, "tsgdesk: %s\n", qPrintable(started.error().message));
        QMessageBox::warning(nullptr, QStringLiteral("TSG Desk"),
                             QObject::tr("The server could not start: %1\nThe window works; browsers and agents cannot connect.")
                                 .arg(started.error().message));
    } else {
        std::printf("tsgdesk listening on %s\n", qPrintable(runtime.urlWithToken()));
        std::fflush(stdout);
    }
    lib.cleanup().start(lib.config().desk.cleanupIntervalMinutes * 60 * 1000);

    tsg::MainWindow window(lib, runtime.isListening() ? &runtime : nullptr);
    std::unique_ptr<tsg::TrayIcon> tray;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<tsg::TrayIcon>(lib, runtime.isListening() ? &runtime : nullptr, window);
        tray->show();
        window.setHidesOnClose(true);
        QApplication::setQuitOnLastWindowClosed(false);
        QObject::connect(&window, &tsg::MainWindow::hiddenToTray, tray.get(), &tsg::TrayIcon::noticeHiddenOnce);
        QObject::connect(tray.get(), &tsg::TrayIcon::quitRequested, &app, &QApplication::quit);
    }
    // "Start with my session" follows the setting.
    QObject::connect(&lib, &tsg::Library::configChanged, &app, [&lib, &options] {
        const bool wanted = lib.config().desk.startWithSession;
        if (wanted != tsg::AutostartEntry::isEnabled())
            (void)tsg::AutostartEntry::setEnabled(wanted, QCoreApplication::applicationFilePath(),
                                                  options.dataDir == tsg::DataFolder::resolve() ? QString() : options.dataDir);
    }, Qt::QueuedConnection);

    QLocalServer::removeServer(instance);
    QLocalServer single;
    single.setSocketOptions(QLocalServer::UserAccessOption);
    single.listen(instance);
    QObject::connect(&single, &QLocalServer::newConnection, &window, [&] {
        while (QLocalSocket *s = single.nextPendingConnection()) {
            QObject::connect(s, &QLocalSocket::readyRead, &window, [&window, s] {
                if (s->readAll().contains("show")) {
                    window.show();
                    window.raise();
                    window.activateWindow();
                }
                s->deleteLater();
            });
        }
    });

    SignalWatcher termination;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, &QApplication::quit);
    if (!options.minimized || !tray)
        window.show();
    const int rc = app.exec();
    runtime.stop();
    return rc;
}
