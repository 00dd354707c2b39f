// text.cpp — the text family: slicing and searching (in code points, UTF-8 aware), case,
// TEXT with number formats, VALUE/NUMBERVALUE, joining, and the byte (B) variants that
// count CJK characters as two bytes, as a Chinese-locale Excel does.
//
// Excel conventions: arguments are scalars (implicit intersection), numbers become text
// in General format, TRUE becomes "TRUE", the first error argument wins, counts and
// positions are truncated toward zero, a result longer than 32767 characters is #VALUE!.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/number_text.h"
#include "formula/function.h"
#include "formula/functions/number_format.h"
#include "formula/functions/round.h"
#include "formula/functions/utf8.h"

namespace sp {
namespace {

constexpr size_t kMaxText = 32767;

Value error(Err e) { return Value::error(e); }
Value text(std::string_view s) { return Value::string(s); }

bool present(Args args, size_t i) { return i < args.size() && !args[i].is_missing(); }

Err text_arg(CallContext& ctx, Args args, size_t i, std::string& out) {
    if (!present(args, i)) { out.clear(); return Err::None; }
    return CallContext::to_text(ctx.scalar(args[i]), out);
}

Err number_arg(CallContext& ctx, Args args, size_t i, double& out, double dflt) {
    if (!present(args, i)) { out = dflt; return Err::None; }
    return CallContext::to_number(ctx.scalar(args[i]), out);
}

Err bool_arg(CallContext& ctx, Args args, size_t i, bool& out, bool dflt) {
    if (!present(args, i)) { out = dflt; return Err::None; }
    return CallContext::to_bool(ctx.scalar(args[i]), out);
}

// Counts and positions: truncated, clamped so that huge numbers stay harmless.
double trunc_clamp(double d) { return std::trunc(std::max(-1e9, std::min(1e9, d))); }

#define TEXT_ARG(i, var)                                                              \
    std::string var;                                                                  \
    if (Err e_ = text_arg(ctx, args, i, var); e_ != Err::None) return error(e_)
#define NUM_ARG(i, var, dflt)                                                         \
    double var;                                                                       \
    if (Err e_ = number_arg(ctx, args, i, var, dflt); e_ != Err::None) return error(e_)
#define BOOL_ARG(i, var, dflt)                                                        \
    bool var;                                                                         \
    if (Err e_ = bool_arg(ctx, args, i, var, dflt); e_ != Err::None) return error(e_)

// The substring of code points [start, start + count).
std::string_view cp_sub(std::string_view s, size_t start, size_t count) {
    if (utf8::is_ascii(s)) {
        if (start >= s.size()) return {};
        return s.substr(start, count);
    }
    size_t b = utf8::offset(s, start);
    size_t e = b;
    std::string_view rest = s.substr(b);
    e = b + utf8::offset(rest, count);
    return s.substr(b, e - b);
}

size_t cp_len(std::string_view s) { return utf8::is_ascii(s) ? s.size() : utf8::length(s); }

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
    return out;
}

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

// --- slicing ---------------------------------------------------------------------------

Operand fn_left(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, n, 1);
    n = trunc_clamp(n);
    if (n < 0) return error(Err::Value);
    return text(cp_sub(s, 0, size_t(n)));
}

Operand fn_right(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, n, 1);
    n = trunc_clamp(n);
    if (n < 0) return error(Err::Value);
    size_t len = cp_len(s);
    size_t k = std::min(len, size_t(n));
    return text(cp_sub(s, len - k, k));
}

Operand fn_mid(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, start, 0);
    NUM_ARG(2, n, 0);
    start = trunc_clamp(start);
    n = trunc_clamp(n);
    if (start < 1 || n < 0) return error(Err::Value);
    return text(cp_sub(s, size_t(start - 1), size_t(n)));
}

Operand fn_len(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return Value(double(cp_len(s)));
}

Operand fn_replace(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, start, 0);
    NUM_ARG(2, n, 0);
    TEXT_ARG(3, repl);
    start = trunc_clamp(start);
    n = trunc_clamp(n);
    if (start < 1 || n < 0) return error(Err::Value);
    size_t len = cp_len(s);
    size_t b = std::min(len, size_t(start - 1));
    size_t e = std::min(len, b + size_t(n));
    std::string out(cp_sub(s, 0, b));
    out += repl;
    out += cp_sub(s, e, len - e);
    if (cp_len(out) > kMaxText) return error(Err::Value);
    return text(out);
}

// --- searching --------------------------------------------------------------------------

// FIND: case-sensitive, no wildcards. Returns the 1-based code point position.
Operand fn_find(CallContext& ctx, Args args) {
    TEXT_ARG(0, needle);
    TEXT_ARG(1, hay);
    NUM_ARG(2, start, 1);
    start = trunc_clamp(start);
    size_t len = cp_len(hay);
    if (start < 1 || start > double(len) + 1) return error(Err::Value);
    size_t from = utf8::offset(hay, size_t(start - 1));
    size_t at = hay.find(needle, from);
    if (at == std::string::npos) return error(Err::Value);
    return Value(double(utf8::length(std::string_view(hay).substr(0, at)) + 1));
}

