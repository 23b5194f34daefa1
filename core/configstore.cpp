#include "configstore.h"

#include "logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tsg {

namespace {

// Reads one typed setting; a missing key keeps the default, a wrong type or range warns and keeps it.
struct Reader {
    const QJsonObject &obj;
    QString section;
    QStringList &warnings;

    void warn(const QString &key, const QString &why)
    {
        warnings << QStringLiteral("config.json: %1.%2 %3; using the default").arg(section, key, why);
    }
    void integer(const QString &key, int &out, int min, int max)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined())
            return;
        const double d = v.toDouble(qQNaN());
        if (!v.isDouble() || d != double(qint64(d)))
            return warn(key, QStringLiteral("is not a whole number"));
        if (d < min || d > max)
            return warn(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        out = int(d);
    }
    void boolean(const QString &key, bool &out)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined())
            return;
        if (!v.isBool())
            return warn(key, QStringLiteral("is not true or false"));
        out = v.toBool();
    }
    void string(const QString &key, QString &out)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined())
            return;
        if (!v.isString() || v.toString().isEmpty())
            return warn(key, QStringLiteral("is not a non-empty string"));
        out = v.toString();
    }
    void strings(const QString &key, QStringList &out, bool extensions)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined())
            return;
        QStringList list;
        for (const QJsonValue &item : v.toArray()) {
            const QString s = extensions ? item.toString().toLower() : item.toString();
            if (!item.isString() || s.isEmpty() || (extensions && (!s.startsWith(u'.') || s.size() < 2)))
                return warn(key, extensions ? QStringLiteral("must be a list of extensions such as \".md\"")
                                            : QStringLiteral("must be a list of strings"));
            list << s;
        }
        if (!v.isArray() || (extensions && list.isEmpty()))
            return warn(key, QStringLiteral("must be a non-empty list"));
        out = list;
    }
};

QJsonObject sectionOf(const QJsonObject &root, const QString &key, QStringList &warnings)
{
    const QJsonValue v = root.value(key);
    if (!v.isUndefined() && !v.isNull() && !v.isObject())
        warnings << QStringLiteral("config.json: %1 is not an object; using the defaults").arg(key);
    return v.toObject();
}

// Writes our typed values into the JSON object, field by field: unknown keys inside stay.
void merge(QJsonObject &root, const Config &c)
{
    root.insert(QStringLiteral("activeTSG"), c.activeTsg ? QJsonValue(*c.activeTsg) : QJsonValue(QJsonValue::Null));

    QJsonObject tsg = root.value(u"tsgSettings").toObject();
    tsg.insert(QStringLiteral("maxUploadSize"), c.tsg.maxUploadSize);
    tsg.insert(QStringLiteral("allowedFileTypes"), QJsonArray::fromStringList(c.tsg.allowedFileTypes));
    tsg.insert(QStringLiteral("autoCleanupEnabled"), c.tsg.autoCleanupEnabled);
    tsg.insert(QStringLiteral("cleanupAgeHours"), c.tsg.cleanupAgeHours);
    root.insert(QStringLiteral("tsgSettings"), tsg);

    QJsonObject session = root.value(u"sessionSettings").toObject();
    session.insert(QStringLiteral("maxUploadSize"), c.session.maxUploadSize);
    session.insert(QStringLiteral("sessionTimeout"), c.session.sessionTimeout);
    session.insert(QStringLiteral("maxFilesPerSession"), c.session.maxFilesPerSession);
    root.insert(QStringLiteral("sessionSettings"), session);

    QJsonObject desk = root.value(u"tsgDesk").toObject();
    desk.insert(QStringLiteral("listenAddress"), c.desk.listenAddress);
    desk.insert(QStringLiteral("port"), c.desk.port);
    desk.insert(QStringLiteral("allowedOrigins"), QJsonArray::fromStringList(c.desk.allowedOrigins));
    desk.insert(QStringLiteral("cleanupIntervalMinutes"), c.desk.cleanupIntervalMinutes);
    desk.insert(QStringLiteral("uploadExpiryHours"), c.desk.uploadExpiryHours);
    desk.insert(QStringLiteral("maxOpenUploads"), c.desk.maxOpenUploads);
    desk.insert(QStringLiteral("maxStagedMb"), c.desk.maxStagedMb);
    desk.insert(QStringLiteral("notifyUploads"), c.desk.notifyUploads);
    desk.insert(QStringLiteral("notifyCleanup"), c.desk.notifyCleanup);
    desk.insert(QStringLiteral("startWithSession"), c.desk.startWithSession);
    root.insert(QStringLiteral("tsgDesk"), desk);
}

