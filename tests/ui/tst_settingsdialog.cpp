// Settings: values shown from the config, checked inline (Save waits until they are valid), saved to
// config.json through the library, keys the dialog does not show left alone, and "Start with my
// session" writing and removing the XDG autostart entry.
#include "uitest.h"

#include "autostart.h"
#include "settingsdialog.h"

#include <QCheckBox>
#include <QLineEdit>
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
    QCOMPARE(d.findChild<QSpinBox *>(QStringLiteral("tsgMaxUpload"))->value(), 100);
    d.findChild<QSpinBox *>(QStringLiteral("tsgMaxUpload"))->setValue(250);
    d.findChild<QSpinBox *>(QStringLiteral("sessionTimeout"))->setValue(48);
    d.findChild<QSpinBox *>(QStringLiteral("maxFiles"))->setValue(500);
    d.findChild<QSpinBox *>(QStringLiteral("port"))->setValue(9999);
    QCOMPARE(d.findChild<QSpinBox *>(QStringLiteral("uploadExpiry"))->value(), 24);
    d.findChild<QSpinBox *>(QStringLiteral("uploadExpiry"))->setValue(72);
    d.findChild<QSpinBox *>(QStringLiteral("maxOpenUploads"))->setValue(3);
    d.findChild<QSpinBox *>(QStringLiteral("maxStaged"))->setValue(2048);
    auto *types = d.findChild<QLineEdit *>(QStringLiteral("allowedTypes"));
    types->setText(types->text() + QStringLiteral(", .CSV"));
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
    QVERIFY(c.tsg.allowedFileTypes.contains(QStringLiteral(".csv")));
    QVERIFY(!c.desk.notifyUploads);
    QCOMPARE(c.activeTsg, std::optional<QString>(QStringLiteral("active-one"))); // not the dialog's to change
    const QByteArray json = readAll(t.root() + QStringLiteral("/config.json"));
    QVERIFY2(json.contains("\"maxUploadSize\": 250") && json.contains("\".csv\"")
                 && json.contains("\"activeTSG\": \"active-one\"") && json.contains("\"uploadExpiryHours\": 72"),
             json.constData());
    QTRY_VERIFY(changed.size() >= 1);
}

void TestSettingsDialog::invalidValuesAreRefusedInline()
{
    TempLibrary t;
    SettingsDialog d(*t.lib);
    d.show();
    auto *types = d.findChild<QLineEdit *>(QStringLiteral("allowedTypes"));
    types->setText(QStringLiteral(".md, exe"));
    QVERIFY2(d.shownProblem().contains(u"'exe'"), qPrintable(d.shownProblem()));
    QVERIFY(!d.saveButton()->isEnabled());
    types->setText(QString());
    QVERIFY(d.shownProblem().contains(u"at least one"));
    types->setText(QStringLiteral(".md"));
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