// A SEARCH pattern: '?' any one character, '*' any run, '~' escapes the next character
// (a trailing '~' is dropped). Matching is case-insensitive.
struct Pattern {
    enum : char32_t { kAny = 0xFFFFFFF0, kStar = 0xFFFFFFF1 };
    std::u32string p;
};

Pattern compile_pattern(std::string_view s) {
    Pattern pat;
    for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        if (c == '~') {
            if (i < s.size()) pat.p.push_back(utf8::lower(utf8::next(s, i)));
        } else if (c == '?') {
            pat.p.push_back(Pattern::kAny);
        } else if (c == '*') {
            pat.p.push_back(Pattern::kStar);
        } else {
            pat.p.push_back(utf8::lower(c));
        }
    }
    return pat;
}

// Whether the pattern matches a prefix of t[ti..] (single-star backtracking suffices).
bool match_prefix(const std::u32string& p, const std::u32string& t, size_t ti) {
    size_t pi = 0, star = std::u32string::npos, star_ti = 0;
    for (;;) {
        if (pi == p.size()) return true;
        if (p[pi] == Pattern::kStar) { star = pi++; star_ti = ti; continue; }
        if (ti < t.size() && (p[pi] == Pattern::kAny || p[pi] == t[ti])) { ++pi; ++ti; continue; }
        if (star != std::u32string::npos && star_ti < t.size()) { pi = star + 1; ti = ++star_ti; continue; }
        return false;
    }
}

// 0-based code point index of the first match at or after `from`, or npos.
size_t search_index(std::string_view needle, std::string_view hay, size_t from) {
    Pattern pat = compile_pattern(needle);
    std::u32string t = decode(hay);
    for (char32_t& c : t) c = utf8::lower(c);
    for (size_t i = from; i <= t.size(); ++i)
        if (match_prefix(pat.p, t, i)) return i;
    return std::u32string::npos;
}

Operand fn_search(CallContext& ctx, Args args) {
    TEXT_ARG(0, needle);
    TEXT_ARG(1, hay);
    NUM_ARG(2, start, 1);
    start = trunc_clamp(start);
    size_t len = cp_len(hay);
    if (start < 1 || start > double(len) + 1) return error(Err::Value);
    size_t at = search_index(needle, hay, size_t(start - 1));
    if (at == std::u32string::npos) return error(Err::Value);
    return Value(double(at + 1));
}

Operand fn_substitute(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    TEXT_ARG(1, old);
    TEXT_ARG(2, repl);
    int instance = 0;
    if (present(args, 3)) {
        NUM_ARG(3, k, 0);
        k = trunc_clamp(k);
        if (k < 1) return error(Err::Value);
        instance = int(k);
    }
    if (old.empty()) return text(s);
    std::string out;
    size_t pos = 0;
    int seen = 0;
    for (;;) {
        size_t at = s.find(old, pos);
        if (at == std::string::npos) break;
        ++seen;
        if (instance == 0 || seen == instance) {
            out.append(s, pos, at - pos);
            out += repl;
        } else {
            out.append(s, pos, at + old.size() - pos);
        }
        pos = at + old.size();
        if (instance != 0 && seen == instance) break;
    }
    out.append(s, pos, std::string::npos);
    if (out.size() > kMaxText && cp_len(out) > kMaxText) return error(Err::Value);
    return text(out);
}

// --- case, cleaning ---------------------------------------------------------------------

template <class F>
std::string map_chars(std::string_view s, F&& f) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) utf8::append(out, f(utf8::next(s, i)));
    return out;
}

Operand fn_upper(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return text(map_chars(s, utf8::upper));
}

Operand fn_lower(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return text(map_chars(s, utf8::lower));
}

// PROPER: a letter after a non-letter is upper-cased, every other letter lower-cased
// (so "it's" becomes "It'S" and "76budGET" becomes "76Budget", as in Excel).
Operand fn_proper(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    std::string out;
    out.reserve(s.size());
    bool prev_letter = false;
    for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        bool letter = utf8::is_cased_letter(c);
        utf8::append(out, letter ? (prev_letter ? utf8::lower(c) : utf8::upper(c)) : c);
        prev_letter = letter;
    }
    return text(out);
}

// TRIM: only the ASCII space; leading and trailing removed, inner runs collapsed to one.
Operand fn_trim(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (char c : s) {
        if (c == ' ') { pending = !out.empty(); continue; }
        if (pending) { out += ' '; pending = false; }
        out += c;
    }
    return text(out);
}

// CLEAN: removes the control characters 0–31.
Operand fn_clean(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 32) out += c;
    return text(out);
}

Operand fn_exact(CallContext& ctx, Args args) {
    TEXT_ARG(0, a);
    TEXT_ARG(1, b);
    return Value::boolean(a == b);
}

