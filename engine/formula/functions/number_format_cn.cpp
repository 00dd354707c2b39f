// number_format_cn.cpp — Chinese numerals for [DBNum1..3]: an integer is read in groups of
// four digits (个 十 百 千, then 万 亿 万亿), inner zeros collapse to one 〇/零, and a rendered
// number is rewritten run by run, so literals between placeholders ("0元0角0分") stay put.
#include "formula/functions/number_format_cn.h"

#include "formula/functions/utf8.h"

namespace sp::nf {
namespace {
const char* const kDigit1[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
const char* const kDigit2[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
}  // namespace

std::string cn_digits(std::string_view digits, int style) {
    std::string out;
    for (char c : digits) {
        if (c < '0' || c > '9') { out += c; continue; }
        if (style == 3) utf8::append(out, char32_t(0xFF10 + (c - '0')));
        else out += (style == 2 ? kDigit2 : kDigit1)[c - '0'];
    }
    return out;
}

std::string cn_number(std::string_view digits, int style, bool date) {
    size_t nz = digits.find_first_not_of('0');
    if (digits.empty() || nz == std::string_view::npos) return cn_digits("0", style);
    digits = digits.substr(nz);
    if (style == 3) return cn_digits(digits, 3);
    const char* const* dg = style == 2 ? kDigit2 : kDigit1;
    const char* small[] = {"", style == 2 ? "拾" : "十", style == 2 ? "佰" : "百", style == 2 ? "仟" : "千"};
    const char* big[] = {"", "万", "亿", "万亿"};
    std::string out;
    size_t n = digits.size();
    bool pending_zero = false;
    for (size_t i = 0; i < n; ++i) {
        int d = digits[i] - '0';
        size_t pos = n - 1 - i;  // power of ten
        if (d == 0) {
            pending_zero = true;
        } else {
            if (pending_zero && !out.empty()) out += dg[0];
            pending_zero = false;
            // a date's 10-19 reads 十X (十月, 十五日); a number's 一十X
            if (!(date && d == 1 && pos == 1 && out.empty())) out += dg[d];
            out += small[pos % 4];
        }
        if (pos % 4 == 0 && pos > 0) {
            // close a group of four digits with 万/亿 when it held something
            size_t gs = i >= 3 ? i - 3 : 0;
            if (digits.substr(gs, i - gs + 1).find_first_not_of('0') != std::string_view::npos)
                out += big[std::min<size_t>(pos / 4, 3)];
        }
    }
    return out;
}

std::string cn_rewrite(std::string_view s, const std::vector<uint8_t>& marks, int style) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        uint8_t m = i < marks.size() ? marks[i] : kLit;
        if (m == kInt || m == kGroup) {
            std::string run;
            while (i < s.size() && i < marks.size() && (marks[i] == kInt || marks[i] == kGroup)) {
                if (marks[i] == kInt) run += s[i];
                ++i;
            }
            if (run.empty()) continue;
            size_t lead = run.find_first_not_of('0');
            if (lead == std::string::npos) lead = run.size() - 1;  // all zeros: the last one is the number
            out += cn_digits(run.substr(0, lead), style);
            out += cn_number(run.substr(lead), style);
        } else if (m == kFrac) {
            out += cn_digits(s.substr(i, 1), style);
            ++i;
        } else if (m == kPoint) {
            out += style == 2 ? "点" : "．";
            ++i;
        } else {
            out += s[i++];
        }
    }
    return out;
}

std::vector<uint8_t> mark_number_text(std::string_view s) {
    std::vector<uint8_t> marks(s.size(), kLit);
    bool frac = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == 'E' || c == 'e') {  // the exponent's digits are transliterated
            for (size_t j = i + 1; j < s.size(); ++j)
                if (s[j] >= '0' && s[j] <= '9') marks[j] = kFrac;
            break;
        }
        if (c == '.') { marks[i] = kPoint; frac = true; }
        else if (c >= '0' && c <= '9') marks[i] = frac ? kFrac : kInt;
    }
    return marks;
}

}  // namespace sp::nf
