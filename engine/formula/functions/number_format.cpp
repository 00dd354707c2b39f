// number_format.cpp — Excel number-format codes: a code is parsed once into sections of
// tokens (cached per thread), then a value is rendered through the section it selects.
#include "formula/functions/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/number_text.h"
#include "core/value.h"
#include "formula/functions/number_format_cn.h"
#include "formula/functions/utf8.h"

namespace sp {
namespace {

using nf::cn_digits;
using nf::cn_number;

// ---------------------------------------------------------------------------------------
// Decimal digits. Excel rounds what it displays half away from zero on the value it
// shows with 15 significant digits, so 2.675 (binary 2.67499999…) shows as 2.68.

struct Sig {
    char d[16];  // 15 significant digits, d[0] non-zero unless zero
    int e = 0;   // d[0] stands for 10^e
    bool zero = true;
};

Sig sig15(double a) {
    Sig s;
    a = std::fabs(a);
    if (a == 0 || !std::isfinite(a)) { std::memset(s.d, '0', 15); s.d[15] = 0; return s; }
    char buf[40];
    // d.dddddddddddddde±XX, correctly rounded (std::to_chars is exact and much faster than printf)
    auto res = std::to_chars(buf, buf + sizeof buf - 1, a, std::chars_format::scientific, 14);
    *res.ptr = 0;
    s.d[0] = buf[0];
    std::memcpy(s.d + 1, buf + 2, 14);
    s.d[15] = 0;
    s.e = std::atoi(buf + 17);
    s.zero = false;
    return s;
}

// Keeps the first `keep` digits of s (rounding half up on the next one). Returns the kept
// digits; e is adjusted when the rounding carries into a new leading digit.
std::string round_digits(const Sig& s, int keep, int& e) {
    e = s.e;
    if (keep <= 0) {
        if (keep == 0 && s.d[0] >= '5') { e = s.e + 1; return "1"; }
        return "";
    }
    if (keep >= 15) return std::string(s.d, 15) + std::string(size_t(keep - 15), '0');
    std::string out(s.d, size_t(keep));
    if (s.d[keep] >= '5') {
        int i = keep - 1;
        while (i >= 0 && out[i] == '9') out[i--] = '0';
        if (i >= 0) ++out[i];
        else { out.insert(out.begin(), '1'); out.pop_back(); ++e; }
    }
    return out;
}

// |a| rounded to `decimals` places: integer digits (no leading zeros, "" for 0) and
// exactly `decimals` fraction digits.
void fixed_digits(double a, int decimals, std::string& ip, std::string& fp) {
    ip.clear();
    fp.assign(size_t(decimals), '0');
    Sig s = sig15(a);
    if (s.zero) return;
    int e;
    std::string ds = round_digits(s, s.e + 1 + decimals, e);
    if (ds.empty()) return;
    // digit i stands for 10^(e - i)
    for (int i = 0; i < int(ds.size()); ++i) {
        int p = e - i;
        if (p >= 0) ip += ds[i];
        else if (-p <= decimals) fp[size_t(-p - 1)] = ds[i];
    }
    if (e >= 0 && int(ds.size()) < e + 1) ip.append(size_t(e + 1 - int(ds.size())), '0');
    size_t nz = ip.find_first_not_of('0');
    ip = nz == std::string::npos ? std::string() : ip.substr(nz);
}

bool all_zero(const std::string& a, const std::string& b) {
    return a.find_first_not_of('0') == std::string::npos && b.find_first_not_of('0') == std::string::npos;
}

// ---------------------------------------------------------------------------------------
// Tokens and sections.

enum class Tok : uint8_t {
    Literal, Zero, Hash, Quest, Point, Comma, Percent, Exp, Slash, FixedDenom, At, General,
    Year, Month, Day, Hour, Minute, Second, SubSecond, AmPm, ElapsedH, ElapsedM, ElapsedS, WeekdayCn, Era
};

struct Token {
    Tok kind;
    int n = 0;         // letters in a date code; digits of SubSecond; denominator of FixedDenom
    std::string text;  // Literal text; Exp: "E+"/"e-"…; AmPm: "AM|PM"
    Token(Tok k, int count = 0, std::string t = {}) : kind(k), n(count), text(std::move(t)) {}
};

bool is_digit_ph(Tok k) { return k == Tok::Zero || k == Tok::Hash || k == Tok::Quest; }
bool is_date_code(Tok k) { return k >= Tok::Year; }

enum class CmpOp : uint8_t { None, Lt, Le, Gt, Ge, Eq, Ne };

struct Section {
    std::vector<Token> toks;
    CmpOp op = CmpOp::None;
    double cond = 0;
    bool is_date = false, is_text = false, is_general = false, bad = false;
    bool chinese = false;   // [$-804]: Chinese month and weekday names, 上午/下午
    int dbnum = 0;          // [DBNum1..3]: Chinese numerals
    int8_t sys = 0;         // [$-x-sysdate]/[$-F800] 1, [$-x-systime]/[$-F400] 2: the system's long date/time
    uint32_t color = 0;     // [Red], [Color10]…: 0xRRGGBB | kColorSet
    // numeric layout
    int percent = 0, scale = 0;  // scale: trailing commas (÷1000 each)
    bool grouping = false, sci = false, fraction = false;
    int int_ph = 0, dec_ph = 0, exp_ph = 0, num_ph = 0, den_ph = 0;
    int fixed_den = 0;
    bool int_has_hash = false;
    int sub_digits = 0;     // dates: fraction-of-second digits shown
    bool ampm = false;
    bool has_hour = false;
};

struct Format {
    std::vector<Section> sections;
};

bool starts_with_ci(std::string_view s, size_t i, std::string_view w) {
    if (s.size() - i < w.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != std::tolower(static_cast<unsigned char>(w[k])))
            return false;
    return true;
}

void add_literal(Section& sec, std::string_view text) {
    if (!sec.toks.empty() && sec.toks.back().kind == Tok::Literal) sec.toks.back().text += text;
    else sec.toks.push_back({Tok::Literal, 0, std::string(text)});
}

bool is_chinese_lcid(std::string_view hex) {
    // Excel 365 writes language tags too: [$-zh-CN], [$¥-zh-CN]
    if (hex.size() >= 2 && (hex[0] == 'z' || hex[0] == 'Z') && (hex[1] == 'h' || hex[1] == 'H')) return true;
    // zh-CN 804, zh-TW 404, zh-HK C04, zh-SG 1004, zh-MO 1404 (the low 16 bits of the LCID).
    unsigned long v = std::strtoul(std::string(hex).c_str(), nullptr, 16) & 0xFFFF;
    return v == 0x804 || v == 0x404 || v == 0xC04 || v == 0x1004 || v == 0x1404;
}

constexpr uint32_t kColorSet = 0x1000000;

// Excel's default palette, [Color1]..[Color56].
const uint32_t kPalette[56] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000, 0x008000,
    0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF,
    0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000,
    0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
    0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696, 0x003366, 0x339966,
    0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333};

// A colour name (English or as zh-CN Excel writes it) or [ColorN]; 0 when not a colour.
uint32_t parse_color(std::string_view b) {
    static const std::pair<const char*, uint32_t> names[] = {
        {"black", 0x000000}, {"blue", 0x0000FF}, {"cyan", 0x00FFFF}, {"green", 0x00FF00},
        {"magenta", 0xFF00FF}, {"red", 0xFF0000}, {"white", 0xFFFFFF}, {"yellow", 0xFFFF00},
        {"黑色", 0x000000}, {"蓝色", 0x0000FF}, {"青色", 0x00FFFF}, {"绿色", 0x00FF00},
        {"洋红", 0xFF00FF}, {"红色", 0xFF0000}, {"白色", 0xFFFFFF}, {"黄色", 0xFFFF00}};
    for (const auto& [n, rgb] : names)
        if (b.size() == std::strlen(n) && starts_with_ci(b, 0, n)) return rgb | kColorSet;
    if (starts_with_ci(b, 0, "color") || b.substr(0, 6) == "颜色") {
        size_t i = b[0] == 'c' || b[0] == 'C' ? 5 : 6;
        while (i < b.size() && b[i] == ' ') ++i;
        int n = 0;
        while (i < b.size() && b[i] >= '0' && b[i] <= '9' && n < 100) n = n * 10 + (b[i++] - '0');
        if (i == b.size() && n >= 1 && n <= 56) return kPalette[n - 1] | kColorSet;
    }
    return 0;
}

// "[...]": colour, condition, locale/currency, elapsed time, DBNum.
void parse_bracket(Section& sec, std::string_view b) {
    if (b.empty()) return;
    char c0 = b[0];
    if (c0 == '<' || c0 == '>' || c0 == '=') {
        size_t i = 1;
        if (c0 == '<' && i < b.size() && b[i] == '=') { sec.op = CmpOp::Le; ++i; }
        else if (c0 == '<' && i < b.size() && b[i] == '>') { sec.op = CmpOp::Ne; ++i; }
        else if (c0 == '>' && i < b.size() && b[i] == '=') { sec.op = CmpOp::Ge; ++i; }
        else sec.op = c0 == '<' ? CmpOp::Lt : c0 == '>' ? CmpOp::Gt : CmpOp::Eq;
        sec.cond = std::strtod(std::string(b.substr(i)).c_str(), nullptr);
        return;
    }
    if (c0 == '$') {  // [$¥-804]: currency symbol, then the locale id
        if (starts_with_ci(b, 0, "$-x-sysdate") || starts_with_ci(b, 0, "$-F800")) { sec.sys = 1; return; }
        if (starts_with_ci(b, 0, "$-x-systime") || starts_with_ci(b, 0, "$-F400")) { sec.sys = 2; return; }
        size_t dash = b.find('-', 1);
        std::string_view sym = b.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1);
        if (!sym.empty()) add_literal(sec, sym);
        if (dash != std::string_view::npos && is_chinese_lcid(b.substr(dash + 1))) sec.chinese = true;
        return;
    }
    char lc = char(std::tolower(static_cast<unsigned char>(c0)));
    if (lc == 'h' || lc == 'm' || lc == 's') {
        bool same = true;
        for (char ch : b) same &= std::tolower(static_cast<unsigned char>(ch)) == lc;
        if (same) {
            Tok k = lc == 'h' ? Tok::ElapsedH : lc == 'm' ? Tok::ElapsedM : Tok::ElapsedS;
            sec.toks.push_back({k, int(b.size()), {}});
            return;
        }
    }
    if (starts_with_ci(b, 0, "dbnum") && b.size() == 6 && b[5] >= '1' && b[5] <= '3') { sec.dbnum = b[5] - '0'; return; }
    // Colours ([Red], [红色], [Color 10]): not in text, kept for displays (format_color).
    sec.color = parse_color(b);
}

