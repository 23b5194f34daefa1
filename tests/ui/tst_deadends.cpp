// The window's dead ends and wording (issue 16), as a user meets them (offscreen): a file over the upload limit
// says what the limit is and offers Settings or a raised limit; the desktop's own files (.DS_Store, Thumbs.db,
// desktop.ini, ._*) are skipped without an error; sizes in the desktop's IEC units and durations in days and hours;
// Open folder without a file manager says so and offers Copy path.
#include "uitest.h"

#include "filetreemodel.h"
#include "filetreeview.h"
#include "format.h"
#include "rejectedfilesdialog.h"
#include "settingsdialog.h"
#include "trashdialog.h"
#include "tsglistmodel.h"
#include "uploadcontroller.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

using namespace testing;
using namespace tsg;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// The text of the window's message row (the last "Uploaded …" or "Nothing to upload …").
QString messageOf(Window &x)
{
    return x.w.findChild<QLabel *>(QStringLiteral("message"))->text();
}

} // namespace

class TestDeadEnds : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A 2.5 MiB file with a 1 MiB limit: the dialog names the limit and offers to raise it to 3 MiB; the raise goes
    // through the library's settings (config.json, seen by every client) and the file is then uploaded.
    void overTheLimitRaisesTheLimitAndUploads()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("big"))).ok());
        QVERIFY(await(x.t.lib->updateConfig([](Config &c) { c.tsg.maxUploadSize = 1; })).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
        QTemporaryDir src;
        QVERIFY(writeFile(src.filePath(QStringLiteral("capture.log")), QByteArray(5 * kMiB / 2, 'x')));
        QString limit, reason, raiseText;
        bool hasSettings = false;
        OnDialog<RejectedFilesDialog> answer([&](RejectedFilesDialog *d) {
            if (auto *l = d->findChild<QLabel *>(QStringLiteral("uploadLimit")))
                limit = l->text();
            reason = d->findChild<QTreeWidget *>(QStringLiteral("rejectedList"))->topLevelItem(0)->text(1);
            hasSettings = d->findChild<QPushButton *>(QStringLiteral("openSettings")) != nullptr;
            auto *raise = d->findChild<QPushButton *>(QStringLiteral("raiseLimit"));
            QVERIFY(raise);
            raiseText = raise->text();
            QTest::mouseClick(raise, Qt::LeftButton);
        });
        QSignalSpy changed(x.t.lib.get(), &Library::configChanged);
        x.w.upload(QStringLiteral("big"), {src.filePath(QStringLiteral("capture.log"))});
        QTRY_VERIFY(answer.done());
        QVERIFY2(limit.contains(u"1 MiB"), qPrintable(limit));
        QVERIFY2(reason == u"2.5 MiB is larger than the upload limit of 1 MiB", qPrintable(reason));
        QVERIFY(hasSettings);
        QCOMPARE(raiseText, u"Raise the limit to 3 MiB and upload"_qs);
        QTRY_VERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("big"), QStringLiteral("capture.log"))));
        QCOMPARE(x.t.lib->config().tsg.maxUploadSize, 3);
        QVERIFY(readAll(x.t.root() + QStringLiteral("/config.json")).contains("\"maxUploadSize\": 3"));
        QVERIFY(changed.size() >= 1);
    }

    // "Open Settings" closes the dialog, uploads nothing, and opens Settings at the limit.
    void overTheLimitOpensSettings()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("big"))).ok());
        QVERIFY(await(x.t.lib->updateConfig([](Config &c) { c.tsg.maxUploadSize = 1; })).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
        QTemporaryDir src;
        QVERIFY(writeFile(src.filePath(QStringLiteral("a.log")), QByteArray(700 * 1024, 'a')));
        QVERIFY(writeFile(src.filePath(QStringLiteral("b.log")), QByteArray(700 * 1024, 'b')));
        OnDialog<RejectedFilesDialog> answer([](RejectedFilesDialog *d) {
            // Together 1.4 MiB: the batch is over the limit; 2 MiB would take them.
            auto *raise = d->findChild<QPushButton *>(QStringLiteral("raiseLimit"));
            QVERIFY(raise);
            QCOMPARE(raise->text(), u"Raise the limit to 2 MiB and upload"_qs);
            QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("openSettings")), Qt::LeftButton);
        });
        bool settingsShown = false;
        OnDialog<SettingsDialog> settings([&](SettingsDialog *d) {
            settingsShown = true;
            d->reject();
        });
        x.w.upload(QStringLiteral("big"),
                   {src.filePath(QStringLiteral("a.log")), src.filePath(QStringLiteral("b.log"))});
        QTRY_VERIFY(settingsShown);
        QCOMPARE(x.t.lib->config().tsg.maxUploadSize, 1);
        QCOMPARE(x.t.lib->tsgs().first().fileCount, 0);
    }

    // Beyond the server's hard maximum (100 GiB) there is no raise to offer, only Settings.
    void noRaiseBeyondTheHardMaximum()
    {
        UploadPlan plan;
        plan.rejected.append({.source = u"/x/huge.log"_qs, .reason = u"too large"_qs, .target = u"huge.log"_qs});
        plan.limitMib = 100;
        plan.limitNeededMib = kMaxUploadSizeMib + 1;
        RejectedFilesDialog d(plan);
        QVERIFY(d.findChild<QPushButton *>(QStringLiteral("openSettings")));
        QVERIFY(!d.findChild<QPushButton *>(QStringLiteral("raiseLimit")));
    }

    // Add folder with a Mac's and a Windows PC's leftovers: they are left out without an error, and counted.
    void systemFilesAreSkippedQuietly()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("from-a-mac"))).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
        QVERIFY(x.select(QStringLiteral("from-a-mac")));
        QTemporaryDir src;
        const QString dir = src.filePath(QStringLiteral("logs"));
        QVERIFY(writeFile(dir + QStringLiteral("/app.log"), "started"));
        QVERIFY(writeFile(dir + QStringLiteral("/.DS_Store"), "mac"));
        QVERIFY(writeFile(dir + QStringLiteral("/._app.log"), "fork"));
        QVERIFY(writeFile(dir + QStringLiteral("/sub/Thumbs.db"), "win"));
        QVERIFY(writeFile(dir + QStringLiteral("/sub/desktop.ini"), "win"));
        bool rejectedShown = false;
        OnDialog<RejectedFilesDialog> never([&](RejectedFilesDialog *d) {
            rejectedShown = true;
            d->reject();
        });
        x.w.chooseFolder = [dir](const QString &) { return dir; };
        x.w.askFolderMode = [](const QString &, const QString &) { return UploadPlan::Folders::KeepName; };
        QSignalSpy finished(&x.w.uploads(), &UploadController::finished);
        x.w.action(QStringLiteral("addFolder"))->trigger();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).toBool());
        QVERIFY(!rejectedShown);
        QVERIFY2(messageOf(x).endsWith(u"; 4 system files skipped"), qPrintable(messageOf(x)));
        QVERIFY(QFileInfo::exists(x.t.tsgPath(QStringLiteral("from-a-mac"), QStringLiteral("logs/app.log"))));
        QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("from-a-mac"), QStringLiteral("logs/.DS_Store"))));
        QVERIFY(!QFileInfo::exists(x.t.tsgPath(QStringLiteral("from-a-mac"), QStringLiteral("logs/sub"))));

        // Only system files, dropped: nothing to upload, and no error either.
        finished.clear();
        QVERIFY(dropFiles(x.w.fileView()->viewport(), QPoint(10, 10),
                          {dir + QStringLiteral("/.DS_Store"), dir + QStringLiteral("/._app.log"),
                           dir + QStringLiteral("/sub/Thumbs.db")}));
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!rejectedShown);
        QVERIFY(x.w.uploads().wasCancelled()); // nothing to warn about
        QCOMPARE(messageOf(x), u"Nothing to upload; 3 system files skipped"_qs);
    }

    // One convention for sizes, the desktop's: IEC units (831,400 bytes is 811.9 KiB, not "kB"), and limits whole.
    void sizesAreInIecUnits()
    {
        QCOMPARE(Format::size(831400), QLocale().formattedDataSize(831400, 1, QLocale::DataSizeIecFormat));
        QVERIFY2(Format::size(831400).contains(u"KiB"), qPrintable(Format::size(831400)));
        QVERIFY(Format::size(150 * kMiB).contains(u"MiB"));
        QCOMPARE(Format::mebibytes(100), u"100 MiB"_qs);
        QCOMPARE(Format::mebibytes(4096), u"4 GiB"_qs);

        // As the window shows it: the file tree's Size column.
        Window x;
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("sizes"))).ok());
        QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(QStringLiteral("sizes")),
                                      batchOf({{QStringLiteral("dump.log"), QByteArray(831400, 'd')}})))
                    .ok());
        QVERIFY(x.select(QStringLiteral("sizes")));
        QTRY_VERIFY(x.w.fileModel().indexOfPath(QStringLiteral("dump.log")).isValid());
        const QModelIndex file = x.w.fileModel().indexOfPath(QStringLiteral("dump.log"));
        QCOMPARE(file.siblingAtColumn(FileTreeModel::Size).data().toString(), Format::size(831400));
    }

    // Durations in days and hours: the trash says "7 days", not "168 hours".
    void durationsAreInDaysAndHours()
    {
        QCOMPARE(Format::hours(168), u"7 days"_qs);
        QCOMPARE(Format::hours(30), u"1 day 6 hours"_qs);
        QCOMPARE(Format::hours(5), u"5 hours"_qs);
        TempLibrary t;
        TrashDialog d(*t.lib);
        bool said = false;
        for (const QLabel *l : d.findChildren<QLabel *>()) {
            QVERIFY2(!l->text().contains(u"168"), qPrintable(l->text()));
            said = said || l->text().contains(u"stay here for 7 days");
        }
        QVERIFY(said);
    }

    // No file manager registered: Open folder says so and offers Copy path, which copies the TSG's folder.
    void openFolderWithoutAFileManagerOffersCopyPath()
    {
        Window x;
        x.desktop.canOpen = false;
        QVERIFY(await(x.t.lib->createTsg(QStringLiteral("nowhere"))).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
        QVERIFY(x.select(QStringLiteral("nowhere")));
        QString said;
        OnDialog<QMessageBox> answer([&](QMessageBox *box) {
            said = box->text();
            auto *copy = box->findChild<QPushButton *>(QStringLiteral("copyPath"));
            QVERIFY(copy);
            QTest::mouseClick(copy, Qt::LeftButton);
        });
        x.w.action(QStringLiteral("openFolder"))->trigger();
        QTRY_VERIFY(answer.done());
        const QString folder = QDir::toNativeSeparators(x.t.tsgPath(QStringLiteral("nowhere")));
        QCOMPARE(x.desktop.opened, QStringList{x.t.tsgPath(QStringLiteral("nowhere"))});
        QVERIFY2(said.contains(u"No file manager") && said.contains(folder), qPrintable(said));
        QCOMPARE(x.desktop.copied, QStringList{folder});
    }
};

QTEST_MAIN(TestDeadEnds)
#include "tst_deadends.moc"
