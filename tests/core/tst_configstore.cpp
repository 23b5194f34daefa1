// config.json is shared with codex-cli: foreign keys survive our writes, an edit made meanwhile is
// kept, a broken file is never overwritten, bad values fall back to defaults with a warning.
#include "testlibrary.h"

#include "configstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/stat.h>

using namespace testing;
using namespace tsg;

class TestConfigStore : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreTheSeeds();
    void roundTrip();
    void foreignKeysSurvive();
    void editMadeMeanwhileIsKept();
    void brokenFileIsNeverOverwritten();
    void badValuesFallBackWithWarnings();
    void writesAtomicallyWithPrivateMode();
};

void TestConfigStore::defaultsAreTheSeeds()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("config.json")));
    const auto loaded = store.load();
    QVERIFY(loaded.ok());
    const Config &c = loaded.value().config;
    QCOMPARE(c.tsg.maxUploadSize, 100);
    QCOMPARE(c.tsg.allowedFileTypes.size(), 14);
    QVERIFY(c.tsg.allowedFileTypes.contains(u".xlsx"_qs));
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
    QCOMPARE(after.value(u"tsgSettings").toObject().value(u"codexOnly"), before.value(u"tsgSettings").toObject().value(u"codexOnly"));
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
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ConfigStore store(path);
    QVERIFY(store.update([](Config &) {}).ok());
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left behind
}

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
