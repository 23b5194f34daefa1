#include "queryparser.h"

namespace tsg {

namespace {

QString quoted(QString text)
{
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool hasWordCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

} // namespace

Result<QueryParser::Parsed> QueryParser::parse(const QString &query)
{
    if (query.size() > kMaxQueryLength)
        return Error::tooLarge(QStringLiteral("The query has %1 characters; at most %2 are allowed")
                                   .arg(query.size())
                                   .arg(kMaxQueryLength));
    Parsed parsed;
    QStringList terms;
    const qsizetype n = query.size();
    qsizetype i = 0;
    while (i < n) {
        if (query.at(i).isSpace()) {
            ++i;
            continue;
        }
        const bool isTag = query.mid(i, 4).compare(QLatin1String("tag:"), Qt::CaseInsensitive) == 0;
        if (isTag)
            i += 4;
        QString text;
        bool phrase = false;
        bool prefix = false;
        if (i < n && query.at(i) == QLatin1Char('"')) {
            const qsizetype close = query.indexOf(QLatin1Char('"'), i + 1);
            if (close < 0)
                return Error::invalid(QStringLiteral("The query has a quote '\"' that is not closed"));
            text = query.mid(i + 1, close - i - 1);
            phrase = true;
            i = close + 1;
            if (i < n && query.at(i) == QLatin1Char('*'))
                return Error::invalid(QStringLiteral("'*' may only end a word, not a phrase"));
        } else {
            const qsizetype start = i;
            while (i < n && !query.at(i).isSpace() && query.at(i) != QLatin1Char('"'))
                ++i;
            text = query.mid(start, i - start);
            if (text.endsWith(QLatin1Char('*')) && !isTag) {
                text.chop(1);
                prefix = true;
            }
            if (text.contains(QLatin1Char('*')))
                return Error::invalid(QStringLiteral("'*' may only end a word, as in 'auth*'"));
        }
        if (isTag) {
            const QString tag = text.trimmed().toLower();
            if (tag.isEmpty())
                return Error::invalid(QStringLiteral("'tag:' needs a tag after it, as in 'tag:vpn'"));
            parsed.tags << tag;
            continue;
        }
        if (phrase && text.trimmed().isEmpty())
            return Error::invalid(QStringLiteral("The query has an empty phrase \"\""));
        if (!hasWordCharacter(text))
            return Error::invalid(QStringLiteral("'%1' has no letters or digits to search for")
                                      .arg(prefix ? text + QLatin1Char('*') : text));
        terms << quoted(text) + (prefix ? QStringLiteral("*") : QString());
        parsed.terms << Term{.text = text, .prefix = prefix};
    }
    if (terms.size() + parsed.tags.size() > kMaxTerms)
        return Error::tooLarge(QStringLiteral("The query has %1 terms; at most %2 are allowed")
                                   .arg(terms.size() + parsed.tags.size())
                                   .arg(kMaxTerms));
    if (terms.isEmpty() && parsed.tags.isEmpty())
        return Error::invalid(QStringLiteral("The query is empty: type a word to search for"));
    parsed.match = terms.join(QLatin1Char(' '));
    return parsed;
}

} // namespace tsg
