// `tsgdesk mcp --install-codex` edits codex's config.toml: our [mcp_servers.tsgdesk] table is added, replaced or
// removed, and every byte outside it stays as it was (comments, blank lines, other servers and tables); a broken
// file, or a table defined inline, is never written; no file makes one.
#include "codexconfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tsg;

namespace {

const CodexConfig::Server kServer{.command = QStringLiteral("/opt/tsg desk/bin/tsgdesk"),
                                  .args = {QStringLiteral("mcp"), QStringLiteral("--data-dir"),
                                           QStringLiteral("/home/a \"quoted\" dir")}};
const QByteArray kTable = "[mcp_servers.tsgdesk]\n"
                          "command = \"/opt/tsg desk/bin/tsgdesk\"\n"
                          "args = [\"mcp\", \"--data-dir\", \"/home/a \\\"quoted\\\" dir\"]\n";

const QByteArray kBefore = "# codex settings, kept by hand\n"
                           "model = \"o4-mini\"   # the fast one\n"
                           "\n"
                           "[mcp_servers.other]\n"
                           "command = \"npx\"\n"
                           "args = [\"-y\", \"other-server\"]\n"
                           "\n"
                           "  # a comment before the next table\n";
const QByteArray kAfter = "[profiles.work]\n"
                          "model = \"gpt-5\"\n"
                          "notes = '''\n"
                          "[mcp_servers.tsgdesk]\n"
                          "this is text in a multi-line string, not a table\n"
                          "'''\n"
                          "\n"
                          "# the end\n";

// What went wrong, for a failure message (QVERIFY2 builds it whether or not the check fails).
QString problemOf(const Result<CodexConfig::Change> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestCodexConfig : public QObject {
    Q_OBJECT
private slots:
    void noFileMakesOne();
    void appendsAfterCommentsAndOtherServers();
    void replacesTheExistingTableInPlace();
    void replacesSubtablesToo();
    void uninstallLeavesEverythingElse();
    void brokenFileIsNeverWritten();
    void inlineTableIsRefused();
    void keepsTheFilesMode();
    void installedReadsTheState();
    void serverForAddsTheDataDirOnlyWhenNotTheDefault();
};

void TestCodexConfig::noFileMakesOne()
{
    QTemporaryDir tmp;
    const QString home = tmp.filePath(QStringLiteral("codex-home"));
    const CodexConfig config(home);
    const auto none = config.uninstall();
    QVERIFY(none.ok());
    QCOMPARE(none.value(), CodexConfig::Change::Unchanged);
    QVERIFY(!QFile::exists(config.file()));

    const auto added = config.install(kServer);
    QVERIFY2(added.ok(), qPrintable(problemOf(added)));
    QCOMPARE(added.value(), CodexConfig::Change::Added);
    QCOMPARE(readAll(config.file()), kTable);
    const auto again = config.install(kServer);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), CodexConfig::Change::Unchanged);
    QCOMPARE(QDir(home).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("config.toml")});
}

void TestCodexConfig::appendsAfterCommentsAndOtherServers()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    const QByteArray original = kBefore + kAfter;
    writeAll(config.file(), original);
    const auto added = config.install(kServer);
    QVERIFY2(added.ok(), qPrintable(problemOf(added)));
    QCOMPARE(added.value(), CodexConfig::Change::Added);
    QCOMPARE(readAll(config.file()), original + "\n" + kTable);

    // A file without a final newline keeps its last line as it is.
    writeAll(config.file(), "model = \"x\"");
    QVERIFY(config.install(kServer).ok());
    QCOMPARE(readAll(config.file()), "model = \"x\"\n\n" + kTable);
}

void TestCodexConfig::replacesTheExistingTableInPlace()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    const QByteArray old = "[mcp_servers.tsgdesk]\n"
                           "command = \"/usr/bin/tsgdesk\"   # an old build\n"
                           "args = [\"mcp\"]\n"
                           "startup_timeout_sec = 5\n"
                           "\n";
    writeAll(config.file(), kBefore + old + kAfter);
    const auto replaced = config.install(kServer);
    QVERIFY2(replaced.ok(), qPrintable(problemOf(replaced)));
    QCOMPARE(replaced.value(), CodexConfig::Change::Replaced);
    // The blank line after the old table belongs with the next one's comment: it stays.
    QCOMPARE(readAll(config.file()), kBefore + kTable + "\n" + kAfter);
    const auto has = CodexConfig::hasServer(readAll(config.file()));
    QVERIFY(has.ok() && has.value());
}

void TestCodexConfig::replacesSubtablesToo()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    const QByteArray old = "[ mcp_servers . \"tsgdesk\" ]\n"
                           "command = \"/old\"\n"
                           "[mcp_servers.tsgdesk.env]\n"
                           "QT_LOGGING_RULES = \"*=false\"\n";
    writeAll(config.file(), kBefore + old + kAfter);
    QVERIFY(config.install(kServer).ok());
    QCOMPARE(readAll(config.file()), kBefore + kTable + kAfter);
}