Section parse_section(std::string_view s) {
    Section sec;
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        char lc = char(std::tolower(static_cast<unsigned char>(c)));
        if (c == '"') {
            size_t end = s.find('"', i + 1);
            if (end == std::string_view::npos) end = s.size();
            add_literal(sec, s.substr(i + 1, end - i - 1));
            i = end + 1;
        } else if (c == '\\' || c == '!') {
            ++i;
            if (i < s.size()) { size_t st = i; utf8::next(s, i); add_literal(sec, s.substr(st, i - st)); }
        } else if (c == '_') {  // space the width of the next character
            ++i;
            if (i < s.size()) utf8::next(s, i);
            add_literal(sec, " ");
        } else if (c == '*') {  // fill with the next character: nothing in text
            ++i;
            if (i < s.size()) utf8::next(s, i);
        } else if (c == '[') {
            size_t end = s.find(']', i + 1);
            if (end == std::string_view::npos) end = s.size();
            parse_bracket(sec, s.substr(i + 1, end - i - 1));
            i = end + 1;
        } else if (c == '0') { sec.toks.push_back({Tok::Zero}); ++i; }
        else if (c == '#') { sec.toks.push_back({Tok::Hash}); ++i; }
        else if (c == '?') { sec.toks.push_back({Tok::Quest}); ++i; }
        else if (c == '.') { sec.toks.push_back({Tok::Point}); ++i; }
        else if (c == ',') { sec.toks.push_back({Tok::Comma}); ++i; }
        else if (c == '%') { sec.toks.push_back({Tok::Percent}); ++i; }
        else if (c == '@') { sec.toks.push_back({Tok::At}); ++i; }
        else if (lc == 'e' && i + 1 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-')) {
            sec.toks.push_back({Tok::Exp, 0, std::string(s.substr(i, 2))});
            i += 2;
        } else if (c == '/') {
            ++i;
            if (i < s.size() && s[i] >= '1' && s[i] <= '9') {
                int den = 0;
                while (i < s.size() && s[i] >= '0' && s[i] <= '9' && den < 100000000) den = den * 10 + (s[i++] - '0');
                sec.toks.push_back({Tok::FixedDenom, den, {}});
            } else {
                sec.toks.push_back({Tok::Slash});
            }
        } else if (starts_with_ci(s, i, "general")) {
            sec.toks.push_back({Tok::General});
            i += 7;
        } else if (s.substr(i, 14) == "G/通用格式") {  // General as zh-CN Excel spells it in TEXT()
            sec.toks.push_back({Tok::General});
            i += 14;
        } else if (starts_with_ci(s, i, "am/pm")) {
            sec.toks.push_back({Tok::AmPm, 0, "AM|PM"});
            i += 5;
        } else if (starts_with_ci(s, i, "a/p")) {
            sec.toks.push_back({Tok::AmPm, 0, std::string(1, s[i]) + "|" + std::string(1, s[i + 2])});
            i += 3;
        } else if (s.substr(i, 13) == "上午/下午") {
            sec.toks.push_back({Tok::AmPm, 0, "上午|下午"});
            i += 13;
        } else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's' || lc == 'e' || lc == 'g' ||
                   (lc == 'a' && starts_with_ci(s, i, "aaa")) || (lc == 'b' && (i + 1 >= s.size() || (s[i + 1] != '1' && s[i + 1] != '2')))) {
            size_t st = i;
            while (i < s.size() && std::tolower(static_cast<unsigned char>(s[i])) == lc) ++i;
            int n = int(i - st);
            Tok k = lc == 'y' || lc == 'e' ? Tok::Year : lc == 'm' ? Tok::Month : lc == 'd' ? Tok::Day
                  : lc == 'h' ? Tok::Hour : lc == 's' ? Tok::Second : lc == 'a' ? Tok::WeekdayCn
                  : lc == 'b' ? Tok::Year : Tok::Era;
            if (lc == 'e') n = 4;
            Token t{k, n, {}};
            if (lc == 'b') t.text = "b";  // Buddhist year
            sec.toks.push_back(std::move(t));
        } else {
            size_t st = i;
            utf8::next(s, i);
            add_literal(sec, s.substr(st, i - st));
        }
    }
    return sec;
}

