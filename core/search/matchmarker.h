// Finds where a query's terms occur in a piece of text, word by word as the index's tokenizer (FTS5 unicode61,
// remove_diacritics 2) sees it: the index keeps no copy of a file's text, so a hit's snippet is cut from the file
// on disk and its matches are marked here.
#pragma once

#include "queryparser.h"

#include <QList>
#include <QStringList>
#include <QStringView>

#include <utility>

namespace tsg {

class MatchMarker {
public:
    explicit MatchMarker(const QList<QueryParser::Term> &terms);

    // The spans [start, end) of `text` where a term matches, in order and not overlapping.
    QList<std::pair<qsizetype, qsizetype>> find(QStringView text) const;

    // A word as the tokenizer compares it: lower case, without accents.
    static QString fold(QStringView word);

private:
    struct Phrase {
        QStringList words; // folded
        bool prefix = false;
    };
    QList<Phrase> m_phrases;
};

} // namespace tsg