Operand fn_rept(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, n, 0);
    n = trunc_clamp(n);
    if (n < 0) return error(Err::Value);
    if (s.empty() || n == 0) return text("");
    if (double(cp_len(s)) * n > double(kMaxText)) return error(Err::Value);
    std::string out;
    out.reserve(s.size() * size_t(n));
    for (int i = 0; i < int(n); ++i) out += s;
    return text(out);
}

// --- joining ----------------------------------------------------------------------------

Operand fn_concatenate(CallContext& ctx, Args args) {
    std::string out, part;
    for (size_t i = 0; i < args.size(); ++i) {
        if (Err e = text_arg(ctx, args, i, part); e != Err::None) return error(e);
        out += part;
    }
    if (out.size() > kMaxText && cp_len(out) > kMaxText) return error(Err::Value);
    return text(out);
}

// Visits the values of an argument in row-major order (CONCAT, TEXTJOIN read ranges by rows).
template <class F>
Err visit_row_major(CallContext& ctx, const Operand& a, F&& fn) {
    if (a.is_missing()) return fn(Value());
    if (a.kind() == Operand::Kind::Areas) {
        for (const SheetRange& r : a.area_list())
            if (Err e = visit_row_major(ctx, Operand(r), fn); e != Err::None) return e;
        return Err::None;
    }
    if (a.is_ref() || (a.is_value() && a.value().is_array())) {
        Array arr = ctx.to_array(a);
        for (uint32_t r = 0; r < arr.rows(); ++r)
            for (uint32_t c = 0; c < arr.cols(); ++c)
                if (Err e = fn(arr.at(r, c)); e != Err::None) return e;
        return Err::None;
    }
    return fn(a.value());
}

Operand fn_concat(CallContext& ctx, Args args) {
    std::string out, part;
    for (const Operand& a : args) {
        Err e = visit_row_major(ctx, a, [&](const Value& v) {
            if (Err e2 = CallContext::to_text(v, part); e2 != Err::None) return e2;
            out += part;
            return Err::None;
        });
        if (e != Err::None) return error(e);
    }
    if (out.size() > kMaxText && cp_len(out) > kMaxText) return error(Err::Value);
    return text(out);
}

// TEXTJOIN(delimiter, ignore_empty, text1, …): the delimiter may be a range or array,
// whose values are used in turn.
Operand fn_textjoin(CallContext& ctx, Args args) {
    std::vector<std::string> delims;
    std::string part;
    Err e = visit_row_major(ctx, args[0], [&](const Value& v) {
        if (Err e2 = CallContext::to_text(v, part); e2 != Err::None) return e2;
        delims.push_back(part);
        return Err::None;
    });
    if (e != Err::None) return error(e);
    if (delims.empty()) delims.emplace_back();
    BOOL_ARG(1, ignore_empty, false);
    std::string out;
    size_t count = 0;
    for (size_t i = 2; i < args.size(); ++i) {
        e = visit_row_major(ctx, args[i], [&](const Value& v) {
            if (Err e2 = CallContext::to_text(v, part); e2 != Err::None) return e2;
            if (ignore_empty && part.empty()) return Err::None;
            if (count > 0) out += delims[(count - 1) % delims.size()];
            out += part;
            ++count;
            return Err::None;
        });
        if (e != Err::None) return error(e);
    }
    if (out.size() > kMaxText && cp_len(out) > kMaxText) return error(Err::Value);
    return text(out);
}

// --- numbers and text -------------------------------------------------------------------

// TEXT(value, format): numbers (and text that reads as a number or date) through the
// format; other text through the format's text section; booleans unchanged.
Operand fn_text(CallContext& ctx, Args args) {
    Value v = ctx.scalar(args[0]);
    if (v.is_error()) return v;
    TEXT_ARG(1, fmt);
    double d = 0;
    switch (v.type()) {
        case Type::Bool: return text(v.boolean() ? "TRUE" : "FALSE");
        case Type::String: {
            auto n = coerce_text_to_number(v.string(), ctx.date1904(), ctx.day_first());
            if (!n) return text(format_text(v.string(), fmt));
            d = *n;
            break;
        }
        case Type::Number: d = v.number(); break;
        default: break;
    }
    auto out = try_format_number(d, fmt, ctx.date1904());
    if (!out) return error(Err::Value);
    return text(*out);
}

// VALUE: text to a number (numbers, percentages, currency, dates and times); an empty
// cell is 0 but "" and booleans are #VALUE!.
Operand fn_value(CallContext& ctx, Args args) {
    Value v = ctx.scalar(args[0]);
    switch (v.type()) {
        case Type::Number: return v;
        case Type::Empty: return Value(0.0);
        case Type::Error: return v;
        case Type::String: {
            auto n = coerce_text_to_number(v.string(), ctx.date1904(), ctx.day_first());
            if (!n) return error(Err::Value);
            return Value(*n);
        }
        default: return error(Err::Value);
    }
}

