// Settings' "Connect to codex": the state of $CODEX_HOME/config.toml's [mcp_servers.tsgdesk] shown for no file, a
// file with the table and a broken file; Connect writes the table keeping every other byte, Disconnect removes it,
// and a broken file is left as it is with its error (naming the line) shown.
#include "uitest.h"

#include "settingsdialog.h"

#include <QLabel>
#include <QPushButton>

using namespace testing;
using namespace tsg;

namespace {

const QString kProgram = QStringLiteral("/opt/tsgdesk/bin/tsgdesk");

// A user's config.toml: comments, blank lines, another server, no newline at the end.
const QByteArray kOriginal = "# my codex settings\n"
                             "model = \"o3\"   # keep this comment\n"
                             "\n"
                             "[mcp_servers.other]\n"
                             "command = \"npx\"\n"
                             "args = [\"-y\", \"other-server\"]\n"
                             "\n"
                             "\n"
                             "[profiles.fast]\n"
                             "model = \"o4-mini\"";

QLabel *stateOf(const SettingsDialog &d)
{
    return d.findChild<QLabel *>(QStringLiteral("codexState"));
}
QString problemOf(const SettingsDialog &d)
{
    auto *p = d.findChild<QLabel *>(QStringLiteral("codexProblem"));
    return p->isVisible() ? p->text() : QString();
}
QPushButton *connectOf(const SettingsDialog &d)
{
    return d.findChild<QPushButton *>(QStringLiteral("codexConnect"));
}
QPushButton *disconnectOf(const SettingsDialog &d)
{
    return d.findChild<QPushButton *>(QStringLiteral("codexDisconnect"));
}

} // namespace

class TestCodexConnect : public QObject {
    Q_OBJECT
private slots:
    void init();
    void noFileConnectCreatesIt();
    void connectKeepsTheRestByteForByteAndDisconnectRemovesIt();
    void fileWithTheTableShowsConnected();
    void brokenFileIsShownAndLeftAlone();

private:
    std::unique_ptr<QTemporaryDir> m_codexHome;
    QString configFile() const { return m_codexHome->path() + QStringLiteral("/config.toml"); }
};

void TestCodexConnect::init()
{
    m_codexHome = std::make_unique<QTemporaryDir>();
    qputenv("CODEX_HOME", m_codexHome->path().toUtf8()); // never the user's ~/.codex
}

void TestCodexConnect::noFileConnectCreatesIt()
{
    QDir(m_codexHome->path()).removeRecursively(); // not even the folder: Connect makes both
    TempLibrary t;
    SettingsDialog d(*t.lib);
    d.setProgram(kProgram);
    d.show();
    QTRY_VERIFY2(stateOf(d)->text().startsWith(u"Not connected"), qPrintable(stateOf(d)->text()));
    QVERIFY(stateOf(d)->text().contains(configFile()));
    QVERIFY(connectOf(d)->isEnabled());
    QVERIFY(!disconnectOf(d)->isEnabled());
    QVERIFY(problemOf(d).isEmpty());

    QTest::mouseClick(connectOf(d), Qt::LeftButton);
    QTRY_VERIFY2(stateOf(d)->text().contains(u"Connected:"), qPrintable(stateOf(d)->text()));
    // The library is not the default folder ($CODEX_HOME), so codex is told where it is.
    QCOMPARE(readAll(configFile()),
             "[mcp_servers.tsgdesk]\ncommand = \"" + kProgram.toUtf8() + "\"\nargs = [\"mcp\", \"--data-dir\", \""
                 + t.root().toUtf8() + "\"]\n");
    QVERIFY(!connectOf(d)->isEnabled());
    QVERIFY(disconnectOf(d)->isEnabled());
}

