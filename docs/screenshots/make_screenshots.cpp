// Renders every picture in docs/screenshots from the real widgets, so that none can go stale: the
// ctest test docs_screenshots (tests/app/CMakeLists.txt) runs it into the source tree on every test
// run, and `git status` shows a picture that the program no longer matches.
// Deterministic: the library is written to disk with fixed times before it is opened, the clock shown
// is UTC, the locale en_US, the style Fusion, the sizes and the server's port fixed, and the upload in
// progress is held at a fixed point. Exits non-zero, saying why, when any step cannot be done.
// usage: make_screenshots OUTPUT_DIR        (offscreen or any display)
#include "filetreemodel.h"
#include "filetreeview.h"
#include "library.h"
#include "libraryindexer.h"
#include "logview.h"
#include "mainwindow.h"
#include "overwritedialog.h"
#include "previewpane.h"
#include "rejectedfilesdialog.h"
#include "searchindex.h"
#include "searchpanel.h"
#include "serverruntime.h"
#include "settingsdialog.h"
#include "trashdialog.h"
#include "trayicon.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"
#include "uploadplan.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/stat.h>
#include <utime.h>

using namespace tsg;

namespace {

// Every time the pictures show.
const QDateTime kCreated = QDateTime(QDate(2026, 11, 25), QTime(9, 12), Qt::UTC);
const QDateTime kUpdated = QDateTime(QDate(2026, 11, 25), QTime(14, 37), Qt::UTC);
constexpr int kPort = 47379; // fixed, so the URL in the server panel is the same every time

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "make_screenshots: %s\n", qPrintable(why));
    std::exit(1);
}

void check(bool ok, const QString &what)
{
    if (!ok)
        fail(what);
}

template <typename T>
T wait(QFuture<T> f, const QString &what)
{
    check(QTest::qWaitFor([&] { return f.isFinished(); }, 60000), QStringLiteral("timed out: ") + what);
    return f.result();
}

// Waits until `until` holds, failing with `what` after 30 s.
void waitFor(const std::function<bool()> &until, const QString &what)
{
    check(QTest::qWaitFor(until, 30000), QStringLiteral("timed out waiting for ") + what);
}

void setTime(const QString &path, const QDateTime &t)
{
    const struct utimbuf times {
        time_t(t.toSecsSinceEpoch()), time_t(t.toSecsSinceEpoch())
    };
    check(::utime(QFile::encodeName(path).constData(), &times) == 0, QStringLiteral("cannot set the time of ") + path);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    check(QDir().mkpath(QFileInfo(path).path()), QStringLiteral("cannot make the folder of ") + path);
    QFile f(path);
    check(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size(), QStringLiteral("cannot write ") + path);
    f.close();
    setTime(path, kUpdated);
}

QByteArray logLines(int lines, const char *tag)
{
    QByteArray out;
    for (int i = 0; i < lines; ++i)
        out += QStringLiteral("2026-11-2%1 0%2:1%3:0%4 %5 event %6: %7\n")
                   .arg(i % 5)
                   .arg(i % 10)
                   .arg(i % 6)
                   .arg(i % 9)
                   .arg(QLatin1String(tag))
                   .arg(i)
                   .arg(i % 7 ? QStringLiteral("ok") : QStringLiteral("WARN retry"))
                   .toUtf8();
    return out;
}

