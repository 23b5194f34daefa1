// Fuzzes the name and path rules (core/namerules.*) and the upload validator (core/uploadvalidator.*).
// The input is read as UTF-8 or, by its first byte, as raw UTF-16 (lone surrogates included), and tried
// as a TSG name, a relative path, a session file name, a session id and a batch of paths (one a line).
// Whatever a rule accepts must:
//  - resolve inside its folder (QDir::cleanPath keeps it under the base);
//  - hold no NUL, control character, '..' or '.' segment, Unicode format character (Cf), line or
//    paragraph separator or noncharacter, and something visible; a path holds no look-alike dot or slash;
//  - be creatable in a temporary folder (no ENAMETOOLONG or other refusal of the file system).
#include "fuzzcheck.h"
#include "namerules.h"
#include "settings.h"
#include "uploadvalidator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tsg;

namespace {

QTemporaryDir *scratch = nullptr;

bool isInvisibleOrFormat(char32_t c)
{
    const auto category = QChar::category(c);
    return category == QChar::Other_Format || c == 0x2028 || c == 0x2029 || QChar::isNonCharacter(c);
}

bool looksLikeDotOrSlash(char32_t c)
{
    switch (c) {
    case 0x2024:
    case 0x2025:
    case 0xFE52:
    case 0xFF0E: // dots
    case 0x2215:
    case 0x2044:
    case 0x29F8:
    case 0xFF0F:
    case 0x29F5:
    case 0x29F9:
    case 0xFE68:
    case 0xFF3C: // slashes
        return true;
    default: return false;
    }
}

bool hasVisible(QStringView s)
{
    for (const char32_t c : s.toUcs4()) {
        const auto category = QChar::category(c);
        if (!QChar::isSpace(c) && category != QChar::Other_Format && category != QChar::Mark_NonSpacing
            && category != QChar::Mark_Enclosing && category != QChar::Mark_SpacingCombining)
            return true;
    }
    return false;
}

// The character properties every accepted segment has.
void checkSegment(QStringView segment, const QString &whole)
{
    FUZZ_CHECK(!segment.isEmpty(), QStringLiteral("empty segment in ") + whole);
    FUZZ_CHECK(segment != u"." && segment != u"..", QStringLiteral("'.' or '..' segment in ") + whole);
    FUZZ_CHECK(segment.isValidUtf16(), QStringLiteral("lone surrogate accepted"));
    FUZZ_CHECK(segment.toUtf8().size() <= 255, QStringLiteral("segment over 255 bytes accepted"));
    FUZZ_CHECK(hasVisible(segment), QStringLiteral("a segment with nothing visible: ") + NameRules::printable(whole));
    for (const char32_t c : segment.toUcs4()) {
        FUZZ_CHECK(c >= 0x20 && !(c >= 0x7F && c <= 0x9F),
                   QStringLiteral("control character accepted in ") + NameRules::printable(whole));
        FUZZ_CHECK(!isInvisibleOrFormat(c),
                   QStringLiteral("format character, separator or noncharacter U+%1 accepted")
                       .arg(uint(c), 4, 16, QChar(u'0')));
        FUZZ_CHECK(c != u'\\' && c != u'/', QStringLiteral("separator inside a segment"));
    }
}

// Creates `relative` (and its folders) under the scratch folder, then removes it again.
void checkCreatable(const QString &relative)
{
    const QString base = scratch->path();
    const QString full = base + u'/' + relative;
    FUZZ_CHECK(QDir::cleanPath(full).startsWith(base + u'/'),
               QStringLiteral("resolves outside its folder: ") + relative);
    const QStringList parts = relative.split(u'/');
    QString at = base;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        at += u'/' + parts.at(i);
        const QByteArray native = QFile::encodeName(at);
        FUZZ_CHECK(::mkdir(native.constData(), 0700) == 0 || errno == EEXIST,
                   QStringLiteral("mkdir refused %1: %2")
                       .arg(NameRules::printable(relative), QString::fromLocal8Bit(std::strerror(errno))));
    }
    const QByteArray native = QFile::encodeName(full);
    const int fd = ::open(native.constData(), O_CREAT | O_WRONLY | O_EXCL | O_CLOEXEC, 0600);
    FUZZ_CHECK(fd >= 0,
               QStringLiteral("the file system refused %1: %2")
                   .arg(NameRules::printable(relative), QString::fromLocal8Bit(std::strerror(errno))));
    ::close(fd);
    QDir(base + u'/' + parts.first()).removeRecursively();
    QFile::remove(base + u'/' + parts.first());
}

void checkPath(const QString &path)
{
    FUZZ_CHECK(!path.startsWith(u'/'), QStringLiteral("absolute path accepted"));
    for (const QStringView segment : QStringView(path).split(u'/')) {
        checkSegment(segment, path);
        for (const char32_t c : segment.toUcs4())
            FUZZ_CHECK(!looksLikeDotOrSlash(c),
                       QStringLiteral("look-alike dot or slash U+%1 accepted in a path")
                           .arg(uint(c), 4, 16, QChar(u'0')));
    }
    checkCreatable(path);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    scratch = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/tsgdesk-fuzz-names-XXXXXX"));
    return scratch->isValid() ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *rest = reinterpret_cast<const char *>(data + 1);
    const qsizetype n = qsizetype(size - 1);
    const QString input =
        (data[0] & 1) ? QString(reinterpret_cast<const QChar *>(rest), n / 2) : QString::fromUtf8(rest, n);

    const QString shown = NameRules::printable(input);
    for (const QChar c : shown)
        FUZZ_CHECK(c.unicode() >= 0x20 && !(c.unicode() >= 0x7F && c.unicode() <= 0x9F) && !c.isSurrogate()
                       || (c.isSurrogate() && shown.isValidUtf16()),
                   QStringLiteral("printable() let a control character or lone surrogate through"));
    (void)NameRules::foldKey(input);

    if (const auto name = NameRules::tsgName(input); name.ok()) {
        const qsizetype length = name.value().toUcs4().size();
        FUZZ_CHECK(length >= 3 && length <= 100, QStringLiteral("TSG name length %1 accepted").arg(length));
        FUZZ_CHECK(!name.value().contains(u'/'), QStringLiteral("TSG name with a slash"));
        checkSegment(name.value(), name.value());
        checkCreatable(name.value());
    }
    if (const auto path = NameRules::relativePath(input); path.ok())
        checkPath(path.value());
    if (const auto file = NameRules::sessionFileName(input); file.ok()) {
        checkSegment(file.value(), file.value());
        checkCreatable(file.value());
    }
    if (NameRules::sessionId(input).ok()) {
        for (const QChar c : input)
            FUZZ_CHECK(c.isLetterOrNumber() && c.unicode() < 0x80 || c == u'-' || c == u'_',
                       QStringLiteral("session id"));
        checkCreatable(input);
    }

    // A batch: one path a line, sizes from the line lengths.
    QList<FileToCheck> files;
    for (const QString &line : input.split(u'\n'))
        files.append({line, line.size()});
    if (const auto tsg = UploadValidator::validateTsgUpload(files, TsgSettings{}); tsg.ok()) {
        FUZZ_CHECK(tsg.value().size() == files.size(), QStringLiteral("validator lost a file"));
        for (const QString &p : tsg.value())
            checkPath(p);
    }
    if (const auto session = UploadValidator::validateSessionUpload(files, SessionSettings{}, 0); session.ok()) {
        for (const QString &name : session.value()) {
            checkSegment(name, name);
            checkCreatable(name);
        }
    }
    return 0;
}