// NUMBERVALUE(text, [decimal_separator], [group_separator]): locale-free parsing. Spaces
// are ignored, group separators may only precede the decimal separator, each trailing
// '%' divides by 100.
Operand fn_numbervalue(CallContext& ctx, Args args) {
    Value v = ctx.scalar(args[0]);
    if (v.is_error()) return v;
    if (v.is_number()) return v;
    TEXT_ARG(0, s);
    std::string dec = ".", grp = ",";
    if (present(args, 1)) {
        TEXT_ARG(1, d);
        if (d.empty()) return error(Err::Value);
        dec = std::string(cp_sub(d, 0, 1));
    }
    if (present(args, 2)) {
        TEXT_ARG(2, g);
        grp = g.empty() ? std::string() : std::string(cp_sub(g, 0, 1));
    }
    if (dec == grp) return error(Err::Value);
    std::string t;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') t += c;
    if (t.empty()) return Value(0.0);
    int percent = 0;
    while (!t.empty() && t.back() == '%') { t.pop_back(); ++percent; }
    std::string norm;
    bool seen_dec = false;
    for (size_t i = 0; i < t.size();) {
        if (t.compare(i, dec.size(), dec) == 0) {
            if (seen_dec) return error(Err::Value);
            seen_dec = true;
            norm += '.';
            i += dec.size();
        } else if (!grp.empty() && t.compare(i, grp.size(), grp) == 0) {
            if (seen_dec) return error(Err::Value);
            i += grp.size();
        } else {
            char c = t[i++];
            if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == 'e' || c == 'E'))
                return error(Err::Value);
            norm += c;
        }
    }
    if (norm.empty() || norm == ".") return error(Err::Value);
    char* end = nullptr;
    double d = std::strtod(norm.c_str(), &end);
    if (end != norm.c_str() + norm.size() || !std::isfinite(d)) return error(Err::Value);
    for (int i = 0; i < percent; ++i) d /= 100;
    return Value(d);
}

// The number rounded like ROUND, then shown with `decimals` decimals (none when negative).
std::string fixed_text(double x, int decimals, bool commas, std::string_view prefix, bool paren_negative) {
    double r = excel_round(x, decimals);
    std::string code = commas ? "#,##0" : "0";
    if (decimals > 0) code += "." + std::string(size_t(decimals), '0');
    std::string body = format_number(std::fabs(r), code, false);
    if (r < 0) return paren_negative ? "(" + std::string(prefix) + body + ")" : "-" + std::string(prefix) + body;
    return std::string(prefix) + body;
}

Operand fn_fixed(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, dec, 2);
    BOOL_ARG(2, no_commas, false);
    dec = std::trunc(dec);
    if (dec > 127) return error(Err::Value);
    if (dec < -308) dec = -308;
    return text(fixed_text(x, int(dec), !no_commas, "", false));
}

// DOLLAR: currency text as en-US Excel writes it, "$1,234.57" and "($1,234.57)".
Operand fn_dollar(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, dec, 2);
    dec = std::trunc(dec);
    if (dec > 127) return error(Err::Value);
    if (dec < -308) dec = -308;
    return text(fixed_text(x, int(dec), true, "$", true));
}

// --- characters -------------------------------------------------------------------------

// Windows-1252 bytes 0x80–0x9F (CHAR/CODE in Excel for Windows, en-US); the five
// undefined bytes map to the C1 control of the same value, as Excel does.
const char16_t kCp1252High[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                  0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

Operand fn_char(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    n = std::trunc(n);
    if (n < 1 || n > 255) return error(Err::Value);
    char32_t cp = char32_t(n);
    if (cp >= 0x80 && cp < 0xA0) cp = kCp1252High[cp - 0x80];
    std::string out;
    utf8::append(out, cp);
    return text(out);
}

Operand fn_code(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    if (s.empty()) return error(Err::Value);
    size_t i = 0;
    char32_t cp = utf8::next(s, i);
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return Value(double(cp));
    for (int k = 0; k < 32; ++k)
        if (kCp1252High[k] == cp) return Value(double(0x80 + k));
    return Value(63.0);  // not in the code page: '?'
}

Operand fn_unichar(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    n = std::trunc(n);
    if (n < 1 || n > 0x10FFFF) return error(Err::Value);
    if (n >= 0xD800 && n <= 0xDFFF) return error(Err::NA);
    std::string out;
    utf8::append(out, char32_t(n));
    return text(out);
}

Operand fn_unicode(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    if (s.empty()) return error(Err::Value);
    size_t i = 0;
    return Value(double(utf8::next(s, i)));
}

Operand fn_t(CallContext& ctx, Args args) {
    // T(range) reads the range's top-left cell in Excel, not the implicit intersection.
    const Operand& a = args[0];
    Value v = a.is_ref() && !ctx.array_mode()
                  ? ctx.cell_value(a.ref().sheet, a.ref().range.r1, a.ref().range.c1)
                  : ctx.scalar(a);
    if (v.is_error() || v.is_string()) return v;
    return text("");
}

Operand fn_n(CallContext& ctx, Args args) {
    Value v = ctx.scalar(args[0]);
    switch (v.type()) {
        case Type::Number: case Type::Error: return v;
        case Type::Bool: return Value(v.boolean() ? 1.0 : 0.0);
        default: return Value(0.0);
    }
}

// ASC: full-width ASCII and the ideographic space to half-width; DBCS: the reverse.
Operand fn_asc(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return text(map_chars(s, [](char32_t c) -> char32_t {
        if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
        if (c == 0x3000) return ' ';
        return c;
    }));
}

Operand fn_dbcs(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return text(map_chars(s, [](char32_t c) -> char32_t {
        if (c >= 0x21 && c <= 0x7E) return c + 0xFEE0;
        if (c == ' ') return 0x3000;
        return c;
    }));
}

// --- byte variants (DBCS: CJK and full-width characters are two bytes) ------------------

struct ByteChars {
    std::vector<char32_t> cps;
    std::vector<size_t> start;  // byte offset of each character
    size_t total = 0;
};

ByteChars byte_chars(std::string_view s) {
    ByteChars b;
    for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        b.cps.push_back(c);
        b.start.push_back(b.total);
        b.total += size_t(utf8::dbcs_width(c));
    }
    return b;
}

