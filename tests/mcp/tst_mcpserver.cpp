// McpServer line by line, on a data folder that does not exist: malformed JSON-RPC gets the right error codes and
// the server goes on; notifications and a client's replies get no reply; every tool answers an isError result
// rather than crashing; an unknown tool is a protocol error; and nothing is created on disk. On a library, every
// tool, resource and the prompt only read: the data folder is the same, entry for entry, after them.
#include "librarytools.h"
#include "libraryview.h"
#include "mcpserver.h"
#include "promptcatalog.h"
#include "resourcecatalog.h"
#include "toolregistry.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <utility>

using namespace tsg;

class TestMcpServer : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void malformedMessagesGetErrorsAndTheServerGoesOn_data();
    void malformedMessagesGetErrorsAndTheServerGoesOn();
    void notificationsAndRepliesGetNoReply();
    void everyToolFailsCleanlyOnAMissingLibrary();
    void unknownToolAndBadArgumentsAreProtocolErrors();
    void readingALibraryChangesNothingOnDisk();

private:
    QJsonObject ask(const QByteArray &line);
    QJsonObject call(const QString &tool, const QJsonObject &arguments);
    bool m_madeLibrary = false; // this test made m_root itself

    QTemporaryDir m_tmp;
    QString m_root; // never created
    std::unique_ptr<LibraryView> m_view;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<ResourceCatalog> m_resources;
    std::unique_ptr<PromptCatalog> m_prompts;
    std::unique_ptr<McpServer> m_server;
};

void TestMcpServer::init()
{
    m_root = m_tmp.filePath(QStringLiteral("no-library"));
    m_view = std::make_unique<LibraryView>(m_root);
    m_tools = std::make_unique<ToolRegistry>();
    LibraryTools::addTo(*m_tools, *m_view);
    m_resources = std::make_unique<ResourceCatalog>(*m_view);
    m_prompts = std::make_unique<PromptCatalog>(*m_view);
    m_server = std::make_unique<McpServer>(McpServer::Parts{.tools = *m_tools,
                                                            .resources = *m_resources,
                                                            .prompts = *m_prompts},
                                           QStringLiteral("1.0"));
}

void TestMcpServer::cleanup()
{
    m_server.reset();
    if (!std::exchange(m_madeLibrary, false))
        QVERIFY2(!QFileInfo::exists(m_root), "the server created the data folder");
}

QJsonObject TestMcpServer::ask(const QByteArray &line)
{
    const auto reply = m_server->handleLine(line);
    if (!reply)
        return {};
    return QJsonDocument::fromJson(*reply).object();
}

void TestMcpServer::malformedMessagesGetErrorsAndTheServerGoesOn_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("code");
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("not JSON") << QByteArray("{\"jsonrpc\":") << -32700 << QJsonValue(QJsonValue::Null);
    QTest::newRow("a batch") << QByteArray("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]") << -32600
                             << QJsonValue(QJsonValue::Null);
    QTest::newRow("no jsonrpc") << QByteArray("{\"id\":4,\"method\":\"ping\"}") << -32600 << QJsonValue(4);
    QTest::newRow("id null") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}") << -32600
                             << QJsonValue(QJsonValue::Null);
    QTest::newRow("method not a string") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":5}") << -32600
                                         << QJsonValue(QStringLiteral("x"));
    QTest::newRow("params an array") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":[]}")
                                     << -32602 << QJsonValue(6);
    QTest::newRow("unknown method") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/destroy\"}")
                                    << -32601 << QJsonValue(7);
    QTest::newRow("initialize without a version")
        << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"initialize\",\"params\":{}}") << -32602
        << QJsonValue(8);
    QTest::newRow("resources/read of another scheme")
        << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///etc/"
                      "passwd\"}}")
        << -32002 << QJsonValue(9);
}

void TestMcpServer::malformedMessagesGetErrorsAndTheServerGoesOn()
{
    QFETCH(QByteArray, line);
    QFETCH(int, code);
    QFETCH(QJsonValue, id);
    const QJsonObject reply = ask(line);
    QCOMPARE(reply.value(u"jsonrpc").toString(), QStringLiteral("2.0"));
    QCOMPARE(reply.value(u"id"), id);
    QCOMPARE(reply.value(u"error").toObject().value(u"code").toInt(), code);
    QVERIFY(!reply.value(u"error").toObject().value(u"message").toString().isEmpty());
    const QJsonObject ping = ask("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"ping\"}");
    QCOMPARE(ping.value(u"result").toObject(), QJsonObject());
}

