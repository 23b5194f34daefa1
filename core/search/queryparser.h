// Turns what the user typed (words, "exact phrases", prefix*, tag:vpn) into an FTS5 MATCH expression in which
// every term is a quoted string, so no input can reach FTS5's own syntax; bad input is an error that says why.
#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tsg {

class QueryParser {
public:
    struct Term {
        QString text;        // a word or a phrase, as typed (without its quotes and '*')
        bool prefix = false; // its last word is a prefix
    };
    struct Parsed {
        QString match;     // the FTS5 expression (terms ANDed); empty when the query has only tag: terms
        QList<Term> terms; // what `match` is made of, for marking matches in text
        QStringList tags;  // from tag:…, lower case
    };

    static constexpr int kMaxQueryLength = 1000;
    static constexpr int kMaxTerms = 32;

    // An Invalid (TooLarge for an overlong query) error names the problem: an unterminated quote, a '*' not at
    // the end of a word, an empty tag:, a term with no letters or digits, an empty query.
    static Result<Parsed> parse(const QString &query);
};

} // namespace tsg
