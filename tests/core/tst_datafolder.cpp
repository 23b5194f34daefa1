// The data folder: --data-dir, else $CODEX_HOME, else ~/.codex; its layout created 0700; one
// writer per folder (a second open() is Busy, naming the folder and the pid; a dead holder's lock
// is taken over; the lock goes with the DataFolder).
#include "datafolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tsg;

namespace {

int modeOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// Sets the umask for one scope (so "created 0700" is shown under a permissive umask too).
struct UmaskScope {
    explicit UmaskScope(mode_t m) : old(::umask(m)) {}
    ~UmaskScope() { ::umask(old); }
    mode_t old;
};

// Restores an environment variable at the end of a test.
struct EnvScope {
    explicit EnvScope(const char *n) : name(n), had(qEnvironmentVariableIsSet(n)), value(qgetenv(n)) {}
    ~EnvScope()
    {
        if (had)
            qputenv(name, value);
        else
            qunsetenv(name);
    }
    const char *name;
    bool had;
    QByteArray value;
};

} // namespace

class TestDataFolder : public QObject {
    Q_OBJECT
private slots:
    void resolvePrecedence();
    void resolveMakesAbsolute();
    void layoutPaths();
    void createsTheLayout0700();
    void keepsExistingFoldersAsTheyAre();
    void refusesSymlinkedLayoutFolders();
    void refusesAFileInTheWay();
    void secondOpenIsBusy();
    void lockIsReleasedOnDestruction();
    void staleLockOfADeadProcessIsTakenOver();
};

void TestDataFolder::resolvePrecedence()
{
    EnvScope env("CODEX_HOME");
    QTemporaryDir a, b;
    qputenv("CODEX_HOME", QFile::encodeName(a.path()));
    QCOMPARE(DataFolder::resolve(b.path()), b.path()); // --data-dir wins
    QCOMPARE(DataFolder::resolve(), a.path());         // then $CODEX_HOME
    qunsetenv("CODEX_HOME");
    QCOMPARE(DataFolder::resolve(), QDir::homePath() + QStringLiteral("/.codex")); // then ~/.codex
    qputenv("CODEX_HOME", QByteArray());                                           // set but empty counts as unset
    QCOMPARE(DataFolder::resolve(), QDir::homePath() + QStringLiteral("/.codex"));
}

void TestDataFolder::resolveMakesAbsolute()
{
    EnvScope env("CODEX_HOME");
    QTemporaryDir dir;
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const QString cwd = QDir::currentPath();
    QCOMPARE(DataFolder::resolve(QStringLiteral("data")), cwd + QStringLiteral("/data"));
    QCOMPARE(DataFolder::resolve(QStringLiteral("./x/../data/")), cwd + QStringLiteral("/data"));
    qputenv("CODEX_HOME", "rel-home");
    QCOMPARE(DataFolder::resolve(), cwd + QStringLiteral("/rel-home"));
    QVERIFY(QDir::setCurrent(before));
}

void TestDataFolder::layoutPaths()
{
    const DataFolder f(QStringLiteral("/data/root/"));
    QCOMPARE(f.root(), QStringLiteral("/data/root"));
    QCOMPARE(f.configFile(), QStringLiteral("/data/root/config.json"));
    QCOMPARE(f.tsgsDir(), QStringLiteral("/data/root/tsgs"));
    QCOMPARE(f.sessionsDir(), QStringLiteral("/data/root/sessions"));
    QCOMPARE(f.stateDir(), QStringLiteral("/data/root/.tsgdesk"));
    QCOMPARE(f.stagingDir(), QStringLiteral("/data/root/.tsgdesk/staging"));
    QCOMPARE(f.trashDir(), QStringLiteral("/data/root/.tsgdesk/trash"));
    QCOMPARE(f.lockFile(), QStringLiteral("/data/root/.tsgdesk/tsgdesk.lock"));
    QCOMPARE(f.serverInfoFile(), QStringLiteral("/data/root/server.json"));
}

