// Renders the pictures in docs/screenshots from the real widgets (offscreen or under Xvfb):
// the main window on a populated library, an upload in progress, the rejection list, the settings.
// usage: make_screenshots OUTPUT_DIR
#include "library.h"
#include "mainwindow.h"
#include "rejectedfilesdialog.h"
#include "settingsdialog.h"
#include "uploadcontroller.h"
#include "uploadplan.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tsg;

namespace {

template <typename T>
T wait(QFuture<T> f)
{
    (void)QTest::qWaitFor([&] { return f.isFinished(); }, 60000);
    return f.result();
}

std::shared_ptr<UploadBatch> batch(const QList<std::pair<QString, QByteArray>> &files)
{
    auto b = std::make_shared<UploadBatch>();
    for (const auto &[p, bytes] : files)
        b->files.push_back({p, QString(), bufferSource(bytes)});
    return b;
}

void save(QWidget *w, const QString &path)
{
    QTest::qWait(300);
    w->grab().save(path);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QTemporaryDir data;
    auto opened = Library::open(data.path());
    if (!opened.ok())
        return 1;
    Library &lib = *opened.value();
    for (const auto &[name, description] : QList<std::pair<QString, QString>>{
             {QStringLiteral("VPN drops after sleep"), QStringLiteral("Reconnect loop on resume")},
             {QStringLiteral("Outlook sync stalls"), QStringLiteral("OST grows, sync stops")},
             {QStringLiteral("Printer queue stuck"), QString()},
             {QStringLiteral("Disk full on build agents"), QStringLiteral("Agents fill /var")},
             {QStringLiteral("Certificate expired on proxy"), QString()}})
        (void)wait(lib.createTsg(name, description));
    (void)wait(lib.uploadToTsg(QStringLiteral("VPN drops after sleep"),
                               batch({{QStringLiteral("README.md"), QByteArray(600, 'r')},
                                      {QStringLiteral("logs/vpnclient.log"), QByteArray(87000, 'l')},
                                      {QStringLiteral("logs/netsh-trace.txt"), QByteArray(5400, 't')},
                                      {QStringLiteral("screens/error-dialog.png"), QByteArray(12000, 'p')},
                                      {QStringLiteral("steps/1-collect.md"), QByteArray(12, 's')},
                                      {QStringLiteral("steps/2-reset-adapter.md"), QByteArray(17, 's')},
                                      {QStringLiteral("config/profile.yaml"), QByteArray(16, 'y')},
                                      {QStringLiteral("KB-4471.pdf"), QByteArray(36000, 'k')}})));
    (void)wait(lib.uploadToTsg(QStringLiteral("Outlook sync stalls"), batch({{QStringLiteral("guide.md"), QByteArray(900, 'g')}})));
    (void)wait(lib.selectTsg(QStringLiteral("VPN drops after sleep")));
    (void)wait(lib.uploadToSession(QStringLiteral("incident-4711"), batch({{QStringLiteral("incident.log"), QByteArray(20000, 'i')}})));

    MainWindow window(lib, nullptr);
    window.resize(1240, 740);
    window.show();
    window.selectTsg(QStringLiteral("VPN drops after sleep"));
    save(&window, out + QStringLiteral("/main-window.png"));

    // An upload in progress: a large file streamed from disk.
    QTemporaryDir src;
    {
        QFile big(src.filePath(QStringLiteral("capture-full.log")));
        (void)big.open(QIODevice::WriteOnly);
        const QByteArray chunk(1 << 20, 'c');
        for (int i = 0; i < 1500; ++i)
            big.write(chunk);
    }
    (void)wait(lib.updateConfig([](Config &c) { c.tsg.maxUploadSize = 4096; })); // 1.5 GB may go in one upload
    window.upload(QStringLiteral("VPN drops after sleep"), {src.filePath(QStringLiteral("capture-full.log"))});
    QTest::qWait(400);
    window.grab().save(out + QStringLiteral("/upload-in-progress.png"));
    window.uploads().cancel();
    (void)QTest::qWaitFor([&] { return !window.uploads().isBusy(); }, 30000);

    // The rejection list.
    (void)QDir(src.path()).mkpath(QStringLiteral("bundle/bin"));
    for (const QString &f : {QStringLiteral("bundle/notes.md"), QStringLiteral("bundle/bin/collector.exe"),
                             QStringLiteral("bundle/.env"), QStringLiteral("bundle/dump.dmp"), QStringLiteral("bundle/trace.log")}) {
        QFile file(src.filePath(f));
        (void)file.open(QIODevice::WriteOnly);
        file.write("x");
    }
    RejectedFilesDialog rejected(UploadPlan::fromLocalPaths({src.filePath(QStringLiteral("bundle"))}, lib.config().tsg), &window);
    rejected.show();
    save(&rejected, out + QStringLiteral("/rejected-files.png"));
    rejected.hide();

    SettingsDialog settings(lib, &window);
    settings.show();
    save(&settings, out + QStringLiteral("/settings.png"));
    return 0;
}
