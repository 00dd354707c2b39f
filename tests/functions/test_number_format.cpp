// test_number_format.cpp — Excel number-format codes as TEXT() renders them (many cases
// from calc_tests/TEXT/TEXT.xlsx, whose values Excel computed), classification of codes
// and the built-in format ids.
#include <catch2/catch.hpp>

#include "formula/functions/number_format.h"

using namespace sp;

namespace {
std::string fmt(double v, const char* code, bool d1904 = false) { return format_number(v, code, d1904); }
}  // namespace

TEST_CASE("number format: digits, separators, rounding", "[functions][number_format]") {
    CHECK(fmt(12345.6789, "0") == "12346");
    CHECK(fmt(12345.6789, "0.00") == "12345.68");
    CHECK(fmt(12345.6789, "#,##0") == "12,346");
    CHECK(fmt(1126.72, "#,##0.00") == "1,126.72");
    CHECK(fmt(123456789012.0, "#,##0") == "123,456,789,012");
    CHECK(fmt(1.0 / 3, "#.#") == ".3");
    CHECK(fmt(12, "#.#") == "12.");
    CHECK(fmt(0, "#,#.00 \"Millions!\"") == ".00 Millions!");
    CHECK(fmt(12345.6789, "00-00-00-00") == "00-01-23-46");   // literals between digit places
    CHECK(fmt(123456789012.0, "00-00-00-00") == "123456-78-90-12");
    CHECK(fmt(5, "000") == "005");
    CHECK(fmt(5, "??0") == "  5");
    CHECK(fmt(1.5, "0.0#") == "1.5");
    CHECK(fmt(1.25, "0.?#") == "1.25");
    CHECK(fmt(1.2, "0.0?") == "1.2 ");
    // Half away from zero on the 15-digit value: 2.675 is 2.67499999… in binary.
    CHECK(fmt(2.675, "0.00") == "2.68");
    CHECK(fmt(0.285, "0.00") == "0.29");
    CHECK(fmt(-2.5, "0") == "-3");
    CHECK(fmt(1.23456e19, "0") == "12345600000000000000");
    // A negative that rounds to zero shows no sign in a single-section code.
    CHECK(fmt(-1.0 / 3, "0") == "0");
    CHECK(fmt(-1.0 / 3, "0.00") == "-0.33");
    CHECK(fmt(-2.7e-18, "0.00") == "0.00");
}

TEST_CASE("number format: percent, scaling commas, exponents", "[functions][number_format]") {
    CHECK(fmt(0.8497, "0.00%") == "84.97%");
    CHECK(fmt(12, "0.00%") == "1200.00%");
    CHECK(fmt(12345678, "0.0,") == "12345.7");
    CHECK(fmt(1234567890, "#,##0,,") == "1,235");
    CHECK(fmt(123456789012.0, "#,##,, \"Millions\"") == "123,457 Millions");
    CHECK(fmt(12, "0.00E+0") == "1.20E+1");
    CHECK(fmt(1.0 / 3, "0.00E+0") == "3.33E-1");
    CHECK(fmt(12345, "0.00E+00") == "1.23E+04");
    CHECK(fmt(-2.7e-18, "0.00E+0") == "-2.70E-18");
    CHECK(fmt(0, "0.00E+0") == "0.00E+0");
    CHECK(fmt(9.999, "0.00E+00") == "1.00E+01");   // rounding carries into the exponent
    CHECK(fmt(12345, "##0.0E+0") == "12.3E+3");    // engineering: exponent a multiple of 3
}