// Works out what a section shows and its numeric layout.
void analyse(Section& sec) {
    auto& t = sec.toks;
    bool has_ph = false, has_date = false;
    for (const Token& k : t) {
        if (is_digit_ph(k.kind)) has_ph = true;
        if (is_date_code(k.kind)) has_date = true;
        if (k.kind == Tok::At) sec.is_text = true;
        if (k.kind == Tok::General) sec.is_general = true;
    }
    if (has_date) {
        sec.is_date = true;
        // m/mm right after an hour or right before seconds is minutes.
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i].kind != Tok::Month || t[i].n > 2) continue;
            bool minute = false;
            for (size_t j = i; j-- > 0;) {
                if (!is_date_code(t[j].kind)) continue;
                minute = t[j].kind == Tok::Hour || t[j].kind == Tok::ElapsedH;
                break;
            }
            for (size_t j = i + 1; !minute && j < t.size(); ++j) {
                if (!is_date_code(t[j].kind)) continue;
                minute = t[j].kind == Tok::Second || t[j].kind == Tok::ElapsedS;
                break;
            }
            if (minute) t[i].kind = Tok::Minute;
        }
        // ".0", ".00", ".000" are fractions of a second; other digit placeholders are invalid.
        std::vector<Token> out;
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i].kind == Tok::Point && i + 1 < t.size() && t[i + 1].kind == Tok::Zero) {
                int n = 0;
                while (i + 1 < t.size() && t[i + 1].kind == Tok::Zero) { ++n; ++i; }
                out.push_back({Tok::SubSecond, n, {}});
                sec.sub_digits = std::max(sec.sub_digits, std::min(n, 3));
                continue;
            }
            Token k = t[i];
            if (is_digit_ph(k.kind) || k.kind == Tok::Exp || k.kind == Tok::FixedDenom) sec.bad = true;
            if (k.kind == Tok::Point) k = {Tok::Literal, 0, "."};
            else if (k.kind == Tok::Comma) k = {Tok::Literal, 0, ","};
            else if (k.kind == Tok::Percent) k = {Tok::Literal, 0, "%"};
            else if (k.kind == Tok::Slash) k = {Tok::Literal, 0, "/"};
            if (k.kind == Tok::AmPm) sec.ampm = true;
            if (k.kind == Tok::Hour || k.kind == Tok::ElapsedH) sec.has_hour = true;
            out.push_back(std::move(k));
        }
        t = std::move(out);
        return;
    }
    for (const Token& k : t)
        if (k.kind == Tok::Percent) ++sec.percent;
    if (!has_ph) {
        // No digits: '.', ',' and '/' are plain characters.
        for (Token& k : t) {
            if (k.kind == Tok::Point) k = {Tok::Literal, 0, "."};
            else if (k.kind == Tok::Comma) k = {Tok::Literal, 0, ","};
            else if (k.kind == Tok::Slash) k = {Tok::Literal, 0, "/"};
            else if (k.kind == Tok::FixedDenom) k = {Tok::Literal, 0, "/" + std::to_string(k.n)};
        }
        return;
    }
    // Fractions: a '/' (or a literal denominator) right after digit placeholders.
    size_t slash = std::string::npos;
    for (size_t i = 1; i < t.size(); ++i)
        if ((t[i].kind == Tok::Slash || t[i].kind == Tok::FixedDenom) && is_digit_ph(t[i - 1].kind)) { slash = i; break; }
    size_t exp = std::string::npos;
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i].kind == Tok::Exp) { exp = i; break; }
    if (slash != std::string::npos && exp == std::string::npos) {
        sec.fraction = true;
        size_t ns = slash;
        while (ns > 0 && is_digit_ph(t[ns - 1].kind)) --ns;
        for (size_t i = 0; i < t.size(); ++i) {
            Token& k = t[i];
            if (is_digit_ph(k.kind)) {
                if (i < ns) { ++sec.int_ph; k.n = 0; }
                else if (i < slash) { ++sec.num_ph; k.n = 1; }
                else { ++sec.den_ph; k.n = 2; }
            } else if (k.kind == Tok::FixedDenom) {
                sec.fixed_den = k.n;
            } else if (k.kind == Tok::Point || k.kind == Tok::Comma || (k.kind == Tok::Slash && i != slash)) {
                k = {Tok::Literal, 0, k.kind == Tok::Point ? "." : k.kind == Tok::Comma ? "," : "/"};
            }
        }
        return;
    }
    size_t mant_end = exp == std::string::npos ? t.size() : exp;
    sec.sci = exp != std::string::npos;
    size_t point = mant_end;
    for (size_t i = 0; i < mant_end; ++i)
        if (t[i].kind == Tok::Point) { point = i; break; }
    size_t last_ph = 0, first_ph = t.size();
    for (size_t i = 0; i < mant_end; ++i)
        if (is_digit_ph(t[i].kind)) { last_ph = i; first_ph = std::min(first_ph, i); }
    for (size_t i = 0; i < t.size(); ++i) {
        Token& k = t[i];
        if (is_digit_ph(k.kind)) {
            if (i < point) { ++sec.int_ph; k.n = 0; if (k.kind == Tok::Hash) sec.int_has_hash = true; }
            else if (i < mant_end) { ++sec.dec_ph; k.n = 1; }
            else { ++sec.exp_ph; k.n = 2; }
        } else if (k.kind == Tok::Comma) {
            if (i > last_ph && i < mant_end && first_ph < i) { ++sec.scale; k.n = 1; }          // trailing: ÷1000
            else if (i < point && i > first_ph) { sec.grouping = true; k.n = 2; }               // thousands separator
            else k = {Tok::Literal, 0, ","};
        } else if (k.kind == Tok::Point && i != point) {
            k = {Tok::Literal, 0, "."};
        } else if (k.kind == Tok::Slash) {
            k = {Tok::Literal, 0, "/"};
        } else if (k.kind == Tok::FixedDenom) {
            k = {Tok::Literal, 0, "/" + std::to_string(k.n)};
        }
    }
}