void TestCodexConnect::connectKeepsTheRestByteForByteAndDisconnectRemovesIt()
{
    TempLibrary t;
    qputenv("CODEX_HOME", t.root().toUtf8()); // the library is the default folder: no --data-dir
    QVERIFY(writeFile(t.root() + QStringLiteral("/config.toml"), kOriginal));
    const QString file = t.root() + QStringLiteral("/config.toml");
    SettingsDialog d(*t.lib);
    d.setProgram(kProgram);
    d.show();
    QTRY_VERIFY2(stateOf(d)->text().startsWith(u"Not connected"), qPrintable(stateOf(d)->text()));

    QTest::mouseClick(connectOf(d), Qt::LeftButton);
    QTRY_VERIFY2(stateOf(d)->text().contains(u"Connected:"), qPrintable(stateOf(d)->text()));
    QCOMPARE(readAll(file),
             kOriginal + "\n\n[mcp_servers.tsgdesk]\ncommand = \"" + kProgram.toUtf8() + "\"\nargs = [\"mcp\"]\n");
    QVERIFY(disconnectOf(d)->isEnabled());

    QTest::mouseClick(disconnectOf(d), Qt::LeftButton);
    QTRY_VERIFY2(stateOf(d)->text().contains(u"Not connected"), qPrintable(stateOf(d)->text()));
    QVERIFY(stateOf(d)->text().startsWith(u"Disconnected"));
    QCOMPARE(readAll(file), kOriginal + "\n"); // the table and the blank line Connect put before it are gone
    QVERIFY(connectOf(d)->isEnabled());
    QVERIFY(!disconnectOf(d)->isEnabled());
}

void TestCodexConnect::fileWithTheTableShowsConnected()
{
    const QByteArray before = "[mcp_servers.tsgdesk]\ncommand = \"/usr/bin/tsgdesk\"\nargs = [\"mcp\"]\n"
                              "\n# after our table\n[mcp_servers.other]\ncommand = \"npx\"\n";
    QVERIFY(writeFile(configFile(), before));
    TempLibrary t;
    SettingsDialog d(*t.lib);
    d.setProgram(kProgram);
    d.show();
    QTRY_VERIFY2(stateOf(d)->text().startsWith(u"Connected:"), qPrintable(stateOf(d)->text()));
    QVERIFY(!connectOf(d)->isEnabled());
    QVERIFY(disconnectOf(d)->isEnabled());
    QCOMPARE(readAll(configFile()), before); // looking writes nothing

    QTest::mouseClick(disconnectOf(d), Qt::LeftButton);
    QTRY_VERIFY2(stateOf(d)->text().startsWith(u"Disconnected"), qPrintable(stateOf(d)->text()));
    QCOMPARE(readAll(configFile()), QByteArray("\n# after our table\n[mcp_servers.other]\ncommand = \"npx\"\n"));
}

void TestCodexConnect::brokenFileIsShownAndLeftAlone()
{
    const QByteArray broken = "model = \"o3\"\n\n[mcp_servers.other\ncommand = \"npx\"\n";
    QVERIFY(writeFile(configFile(), broken));
    TempLibrary t;
    SettingsDialog d(*t.lib);
    d.setProgram(kProgram);
    d.show();
    QTRY_VERIFY(!problemOf(d).isEmpty());
    QVERIFY2(problemOf(d).contains(configFile()) && problemOf(d).contains(u"line 3"), qPrintable(problemOf(d)));
    QVERIFY(!stateOf(d)->text().contains(u"Connected"));

    // Trying anyway (the user may have fixed it meanwhile) gives the same error and writes nothing.
    for (QPushButton *button : {connectOf(d), disconnectOf(d)}) {
        QVERIFY(button->isEnabled());
        d.findChild<QLabel *>(QStringLiteral("codexProblem"))->clear();
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(!problemOf(d).isEmpty());
        QVERIFY2(problemOf(d).contains(u"line 3"), qPrintable(problemOf(d)));
        QCOMPARE(readAll(configFile()), broken);
    }
}

QTEST_MAIN(TestCodexConnect)
#include "tst_codexconnect.moc"
