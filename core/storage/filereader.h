// Reads part of one file below a safe folder for a client that shows or quotes it (tsg:read-file,
// session:read-file): a byte range or a range of lines, at most 1 MiB, text as UTF-8 and images as bytes, never
// through a symbolic link. It exists so that no view opens files by path itself.
#pragma once

#include "result.h"
#include "safedir.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tsg {

// Which part of the file: a byte range (offset, length), or for text a range of 1-based lines (line, lines).
struct ReadRange {
    qint64 offset = 0;                 // first byte; not with `line`
    std::optional<qint64> length = {}; // bytes from offset; the rest of the file (up to the cap) when not given
    std::optional<int> line = {};      // first line, 1-based (text only)
    std::optional<int> lines = {};     // lines from `line`; to the end of the file (up to the cap) when not given
};

struct FileContent {
    QString path = {};                 // as asked
    QString type = {};                 // FileTypes::typeOf: markdown, text, log, json, yaml, image, …
    qint64 size = 0;                   // of the whole file
    bool image = false;                // bytes are an image's (sent as base64); UTF-8 text otherwise
    QByteArray bytes = {};             // the part read: whole UTF-8 characters (and whole lines for a line range)
    qint64 offset = 0;                 // where `bytes` starts in the file
    int lines = 0;                     // text: lines in the whole file (a last line without '\n' counts)
    std::optional<int> firstLine = {}; // text: the 1-based line `bytes` starts in
    bool truncated = false;            // less than asked for came back because of the cap
};

class FileReader {
public:
    static constexpr qint64 kMaxBytes = 1 << 20; // per reply

    // Reads `relativePath` ('/'-separated, already checked by NameRules) below `dir`. A missing file, or a
    // folder on the way that is missing, is NotFound; a symbolic link anywhere on the way, a folder, a binary
    // file that is not an image (a NUL byte in its first 8 KiB, or a PDF or office document) and a range that is
    // out of the file are Invalid. `where` names the folder in messages ("TSG 'vpn'"). Reads the disk: call
    // from a worker thread.
    static Result<FileContent> read(const SafeDir &dir, const QString &relativePath, const ReadRange &range,
                                    const QString &where);
};

} // namespace tsg
