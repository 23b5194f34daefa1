// A strict JSON (RFC 8259) parser over UTF-16 text that does not copy it: the document is a small
// tree of Values whose strings and numbers are views into the parsed text. Made for the seed's
// single-message uploads, where QWebSocket hands over a 140 MB QString that carries 100 MB of files
// as base64 strings: the message is parsed once, in place, and each `content` is later decoded
// straight from raw() (see Base64Source) without a UTF-8 copy or a QString per file.
//
// The text must outlive the Document and every Value, view and pointer taken from it.
//
// Strings are found with one vectorised pass each (SSE2) that stops only at '"', '\\' or a control
// character, so a 140 M-character string costs one read of its memory. Escapes are checked while
// parsing (\" \\ \/ \b \f \n \r \t \uXXXX, a \u high surrogate must be followed by a \u low
// surrogate); they are only expanded by toString(). Raw control characters (< 0x20) in strings are
// rejected. Raw unpaired surrogates in the text are not looked for (QWebSocket's UTF-8 decoding
// never produces them).
//
// Duplicate object keys are kept; find() and operator[] return the last one, as JSON.parse does,
// and so does toJsonValue(). Offsets in error messages count UTF-16 code units from the start.
#pragma once

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <vector>

namespace tsg::json {

struct Limits {
    // Arrays and objects nested deeper than this are refused (the root container is level 1).
    // Values above 1024 are treated as 1024.
    int maxDepth = 64;
    // Array elements plus object members in the whole document, at most.
    qsizetype maxMembers = 1'000'000;
};

class Document;

class Value {
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    Value() = default; // null

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    // The value, or the fallback when this is of another type.
    bool toBool(bool fallback = false) const { return m_type == Type::Bool ? m_flag : fallback; }
    double toNumber(double fallback = 0) const { return m_type == Type::Number ? m_number : fallback; }

    // Strings: the text between the quotes exactly as written (escapes not expanded); numbers: the
    // literal. Empty for other types. This is the way to read a huge string without copying it.
    QStringView raw() const;
    // Strings: whether raw() holds any backslash escape (if not, raw() is the string's value).
    bool hasEscapes() const { return m_type == Type::String && m_flag; }
    // Strings: the value with escapes expanded (a copy); a null QString for other types.
    QString toString() const;

    // Arrays: the number of elements; objects: the number of members (duplicates counted); else 0.
    qsizetype size() const { return isArray() || isObject() ? m_len : 0; }
    // Arrays: element i; objects: the value of member i in document order. A null Value when out
    // of range or not a container.
    const Value &at(qsizetype i) const;
    // Objects: the key of member i (a String Value: use toString() or raw()). A null Value when out
    // of range or not an object.
    const Value &keyAt(qsizetype i) const;
    // Objects: the value of the last member named `key` (escaped keys are compared unescaped), or
    // nullptr. A linear search: meant for the small objects of the protocol.
    const Value *find(QStringView key) const;
    // find() as a reference: a null Value when absent.
    const Value &operator[](QStringView key) const;

    // A QJsonValue copy of this sub-tree (strings unescaped; integer literals that fit a qint64
    // become exact integers, as QJsonDocument makes them). For small sub-trees: it copies.
    QJsonValue toJsonValue() const;

private:
    friend class Document;
    friend class Parser;

    const char16_t *m_str = nullptr; // String, Number: raw text
    qsizetype m_len = 0;             // String, Number: raw length; Array, Object: size()
    union {
        double m_number = 0;     // Number
        const Value *m_children; // Array: elements; Object: key, value, key, value, ...
        qsizetype m_childIndex;  // while parsing: the index of the first child in the nodes
    };
    Type m_type = Type::Null;
    bool m_flag = false; // Bool: the value; String: has escapes
};

class Document {
public:
    Document() = default; // a null root
    Document(Document &&) noexcept = default;
    Document &operator=(Document &&) noexcept = default;
    Document(const Document &) = delete;
    Document &operator=(const Document &) = delete;

    // Parses `text` (exactly one JSON value, surrounded by optional whitespace). Errors are
    // ErrorKind::Invalid with "Invalid JSON at offset N: what", or "JSON nested deeper than N
    // levels", or ErrorKind::TooLarge for more than limits.maxMembers values.
    static Result<Document> parse(QStringView text, const Limits &limits = {});
    // The Document would point into a temporary: keep the QString alive and pass it as an lvalue.
    static Result<Document> parse(QString &&text, const Limits &limits = {}) = delete;

    const Value &root() const { return m_root; }

private:
    friend class Parser;
    std::vector<Value> m_nodes; // every value but the root; siblings are contiguous
    Value m_root;
};

} // namespace tsg::json