// The file's current object: {} when missing; an error when it exists but does not parse.
Result<QJsonObject> readObject(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("%1 does not parse (%2 at offset %3)").arg(path, err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("%1 does not hold a JSON object").arg(path));
    return doc.object();
}

LoadedConfig fromObject(const QJsonObject &root)
{
    LoadedConfig out;
    Config &c = out.config;
    const QJsonValue active = root.value(u"activeTSG");
    if (active.isString() && !active.toString().isEmpty())
        c.activeTsg = active.toString();
    else if (!active.isUndefined() && !active.isNull() && !active.isString())
        out.warnings << QStringLiteral("config.json: activeTSG is not a string or null; using none");

    const QJsonObject tsgObj = sectionOf(root, QStringLiteral("tsgSettings"), out.warnings);
    Reader tsg{tsgObj, QStringLiteral("tsgSettings"), out.warnings};
    tsg.integer(QStringLiteral("maxUploadSize"), c.tsg.maxUploadSize, 1, 102400);
    tsg.strings(QStringLiteral("allowedFileTypes"), c.tsg.allowedFileTypes, true);
    tsg.boolean(QStringLiteral("autoCleanupEnabled"), c.tsg.autoCleanupEnabled);
    tsg.integer(QStringLiteral("cleanupAgeHours"), c.tsg.cleanupAgeHours, 1, 87600);

    const QJsonObject sessionObj = sectionOf(root, QStringLiteral("sessionSettings"), out.warnings);
    Reader session{sessionObj, QStringLiteral("sessionSettings"), out.warnings};
    session.integer(QStringLiteral("maxUploadSize"), c.session.maxUploadSize, 1, 102400);
    session.integer(QStringLiteral("sessionTimeout"), c.session.sessionTimeout, 1, 87600);
    session.integer(QStringLiteral("maxFilesPerSession"), c.session.maxFilesPerSession, 1, 100000);

    const QJsonObject deskObj = sectionOf(root, QStringLiteral("tsgDesk"), out.warnings);
    Reader desk{deskObj, QStringLiteral("tsgDesk"), out.warnings};
    desk.string(QStringLiteral("listenAddress"), c.desk.listenAddress);
    desk.integer(QStringLiteral("port"), c.desk.port, 0, 65535);
    desk.strings(QStringLiteral("allowedOrigins"), c.desk.allowedOrigins, false);
    desk.integer(QStringLiteral("cleanupIntervalMinutes"), c.desk.cleanupIntervalMinutes, 1, 10080);
    desk.integer(QStringLiteral("uploadExpiryHours"), c.desk.uploadExpiryHours, 1, 8760);
    desk.integer(QStringLiteral("maxOpenUploads"), c.desk.maxOpenUploads, 1, 1000);
    desk.integer(QStringLiteral("maxStagedMb"), c.desk.maxStagedMb, 1, 1048576);
    desk.boolean(QStringLiteral("notifyUploads"), c.desk.notifyUploads);
    desk.boolean(QStringLiteral("notifyCleanup"), c.desk.notifyCleanup);
    desk.boolean(QStringLiteral("startWithSession"), c.desk.startWithSession);
    for (const QString &w : std::as_const(out.warnings))
        qCWarning(lcConfig) << w;
    return out;
}

} // namespace

ConfigStore::ConfigStore(QString path) : m_path(std::move(path)) {}

LoadedConfig ConfigStore::fromJson(const QByteArray &json, QString *parseError)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (parseError)
        *parseError = err.error == QJsonParseError::NoError ? QString() : err.errorString();
    return fromObject(doc.object());
}

Result<LoadedConfig> ConfigStore::load() const
{
    QMutexLocker lock(&m_mutex);
    const auto root = readObject(m_path);
    if (!root.ok())
        return root.error();
    return fromObject(root.value());
}

Result<Config> ConfigStore::update(const std::function<void(Config &)> &change)
{
    QMutexLocker lock(&m_mutex);
    auto root = readObject(m_path); // re-read: keep what another program wrote since our last read
    if (!root.ok())
        return Error::invalid(root.error().message + QStringLiteral("; not written: fix or remove it"));
    Config config = fromObject(root.value()).config;
    change(config);
    QJsonObject updated = root.value();
    merge(updated, config);

    const bool existed = QFile::exists(m_path);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(m_path, file.errorString()));
    file.write(QJsonDocument(updated).toJson(QJsonDocument::Indented));
    if (!existed)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit())
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(m_path, file.errorString()));
    return config;
}

} // namespace tsg