// Characters within the byte range [from, to): whole characters kept, each character
// cut by a boundary becomes one space (Excel's behaviour in DBCS locales).
std::string byte_slice(const ByteChars& b, size_t from, size_t to) {
    std::string out;
    for (size_t k = 0; k < b.cps.size(); ++k) {
        size_t s = b.start[k], e = s + size_t(utf8::dbcs_width(b.cps[k]));
        if (e <= from || s >= to) continue;
        if (s >= from && e <= to) utf8::append(out, b.cps[k]);
        else out += ' ';
    }
    return out;
}

Operand fn_lenb(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    return Value(double(utf8::dbcs_length(s)));
}

Operand fn_leftb(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, n, 1);
    n = trunc_clamp(n);
    if (n < 0) return error(Err::Value);
    ByteChars b = byte_chars(s);
    return text(byte_slice(b, 0, size_t(n)));
}

Operand fn_rightb(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, n, 1);
    n = trunc_clamp(n);
    if (n < 0) return error(Err::Value);
    ByteChars b = byte_chars(s);
    size_t k = std::min(b.total, size_t(n));
    return text(byte_slice(b, b.total - k, b.total));
}

Operand fn_midb(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, start, 0);
    NUM_ARG(2, n, 0);
    start = trunc_clamp(start);
    n = trunc_clamp(n);
    if (start < 1 || n < 0) return error(Err::Value);
    ByteChars b = byte_chars(s);
    return text(byte_slice(b, size_t(start - 1), size_t(start - 1) + size_t(n)));
}

// Byte position -> index of the first character starting at or after it.
size_t char_at_byte(const ByteChars& b, size_t byte) {
    size_t k = 0;
    while (k < b.cps.size() && b.start[k] < byte) ++k;
    return k;
}

size_t byte_of_char(const ByteChars& b, size_t k) { return k < b.start.size() ? b.start[k] : b.total; }

Operand find_bytes(CallContext& ctx, Args args, bool search) {
    TEXT_ARG(0, needle);
    TEXT_ARG(1, hay);
    NUM_ARG(2, start, 1);
    start = trunc_clamp(start);
    ByteChars b = byte_chars(hay);
    if (start < 1 || start > double(b.total) + 1) return error(Err::Value);
    size_t from = char_at_byte(b, size_t(start - 1));
    size_t at;
    if (search) {
        at = search_index(needle, hay, from);
    } else {
        size_t bo = utf8::offset(hay, from);
        size_t pos = hay.find(needle, bo);
        at = pos == std::string::npos ? std::u32string::npos : utf8::length(std::string_view(hay).substr(0, pos));
    }
    if (at == std::u32string::npos) return error(Err::Value);
    return Value(double(byte_of_char(b, at) + 1));
}

Operand fn_findb(CallContext& ctx, Args args) { return find_bytes(ctx, args, false); }
Operand fn_searchb(CallContext& ctx, Args args) { return find_bytes(ctx, args, true); }

Operand fn_replaceb(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    NUM_ARG(1, start, 0);
    NUM_ARG(2, n, 0);
    TEXT_ARG(3, repl);
    start = trunc_clamp(start);
    n = trunc_clamp(n);
    if (start < 1 || n < 0) return error(Err::Value);
    ByteChars b = byte_chars(s);
    size_t from = std::min(b.total, size_t(start - 1));
    size_t to = std::min(b.total, from + size_t(n));
    std::string out = byte_slice(b, 0, from);
    out += repl;
    out += byte_slice(b, to, b.total);
    return text(out);
}

// --- TEXTBEFORE / TEXTAFTER -------------------------------------------------------------

