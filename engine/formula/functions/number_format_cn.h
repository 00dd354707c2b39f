// number_format_cn.h — the Chinese numerals of number formats ([DBNum1] 一千二百三十四,
// [DBNum2] 壹仟贰佰叁拾肆, [DBNum3] full-width digits): spelling an integer, transliterating
// digits, and rewriting a number rendered with ASCII digits whose bytes are marked by role.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sp::nf {

// An integer's digits spelled: 1234 -> 一千二百三十四 (style 1), 壹仟贰佰叁拾肆 (2), １２３４ (3).
// Numbers read 10 as 一十 (Excel, LibreOffice); dates (`date`) read 十 for months and days 10-19.
std::string cn_number(std::string_view digits, int style, bool date = false);
// Each digit transliterated: 2024 -> 二〇二四 (1), 贰零贰肆 (2), ２０２４ (3); other bytes kept.
std::string cn_digits(std::string_view digits, int style);

// Roles of the bytes of a rendered number (one mark per byte).
enum Mark : uint8_t { kLit = 0, kInt = 1, kFrac = 2, kPoint = 3, kGroup = 4 };
// Rewrites `s`: each run of integer digits (kInt, thousands separators kGroup dropped) is
// spelled, its leading zeros (a 0 placeholder's padding) transliterated — "元00分" shows 8 as
// 元零捌分, as Excel does; fraction digits are transliterated; the point is 点 ([DBNum2]) or ．.
std::string cn_rewrite(std::string_view s, const std::vector<uint8_t>& marks, int style);
// Marks a plain number text ("-1234.5", "1.2E+11") for cn_rewrite.
std::vector<uint8_t> mark_number_text(std::string_view s);

}  // namespace sp::nf
