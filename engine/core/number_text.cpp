// number_text.cpp — text-to-number coercion (Excel's VALUE rules) and date serials.
#include "core/number_text.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

#include <fast_float/fast_float.h>

namespace sp {

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Currency signs Excel accepts around a number: $ (en-US), ¥/￥ (zh-CN), € and £.
static size_t currency_prefix(std::string_view s) {
    if (!s.empty() && s.front() == '$') return 1;
    for (std::string_view c : {"¥", "￥", "€", "£"})
        if (s.substr(0, c.size()) == c) return c.size();
    return 0;
}
static size_t currency_suffix(std::string_view s) {
    if (!s.empty() && s.back() == '$') return 1;
    for (std::string_view c : {"¥", "￥", "€", "£"})
        if (s.size() >= c.size() && s.substr(s.size() - c.size()) == c) return c.size();
    return 0;
}

std::optional<double> parse_number_text(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    bool neg = false, paren = false, percent = false;
    if (s.front() == '(' && s.back() == ')') { paren = true; s = trim(s.substr(1, s.size() - 2)); }
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) { neg = s.front() == '-'; s = trim(s.substr(1)); }
    if (size_t c = currency_prefix(s)) s = trim(s.substr(c));
    else if (size_t c2 = currency_suffix(s)) s = trim(s.substr(0, s.size() - c2));
    if (!s.empty() && (s.front() == '+' || s.front() == '-') && !neg) { neg = s.front() == '-'; s = trim(s.substr(1)); }
    if (!s.empty() && s.back() == '%') { percent = true; s = trim(s.substr(0, s.size() - 1)); }
    if (s.empty()) return std::nullopt;
    if (!is_digit(s.front()) && s.front() != '.') return std::nullopt;
    // Thousands separators: only between digit groups of three, before the decimal point.
    std::string buf;
    buf.reserve(s.size());
    size_t dot = s.find('.');
    size_t int_end = dot == std::string_view::npos ? s.size() : dot;
    size_t e_pos = s.find_first_of("eE");
    if (e_pos != std::string_view::npos && e_pos < int_end) int_end = e_pos;
    int group = -1;
    for (size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == ',' && i < int_end) {
            if (i == 0 || (group >= 0 && group != 3)) return std::nullopt;
            group = 0;
            continue;
        }
        if (i < int_end && group >= 0) {
            if (!is_digit(ch)) return std::nullopt;
            ++group;
        }
        buf += ch;
    }
    if (group >= 0 && group != 3) return std::nullopt;
    if (buf.empty() || buf[0] == '+' || buf[0] == '-') return std::nullopt;
    double v = 0;
    auto res = fast_float::from_chars(buf.data(), buf.data() + buf.size(), v);
    if (res.ec != std::errc() || res.ptr != buf.data() + buf.size() || !std::isfinite(v)) return std::nullopt;
    if (percent) v /= 100;
    if (neg && paren) return std::nullopt;
    if (neg || paren) v = -v;
    return v;
}

