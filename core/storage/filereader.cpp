#include "filereader.h"

#include "filetypes.h"
#include "lineindexcache.h"
#include "namerules.h"
#include "textdecoder.h"

#include <QStringList>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

namespace tsg {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024; // as TextDecoder sniffs
constexpr qint64 kBlock = 1 << 20;
constexpr int kCachedEvery = 1024;           // a cached index holds the start of every 1024th line
constexpr qint64 kSettledNs = 2'000'000'000; // a file unmodified for this long is cached (FAT's mtime step)

// Closes the descriptor it holds.
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() { ::close(m_fd); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

Result<QByteArray> readAt(int fd, qint64 offset, qint64 size, const QString &what)
{
    QByteArray out(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, out.data() + done, size_t(size - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::io(
                QStringLiteral("%1 could not be read: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))));
        if (n == 0)
            break; // the file shrank meanwhile
        done += n;
    }
    out.truncate(done);
    return out;
}

// How many bytes of `bytes` (from the start) end on a whole UTF-8 character.
qint64 wholeUtf8(const QByteArray &bytes)
{
    qint64 end = bytes.size();
    // Step back over at most three continuation bytes to the lead byte of the last character.
    qint64 i = end - 1;
    int continuations = 0;
    while (i >= 0 && continuations < 3 && (uchar(bytes.at(i)) & 0xC0) == 0x80) {
        --i;
        ++continuations;
    }
    if (i < 0)
        return end;
    const uchar lead = uchar(bytes.at(i));
    const int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    return need > continuations ? i : end;
}

using Encoding = TextDecoder::Encoding;

bool isUtf16(Encoding e)
{
    return e == Encoding::Utf16LE || e == Encoding::Utf16BE;
}

// Calls `found(after)` for each newline of the file from `from` on (`after`: the offset just past it), in order,
// until it returns false. A UTF-16 newline is a whole code unit at an even offset; `from` must be one.
Status scanNewlines(int fd, qint64 from, qint64 size, Encoding encoding, const std::function<bool(qint64)> &found,
                    const QString &what)
{
    for (qint64 at = from; at < size; at += kBlock) {
        const auto block = readAt(fd, at, std::min(kBlock, size - at), what);
        if (!block.ok())
            return block.error();
        const char *data = block.value().constData();
        const qint64 n = block.value().size();
        const char *const endOfData = data + n;
        for (const char *p = data; p < endOfData; ++p) {
            p = static_cast<const char *>(std::memchr(p, '\n', size_t(endOfData - p)));
            if (!p)
                break;
            const qint64 i = p - data;
            qint64 after = -1;
            if (encoding == Encoding::Utf16LE) {
                if (i % 2 == 0 && i + 1 < n && data[i + 1] == 0)
                    after = at + i + 2;
            } else if (encoding == Encoding::Utf16BE) {
                if (i % 2 == 1 && data[i - 1] == 0)
                    after = at + i + 1;
            } else {
                after = at + i + 1;
            }
            if (after >= 0 && !found(after))
                return {};
        }
        if (n < std::min(kBlock, size - at))
            break;
    }
    return {};
}

// Where the last whole line of `data` (starting at an even offset for UTF-16) ends; -1 when it has no newline.
qsizetype lastLineEnd(const QByteArray &data, Encoding encoding)
{
    if (!isUtf16(encoding)) {
        const qsizetype at = data.lastIndexOf('\n');
        return at < 0 ? -1 : at + 1;
    }
    for (qsizetype i = (data.size() & ~qsizetype(1)) - 2; i >= 0; i -= 2) {
        const bool newline = encoding == Encoding::Utf16LE ? (data[i] == '\n' && data[i + 1] == 0)
                                                           : (data[i] == 0 && data[i + 1] == '\n');
        if (newline)
            return i + 2;
    }
    return -1;
}

// How many bytes of `data` (UTF-16, from an even offset) end on a whole character: an even count, without a
// lone high surrogate at the end.
qsizetype wholeUtf16(const QByteArray &data, Encoding encoding)
{
    const qsizetype n = data.size() & ~qsizetype(1);
    if (n < 2)
        return n;
    const uchar a = uchar(data[n - 2]), b = uchar(data[n - 1]);
    const char16_t last = encoding == Encoding::Utf16LE ? char16_t(a | (b << 8)) : char16_t((a << 8) | b);
    return QChar::isHighSurrogate(last) ? n - 2 : n;
}

// The text of `data` (from `start` in a file in `encoding`) as UTF-8, without a byte order mark.
QByteArray toUtf8(const QByteArray &data, qint64 start, Encoding encoding, int bom)
{
    const QByteArrayView view =
        QByteArrayView(data).sliced(std::min<qint64>(data.size(), std::max<qint64>(0, bom - start)));
    return encoding == Encoding::Utf8 ? view.toByteArray() : TextDecoder::decodeAs(encoding, view).toUtf8();
}

Error notFound(const QString &path, const QString &where)
{
    return Error::notFound(QStringLiteral("File '%1' not found in %2").arg(NameRules::printable(path), where));
}

// Opens `relativePath` below `dir` for reading, folder by folder, never through a link; an owned descriptor.
Result<int> openConfined(const SafeDir &dir, const QString &relativePath, const QString &where)
{
    const QString shown = NameRules::printable(relativePath);
    const QStringList segments = relativePath.split(u'/');
    SafeDir current;
    const SafeDir *at = &dir;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &segment = segments.at(i);
        const auto st = at->stat(segment);
        if (!st.ok())
            return Error::io(QStringLiteral("'%1' in %2 could not be read").arg(shown, where));
        if (!st.value())
            return notFound(relativePath, where);
        const mode_t mode = st.value()->st_mode;
        if (S_ISLNK(mode))
            return Error::invalid(QStringLiteral("'%1' in %2 is a symbolic link, which TSG Desk never follows")
                                      .arg(NameRules::printable(segments.mid(0, i + 1).join(u'/')), where));
        if (i + 1 < segments.size()) {
            if (!S_ISDIR(mode))
                return notFound(relativePath, where);
            auto sub = at->subdir(segment);
            if (!sub.ok())
                return Error::invalid(QStringLiteral("'%1' in %2 could not be opened: %3")
                                          .arg(shown, where, sub.error().message.section(u':', -1).trimmed()));
            current = std::move(sub).value();
            at = &current;
        } else if (S_ISDIR(mode)) {
            return Error::invalid(QStringLiteral("'%1' in %2 is a folder, not a file").arg(shown, where));
        } else if (!S_ISREG(mode)) {
            return Error::invalid(QStringLiteral("'%1' in %2 is not a regular file").arg(shown, where));
        }
    }
    const auto opened = at->openFileForReading(segments.constLast());
    if (!opened.ok())
        return Error::invalid(QStringLiteral("'%1' in %2 could not be opened").arg(shown, where));
    return opened.value();
}

Result<struct stat> statOf(const Fd &fd, const QString &relativePath, const QString &where)
{
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return Error::invalid(
            QStringLiteral("'%1' in %2 is not a regular file").arg(NameRules::printable(relativePath), where));
    return st;
}

Result<qint64> sizeOf(const Fd &fd, const QString &relativePath, const QString &where)
{
    const auto st = statOf(fd, relativePath, where);
    if (!st.ok())
        return st.error();
    return qint64(st.value().st_size);
}

// The encoding of a text file of `type`, and the length of its byte order mark; Invalid for a binary file.
Result<std::pair<Encoding, int>> textEncoding(const Fd &fd, qint64 size, const QString &type, const QString &what)
{
    const auto head = readAt(fd.get(), 0, std::min(kSniffBytes, size), what);
    if (!head.ok())
        return head.error();
    static const QStringList kBinaryTypes = {QStringLiteral("pdf"), QStringLiteral("document"),
                                             QStringLiteral("spreadsheet")};
    const auto encoding = kBinaryTypes.contains(type) ? std::nullopt : TextDecoder::detect(head.value());
    if (!encoding)
        return Error::invalid(QStringLiteral("%1 is a binary file; only text files and images can be read").arg(what));
    return std::pair{*encoding, TextDecoder::bomLength(*encoding, head.value())};
}

qint64 nanoseconds(const timespec &t)
{
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

FileIdentity identityOf(const struct stat &st, const QString &encoding)
{
    return {.device = quint64(st.st_dev),
            .inode = quint64(st.st_ino),
            .size = qint64(st.st_size),
            .mtimeNs = nanoseconds(st.st_mtim),
            .ctimeNs = nanoseconds(st.st_ctim),
            .encoding = encoding};
}

// The start of every `every`-th line of the whole file, in one pass, and its line count.
Result<LineIndex> scanIndex(int fd, qint64 size, Encoding encoding, int bom, int every, const QString &what)
{
    LineIndex index{.size = size, .every = every, .offsets = {0}, .encoding = TextDecoder::nameOf(encoding)};
    qint64 newlines = 0, lastAfter = -1;
    const Status scanned = scanNewlines(
        fd, 0, size, encoding,
        [&](qint64 after) {
            ++newlines;
            lastAfter = after;
            if (newlines % every == 0 && after < size)
                index.offsets.append(after);
            return true;
        },
        what);
    if (!scanned.ok())
        return scanned.error();
    index.lines = int(newlines + ((size > bom && lastAfter != size) ? 1 : 0));
    return index;
}

// Keeps a freshly scanned index for the next read, unless the file may have changed without a trace in its
// identity: during the scan (its identity now differs), or by a write in the same tick of the file system's
// clock as its last one (mtime unchanged), which only a file modified shortly before `scanStartNs` can suffer.
void keepIndex(const Fd &fd, const FileIdentity &file, const LineIndex &index, qint64 scanStartNs)
{
    if (file.mtimeNs > scanStartNs - kSettledNs)
        return;
    struct stat now {};
    if (::fstat(fd.get(), &now) != 0 || !(identityOf(now, file.encoding) == file))
        return;
    FileReader::lineIndexCache().insert(file, index);
}

// Where line `first` starts and where line `endLine` starts, scanning from the nearest line start `index` holds.
// start is -1 when the file has fewer than first - 1 newlines; end is -1 when endLine is (-1), when the file has
// no such line, or when it starts more than FileReader::kMaxBytes after `first`: a reply is capped there anyway.
struct LineSpan {
    qint64 start = -1;
    qint64 end = -1;
};
Result<LineSpan> findLines(int fd, const LineIndex &index, qint64 first, qint64 endLine, Encoding encoding,
                           const QString &what)
{
    const qsizetype k = qsizetype(std::min<qint64>((first - 1) / index.every, index.offsets.size() - 1));
    qint64 line = qint64(k) * index.every + 1; // the line that starts at offsets[k]
    LineSpan span;
    if (line == first)
        span.start = index.offsets.at(k);
    if (span.start >= 0 && endLine < 0)
        return span;
    const Status scanned = scanNewlines(
        fd, index.offsets.at(k), index.size, encoding,
        [&](qint64 after) {
            ++line;
            if (line == first)
                span.start = after;
            if (line == endLine) {
                span.end = after;
                return false;
            }
            return span.start < 0 || (endLine >= 0 && after - span.start <= FileReader::kMaxBytes);
        },
        what);
    if (!scanned.ok())
        return scanned.error();
    return span;
}

// The 1-based line that byte `offset` is in, scanning from the nearest line start `index` holds before it.
Result<int> lineAt(int fd, const LineIndex &index, qint64 offset, Encoding encoding, const QString &what)
{
    const auto after = std::upper_bound(index.offsets.cbegin(), index.offsets.cend(), offset);
    const qsizetype k = std::max<qsizetype>(0, (after - index.offsets.cbegin()) - 1);
    qint64 line = qint64(k) * index.every + 1;
    const Status scanned = scanNewlines(
        fd, index.offsets.at(k), index.size, encoding,
        [&](qint64 newlineEnd) {
            if (newlineEnd > offset)
                return false;
            ++line;
            return true;
        },
        what);
    if (!scanned.ok())
        return scanned.error();
    return int(line);
}

} // namespace

LineIndexCache &FileReader::lineIndexCache()
{
    static LineIndexCache cache; // one per process, made on the first call (thread-safe in C++11 and later)
    return cache;
}

Result<FileContent> FileReader::read(const SafeDir &dir, const QString &relativePath, const ReadRange &range,
                                     const QString &where)
{
    if (range.offset < 0)
        return Error::invalid(QStringLiteral("offset must be 0 or more"));
    if (range.length && *range.length < 0)
        return Error::invalid(QStringLiteral("length must be 0 or more"));
    if (range.line && *range.line < 1)
        return Error::invalid(QStringLiteral("line must be 1 or more (lines are numbered from 1)"));
    if (range.lines && *range.lines < 1)
        return Error::invalid(QStringLiteral("lines must be 1 or more"));
    if (range.lines && !range.line)
        return Error::invalid(QStringLiteral("lines needs line, the first line to read"));
    if (range.line && (range.offset != 0 || range.length))
        return Error::invalid(QStringLiteral("Give either offset and length, or line and lines, not both"));

    const auto opened = openConfined(dir, relativePath, where);
    if (!opened.ok())
        return opened.error();
    const Fd fd(opened.value());
    const qint64 openedNs = nanoseconds([] {
        timespec t{};
        ::clock_gettime(CLOCK_REALTIME, &t);
        return t;
    }());
    const auto st = statOf(fd, relativePath, where);
    if (!st.ok())
        return st.error();

    const QString what = QStringLiteral("'%1' in %2").arg(NameRules::printable(relativePath), where);
    FileContent out{.path = relativePath, .type = FileTypes::typeOf(relativePath), .size = st.value().st_size};
    out.image = out.type == u"image";
    Encoding encoding = Encoding::Utf8;
    int bom = 0;
    if (!out.image) {
        const auto text = textEncoding(fd, out.size, out.type, what);
        if (!text.ok())
            return text.error();
        std::tie(encoding, bom) = text.value();
        out.encoding = TextDecoder::nameOf(encoding);
    } else if (range.line) {
        return Error::invalid(QStringLiteral("%1 is an image: read it by offset and length, not by line").arg(what));
    }
    const bool whole = range.lineCount == LineCount::Whole;

    // The line index of this version of the file: the cached one; else, when the whole file is to be counted
    // anyway, one made in that pass (and kept); else none, and a line range is looked for from the start.
    std::optional<LineIndex> index;
    if (!out.image && (range.line || whole)) {
        const FileIdentity file = identityOf(st.value(), out.encoding);
        index = lineIndexCache().find(file);
        if (!index && whole) {
            auto scanned = scanIndex(fd.get(), out.size, encoding, bom, kCachedEvery, what);
            if (!scanned.ok())
                return scanned.error();
            index = std::move(scanned).value();
            keepIndex(fd, file, *index, openedNs);
        }
        if (whole)
            out.lines = index->lines;
    }

    qint64 start = range.offset;
    qint64 end = out.size; // what was asked for ends here
    if (range.line) {
        const qint64 firstLine = *range.line;
        const qint64 endLine = range.lines ? firstLine + *range.lines : -1;
        const auto span =
            findLines(fd.get(), index ? *index : LineIndex{.size = out.size, .every = INT_MAX, .offsets = {0}},
                      firstLine, endLine, encoding, what);
        if (!span.ok())
            return span.error();
        const qint64 startAt = span.value().start, endAt = span.value().end;
        // A line exists when it starts before the end of the file; the first always does.
        if (startAt < 0 || (firstLine > 1 && startAt >= out.size))
            return Error::invalid(whole ? QStringLiteral("line %1 is past the end of %2, which has %3 lines")
                                              .arg(firstLine)
                                              .arg(what)
                                              .arg(out.lines)
                                        : QStringLiteral("line %1 is past the end of %2").arg(firstLine).arg(what));
        start = startAt;
        end = endAt < 0 ? out.size : endAt;
        out.firstLine = int(firstLine);
    } else {
        if (start > out.size)
            return Error::invalid(QStringLiteral("offset %1 is past the end of %2, which has %3 bytes")
                                      .arg(start)
                                      .arg(what)
                                      .arg(out.size));
        if (range.length)
            end = std::min(out.size, start + *range.length);
        if (isUtf16(encoding) && !out.image)
            start &= ~qint64(1); // a whole code unit
        if (!out.image && whole) {
            const auto line = lineAt(fd.get(), *index, start, encoding, what);
            if (!line.ok())
                return line.error();
            out.firstLine = line.value();
        }
    }

    const qint64 wanted = std::min(end - start, kMaxBytes);
    auto bytes = readAt(fd.get(), start, wanted, what);
    if (!bytes.ok())
        return bytes.error();
    QByteArray &data = bytes.value();
    const bool capped = end - start > kMaxBytes;
    if (!out.image && start + data.size() < out.size) {
        // Text ends on a whole character, and on a whole line when a line range was cut by the cap (and one fits).
        const qsizetype lineEnd = (range.line && capped) ? lastLineEnd(data, encoding) : -1;
        data.truncate(lineEnd >= 0                     ? lineEnd
                          : isUtf16(encoding)          ? wholeUtf16(data, encoding)
                          : encoding == Encoding::Utf8 ? wholeUtf8(data)
                                                       : data.size());
    }
    out.offset = start;
    out.length = data.size();
    out.truncated = capped;
    out.bytes = out.image ? std::move(data) : toUtf8(data, start, encoding, bom);
    return out;
}

Result<LineIndex> FileReader::indexLines(const SafeDir &dir, const QString &relativePath, int every,
                                         const QString &where)
{
    if (every < 1)
        return Error::invalid(QStringLiteral("every must be 1 or more"));
    const auto opened = openConfined(dir, relativePath, where);
    if (!opened.ok())
        return opened.error();
    const Fd fd(opened.value());
    const auto size = sizeOf(fd, relativePath, where);
    if (!size.ok())
        return size.error();
    const QString what = QStringLiteral("'%1' in %2").arg(NameRules::printable(relativePath), where);
    const QString type = FileTypes::typeOf(relativePath);
    if (type == u"image")
        return Error::invalid(QStringLiteral("%1 is an image, not text").arg(what));
    const auto text = textEncoding(fd, size.value(), type, what);
    if (!text.ok())
        return text.error();
    const auto [encoding, bom] = text.value();
    return scanIndex(fd.get(), size.value(), encoding, bom, every, what);
}

Result<QByteArray> FileReader::readAll(const SafeDir &dir, const QString &relativePath, qint64 maxBytes,
                                       const QString &where)
{
    const auto opened = openConfined(dir, relativePath, where);
    if (!opened.ok())
        return opened.error();
    const Fd fd(opened.value());
    const auto size = sizeOf(fd, relativePath, where);
    if (!size.ok())
        return size.error();
    const QString what = QStringLiteral("'%1' in %2").arg(NameRules::printable(relativePath), where);
    if (size.value() > maxBytes)
        return Error::tooLarge(QStringLiteral("%1 is %2 MiB; at most %3 MiB can be shown")
                                   .arg(what)
                                   .arg(double(size.value()) / (1 << 20), 0, 'f', 1)
                                   .arg(maxBytes >> 20));
    return readAt(fd.get(), 0, size.value(), what);
}

} // namespace tsg