std::vector<std::string_view> split_sections(std::string_view code) {
    std::vector<std::string_view> out;
    size_t st = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') { size_t e = code.find('"', i + 1); i = e == std::string_view::npos ? code.size() : e; }
        else if (c == '\\' || c == '!' || c == '_' || c == '*') { ++i; }
        else if (c == '[') { size_t e = code.find(']', i + 1); i = e == std::string_view::npos ? code.size() : e; }
        else if (c == ';') { out.push_back(code.substr(st, i - st)); st = i + 1; }
    }
    out.push_back(code.substr(st));
    return out;
}

std::shared_ptr<const Format> parse_format(std::string_view code) {
    auto f = std::make_shared<Format>();
    for (std::string_view s : split_sections(code)) {
        if (f->sections.size() == 4) break;
        Section sec = parse_section(s);
        if (sec.sys) {
            // The system's long date or time, whatever the code says after it (the code is
            // Excel's rendering in the locale that saved it): zh-CN's, the locale of these workbooks.
            Section sys = parse_section(sec.sys == 1 ? "yyyy\"年\"m\"月\"d\"日\"" : "h:mm:ss");
            sys.op = sec.op;
            sys.cond = sec.cond;
            sys.color = sec.color;
            sys.dbnum = sec.dbnum;
            sec = std::move(sys);
        }
        // A section that is only [DBNum2] (TEXT(123,"[DBNum2]")) is General with numerals.
        if (sec.dbnum && sec.toks.empty()) sec.toks.push_back({Tok::General});
        analyse(sec);
        f->sections.push_back(std::move(sec));
    }
    return f;
}

// Formats are few and reused millions of times: cache them per thread.
const Format& cached_format(std::string_view code) {
    thread_local std::unordered_map<std::string, std::shared_ptr<const Format>> cache;
    thread_local std::string key;
    key.assign(code);
    auto it = cache.find(key);
    if (it != cache.end()) return *it->second;
    if (cache.size() > 512) cache.clear();
    return *cache.emplace(key, parse_format(code)).first->second;
}

// ---------------------------------------------------------------------------------------
// Rendering numbers.

bool cond_match(CmpOp op, double c, double v) {
    switch (op) {
        case CmpOp::Lt: return v < c;
        case CmpOp::Le: return v <= c;
        case CmpOp::Gt: return v > c;
        case CmpOp::Ge: return v >= c;
        case CmpOp::Eq: return v == c;
        case CmpOp::Ne: return v != c;
        case CmpOp::None: return false;
    }
    return false;
}

// Picks the section for a number; `neg_style` is set when the section shows |v| (the
// negative section of a standard code, or one whose condition only admits negatives).
const Section* select_section(const Format& f, double v, bool& show_abs) {
    show_abs = false;
    size_t n = f.sections.size();
    // A 4th section is for text only; a lone text section still formats numbers.
    size_t num = std::min<size_t>(n, 3);
    if (num == 0) return nullptr;
    if (num == 1) return &f.sections[0];
    const Section& s1 = f.sections[0];
    const Section& s2 = f.sections[1];
    bool explicit_cond = s1.op != CmpOp::None || s2.op != CmpOp::None;
    CmpOp op1 = s1.op, op2 = s2.op;
    double c1 = s1.cond, c2 = s2.cond;
    if (op1 == CmpOp::None) { op1 = num == 2 || explicit_cond ? CmpOp::Ge : CmpOp::Gt; c1 = 0; }
    if (op2 == CmpOp::None) { op2 = CmpOp::Lt; c2 = 0; }
    if (!explicit_cond) {
        if (v > 0 || (num == 2 && v == 0) || (num == 3 && v > 0)) return &s1;
        if (v < 0) { show_abs = true; return &s2; }
        return &f.sections[2];
    }
    auto negative_only = [](CmpOp op, double c) { return (op == CmpOp::Lt && c <= 0) || (op == CmpOp::Le && c < 0); };
    if (cond_match(op1, c1, v)) { show_abs = negative_only(op1, c1); return &s1; }
    if (cond_match(op2, c2, v) || num == 2) { show_abs = negative_only(op2, c2) && v < 0; return &s2; }
    return &f.sections[2];
}

std::string render_general_into(const Section& sec, double v, bool show_sign) {
    std::string out;
    if (show_sign && v < 0) out += '-';
    for (const Token& k : sec.toks) {
        if (k.kind == Tok::General) {
            std::string g = format_general_cell(std::fabs(v));
            out += sec.dbnum ? nf::cn_rewrite(g, nf::mark_number_text(g), sec.dbnum) : g;
        } else if (k.kind == Tok::Literal) {
            out += k.text;
        } else if (k.kind == Tok::Percent) {
            out += '%';
        }
    }
    return out;
}

