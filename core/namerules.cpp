#include "namerules.h"

#include <QRegularExpression>

namespace tsg::NameRules {

namespace {

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

// Windows device names, with or without an extension or trailing spaces/dots: CON, NUL, COM1, "com1.txt", …
bool isReservedDeviceName(const QString &name)
{
    static const QRegularExpression reserved(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3])(\\..*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    QString base = name;
    while (base.endsWith(u' ') || base.endsWith(u'.'))
        base.chop(1);
    return reserved.match(base).hasMatch() || reserved.match(name.section(u'.', 0, 0).trimmed()).hasMatch();
}

// The character and shape rules shared by TSG names and path segments; empty when fine.
QString segmentProblem(QStringView s)
{
    if (s.isEmpty())
        return QStringLiteral("is empty");
    if (s == u"." || s == u"..")
        return QStringLiteral("'.' and '..' are not names");
    if (s.startsWith(u'.'))
        return QStringLiteral("must not start with a dot");
    if (s.endsWith(u'.') || s.endsWith(u' '))
        return QStringLiteral("must not end with a dot or a space");
    for (const char32_t c : s.toUcs4()) {
        if (c == u'/' || c == u'\\')
            return QStringLiteral("must not contain '/' or '\\'");
        if (c == u':')
            return QStringLiteral("must not contain ':'");
        if (c == 0)
            return QStringLiteral("must not contain NUL");
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return QStringLiteral("must not contain control characters");
        if (isBidiControl(c))
            return QStringLiteral("must not contain bidirectional control characters");
        if (c == u'<' || c == u'>' || c == u'"' || c == u'|' || c == u'?' || c == u'*')
            return QStringLiteral("must not contain any of < > \" | ? *");
    }
    if (isReservedDeviceName(s.toString()))
        return QStringLiteral("'%1' is a reserved device name on Windows").arg(s);
    if (s.toUtf8().size() > 255)
        return QStringLiteral("is longer than 255 bytes in UTF-8");
    return {};
}

} // namespace

Result<QString> tsgName(const QString &raw)
{
    const QString name = raw.trimmed().normalized(QString::NormalizationForm_C);
    const qsizetype length = name.toUcs4().size();
    if (length < 3 || length > 100)
        return Error::invalid(QStringLiteral("TSG name must be between 3 and 100 characters"));
    if (const QString problem = segmentProblem(name); !problem.isEmpty())
        return Error::invalid(QStringLiteral("Invalid TSG name '%1': it %2").arg(name, problem));
    return name;
}

Status pathSegment(QStringView segment)
{
    if (const QString problem = segmentProblem(segment); !problem.isEmpty())
        return Error::invalid(QStringLiteral("'%1' %2").arg(segment, problem));
    return {};
}

Result<QString> relativePath(const QString &raw)
{
    const auto invalid = [&raw](const QString &why) {
        return Error::invalid(QStringLiteral("Invalid file path: %1 (%2)").arg(raw, why));
    };
    if (raw.isEmpty())
        return invalid(QStringLiteral("empty"));
    if (raw.contains(QChar(0)))
        return invalid(QStringLiteral("contains NUL"));
    if (raw.contains(u'\\'))
        return invalid(QStringLiteral("backslashes are not path separators here; use '/'"));
    if (raw.startsWith(u'/'))
        return invalid(QStringLiteral("absolute paths are not allowed"));
    if (raw.size() >= 2 && raw.at(1) == u':' && raw.at(0).isLetter())
        return invalid(QStringLiteral("drive letters are not allowed"));
    const QString path = raw.normalized(QString::NormalizationForm_C);
    if (path.toUtf8().size() > 4096)
        return invalid(QStringLiteral("longer than 4096 bytes"));
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty())
            return invalid(QStringLiteral("empty path segment"));
        if (part == u"..")
            return invalid(QStringLiteral("'..' segments are not allowed"));
        if (const QString problem = segmentProblem(part); !problem.isEmpty())
            return invalid(QStringLiteral("'%1' %2").arg(part, problem));
    }
    return path;
}

Status sessionId(const QString &id)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    if (!valid.match(id).hasMatch())
        return Error::invalid(QStringLiteral("Invalid sessionId '%1': use 1 to 128 letters, digits, '-' or '_'")
                                  .arg(id.left(140)));
    return {};
}

Result<QString> sessionFileName(const QString &raw)
{
    const QString name = raw.normalized(QString::NormalizationForm_C);
    if (const QString problem = segmentProblem(name); !problem.isEmpty())
        return Error::invalid(QStringLiteral("Invalid file name: %1 (%2)").arg(raw, problem));
    return name;
}

QString foldKey(const QString &name)
{
    return name.normalized(QString::NormalizationForm_C).toCaseFolded();
}

} // namespace tsg::NameRules