// --- date serials ------------------------------------------------------------------------

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {  // days since 1970-01-01
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

double date_to_serial(int year, int month, int day, bool date1904) {
    // Month overflow is normalised the way DATE() does; day overflow is plain serial
    // arithmetic from the first of the month.
    int64_t y = year, m = month;
    y += (m - 1) >= 0 ? (m - 1) / 12 : -((12 - m) / 12);
    m = ((m - 1) % 12 + 12) % 12 + 1;
    int64_t first = days_from_civil(y, unsigned(m), 1);
    if (date1904) return double(first - days_from_civil(1904, 1, 1) + (day - 1));
    int64_t serial = first - days_from_civil(1899, 12, 31);
    // Excel's calendar has a 1900-02-29 (serial 60): months from March 1900 start one later,
    // so DATE(1900,2,29) is 60 and DATE(1900,3,1) is 61.
    if (serial >= 60) serial += 1;
    return double(serial + (day - 1));
}

bool serial_to_date(double serial, int& year, int& month, int& day, bool date1904) {
    if (!(serial >= 0) || serial >= 2958466) return false;
    int64_t s = static_cast<int64_t>(std::floor(serial));
    int64_t days;
    if (date1904) {
        days = s + days_from_civil(1904, 1, 1);
    } else {
        if (s == 60) { year = 1900; month = 2; day = 29; return true; }
        if (s == 0) { year = 1900; month = 1; day = 0; return true; }
        if (s > 60) s -= 1;
        days = s + days_from_civil(1899, 12, 31);
    }
    // civil_from_days
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp + (mp < 10 ? 3 : -9);
    year = int(y + (m <= 2));
    month = int(m);
    day = int(d);
    return true;
}

// --- dates and times written as text ---------------------------------------------------

namespace {

// A date or time text split into numbers, words and separators.
struct Tok {
    enum Kind : uint8_t { Num, Word, Sep } kind;
    std::string_view text;
    int value = 0;   // Num: the number; Word: month 1-12, 13 AM, 14 PM, 0 other
    int digits = 0;  // Num: digit count
};

int month_word(std::string_view w) {
    static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                         "july",    "august",   "september", "october", "november", "december"};
    std::string lw(w);
    for (char& c : lw) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (lw == "am" || lw == "a") return 13;
    if (lw == "pm" || lw == "p") return 14;
    if (lw.size() < 3) return 0;
    for (int i = 0; i < 12; ++i) {
        std::string_view full = kNames[i];
        if (lw == full || (lw.size() == 3 && full.substr(0, 3) == lw) || (i == 8 && lw == "sept")) return i + 1;
    }
    return 0;
}

bool tokenize(std::string_view s, Tok* toks, int& n, int cap) {
    n = 0;
    size_t i = 0;
    while (i < s.size()) {
        if (n == cap) return false;
        char c = s[i];
        size_t st = i;
        if (is_digit(c)) {
            int v = 0;
            while (i < s.size() && is_digit(s[i])) {
                if (i - st < 9) v = v * 10 + (s[i] - '0');
                ++i;
            }
            toks[n++] = {Tok::Num, s.substr(st, i - st), v, int(i - st)};
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
            std::string_view w = s.substr(st, i - st);
            int mw = month_word(w);
            if (mw == 0) return false;
            toks[n++] = {Tok::Word, w, mw, 0};
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            // 年 月 日 (3 bytes each in UTF-8) are separators; other characters are not dates.
            std::string_view u = s.substr(i, 3);
            if (u != "年" && u != "月" && u != "日") return false;
            i += 3;
            toks[n++] = {Tok::Sep, u, 0, 0};
        } else if (c == ' ' || c == '-' || c == '/' || c == ',' || c == ':' || c == '.') {
            // One separator with the spaces around it; a run of spaces alone is " ".
            while (i < s.size() && s[i] == ' ') ++i;
            std::string_view sep = " ";
            if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == ',' || s[i] == ':' || s[i] == '.')) {
                sep = s.substr(i, 1);
                ++i;
                while (i < s.size() && s[i] == ' ') ++i;
            }
            toks[n++] = {Tok::Sep, sep, 0, 0};
        } else {
            return false;
        }
    }
    return true;
}

int days_in_month(int y, int m, bool date1904) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (is_leap(y) || (y == 1900 && !date1904)) ? 29 : 28;
    return kDays[m - 1];
}

int full_year(const Tok& t) {
    if (t.digits <= 2) return t.value < 30 ? 2000 + t.value : 1900 + t.value;
    return t.value;
}

// Date part: y-m-d, y/m/d, y年m月d日, y年m月, y-m, m/d/y, m-d-y, d-mmm-y, d mmm y,
// mmm d, y, mmm-y. Returns false when the tokens are not one of these.
bool read_date(const Tok* t, int n, bool date1904, bool day_first, double& serial) {
    auto sep = [&](int i, std::string_view chars) {
        return i < n && t[i].kind == Tok::Sep && chars.find(t[i].text[0]) != std::string_view::npos;
    };
    auto num = [&](int i) { return i < n && t[i].kind == Tok::Num; };
    auto month = [&](int i) { return i < n && t[i].kind == Tok::Word && t[i].value >= 1 && t[i].value <= 12; };
    int y = 0, m = 0, d = 1;
    bool ok = false;
    if (n >= 1 && num(0) && t[0].digits == 4 && n >= 3 && sep(1, "-/") && num(2)) {
        // y-m-d or y-m
        y = t[0].value;
        m = t[2].value;
        if (n == 5 && sep(3, t[1].text) && t[3].text == t[1].text && num(4)) { d = t[4].value; ok = true; }
        else if (n == 3) ok = true;
    } else if (n >= 4 && num(0) && t[1].kind == Tok::Sep && t[1].text == "年" && num(2) && t[3].kind == Tok::Sep &&
               t[3].text == "月") {
        y = t[0].value;
        m = t[2].value;
        if (n == 4) ok = true;
        else if ((n == 5 || n == 6) && num(4) && (n == 5 || (t[5].kind == Tok::Sep && t[5].text == "日"))) { d = t[4].value; ok = true; }
    } else if (n == 5 && num(0) && sep(1, "-/") && num(2) && sep(3, "-/") && t[3].text == t[1].text && num(4)) {
        // m/d/y (en-US order), or d/m/y
        m = t[day_first ? 2 : 0].value;
        d = t[day_first ? 0 : 2].value;
        y = full_year(t[4]);
        ok = t[0].digits <= 2 && t[2].digits <= 2;
    } else if (n == 3 && num(0) && sep(1, "/-") && num(2) && t[0].digits <= 2 && t[2].digits == 4) {
        m = t[0].value;  // m/yyyy
        y = t[2].value;
        ok = true;
    } else if (n == 5 && num(0) && sep(1, "- /") && month(2) && sep(3, "- /") && num(4)) {
        d = t[0].value;  // d-mmm-y
        m = t[2].value;
        y = full_year(t[4]);
        ok = t[0].digits <= 2;
    } else if (n >= 3 && month(0) && sep(1, " -") && num(2)) {
        m = t[0].value;
        if (n == 3) { y = full_year(t[2]); ok = t[2].digits == 4 || t[2].digits == 2; }       // mmm-yy, mmm yyyy
        else if (n == 5 && sep(3, ", ") && num(4)) { d = t[2].value; y = full_year(t[4]); ok = true; }  // mmm d, yyyy
    }
    if (!ok) return false;
    if (y < (date1904 ? 1904 : 1900) || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m, date1904))
        return false;
    serial = date_to_serial(y, m, d, date1904);
    return true;
}

