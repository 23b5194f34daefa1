// config.json is shared with codex-cli: foreign keys survive our writes, an edit made meanwhile is
// kept, a broken file is never overwritten, bad values fall back to defaults with a warning.
#include "testlibrary.h"

#include "configstore.h"

#include <QtConcurrent/QtConcurrentRun>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <sys/stat.h>

using namespace testing;
using namespace tsg;

class TestConfigStore : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreTheSeeds();
    void roundTrip();
    void roundTripOfEveryDeskSetting();
    void foreignKeysSurvive();
    void everyForeignValueSurvivesInMeaning();
    void editMadeMeanwhileIsKept();
    void concurrentUpdatesLoseNothing();
    void brokenFileIsNeverOverwritten();
    void brokenFile_data();
    void brokenFile();
    void emptyFileIsAnEmptyConfig();
    void badValuesFallBackWithWarnings();
    void outOfRangeValues_data();
    void outOfRangeValues();
    void allowedFileTypesAreLowerCased();
    void anExistingListOfTypesIsKept();
    void fromJsonReportsParseErrors();
    void writesAtomicallyWithPrivateMode();
    void keepsTheModeOfAnExistingFile();
};

namespace {

// Our keys, removed from a config object so what is left is everything we do not own.
QJsonObject withoutOurKeys(QJsonObject o)
{
    o.remove(u"activeTSG");
    const auto strip = [&o](const QString &section, const QStringList &keys) {
        if (!o.value(section).isObject())
            return;
        QJsonObject inner = o.value(section).toObject();
        for (const QString &k : keys)
            inner.remove(k);
        o.insert(section, inner);
    };
    strip(QStringLiteral("tsgSettings"),
          {QStringLiteral("maxUploadSize"), QStringLiteral("allowedFileTypes"), QStringLiteral("autoCleanupEnabled"),
           QStringLiteral("cleanupAgeHours")});
    strip(QStringLiteral("sessionSettings"),
          {QStringLiteral("maxUploadSize"), QStringLiteral("sessionTimeout"), QStringLiteral("maxFilesPerSession")});
    strip(QStringLiteral("tsgDesk"),
          {QStringLiteral("listenAddress"), QStringLiteral("port"), QStringLiteral("allowedOrigins"),
           QStringLiteral("cleanupIntervalMinutes"), QStringLiteral("uploadExpiryHours"),
           QStringLiteral("maxOpenUploads"), QStringLiteral("maxStagedMb"), QStringLiteral("notifyUploads"),
           QStringLiteral("notifyCleanup"), QStringLiteral("startWithSession"), QStringLiteral("recentTsgs")});
    return o;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

void TestConfigStore::defaultsAreTheSeeds()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    const Config &c = loaded.value().config;
    QCOMPARE(c.tsg.maxUploadSize, 100);
    // The design document's 14 types come first and all stay; what analysts collect follows (issue 16).
    const QStringList design = {u".md"_qs,  u".txt"_qs, u".log"_qs,  u".json"_qs, u".yaml"_qs,
                                u".yml"_qs, u".png"_qs, u".jpg"_qs,  u".jpeg"_qs, u".gif"_qs,
                                u".svg"_qs, u".pdf"_qs, u".docx"_qs, u".xlsx"_qs};
    QCOMPARE(c.tsg.allowedFileTypes.mid(0, design.size()), design);
    for (const char *type :
         {".csv", ".tsv",  ".json", ".jsonl", ".yaml", ".yml", ".xml",   ".html", ".har", ".pcap", ".pcapng", ".evtx",
          ".etl", ".conf", ".ini",  ".cfg",   ".out",  ".err", ".trace", ".zip",  ".gz",  ".tar",  ".7z"})
        QVERIFY2(c.tsg.allowedFileTypes.contains(QString::fromLatin1(type)), type);
    QCOMPARE(QStringList(c.tsg.allowedFileTypes).removeDuplicates(), 0);
    QCOMPARE(c.tsg.autoCleanupEnabled, true);
    QCOMPARE(c.tsg.cleanupAgeHours, 168);
    QCOMPARE(c.session.maxUploadSize, 50);
    QCOMPARE(c.session.sessionTimeout, 24);
    QCOMPARE(c.session.maxFilesPerSession, 100);
    QCOMPARE(c.activeTsg, std::nullopt);
    QVERIFY(!QFile::exists(store.path())); // reading creates nothing
}

void TestConfigStore::roundTrip()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    const auto saved = store.update([](Config &c) {
        c.activeTsg = QStringLiteral("net-outage");
        c.tsg.maxUploadSize = 250;
        c.session.maxFilesPerSession = 7;
        c.desk.port = 9999;
    });
    QVERIFY(saved.ok());
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().config, saved.value());
    QVERIFY(loaded.value().warnings.isEmpty());
    const QJsonObject o = QJsonDocument::fromJson(readAll(store.path())).object();
    QCOMPARE(o.value(u"activeTSG").toString(), QStringLiteral("net-outage"));
    QCOMPARE(o.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 250);
}

