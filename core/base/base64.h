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

// Which part of a longer text a slice is: only the last slice may end in '=' padding; in any other
// slice a '=' is a character outside the alphabet like any other.
enum class Slice { Middle, Last };

// Decodes `text` into out (room for decodedLength(text) bytes). Returns the bytes written, or -1 on
// a character outside the alphabet; *badIndex (if given) gets its position. `text` may be a whole
// text, the last slice of one, or (Slice::Middle) any other slice whose length is a multiple of 4.
qsizetype decode(QStringView text, char *out, qsizetype *badIndex = nullptr, Slice slice = Slice::Last);
qsizetype decode(QByteArrayView text, char *out, qsizetype *badIndex = nullptr, Slice slice = Slice::Last);

} // namespace tsg::Base64
