// Reads and writes config.json, a file shared with codex-cli: keys we don't own survive every write,
// each write re-reads the file first, writes are atomic, and a file that does not parse is never
// overwritten. Mistyped or out-of-range settings fall back to defaults with a warning.
#pragma once

#include "result.h"
#include "settings.h"

#include <QMutex>
#include <QString>
#include <QStringList>

#include <functional>

namespace tsg {

struct LoadedConfig {
    Config config;
    QStringList warnings; // settings that were ignored, and why
};

class ConfigStore {
public:
    explicit ConfigStore(QString path);

    const QString &path() const { return m_path; }

    // Reads the file. A missing file gives defaults; a file that does not parse gives an error
    // (the caller runs on defaults and the file is left as it is).
    Result<LoadedConfig> load() const;

    // Re-reads the file, applies `change` to our typed view of it, writes our keys back into the
    // JSON object (every other key kept byte-for-byte in meaning) and saves atomically.
    // Refuses to write when the file on disk does not parse.
    Result<Config> update(const std::function<void(Config &)> &change);

    // Parses a JSON object into settings, collecting warnings for ignored values.
    static LoadedConfig fromJson(const QByteArray &json, QString *parseError);
    // Why `type` cannot be an entry of tsgSettings.allowedFileTypes (empty: it can), by the rule config.json and
    // settings:update are read with: a dot and at least one more character, compared lower-cased.
    static QString fileTypeProblem(const QString &type);

private:
    QString m_path;
    mutable QMutex m_mutex; // one writer at a time within the process
};

} // namespace tsg