// A TSG on disk as the library keeps it, before the library opens the folder.
void writeTsg(const QString &root, const QString &name, const QString &description, const QStringList &tags,
              const QList<std::pair<QString, QByteArray>> &files)
{
    const QString dir = root + QStringLiteral("/tsgs/") + name;
    for (const auto &[path, bytes] : files)
        writeFile(dir + u'/' + path, bytes);
    const QJsonObject meta{{QStringLiteral("name"), name},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                           {QStringLiteral("createdAt"), kCreated.toString(Qt::ISODateWithMs)},
                           {QStringLiteral("updatedAt"), kUpdated.toString(Qt::ISODateWithMs)}};
    writeFile(dir + QStringLiteral("/.metadata.json"), QJsonDocument(meta).toJson());
    // Folders last, deepest first, so that writing into them does not move their times again.
    QStringList folders;
    for (const auto &[path, bytes] : files)
        for (QString p = QFileInfo(path).path(); p != u"."; p = QFileInfo(p).path())
            folders << dir + u'/' + p;
    folders.sort();
    folders.removeDuplicates();
    for (auto it = folders.crbegin(); it != folders.crend(); ++it)
        setTime(*it, kUpdated);
    setTime(dir, kUpdated);
}

void writeSession(const QString &root, const QString &id, const QList<std::pair<QString, QByteArray>> &files)
{
    const QString dir = root + QStringLiteral("/sessions/") + id;
    for (const auto &[path, bytes] : files)
        writeFile(dir + QStringLiteral("/files/") + path, bytes);
    const QJsonObject meta{{QStringLiteral("sessionId"), id},
                           {QStringLiteral("createdAt"), kCreated.toString(Qt::ISODateWithMs)},
                           {QStringLiteral("lastActivity"), kUpdated.toString(Qt::ISODateWithMs)}};
    writeFile(dir + QStringLiteral("/.session.json"), QJsonDocument(meta).toJson());
}

QByteArray png(int w, int h, const QColor &fill)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(fill);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

void populate(const QString &root)
{
    const QByteArray pdf(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        "trailer<</Root 1 0 R>>\n%%EOF\n");
    writeTsg(root, QStringLiteral("VPN drops after sleep"),
             QStringLiteral("The VPN client loses its tunnel when the laptop resumes from sleep"),
             {QStringLiteral("vpn"), QStringLiteral("network")},
             {{QStringLiteral("README.md"), "# VPN drops after sleep\n\n1. Collect logs\n2. Reset the adapter\n"},
              {QStringLiteral("steps/01-collect-logs.md"), "# Collect logs\n\nRun the diagnostics bundle.\n"},
              {QStringLiteral("steps/02-reset-adapter.md"), "# Reset the adapter\n\nnetsh int ip reset\n"},
              {QStringLiteral("logs/vpnagent.log"), logLines(4000, "vpnagent")},
              {QStringLiteral("logs/ipconfig.txt"), "Ethernet adapter: 10.0.0.12\n"},
              {QStringLiteral("screenshots/error-dialog.png"), png(640, 400, QColor(0xc6, 0x28, 0x28))},
              {QStringLiteral("config/profile.yaml"), "server: vpn.example.invalid\nreconnect: true\n"}});
    writeTsg(root, QStringLiteral("Outlook search returns nothing"),
             QStringLiteral("Windows Search index for the mailbox is stale"),
             {QStringLiteral("outlook"), QStringLiteral("search")},
             {{QStringLiteral("guide.md"), "# Rebuild the index\n"},
              {QStringLiteral("indexer.log"), logLines(1500, "indexer")},
              {QStringLiteral("registry-export.json"),
               "{\n  \"key\": \"HKCU\\\\Software\\\\Microsoft\\\\Office\",\n  \"values\": [1, 2, 3]\n}"},
              {QStringLiteral("vendor-kb.pdf"), pdf}});
    writeTsg(root, QStringLiteral("Printer offline after update"),
             QStringLiteral("Spooler stops after the monthly update"), {QStringLiteral("printing")},
             {{QStringLiteral("steps.md"), "# Restart the spooler\n"},
              {QStringLiteral("spooler.log"), logLines(800, "spooler")},
              {QStringLiteral("queue.png"), png(320, 200, QColor(0x1e, 0x5a, 0xa8))}});
    writeTsg(root, QStringLiteral("Slow logons (GPO)"), QStringLiteral("Group policy processing takes minutes"),
             {QStringLiteral("gpo"), QStringLiteral("windows")},
             {{QStringLiteral("analysis.md"), "# GPO timing\n"},
              {QStringLiteral("gpresult.txt"), "Applied GPOs: 14\n"},
              {QStringLiteral("timeline.json"), "{\"steps\": 14}\n"}});
    writeTsg(root, QStringLiteral("Teams camera not detected"), QString(), {QStringLiteral("teams")},
             {{QStringLiteral("notes.md"), "# Camera\n"}});
    writeTsg(root, QStringLiteral("Disk full on build agents"),
             QStringLiteral("Agents run out of space during nightly builds"),
             {QStringLiteral("ci"), QStringLiteral("disk")},
             {{QStringLiteral("runbook.md"), "# Clean caches\n"},
              {QStringLiteral("du-report.txt"), "42G /var/cache\n"}});
    writeSession(root, QStringLiteral("agent-7f3c21"),
                 {{QStringLiteral("trace.log"), logLines(300, "agent")},
                  {QStringLiteral("summary.md"), "# Findings\n"},
                  {QStringLiteral("netstat.txt"), "tcp 443 ESTABLISHED\n"}});
    writeSession(root, QStringLiteral("browser-2b91e0"), {{QStringLiteral("screenshot-notes.md"), "# notes\n"}});
    writeSession(root, QStringLiteral("desk-setup"), {{QStringLiteral("checklist.md"), "# Checklist\n"}});
}

