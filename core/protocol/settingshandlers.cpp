// The settings a client may read and change: settings:get and settings:update, for tsgSettings,
// sessionSettings and the upload limits under tsgDesk (what the window's Settings has, less the server's
// own address, port and origins, which only the window and config.json change). A change is checked
// with the rules config.json is read with (ConfigStore::fromJson), all of it or nothing.
#include "handlers.h"

#include "configstore.h"
#include "messagerouter.h"
#include "wire.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace tsg::Handlers {

namespace {

// The keys of each section a client may change.
const QStringList kTsgKeys = {QStringLiteral("maxUploadSize"), QStringLiteral("allowedFileTypes"),
                              QStringLiteral("autoCleanupEnabled"), QStringLiteral("cleanupAgeHours")};
const QStringList kSessionKeys = {QStringLiteral("maxUploadSize"), QStringLiteral("sessionTimeout"),
                                  QStringLiteral("maxFilesPerSession")};
const QStringList kDeskKeys = {QStringLiteral("uploadExpiryHours"), QStringLiteral("maxOpenUploads"),
                               QStringLiteral("maxStagedMb")};

QJsonObject settings(const Config &c)
{
    return {{QStringLiteral("tsgSettings"),
             QJsonObject{{QStringLiteral("maxUploadSize"), c.tsg.maxUploadSize},
                         {QStringLiteral("allowedFileTypes"), QJsonArray::fromStringList(c.tsg.allowedFileTypes)},
                         {QStringLiteral("autoCleanupEnabled"), c.tsg.autoCleanupEnabled},
                         {QStringLiteral("cleanupAgeHours"), c.tsg.cleanupAgeHours}}},
            {QStringLiteral("sessionSettings"),
             QJsonObject{{QStringLiteral("maxUploadSize"), c.session.maxUploadSize},
                         {QStringLiteral("sessionTimeout"), c.session.sessionTimeout},
                         {QStringLiteral("maxFilesPerSession"), c.session.maxFilesPerSession}}},
            {QStringLiteral("tsgDesk"),
             QJsonObject{{QStringLiteral("uploadExpiryHours"), c.desk.uploadExpiryHours},
                         {QStringLiteral("maxOpenUploads"), c.desk.maxOpenUploads},
                         {QStringLiteral("maxStagedMb"), c.desk.maxStagedMb}}}};
}

// The current settings with the request's over them, or why the request cannot be taken.
Result<Config> merged(const Config &current, const QJsonObject &data)
{
    QJsonObject root = settings(current);
    QStringList problems;
    const std::pair<QString, const QStringList *> sections[] = {{QStringLiteral("tsgSettings"), &kTsgKeys},
                                                                {QStringLiteral("sessionSettings"), &kSessionKeys},
                                                                {QStringLiteral("tsgDesk"), &kDeskKeys}};
    for (auto it = data.begin(); it != data.end(); ++it) {
        const auto section =
            std::find_if(std::begin(sections), std::end(sections), [&](const auto &s) { return s.first == it.key(); });
        if (section == std::end(sections)) {
            problems << QStringLiteral(
                            "data.%1 is not a section of the settings (tsgSettings, sessionSettings, tsgDesk)")
                            .arg(it.key().left(100));
            continue;
        }
        if (!it.value().isObject()) {
            problems << QStringLiteral("data.%1 must be an object").arg(it.key());
            continue;
        }
        QJsonObject target = root.value(it.key()).toObject();
        const QJsonObject given = it.value().toObject();
        for (auto field = given.begin(); field != given.end(); ++field) {
            if (!section->second->contains(field.key()))
                problems << QStringLiteral("data.%1.%2 cannot be changed here (it may be: %3)")
                                .arg(it.key(), field.key().left(100), section->second->join(QStringLiteral(", ")));
            else
                target.insert(field.key(), field.value());
        }
        root.insert(it.key(), target);
    }
    if (!problems.isEmpty())
        return Error::invalid(problems.join(QStringLiteral("; ")));
    QString parseError;
    const LoadedConfig parsed = ConfigStore::fromJson(QJsonDocument(root).toJson(QJsonDocument::Compact), &parseError);
    for (QString w : parsed.warnings) {
        w.remove(QStringLiteral("config.json: "));
        w.remove(QStringLiteral("; using the default"));
        problems << QStringLiteral("data.") + w;
    }
    if (!problems.isEmpty())
        return Error::invalid(problems.join(QStringLiteral("; ")));
    return parsed.config;
}

} // namespace

void addSettingsHandlers(MessageRouter &router, Library &library)
{
    router.add(QStringLiteral("settings:get"), {}, [&library](const Request &r, HandlerContext &c) {
        c.reply(r, Wire::message(QStringLiteral("settings:response"), settings(library.config())));
    });

    router.add(QStringLiteral("settings:update"), {}, [&library](const Request &r, HandlerContext &c) {
        const Result<Config> wanted = merged(library.config(), r.data().toJsonValue().toObject());
        if (!wanted.ok())
            return c.replyError(r, wanted.error());
        const Config w = wanted.value();
        c.whenDone(library.updateConfig(
                       [w](Config &cfg) {
                           cfg.tsg = w.tsg;
                           cfg.session = w.session;
                           cfg.desk.uploadExpiryHours = w.desk.uploadExpiryHours;
                           cfg.desk.maxOpenUploads = w.desk.maxOpenUploads;
                           cfg.desk.maxStagedMb = w.desk.maxStagedMb;
                       },
                       c.origin()),
                   [r, &c](const Result<Config> &saved) {
                       if (!saved.ok())
                           return c.replyError(r, saved.error());
                       c.reply(r, Wire::message(QStringLiteral("settings:update:success"), settings(saved.value())));
                   });
    });
}

} // namespace tsg::Handlers