TEST_CASE("number format: sections, conditions, colours, literals", "[functions][number_format]") {
    CHECK(fmt(-12, "#,##0_);(#,##0)") == "(12)");
    CHECK(fmt(12, "#,##0_);(#,##0)") == "12 ");
    CHECK(fmt(-1.0 / 3, "$#,##0_);($#,##0)") == "($0)");  // section chosen on the raw value
    CHECK(fmt(-5, "$0") == "-$5");                         // the sign goes in front
    CHECK(fmt(0, "0;-0;\"zero\"") == "zero");
    CHECK(fmt(-5, "0;-0;\"zero\"") == "-5");
    CHECK(fmt(0, "0;-0;;@") == "");
    CHECK(fmt(-5, "[Red]0.00;[红色]-0.00") == "-5.00");
    CHECK(fmt(-5, "[Blue]0.00") == "-5.00");
    CHECK(fmt(150, "[>=100]\"大\";\"小\"") == "大");
    CHECK(fmt(50, "[>=100]\"大\";\"小\"") == "小");
    CHECK(fmt(12345.678, "0.00\"万元\"") == "12345.68万元");
    CHECK(fmt(12345.678, "#,##0.00万元") == "12,345.68万元");
    CHECK(fmt(5, "\\$0") == "$5");
    CHECK(fmt(123456789, "0!.0000\"万\"") == "12345.6789万");  // the 万 trick: '!' makes '.' a literal
    CHECK(fmt(1234, "0_)") == "1234 ");
    CHECK(fmt(1234, "**0") == "1234");  // fill characters are not repeated in text
}

TEST_CASE("number format: fractions", "[functions][number_format]") {
    CHECK(fmt(2.5, "# ?/?") == "2 1/2");
    CHECK(fmt(0.75, "?/4") == "3/4");
    CHECK(fmt(1.0 / 3, "?/?") == "1/3");
    CHECK(fmt(3.14159, "# ?" "?/???") == "3 16/113");  // split: "??/" is a trigraph
}

TEST_CASE("number format: General is the 11-character cell display", "[functions][number_format]") {
    CHECK(fmt(1.0 / 3, "General") == "0.333333333");
    CHECK(fmt(-1.0 / 3, "General") == "-0.333333333");
    CHECK(fmt(123456789012.0, "General") == "1.23457E+11");
    CHECK(fmt(25000000000.0, "General") == "25000000000");
    CHECK(fmt(-2.5e-9, "General") == "-2.5E-09");
    CHECK(fmt(-1e-8, "General") == "-0.00000001");
    CHECK(fmt(12345.6789, "General") == "12345.6789");
    CHECK(format_general_cell(0.0001) == "0.0001");
    CHECK(format_general_cell(0.000012345678) == "1.23457E-05");
    CHECK(format_general_cell(1e100) == "1E+100");
    CHECK(fmt(5, "General\" 元\"") == "5 元");
}

TEST_CASE("number format: dates and times", "[functions][number_format]") {
    CHECK(fmt(45292, "yyyy年m月d日") == "2024年1月1日");
    CHECK(fmt(45657, "yyyy\"年\"mm\"月\"dd\"日\"") == "2024年12月31日");
    CHECK(fmt(45292, "yyyy-mm-dd") == "2024-01-01");
    CHECK(fmt(45292, "m/d/yyyy") == "1/1/2024");
    CHECK(fmt(41181, "m/d/y") == "9/29/12");
    CHECK(fmt(41181, "dd/mm--yy") == "29/09--12");
    CHECK(fmt(41181, "ddd--/--mmm--/++yyy") == "Sat--/--Sep--/++2012");
    CHECK(fmt(41181, "dddd/mmmm/yyyyy") == "Saturday/September/2012");
    CHECK(fmt(41181, "ddddd/mmmmm/yyyyy") == "Saturday/S/2012");
    CHECK(fmt(2958465, "yyyy-mm-dd") == "9999-12-31");
    // Excel's 1900 calendar: serial 60 is 1900-02-29, serial 0 is 1900-01-00.
    CHECK(fmt(60, "yyyy-mm-dd") == "1900-02-29");
    CHECK(fmt(61, "yyyy-mm-dd") == "1900-03-01");
    CHECK(fmt(0, "yyyy-mm-dd") == "1900-01-00");
    CHECK(fmt(100, "dddd") == "Monday");
    CHECK(fmt(0, "yyyy-mm-dd", true) == "1904-01-01");
    CHECK(fmt(0, "dddd", true) == "Friday");
    CHECK(fmt(45292.75, "h:mm:ss") == "18:00:00");
    CHECK(fmt(45292.75, "h:mm AM/PM") == "6:00 PM");
    CHECK(fmt(0.5, "hh:mm A/P") == "12:00 P");
    CHECK(fmt(0.25, "上午/下午h时mm分") == "上午6时00分");
    CHECK(fmt(1.5, "[h]:mm") == "36:00");
    CHECK(fmt(0.5, "[mm]:ss") == "720:00");
    CHECK(fmt(1.0 / 86400 * 1.5, "ss.00") == "01.50");
    CHECK(fmt(1.0 / 3, "h:mm:ss") == "8:00:00");
    // Rounded to the second before splitting: 23:59:59.9 becomes the next day.
    CHECK(fmt(0.99999999, "yyyy-mm-dd hh:mm:ss") == "1900-01-01 00:00:00");
    CHECK(fmt(45292, "mm:ss") == "00:00");  // m before s is minutes
    CHECK(fmt(45292 + 0.5 / 24, "h:mm") == "0:30");
    CHECK(fmt(45292, "[$-804]dddd") == "星期一");
    CHECK(fmt(45292, "aaaa") == "星期一");
    CHECK(fmt(45292, "[$-804]mmmm") == "一月");
}

