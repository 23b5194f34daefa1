// Where a text file's lines start, every `every` lines: what FileReader::indexLines gives a viewer and what
// LineIndexCache keeps, in a header of its own so that both can use it without including each other.
#pragma once

#include <QList>
#include <QString>

namespace tsg {

// Where a text file's lines start, every `every` lines: a viewer reads the lines it shows by byte range.
struct LineIndex {
    qint64 size = 0; // of the file when it was read
    int lines = 0;   // as FileContent::lines counts them
    int every = 1;   // offsets[k] is where line k * every + 1 starts
    QList<qint64> offsets = {};
    QString encoding = {}; // as FileContent::encoding
};

} // namespace tsg