// Delimiters: one text, or every value of a range/array.
Err delimiter_list(CallContext& ctx, const Operand& a, std::vector<std::string>& out) {
    std::string part;
    return visit_row_major(ctx, a, [&](const Value& v) {
        if (Err e = CallContext::to_text(v, part); e != Err::None) return e;
        out.push_back(part);
        return Err::None;
    });
}

Operand text_before_after(CallContext& ctx, Args args, bool before) {
    TEXT_ARG(0, s);
    std::vector<std::string> delims;
    if (Err e = delimiter_list(ctx, args[1], delims); e != Err::None) return error(e);
    NUM_ARG(2, inst_d, 1);
    NUM_ARG(3, mode_d, 0);
    NUM_ARG(4, end_d, 0);
    // Excel floors the instance (-1.2 is -2) and accepts only 0/1 for the modes.
    int inst = int(std::floor(std::max(-1e9, std::min(1e9, inst_d))));
    int mode = int(std::trunc(mode_d));
    if (mode != 0 && mode != 1) return error(Err::Value);
    if (end_d != 0 && end_d != 1) return error(Err::Value);
    bool match_end = end_d == 1;
    std::u32string t = decode(s);
    if (inst == 0 || size_t(std::abs(inst)) > t.size() + 1) return error(Err::Value);
    std::vector<std::u32string> ds;
    for (const std::string& d : delims) ds.push_back(decode(d));
    if (ds.empty()) return error(Err::Value);
    bool any_empty = std::any_of(ds.begin(), ds.end(), [](const std::u32string& d) { return d.empty(); });
    if (present(args, 2) && !any_empty) {
        // An explicit instance beyond what the text can hold is #VALUE! (a delimiter longer
        // than the text included), where an omitted one gives #N/A.
        size_t shortest = ds[0].size();
        for (const auto& d : ds) shortest = std::min(shortest, d.size());
        if (shortest > t.size() || size_t(std::abs(inst)) > t.size() - shortest + 1) return error(Err::Value);
    }
    auto fold = [&](char32_t c) { return mode == 1 ? utf8::lower(c) : c; };
    auto match_at = [&](size_t i, size_t& len) {
        for (const std::u32string& d : ds) {
            if (d.empty() || i + d.size() > t.size()) continue;
            bool ok = true;
            for (size_t k = 0; k < d.size() && ok; ++k) ok = fold(t[i + k]) == fold(d[k]);
            if (ok) { len = d.size(); return true; }
        }
        return false;
    };
    // Every match (position, length), left to right, not overlapping.
    std::vector<std::pair<size_t, size_t>> hits;
    if (any_empty) {
        // An empty delimiter matches at once: at the start (or, from the end, at the end).
        hits.push_back(inst > 0 ? std::pair<size_t, size_t>{0, 0} : std::pair<size_t, size_t>{t.size(), 0});
    } else {
        for (size_t i = 0; i < t.size();) {
            size_t len = 0;
            if (match_at(i, len)) { hits.push_back({i, len}); i += len; }
            else ++i;
        }
    }
    std::pair<size_t, size_t> hit;
    bool found = false;
    if (inst > 0) {
        if (size_t(inst) <= hits.size()) { hit = hits[size_t(inst) - 1]; found = true; }
        else if (match_end && size_t(inst) == hits.size() + 1) { hit = {t.size(), 0}; found = true; }
    } else {
        size_t k = size_t(-inst);
        if (k <= hits.size()) { hit = hits[hits.size() - k]; found = true; }
        else if (match_end && k == hits.size() + 1) { hit = {0, 0}; found = true; }
    }
    if (!found) {
        if (!present(args, 5)) return error(Err::NA);
        Value v = ctx.scalar(args[5]);
        return v.is_empty() ? text("") : v;
    }
    if (before) return text(encode(std::u32string_view(t).substr(0, hit.first)));
    return text(encode(std::u32string_view(t).substr(hit.first + hit.second)));
}

// The text argument may be an array or range: applied to each element (the delimiter
// argument is an array of alternatives, so the function cannot be lifted as a whole).
Operand lift_first(CallContext& ctx, Args args, Operand (*fn)(CallContext&, Args, bool), bool flag) {
    const Operand& a = args[0];
    bool multi = (a.is_value() && a.value().is_array()) ||
                 (a.kind() == Operand::Kind::Ref && ctx.array_mode() && !a.ref().range.is_cell());
    if (!multi) return fn(ctx, args, flag);
    Array in = ctx.to_array(a);
    Array out(in.rows(), in.cols());
    std::vector<Operand> sub(args.begin(), args.end());
    for (uint32_t r = 0; r < in.rows(); ++r)
        for (uint32_t c = 0; c < in.cols(); ++c) {
            sub[0] = Operand(in.at(r, c));
            Operand res = fn(ctx, Args(sub.data(), sub.size()), flag);
            out.at(r, c) = ctx.scalar(res);
        }
    return Value::array(std::move(out));
}