void TestConfigStore::roundTripOfEveryDeskSetting()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    Config wanted;
    wanted.activeTsg = QStringLiteral("Störung");
    wanted.tsg.allowedFileTypes = {QStringLiteral(".md"), QStringLiteral(".csv")};
    wanted.tsg.autoCleanupEnabled = false;
    wanted.tsg.cleanupAgeHours = 1;
    wanted.session.maxUploadSize = 1;
    wanted.session.sessionTimeout = 87600;
    wanted.desk.listenAddress = QStringLiteral("0.0.0.0");
    wanted.desk.port = 0;
    wanted.desk.allowedOrigins = {QStringLiteral("https://portal.example")};
    wanted.desk.cleanupIntervalMinutes = 5;
    wanted.desk.uploadExpiryHours = 2;
    wanted.desk.maxOpenUploads = 3;
    wanted.desk.maxStagedMb = 10;
    wanted.desk.notifyUploads = false;
    wanted.desk.notifyCleanup = false;
    wanted.desk.startWithSession = true;
    const auto saved = store.update([&wanted](Config &c) { c = wanted; });
    QVERIFY(saved.ok());
    QCOMPARE(saved.value(), wanted);
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().config, wanted);
    QVERIFY(loaded.value().warnings.isEmpty());
    // Clearing activeTSG writes null (the seed's "string | null").
    QVERIFY(store.update([](Config &c) { c.activeTsg.reset(); }).ok());
    const QJsonObject o = QJsonDocument::fromJson(readAll(store.path())).object();
    QVERIFY(o.contains(u"activeTSG"));
    QVERIFY(o.value(u"activeTSG").isNull());
    QCOMPARE(store.load().value().config.activeTsg, std::nullopt);
    // Indented JSON, readable by a person.
    QVERIFY(readAll(store.path()).contains("\n    \""));
}

void TestConfigStore::everyForeignValueSurvivesInMeaning()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray original = R"({
      "model": "o4-mini",
      "bigNumber": 9007199254740993,
      "float": 0.1,
      "negative": -42,
      "unicode": "Stra\u00dfe \ud83d\ude00 \"quoted\" \\ back",
      "nested": {"deep": {"deeper": [[], {}, [null, false, true, 1e-7]]}},
      "emptyObject": {},
      "emptyArray": [],
      "nullValue": null,
      "tsgSettings": {"maxUploadSize": 20, "codexOnly": {"keep": [1, 2]}, "list": ["x", {"y": null}]},
      "sessionSettings": {"sessionTimeout": 48, "extra": "yes"},
      "tsgDesk": {"port": 9000, "futureKey": {"a": [1]}}
    })";
    QVERIFY(writeFile(path, original));
    ConfigStore store(path);
    for (int i = 0; i < 3; ++i) // several writes in a row change nothing of theirs
        QVERIFY(store.update([i](Config &c) { c.tsg.cleanupAgeHours = 10 + i; }).ok());
    const QJsonObject before = QJsonDocument::fromJson(original).object();
    const QJsonObject after = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(withoutOurKeys(after), withoutOurKeys(before));
    QCOMPARE(after.value(u"bigNumber").toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 20);
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"cleanupAgeHours").toInt(), 12);
    QCOMPARE(after.value(u"tsgDesk").toObject().value(u"port").toInt(), 9000);
}

void TestConfigStore::concurrentUpdatesLoseNothing()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(store.update([](Config &c) { c.tsg.cleanupAgeHours = 1; }).ok());
    QList<QFuture<bool>> runs;
    for (int i = 0; i < 40; ++i)
        runs << QtConcurrent::run([&store] { return store.update([](Config &c) { ++c.tsg.cleanupAgeHours; }).ok(); });
    for (auto &run : runs)
        QVERIFY(run.result());
    QCOMPARE(store.load().value().config.tsg.cleanupAgeHours, 41); // each update read the one before
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("config.json")});
}

