// The JSON view parser: iterative (an explicit stack, so nesting cannot overflow the C++ stack),
// one pass over the text. Values of an open container wait on a scratch stack; when it closes they
// move to the document's node vector as one contiguous block, so an array's elements (and an
// object's key/value pairs) sit side by side and at(i) is an index.
#include "jsonview.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tsg::json {

namespace {

const Value nullValue{}; // {}: clang 14 refuses a const default-initialised object without a user constructor

constexpr int depthCap = 1024;

// The first position in [p, e) holding '"', '\\' or a character below 0x20; e if none.
const char16_t *scanString(const char16_t *p, const char16_t *e)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi16('"');
    const __m128i backslash = _mm_set1_epi16('\\');
    const __m128i control = _mm_set1_epi16(0x1F);
    const __m128i zero = _mm_setzero_si128();
    const auto special = [&](const char16_t *at) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(at));
        return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(x, quote), _mm_cmpeq_epi16(x, backslash)),
                            _mm_cmpeq_epi16(_mm_subs_epu16(x, control), zero)); // x <= 0x1F, unsigned
    };
    while (e - p >= 32) {
        const __m128i any =
            _mm_or_si128(_mm_or_si128(special(p), special(p + 8)), _mm_or_si128(special(p + 16), special(p + 24)));
        if (_mm_movemask_epi8(any))
            break;
        p += 32;
    }
    while (e - p >= 8) {
        const int mask = _mm_movemask_epi8(special(p));
        if (mask)
            return p + __builtin_ctz(unsigned(mask)) / 2;
        p += 8;
    }
#endif
    for (; p < e; ++p) {
        if (*p == u'"' || *p == u'\\' || *p < 0x20)
            return p;
    }
    return e;
}

