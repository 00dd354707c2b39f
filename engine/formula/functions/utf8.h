// utf8.h — small UTF-8 helpers for the text functions: decoding, code point counts
// and offsets, and the DBCS byte width used by LENB/MIDB… in a Chinese-locale Excel.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <locale.h>
#include <wctype.h>

namespace sp::utf8 {

// Decodes the code point at s[i] and advances i. A malformed byte decodes as itself
// (so arbitrary bytes survive a round trip) and advances by one.
inline char32_t next(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; return c; }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) { ++i; return c; }
    char32_t cp = c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) { ++i; return c; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += len;
    return cp;
}

inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

inline bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Number of code points.
inline size_t length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) { next(s, i); ++n; }
    return n;
}

// Byte offset of code point number n (0-based); s.size() when n is past the end.
inline size_t offset(std::string_view s, size_t n) {
    size_t i = 0;
    while (n > 0 && i < s.size()) { next(s, i); --n; }
    return i;
}

// Bytes a character takes in the Chinese ANSI code page (GBK), as LENB counts them:
// CJK ideographs, kana, full-width forms, CJK punctuation and the symbols, Greek and
// Cyrillic letters that GBK encodes take 2; ASCII takes 1. Characters outside the BMP
// are a surrogate pair that the code page turns into two '?' bytes: 2.
inline int dbcs_width(char32_t cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x100) {
        switch (cp) {  // Latin-1 characters present in GBK (symbols and pinyin vowels)
            case 0xA4: case 0xA7: case 0xA8: case 0xB0: case 0xB1: case 0xB7: case 0xD7: case 0xE0:
            case 0xE1: case 0xE8: case 0xE9: case 0xEA: case 0xEC: case 0xED: case 0xF2: case 0xF3:
            case 0xF7: case 0xF9: case 0xFA: case 0xFC: return 2;
            default: return 1;
        }
    }
    if (cp >= 0x391 && cp <= 0x3C9) return 2;     // Greek
    if (cp >= 0x401 && cp <= 0x451) return 2;     // Cyrillic
    if (cp >= 0x2010 && cp <= 0x2312) return 2;   // punctuation, letterlike, arrows, math
    if (cp >= 0x2460 && cp <= 0x2642) return 2;   // enclosed numbers, box drawing, shapes
    if (cp >= 0x2E80 && cp <= 0x9FFF) return 2;   // CJK radicals … unified ideographs
    if (cp >= 0xA000 && cp <= 0xA4CF) return 2;   // Yi
    if (cp >= 0xAC00 && cp <= 0xD7A3) return 2;   // Hangul syllables
    if (cp >= 0xE000 && cp <= 0xFAFF) return 2;   // private use (GBK user area), compatibility ideographs
    if (cp >= 0xFE30 && cp <= 0xFE6F) return 2;   // CJK compatibility / small forms
    if (cp >= 0xFF01 && cp <= 0xFF60) return 2;   // full-width ASCII
    if (cp >= 0xFFE0 && cp <= 0xFFE6) return 2;   // full-width signs
    if (cp >= 0x10000) return 2;
    return 1;
}

// The C library's Unicode case tables (glibc's C.UTF-8 locale, built in since 2.35):
// simple one-to-one case mapping of every script, as Excel's UPPER/LOWER do.
inline locale_t unicode_ctype() {
    static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
    return loc;
}

// Simple case mapping: ASCII inline, the rest through the C library, with a table of
// Latin-1, Latin Extended-A, Greek, Cyrillic and full-width Latin when C.UTF-8 is missing.
// CJK has no case.
inline char32_t lower(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (locale_t loc = unicode_ctype()) return char32_t(towlower_l(wint_t(c), loc));
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130) return 'i';
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
        if (c == 0x178) return 0xFF;
        if (c < 0x138 || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
        return c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
    return c;
}
inline char32_t upper(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (locale_t loc = unicode_ctype()) return char32_t(towupper_l(wint_t(c), loc));
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x131) return 'I';
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
        if (c < 0x138 || (c >= 0x14A && c <= 0x177)) return (c % 2 == 1) ? c - 1 : c;
        return c;
    }
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 32;
    return c;
}
// Whether a code point has case (a letter PROPER capitalises after a non-letter).
inline bool is_cased_letter(char32_t c) { return lower(c) != c || upper(c) != c || c == 0xDF; }

// Total DBCS byte width of a string.
inline size_t dbcs_length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) n += dbcs_width(next(s, i));
    return n;
}

}  // namespace sp::utf8
