// What the index stores of one file: its text as UTF-8 cut into blocks of kLinesPerBlock lines (markdown, text and
// logs), each knowing where it starts in the file, or one block per page (PDFs). Images and other binaries give no
// blocks: they are found by name only. Block k (1-based) starts at line (k - 1) * kLinesPerBlock + 1, or is page k.
#pragma once

#include "result.h"
#include "textdecoder.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace tsg {

class SafeDir;

class DocumentExtractor {
public:
    struct Block {
        qsizetype start = 0;   // in Document::utf8
        qsizetype length = 0;  // bytes in Document::utf8
        qint64 fileOffset = 0; // where its first line starts in the file's own bytes; -1 for a PDF page
        int page = 0;          // 1-based page for PDFs; 0 otherwise
    };
    struct Document {
        QString type;                                                 // FileTypes' name, or "pdf"
        TextDecoder::Encoding encoding = TextDecoder::Encoding::Utf8; // of a text file
        QByteArray utf8;                                              // the text of every block, one after the other
        QList<Block> blocks; // empty for images, binaries and files too large to read

        QByteArrayView text(const Block &block) const { return QByteArrayView(utf8).sliced(block.start, block.length); }
    };

    static constexpr int kLinesPerBlock = 40;
    static constexpr qint64 kMaxTextBytes = 128LL << 20; // larger: by name only (the text is read whole)

    // The type of a file name, as the index stores it.
    static QString typeOf(const QString &fileName);

    // Reads `name` in `dir` (never through a symlink) and cuts it into blocks. `relativePath` is for messages.
    // An error only when the file cannot be read; a binary or unreadable PDF is a Document without blocks.
    static Result<Document> extract(const SafeDir &dir, const QString &name, const QString &relativePath);

    // Cuts a text file's bytes into blocks (exposed for the tests of line numbers and offsets); a Document
    // without blocks when they are binary. UTF-8 is used as it is; UTF-16 and Latin-1 are converted.
    static Document splitText(const QByteArray &bytes, const QString &type);
};

} // namespace tsg