Operand fn_textbefore(CallContext& ctx, Args args) { return lift_first(ctx, args, text_before_after, true); }
Operand fn_textafter(CallContext& ctx, Args args) { return lift_first(ctx, args, text_before_after, false); }

// Splits t at any of the delimiters (the first one listed wins at a position).
std::vector<std::u32string> split_any(const std::u32string& t, const std::vector<std::u32string>& ds, bool fold_case,
                                      bool ignore_empty) {
    auto fold = [&](char32_t c) { return fold_case ? utf8::lower(c) : c; };
    std::vector<std::u32string> out;
    std::u32string cur;
    for (size_t i = 0; i < t.size();) {
        size_t len = 0;
        for (const std::u32string& d : ds) {
            if (i + d.size() > t.size()) continue;
            bool ok = true;
            for (size_t k = 0; k < d.size() && ok; ++k) ok = fold(t[i + k]) == fold(d[k]);
            if (ok) { len = d.size(); break; }
        }
        if (len == 0) { cur += t[i++]; continue; }
        if (!(ignore_empty && cur.empty())) out.push_back(cur);
        cur.clear();
        i += len;
    }
    if (!(ignore_empty && cur.empty())) out.push_back(cur);
    return out;
}

// TEXTSPLIT(text, col_delimiter, [row_delimiter], [ignore_empty], [match_mode], [pad_with]):
// an array of the pieces, short rows padded (with #N/A by default).
Operand fn_textsplit(CallContext& ctx, Args args) {
    TEXT_ARG(0, s);
    std::vector<std::string> cols, rows;
    if (present(args, 1))
        if (Err e = delimiter_list(ctx, args[1], cols); e != Err::None) return error(e);
    if (present(args, 2))
        if (Err e = delimiter_list(ctx, args[2], rows); e != Err::None) return error(e);
    if (cols.empty() && rows.empty()) return error(Err::Value);
    for (const auto& d : cols)
        if (d.empty()) return error(Err::Value);
    for (const auto& d : rows)
        if (d.empty()) return error(Err::Value);
    BOOL_ARG(3, ignore_empty, false);
    NUM_ARG(4, mode_d, 0);
    int mode = int(std::trunc(mode_d));
    if (mode != 0 && mode != 1) return error(Err::Value);
    Value pad = present(args, 5) ? ctx.scalar(args[5]) : error(Err::NA);
    std::vector<std::u32string> cd, rd;
    for (const auto& d : cols) cd.push_back(decode(d));
    for (const auto& d : rows) rd.push_back(decode(d));
    std::u32string t = decode(s);
    std::vector<std::u32string> lines = rd.empty() ? std::vector<std::u32string>{t} : split_any(t, rd, mode == 1, ignore_empty);
    std::vector<std::vector<std::u32string>> cells;
    size_t width = 1;
    for (const auto& line : lines) {
        cells.push_back(cd.empty() ? std::vector<std::u32string>{line} : split_any(line, cd, mode == 1, ignore_empty));
        width = std::max(width, cells.back().size());
    }
    if (cells.empty()) return error(Err::Calc);
    Array out(uint32_t(cells.size()), uint32_t(width));
    for (size_t r = 0; r < cells.size(); ++r)
        for (size_t c = 0; c < width; ++c)
            out.at(uint32_t(r), uint32_t(c)) = c < cells[r].size() ? text(encode(cells[r][c])) : pad;
    if (out.rows() == 1 && out.cols() == 1) return out.at(0, 0);
    return Value::array(std::move(out));
}

// --- VALUETOTEXT / ARRAYTOTEXT ----------------------------------------------------------

std::string value_text(const Value& v, bool strict) {
    switch (v.type()) {
        case Type::String: {
            if (!strict) return std::string(v.string());
            std::string out = "\"";
            for (char c : v.string()) { out += c; if (c == '"') out += '"'; }
            return out + "\"";
        }
        case Type::Error: return std::string(error_text(v.error()));
        default: {
            std::string s;
            CallContext::to_text(v, s);
            return s;
        }
    }
}

Err format_arg(CallContext& ctx, Args args, size_t i, bool& strict) {
    double f = 0;
    if (Err e = number_arg(ctx, args, i, f, 0); e != Err::None) return e;
    f = std::trunc(f);
    if (f != 0 && f != 1) return Err::Value;
    strict = f == 1;
    return Err::None;
}

Operand fn_valuetotext(CallContext& ctx, Args args) {
    Value v = ctx.scalar(args[0]);
    bool strict = false;
    if (Err e = format_arg(ctx, args, 1, strict); e != Err::None) return error(e);
    return text(value_text(v, strict));
}

Operand fn_arraytotext(CallContext& ctx, Args args) {
    bool strict = false;
    if (Err e = format_arg(ctx, args, 1, strict); e != Err::None) return error(e);
    Array a = ctx.to_array(args[0]);
    std::string out = strict ? "{" : "";
    for (uint32_t r = 0; r < a.rows(); ++r)
        for (uint32_t c = 0; c < a.cols(); ++c) {
            if (r || c) out += strict ? (c == 0 ? ";" : ",") : ", ";
            out += value_text(a.at(r, c), strict);
        }
    if (strict) out += "}";
    return text(out);
}

}  // namespace