// Time part: h:mm, h:mm:ss, h:mm:ss.fff, h AM; an AM/PM word at the end. Hours may pass
// 24 without AM/PM ("25:00" is 1 day 1 hour, "24:00" is 1).
bool read_time(const Tok* t, int n, double& frac) {
    int h = 0, mi = 0;
    double se = 0;
    int i = 0;
    if (!(n >= 1 && t[0].kind == Tok::Num)) return false;
    h = t[0].value;
    i = 1;
    bool has_minutes = false;
    if (i + 1 < n && t[i].kind == Tok::Sep && t[i].text == ":" && t[i + 1].kind == Tok::Num) {
        mi = t[i + 1].value;
        has_minutes = true;
        i += 2;
        if (i + 1 < n && t[i].kind == Tok::Sep && t[i].text == ":" && t[i + 1].kind == Tok::Num) {
            se = t[i + 1].value;
            i += 2;
            if (i + 1 < n && t[i].kind == Tok::Sep && t[i].text == "." && t[i + 1].kind == Tok::Num) {
                se += t[i + 1].value / std::pow(10.0, t[i + 1].digits > 9 ? 9 : t[i + 1].digits);
                i += 2;
            }
        }
    }
    int ampm = 0;
    if (i < n && t[i].kind == Tok::Sep && t[i].text == " ") ++i;
    if (i < n && t[i].kind == Tok::Word && (t[i].value == 13 || t[i].value == 14)) { ampm = t[i].value; ++i; }
    if (i != n) return false;
    if (!has_minutes && !ampm) return false;
    if (mi > 59 || se >= 60) return false;
    if (ampm) {
        if (h > 12) return false;
        if (h == 12) h = 0;
        if (ampm == 14) h += 12;
    } else if (h > 9999) {
        return false;
    }
    frac = (h * 3600.0 + mi * 60.0 + se) / 86400.0;
    return true;
}

std::optional<double> parse_date_time(std::string_view s, bool date1904, bool day_first) {
    bool digit = false;
    for (char c : s) digit |= is_digit(c);
    if (!digit || s.size() > 64) return std::nullopt;
    Tok toks[24];
    int n = 0;
    if (!tokenize(s, toks, n, 24) || n == 0) return std::nullopt;
    // The time starts at the number before the first ':' (or at a number followed by AM/PM).
    int ts = n;
    for (int i = 0; i + 1 < n; ++i) {
        if (toks[i].kind == Tok::Num && toks[i + 1].kind == Tok::Sep && toks[i + 1].text == ":") { ts = i; break; }
    }
    if (ts == n && n >= 2 && toks[n - 1].kind == Tok::Word && toks[n - 1].value >= 13) {
        ts = toks[n - 2].kind == Tok::Num ? n - 2 : (n >= 3 && toks[n - 3].kind == Tok::Num ? n - 3 : n);
    }
    int date_end = ts;
    while (date_end > 0 && toks[date_end - 1].kind == Tok::Sep && toks[date_end - 1].text == " ") --date_end;
    double serial = 0, frac = 0;
    if (date_end > 0 && !read_date(toks, date_end, date1904, day_first, serial)) return std::nullopt;
    if (ts < n && !read_time(toks + ts, n - ts, frac)) return std::nullopt;
    if (date_end == 0 && ts == n) return std::nullopt;
    return serial + frac;
}

}  // namespace

std::optional<double> coerce_text_to_number(std::string_view text, bool date1904, bool day_first) {
    if (auto v = parse_number_text(text)) return v;
    // Excel reads " 10 " and " 1:30 " as numbers but " 2024-01-10 " as text (#VALUE! in
    // arithmetic; calc_tests FLOOR_CEILING): surrounding spaces are allowed except around dates.
    auto v = parse_date_time(trim(text), date1904, day_first);
    if (v && *v >= 1 && trim(text).size() != text.size()) return std::nullopt;
    return v;
}

}  // namespace sp