void TestMcpServer::notificationsAndRepliesGetNoReply()
{
    QVERIFY(!m_server->handleLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
    QVERIFY(!m_server->handleLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{}}"));
    QVERIFY(!m_server->handleLine("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}"));
    QVERIFY(!m_server->handleLine("   "));
}

void TestMcpServer::everyToolFailsCleanlyOnAMissingLibrary()
{
    const QJsonObject listed = ask("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    const QJsonArray tools = listed.value(u"result").toObject().value(u"tools").toArray();
    QCOMPARE(tools.size(), 7);
    const QJsonObject arguments{{QStringLiteral("tsg"), QStringLiteral("vpn")},
                                {QStringLiteral("path"), QStringLiteral("README.md")},
                                {QStringLiteral("query"), QStringLiteral("tunnel")},
                                {QStringLiteral("name"), QStringLiteral("a.log")}};
    for (const QJsonValue &tool : tools) {
        const QString name = tool.toObject().value(u"name").toString();
        QJsonObject args;
        const QJsonObject properties = tool.toObject().value(u"inputSchema").toObject().value(u"properties").toObject();
        for (auto it = arguments.begin(); it != arguments.end(); ++it)
            if (properties.contains(it.key()))
                args.insert(it.key(), it.value());
        const QJsonObject call{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                               {QStringLiteral("id"), name},
                               {QStringLiteral("method"), QStringLiteral("tools/call")},
                               {QStringLiteral("params"),
                                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), args}}}};
        const QJsonObject result = ask(QJsonDocument(call).toJson(QJsonDocument::Compact)).value(u"result").toObject();
        QVERIFY2(!result.isEmpty(), qPrintable(name));
        const bool empty = name == u"list_tsgs" || name == u"get_active_tsg"; // an empty library, not an error
        QCOMPARE(result.value(u"isError").toBool(), !empty);
        QVERIFY(!result.value(u"content").toArray().first().toObject().value(u"text").toString().isEmpty());
    }
    const QJsonObject resources = ask("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}");
    QCOMPARE(resources.value(u"result").toObject().value(u"resources").toArray(), QJsonArray());
    const QJsonObject prompt =
        ask("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"troubleshoot\"}}");
    QVERIFY(
        prompt.value(u"error").toObject().value(u"message").toString().contains(QStringLiteral("No TSG is active")));
}

void TestMcpServer::unknownToolAndBadArgumentsAreProtocolErrors()
{
    const QJsonObject unknown = ask(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"rm_rf\",\"arguments\":{}}}");
    QCOMPARE(unknown.value(u"error").toObject().value(u"code").toInt(), -32602);
    const QJsonObject notObject = ask(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":[]}}");
    QCOMPARE(notObject.value(u"error").toObject().value(u"code").toInt(), -32602);
    // Arguments the schema refuses are a tool error the model can read and correct.
    const QJsonObject refused = ask("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                                    "\"search\",\"arguments\":{\"query\":\"x\",\"limit\":500}}}");
    QCOMPARE(refused.value(u"result").toObject().value(u"isError").toBool(), true);
    QVERIFY(QJsonDocument(refused).toJson().contains("limit must be at most 50"));
    // A line number past int is refused by the schema, not wrapped to a negative one.
    const QJsonObject huge =
        ask("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
            "\"read_file\",\"arguments\":{\"tsg\":\"vpn\",\"path\":\"a.log\",\"line\":3000000000}}}");
    QVERIFY(QJsonDocument(huge).toJson().contains("line must be at most 2147483647"));
}

QJsonObject TestMcpServer::call(const QString &tool, const QJsonObject &arguments)
{
    const QJsonObject request{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                              {QStringLiteral("id"), tool},
                              {QStringLiteral("method"), QStringLiteral("tools/call")},
                              {QStringLiteral("params"),
                               QJsonObject{{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}}}};
    return ask(QJsonDocument(request).toJson(QJsonDocument::Compact)).value(u"result").toObject();
}