void TestConfigStore::brokenFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    QTest::newRow("garbage") << QByteArray("{ \"model\": \"o4-mini\", oops }") << QStringLiteral("line 1, column");
    QTest::newRow("second line") << QByteArray("{\n  \"a\": 1,\n  \"b\": 2 3,\n  \"c\": 4\n}")
                                 << QStringLiteral("line 3");
    QTest::newRow("truncated") << QByteArray("{\"tsgSettings\": {\"maxUploadSize\": 5") << QStringLiteral("offset");
    QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}") << QStringLiteral("does not parse");
    QTest::newRow("top-level array") << QByteArray("[1, 2, 3]") << QStringLiteral("not a JSON object");
    QTest::newRow("top-level string") << QByteArray("\"x\"") << QStringLiteral("does not parse");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02{", 4) << QStringLiteral("does not parse");
}

void TestConfigStore::brokenFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, bytes));
    ConfigStore store(path);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(path), qPrintable(loaded.errorMessage()));
    QVERIFY2(loaded.error().message.contains(u"does not parse"), qPrintable(loaded.errorMessage()));
    QVERIFY2(loaded.error().message.contains(says), qPrintable(loaded.errorMessage()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not written, fix or remove it")));
    bool changed = false;
    const auto written = store.update([&changed](Config &) { changed = true; });
    QVERIFY(!written.ok());
    QVERIFY(!changed); // refused before any change is made
    QVERIFY2(written.error().message.contains(u"config.json"), qPrintable(written.errorMessage()));
    QVERIFY2(written.error().message.contains(u"does not parse"), qPrintable(written.errorMessage()));
    QVERIFY2(written.error().message.contains(u"not written, fix or remove it"), qPrintable(written.errorMessage()));
    QCOMPARE(readAll(path), bytes);
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("config.json")});
}

void TestConfigStore::emptyFileIsAnEmptyConfig()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, "  \n"));
    ConfigStore store(path);
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().config, Config());
    QVERIFY(store.update([](Config &c) { c.activeTsg = QStringLiteral("abc"); }).ok());
    QCOMPARE(store.load().value().config.activeTsg, QStringLiteral("abc"));
}

void TestConfigStore::outOfRangeValues_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::newRow("port too big") << QByteArray(R"({"tsgDesk": {"port": 70000}})") << QStringLiteral("tsgDesk.port");
    QTest::newRow("port negative") << QByteArray(R"({"tsgDesk": {"port": -1}})") << QStringLiteral("tsgDesk.port");
    QTest::newRow("port string") << QByteArray(R"({"tsgDesk": {"port": "8080"}})") << QStringLiteral("tsgDesk.port");
    QTest::newRow("fraction") << QByteArray(R"({"tsgSettings": {"maxUploadSize": 1.5}})")
                              << QStringLiteral("tsgSettings.maxUploadSize");
    QTest::newRow("huge") << QByteArray(R"({"tsgSettings": {"maxUploadSize": 1e300}})")
                          << QStringLiteral("tsgSettings.maxUploadSize");
    QTest::newRow("upload too big") << QByteArray(R"({"sessionSettings": {"maxUploadSize": 102401}})")
                                    << QStringLiteral("sessionSettings.maxUploadSize");
    QTest::newRow("zero timeout") << QByteArray(R"({"sessionSettings": {"sessionTimeout": 0}})")
                                  << QStringLiteral("sessionSettings.sessionTimeout");
    QTest::newRow("null age") << QByteArray(R"({"tsgSettings": {"cleanupAgeHours": null}})")
                              << QStringLiteral("tsgSettings.cleanupAgeHours");
    QTest::newRow("too many files") << QByteArray(R"({"sessionSettings": {"maxFilesPerSession": 100001}})")
                                    << QStringLiteral("sessionSettings.maxFilesPerSession");
    QTest::newRow("empty types") << QByteArray(R"({"tsgSettings": {"allowedFileTypes": []}})")
                                 << QStringLiteral("tsgSettings.allowedFileTypes");
    QTest::newRow("types not a list") << QByteArray(R"({"tsgSettings": {"allowedFileTypes": ".md"}})")
                                      << QStringLiteral("tsgSettings.allowedFileTypes");
    QTest::newRow("type without dot") << QByteArray(R"({"tsgSettings": {"allowedFileTypes": [".md", "txt"]}})")
                                      << QStringLiteral("tsgSettings.allowedFileTypes");
    QTest::newRow("type not a string") << QByteArray(R"({"tsgSettings": {"allowedFileTypes": [".md", 3]}})")
                                       << QStringLiteral("tsgSettings.allowedFileTypes");
    QTest::newRow("bool as number") << QByteArray(R"({"tsgSettings": {"autoCleanupEnabled": 1}})")
                                    << QStringLiteral("tsgSettings.autoCleanupEnabled");
    QTest::newRow("empty address") << QByteArray(R"({"tsgDesk": {"listenAddress": ""}})")
                                   << QStringLiteral("tsgDesk.listenAddress");
    QTest::newRow("origins not strings") << QByteArray(R"({"tsgDesk": {"allowedOrigins": [1]}})")
                                         << QStringLiteral("tsgDesk.allowedOrigins");
    QTest::newRow("section not object") << QByteArray(R"({"sessionSettings": [1]})")
                                        << QStringLiteral("sessionSettings");
    QTest::newRow("activeTSG object") << QByteArray(R"({"activeTSG": {"name": "x"}})") << QStringLiteral("activeTSG");
}

