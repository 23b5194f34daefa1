// Settings: values shown from the config, checked inline (Save waits until they are valid), saved to
// config.json through the library, keys the dialog does not show left alone, and "Start with my
// session" writing and removing the XDG autostart entry.
#include "uitest.h"

#include "autostart.h"
#include "durationedit.h"
#include "filetypesedit.h"
#include "settingsdialog.h"
#include "sizeedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>

using namespace testing;
using namespace tsg;

class TestSettingsDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void savesToConfigJson();
    void invalidValuesAreRefusedInline();
    void startWithSessionWritesTheAutostartEntry();

private:
    QTemporaryDir m_xdg;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("XDG_CONFIG_HOME", m_xdg.path().toUtf8()); // the autostart entry lands here, not in ~/.config
    qputenv("CODEX_HOME", (m_xdg.path() + QStringLiteral("/codex")).toUtf8()); // the Codex group reads no ~/.codex
}

void TestSettingsDialog::savesToConfigJson()
{
    TempLibrary t;
    QVERIFY(await(t.lib->createTsg(QStringLiteral("active-one"))).ok());
    QVERIFY(await(t.lib->selectTsg(QStringLiteral("active-one"))).ok());
    SettingsDialog d(*t.lib);
    d.show();
    auto *tsgMax = d.findChild<SizeEdit *>(QStringLiteral("tsgMaxUpload"));
    QCOMPARE(tsgMax->mebibytes(), 100);
    QCOMPARE(tsgMax->unitBox()->currentText(), u"MiB"_qs);
    tsgMax->setMebibytes(250);
    // Durations in days and hours: 24 hours is 1 day, and 48 hours is shown as 2 days.
    auto *timeout = d.findChild<DurationEdit *>(QStringLiteral("sessionTimeout"));
    QCOMPARE(timeout->daysBox()->text(), u"1 day"_qs);
    QCOMPARE(timeout->hoursBox()->value(), 0);
    timeout->setHours(48);
    QCOMPARE(timeout->daysBox()->text(), u"2 days"_qs);
    d.findChild<QSpinBox *>(QStringLiteral("maxFiles"))->setValue(500);
    d.findChild<QSpinBox *>(QStringLiteral("port"))->setValue(9999);
    auto *expiry = d.findChild<DurationEdit *>(QStringLiteral("uploadExpiry"));
    QCOMPARE(expiry->hours(), 24);
    expiry->daysBox()->setValue(3); // typed as days: 72 hours in config.json
    d.findChild<QSpinBox *>(QStringLiteral("maxOpenUploads"))->setValue(3);
    // Space in GiB when it is whole GiB: the default 4096 MiB is 4 GiB.
    auto *staged = d.findChild<SizeEdit *>(QStringLiteral("maxStaged"));
    QCOMPARE(staged->numberBox()->value(), 4);
    QCOMPARE(staged->unitBox()->currentText(), u"GiB"_qs);
    staged->numberBox()->setValue(2);
    auto *types = d.findChild<FileTypesEdit *>(QStringLiteral("allowedTypes"));
    types->field()->setText(QStringLiteral(".Parquet"));
    QTest::keyClick(types->field(), Qt::Key_Return); // adds it, and leaves the dialog open
    QVERIFY(d.isVisible());
    QVERIFY(!types->list()->findItems(u".parquet"_qs, Qt::MatchExactly).isEmpty());
    types->list()->findItems(u".gif"_qs, Qt::MatchExactly).constFirst()->setSelected(true);
    auto *remove = types->findChild<QPushButton *>(QStringLiteral("removeType"));
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(!types->types().contains(u".gif"_qs), qPrintable(types->types().join(u' ')));
    d.findChild<QCheckBox *>(QStringLiteral("notifyUploads"))->setChecked(false);
    QSignalSpy changed(t.lib.get(), &Library::configChanged);
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Accepted));
    const Config c = t.lib->config();
    QCOMPARE(c.tsg.maxUploadSize, 250);
    QCOMPARE(c.session.sessionTimeout, 48);
    QCOMPARE(c.session.maxFilesPerSession, 500);
    QCOMPARE(c.desk.port, 9999);
    QCOMPARE(c.desk.uploadExpiryHours, 72);
    QCOMPARE(c.desk.maxOpenUploads, 3);
    QCOMPARE(c.desk.maxStagedMb, 2048);
    QVERIFY(c.tsg.allowedFileTypes.contains(QStringLiteral(".parquet")));
    QVERIFY(!c.tsg.allowedFileTypes.contains(QStringLiteral(".gif")));
    QVERIFY(!c.desk.notifyUploads);
    QCOMPARE(c.activeTsg, std::optional<QString>(QStringLiteral("active-one"))); // not the dialog's to change
    const QByteArray json = readAll(t.root() + QStringLiteral("/config.json"));
    QVERIFY2(json.contains("\"maxUploadSize\": 250") && json.contains("\".parquet\"")
                 && json.contains("\"activeTSG\": \"active-one\"") && json.contains("\"uploadExpiryHours\": 72"),
             json.constData());
    QTRY_VERIFY(changed.size() >= 1);
}