void register_text_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"CONCATENATE", fn_concatenate, 1, 255, kLift, "Joins its arguments as text"},
        {"CONCAT", fn_concat, 1, 254, 0, "Joins every value of its arguments, ranges read row by row"},
        {"TEXTJOIN", fn_textjoin, 3, 252, 0, "Joins values with a delimiter, optionally skipping empty ones"},
        {"LEFT", fn_left, 1, 2, kLift, "First characters of a text"},
        {"RIGHT", fn_right, 1, 2, kLift, "Last characters of a text"},
        {"MID", fn_mid, 3, 3, kLift, "Characters from a position of a text"},
        {"LEN", fn_len, 1, 1, kLift, "Number of characters of a text"},
        {"FIND", fn_find, 2, 3, kLift, "Position of a text inside another, case-sensitive"},
        {"SEARCH", fn_search, 2, 3, kLift, "Position of a text inside another, case-insensitive, with ? * ~ wildcards"},
        {"SUBSTITUTE", fn_substitute, 3, 4, kLift, "Replaces occurrences (or one occurrence) of a text"},
        {"REPLACE", fn_replace, 4, 4, kLift, "Replaces characters at a position"},
        {"UPPER", fn_upper, 1, 1, kLift, "Text in upper case"},
        {"LOWER", fn_lower, 1, 1, kLift, "Text in lower case"},
        {"PROPER", fn_proper, 1, 1, kLift, "Capitalises the first letter of each word"},
        {"TRIM", fn_trim, 1, 1, kLift, "Removes leading and trailing spaces and collapses inner runs of spaces"},
        {"CLEAN", fn_clean, 1, 1, kLift, "Removes non-printable characters (codes 0-31)"},
        {"TEXT", fn_text, 2, 2, kLift, "Formats a value with an Excel number format code"},
        {"VALUE", fn_value, 1, 1, kLift, "Converts text to a number (numbers, percentages, dates, times)"},
        {"NUMBERVALUE", fn_numbervalue, 1, 3, kLift, "Converts text to a number with given decimal and group separators"},
        {"FIXED", fn_fixed, 1, 3, kLift, "Rounds a number and formats it with a fixed number of decimals"},
        {"DOLLAR", fn_dollar, 1, 2, kLift, "Formats a number as currency text"},
        {"REPT", fn_rept, 2, 2, kLift, "Repeats a text a number of times"},
        {"EXACT", fn_exact, 2, 2, kLift, "Whether two texts are identical, case-sensitive"},
        {"CHAR", fn_char, 1, 1, kLift, "Character of a code (Windows-1252)"},
        {"CODE", fn_code, 1, 1, kLift, "Code (Windows-1252) of the first character"},
        {"UNICHAR", fn_unichar, 1, 1, kLift, "Character of a Unicode code point"},
        {"UNICODE", fn_unicode, 1, 1, kLift, "Unicode code point of the first character"},
        {"T", fn_t, 1, 1, kLift, "The value if it is text, else empty text"},
        {"N", fn_n, 1, 1, kLift, "The value as a number: numbers as is, TRUE 1, text 0"},
        {"ASC", fn_asc, 1, 1, kLift, "Converts full-width (double-byte) characters to half-width"},
        {"DBCS", fn_dbcs, 1, 1, kLift, "Converts half-width characters to full-width (double-byte)"},
        {"LENB", fn_lenb, 1, 1, kLift, "Length in bytes (CJK characters count 2)"},
        {"LEFTB", fn_leftb, 1, 2, kLift, "First bytes of a text (CJK characters count 2)"},
        {"RIGHTB", fn_rightb, 1, 2, kLift, "Last bytes of a text (CJK characters count 2)"},
        {"MIDB", fn_midb, 3, 3, kLift, "Bytes from a byte position of a text (CJK characters count 2)"},
        {"FINDB", fn_findb, 2, 3, kLift, "Byte position of a text inside another, case-sensitive"},
        {"SEARCHB", fn_searchb, 2, 3, kLift, "Byte position of a text inside another, with wildcards"},
        {"REPLACEB", fn_replaceb, 4, 4, kLift, "Replaces bytes at a byte position"},
        {"TEXTBEFORE", fn_textbefore, 2, 6, 0, "Text before a delimiter"},
        {"TEXTAFTER", fn_textafter, 2, 6, 0, "Text after a delimiter"},
        {"TEXTSPLIT", fn_textsplit, 2, 6, 0, "Splits a text into an array at column and row delimiters"},
        {"VALUETOTEXT", fn_valuetotext, 1, 2, kLift, "A value as text (strict format quotes strings)"},
        {"ARRAYTOTEXT", fn_arraytotext, 1, 2, 0, "An array or range as text"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = "text";
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