void TestConfigStore::outOfRangeValues()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, json));
    ConfigStore store(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^config.json: ") + QRegularExpression::escape(key)));
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().config, Config()); // every bad value is the default
    QCOMPARE(loaded.value().warnings.size(), 1);
    QVERIFY2(loaded.value().warnings.first().contains(key), qPrintable(loaded.value().warnings.first()));
}

void TestConfigStore::allowedFileTypesAreLowerCased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, R"({"tsgSettings": {"allowedFileTypes": [".MD", ".Log", ".csv"]}})"));
    const auto loaded = ConfigStore(path).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().config.tsg.allowedFileTypes,
             (QStringList{QStringLiteral(".md"), QStringLiteral(".log"), QStringLiteral(".csv")}));
    QVERIFY(loaded.value().warnings.isEmpty());
}

// A config.json that lists its own types (the design document's defaults, written by an older version or by
// codex-cli) keeps exactly those: the wider default is for a config without the key.
void TestConfigStore::anExistingListOfTypesIsKept()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(writeFile(store.path(), R"({"tsgSettings": {"allowedFileTypes": [".md", ".txt", ".log"]}})"));
    QCOMPARE(store.load().value().config.tsg.allowedFileTypes, (QStringList{u".md"_qs, u".txt"_qs, u".log"_qs}));
    // An update of another key leaves the list as the user set it.
    QVERIFY(store.update([](Config &c) { c.tsg.cleanupAgeHours = 48; }).ok());
    QCOMPARE(store.load().value().config.tsg.allowedFileTypes, (QStringList{u".md"_qs, u".txt"_qs, u".log"_qs}));
    const QJsonObject written = QJsonDocument::fromJson(readAll(store.path())).object();
    QCOMPARE(written.value(u"tsgSettings").toObject().value(u"allowedFileTypes").toArray(),
             (QJsonArray{u".md"_qs, u".txt"_qs, u".log"_qs}));
}

void TestConfigStore::fromJsonReportsParseErrors()
{
    QString error;
    const LoadedConfig good = ConfigStore::fromJson(R"({"tsgSettings": {"maxUploadSize": 7}})", &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(good.config.tsg.maxUploadSize, 7);
    const LoadedConfig bad = ConfigStore::fromJson("{oops", &error);
    QVERIFY2(error.contains(u"line 1"), qPrintable(error));
    QCOMPARE(bad.config, Config());
    ConfigStore::fromJson("[]", &error);
    QVERIFY(error.contains(u"not a JSON object"));
}

void TestConfigStore::foreignKeysSurvive()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray original = R"({
      "model": "o4-mini",
      "providers": {"openai": {"baseURL": "https://x", "retries": [1, 2, {"deep": true}]}},
      "history": [1, "two", null],
      "tsgSettings": {"maxUploadSize": 20, "codexOnly": {"keep": [1, 2]}},
      "sessionSettings": {"sessionTimeout": 48, "extra": "yes"}
    })";
    QVERIFY(writeFile(path, original));
    ConfigStore store(path);
    QVERIFY(store.update([](Config &c) { c.activeTsg = QStringLiteral("abc"); }).ok());
    const QJsonObject before = QJsonDocument::fromJson(original).object();
    const QJsonObject after = QJsonDocument::fromJson(readAll(path)).object();
    for (const QString &key : {QStringLiteral("model"), QStringLiteral("providers"), QStringLiteral("history")})
        QCOMPARE(after.value(key), before.value(key));
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"codexOnly"),
             before.value(u"tsgSettings").toObject().value(u"codexOnly"));
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 20);
    QCOMPARE(after.value(u"sessionSettings").toObject().value(u"extra").toString(), QStringLiteral("yes"));
    QCOMPARE(after.value(u"sessionSettings").toObject().value(u"sessionTimeout").toInt(), 48);
    QCOMPARE(after.value(u"activeTSG").toString(), QStringLiteral("abc"));
}

