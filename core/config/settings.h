// The typed view of config.json: the seed's tsgSettings/sessionSettings/activeTSG plus TSG Desk's
// own keys (under "tsgDesk"). Defaults are the design document's; limits() says what is in range.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tsg {

struct TsgSettings {
    int maxUploadSize = 100; // MB, per batch
    QStringList allowedFileTypes = {QStringLiteral(".md"),   QStringLiteral(".txt"),  QStringLiteral(".log"),
                                    QStringLiteral(".json"), QStringLiteral(".yaml"), QStringLiteral(".yml"),
                                    QStringLiteral(".png"),  QStringLiteral(".jpg"),  QStringLiteral(".jpeg"),
                                    QStringLiteral(".gif"),  QStringLiteral(".svg"),  QStringLiteral(".pdf"),
                                    QStringLiteral(".docx"), QStringLiteral(".xlsx")};
    bool autoCleanupEnabled = true;
    int cleanupAgeHours = 24 * 7;

    qint64 maxUploadBytes() const { return qint64(maxUploadSize) * 1024 * 1024; }
    bool operator==(const TsgSettings &) const = default;
};

struct SessionSettings {
    int maxUploadSize = 50;  // MB, per batch
    int sessionTimeout = 24; // hours of inactivity before cleanup removes a session
    int maxFilesPerSession = 100;

    qint64 maxUploadBytes() const { return qint64(maxUploadSize) * 1024 * 1024; }
    bool operator==(const SessionSettings &) const = default;
};

// TSG Desk's own settings, kept under config.json's "tsgDesk" key so codex-cli's keys stay untouched.
struct DeskSettings {
    QString listenAddress = QStringLiteral("127.0.0.1");
    int port = 8737;            // stable, so a bookmarked URL keeps working; --port overrides
    QStringList allowedOrigins; // extra browser origins allowed besides localhost ones
    int cleanupIntervalMinutes = 60;
    int uploadExpiryHours = 24; // incomplete chunked uploads idle longer than this are removed
    int maxOpenUploads = 16;    // per data folder
    int maxStagedMb = 4096;     // bytes staged by open chunked uploads, all together
    bool notifyUploads = true;
    bool notifyCleanup = true;
    bool startWithSession = false;
    QStringList recentTsgs; // the TSGs last made active, the latest first (the tray's "Active TSG" menu)

    qint64 maxStagedBytes() const { return qint64(maxStagedMb) * 1024 * 1024; }
    bool operator==(const DeskSettings &) const = default;
};

struct Config {
    std::optional<QString> activeTsg;
    TsgSettings tsg;
    SessionSettings session;
    DeskSettings desk;
    bool operator==(const Config &) const = default;
};

} // namespace tsg