// Writes one placeholder of an integer part. r: index of this placeholder from the
// right (0 = units). Leading extra digits are written by the leftmost placeholder.
void emit_int_ph(std::string& out, Tok kind, int r, bool leftmost, const std::string& d, bool grouping, int dbnum) {
    int len = int(d.size());
    auto put_digit = [&](char ch, int pos) {
        out += ch;
        if (grouping && pos > 0 && pos % 3 == 0) out += ',';
    };
    (void)dbnum;
    if (leftmost && len > r + 1)
        for (int i = 0; i < len - r - 1; ++i) put_digit(d[i], len - 1 - i);
    if (r < len) put_digit(d[len - 1 - r], r);
    else if (kind == Tok::Zero) put_digit('0', r);
    else if (kind == Tok::Quest) out += ' ';
}

// The fraction p/q closest to f (0 <= f, f * maxq < 9e18) with q <= maxq, from f's continued-fraction
// convergents and the last semiconvergent (as Python's Fraction.limit_denominator): O(log maxq)
// steps. Trying every denominator took 10^8 steps for a "?/????????" format (a fuzz timeout), so
// render_number keeps that exhaustive search only for denominators up to 4 digits.
void closest_fraction(double f, long long maxq, long long& p, long long& q) {
    long long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
    double x = f;
    for (int i = 0; i < 80; ++i) {
        double fa = std::floor(x);
        if (q1 > 0 && !(fa <= double(maxq - q0) / double(q1))) break;  // next convergent too fine
        long long a = (long long)fa;
        long long p2 = p0 + a * p1, q2 = q0 + a * q1;
        p0 = p1, q0 = q1, p1 = p2, q1 = q2;
        double r = x - fa;
        if (r <= 0) break;  // f is exactly p1/q1
        x = 1 / r;
    }
    long long k = (maxq - q0) / q1;
    long long ps = p0 + k * p1, qs = q0 + k * q1;  // the semiconvergent between the last two
    bool semi = qs > 0 && std::fabs(f - double(ps) / double(qs)) < std::fabs(f - double(p1) / double(q1));
    p = semi ? ps : p1;
    q = semi ? qs : q1;
    long long g = std::gcd(p, q);
    if (g > 1) p /= g, q /= g;
}

std::optional<std::string> render_number(const Section& sec, double v, bool show_sign) {
    const auto& t = sec.toks;
    double a = std::fabs(v);
    for (int i = 0; i < sec.percent; ++i) a *= 100;
    for (int i = 0; i < sec.scale; ++i) a /= 1000;
    bool neg = show_sign && v < 0;
    std::string out;

    if (sec.fraction) {
        double whole = sec.int_ph > 0 ? std::floor(a) : 0;
        double f = a - whole;
        long long p = 0, q = 1;
        if (sec.fixed_den > 0) {
            q = sec.fixed_den;
            if (!(f * double(q) < 9e18)) return std::nullopt;  // numerator beyond long long (UB)
            p = (long long)std::floor(f * double(q) + 0.5);
        } else {
            long long maxq = 1;
            for (int i = 0; i < sec.den_ph && maxq < 100000000; ++i) maxq *= 10;
            maxq = std::max<long long>(1, maxq - 1);
            // No integer part shown and a numerator beyond long long: not shown as a fraction.
            if (!(f * double(maxq) < 9e18)) return std::nullopt;
            if (maxq > 9999) {
                closest_fraction(f, maxq, p, q);
            } else {
                double best = 2;
                for (long long qq = 1; qq <= maxq; ++qq) {
                    long long pp = (long long)std::floor(f * double(qq) + 0.5);
                    double err = std::fabs(f - double(pp) / double(qq));
                    if (err < best - 1e-15) { best = err; p = pp; q = qq; }
                    if (err == 0) break;
                }
            }
        }
        if (sec.int_ph > 0 && p == q) { whole += 1; p = 0; }
        if (sec.int_ph == 0 && sec.fixed_den == 0 && p == 0) q = 1;
        std::string wd;
        if (whole > 0) {  // beyond long long (a %-scaled huge value): print the double itself, no overflow (UB)
            char buf[400];
            std::snprintf(buf, sizeof buf, "%.0f", whole);
            wd = whole < 9e18 ? std::to_string((long long)whole) : std::string(buf);
        }
        if (neg && (whole > 0 || p > 0)) out += '-';
        bool hide_frac = sec.int_ph > 0 && p == 0;
        if (wd.empty() && hide_frac) wd = "0";
        std::string pd = std::to_string(p), qd = std::to_string(q);
        int ri = sec.int_ph, rn = sec.num_ph, dn = 0;
        bool first_int = true, first_num = true;
        for (size_t i = 0; i < t.size(); ++i) {
            const Token& k = t[i];
            if (is_digit_ph(k.kind) && k.n == 0) {
                --ri;
                emit_int_ph(out, k.kind, ri, first_int, wd, sec.grouping, 0);
                first_int = false;
            } else if (is_digit_ph(k.kind) && k.n == 1) {
                --rn;
                if (hide_frac) { out += ' '; continue; }
                emit_int_ph(out, k.kind == Tok::Hash ? Tok::Quest : k.kind, rn, first_num, pd, false, 0);
                first_num = false;
            } else if (is_digit_ph(k.kind) && k.n == 2) {
                if (hide_frac) { out += ' '; ++dn; continue; }
                if (dn == 0) out += qd;
                else if (dn >= int(qd.size())) out += k.kind == Tok::Zero ? '0' : k.kind == Tok::Quest ? ' ' : '\0';
                if (!out.empty() && out.back() == '\0') out.pop_back();
                ++dn;
            } else if (k.kind == Tok::Slash) {
                out += hide_frac ? ' ' : '/';
            } else if (k.kind == Tok::FixedDenom) {
                out += hide_frac ? std::string(qd.size() + 1, ' ') : "/" + qd;
            } else if (k.kind == Tok::Literal) {
                out += k.text;
            } else if (k.kind == Tok::Percent) {
                out += '%';
            }
        }
        return out;
    }

    std::string ip, fp;
    int exponent = 0;
    if (sec.sci) {
        Sig s = sig15(a);
        if (!s.zero) {
            int I = sec.int_ph;
            auto exp_for = [&](int e) {
                if (sec.int_has_hash && I > 1) return int(std::floor(double(e) / I)) * I;
                return e - (I > 0 ? I - 1 : -1);
            };
            int e = s.e;
            int ex = exp_for(e);
            int e2;
            std::string ds = round_digits(s, e - ex + 1 + sec.dec_ph, e2);
            if (e2 != e) { ex = exp_for(e2); ds = round_digits(s, e - ex + 1 + sec.dec_ph, e2); }
            exponent = ex;
            // ds holds digits with the first standing for 10^e2; mantissa point sits after 10^ex.
            int mant_int = e2 - ex + 1;  // digits before the point
            for (int i = 0; i < int(ds.size()); ++i) {
                if (i < mant_int) ip += ds[i];
                else fp += ds[i];
            }
            if (mant_int > int(ds.size())) ip.append(size_t(mant_int - int(ds.size())), '0');
            if (mant_int < 0) fp.insert(0, size_t(-mant_int), '0');
            fp.resize(size_t(sec.dec_ph), '0');
            size_t nz = ip.find_first_not_of('0');
            ip = nz == std::string::npos ? std::string() : ip.substr(nz);
        } else {
            fp.assign(size_t(sec.dec_ph), '0');
        }
    } else {
        fixed_digits(a, sec.dec_ph, ip, fp);
    }
    if (neg && !all_zero(ip, fp)) out += '-';
    else if (neg && sec.int_ph == 0 && sec.dec_ph == 0 && !sec.sci) out += '-';
    // Trailing '#'/'?' decimals drop zeros.
    std::vector<char> dec_show(fp.size(), 1);
    {
        int di = int(fp.size());
        for (size_t i = t.size(); i-- > 0;) {
            const Token& k = t[i];
            if (!(is_digit_ph(k.kind) && k.n == 1)) continue;
            --di;
            if (k.kind == Tok::Zero || fp[size_t(di)] != '0') break;
            dec_show[size_t(di)] = k.kind == Tok::Quest ? 2 : 0;
        }
    }
    int ri = sec.int_ph, di = 0, xi = sec.exp_ph;
    bool first_int = true;
    std::string xd = std::to_string(std::abs(exponent));
    bool first_exp = true;
    std::vector<uint8_t> marks;  // [DBNum]: the role of each byte written (number_format_cn.h)
    for (size_t i = 0; i < t.size(); ++i) {
        const Token& k = t[i];
        size_t before = out.size();
        switch (k.kind) {
            case Tok::Zero: case Tok::Hash: case Tok::Quest:
                if (k.n == 0) {
                    --ri;
                    emit_int_ph(out, k.kind, ri, first_int, ip, sec.grouping, 0);
                    first_int = false;
                } else if (k.n == 1) {
                    char show = dec_show[size_t(di)];
                    if (show == 1) out += fp[size_t(di)];
                    else if (show == 2) out += ' ';
                    ++di;
                } else {
                    --xi;
                    emit_int_ph(out, k.kind == Tok::Hash ? Tok::Zero : k.kind, xi, first_exp, xd, false, 0);
                    first_exp = false;
                }
                break;
            case Tok::Point: out += '.'; break;
            case Tok::Percent: out += '%'; break;
            case Tok::Exp:
                out += k.text[0];
                if (exponent < 0) out += '-';
                else if (k.text[1] == '+') out += '+';
                break;
            case Tok::Literal: out += k.text; break;
            case Tok::General: out += format_general_cell(a); break;
            case Tok::At: out += format_general(a); break;
            default: break;  // commas (flags), stray date codes
        }
        if (sec.dbnum) {
            marks.resize(out.size(), nf::kLit);
            for (size_t j = before; j < out.size(); ++j) {
                bool digit = out[j] >= '0' && out[j] <= '9';
                if (k.kind == Tok::Point) marks[j] = nf::kPoint;
                else if (!is_digit_ph(k.kind)) continue;
                else if (k.n == 0) marks[j] = digit ? nf::kInt : out[j] == ',' ? nf::kGroup : nf::kLit;
                else if (digit) marks[j] = nf::kFrac;
            }
        }
    }
    if (sec.dbnum) return nf::cn_rewrite(out, marks, sec.dbnum);
    return out;
}