namespace {

// Every entry under `root`: its path, type, size and modification time to the nanosecond.
QStringList snapshot(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue;
        out << QStringLiteral("%1 %2 %3 %4.%5")
                   .arg(path.mid(root.size()))
                   .arg(st.st_mode, 0, 8)
                   .arg(st.st_size)
                   .arg(st.st_mtim.tv_sec)
                   .arg(st.st_mtim.tv_nsec);
    }
    out.sort();
    return out;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

// An agent only reads. One session here lost its files folder (removed by hand): reading it must not make it again.
void TestMcpServer::readingALibraryChangesNothingOnDisk()
{
    m_madeLibrary = true;
    const QByteArray meta = R"({"sessionId":"%1","activeTSG":null,"uploadedFiles":[],)"
                            R"("sessionMetadata":{"createdAt":"2026-12-01T10:00:00.000Z",)"
                            R"("lastActivity":"2026-12-01T11:00:00.000Z","fileUploadCount":1}})";
    QVERIFY(write(m_root + QStringLiteral("/tsgs/vpn/README.md"), "# VPN\nReset the tunnel.\n"));
    QVERIFY(write(m_root + QStringLiteral("/tsgs/vpn/logs/client.log"), "10:02 ERR_TUNNEL_TIMEOUT\n"));
    QVERIFY(
        write(m_root + QStringLiteral("/sessions/case-41/.session.json"), QByteArray(meta).replace("%1", "case-41")));
    QVERIFY(
        write(m_root + QStringLiteral("/sessions/case-42/.session.json"), QByteArray(meta).replace("%1", "case-42")));
    QVERIFY(write(m_root + QStringLiteral("/sessions/case-42/files/customer.log"), "10:02 tunnel down\n"));
    const QStringList before = snapshot(m_root);
    QVERIFY(before.size() >= 9);

    const QJsonObject gone = call(QStringLiteral("list_session_files"), {{QStringLiteral("session"), u"case-41"_qs}});
    QVERIFY2(!gone.value(u"isError").toBool(), QJsonDocument(gone).toJson().constData());
    const QJsonObject kept = call(QStringLiteral("list_session_files"), {{QStringLiteral("session"), u"case-42"_qs}});
    QVERIFY2(QJsonDocument(kept).toJson().contains("customer.log"), QJsonDocument(kept).toJson().constData());
    const QJsonObject read =
        call(QStringLiteral("read_session_file"),
             {{QStringLiteral("session"), u"case-42"_qs}, {QStringLiteral("name"), u"customer.log"_qs}});
    QVERIFY2(QJsonDocument(read).toJson().contains("tunnel down"), QJsonDocument(read).toJson().constData());
    QVERIFY(call(QStringLiteral("read_session_file"),
                 {{QStringLiteral("session"), u"case-41"_qs}, {QStringLiteral("name"), u"customer.log"_qs}})
                .value(u"isError")
                .toBool());
    (void)call(QStringLiteral("list_session_files"), {});
    QVERIFY(!call(QStringLiteral("list_tsgs"), {}).value(u"isError").toBool());
    (void)call(QStringLiteral("get_active_tsg"), {});
    QVERIFY(!call(QStringLiteral("list_files"), {{QStringLiteral("tsg"), u"vpn"_qs}}).value(u"isError").toBool());
    const QJsonObject readme = call(QStringLiteral("read_file"),
                                    {{QStringLiteral("tsg"), u"vpn"_qs}, {QStringLiteral("path"), u"README.md"_qs}});
    QVERIFY2(QJsonDocument(readme).toJson().contains("Reset the tunnel"), QJsonDocument(readme).toJson().constData());
    (void)call(QStringLiteral("search"), {{QStringLiteral("query"), u"tunnel"_qs}}); // no index: an error, no file
    (void)ask("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/list\"}");
    (void)ask("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/read\",\"params\":{\"uri\":"
              "\"tsg://vpn/README.md\"}}");
    (void)ask("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"prompts/get\",\"params\":{\"name\":\"troubleshoot\"}}");

    QCOMPARE(snapshot(m_root), before);
}

QTEST_GUILESS_MAIN(TestMcpServer)
#include "tst_mcpserver.moc"
