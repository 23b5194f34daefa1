// Strict standard-alphabet base64 (RFC 4648 section 4): A-Z a-z 0-9 + /, optional '=' padding at the
// very end (of the last slice, when decoded in slices), no whitespace, nothing else. Validation happens while decoding,
// in the same pass.
//
// Speed: the main loop takes 16 characters (32 bytes of UTF-16, or 16 bytes of Latin-1/UTF-8) at a
// time with SSE2, which every x86-64 CPU has: UTF-16 is narrowed with a saturating pack (anything
// above 0xFF becomes 0x00 or 0xFF, both invalid), the five alphabet ranges are classified with
// byte compares, and the 6-bit values are packed to 12 bytes with shifts and one pmaddwd. A block
// with any invalid character is handed to the scalar code, which finds the exact position. The
// scalar code (also the tail, and the whole decoder without SSE2) looks up four 256-entry tables of
// pre-shifted 24-bit values whose invalid entries carry a marker bit above bit 23.
//
// Padding bits: the unused low bits of the last character of a padded or unpadded group are not
// required to be zero (as with Node's Buffer.from(s, 'base64') and QByteArray::fromBase64).

#include "base64.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tsg::Base64 {

namespace {

constexpr std::uint32_t Bad = 0x01000000u; // above the 24 value bits

constexpr int sextet(unsigned c)
{
    if (c >= 'A' && c <= 'Z')
        return int(c - 'A');
    if (c >= 'a' && c <= 'z')
        return int(c - 'a' + 26);
    if (c >= '0' && c <= '9')
        return int(c - '0' + 52);
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// tables[k][c]: the value of character c at position k of a group of four, already shifted into
// place in the 24-bit group value, or Bad.
using Table = std::array<std::uint32_t, 256>;
constexpr std::array<Table, 4> makeTables()
{
    std::array<Table, 4> t{};
    for (int k = 0; k < 4; ++k) {
        for (unsigned c = 0; c < 256; ++c) {
            const int v = sextet(c);
            t[k][c] = v < 0 ? Bad : std::uint32_t(v) << (18 - 6 * k);
        }
    }
    return t;
}
constexpr std::array<Table, 4> tables = makeTables();

template <typename Char>
inline unsigned code(Char c)
{
    if constexpr (sizeof(Char) == 1)
        return static_cast<unsigned char>(c);
    else
        return static_cast<unsigned>(c);
}

// The position of the first character outside the alphabet in s[0..n) (n <= 4), or -1.
template <typename Char>
qsizetype firstBad(const Char *s, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (sextet(code(s[i])) < 0)
            return i;
    }
    return -1;
}

template <typename Char>
inline std::uint32_t group(const Char *s)
{
    const unsigned c0 = code(s[0]), c1 = code(s[1]), c2 = code(s[2]), c3 = code(s[3]);
    if constexpr (sizeof(Char) > 1) {
        if ((c0 | c1 | c2 | c3) > 0xFF)
            return Bad;
    }
    return tables[0][c0] | tables[1][c1] | tables[2][c2] | tables[3][c3];
}

#if defined(__SSE2__)

// Loads 16 characters as 16 bytes; characters above 0xFF become invalid bytes (0x00 or 0xFF).
inline __m128i load16(const char16_t *s)
{
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + 8));
    return _mm_packus_epi16(a, b); // signed 16-bit in, unsigned saturation out
}

inline __m128i load16(const char *s)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
}

inline __m128i inRange(__m128i x, char lo, char hi) // signed compare: bytes >= 0x80 never match
{
    return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(char(lo - 1))),
                         _mm_cmplt_epi8(x, _mm_set1_epi8(char(hi + 1))));
}