// ---------------------------------------------------------------------------------------
// Rendering dates and times.

const char* const kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthLong[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};
const char* const kDayShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kDayLong[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kCnMonth[] = {"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"};
const char* const kCnDay[] = {"日", "一", "二", "三", "四", "五", "六"};

std::optional<std::string> render_date(const Section& sec, double v, bool date1904) {
    if (sec.bad) return std::nullopt;
    if (v < 0) return std::nullopt;
    int64_t unit = 1;
    for (int i = 0; i < sec.sub_digits; ++i) unit *= 10;
    const int64_t per_day = 86400 * unit;
    // Round to the smallest unit shown (a second, or a fraction of one).
    double total_d = std::floor(v * double(per_day) + 0.5);
    if (total_d >= 2958466.0 * double(per_day)) return std::nullopt;
    int64_t total = int64_t(total_d);
    int64_t day = total / per_day, rem = total % per_day;
    int64_t secs = rem / unit, sub = rem % unit;
    int y = 1900, m = 1, d = 0;
    if (!serial_to_date(double(day), y, m, d, date1904)) return std::nullopt;
    int wd = int((day + (date1904 ? 5 : 6)) % 7);  // 0 = Sunday; Excel's 1900-01-01 is a Sunday
    int hour = int(secs / 3600), minute = int(secs % 3600 / 60), second = int(secs % 60);
    int64_t total_secs = total / unit;
    bool elapsed_h = false, elapsed_m = false;
    for (const Token& k : sec.toks) {
        if (k.kind == Tok::ElapsedH) elapsed_h = true;
        if (k.kind == Tok::ElapsedM) elapsed_m = true;
    }
    std::string out;
    auto num = [&](int64_t x, int width) {
        std::string s = std::to_string(x);
        if (int(s.size()) < width) s.insert(0, size_t(width - int(s.size())), '0');
        if (sec.dbnum) {
            // [DBNum1]yyyy年m月d日 reads 二〇二四年三月五日: years digit by digit, others as numbers
            return width >= 4 ? cn_digits(s, sec.dbnum) : (sec.dbnum == 3 ? cn_digits(s, 3) : cn_number(std::to_string(x), sec.dbnum, true));
        }
        return s;
    };
    for (const Token& k : sec.toks) {
        switch (k.kind) {
            case Tok::Literal: out += k.text; break;
            case Tok::Year: {
                int yy = k.text == "b" ? y + 543 : y;
                out += k.n <= 2 ? num(yy % 100, 2) : num(yy, 4);
                break;
            }
            case Tok::Month:
                if (k.n <= 2) out += num(m, k.n);
                else if (sec.chinese) out += k.n == 3 ? std::to_string(m) + "月" : kCnMonth[m - 1];
                else if (k.n == 5) out += kMonthLong[m - 1][0];
                else out += k.n == 3 ? kMonthShort[m - 1] : kMonthLong[m - 1];
                break;
            case Tok::Day:
                if (k.n <= 2) out += num(d, k.n);
                else if (sec.chinese) out += (k.n == 3 ? std::string("周") : std::string("星期")) + kCnDay[wd];
                else out += k.n == 3 ? kDayShort[wd] : kDayLong[wd];
                break;
            case Tok::WeekdayCn: out += (k.n == 3 ? std::string() : std::string("星期")) + kCnDay[wd]; break;
            case Tok::Hour: {
                int h = hour;
                if (sec.ampm) { h %= 12; if (h == 0) h = 12; }
                out += num(h, std::min(k.n, 2));
                break;
            }
            case Tok::Minute: out += num(elapsed_h ? minute : minute, std::min(k.n, 2)); break;
            case Tok::Second: out += num(second, std::min(k.n, 2)); break;
            case Tok::ElapsedH: out += num(total_secs / 3600, k.n); break;
            case Tok::ElapsedM: out += num(elapsed_h ? minute : total_secs / 60, k.n); break;
            case Tok::ElapsedS: out += num(elapsed_h || elapsed_m ? second : total_secs, k.n); break;
            case Tok::SubSecond: {
                std::string s = std::to_string(sub);
                if (int(s.size()) < sec.sub_digits) s.insert(0, size_t(sec.sub_digits - int(s.size())), '0');
                out += '.';
                out += s.substr(0, size_t(std::min(k.n, sec.sub_digits)));
                break;
            }
            case Tok::AmPm: {
                size_t bar = k.text.find('|');
                bool pm = hour >= 12;
                if (sec.chinese && k.text == "AM|PM") out += pm ? "下午" : "上午";
                else out += pm ? k.text.substr(bar + 1) : k.text.substr(0, bar);
                break;
            }
            case Tok::Era: break;
            case Tok::At: out += format_general(v); break;
            case Tok::General: out += format_general_cell(v); break;
            default: break;
        }
    }
    (void)elapsed_m;
    return out;
}

std::string render_text_section(const Section& sec, std::string_view text) {
    std::string out;
    for (const Token& k : sec.toks) {
        if (k.kind == Tok::At) out += text;
        else if (k.kind == Tok::Literal) out += k.text;
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------

std::string format_general_cell(double v) {
    if (v == 0 || !std::isfinite(v)) return "0";
    std::string sign = v < 0 ? "-" : "";
    double a = std::fabs(v);
    Sig s = sig15(a);
    // Scientific candidate: 5 decimals of mantissa (4 with a 3-digit exponent), zeros stripped.
    auto sci = [&]() {
        int e = s.e;
        int dec = (e >= 100 || e <= -100) ? 4 : 5;
        int e2;
        std::string ds = round_digits(s, 1 + dec, e2);
        if (e2 != e && (e2 >= 100 || e2 <= -100)) ds = round_digits(s, 1 + (dec = 4), e2);
        std::string m = ds.substr(0, 1);
        std::string f = ds.substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        if (!f.empty()) m += "." + f;
        char eb[16];
        std::snprintf(eb, sizeof eb, "E%c%02d", e2 < 0 ? '-' : '+', std::abs(e2));
        return std::pair<std::string, int>(m + eb, 1 + int(f.size()));
    };
    if (s.e >= 11) return sign + sci().first;
    int decimals = s.e >= 0 ? std::max(0, 9 - s.e) : 9;
    std::string ip, fp;
    fixed_digits(a, decimals, ip, fp);
    if (ip.size() > 11) return sign + sci().first;
    while (!fp.empty() && fp.back() == '0') fp.pop_back();
    if (s.e < 0) {
        // Small numbers: decimals only when they keep as many significant digits as E-notation.
        std::string all = ip + fp;
        size_t nz = all.find_first_not_of('0');
        int sig_dec = nz == std::string::npos ? 0 : int(all.size() - nz);
        auto sc = sci();
        if (sig_dec == 0 || sig_dec < sc.second) return sign + sc.first;
    }
    std::string out = sign + (ip.empty() ? "0" : ip);
    if (!fp.empty()) out += "." + fp;
    return out;
}

std::optional<std::string> try_format_number(double v, std::string_view code, bool date1904) {
    if (code.empty()) return std::string();
    const Format& f = cached_format(code);
    bool show_abs = false;
    const Section* sec = select_section(f, v, show_abs);
    if (!sec) return std::string();
    if (sec->is_date) return render_date(*sec, v, date1904);
    if (sec->is_general) return render_general_into(*sec, v, !show_abs);
    if (sec->is_text && sec->int_ph == 0 && sec->dec_ph == 0) {
        std::string num = format_general(std::fabs(v));
        if (!show_abs && v < 0) num.insert(0, "-");
        return render_text_section(*sec, num);
    }
    return render_number(*sec, v, !show_abs);
}

// The decimal digits `ds` (the first standing for 10^e) as the nearest double.
static double digits_value(const std::string& ds, int e) {
    if (ds.empty()) return 0;
    std::string t = "0." + ds + "e" + std::to_string(e + 1);
    return std::strtod(t.c_str(), nullptr);
}

double round_as_displayed(double v, std::string_view code) {
    if (code.empty() || !std::isfinite(v) || v == 0) return v;
    const Format& f = cached_format(code);
    bool show_abs = false;
    const Section* sec = select_section(f, v, show_abs);
    // Shown as it is (General), as a date or time, as text, or not at all: unchanged.
    if (!sec || sec->is_date || sec->is_general || sec->bad) return v;
    if (sec->int_ph + sec->dec_ph + sec->num_ph + sec->den_ph == 0) return v;
    double a = std::fabs(v), sign = v < 0 ? -1 : 1;
    Sig s = sig15(a);
    if (sec->fraction) {
        double unit = 1;  // what one shown unit is worth
        for (int i = 0; i < sec->percent; ++i) unit /= 100;
        for (int i = 0; i < sec->scale; ++i) unit *= 1000;
        double x = a / unit;
        double whole = sec->int_ph > 0 ? std::floor(x) : 0, fr = x - whole;
        long long p = 0, q = 1;
        if (sec->fixed_den > 0) {
            q = sec->fixed_den;
            if (!(fr * double(q) < 9e18)) return v;  // not shown as a fraction (render_number)
            p = (long long)std::floor(fr * double(q) + 0.5);
        } else {
            if (sec->den_ph > 4) return v;  // not rounded: see docs/conformance.md
            long long maxq = 1;
            for (int i = 0; i < sec->den_ph; ++i) maxq *= 10;
            if (!(fr * double(maxq) < 9e18)) return v;  // as above: a numerator beyond long long
            double best = 2;
            for (long long qq = 1; qq < maxq; ++qq) {
                long long pp = (long long)std::floor(fr * double(qq) + 0.5);
                double err = std::fabs(fr - double(pp) / double(qq));
                if (err < best - 1e-15) { best = err; p = pp; q = qq; }
                if (err == 0) break;
            }
        }
        return sign * (whole + double(p) / double(q)) * unit;
    }
    int e2 = s.e;
    std::string ds;
    if (sec->sci) {
        // as render_number: the mantissa keeps its placeholders' digits
        int I = sec->int_ph;
        auto exp_for = [&](int e) {
            if (sec->int_has_hash && I > 1) return int(std::floor(double(e) / I)) * I;
            return e - (I > 0 ? I - 1 : -1);
        };
        int ex = exp_for(s.e);
        ds = round_digits(s, s.e - ex + 1 + sec->dec_ph, e2);
        if (e2 != s.e) { ex = exp_for(e2); ds = round_digits(s, s.e - ex + 1 + sec->dec_ph, e2); }
    } else {
        // decimals of the value itself: 0.00 → 2, 0% → 2, #,##0, → -3
        int decimals = sec->dec_ph + 2 * sec->percent - 3 * sec->scale;
        ds = round_digits(s, s.e + 1 + decimals, e2);
    }
    return sign * digits_value(ds, e2);
}

std::optional<uint32_t> format_color(double v, std::string_view code) {
    if (code.empty()) return std::nullopt;
    const Format& f = cached_format(code);
    bool show_abs = false;
    const Section* sec = select_section(f, v, show_abs);
    if (!sec || !sec->color) return std::nullopt;
    return sec->color & 0xFFFFFF;
}

std::string format_number(double v, std::string_view code, bool date1904) {
    auto r = try_format_number(v, code, date1904);
    return r ? *r : std::string("#VALUE!");
}

std::string format_text(std::string_view text, std::string_view code) {
    const Format& f = cached_format(code);
    if (f.sections.size() >= 4) return render_text_section(f.sections[3], text);
    if (f.sections.size() == 1 && f.sections[0].is_text) return render_text_section(f.sections[0], text);
    return std::string(text);
}

FormatKind classify_format(std::string_view code) {
    if (code.empty()) return FormatKind::General;
    const Format& f = cached_format(code);
    const Section& s = f.sections[0];
    if (s.is_date) {
        bool date = false, time = false;
        for (const Token& k : s.toks) {
            switch (k.kind) {
                case Tok::Year: case Tok::Month: case Tok::Day: case Tok::WeekdayCn: case Tok::Era: date = true; break;
                case Tok::Hour: case Tok::Minute: case Tok::Second: case Tok::SubSecond: case Tok::AmPm:
                case Tok::ElapsedH: case Tok::ElapsedM: case Tok::ElapsedS: time = true; break;
                default: break;
            }
        }
        return date && time ? FormatKind::DateTime : date ? FormatKind::Date : FormatKind::Time;
    }
    if (s.is_general) return FormatKind::General;
    bool ph = s.int_ph + s.dec_ph + s.num_ph > 0;
    if (s.is_text && !ph) return FormatKind::Text;
    if (s.percent > 0) return FormatKind::Percent;
    return FormatKind::Number;
}

std::string_view builtin_format_code(int id) {
    switch (id) {
        case 0: return "General";
        case 1: return "0";
        case 2: return "0.00";
        case 3: return "#,##0";
        case 4: return "#,##0.00";
        case 5: return "\"$\"#,##0_);\\(\"$\"#,##0\\)";
        case 6: return "\"$\"#,##0_);[Red]\\(\"$\"#,##0\\)";
        case 7: return "\"$\"#,##0.00_);\\(\"$\"#,##0.00\\)";
        case 8: return "\"$\"#,##0.00_);[Red]\\(\"$\"#,##0.00\\)";
        case 9: return "0%";
        case 10: return "0.00%";
        case 11: return "0.00E+00";
        case 12: return "# ?/?";
        case 13: return "# ?" "?/??";  // split: "??/" is a trigraph
        case 14: return "yyyy/m/d";  // zh-CN short date (en-US shows m/d/yyyy)
        case 15: return "d-mmm-yy";
        case 16: return "d-mmm";
        case 17: return "mmm-yy";
        case 18: return "h:mm AM/PM";
        case 19: return "h:mm:ss AM/PM";
        case 20: return "h:mm";
        case 21: return "h:mm:ss";
        case 22: return "yyyy/m/d h:mm";  // zh-CN (en-US: m/d/yyyy h:mm)
        // zh-CN (ECMA-376 §18.8.30, zh-cn)
        case 27: return "yyyy\"年\"m\"月\"";
        case 28: return "m\"月\"d\"日\"";
        case 29: return "m\"月\"d\"日\"";
        case 30: return "m-d-yy";
        case 31: return "yyyy\"年\"m\"月\"d\"日\"";
        case 32: return "h\"时\"mm\"分\"";
        case 33: return "h\"时\"mm\"分\"ss\"秒\"";
        case 34: return "上午/下午h\"时\"mm\"分\"";
        case 35: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
        case 36: return "yyyy\"年\"m\"月\"";
        case 37: return "#,##0_);(#,##0)";
        case 38: return "#,##0_);[Red](#,##0)";
        case 39: return "#,##0.00_);(#,##0.00)";
        case 40: return "#,##0.00_);[Red](#,##0.00)";
        case 41: return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
        case 42: return "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)";
        case 43: return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"?" "?_);_(@_)";
        case 44: return "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"?" "?_);_(@_)";
        case 45: return "mm:ss";
        case 46: return "[h]:mm:ss";
        case 47: return "mmss.0";
        case 48: return "##0.0E+0";
        case 49: return "@";
        case 50: return "yyyy\"年\"m\"月\"";
        case 51: return "m\"月\"d\"日\"";
        case 52: return "yyyy\"年\"m\"月\"";
        case 53: return "m\"月\"d\"日\"";
        case 54: return "m\"月\"d\"日\"";
        case 55: return "上午/下午h\"时\"mm\"分\"";
        case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
        case 57: return "yyyy\"年\"m\"月\"";
        case 58: return "m\"月\"d\"日\"";
        default: return {};
    }
}

}  // namespace sp
