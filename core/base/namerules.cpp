#include "namerules.h"

#include <QRegularExpression>

#include <algorithm>

namespace tsg::NameRules {

namespace {

constexpr qsizetype kMaxPathBytes = 4096; // a whole relative path, in UTF-8 (Linux PATH_MAX)
constexpr qsizetype kShownChars = 200;    // how much of a hostile name an error message repeats

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
} // C0, DEL, C1

// "U+00AD" for error messages.
QString codePoint(char32_t c)
{
    return QStringLiteral("U+%1").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
}

// Unicode format characters (category Cf: zero-width space and joiners, soft hyphen, BOM, tags, ...).
// They draw nothing, so "abc" and "abc" + U+00AD would look the same.
bool isFormat(char32_t c)
{
    return QChar::category(c) == QChar::Other_Format;
}

bool isLineOrParagraphSeparator(char32_t c)
{
    return c == 0x2028 || c == 0x2029;
}

// Characters that draw nothing on their own: white space, combining marks, format characters and
// the Hangul fillers (letters by category, blank on screen). A name made only of these looks empty.
bool drawsNothing(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format: return true;
    default: return QChar::isSpace(c) || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }
}

// Characters that pass for '.' or '/' (or '\\') in a path: "\u2024\u2024/x" looks like "../x".
bool looksLikeDotOrSlash(char32_t c)
{
    switch (c) {
    case 0x2024:
    case 0x2025:
    case 0xFE52:
    case 0xFF0E: // one/two dot leader, small and fullwidth full stop
    case 0x2044:
    case 0x2215:
    case 0x29F8:
    case 0xFF0F: // fraction, division, big and fullwidth solidus
    case 0x29F5:
    case 0x29F9:
    case 0xFE68:
    case 0xFF3C: // reverse solidus look-alikes
        return true;
    default: return false;
    }
}

// Windows device names, with or without an extension or trailing spaces/dots: CON, NUL, COM1, "com1.txt",
// "COM1 ", "LPT¹"; compared case-insensitively. "console" or "nullable.md" are ordinary names.
bool isReservedDeviceName(const QString &name)
{
    static const QRegularExpression reserved(
        QStringLiteral(
            "\\A(CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3])(\\..*)?\\z"),
        QRegularExpression::CaseInsensitiveOption);
    QString base = name;
    while (base.endsWith(u' ') || base.endsWith(u'.'))
        base.chop(1);
    return reserved.match(base).hasMatch() || reserved.match(name.section(u'.', 0, 0).trimmed()).hasMatch();
}

// The character and shape rules shared by TSG names, path segments and session file names; empty
// when fine, else a phrase that completes "it …" / "'name' …".
QString segmentProblem(QStringView s)
{
    if (s.isEmpty())
        return QStringLiteral("is empty");
    if (s.size() > kMaxNameBytes) // every UTF-16 unit is at least one UTF-8 byte
        return QStringLiteral("is longer than 255 bytes in UTF-8");
    if (s == u"." || s == u"..")
        return QStringLiteral("is '.' or '..', which are not names");
    if (s.startsWith(u'.'))
        return QStringLiteral("must not start with a dot (hidden names are not allowed)");
    if (!s.isValidUtf16())
        return QStringLiteral("is not valid Unicode (a lone surrogate)");
    const QList<uint> ucs4 = s.toUcs4();
    for (const char32_t c : ucs4) {
        if (c == u'/' || c == u'\\')
            return QStringLiteral("must not contain '/' or '\\'");
        if (c == u':')
            return QStringLiteral("must not contain ':'");
        if (c == 0)
            return QStringLiteral("must not contain NUL");
        if (isControl(c))
            return QStringLiteral("must not contain control characters");
        if (isBidiControl(c))
            return QStringLiteral("must not contain bidirectional control characters");
        if (isFormat(c))
            return QStringLiteral("must not contain the invisible format character %1").arg(codePoint(c));
        if (isLineOrParagraphSeparator(c))
            return QStringLiteral("must not contain a line or paragraph separator");
        if (QChar::isNonCharacter(c))
            return QStringLiteral("must not contain the noncharacter %1").arg(codePoint(c));
        if (c == u'<' || c == u'>' || c == u'"' || c == u'|' || c == u'?' || c == u'*')
            return QStringLiteral("must not contain any of < > \" | ? *");
    }
    // The whole name, and the part before its extension: an invisible stem makes "x.md" look like ".md".
    const qsizetype dot = s.lastIndexOf(u'.');
    const QList<uint> stem = dot > 0 ? s.first(dot).toUcs4() : ucs4;
    if (std::all_of(ucs4.cbegin(), ucs4.cend(), drawsNothing) || std::all_of(stem.cbegin(), stem.cend(), drawsNothing))
        return QStringLiteral("has nothing visible (only spaces, combining marks or invisible characters)");
    if (s.endsWith(u'.') || s.endsWith(u' '))
        return QStringLiteral("must not end with a dot or a space");
    if (isReservedDeviceName(s.toString()))
        return QStringLiteral("is a reserved device name on Windows");
    if (s.toUtf8().size() > kMaxNameBytes)
        return QStringLiteral("is longer than 255 bytes in UTF-8");
    return {};
}

// Paths and session file names only: a character that passes for '.' or '/', empty when none.
QString lookAlikeProblem(QStringView s)
{
    for (const char32_t c : s.toUcs4()) {
        if (looksLikeDotOrSlash(c))
            return QStringLiteral("must not contain %1, which would look like '.' or '/' in a path").arg(codePoint(c));
    }
    return {};
}