void TestDataFolder::createsTheLayout0700()
{
    UmaskScope umask(022);
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("parent/.codex"));
    auto opened = DataFolder::open(root);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    const DataFolder &f = *opened.value();
    for (const QString &d : {f.root(), f.tsgsDir(), f.sessionsDir(), f.stateDir(), f.stagingDir(), f.trashDir()}) {
        QVERIFY2(QFileInfo(d).isDir(), qPrintable(d));
        QCOMPARE(modeOf(d), 0700);
    }
    QVERIFY(QFile::exists(f.lockFile()));
    QVERIFY(!QFile::exists(f.configFile())); // the config is written only when something is saved
    // ensureLayout again: nothing to do, still fine.
    QVERIFY(f.ensureLayout().ok());
}

void TestDataFolder::keepsExistingFoldersAsTheyAre()
{
    UmaskScope umask(022);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("tsgs")));
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
    QCOMPARE(::chmod(QFile::encodeName(dir.filePath(QStringLiteral("tsgs"))).constData(), 0755), 0);
    const DataFolder f(dir.path());
    QVERIFY(f.ensureLayout().ok());
    QCOMPARE(modeOf(dir.path()), 0750); // the user's folder is not ours to change
    QCOMPARE(modeOf(f.tsgsDir()), 0755);
    QCOMPARE(modeOf(f.sessionsDir()), 0700); // the ones we made are private
}

void TestDataFolder::refusesSymlinkedLayoutFolders()
{
    QTemporaryDir dir, elsewhere;
    QVERIFY(QFile::link(elsewhere.path(), dir.filePath(QStringLiteral("sessions"))));
    const auto r = DataFolder::open(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Io);
    QVERIFY2(r.error().message.contains(u"symbolic link"), qPrintable(r.errorMessage()));
    QVERIFY(QDir(elsewhere.path()).isEmpty());

    // The root itself may be a link (a data folder kept on another disk).
    QTemporaryDir real, links;
    const QString linkedRoot = links.filePath(QStringLiteral("codex"));
    QVERIFY(QFile::link(real.path(), linkedRoot));
    auto opened = DataFolder::open(linkedRoot);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    QVERIFY(QFileInfo(real.filePath(QStringLiteral("tsgs"))).isDir());
}

void TestDataFolder::refusesAFileInTheWay()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("tsgs")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const auto r = DataFolder::open(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Io);
    QVERIFY2(r.error().message.contains(dir.filePath(QStringLiteral("tsgs"))), qPrintable(r.errorMessage()));
}

void TestDataFolder::secondOpenIsBusy()
{
    QTemporaryDir dir;
    auto first = DataFolder::open(dir.path());
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    const auto second = DataFolder::open(dir.path());
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind, ErrorKind::Busy);
    const QString message = second.error().message;
    QVERIFY2(message.contains(dir.path()), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())), qPrintable(message));
    QVERIFY2(message.contains(u"in use"), qPrintable(message));
    // The same folder reached by another spelling is the same lock.
    const auto third = DataFolder::open(dir.path() + QStringLiteral("/./"));
    QVERIFY(!third.ok());
    QCOMPARE(third.error().kind, ErrorKind::Busy);
}

void TestDataFolder::lockIsReleasedOnDestruction()
{
    QTemporaryDir dir;
    {
        auto first = DataFolder::open(dir.path());
        QVERIFY(first.ok());
        QVERIFY(!DataFolder::open(dir.path()).ok());
    }
    auto again = DataFolder::open(dir.path());
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    // A layout-only DataFolder takes no lock.
    const DataFolder plain(dir.path());
    QVERIFY(plain.ensureLayout().ok());
}

void TestDataFolder::staleLockOfADeadProcessIsTakenOver()
{
    QTemporaryDir dir;
    const DataFolder layout(dir.path());
    QVERIFY(layout.ensureLayout().ok());
    // A pid that belonged to a process that has exited.
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QFile lock(layout.lockFile());
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write(QByteArray::number(qint64(child)) + '\n' + QCoreApplication::applicationName().toUtf8() + '\n'
               + QSysInfo::machineHostName().toUtf8() + '\n');
    lock.close();
    auto opened = DataFolder::open(dir.path());
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    QVERIFY(!DataFolder::open(dir.path()).ok()); // and it is ours now
}

QTEST_GUILESS_MAIN(TestDataFolder)
#include "tst_datafolder.moc"
