#include "matchmarker.h"

namespace tsg {

namespace {

// The tokenizer's word characters: letters, digits, private-use characters, and the accents that follow a letter.
bool isWordChar(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_PrivateUse: return true;
    default: return false;
    }
}

struct Word {
    qsizetype start;
    qsizetype end;
};

// The code point at `i` and how many UTF-16 units it takes.
std::pair<char32_t, int> codePointAt(QStringView text, qsizetype i)
{
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return {QChar::surrogateToUcs4(text[i], text[i + 1]), 2};
    return {text[i].unicode(), 1};
}

QList<Word> wordsOf(QStringView text)
{
    QList<Word> words;
    qsizetype i = 0;
    qsizetype start = -1;
    while (i < text.size()) {
        const auto [c, units] = codePointAt(text, i);
        if (isWordChar(c)) {
            if (start < 0)
                start = i;
        } else if (start >= 0) {
            words << Word{start, i};
            start = -1;
        }
        i += units;
    }
    if (start >= 0)
        words << Word{start, i};
    return words;
}

} // namespace

QString MatchMarker::fold(QStringView word)
{
    const bool ascii = std::all_of(word.begin(), word.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        return word.toString().toLower();
    QString decomposed = word.toString().normalized(QString::NormalizationForm_D);
    decomposed.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    return decomposed.toLower();
}

MatchMarker::MatchMarker(const QList<QueryParser::Term> &terms)
{
    for (const QueryParser::Term &term : terms) {
        Phrase phrase{.words = {}, .prefix = term.prefix};
        for (const Word &w : wordsOf(term.text))
            phrase.words << fold(QStringView(term.text).sliced(w.start, w.end - w.start));
        if (!phrase.words.isEmpty())
            m_phrases << phrase;
    }
}

QList<std::pair<qsizetype, qsizetype>> MatchMarker::find(QStringView text) const
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    if (m_phrases.isEmpty())
        return spans;
    const QList<Word> words = wordsOf(text);
    QStringList folded;
    folded.reserve(words.size());
    for (const Word &w : words)
        folded << fold(text.sliced(w.start, w.end - w.start));
    for (qsizetype i = 0; i < words.size();) {
        qsizetype matched = 0;
        for (const Phrase &phrase : m_phrases) {
            const qsizetype n = phrase.words.size();
            if (i + n > words.size())
                continue;
            bool ok = true;
            for (qsizetype k = 0; k < n && ok; ++k) {
                const bool last = k == n - 1;
                ok = last && phrase.prefix ? folded.at(i + k).startsWith(phrase.words.at(k))
                                           : folded.at(i + k) == phrase.words.at(k);
            }
            if (ok)
                matched = std::max(matched, n);
        }
        if (matched > 0) {
            spans << std::pair{words.at(i).start, words.at(i + matched - 1).end};
            i += matched;
        } else {
            ++i;
        }
    }
    return spans;
}

} // namespace tsg
