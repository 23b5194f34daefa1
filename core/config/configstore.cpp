#include "configstore.h"

#include "logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

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
        if (!v.isDouble() || std::trunc(d) != d) // the range is checked as a double: no overflowing cast
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
            if (!item.isString() || s.isEmpty() || (extensions && !ConfigStore::fileTypeProblem(s).isEmpty()))
                return warn(key,
                            extensions ? QStringLiteral("must be a list of extensions such as \".md\"")
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
    desk.insert(QStringLiteral("recentTsgs"), QJsonArray::fromStringList(c.desk.recentTsgs));
    root.insert(QStringLiteral("tsgDesk"), desk);
}

// "line 3, column 14" for a byte offset of the JSON text (columns counted in bytes, from 1).
QString positionOf(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    const QByteArrayView before(bytes.constData(), offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return QStringLiteral("line %1, column %2").arg(before.count('\n') + 1).arg(offset - lineStart + 1);
}

// Why `bytes` is not a config object, or empty when it is one (whitespace alone counts as {}).
QString parseProblem(const QByteArray &bytes, QJsonObject *object)
{
    if (bytes.trimmed().isEmpty()) {
        *object = {};
        return {};
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return QStringLiteral("%1 at %2 (offset %3)")
            .arg(err.errorString(), positionOf(bytes, err.offset))
            .arg(err.offset);
    if (!doc.isObject())
        return QStringLiteral("its top level is not a JSON object");
    *object = doc.object();
    return {};
}

// The file's current object: {} when missing; an error when it exists but cannot be read or parsed.
Result<QJsonObject> readObject(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    QJsonObject object;
    if (const QString problem = parseProblem(bytes, &object); !problem.isEmpty())
        return Error::invalid(QStringLiteral("%1 does not parse: %2").arg(path, problem));
    return object;
}

// Accepted ranges (anything else falls back to the default with a warning):
//   tsgSettings.maxUploadSize, sessionSettings.maxUploadSize   1 .. 102400 MiB (100 GiB per batch)
//   tsgSettings.cleanupAgeHours, sessionSettings.sessionTimeout 1 .. 87600 h (ten years)
//   sessionSettings.maxFilesPerSession                          1 .. 100000
//   tsgSettings.allowedFileTypes   a non-empty list of ".ext" strings (lower-cased here)
//   tsgDesk.port 0 .. 65535 (0: any free port); cleanupIntervalMinutes 1 .. 10080 (a week);
//   uploadExpiryHours 1 .. 8760 (a year); maxOpenUploads 1 .. 1000; maxStagedMb 1 .. 1048576 (1 TB);
//   listenAddress a non-empty string; allowedOrigins a list of strings.
// activeTSG: a string (empty means none) or null; anything else is a warning and means none.
LoadedConfig fromObject(const QJsonObject &root, bool log)
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
    tsg.integer(QStringLiteral("maxUploadSize"), c.tsg.maxUploadSize, 1, kMaxUploadSizeMib);
    tsg.strings(QStringLiteral("allowedFileTypes"), c.tsg.allowedFileTypes, true);
    tsg.boolean(QStringLiteral("autoCleanupEnabled"), c.tsg.autoCleanupEnabled);
    tsg.integer(QStringLiteral("cleanupAgeHours"), c.tsg.cleanupAgeHours, 1, 87600);

    const QJsonObject sessionObj = sectionOf(root, QStringLiteral("sessionSettings"), out.warnings);
    Reader session{sessionObj, QStringLiteral("sessionSettings"), out.warnings};
    session.integer(QStringLiteral("maxUploadSize"), c.session.maxUploadSize, 1, kMaxUploadSizeMib);
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
    desk.strings(QStringLiteral("recentTsgs"), c.desk.recentTsgs, false);
    if (log) {
        for (const QString &w : std::as_const(out.warnings))
            qCWarning(lcConfig).noquote() << w;
    }
    return out;
}

} // namespace

ConfigStore::ConfigStore(QString path) : m_path(std::move(path)) {}

QString ConfigStore::fileTypeProblem(const QString &type)
{
    if (!type.startsWith(u'.') || type.size() < 2)
        return QStringLiteral("'%1' is not a file type: a type is an extension with its dot, such as .md").arg(type);
    return {};
}

LoadedConfig ConfigStore::fromJson(const QByteArray &json, QString *parseError)
{
    QJsonObject object;
    const QString problem = parseProblem(json, &object);
    if (parseError)
        *parseError = problem;
    return fromObject(object, true);
}

Result<LoadedConfig> ConfigStore::load() const
{
    QMutexLocker lock(&m_mutex);
    const auto root = readObject(m_path);
    if (!root.ok())
        return root.error(); // the caller says so (and runs on defaults)
    return fromObject(root.value(), true);
}

Result<Config> ConfigStore::update(const std::function<void(Config &)> &change)
{
    QMutexLocker lock(&m_mutex);
    auto root = readObject(m_path); // re-read: keep what another program wrote since our last read
    if (!root.ok()) {
        Error refused = root.error(); // the user's bytes stay as they are
        refused.message += QStringLiteral("; not written, fix or remove it");
        qCWarning(lcConfig).noquote() << refused.message;
        return refused;
    }
    Config config = fromObject(root.value(), false).config; // load() already warned about bad values
    change(config);
    QJsonObject updated = root.value();
    merge(updated, config);

    const bool existed = QFile::exists(m_path);
    QSaveFile file(m_path); // a temporary file renamed over config.json: never half-written
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(m_path, file.errorString()));
    // A file we create is the user's alone; an existing one keeps its mode (QSaveFile copies it).
    if (!existed && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return Error::io(QStringLiteral("Cannot set the permissions of %1: %2").arg(m_path, file.errorString()));
    }
    const QByteArray bytes = QJsonDocument(updated).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error::io(QStringLiteral("Cannot write %1: %2").arg(m_path, file.errorString()));
    return config;
}

} // namespace tsg
