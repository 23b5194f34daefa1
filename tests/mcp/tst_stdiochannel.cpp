// The stdio transport reads one message per line from a pipe, however the bytes arrive: lines split over writes,
// CRLF, a last line without its newline, a line over the limit (reported, then the next line reads on); and it ends
// when the writer closes the pipe.
#include "stdiochannel.h"

#include <QTest>

#include <csignal>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace tsg;

class TestStdioChannel : public QObject {
    Q_OBJECT
private slots:
    void readsLinesHoweverTheyArrive();
    void tooLongLineIsReportedAndSkipped();
    void writesOneLinePerMessage();
};

namespace {

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() { QVERIFY(::pipe2(fds, O_CLOEXEC) == 0); }
    ~Pipe()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    // Blocking: returns once all of `bytes` is in the pipe (any thread may call it).
    bool write(const QByteArray &bytes)
    {
        return ::write(fds[1], bytes.constData(), size_t(bytes.size())) == bytes.size();
    }
    void closeWriter()
    {
        ::close(fds[1]);
        fds[1] = -1;
    }
};

} // namespace

void TestStdioChannel::readsLinesHoweverTheyArrive()
{
    Pipe in;
    StdioChannel channel(in.fds[0], -1);
    QVERIFY(in.write("{\"a\":"));
    QVERIFY(in.write("1}\n{\"b\":2}\r\n\n{\"c\""));
    QVERIFY(in.write(":3}"));
    in.closeWriter();
    QCOMPARE(channel.readLine(), std::optional<QByteArray>("{\"a\":1}"));
    QCOMPARE(channel.readLine(), std::optional<QByteArray>("{\"b\":2}"));
    QCOMPARE(channel.readLine(), std::optional<QByteArray>(""));
    QCOMPARE(channel.readLine(), std::optional<QByteArray>("{\"c\":3}"));
    QCOMPARE(channel.readLine(), std::nullopt);
    QCOMPARE(channel.readLine(), std::nullopt);
}

void TestStdioChannel::tooLongLineIsReportedAndSkipped()
{
    Pipe in;
    StdioChannel channel(in.fds[0], -1);
    // The writer runs on its own thread: a pipe holds 64 KiB, the line is over 64 MiB.
    std::thread writer([&in] {
        const QByteArray chunk(1 << 20, 'x');
        for (qsizetype written = 0; written <= StdioChannel::kMaxLine; written += chunk.size())
            (void)in.write(chunk); // a failure shows as the wrong lines below
        (void)in.write("\n{\"next\":1}\n");
        in.closeWriter();
    });
    QCOMPARE(channel.readLine(), std::optional<QByteArray>(StdioChannel::tooLong()));
    QCOMPARE(channel.readLine(), std::optional<QByteArray>("{\"next\":1}"));
    QCOMPARE(channel.readLine(), std::nullopt);
    writer.join();
}

void TestStdioChannel::writesOneLinePerMessage()
{
    Pipe out;
    StdioChannel channel(-1, out.fds[1]);
    QVERIFY(channel.write("{\"id\":1}"));
    QVERIFY(channel.write("{\"id\":2}"));
    out.closeWriter();
    QByteArray all(64, '\0');
    const ssize_t n = ::read(out.fds[0], all.data(), size_t(all.size()));
    QCOMPARE(all.left(n), QByteArray("{\"id\":1}\n{\"id\":2}\n"));

    Pipe closed;
    ::close(closed.fds[0]);
    closed.fds[0] = -1;
    StdioChannel broken(-1, closed.fds[1]);
    QVERIFY(!broken.write("{}")); // the reader went away (SIGPIPE is ignored by the test's main)
}

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    TestStdioChannel test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_stdiochannel.moc"
