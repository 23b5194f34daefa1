// The naming rules: TSG names, path segments inside a TSG, session ids and session file names.
// Everything that becomes a folder or file name on disk passes through here first.
#pragma once

#include "result.h"

#include <QString>
#include <QStringView>

namespace tsg::NameRules {

// The longest folder or file name, in UTF-8 bytes (ext4, APFS, NTFS): what every rule below allows, and what a
// name made from an accepted one ("report (2).log") must still fit.
inline constexpr qsizetype kMaxNameBytes = 255;

// Trims, normalises to NFC, and checks a TSG name: 3 to 100 characters, at most 255 UTF-8 bytes,
// a safe portable folder name. Like every name here it must show something: no control, bidi or
// other format (Cf) character, no line/paragraph separator or noncharacter, and not only spaces,
// combining marks and invisible characters. Returns the name to store.
Result<QString> tsgName(const QString &raw);

// One segment of a relative path inside a TSG: the TSG-name character rules without the length
// bounds (1 to 255 UTF-8 bytes), and no character that passes for '.' or '/' (U+2024, U+FF0E,
// U+2215, ...). The message names the segment.
Status pathSegment(QStringView segment);

// A relative path inside a TSG ("docs/guide.md"): forward slashes only, no empty, hidden, "." or ".."
// segments, not absolute, no drive letter or UNC prefix. Returns the NFC form.
Result<QString> relativePath(const QString &raw);

// A session id: letters, digits, '-' and '_', 1 to 128 characters.
Status sessionId(const QString &id);

// A session file name: a plain name (no separators, not "." or ".."), same character rules as a path
// segment.
Result<QString> sessionFileName(const QString &raw);

// A name or path as error messages repeat it: control, bidirectional and other format characters,
// line/paragraph separators, noncharacters and lone surrogates shown as \uXXXX (a character beyond
// U+FFFF as its two surrogates), cut to 200 characters. Plain names come back unchanged.
QString printable(QStringView raw);

// The key two names collide on: NFC and case-folded. Names with equal keys are the same TSG/file.
QString foldKey(const QString &name);

} // namespace tsg::NameRules
