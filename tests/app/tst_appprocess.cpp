// The README's claims about running tsgdesk, checked on the real binary in its own process: Ctrl+C
// (SIGINT) and SIGTERM stop the headless server cleanly; with no display it falls back to headless;
// --minimized starts in the tray when there is one (under an Xvfb of its own with a tray selection
// owner) and opens the window when there is none; a second launch brings the first window to the
// front and exits 0; a second headless server on the same folder is refused.
#include "privatesessionbus.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <cstring>

#ifdef TSGDESK_TEST_XCB
#include <xcb/xcb.h>
#endif

namespace {

const QString binary = QStringLiteral(TSGDESK_BINARY);
constexpr int startTimeoutMs = 30000;

// One tsgdesk process; everything it prints is kept.
class App {
public:
    explicit App(const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput,
                         [this] { m_out += m_process.readAllStandardOutput(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += m_process.readAllStandardError(); });
    }
    ~App()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    void start(const QStringList &args) { m_process.start(binary, args); }
    bool waitForOut(const QString &text, int timeoutMs = startTimeoutMs)
    {
        return QTest::qWaitFor([&] { return out().contains(text) || m_process.state() == QProcess::NotRunning; },
                               timeoutMs)
            && out().contains(text);
    }
    bool waitForErr(const QString &text, int timeoutMs = startTimeoutMs)
    {
        return QTest::qWaitFor([&] { return err().contains(text) || m_process.state() == QProcess::NotRunning; },
                               timeoutMs)
            && err().contains(text);
    }
    bool signal(int sig) { return ::kill(pid_t(m_process.processId()), sig) == 0; }
    // Waits for the exit (the event loop keeps running, so the output is collected to the end).
    bool finished(int timeoutMs = startTimeoutMs)
    {
        return QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    }
    QString out() const { return QString::fromLocal8Bit(m_out); }
    QString err() const { return QString::fromLocal8Bit(m_err); }
    // The output, and while the app still runs its threads' states, so that a failure tells a hang from a slow start.
    QString both() const
    {
        const QString threads = threadStates();
        return QStringLiteral("stdout: %1\nstderr: %2").arg(out(), err())
            + (threads.isEmpty() ? QString() : QStringLiteral("\nthreads (name, state, kernel wait):\n") + threads);
    }
    // One line per thread of the running app: its name, its state (R running, S sleeping, D in I/O, …) and where
    // the kernel holds it. Empty once it has exited.
    QString threadStates() const
    {
        if (m_process.state() == QProcess::NotRunning)
            return {};
        const QString tasks = QStringLiteral("/proc/%1/task/").arg(m_process.processId());
        auto read = [&](const QString &tid, const char *name) {
            QFile f(tasks + tid + u'/' + QLatin1String(name));
            return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()).trimmed() : QString();
        };
        QStringList lines;
        for (const QString &tid : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString stat = read(tid, "stat");
            const qsizetype close = stat.lastIndexOf(u')');
            lines << QStringLiteral("  %1 %2 %3")
                         .arg(read(tid, "comm"), close < 0 ? QString() : stat.mid(close + 2, 1), read(tid, "wchan"));
        }
        return lines.join(u'\n');
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_out, m_err;
};

// The environment of a user's session on the given display platform, with no settings of the user's
// own (window geometry goes to a scratch folder) and the window's own log lines on.
QProcessEnvironment sessionEnv(const QString &configHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "CODEX_HOME", "DBUS_SESSION_BUS_ADDRESS"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tsgdesk.*.debug=false\ntsgdesk.desktop.info=true"));
    return env;
}

const QString readyLine = QStringLiteral("tsgdesk listening on ws://127.0.0.1:");

#ifdef TSGDESK_TEST_XCB
// An X server of the test's own, and a stand-in for a tray: the owner of _NET_SYSTEM_TRAY_S0, which is
// how Qt finds a system tray on X11 (it never docks anything here; the icon's window stays unmapped).
class XDisplayWithTray {
public:
    ~XDisplayWithTray()
    {
        if (m_conn)
            xcb_disconnect(m_conn);
        if (m_xvfb.state() != QProcess::NotRunning) {
            m_xvfb.terminate();
            m_xvfb.waitForFinished(5000);
        }
    }
    // Empty on success, else what went wrong.
    QString start()
    {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
        if (xvfb.isEmpty())
            return QStringLiteral("Xvfb is not installed (Debian package xvfb; packaging/install-deps.sh installs it)");
        m_xvfb.start(xvfb,
                     {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"), QStringLiteral("0"),
                      QStringLiteral("1024x768x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
        QByteArray number;
        if (!QTest::qWaitFor(
                [&] {
                    number += m_xvfb.readAllStandardOutput();
                    return number.contains('\n') || m_xvfb.state() == QProcess::NotRunning;
                },
                20000)
            || !number.contains('\n'))
            return QStringLiteral("Xvfb did not start: %1").arg(QString::fromLocal8Bit(m_xvfb.readAllStandardError()));
        m_display = u':' + QString::fromLatin1(number.trimmed());
        int screenNumber = 0;
        m_conn = xcb_connect(m_display.toLatin1().constData(), &screenNumber);
        if (xcb_connection_has_error(m_conn))
            return QStringLiteral("cannot connect to Xvfb on %1").arg(m_display);
        m_root = xcb_setup_roots_iterator(xcb_get_setup(m_conn)).data->root;
        const xcb_window_t owner = xcb_generate_id(m_conn);
        xcb_create_window(m_conn, XCB_COPY_FROM_PARENT, owner, m_root, 0, 0, 1, 1, 0, XCB_WINDOW_CLASS_INPUT_ONLY,
                          XCB_COPY_FROM_PARENT, 0, nullptr);
        const xcb_atom_t tray = atom("_NET_SYSTEM_TRAY_S0");
        xcb_set_selection_owner(m_conn, owner, tray, XCB_CURRENT_TIME);
        xcb_get_selection_owner_reply_t *reply =
            xcb_get_selection_owner_reply(m_conn, xcb_get_selection_owner(m_conn, tray), nullptr);
        const bool owned = reply && reply->owner == owner;
        free(reply);
        return owned ? QString() : QStringLiteral("could not take the tray selection");
    }
    QString display() const { return m_display; }
    // Whether a top-level window whose title contains `title` is mapped and viewable, asked of the X server itself
    // (the window's title also names the active TSG and a data folder other than the default).
    bool viewableWindowTitled(const QByteArray &title)
    {
        xcb_query_tree_reply_t *tree = xcb_query_tree_reply(m_conn, xcb_query_tree(m_conn, m_root), nullptr);
        if (!tree)
            return false;
        bool found = false;
        const xcb_window_t *children = xcb_query_tree_children(tree);
        for (int i = 0; i < xcb_query_tree_children_length(tree) && !found; ++i) {
            xcb_get_window_attributes_reply_t *attrs =
                xcb_get_window_attributes_reply(m_conn, xcb_get_window_attributes(m_conn, children[i]), nullptr);
            const bool viewable = attrs && attrs->map_state == XCB_MAP_STATE_VIEWABLE;
            free(attrs);
            if (!viewable)
                continue;
            xcb_get_property_reply_t *name =
                xcb_get_property_reply(m_conn,
                                       xcb_get_property(m_conn, 0, children[i], XCB_ATOM_WM_NAME,
                                                        XCB_GET_PROPERTY_TYPE_ANY, 0, 256),
                                       nullptr);
            if (name)
                found = QByteArray(static_cast<const char *>(xcb_get_property_value(name)),
                                   xcb_get_property_value_length(name))
                            .contains(title);
            free(name);
        }
        free(tree);
        return found;
    }

private:
    xcb_atom_t atom(const char *name)
    {
        xcb_intern_atom_reply_t *r =
            xcb_intern_atom_reply(m_conn, xcb_intern_atom(m_conn, 0, uint16_t(strlen(name)), name), nullptr);
        const xcb_atom_t a = r ? r->atom : xcb_atom_t(XCB_ATOM_NONE);
        free(r);
        return a;
    }
    QProcess m_xvfb;
    QString m_display;
    xcb_connection_t *m_conn = nullptr;
    xcb_window_t m_root = 0;
};
#endif

} // namespace

class TestAppProcess : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY2(QFile::exists(binary), qPrintable(binary)); }
    void signalStopsTheHeadlessServerCleanly_data();
    void signalStopsTheHeadlessServerCleanly();
    void noDisplayFallsBackToHeadless();
    void secondHeadlessServerIsRefused();
    void secondLaunchBringsTheFirstToTheFront();
    void minimizedWithoutTrayOpensTheWindow();
    void minimizedWithTrayStartsHiddenUntilASecondLaunch();

private:
    QTemporaryDir m_config;
};

void TestAppProcess::signalStopsTheHeadlessServerCleanly_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("Ctrl+C (SIGINT)") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestAppProcess::signalStopsTheHeadlessServerCleanly()
{
    QFETCH(int, sig);
    QTemporaryDir data;
    QProcessEnvironment env = sessionEnv(m_config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    App app(env);
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(app.waitForOut(readyLine), qPrintable(app.both()));
    const QString serverJson = data.filePath(QStringLiteral("server.json"));
    const QString lock = data.filePath(QStringLiteral(".tsgdesk/tsgdesk.lock"));
    QVERIFY(QFile::exists(serverJson));
    QVERIFY(QFile::exists(lock));
    QVERIFY(app.signal(sig));
    QVERIFY2(app.finished(), qPrintable(app.both()));
    QCOMPARE(app.process().exitStatus(), QProcess::NormalExit); // not killed by the signal
    QCOMPARE(app.process().exitCode(), 0);
    QVERIFY2(!QFile::exists(serverJson), "server.json left behind");
    QVERIFY2(!QFile::exists(lock), "the data folder's lock left behind");
}

void TestAppProcess::noDisplayFallsBackToHeadless()
{
    QTemporaryDir data;
    App app(sessionEnv(m_config.path())); // neither QT_QPA_PLATFORM nor DISPLAY nor WAYLAND_DISPLAY
    app.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(app.waitForOut(readyLine), qPrintable(app.both()));
    QVERIFY2(app.err().contains(u"no display (neither DISPLAY nor WAYLAND_DISPLAY is set): running headless"),
             qPrintable(app.both()));
    QVERIFY(QFile::exists(data.filePath(QStringLiteral("server.json"))));
    QVERIFY(app.signal(SIGTERM));
    QVERIFY2(app.finished(), qPrintable(app.both()));
    QCOMPARE(app.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process().exitCode(), 0);
    QVERIFY2(!app.err().contains(u"tsgdesk.desktop"), qPrintable(app.both())); // no window was made
}

void TestAppProcess::secondHeadlessServerIsRefused()
{
    QTemporaryDir data;
    QProcessEnvironment env = sessionEnv(m_config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QStringList args{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                           QStringLiteral("--data-dir"), data.path()};
    App first(env);
    first.start(args);
    QVERIFY2(first.waitForOut(readyLine), qPrintable(first.both()));
    const QByteArray serverJson = [&] {
        QFile f(data.filePath(QStringLiteral("server.json")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(!serverJson.isEmpty());

    App second(env);
    second.start(args);
    QVERIFY2(second.finished(), qPrintable(second.both()));
    QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.process().exitCode(), 3); // the man page's "data folder in use"
    QVERIFY2(second.err().contains(
                 QStringLiteral("is in use by another TSG Desk (pid %1").arg(first.process().processId())),
             qPrintable(second.both()));
    QVERIFY2(!second.out().contains(readyLine), qPrintable(second.both()));
    // The first is untouched: still running, its server.json as it was.
    QCOMPARE(first.process().state(), QProcess::Running);
    QFile f(data.filePath(QStringLiteral("server.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), serverJson);
    QVERIFY(first.signal(SIGTERM));
    QVERIFY(first.finished());
    QCOMPARE(first.process().exitCode(), 0);
}

void TestAppProcess::secondLaunchBringsTheFirstToTheFront()
{
    QTemporaryDir data;
    QProcessEnvironment env = sessionEnv(m_config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QStringList args{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data.path()};
    App first(env);
    first.start(args);
    QVERIFY2(first.waitForErr(QStringLiteral("window shown at start")), qPrintable(first.both()));
    QVERIFY(!first.err().contains(u"a second launch"));

    App second(env);
    second.start(args);
    QVERIFY2(second.finished(), qPrintable(second.both()));
    QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.process().exitCode(), 0);
    QVERIFY2(second.err().contains(
                 QStringLiteral("already running on %1; brought its window to the front").arg(data.path())),
             qPrintable(second.both()));
    QVERIFY2(!second.out().contains(readyLine), qPrintable(second.both())); // no second server
    QVERIFY2(first.waitForErr(QStringLiteral("a second launch asked for the window: shown")), qPrintable(first.both()));

    QVERIFY(first.signal(SIGTERM));
    QVERIFY(first.finished());
    QCOMPARE(first.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.process().exitCode(), 0);
    QVERIFY(!QFile::exists(data.filePath(QStringLiteral("server.json"))));
}

void TestAppProcess::minimizedWithoutTrayOpensTheWindow()
{
    // Offscreen has no system tray: hiding the window would leave the user no way to reach it.
    QTemporaryDir data;
    QProcessEnvironment env = sessionEnv(m_config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    App app(env);
    app.start({QStringLiteral("--minimized"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(app.waitForErr(QStringLiteral("window shown at start")), qPrintable(app.both()));
    QVERIFY2(!app.err().contains(u"started in the tray"), qPrintable(app.both()));
    // The ready line, without the token: in window mode the output may end up in a launcher's log.
    QVERIFY2(app.waitForOut(readyLine), qPrintable(app.both()));
    QVERIFY2(!app.out().contains(u"token") && !app.err().contains(u"token"), qPrintable(app.both()));
    QVERIFY(app.signal(SIGTERM));
    QVERIFY(app.finished());
    QCOMPARE(app.process().exitCode(), 0);
}

void TestAppProcess::minimizedWithTrayStartsHiddenUntilASecondLaunch()
{
#ifndef TSGDESK_TEST_XCB
    QFAIL("built without libxcb (libxcb1-dev): cannot stand in for a system tray");
#else
    XDisplayWithTray x;
    if (const QString problem = x.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
    // A desktop with a tray has a session bus. Without one, libdbus would autolaunch a bus for the X display: a
    // fork from a process with threads, which hung the sanitizer build's start in CI.
    testing::PrivateSessionBus bus;
    if (const QString problem = bus.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
    QTemporaryDir data;
    QProcessEnvironment env = sessionEnv(m_config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("DISPLAY"), x.display());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), bus.address());
    App first(env);
    first.start({QStringLiteral("--minimized"), QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(first.waitForErr(QStringLiteral("window hidden at start")), qPrintable(first.both()));
    QVERIFY2(first.err().contains(u"tsgdesk: started in the tray"), qPrintable(first.both()));
    QVERIFY2(first.out().contains(readyLine), qPrintable(first.both())); // the server runs meanwhile
    QVERIFY(!x.viewableWindowTitled("TSG Desk"));

    // A second launch: the window comes up, on the X server too.
    App second(env);
    second.start({QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(second.finished(), qPrintable(second.both()));
    QCOMPARE(second.process().exitCode(), 0);
    QVERIFY2(first.waitForErr(QStringLiteral("a second launch asked for the window: shown")), qPrintable(first.both()));
    QTRY_VERIFY_WITH_TIMEOUT(x.viewableWindowTitled("TSG Desk"), 10000);

    // With a tray, closing the window only hides it; SIGTERM still ends the process, cleanly.
    QVERIFY(first.signal(SIGTERM));
    QVERIFY2(first.finished(), qPrintable(first.both()));
    QCOMPARE(first.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(first.process().exitCode() == 0, qPrintable(first.both()));
    QVERIFY(!QFile::exists(data.filePath(QStringLiteral("server.json"))));
#endif
}

QTEST_GUILESS_MAIN(TestAppProcess)
#include "tst_appprocess.moc"
