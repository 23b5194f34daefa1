// Turns a file's bytes into text for the index and for readers of part of a file (FileReader): UTF-8, UTF-16
// (LE/BE, with or without a BOM, as Windows writes logs) and Latin-1 are detected and converted; anything else
// with NUL bytes is binary.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tsg {

class TextDecoder {
public:
    enum class Encoding { Utf8, Utf16LE, Utf16BE, Latin1 };
    struct Text {
        QString text;
        Encoding encoding = Encoding::Utf8;
    };

    // The decoded text, or an Invalid error naming `what` when the bytes are binary.
    static Result<Text> decode(const QByteArray &bytes, const QString &what);
    // `bytes` (without a byte order mark) read in a known `encoding`; a character cut at the end is replaced.
    static QString decodeAs(Encoding encoding, QByteArrayView bytes);
    // The encoding decode() reads a whole file's `bytes` in (UTF-8 only when all of it is valid UTF-8), without
    // decoding them; nullopt when they are binary.
    static std::optional<Encoding> encodingOf(QByteArrayView bytes);
    static QString nameOf(Encoding encoding);
    // The encoding of a file whose first bytes are `head` (a prefix, possibly cut inside a character), or nullopt
    // when they are binary. Latin-1 when the head is not valid UTF-8.
    static std::optional<Encoding> detect(QByteArrayView head);
    // The length of the byte order mark `head` starts with for `encoding` (0 when there is none).
    static int bomLength(Encoding encoding, QByteArrayView head);
};

} // namespace tsg