TEST_CASE("number format: what TEXT rejects", "[functions][number_format]") {
    CHECK_FALSE(try_format_number(-1, "yyyy-mm-dd", false).has_value());
    CHECK_FALSE(try_format_number(2958466, "yyyy", false).has_value());
    CHECK_FALSE(try_format_number(41181, "mm###", false).has_value());  // dates mixed with digits
    CHECK(format_number(-1, "yyyy", false) == "#VALUE!");
    CHECK(format_number(5, "", false).empty());
}

TEST_CASE("number format: text values", "[functions][number_format]") {
    CHECK(format_text("abc", "@") == "abc");
    CHECK(format_text("abc", "\"<\"@\">\"") == "<abc>");
    CHECK(format_text("x", "0;0;0;\"t:\"@") == "t:x");
    CHECK(format_text("abc", "0.00") == "abc");
    CHECK(format_number(12, "@", false) == "12");
}

TEST_CASE("number format: Chinese numerals", "[functions][number_format]") {
    CHECK(fmt(123, "[DBNum1]0") == "一百二十三");
    CHECK(fmt(123, "[DBNum2]0") == "壹佰贰拾叁");
    CHECK(fmt(10, "[DBNum1]0") == "十");
    CHECK(fmt(10000, "[DBNum1]0") == "一万");
}

TEST_CASE("number format: classification and built-in ids", "[functions][number_format]") {
    CHECK(classify_format("General") == FormatKind::General);
    CHECK(classify_format("") == FormatKind::General);
    CHECK(classify_format("#,##0.00") == FormatKind::Number);
    CHECK(classify_format("#,##0.00_);[Red](#,##0.00)") == FormatKind::Number);
    CHECK(classify_format("0.00%") == FormatKind::Percent);
    CHECK(classify_format("yyyy-mm-dd") == FormatKind::Date);
    CHECK(classify_format("[$-804]yyyy\"年\"m\"月\"d\"日\"") == FormatKind::Date);
    CHECK(classify_format("yyyy年m月") == FormatKind::Date);
    CHECK(classify_format("h:mm:ss") == FormatKind::Time);
    CHECK(classify_format("mm:ss") == FormatKind::Time);
    CHECK(classify_format("[h]:mm:ss") == FormatKind::Time);
    CHECK(classify_format("yyyy/m/d h:mm") == FormatKind::DateTime);
    CHECK(classify_format("@") == FormatKind::Text);
    CHECK(classify_format("\"万元\"0.00") == FormatKind::Number);

    CHECK(builtin_format_code(0) == "General");
    CHECK(builtin_format_code(4) == "#,##0.00");
    CHECK(builtin_format_code(10) == "0.00%");
    CHECK(builtin_format_code(49) == "@");
    CHECK(builtin_format_code(23).empty());
    CHECK(builtin_format_code(100).empty());
    for (int id : {14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58})
        CHECK(classify_format(builtin_format_code(id)) == FormatKind::Date);
    for (int id : {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56})
        CHECK(classify_format(builtin_format_code(id)) == FormatKind::Time);
    CHECK(classify_format(builtin_format_code(22)) == FormatKind::DateTime);
    CHECK(classify_format(builtin_format_code(9)) == FormatKind::Percent);
    CHECK(fmt(45292, builtin_format_code(31).data()) == "2024年1月1日");
    CHECK(fmt(0.75, builtin_format_code(34).data()) == "下午6时00分");
    CHECK(fmt(-1234.5, builtin_format_code(39).data()) == "(1,234.50)");
    CHECK(fmt(0, builtin_format_code(43).data()) == " -   ");
}
