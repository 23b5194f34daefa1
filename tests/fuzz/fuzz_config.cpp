// Fuzzes the config.json reader (core/configstore.*): any bytes either give a parse error that names
// the problem or settings inside their documented ranges; and a file that parses survives
// ConfigStore::update() (unknown keys kept), after which it loads back to the same settings with no
// warnings.
#include "configstore.h"
#include "fuzzcheck.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdint>

using namespace tsg;

namespace {
QTemporaryDir *scratch = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("tsgdesk.*=false"));
    scratch = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/tsgdesk-fuzz-config-XXXXXX"));
    return scratch->isValid() ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString problem;
    const LoadedConfig loaded = ConfigStore::fromJson(bytes, &problem);
    const Config &c = loaded.config;
    FUZZ_CHECK(c.tsg.maxUploadSize > 0 && c.session.maxUploadSize > 0 && c.session.maxFilesPerSession > 0
                   && c.desk.port >= 0 && c.desk.port <= 65535 && c.desk.maxStagedMb > 0 && c.desk.maxOpenUploads > 0
                   && c.tsg.cleanupAgeHours > 0 && c.session.sessionTimeout > 0 && c.desk.uploadExpiryHours > 0
                   && c.desk.cleanupIntervalMinutes > 0 && !c.tsg.allowedFileTypes.isEmpty(),
               QStringLiteral("a setting out of range was taken"));
    for (const QString &ext : c.tsg.allowedFileTypes)
        FUZZ_CHECK(ext.startsWith(u'.') && ext.size() >= 2 && ext == ext.toLower(), QStringLiteral("extension ") + ext);
    if (!problem.isEmpty())
        return 0;

    // Round trip through the file: update() keeps the file an object we read back alike.
    const QString path = scratch->filePath(QStringLiteral("config.json"));
    QFile::remove(path);
    {
        QFile f(path);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size(), QStringLiteral("scratch write"));
    }
    ConfigStore store(path);
    const auto first = store.load();
    FUZZ_CHECK(first.ok() && first.value().config == c, QStringLiteral("load() and fromJson() disagree"));
    const auto updated = store.update([](Config &) {});
    FUZZ_CHECK(updated.ok(), QStringLiteral("update() refused a file that parses: ") + updated.error().message);
    const auto again = store.load();
    FUZZ_CHECK(again.ok() && again.value().config == c, QStringLiteral("settings changed across update()"));
    FUZZ_CHECK(again.value().warnings.isEmpty(),
               QStringLiteral("update() wrote settings it then warns about: ")
                   + again.value().warnings.join(QStringLiteral("; ")));
    return 0;
}