void TestCodexConfig::uninstallLeavesEverythingElse()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    writeAll(config.file(), kBefore + kAfter);
    QVERIFY(config.install(kServer).ok());
    const auto removed = config.uninstall();
    QVERIFY2(removed.ok(), qPrintable(problemOf(removed)));
    QCOMPARE(removed.value(), CodexConfig::Change::Removed);
    QCOMPARE(readAll(config.file()), kBefore + kAfter); // the file as it was before the install

    writeAll(config.file(), kBefore + "[mcp_servers.tsgdesk]\ncommand = \"/x\"\n\n" + kAfter);
    QVERIFY(config.uninstall().ok());
    QCOMPARE(readAll(config.file()), kBefore + "\n" + kAfter);
    const auto none = config.uninstall();
    QVERIFY(none.ok());
    QCOMPARE(none.value(), CodexConfig::Change::Unchanged);
}

void TestCodexConfig::brokenFileIsNeverWritten()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    const QByteArray broken = kBefore + "[mcp_servers.tsgdesk\ncommand = \"/x\"\n" + kAfter;
    writeAll(config.file(), broken);
    for (const bool install : {true, false}) {
        const auto result = install ? config.install(kServer) : config.uninstall();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Invalid);
        QVERIFY2(result.error().message.contains(QStringLiteral("not valid TOML (line 9")),
                 qPrintable(result.error().message));
        QCOMPARE(readAll(config.file()), broken);
    }
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("config.toml")});
}

void TestCodexConfig::inlineTableIsRefused()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    for (const QByteArray &defined : {QByteArray("[mcp_servers]\ntsgdesk = { command = \"/x\" }\n"),
                                      QByteArray("[mcp_servers]\ntsgdesk.command = \"/x\"\n"),
                                      QByteArray("mcp_servers.tsgdesk.command = \"/x\"\n")}) {
        writeAll(config.file(), defined + kBefore);
        const auto result = config.install(kServer);
        QVERIFY2(!result.ok(), defined.constData());
        QVERIFY2(result.error().message.contains(QStringLiteral("inline table or with dotted keys")),
                 qPrintable(result.error().message));
        QCOMPARE(readAll(config.file()), defined + kBefore);
    }
}

void TestCodexConfig::keepsTheFilesMode()
{
    QTemporaryDir tmp;
    const CodexConfig config(tmp.path());
    writeAll(config.file(), kBefore);
    QVERIFY(QFile::setPermissions(config.file(), QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(config.install(kServer).ok());
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(config.file()).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
}

void TestCodexConfig::installedReadsTheState()
{
    QTemporaryDir tmp;
    const CodexConfig missing(tmp.path() + QStringLiteral("/no-such-folder"));
    QCOMPARE(missing.installed().ok() && !missing.installed().value(), true);
    const CodexConfig config(tmp.path());
    QCOMPARE(config.installed().ok() && !config.installed().value(), true); // no config.toml
    writeAll(config.file(), kBefore);
    QCOMPARE(config.installed().ok() && !config.installed().value(), true);
    QVERIFY(config.install(kServer).ok());
    QCOMPARE(config.installed().ok() && config.installed().value(), true);
    const QByteArray broken = kBefore + "[mcp_servers.tsgdesk\n";
    writeAll(config.file(), broken);
    const auto state = config.installed();
    QVERIFY(!state.ok());
    QCOMPARE(state.error().kind, ErrorKind::Invalid);
    QVERIFY2(state.error().message.startsWith(config.file()) && state.error().message.contains(u"(line "),
             qPrintable(state.error().message));
    QCOMPARE(readAll(config.file()), broken);
}

void TestCodexConfig::serverForAddsTheDataDirOnlyWhenNotTheDefault()
{
    QTemporaryDir home;
    qputenv("CODEX_HOME", home.path().toUtf8());
    const auto byDefault = CodexConfig::serverFor(QStringLiteral("/usr/bin/tsgdesk"), home.path());
    QCOMPARE(byDefault.command, QStringLiteral("/usr/bin/tsgdesk"));
    QCOMPARE(byDefault.args, QStringList{QStringLiteral("mcp")});
    const auto other = CodexConfig::serverFor(QStringLiteral("/usr/bin/tsgdesk"), QStringLiteral("/srv/tsgs"));
    QCOMPARE(other.args,
             (QStringList{QStringLiteral("mcp"), QStringLiteral("--data-dir"), QStringLiteral("/srv/tsgs")}));
}

QTEST_GUILESS_MAIN(TestCodexConfig)
#include "tst_codexconfig.moc"