int hexDigit(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

// Reads \uXXXX at p (p[0] == '\\'); -1 if it is not one.
int readU(const char16_t *p, const char16_t *e)
{
    if (e - p < 6 || p[1] != u'u')
        return -1;
    int v = 0;
    for (int i = 2; i < 6; ++i) {
        const int d = hexDigit(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

// Expands the escape at p (p[0] == '\\') into out (if not null); returns the position after it, or
// nullptr with *what set when it is invalid.
const char16_t *unescape(const char16_t *p, const char16_t *e, char16_t *&out, const char **what)
{
    if (e - p < 2) {
        *what = "unterminated string";
        return nullptr;
    }
    char16_t c = 0;
    switch (p[1]) {
    case u'"': c = u'"'; break;
    case u'\\': c = u'\\'; break;
    case u'/': c = u'/'; break;
    case u'b': c = u'\b'; break;
    case u'f': c = u'\f'; break;
    case u'n': c = u'\n'; break;
    case u'r': c = u'\r'; break;
    case u't': c = u'\t'; break;
    case u'u': {
        const int v = readU(p, e);
        if (v < 0) {
            *what = "invalid \\u escape (four hex digits expected)";
            return nullptr;
        }
        if (v >= 0xDC00 && v <= 0xDFFF) {
            *what = "lone surrogate in \\u escape";
            return nullptr;
        }
        if (v >= 0xD800 && v <= 0xDBFF) {
            const int low = p + 6 < e && p[6] == u'\\' ? readU(p + 6, e) : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                *what = "lone surrogate in \\u escape";
                return nullptr;
            }
            if (out) {
                *out++ = char16_t(v);
                *out++ = char16_t(low);
            }
            return p + 12;
        }
        if (out)
            *out++ = char16_t(v);
        return p + 6;
    }
    default: *what = "invalid escape"; return nullptr;
    }
    if (out)
        *out++ = c;
    return p + 2;
}

bool isWhitespace(char16_t c)
{
    return c == u' ' || c == u'\n' || c == u'\r' || c == u'\t';
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

QString codePoint(char16_t c)
{
    return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
}

QString describe(const char16_t *p, const char16_t *e)
{
    if (p >= e)
        return QStringLiteral("end of input");
    if (*p < 0x20 || *p == 0x7F)
        return QStringLiteral("character ") + codePoint(*p);
    return QStringLiteral("'%1'").arg(QChar(*p));
}

} // namespace

class Parser {
public:
    Parser(QStringView text, const Limits &limits)
        : m_begin(reinterpret_cast<const char16_t *>(text.utf16())), m_p(m_begin), m_end(m_begin + text.size()),
          m_maxDepth(std::clamp(limits.maxDepth, 0, depthCap)), m_maxMembers(limits.maxMembers)
    {}

    Result<Document> run();

private:
    struct Frame {
        Value::Type type;
        std::size_t first; // index of its first child on the scratch stack
    };

    Error invalid(const char16_t *at, const QString &what) const
    {
        return Error::invalid(QStringLiteral("Invalid JSON at offset %1: %2").arg(at - m_begin).arg(what));
    }
    Error unexpected(const char16_t *at) const
    {
        return invalid(at, QStringLiteral("unexpected %1").arg(describe(at, m_end)));
    }
    Error expected(const char *what) const
    {
        return invalid(m_p, QStringLiteral("expected %1, found %2").arg(QLatin1String(what), describe(m_p, m_end)));
    }

    void skipWhitespace()
    {
        while (m_p < m_end && isWhitespace(*m_p))
            ++m_p;
    }
    bool literal(QStringView word)
    {
        if (m_end - m_p < word.size() || QStringView(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }

    std::optional<Error> parseString(Value &v);
    std::optional<Error> parseKey(const char *expectedHere);
    std::optional<Error> parseNumber(Value &v);
    std::optional<Error> parseScalar(Value &v);

    const char16_t *const m_begin;
    const char16_t *m_p;
    const char16_t *const m_end;
    const int m_maxDepth;
    const qsizetype m_maxMembers;
    qsizetype m_members = 0;
    std::vector<Value> m_scratch;
    std::vector<Frame> m_frames;
    std::vector<Value> m_nodes;
};

std::optional<Error> Parser::parseString(Value &v)
{
    // m_p is at the opening quote.
    const char16_t *const start = ++m_p;
    bool escapes = false;
    for (;;) {
        const char16_t *q = scanString(m_p, m_end);
        if (q == m_end)
            return invalid(start - 1, QStringLiteral("unterminated string"));
        if (*q == u'"') {
            m_p = q + 1;
            break;
        }
        if (*q == u'\\') {
            escapes = true;
            const char *what = nullptr;
            char16_t *none = nullptr;
            m_p = unescape(q, m_end, none, &what);
            if (!m_p) {
                m_p = q;
                return invalid(q, QLatin1String(what));
            }
            continue;
        }
        return invalid(q, QStringLiteral("control character %1 in string").arg(codePoint(*q)));
    }
    v.m_type = Value::Type::String;
    v.m_str = start;
    v.m_len = (m_p - 1) - start;
    v.m_flag = escapes;
    return std::nullopt;
}

// A member's key and its ':', at m_p (after '{' or ','); the key goes on the scratch stack.
std::optional<Error> Parser::parseKey(const char *expectedHere)
{
    if (m_p >= m_end || *m_p != u'"')
        return expected(expectedHere);
    Value key;
    if (auto e = parseString(key))
        return e;
    m_scratch.push_back(key);
    skipWhitespace();
    if (m_p >= m_end || *m_p != u':')
        return expected("':'");
    ++m_p;
    skipWhitespace();
    return std::nullopt;
}

std::optional<Error> Parser::parseNumber(Value &v)
{
    // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    const char16_t *const start = m_p;
    const char16_t *p = m_p;
    if (p < m_end && *p == u'-')
        ++p;
    if (p < m_end && *p == u'0') {
        ++p;
    } else if (p < m_end && isDigit(*p)) {
        while (p < m_end && isDigit(*p))
            ++p;
    } else {
        return invalid(p, QStringLiteral("expected a digit, found %1").arg(describe(p, m_end)));
    }
    if (p < m_end && *p == u'.') {
        ++p;
        if (p >= m_end || !isDigit(*p))
            return invalid(p, QStringLiteral("expected a digit after '.', found %1").arg(describe(p, m_end)));
        while (p < m_end && isDigit(*p))
            ++p;
    }
    bool negativeExponent = false;
    if (p < m_end && (*p == u'e' || *p == u'E')) {
        ++p;
        if (p < m_end && (*p == u'+' || *p == u'-'))
            negativeExponent = *p++ == u'-';
        if (p >= m_end || !isDigit(*p))
            return invalid(p, QStringLiteral("expected a digit in the exponent, found %1").arg(describe(p, m_end)));
        while (p < m_end && isDigit(*p))
            ++p;
    }
    // The literal is ASCII now: narrow it for from_chars.
    const qsizetype n = p - start;
    char small[64];
    std::string big;
    char *buf = small;
    if (n > qsizetype(sizeof small)) {
        big.resize(std::size_t(n));
        buf = big.data();
    }
    for (qsizetype i = 0; i < n; ++i)
        buf[i] = char(start[i]);
    double d = 0;
    const auto [end, ec] = std::from_chars(buf, buf + n, d);
    if (ec == std::errc::result_out_of_range) {
        if (!negativeExponent)
            return invalid(start, QStringLiteral("number out of range"));
        d = *start == u'-' ? -0.0 : 0.0; // underflow
    } else if (ec != std::errc() || end != buf + n) {
        return invalid(start, QStringLiteral("invalid number"));
    }
    v.m_type = Value::Type::Number;
    v.m_str = start;
    v.m_len = n;
    v.m_number = d;
    m_p = p;
    return std::nullopt;
}

std::optional<Error> Parser::parseScalar(Value &v)
{
    switch (*m_p) {
    case u'"': return parseString(v);
    case u't':
        if (!literal(u"true"))
            return unexpected(m_p);
        v.m_type = Value::Type::Bool;
        v.m_flag = true;
        return std::nullopt;
    case u'f':
        if (!literal(u"false"))
            return unexpected(m_p);
        v.m_type = Value::Type::Bool;
        v.m_flag = false;
        return std::nullopt;
    case u'n':
        if (!literal(u"null"))
            return unexpected(m_p);
        v.m_type = Value::Type::Null;
        return std::nullopt;
    default:
        if (*m_p == u'-' || isDigit(*m_p))
            return parseNumber(v);
        return invalid(m_p, QStringLiteral("expected a value, found %1").arg(describe(m_p, m_end)));
    }
}

Result<Document> Parser::run()
{
    // Two states: want a value (at the start, after '[', ',' or ':'), or just finished one.
    Value done; // the value just finished
    bool haveValue = false;
    skipWhitespace();
    for (;;) {
        if (!haveValue) {
            if (m_p >= m_end)
                return invalid(m_p,
                               m_begin == m_end ? QStringLiteral("empty input")
                                                : QStringLiteral("unexpected end of input"));
            const char16_t c = *m_p;
            if (c == u'[' || c == u'{') {
                if (int(m_frames.size()) >= m_maxDepth)
                    return Error::invalid(QStringLiteral("JSON nested deeper than %1 levels (at offset %2)")
                                              .arg(m_maxDepth)
                                              .arg(m_p - m_begin));
                const Value::Type type = c == u'[' ? Value::Type::Array : Value::Type::Object;
                m_frames.push_back({type, m_scratch.size()});
                ++m_p;
                skipWhitespace();
                const char16_t close = type == Value::Type::Array ? u']' : u'}';
                if (m_p < m_end && *m_p == close) {
                    ++m_p;
                    done = Value();
                    done.m_type = type;
                    done.m_len = 0;
                    done.m_childIndex = 0;
                    m_frames.pop_back();
                    haveValue = true;
                    continue;
                }
                if (type == Value::Type::Object) {
                    if (auto e = parseKey("'\"' or '}'"))
                        return *e;
                }
                continue;
            }
            done = Value();
            if (auto e = parseScalar(done))
                return *e;
            haveValue = true;
        }

        // A value is finished: it is the root, or it joins its container.
        if (m_frames.empty()) {
            skipWhitespace();
            if (m_p != m_end)
                return invalid(m_p, QStringLiteral("unexpected %1 after the value").arg(describe(m_p, m_end)));
            Document doc;
            doc.m_nodes = std::move(m_nodes);
            doc.m_root = done;
            // Child indices become pointers now that the node vector no longer grows.
            Value *const base = doc.m_nodes.data();
            const auto fix = [base](Value &v) {
                if (v.m_type == Value::Type::Array || v.m_type == Value::Type::Object)
                    v.m_children = base + v.m_childIndex;
            };
            for (Value &v : doc.m_nodes)
                fix(v);
            fix(doc.m_root);
            return doc;
        }
        if (++m_members > m_maxMembers)
            return Error::tooLarge(QStringLiteral("JSON has more than %1 values").arg(m_maxMembers));
        m_scratch.push_back(done);
        haveValue = false;

        Frame &frame = m_frames.back();
        const bool isArray = frame.type == Value::Type::Array;
        skipWhitespace();
        if (m_p < m_end && *m_p == u',') {
            ++m_p;
            skipWhitespace();
            if (!isArray) {
                if (auto e = parseKey("'\"'"))
                    return *e;
            }
            continue;
        }
        if (m_p < m_end && *m_p == (isArray ? u']' : u'}')) {
            ++m_p;
            // Close: the children move to the nodes as one block.
            const std::size_t first = frame.first;
            const std::size_t count = m_scratch.size() - first;
            done = Value();
            done.m_type = frame.type;
            done.m_len = qsizetype(isArray ? count : count / 2);
            done.m_childIndex = qsizetype(m_nodes.size());
            m_nodes.insert(m_nodes.end(), m_scratch.begin() + std::ptrdiff_t(first), m_scratch.end());
            m_scratch.resize(first);
            m_frames.pop_back();
            haveValue = true;
            continue;
        }
        return expected(isArray ? "',' or ']'" : "',' or '}'");
    }
}

QStringView Value::raw() const
{
    if (m_type != Type::String && m_type != Type::Number)
        return {};
    return QStringView(m_str, m_len);
}

QString Value::toString() const
{
    if (m_type != Type::String)
        return {};
    if (!m_flag)
        return QStringView(m_str, m_len).toString();
    QString s(m_len, Qt::Uninitialized); // escapes only shrink
    char16_t *out = reinterpret_cast<char16_t *>(s.data());
    char16_t *const begin = out;
    const char16_t *p = m_str;
    const char16_t *const e = m_str + m_len;
    while (p < e) {
        if (*p != u'\\') {
            *out++ = *p++;
            continue;
        }
        const char *what = nullptr;
        p = unescape(p, e, out, &what); // validated while parsing
        Q_ASSERT(p);
    }
    s.truncate(out - begin);
    return s;
}

const Value &Value::at(qsizetype i) const
{
    if (i < 0 || i >= size())
        return nullValue;
    return m_type == Type::Array ? m_children[i] : m_children[2 * i + 1];
}

const Value &Value::keyAt(qsizetype i) const
{
    if (m_type != Type::Object || i < 0 || i >= m_len)
        return nullValue;
    return m_children[2 * i];
}

const Value *Value::find(QStringView key) const
{
    if (m_type != Type::Object)
        return nullptr;
    for (qsizetype i = m_len - 1; i >= 0; --i) {
        const Value &k = m_children[2 * i];
        if (k.m_flag ? k.toString() == key : QStringView(k.m_str, k.m_len) == key)
            return &m_children[2 * i + 1];
    }
    return nullptr;
}

const Value &Value::operator[](QStringView key) const
{
    const Value *v = find(key);
    return v ? *v : nullValue;
}

QJsonValue Value::toJsonValue() const
{
    switch (m_type) {
    case Type::Null: return QJsonValue(QJsonValue::Null);
    case Type::Bool: return QJsonValue(m_flag);
    case Type::Number: {
        // Like QJsonDocument: an integer literal that fits stays an exact qint64.
        const bool integral = std::all_of(m_str, m_str + m_len, [](char16_t c) { return c == u'-' || isDigit(c); });
        if (integral && m_len <= 20) {
            char buf[20];
            for (qsizetype i = 0; i < m_len; ++i)
                buf[i] = char(m_str[i]);
            qint64 n = 0;
            const auto [end, ec] = std::from_chars(buf, buf + m_len, n);
            if (ec == std::errc() && end == buf + m_len && !(n == 0 && m_str[0] == u'-'))
                return QJsonValue(n);
        }
        return QJsonValue(m_number);
    }
    case Type::String: return QJsonValue(toString());
    case Type::Array: {
        QJsonArray a;
        for (qsizetype i = 0; i < m_len; ++i)
            a.append(m_children[i].toJsonValue());
        return a;
    }
    case Type::Object: {
        QJsonObject o;
        for (qsizetype i = 0; i < m_len; ++i)
            o.insert(m_children[2 * i].toString(), m_children[2 * i + 1].toJsonValue()); // last wins
        return o;
    }
    }
    return {};
}

Result<Document> Document::parse(QStringView text, const Limits &limits)
{
    return Parser(text, limits).run();
}

} // namespace tsg::json
