// number_text.cpp — text-to-number coercion and date serials.
#include "core/number_text.h"

#include <cctype>
#include <cmath>
#include <string>

#include <fast_float/fast_float.h>

namespace sp {

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::optional<double> parse_number_text(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    bool neg = false, paren = false, percent = false;
    if (s.front() == '(' && s.back() == ')') { paren = true; s = trim(s.substr(1, s.size() - 2)); }
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) { neg = s.front() == '-'; s = trim(s.substr(1)); }
    if (!s.empty() && s.front() == '$') s = trim(s.substr(1));
    if (!s.empty() && (s.front() == '+' || s.front() == '-') && !neg) { neg = s.front() == '-'; s = trim(s.substr(1)); }
    if (!s.empty() && s.back() == '%') { percent = true; s = trim(s.substr(0, s.size() - 1)); }
    if (s.empty()) return std::nullopt;
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
            if (i == 0 || (group >= 0 && group != 3 && group != -2)) return std::nullopt;
            group = 0;
            continue;
        }
        if (i < int_end && group >= 0) {
            if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
            ++group;
        }
        buf += ch;
    }
    if (group >= 0 && group != 3) return std::nullopt;
    if (buf.empty() || buf[0] == '+' || buf[0] == '-') return std::nullopt;
    double v = 0;
    auto res = fast_float::from_chars(buf.data(), buf.data() + buf.size(), v);
    if (res.ec != std::errc() || res.ptr != buf.data() + buf.size()) return std::nullopt;
    if (percent) v /= 100;
    if (neg != paren) v = -v;
    else if (neg && paren) return std::nullopt;
    return v;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {  // days since 1970-01-01
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

double date_to_serial(int year, int month, int day, bool date1904) {
    // Normalise month overflow the way DATE() does.
    int64_t y = year, m = month;
    y += (m - 1) >= 0 ? (m - 1) / 12 : -((12 - m) / 12);
    m = ((m - 1) % 12 + 12) % 12 + 1;
    int64_t days = days_from_civil(y, unsigned(m), 1) + (day - 1);
    if (date1904) return double(days - days_from_civil(1904, 1, 1));
    int64_t serial = days - days_from_civil(1899, 12, 31);
    // Excel counts the nonexistent 1900-02-29 as serial 60.
    if (serial >= 60) serial += 1;
    return double(serial);
}

bool serial_to_date(double serial, int& year, int& month, int& day, bool date1904) {
    if (serial < 0 || serial >= 2958466) return false;
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

// "2024-1-31", "2024/01/31", "2024年1月31日", optionally followed by a time; or "12:30[:15]".
static std::optional<double> parse_date_time(std::string_view s, bool date1904) {
    auto read_int = [&](size_t& i, int& out) {
        size_t st = i;
        long v = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - st < 6) v = v * 10 + (s[i++] - '0');
        out = int(v);
        return i > st;
    };
    size_t i = 0;
    double serial = 0;
    int y, m, d;
    bool have_date = false;
    size_t save = i;
    if (read_int(i, y)) {
        std::string_view sep1;
        auto take_sep = [&](std::string_view& sep) {
            for (std::string_view cand : {"-", "/", "年", "月"}) {
                if (s.substr(i, cand.size()) == cand) { sep = cand; i += cand.size(); return true; }
            }
            return false;
        };
        std::string_view sep2;
        if (take_sep(sep1) && read_int(i, m) && take_sep(sep2) && read_int(i, d)) {
            if (s.substr(i, 3) == "日") i += 3;
            bool cjk = sep1 == "年";
            if ((sep1 == sep2 || (cjk && sep2 == "月")) && y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
                d <= 31) {
                static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
                int maxd = mdays[m - 1] + (m == 2 && is_leap(y));
                if (d > maxd) return std::nullopt;
                serial = date_to_serial(y, m, d, date1904);
                have_date = true;
            } else {
                return std::nullopt;
            }
        } else {
            i = save;
        }
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) return have_date ? std::optional<double>(serial) : std::nullopt;
    int hh, mm, ss = 0;
    if (!read_int(i, hh) || i >= s.size() || s[i] != ':') return std::nullopt;
    ++i;
    if (!read_int(i, mm)) return std::nullopt;
    double frac = 0;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!read_int(i, ss)) return std::nullopt;
        if (i < s.size() && s[i] == '.') {
            ++i;
            double scale = 0.1;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) { frac += (s[i++] - '0') * scale; scale /= 10; }
        }
    }
    while (i < s.size() && s[i] == ' ') ++i;
    std::string_view rest = s.substr(i);
    if (rest == "PM" || rest == "pm") { if (hh < 12) hh += 12; rest = {}; }
    else if (rest == "AM" || rest == "am") { if (hh == 12) hh = 0; rest = {}; }
    if (!rest.empty() || mm > 59 || ss > 59) return std::nullopt;
    return serial + (hh * 3600 + mm * 60 + ss + frac) / 86400.0;
}

std::optional<double> coerce_text_to_number(std::string_view text, bool date1904) {
    if (auto v = parse_number_text(text)) return v;
    return parse_date_time(trim(text), date1904);
}

}  // namespace sp