// What printable() shows as \uXXXX: characters that move, hide or break the text around them.
bool shownEscaped(char32_t c)
{
    return isControl(c) || isBidiControl(c) || isFormat(c) || isLineOrParagraphSeparator(c) || QChar::isNonCharacter(c);
}

} // namespace

QString printable(QStringView raw)
{
    QString out;
    out.reserve(std::min(raw.size(), kShownChars) + 8);
    qsizetype shown = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (shown == kShownChars) {
            out += QChar(0x2026); // …
            break;
        }
        const QChar c = raw.at(i);
        const bool pair = c.isHighSurrogate() && i + 1 < raw.size() && raw.at(i + 1).isLowSurrogate();
        if (pair && shownEscaped(QChar::surrogateToUcs4(c, raw.at(i + 1)))) {
            out += QStringLiteral("\\u%1\\u%2")
                       .arg(c.unicode(), 4, 16, QChar(u'0'))
                       .arg(raw.at(++i).unicode(), 4, 16, QChar(u'0'));
        } else if (pair) {
            out += c;
            out += raw.at(++i);
        } else if (shownEscaped(c.unicode()) || c.isSurrogate()) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
        ++shown;
    }
    return out;
}

Result<QString> tsgName(const QString &raw)
{
    const QString trimmed = raw.trimmed();
    // 100 characters are at most 800 UTF-16 units even fully decomposed: no need to normalise more.
    if (trimmed.size() > 4 * kMaxNameBytes)
        return Error::invalid(QStringLiteral("TSG name must be between 3 and 100 characters"));
    const QString name = trimmed.normalized(QString::NormalizationForm_C);
    const qsizetype length = name.toUcs4().size();
    if (length < 3 || length > 100)
        return Error::invalid(QStringLiteral("TSG name must be between 3 and 100 characters"));
    if (const QString problem = segmentProblem(name); !problem.isEmpty())
        return Error::invalid(QStringLiteral("Invalid TSG name '%1': it %2").arg(printable(name), problem));
    return name;
}

Status pathSegment(QStringView segment)
{
    QString problem = segmentProblem(segment);
    if (problem.isEmpty())
        problem = lookAlikeProblem(segment);
    if (!problem.isEmpty())
        return Error::invalid(QStringLiteral("'%1' %2").arg(printable(segment), problem));
    return {};
}

Result<QString> relativePath(const QString &raw)
{
    const auto invalid = [&raw](const QString &why) {
        return Error::invalid(QStringLiteral("Invalid file path: %1 (%2)").arg(printable(raw), why));
    };
    if (raw.isEmpty())
        return invalid(QStringLiteral("empty"));
    if (raw.size() > kMaxPathBytes)
        return invalid(QStringLiteral("longer than 4096 bytes"));
    if (raw.contains(QChar(0)))
        return invalid(QStringLiteral("contains NUL"));
    if (raw.contains(u'\\'))
        return invalid(QStringLiteral("backslashes are not path separators here; use '/'"));
    if (raw.startsWith(QStringLiteral("//")))
        return invalid(QStringLiteral("UNC paths are not allowed"));
    if (raw.startsWith(u'/'))
        return invalid(QStringLiteral("absolute paths are not allowed"));
    if (raw.size() >= 2 && raw.at(1) == u':' && raw.at(0).isLetter())
        return invalid(QStringLiteral("drive letters are not allowed"));
    const QString path = raw.normalized(QString::NormalizationForm_C);
    if (path.toUtf8().size() > kMaxPathBytes)
        return invalid(QStringLiteral("longer than 4096 bytes"));
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty())
            return invalid(path.endsWith(u'/') ? QStringLiteral("ends with '/'")
                                               : QStringLiteral("empty path segment"));
        if (part == u"..")
            return invalid(QStringLiteral("'..' segments are not allowed"));
        if (part == u".")
            return invalid(QStringLiteral("'.' segments are not allowed"));
        QString problem = segmentProblem(part);
        if (problem.isEmpty())
            problem = lookAlikeProblem(part);
        if (!problem.isEmpty())
            return invalid(QStringLiteral("'%1' %2").arg(printable(part), problem));
    }
    return path;
}

Status sessionId(const QString &id)
{
    // \z, not $: '$' would also match before a final newline ("abc\n").
    static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9_-]{1,128}\\z"));
    if (id.size() > 128 || !valid.match(id).hasMatch())
        return Error::invalid(
            QStringLiteral("Invalid sessionId '%1': use 1 to 128 letters, digits, '-' or '_'").arg(printable(id)));
    return {};
}

Result<QString> sessionFileName(const QString &raw)
{
    const auto invalid = [&raw](const QString &why) {
        return Error::invalid(
            QStringLiteral("Invalid file path: %1 (a session file name %2)").arg(printable(raw), why));
    };
    if (raw.size() > kMaxNameBytes)
        return invalid(QStringLiteral("is longer than 255 bytes in UTF-8"));
    const QString name = raw.normalized(QString::NormalizationForm_C);
    if (name.contains(u'/') || name.contains(u'\\'))
        return invalid(QStringLiteral("is a plain name, without '/' or '\\'"));
    QString problem = segmentProblem(name);
    if (problem.isEmpty())
        problem = lookAlikeProblem(name);
    if (!problem.isEmpty())
        return invalid(problem);
    return name;
}

QString foldKey(const QString &name)
{
    // Case folding may leave a string that is no longer NFC (and a few letters fold to decomposed
    // forms), so normalise on both sides.
    return name.normalized(QString::NormalizationForm_C).toCaseFolded().normalized(QString::NormalizationForm_C);
}

} // namespace tsg::NameRules
