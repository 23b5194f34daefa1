// The typed view of config.json: the seed's tsgSettings/sessionSettings/activeTSG plus TSG Desk's
// own keys (under "tsgDesk"). Defaults are the design document's (allowedFileTypes: a superset of it);
// configstore.cpp says what is in range.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tsg {

// The largest upload limit config.json and settings:update take (100 GiB per batch), in MiB.
constexpr int kMaxUploadSizeMib = 102400;

struct TsgSettings {
    int maxUploadSize = 100; // MB, per batch
    // The design document's list first, then what analysts collect (data, captures, event logs, configuration,
    // program output, archives): a superset, so nothing the design document allows is refused. A config.json that
    // lists its own types keeps them as they are.
    QStringList allowedFileTypes = {QStringLiteral(".md"),     QStringLiteral(".txt"),   QStringLiteral(".log"),
                                    QStringLiteral(".json"),   QStringLiteral(".yaml"),  QStringLiteral(".yml"),
                                    QStringLiteral(".png"),    QStringLiteral(".jpg"),   QStringLiteral(".jpeg"),
                                    QStringLiteral(".gif"),    QStringLiteral(".svg"),   QStringLiteral(".pdf"),
                                    QStringLiteral(".docx"),   QStringLiteral(".xlsx"),  QStringLiteral(".csv"),
                                    QStringLiteral(".tsv"),    QStringLiteral(".jsonl"), QStringLiteral(".xml"),
                                    QStringLiteral(".html"),   QStringLiteral(".har"),   QStringLiteral(".pcap"),
                                    QStringLiteral(".pcapng"), QStringLiteral(".evtx"),  QStringLiteral(".etl"),
                                    QStringLiteral(".conf"),   QStringLiteral(".ini"),   QStringLiteral(".cfg"),
                                    QStringLiteral(".out"),    QStringLiteral(".err"),   QStringLiteral(".trace"),
                                    QStringLiteral(".zip"),    QStringLiteral(".gz"),    QStringLiteral(".tar"),
                                    QStringLiteral(".7z")};
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
