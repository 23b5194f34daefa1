// Turns a file's bytes into text for the index: UTF-8, UTF-16 (LE/BE, with or without a BOM, as Windows writes
// logs) and Latin-1 are detected and converted; anything else with NUL bytes is binary and is not indexed.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

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
    static QString nameOf(Encoding encoding);
};

} // namespace tsg
