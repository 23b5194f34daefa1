#include "filereader.h"

#include "filetypes.h"
#include "namerules.h"

#include <QStringList>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace tsg {

namespace {

constexpr qint64 kSniffBytes = 8192;
constexpr qint64 kBlock = 1 << 20;

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

// One pass over the file: its line count, where line `firstLine` starts and where line `endLine` starts (the
// size when the file ends first), and the line that `offset` falls in.
struct LineScan {
    int lines = 0;
    qint64 start = -1;
    qint64 end = -1;
    int lineAtOffset = 1;
};

Result<LineScan> scanLines(int fd, qint64 size, qint64 firstLine, qint64 endLine, qint64 offset, const QString &what)
{
    LineScan scan;
    qint64 newlines = 0;
    if (firstLine == 1)
        scan.start = 0;
    if (endLine == 1)
        scan.end = 0;
    bool lastWasNewline = false;
    for (qint64 at = 0; at < size; at += kBlock) {
        const auto block = readAt(fd, at, std::min(kBlock, size - at), what);
        if (!block.ok())
            return block.error();
        const char *data = block.value().constData();
        const qint64 n = block.value().size();
        for (qint64 i = 0; i < n; ++i) {
            if (data[i] != '\n')
                continue;
            if (at + i < offset)
                ++scan.lineAtOffset;
            ++newlines;
            if (newlines + 1 == firstLine)
                scan.start = at + i + 1;
            if (newlines + 1 == endLine)
                scan.end = at + i + 1;
        }
        if (n > 0)
            lastWasNewline = data[n - 1] == '\n';
        if (n < std::min(kBlock, size - at))
            break;
    }
    scan.lines = int(newlines + ((size > 0 && !lastWasNewline) ? 1 : 0));
    if (scan.end < 0)
        scan.end = size;
    return scan;
}

Error notFound(const QString &path, const QString &where)
{
    return Error::notFound(QStringLiteral("File '%1' not found in %2").arg(NameRules::printable(path), where));
}

} // namespace

Result<FileContent> FileReader::read(const SafeDir &dir, const QString &relativePath, const ReadRange &range,
                                     const QString &where)
{
    const QString shown = NameRules::printable(relativePath);
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

    // Folder by folder, never through a link.
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
    const Fd fd(opened.value());
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("'%1' in %2 is not a regular file").arg(shown, where));

    const QString what = QStringLiteral("'%1' in %2").arg(shown, where);
    FileContent out{.path = relativePath, .type = FileTypes::typeOf(relativePath), .size = qint64(st.st_size)};
    out.image = out.type == u"image";
    if (!out.image) {
        const auto head = readAt(fd.get(), 0, std::min(kSniffBytes, out.size), what);
        if (!head.ok())
            return head.error();
        static const QStringList kBinaryTypes = {QStringLiteral("pdf"), QStringLiteral("document"),
                                                 QStringLiteral("spreadsheet")};
        if (kBinaryTypes.contains(out.type) || head.value().contains('\0'))
            return Error::invalid(
                QStringLiteral("%1 is a binary file; only text files and images can be read").arg(what));
    } else if (range.line) {
        return Error::invalid(QStringLiteral("%1 is an image: read it by offset and length, not by line").arg(what));
    }

    qint64 start = range.offset;
    qint64 end = out.size; // what was asked for ends here
    if (range.line) {
        const qint64 endLine = range.lines ? qint64(*range.line) + *range.lines : -1;
        const auto scan = scanLines(fd.get(), out.size, *range.line, endLine, 0, what);
        if (!scan.ok())
            return scan.error();
        out.lines = scan.value().lines;
        if (*range.line > std::max(out.lines, 1) || scan.value().start < 0)
            return Error::invalid(QStringLiteral("line %1 is past the end of %2, which has %3 lines")
                                      .arg(*range.line)
                                      .arg(what)
                                      .arg(out.lines));
        start = scan.value().start;
        end = scan.value().end;
        out.firstLine = *range.line;
    } else {
        if (start > out.size)
            return Error::invalid(QStringLiteral("offset %1 is past the end of %2, which has %3 bytes")
                                      .arg(start)
                                      .arg(what)
                                      .arg(out.size));
        if (range.length)
            end = std::min(out.size, start + *range.length);
        if (!out.image) {
            const auto scan = scanLines(fd.get(), out.size, -1, -1, start, what);
            if (!scan.ok())
                return scan.error();
            out.lines = scan.value().lines;
            out.firstLine = scan.value().lineAtOffset;
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
        const qsizetype lastNewline = (range.line && capped) ? data.lastIndexOf('\n') : -1;
        data.truncate(lastNewline >= 0 ? lastNewline + 1 : wholeUtf8(data));
    }
    out.offset = start;
    out.truncated = capped;
    out.bytes = std::move(data);
    return out;
}

} // namespace tsg
