// What the index stores of one file: its text cut into blocks that each know their first line (markdown, text
// and logs) or their page (PDFs). Images and other binaries give no blocks: they are found by name only.
#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace tsg {

class SafeDir;

class DocumentExtractor {
public:
    struct Block {
        QString text;
        int firstLine = 0; // 1-based line of the block's first line; 0 for PDF pages
        int page = 0;      // 1-based page for PDFs; 0 otherwise
    };
    struct Document {
        QString type;        // FileTypes' name, or "pdf"
        QList<Block> blocks; // empty for images, binaries and files too large to read
    };

    static constexpr int kLinesPerBlock = 40;
    static constexpr qint64 kMaxTextBytes = 128LL << 20; // larger: by name only (the text is read whole)

    // The type of a file name, as the index stores it.
    static QString typeOf(const QString &fileName);

    // Reads `name` in `dir` (never through a symlink) and cuts it into blocks. `relativePath` is for messages.
    // An error only when the file cannot be read; a binary or unreadable PDF is a Document without blocks.
    static Result<Document> extract(const SafeDir &dir, const QString &name, const QString &relativePath);

    // Cuts decoded text into blocks of kLinesPerBlock lines (exposed for the tests of line numbers).
    static QList<Block> splitLines(const QString &text);
};

} // namespace tsg