void TestSettingsDialog::invalidValuesAreRefusedInline()
{
    TempLibrary t;
    SettingsDialog d(*t.lib);
    d.show();
    // Each new type is checked as the server checks config.json: "." is no extension.
    auto *types = d.findChild<FileTypesEdit *>(QStringLiteral("allowedTypes"));
    types->field()->setText(QStringLiteral(".csv ."));
    QVERIFY(!types->addFromField());
    QVERIFY2(d.shownProblem().contains(u"'.' is not a file type"), qPrintable(d.shownProblem()));
    QVERIFY(!d.saveButton()->isEnabled());
    types->field()->setText(QStringLiteral("csv")); // the dot may be left out
    QVERIFY(types->addFromField());
    QVERIFY(d.shownProblem().isEmpty());
    types->list()->selectAll();
    types->removeSelected();
    QVERIFY(d.shownProblem().contains(u"at least one"));
    types->field()->setText(QStringLiteral(".md"));
    QVERIFY(types->addFromField());
    QCOMPARE(types->types(), QStringList{u".md"_qs});
    auto *listen = d.findChild<QLineEdit *>(QStringLiteral("listen"));
    listen->setText(QStringLiteral("my laptop"));
    QVERIFY(d.shownProblem().contains(u"not an IP address"));
    QVERIFY(!d.saveButton()->isEnabled());
    listen->setText(QStringLiteral("0.0.0.0"));
    QVERIFY(d.shownProblem().isEmpty());
    QVERIFY(d.saveButton()->isEnabled());
    const QByteArray before = readAll(t.root() + QStringLiteral("/config.json"));
    d.reject();
    QCOMPARE(readAll(t.root() + QStringLiteral("/config.json")), before); // cancel writes nothing
}

void TestSettingsDialog::startWithSessionWritesTheAutostartEntry()
{
    TempLibrary t;
    QVERIFY(!AutostartEntry::isEnabled());
    {
        SettingsDialog d(*t.lib);
        d.setProgram(QStringLiteral("/opt/tsgdesk/bin/tsgdesk"));
        d.show();
        d.findChild<QCheckBox *>(QStringLiteral("autostart"))->setChecked(true);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!d.isVisible());
    }
    QVERIFY(AutostartEntry::isEnabled());
    QVERIFY(AutostartEntry::path().startsWith(m_xdg.path()));
    const QByteArray entry = readAll(AutostartEntry::path());
    QVERIFY2(entry.contains("/opt/tsgdesk/bin/tsgdesk") && entry.contains("--minimized")
                 && entry.contains(t.root().toUtf8()),
             entry.constData());
    QVERIFY(t.lib->config().desk.startWithSession);
    {
        SettingsDialog d(*t.lib);
        d.show();
        QVERIFY(d.findChild<QCheckBox *>(QStringLiteral("autostart"))->isChecked());
        d.findChild<QCheckBox *>(QStringLiteral("autostart"))->setChecked(false);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!d.isVisible());
    }
    QVERIFY(!AutostartEntry::isEnabled());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