// Lets pending layout, paint and posted events run, then grabs.
void save(QWidget *w, const QString &path)
{
    check(QTest::qWaitForWindowExposed(w), QStringLiteral("the window never showed: ") + path);
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    check(w->grab().save(path), QStringLiteral("cannot write ") + path);
    std::printf("make_screenshots: %s\n", qPrintable(path));
}

int render(const QString &out, QDir &scratch, const QString &root);
int renderLongLibrary(const QString &out, const QString &root);

} // namespace

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC");
    tzset();
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true); // no saved window geometry of the user's
    QSettings().clear();                      // nor of an earlier run: column widths and splitters from scratch
    if (argc < 2)
        fail(QStringLiteral("usage: make_screenshots OUTPUT_DIR"));
    const QString out = QFileInfo(QString::fromLocal8Bit(argv[1])).absoluteFilePath();
    check(QFileInfo(out).isDir(), QStringLiteral("no such folder: ") + out);

    // Fixed paths too: the rejection list shows the dropped folder's name.
    QDir scratch(QDir::tempPath() + QStringLiteral("/tsgdesk-screenshots"));
    check(scratch.removeRecursively() && QDir().mkpath(scratch.filePath(QStringLiteral("data"))),
          QStringLiteral("cannot make ") + scratch.path());
    const QString root = scratch.filePath(QStringLiteral("data"));
    qputenv("CODEX_HOME", QFile::encodeName(root)); // Settings' Codex group reads this config.toml, not the user's
    populate(root);

    if (const int rc = render(out, scratch, root); rc != 0)
        return rc;
    if (const int rc = renderLongLibrary(out, scratch.filePath(QStringLiteral("long"))); rc != 0)
        return rc;
    scratch.removeRecursively();
    return 0;
}

