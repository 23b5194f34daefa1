// A fast, strict standard-alphabet base64 decoder that reads UTF-16 text in place (QWebSocket hands
// text messages over as QString), so a 140 MB message is never converted to UTF-8 first.
#pragma once

#include <QByteArrayView>
#include <QStringView>

namespace tsg::Base64 {

// The decoded length of `text` from its length and '=' padding, or -1 when the length or padding
// cannot be base64 (length % 4 == 1, padding in the middle, more than two '='). Unpadded text is
// accepted. Does not look at the other characters.
qsizetype decodedLength(QStringView text);
qsizetype decodedLength(QByteArrayView text);

// Decodes `text` into out (room for decodedLength(text) bytes). Returns the bytes written, or -1 on
// a character outside the alphabet; *badIndex (if given) gets its position. `text` may be any slice
// whose length is a multiple of 4, or the final slice of a longer text.
qsizetype decode(QStringView text, char *out, qsizetype *badIndex = nullptr);
qsizetype decode(QByteArrayView text, char *out, qsizetype *badIndex = nullptr);

} // namespace tsg::Base64
