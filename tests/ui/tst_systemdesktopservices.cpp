// The real desktop services against a real D-Bus (a private dbus-daemon with no service files, so nothing can
// be launched): Show in folder calls org.freedesktop.FileManager1.ShowItems with the file's URI, and opens the
// containing folder instead when no file manager is on the bus, when it refuses, or when there is no bus; Open
// hands the file's URL over; Copy path reaches the clipboard. What would be opened is recorded, not opened.
#include "systemdesktopservices.h"

#include "privatesessionbus.h"

#include <QClipboard>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusContext>
#include <QDBusError>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <optional>

using namespace tsg;

namespace {

// What a file manager offers on the session bus, recording the calls.
class FakeFileManager : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")
public:
    QList<QStringList> calls;
    bool refuse = false;

public slots:
    void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId)
        calls << uris;
        if (refuse)
            sendErrorReply(QDBusError::AccessDenied, QStringLiteral("not today"));
    }
};

struct Recorder {
    QList<QUrl> opened;
    bool canOpen = true;
    std::function<bool(const QUrl &)> fn()
    {
        return [this](const QUrl &url) {
            opened << url;
            return canOpen;
        };
    }
};

} // namespace

class TestSystemDesktopServices : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup(); // a failed test leaves no file manager on the bus for the next
    void showItemsThroughTheFileManager();
    void opensTheFolderWhenNoFileManagerIsOnTheBus();
    void opensTheFolderWhenTheFileManagerRefuses();
    void opensTheFolderWithoutABus();
    void openAndCopy();

private:
    // Waits for showInFolder's answer.
    static std::optional<bool> show(SystemDesktopServices &services, const QString &path);

    testing::PrivateSessionBus m_bus;
    QString m_address;
};

void TestSystemDesktopServices::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (const QString problem = m_bus.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
    m_address = m_bus.address();
}

void TestSystemDesktopServices::cleanup()
{
    for (const char *name : {"client1", "manager1", "client2", "client3", "manager3"})
        QDBusConnection::disconnectFromBus(QString::fromLatin1(name));
}

std::optional<bool> TestSystemDesktopServices::show(SystemDesktopServices &services, const QString &path)
{
    std::optional<bool> answer;
    services.showInFolder(path, [&answer](bool shown) { answer = shown; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000))
        return std::nullopt;
    return answer;
}

void TestSystemDesktopServices::showItemsThroughTheFileManager()
{
    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("client1"));
    QDBusConnection manager = QDBusConnection::connectToBus(m_address, QStringLiteral("manager1"));
    QVERIFY(client.isConnected() && manager.isConnected());
    FakeFileManager fake;
    QVERIFY(manager.registerObject(QStringLiteral("/org/freedesktop/FileManager1"), &fake,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(manager.registerService(QStringLiteral("org.freedesktop.FileManager1")));
    Recorder recorder;
    SystemDesktopServices services(client, recorder.fn());

    const QString path = QStringLiteral("/data/tsgs/VPN drops/logs/vpn agent.log");
    QCOMPARE(show(services, path), std::optional<bool>(true));
    QCOMPARE(fake.calls.size(), 1);
    QCOMPARE(fake.calls.first(), QStringList{QStringLiteral("file:///data/tsgs/VPN%20drops/logs/vpn%20agent.log")});
    QVERIFY(recorder.opened.isEmpty()); // no fallback
}

void TestSystemDesktopServices::opensTheFolderWhenNoFileManagerIsOnTheBus()
{
    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("client2"));
    QVERIFY(client.isConnected());
    QVERIFY(!client.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.FileManager1")).value());
    Recorder recorder;
    SystemDesktopServices services(client, recorder.fn());
    QCOMPARE(show(services, QStringLiteral("/data/tsgs/VPN drops/README.md")), std::optional<bool>(true));
    QCOMPARE(recorder.opened, QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/data/tsgs/VPN drops"))});
    // Nothing opens the folder either: the answer says so.
    recorder.canOpen = false;
    QCOMPARE(show(services, QStringLiteral("/data/tsgs/VPN drops/README.md")), std::optional<bool>(false));
}

void TestSystemDesktopServices::opensTheFolderWhenTheFileManagerRefuses()
{
    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("client3"));
    QDBusConnection manager = QDBusConnection::connectToBus(m_address, QStringLiteral("manager3"));
    FakeFileManager fake;
    fake.refuse = true;
    QVERIFY(manager.registerObject(QStringLiteral("/org/freedesktop/FileManager1"), &fake,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(manager.registerService(QStringLiteral("org.freedesktop.FileManager1")));
    Recorder recorder;
    SystemDesktopServices services(client, recorder.fn());
    QCOMPARE(show(services, QStringLiteral("/data/a/b.md")), std::optional<bool>(true));
    QCOMPARE(fake.calls.size(), 1);
    QCOMPARE(recorder.opened, QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/data/a"))});
}

void TestSystemDesktopServices::opensTheFolderWithoutABus()
{
    QDBusConnection none(QStringLiteral("never connected"));
    QVERIFY(!none.isConnected());
    Recorder recorder;
    SystemDesktopServices services(none, recorder.fn());
    QCOMPARE(show(services, QStringLiteral("/data/a/b.md")), std::optional<bool>(true));
    QCOMPARE(recorder.opened, QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/data/a"))});
}

void TestSystemDesktopServices::openAndCopy()
{
    Recorder recorder;
    SystemDesktopServices services(QDBusConnection(QStringLiteral("never connected")), recorder.fn());
    QVERIFY(services.openPath(QStringLiteral("/data/tsgs/x/notes #1.md")));
    QCOMPARE(recorder.opened, QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/data/tsgs/x/notes #1.md"))});
    QCOMPARE(recorder.opened.first().toLocalFile(), QStringLiteral("/data/tsgs/x/notes #1.md"));
    recorder.canOpen = false;
    QVERIFY(!services.openPath(QStringLiteral("/data/y")));
    services.copyText(QStringLiteral("/data/tsgs/x/notes #1.md"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/data/tsgs/x/notes #1.md"));
}

QTEST_MAIN(TestSystemDesktopServices)
#include "tst_systemdesktopservices.moc"
