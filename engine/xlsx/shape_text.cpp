// shape_text.cpp — see shape_text.h. The text is cut where formula::lex cuts it (strings,
// quoted sheet names, numbers, words); only whole words can be references.
#include "xlsx/shape_text.h"

#include <charconv>

#include "core/address.h"

namespace sp::xlsx {

namespace {

// As formula/lexer.cpp: what starts and continues a word.
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool word_start(unsigned char c) { return is_alpha(c) || c == '_' || c == '\\' || c == '$' || c == '[' || c >= 0x80; }
bool word_char(unsigned char c) { return word_start(c) || is_digit(c) || c == '.' || c == '?'; }

enum class Ref { None, Plain, Unsure };

// The word t[b, e) as an A1 cell reference ($A$1, b7, XFD1048576): Plain appends its form
// relative to (row, col). None: a word that is no cell reference whatever the cell (a name,
// a sheet or function name, a column beyond XFD). Unsure: a reference the parser might
// read in a way that hangs on the cell ($A alone, a row with a leading zero).
Ref reference(std::string_view t, size_t b, size_t e, int32_t row, int32_t col, std::string& out) {
    size_t p = b;
    bool abs_c = t[p] == '$';
    if (abs_c) ++p;
    size_t l0 = p;
    int64_t c = 0;
    while (p < e && is_alpha(t[p])) {
        if (p - l0 < 4) c = c * 26 + ((t[p] | 0x20) - 'a' + 1);
        ++p;
    }
    size_t letters = p - l0;
    bool abs_r = p < e && t[p] == '$';
    if (abs_r) ++p;
    size_t d0 = p;
    int64_t r = 0;
    while (p < e && is_digit(t[p])) {
        if (p - d0 < 8) r = r * 10 + (t[p] - '0');
        ++p;
    }
    size_t digits = p - d0;
    bool dollars = abs_c || abs_r;
    if (p != e || !letters || !digits) return dollars ? Ref::Unsure : Ref::None;
    if (letters > 3 || digits > 7 || c > kMaxCols || r > kMaxRows) return dollars ? Ref::Unsure : Ref::None;
    if (t[d0] == '0') return Ref::Unsure;
    char buf[48], *w = buf;
    *w++ = '\x01';
    *w++ = abs_c ? 'C' : 'c';
    w = std::to_chars(w, buf + sizeof buf, abs_c ? c - 1 : c - 1 - col).ptr;
    *w++ = abs_r ? 'R' : 'r';
    w = std::to_chars(w, buf + sizeof buf, abs_r ? r - 1 : r - 1 - row).ptr;
    *w++ = '\x02';
    out.append(buf, size_t(w - buf));
    return Ref::Plain;
}

}  // namespace

bool shape_text(std::string_view t, int32_t row, int32_t col, std::string& out) {
    const size_t start = out.size();
    auto fail = [&] {
        out.resize(start);
        return false;
    };
    const size_t n = t.size();
    if (t.find('[') != std::string_view::npos) return false;  // structured or external: lex skips inside
    size_t i = 0;
    bool after_ref = false;  // the last token was a plain reference (for ':')
    bool colon = false;      // the last token was ':' (a reference must follow)
    while (i < n) {
        unsigned char ch = static_cast<unsigned char>(t[i]);
        size_t b = i;
        if (ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') return fail();  // \x01, \x02 are ours
        if (colon && !word_start(ch)) return fail();
        if (ch == '"' || ch == '\'') {  // a string or a quoted sheet name, copied whole
            ++i;
            for (;;) {
                if (i >= n) return fail();
                if (t[i] == char(ch)) {
                    if (i + 1 < n && t[i + 1] == char(ch)) { i += 2; continue; }
                    ++i;
                    break;
                }
                ++i;
            }
            out.append(t.substr(b, i - b));
            after_ref = false;
            continue;
        }
        if (is_digit(ch) || (ch == '.' && i + 1 < n && is_digit(static_cast<unsigned char>(t[i + 1])))) {
            while (i < n && is_digit(static_cast<unsigned char>(t[i]))) ++i;  // a number, as lex reads it
            if (i < n && t[i] == '.') {
                ++i;
                while (i < n && is_digit(static_cast<unsigned char>(t[i]))) ++i;
            }
            if (i < n && (t[i] | 0x20) == 'e') {
                size_t j = i + 1;
                if (j < n && (t[j] == '+' || t[j] == '-')) ++j;
                if (j < n && is_digit(static_cast<unsigned char>(t[j]))) {
                    while (j < n && is_digit(static_cast<unsigned char>(t[j]))) ++j;
                    i = j;
                }
            }
            if (i < n && word_start(static_cast<unsigned char>(t[i]))) return fail();  // 1A2: not worth knowing
            out.append(t.substr(b, i - b));
            after_ref = false;
            continue;
        }
        if (word_start(ch)) {
            while (i < n && word_char(static_cast<unsigned char>(t[i]))) ++i;
            // Right before '(' or '!' a word names a function or a sheet; with spaces between,
            // which one the parser makes of it is not worth knowing.
            size_t k = i;
            while (k < n && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) ++k;
            if (k < n && (t[k] == '(' || t[k] == '!')) {
                if (k != i || colon) return fail();
                out.append(t.substr(b, i - b));
                after_ref = false;
                continue;
            }
            Ref r = reference(t, b, i, row, col, out);
            if (r == Ref::Unsure || (colon && r != Ref::Plain)) return fail();
            if (r == Ref::None) out.append(t.substr(b, i - b));
            after_ref = r == Ref::Plain;
            colon = false;
            continue;
        }
        if (ch == ':') {  // a range only between two plain references: A:B and 2:3 hang on the cell
            if (!after_ref) return fail();
            colon = true;
        }
        out += char(ch);
        after_ref = false;
        ++i;
    }
    return !colon || fail();
}

}  // namespace sp::xlsx
