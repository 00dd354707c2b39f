// number_format.h — Excel number-format codes ("#,##0.00", "0.0%", "yyyy年m月d日", "[>=100]0;0"…):
// rendering a value the way TEXT() and a cell display do (the one formatter: TEXT, the workbench,
// precision as displayed), its colour, classifying a code, and the built-in ids.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp {

// Renders a number with a format code. Excel's TEXT() quirks apply: rounding half away from
// zero on the 15-significant-digit value, colours not shown (format_color), "General" limited to
// 11 characters, fill (*x) dropped, [DBNum1-3] Chinese numerals, zh-CN's G/通用格式.
// Returns "#VALUE!" where TEXT() would fail (a negative or too large date, a code mixing
// dates and digit placeholders).
std::string format_number(double v, std::string_view code, bool date1904);
// The same, with nullopt where TEXT() returns #VALUE!.
std::optional<std::string> try_format_number(double v, std::string_view code, bool date1904);
// Renders a text value: the text section (4th, or a lone section holding '@'), else the text unchanged.
std::string format_text(std::string_view text, std::string_view code);
// Excel's "General" display of a number in a standard-width cell (at most 11 characters
// besides the sign: 1/3 shows "0.333333333", 123456789012 shows "1.23457E+11").
std::string format_general_cell(double v);

// Precision as displayed (calcPr fullPrecision="0"): v rounded as the code shows it, half away
// from zero on its 15-digit value — 0.00 keeps 2 decimals, 0% 2 of the fraction, #,##0, rounds to
// thousands, 0.0E+00 to 2 significant digits, # ?/16 to sixteenths. Unchanged for General, dates
// and times, text and sections without digits (those Excel leaves as they are, see conformance.md).
double round_as_displayed(double v, std::string_view code);
// The colour of the section that shows v ([Red], [Color10], [红色]) as 0xRRGGBB; nullopt: none.
std::optional<uint32_t> format_color(double v, std::string_view code);

enum class FormatKind { General, Number, Percent, Date, Time, DateTime, Text };
// What the first section of a code shows (dates/times, percentages, text, numbers).
FormatKind classify_format(std::string_view code);

// The code of a built-in number format id (0–49, and the zh-CN date ids 27–36, 50–58);
// empty for an id that is not built in. Id 14 is the zh-CN short date "yyyy/m/d".
std::string_view builtin_format_code(int numFmtId);

}  // namespace sp