void TestConfigStore::editMadeMeanwhileIsKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ConfigStore store(path);
    QVERIFY(store.update([](Config &c) { c.tsg.maxUploadSize = 10; }).ok());
    QVERIFY(store.load().ok());
    // Another program edits the file between our read and our next write.
    QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
    o.insert(QStringLiteral("approvalMode"), QStringLiteral("suggest"));
    QJsonObject s = o.value(u"sessionSettings").toObject();
    s.insert(QStringLiteral("sessionTimeout"), 72);
    o.insert(QStringLiteral("sessionSettings"), s);
    QVERIFY(writeFile(path, QJsonDocument(o).toJson()));
    QVERIFY(store.update([](Config &c) { c.activeTsg = QStringLiteral("guide"); }).ok());
    const QJsonObject after = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(after.value(u"approvalMode").toString(), QStringLiteral("suggest"));
    QCOMPARE(after.value(u"sessionSettings").toObject().value(u"sessionTimeout").toInt(), 72);
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"maxUploadSize").toInt(), 10);
}

void TestConfigStore::brokenFileIsNeverOverwritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray broken = "{ \"model\": \"o4-mini\", oops }";
    QVERIFY(writeFile(path, broken));
    ConfigStore store(path);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(u"does not parse"), qPrintable(loaded.errorMessage()));
    const auto written = store.update([](Config &c) { c.activeTsg = QStringLiteral("x"); });
    QVERIFY(!written.ok());
    QVERIFY(written.error().message.contains(u"not written"));
    QCOMPARE(readAll(path), broken);
    // The library runs on defaults and keeps the user's bytes too.
    auto lib = Library::open(dir.path());
    QVERIFY(lib.ok());
    QCOMPARE(lib.value()->config().tsg.maxUploadSize, 100);
    QVERIFY(!lib.value()->configWarnings().isEmpty());
    QVERIFY(await(lib.value()->createTsg(QStringLiteral("still-works"))).ok());
    QVERIFY(!await(lib.value()->selectTsg(QStringLiteral("still-works"))).ok()); // cannot persist: says so
    QCOMPARE(readAll(path), broken);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("config.json*")}, QDir::Files | QDir::Hidden).size(), 1);
}

void TestConfigStore::badValuesFallBackWithWarnings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, R"({"activeTSG": 5,
        "tsgSettings": {"maxUploadSize": "big", "allowedFileTypes": [".MD", "log"], "cleanupAgeHours": -1, "autoCleanupEnabled": "yes"},
        "sessionSettings": {"maxFilesPerSession": 0, "sessionTimeout": 12}})"));
    ConfigStore store(path);
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    const Config &c = loaded.value().config;
    QCOMPARE(c.activeTsg, std::nullopt);
    QCOMPARE(c.tsg.maxUploadSize, 100);
    QCOMPARE(c.tsg.allowedFileTypes, TsgSettings().allowedFileTypes);
    QCOMPARE(c.tsg.cleanupAgeHours, 168);
    QCOMPARE(c.tsg.autoCleanupEnabled, true);
    QCOMPARE(c.session.maxFilesPerSession, 100);
    QCOMPARE(c.session.sessionTimeout, 12); // the valid one is kept
    QCOMPARE(loaded.value().warnings.size(), 6);
    QVERIFY(loaded.value().warnings.join(u'\n').contains(u"tsgSettings.maxUploadSize"));
}

void TestConfigStore::writesAtomicallyWithPrivateMode()
{
    const mode_t oldUmask = ::umask(022); // a permissive umask: the file is still the user's alone
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ConfigStore store(path);
    QVERIFY(store.update([](Config &) {}).ok());
    ::umask(oldUmask);
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("config.json")}); // no temporary left behind
    // A reader never sees a half-written file: the inode is replaced, not rewritten in place.
    struct stat before {
    }, after{};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);
    QVERIFY(store.update([](Config &c) { c.desk.port = 1234; }).ok());
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
    QVERIFY(before.st_ino != after.st_ino);
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("config.json")});
}

void TestConfigStore::keepsTheModeOfAnExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(path, R"({"model": "x"})"));
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0640), 0);
    ConfigStore store(path);
    QVERIFY(store.update([](Config &c) { c.activeTsg = QStringLiteral("abc"); }).ok());
    QCOMPARE(modeOf(path), 0640);
}

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
