// Reads part of one file below a safe folder for a client that shows or quotes it (tsg:read-file,
// session:read-file, the window's preview): a byte range or a range of lines, at most 1 MiB, text as UTF-8
// (whatever the file's encoding) and images as bytes, never through a symbolic link; also where a text file's
// lines start, and a whole document's bytes. It exists so that no view opens files by path itself.
#pragma once

#include "lineindex.h"
#include "result.h"
#include "safedir.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tsg {

class LineIndexCache;

// Whether a read of text counts the lines of the whole file (FileContent::lines, and the line a byte range starts
// in), which reads all of it: Skip for a caller that knows its lines already (the window's log viewer).
enum class LineCount { Whole, Skip };

// Which part of the file: a byte range (offset, length), or for text a range of 1-based lines (line, lines).
struct ReadRange {
    qint64 offset = 0;                 // first byte; not with `line`
    std::optional<qint64> length = {}; // bytes from offset; the rest of the file (up to the cap) when not given
    std::optional<int> line = {};      // first line, 1-based (text only)
    std::optional<int> lines = {};     // lines from `line`; to the end of the file (up to the cap) when not given
    LineCount lineCount = LineCount::Whole;
};

struct FileContent {
    QString path = {};                 // as asked
    QString type = {};                 // FileTypes::typeOf: markdown, text, log, json, yaml, image, …
    qint64 size = 0;                   // of the whole file
    bool image = false;                // bytes are an image's (sent as base64); UTF-8 text otherwise
    QString encoding = {};             // text: the file's own ("UTF-8", "UTF-16LE", "UTF-16BE", "Latin-1")
    QByteArray bytes = {};             // the part read: whole characters as UTF-8 (whole lines for a line range)
    qint64 offset = 0;                 // where the part starts in the file
    qint64 length = 0;                 // the part's length in the file (not bytes.size() for UTF-16 or Latin-1)
    int lines = 0;                     // text: lines in the whole file (a last line without '\n' counts); 0 with
                                       // LineCount::Skip
    std::optional<int> firstLine = {}; // text: the 1-based line `bytes` starts in (a byte range: not with Skip)
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
    // Text in UTF-16 (with or without a byte order mark) or Latin-1 comes back as UTF-8, from the range of the
    // file's own bytes (`offset`, `length`); the encoding is detected from the file's first 64 KiB.
    // The line count, where a line range starts and the line a byte range starts in come from lineIndexCache()
    // when it holds this version of the file; else a read with LineCount::Whole scans the whole file once and
    // stores its index there (not for a file modified in the last 2 s: a second write within the file system's
    // timestamp granularity would leave no trace in its identity), and a read with Skip scans from the start.
    static Result<FileContent> read(const SafeDir &dir, const QString &relativePath, const ReadRange &range,
                                    const QString &where);
    // The start of every `every`-th line of a text file (refused as read() refuses it), in one pass. Reads the
    // disk: call from a worker thread.
    static Result<LineIndex> indexLines(const SafeDir &dir, const QString &relativePath, int every,
                                        const QString &where);
    // The whole file's bytes as they are (a PDF or an image to show), at most `maxBytes` (TooLarge beyond),
    // confined as read() is. Reads the disk: call from a worker thread.
    static Result<QByteArray> readAll(const SafeDir &dir, const QString &relativePath, qint64 maxBytes,
                                      const QString &where);

    // The process's one cache of line indexes, which read() uses and fills. A static here rather than a member of
    // Library: FileReader is all static functions, called on the library's pool for TSG and session files alike,
    // so a static gives one cache per process without a cache parameter on every call. Thread-safe.
    static LineIndexCache &lineIndexCache();
};

} // namespace tsg