namespace {

// The search for `query` typed in the window's field, the hit at `hit` (0: the first) picked and shown in the
// preview, and the focus on the results (no blinking cursor in the picture).
void searchAndPick(MainWindow &window, const QString &query, int hit)
{
    SearchPanel &search = *window.searchPanel();
    // Its clear button fades in over a timed animation: at a grab it would be anywhere between hidden and shown.
    search.field()->setClearButtonEnabled(false);
    search.focusField();
    search.field()->clear(); // the hits of the last query go
    search.field()->setText(query);
    search.searchNow();
    waitFor([&] { return search.hitCount() > hit; }, QStringLiteral("the hits of ") + query);
    QTreeWidget *results = search.results();
    QList<QTreeWidgetItem *> hits;
    for (int g = 0; g < results->topLevelItemCount(); ++g)
        for (int c = 0; c < results->topLevelItem(g)->childCount(); ++c)
            hits << results->topLevelItem(g)->child(c);
    check(hit < hits.size(), QStringLiteral("no hit %1 for ").arg(hit) + query);
    QSignalSpy loaded(window.preview(), &PreviewPane::loaded);
    results->setFocus();
    results->setCurrentItem(hits.at(hit));
    waitFor([&] { return !loaded.isEmpty(); }, QStringLiteral("the preview of a hit of ") + query);
    if (LogView *log = window.preview()->logView(); window.preview()->page() == PreviewPane::Page::Text)
        waitFor(
            [&] {
                for (int n = log->firstVisibleLine(); n < log->firstVisibleLine() + log->visibleLineCount(); ++n)
                    if (n <= log->lineCount() && !log->source().hasLine(n))
                        return false;
                return true;
            },
            QStringLiteral("the lines of the log"));
    QTest::mouseMove(results->viewport(), QPoint(5, results->viewport()->height() - 5));
}

// Everything the pictures show; returns once the library, the window and the server are gone.
int render(const QString &out, QDir &scratch, const QString &root)
{
    // The index before the library, so that it goes after it (the library's threads report to the indexer).
    SearchIndex index(root);
    std::unique_ptr<LibraryIndexer> indexer;
    auto opened = Library::open(root);
    check(opened.ok(), opened.ok() ? QString() : opened.error().message);
    Library &lib = *opened.value();
    indexer = std::make_unique<LibraryIndexer>(lib, index);
    check(wait(indexer->start(), QStringLiteral("the index")).ok(), QStringLiteral("the index did not open"));
    check(wait(lib.selectTsg(QStringLiteral("VPN drops after sleep")), QStringLiteral("select")).ok(),
          QStringLiteral("cannot select the TSG"));
    ServerRuntime server(lib);
    const auto started = server.start({QStringLiteral("127.0.0.1"), kPort});
    check(started.ok(),
          QStringLiteral("the server cannot listen on port %1: %2")
              .arg(kPort)
              .arg(started.ok() ? QString() : started.error().message));

    MainWindow window(lib, &server, QString(), &index);
    window.resize(1280, 760);
    window.show();
    waitFor([&] { return window.tsgModel().rowCount() == 6; }, QStringLiteral("the TSG list"));
    window.selectTsg(QStringLiteral("VPN drops after sleep"));
    waitFor([&] { return !window.fileModel().isLoading() && window.fileModel().fileCount() == 7; },
            QStringLiteral("the file tree"));
    // The same focus and hover every time: the TSG list has the focus, the mouse rests on empty space.
    check(QTest::qWaitForWindowActive(&window), QStringLiteral("the window never became active"));
    window.tsgView()->setFocus();
    // Over the toolbar first, then away: the first button has then had its leave event whatever the cursor did
    // while the window appeared (a button left hovered was drawn raised in some runs).
    QTest::mouseMove(&window, QPoint(20, 15));
    QTest::qWait(50);
    QTest::mouseMove(window.tsgView()->viewport(), QPoint(300, 500));
    QTest::qWait(50);
    save(&window, out + QStringLiteral("/main-window.png"));

    // On a 1366×768 laptop screen: the list filtered by a tag, a file of the TSG selected (its actions on), the
    // details panel under the list.
    window.resize(1366, 768 - 40); // less a panel or title bar
    window.filterEdit()->setText(QStringLiteral("tag:network"));
    const QModelIndex log = window.fileModel().indexOfPath(QStringLiteral("logs/vpnagent.log"));
    check(log.isValid(), QStringLiteral("no logs/vpnagent.log in the tree"));
    window.fileView()->selectionModel()->select(log, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    window.fileView()->setCurrentIndex(log);
    window.tsgView()->setFocus();
    QTest::qWait(500); // the filter's clear button fades in (an animation of QLineEdit's): the same picture each time
    save(&window, out + QStringLiteral("/details.png"));
    window.filterEdit()->clear();
    window.fileView()->clearSelection();
    window.resize(1280, 760);
    QTest::qWait(500); // the filter's clear button fades out: gone in every picture that follows
    // Search: the hits of a word in three kinds of files, grouped by TSG, the first shown in the preview.
    searchAndPick(window, QStringLiteral("adapter"), 0);
    save(&window, out + QStringLiteral("/search.png"));
    // The preview of a hit in a 4,000-line log: opened at its line, the match highlighted.
    searchAndPick(window, QStringLiteral("2345"), 0);
    save(&window, out + QStringLiteral("/preview.png"));
    window.searchPanel()->field()->clear();
    window.preview()->clear();
    window.tsgView()->setFocus();
    QTest::mouseMove(window.tsgView()->viewport(), QPoint(300, 500));

    // The settings as they are on a fresh library.
    {
        SettingsDialog settings(lib, &window);
        settings.show();
        auto *codex = settings.findChild<QLabel *>(QStringLiteral("codexState"));
        waitFor([codex] { return codex->text().startsWith(u"Not connected"); }, QStringLiteral("the codex state"));
        save(&settings, out + QStringLiteral("/settings.png"));
    }

    // The rejection list of a dropped folder.
    const QString notes = scratch.filePath(QStringLiteral("field-notes"));
    for (const auto &[name, bytes] :
         QList<std::pair<QString, QByteArray>>{{QStringLiteral("summary.md"), "# Summary\n"},
                                               {QStringLiteral("raw/netstat.txt"), "tcp\n"},
                                               {QStringLiteral("raw/dump.dmp"), QByteArray(5000, 'x')},
                                               {QStringLiteral("installer.exe"), "MZ"},
                                               {QStringLiteral(".DS_Store"), QByteArray(1, '\0')},
                                               {QStringLiteral("raw/app.log"), "log\n"},
                                               {QStringLiteral("Report.md"), "1"},
                                               {QStringLiteral("report.md"), "2"},
                                               {QStringLiteral("raw/capture.pcapng"), "\n"}})
        writeFile(notes + u'/' + name, bytes);
    {
        RejectedFilesDialog rejected(UploadPlan::fromLocalPaths({notes}, lib.config().tsg), &window);
        rejected.resize(980, 400);
        rejected.show();
        save(&rejected, out + QStringLiteral("/rejected-files.png"));
    }

    // An upload in progress: a real one (the window is busy: Add files and Add folder are off), whose
    // progress is shown at a fixed point: the controller's own signals are held while one progress
    // report with fixed numbers reaches the panel.
    const QString capture = scratch.filePath(QStringLiteral("capture-2026-11-25"));
    {
        const QByteArray chunk(1 << 20, 'c');
        for (int i = 0; i < 16; ++i) {
            QFile f(QStringLiteral("%1/host-%2/trace-%3.log")
                        .arg(capture)
                        .arg(QChar(u"ab"[i % 2]))
                        .arg(i, 2, 10, QChar(u'0')));
            check(QDir().mkpath(QFileInfo(f).path()) && f.open(QIODevice::WriteOnly),
                  QStringLiteral("cannot write ") + f.fileName());
            for (int j = 0; j < 80; ++j)
                f.write(chunk);
        }
    }
    check(wait(lib.updateConfig([](Config &c) { c.tsg.maxUploadSize = 2048; }), QStringLiteral("config")).ok(),
          QStringLiteral("cannot raise the upload limit"));
    UploadController &uploads = window.uploads();
    QSignalSpy started2(&uploads, &UploadController::started);
    window.upload(QStringLiteral("VPN drops after sleep"), {capture});
    waitFor([&] { return !started2.isEmpty(); }, QStringLiteral("the upload to start"));
    uploads.blockSignals(true); // no real progress reaches the panel from here on
    UploadProgress at;
    at.processed = 6;
    at.total = 16;
    at.bytesTotal = qint64(16) * 80 << 20;
    at.bytesProcessed = qint64(491) << 20;
    at.currentFile = QStringLiteral("capture-2026-11-25/host-a/trace-06.log");
    uploads.blockSignals(false);
    emit uploads.progress(at); // delivered at once: the panel is on this thread
    uploads.blockSignals(true);
    check(uploads.isBusy(), QStringLiteral("the upload ended before it could be shown"));
    save(&window, out + QStringLiteral("/upload-in-progress.png"));
    uploads.blockSignals(false);
    uploads.cancel();
    waitFor([&] { return !uploads.isBusy(); }, QStringLiteral("the upload to stop"));

    // The question before an upload replaces a file.
    {
        OverwriteDialog overwrite(QStringLiteral("VPN drops after sleep"), QStringLiteral("logs/vpnagent.log"),
                                  QStringLiteral("logs/vpnagent (2).log"), 3, &window);
        overwrite.show();
        save(&overwrite, out + QStringLiteral("/overwrite.png"));
    }

    // The trash: a deleted TSG, a deleted folder, a deleted file and a replaced file, written with fixed times
    // as the library writes them (the dialog reads them from disk).
    const auto trashEntry = [&root](const QString &id, const QJsonObject &entry, const QString &content) {
        writeFile(root + QStringLiteral("/.tsgdesk/trash/") + id + QStringLiteral("/content")
                      + (content.isEmpty() ? QString() : u'/' + content),
                  "x");
        writeFile(root + QStringLiteral("/.tsgdesk/trash/") + id + QStringLiteral("/entry.json"),
                  QJsonDocument(entry).toJson());
    };
    const auto entry = [](const char *kind, const QString &tsg, const QString &path, const char *deletedAt, int files,
                          double size, const char *cause, bool folder) {
        return QJsonObject{{QStringLiteral("kind"), QLatin1String(kind)},
                           {QStringLiteral("tsgName"), tsg},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("deletedAt"), QLatin1String(deletedAt)},
                           {QStringLiteral("fileCount"), files},
                           {QStringLiteral("size"), size},
                           {QStringLiteral("cause"), QLatin1String(cause)},
                           {QStringLiteral("folder"), folder}};
    };
    trashEntry(QStringLiteral("20261125T101500000-00000001"),
               entry("file", QStringLiteral("VPN drops after sleep"), QStringLiteral("logs/vpnagent.log"),
                     "2026-11-25T10:15:00.000Z", 1, 83140, "replaced", false),
               QString());
    trashEntry(QStringLiteral("20261124T161200000-00000002"),
               entry("file", QStringLiteral("Outlook keeps asking for password"), QStringLiteral("old captures"),
                     "2026-11-24T16:12:00.000Z", 4, 2411520, "deleted", true),
               QStringLiteral("a.pcap"));
    trashEntry(QStringLiteral("20261124T090300000-00000003"),
               entry("file", QStringLiteral("Printer jams on tray 2"), QStringLiteral("notes/draft.md"),
                     "2026-11-24T09:03:00.000Z", 1, 1200, "deleted", false),
               QString());
    trashEntry(QStringLiteral("20261123T174500000-00000004"),
               entry("tsg", QStringLiteral("Old proxy settings"), QString(), "2026-11-23T17:45:00.000Z", 6, 301056,
                     "deleted", false),
               QStringLiteral("guide.md"));
    {
        TrashDialog trash(lib, &window);
        trash.show();
        waitFor([&] { return trash.isLoaded(); }, QStringLiteral("the trash"));
        save(&trash, out + QStringLiteral("/trash.png"));
    }

    // The window tiled to 800×600: panes, columns and the status bar fold to fit.
    window.resize(800, 600);
    window.tsgView()->setFocus();
    QTest::mouseMove(window.tsgView()->viewport(), QPoint(100, 250));
    save(&window, out + QStringLiteral("/window-800x600.png"));

    server.stop();
    return 0;
}

// A library of 500 TSGs with long names, as an analyst's grows: the list at 1366×768, counted, names whole; and
// the tray's menu, which shows the active TSG and the recent ones, then Choose….
int renderLongLibrary(const QString &out, const QString &root)
{
    QStringList names;
    const QStringList subjects{QStringLiteral("Outlook keeps asking for the password after the upgrade"),
                               QStringLiteral("VPN drops after sleep on docked laptops"),
                               QStringLiteral("Printer jams on tray 2 in the second-floor copy room"),
                               QStringLiteral("Teams calls lose audio when the headset reconnects"),
                               QStringLiteral("SAP GUI login fails with certificate error")};
    for (int i = 0; i < 500; ++i)
        names << QStringLiteral("%1 (case %2)").arg(subjects.at(i % subjects.size())).arg(1000 + i);
    for (const QString &name : std::as_const(names))
        writeTsg(root, name, QString(), {}, {{QStringLiteral("notes.md"), "# Notes\n"}});
    const QJsonObject config{{QStringLiteral("activeTSG"), names.at(7)},
                             {QStringLiteral("tsgDesk"),
                              QJsonObject{{QStringLiteral("recentTsgs"),
                                           QJsonArray{names.at(7), names.at(42), names.at(133), names.at(256),
                                                      names.at(301)}}}}};
    writeFile(root + QStringLiteral("/config.json"), QJsonDocument(config).toJson());
    auto opened = Library::open(root);
    check(opened.ok(), opened.ok() ? QString() : opened.error().message);
    Library &lib = *opened.value();
    ServerRuntime server(lib);
    const auto started = server.start({QStringLiteral("127.0.0.1"), kPort + 1});
    check(started.ok(), QStringLiteral("the server cannot listen on port %1").arg(kPort + 1));
    {
        MainWindow window(lib, &server);
        window.resize(1366, 768);
        window.show();
        waitFor([&] { return window.tsgModel().rowCount() == 500; }, QStringLiteral("the 500 TSGs"));
        window.selectTsg(names.at(7));
        waitFor([&] { return !window.fileModel().isLoading() && window.fileModel().fileCount() == 1; },
                QStringLiteral("the file tree of the long library"));
        check(QTest::qWaitForWindowActive(&window), QStringLiteral("the window never became active"));
        window.tsgView()->setFocus();
        QTest::mouseMove(window.tsgView()->viewport(), QPoint(300, 400));
        QTest::qWait(50);
        save(&window, out + QStringLiteral("/main-window-500-tsgs.png"));

        // The tray's menu with its Active TSG submenu open beside it, drawn offscreen (no tray is needed).
        TrayIcon tray(lib, &server, window);
        QMenu *menu = tray.menu();
        QMenu *active = tray.activeMenu();
        tray.rebuildActiveMenu();
        for (QMenu *m : {menu, active}) {
            m->ensurePolished();
            m->adjustSize();
        }
        const QPixmap left = menu->grab();
        const QPixmap right = active->grab();
        QPixmap both(left.width() + right.width() + 8, std::max(left.height(), right.height()));
        both.fill(QColor(QStringLiteral("#d8d8d8")));
        QPainter painter(&both);
        painter.drawPixmap(0, 0, left);
        painter.drawPixmap(left.width() + 8, 0, right);
        painter.end();
        check(both.save(out + QStringLiteral("/tray-menu.png")), QStringLiteral("cannot write tray-menu.png"));
        std::printf("make_screenshots: %s\n", qPrintable(out + QStringLiteral("/tray-menu.png")));
    }
    server.stop();
    return 0;
}

} // namespace