// Decodes 16 characters to 12 bytes, storing 16 (the last 4 are garbage, overwritten later).
// Returns false, writing nothing useful, if any character is outside the alphabet.
inline bool block16(__m128i x, char *out)
{
    const __m128i upper = inRange(x, 'A', 'Z');
    const __m128i lower = inRange(x, 'a', 'z');
    const __m128i digit = inRange(x, '0', '9');
    const __m128i plus = _mm_cmpeq_epi8(x, _mm_set1_epi8('+'));
    const __m128i slash = _mm_cmpeq_epi8(x, _mm_set1_epi8('/'));
    const __m128i valid = _mm_or_si128(_mm_or_si128(upper, lower), _mm_or_si128(_mm_or_si128(digit, plus), slash));
    if (_mm_movemask_epi8(valid) != 0xFFFF)
        return false;
    // The amount to add to each character to get its 6-bit value.
    __m128i shift = _mm_and_si128(upper, _mm_set1_epi8(char(-'A')));
    shift = _mm_or_si128(shift, _mm_and_si128(lower, _mm_set1_epi8(char(26 - 'a'))));
    shift = _mm_or_si128(shift, _mm_and_si128(digit, _mm_set1_epi8(char(52 - '0'))));
    shift = _mm_or_si128(shift, _mm_and_si128(plus, _mm_set1_epi8(char(62 - '+'))));
    shift = _mm_or_si128(shift, _mm_and_si128(slash, _mm_set1_epi8(char(63 - '/'))));
    const __m128i v = _mm_add_epi8(x, shift); // bytes a b c d | a b c d | ...
    // 16-bit lanes: a << 6 | b, c << 6 | d.
    const __m128i pairs =
        _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi16(0x003F)), 6), _mm_srli_epi16(v, 8));
    // 32-bit lanes: u = a << 18 | b << 12 | c << 6 | d.
    const __m128i u = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));
    // Byte order in memory: u >> 16, u >> 8, u (bits 24..31 of u are zero).
    const __m128i swapped =
        _mm_or_si128(_mm_or_si128(_mm_srli_epi32(u, 16), _mm_and_si128(u, _mm_set1_epi32(0x0000FF00))),
                     _mm_and_si128(_mm_slli_epi32(u, 16), _mm_set1_epi32(0x00FF0000)));
    // Squeeze out byte 3 of every lane: 48 bits per 64-bit half, then the halves side by side.
    const __m128i halves =
        _mm_or_si128(_mm_and_si128(swapped, _mm_set_epi32(0, 0x00FFFFFF, 0, 0x00FFFFFF)),
                     _mm_srli_epi64(_mm_and_si128(swapped, _mm_set_epi32(0x00FFFFFF, 0, 0x00FFFFFF, 0)), 8));
    const __m128i packed = _mm_or_si128(_mm_and_si128(halves, _mm_set_epi32(0, 0, 0x0000FFFF, -1)), // bytes 0..5
                                        _mm_and_si128(_mm_srli_si128(halves, 2),
                                                      _mm_set_epi32(0, -1, int(0xFFFF0000u), 0))); // bytes 6..11
    _mm_storeu_si128(reinterpret_cast<__m128i *>(out), packed);
    return true;
}

#endif

template <typename Char>
qsizetype decodedLengthT(const Char *s, qsizetype n)
{
    qsizetype pad = 0;
    while (pad < n && pad < 3 && code(s[n - 1 - pad]) == '=')
        ++pad;
    if (pad > 0) {
        if (n % 4 != 0 || pad > 2)
            return -1;
        n -= pad;
    }
    if (n % 4 == 1)
        return -1;
    return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
}

template <typename Char>
qsizetype decodeT(const Char *s, qsizetype n, char *out, qsizetype *badIndex, Slice slice)
{
    const auto fail = [badIndex](qsizetype at) {
        if (badIndex)
            *badIndex = at;
        return qsizetype(-1);
    };
    // Padding is only taken off a whole final group of the last slice; any other '=' is an invalid
    // character (a middle slice ending in '=' would otherwise lose bytes without an error).
    if (slice == Slice::Last && n % 4 == 0 && n > 0 && code(s[n - 1]) == '=')
        n -= (code(s[n - 2]) == '=') ? 2 : 1;
    if (n % 4 == 1)
        return fail(n - 1); // a lone character cannot make a group

    char *const start = out;
    qsizetype i = 0;
#if defined(__SSE2__)
    // Each block stores 16 bytes for 12: keep at least 8 characters (6 bytes) after it.
    while (i + 24 <= n) {
        if (!block16(load16(s + i), out))
            break; // the scalar loop finds where
        i += 16;
        out += 12;
    }
#endif
    for (; i + 4 <= n; i += 4) {
        const std::uint32_t g = group(s + i);
        if (g & Bad)
            return fail(i + firstBad(s + i, 4));
        out[0] = char(g >> 16);
        out[1] = char(g >> 8);
        out[2] = char(g);
        out += 3;
    }
    const qsizetype rest = n - i; // 0, 2 or 3
    if (rest > 0) {
        const qsizetype bad = firstBad(s + i, rest);
        if (bad >= 0)
            return fail(i + bad);
        std::uint32_t g = tables[0][code(s[i])] | tables[1][code(s[i + 1])];
        if (rest == 3)
            g |= tables[2][code(s[i + 2])];
        *out++ = char(g >> 16);
        if (rest == 3)
            *out++ = char(g >> 8);
    }
    return out - start;
}

} // namespace

qsizetype decodedLength(QStringView text)
{
    return decodedLengthT(text.utf16(), text.size());
}

qsizetype decodedLength(QByteArrayView text)
{
    return decodedLengthT(text.data(), text.size());
}

qsizetype decode(QStringView text, char *out, qsizetype *badIndex, Slice slice)
{
    return decodeT(reinterpret_cast<const char16_t *>(text.utf16()), text.size(), out, badIndex, slice);
}

qsizetype decode(QByteArrayView text, char *out, qsizetype *badIndex, Slice slice)
{
    return decodeT(text.data(), text.size(), out, badIndex, slice);
}

} // namespace tsg::Base64
