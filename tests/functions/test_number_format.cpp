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
    // Values as zh-CN Excel shows them; LibreOffice (with [$-804]) agrees unless noted.
    CHECK(fmt(123, "[DBNum1]0") == "一百二十三");
    CHECK(fmt(123, "[DBNum2]0") == "壹佰贰拾叁");
    CHECK(fmt(1234, "[DBNum1][$-804]General") == "一千二百三十四");
    CHECK(fmt(1234, "[DBNum2][$-804]General") == "壹仟贰佰叁拾肆");
    CHECK(fmt(1234, "[DBNum3][$-804]General") == "１２３４");
    CHECK(fmt(10, "[DBNum1]0") == "一十");          // a number reads 一十 (a date's month 十月)
    CHECK(fmt(100000, "[DBNum2]0") == "壹拾万");
    CHECK(fmt(10000, "[DBNum1]0") == "一万");
    CHECK(fmt(1005, "[DBNum1]0") == "一千〇五");     // inner zeros collapse to one
    CHECK(fmt(2099, "[DBNum2]") == "贰仟零玖拾玖");   // a lone [DBNum2] is General
    CHECK(fmt(100010, "[DBNum1]0") == "一十万〇一十");
    CHECK(fmt(110000000, "[DBNum1]0") == "一亿一千万");
    CHECK(fmt(0, "[DBNum2][$-804]General") == "零");
    CHECK(fmt(0, "[DBNum1]0") == "〇");
    CHECK(fmt(-1234, "[DBNum2][$-804]General") == "-壹仟贰佰叁拾肆");
    CHECK(fmt(1234, "[DBNum1]#,##0") == "一千二百三十四");  // no separators in spelled numbers
    // Decimals: digit by digit after 点 ([DBNum2]) or ．([DBNum1], as LibreOffice)
    CHECK(fmt(1234.56, "[DBNum2][$-804]General") == "壹仟贰佰叁拾肆点伍陆");
    CHECK(fmt(1234.56, "[DBNum2]0.00") == "壹仟贰佰叁拾肆点伍陆");
    CHECK(fmt(0.5, "[DBNum1][$-804]General") == "〇．五");
    // zh-CN's General keyword in TEXT(), and 大写金额 codes from these tables
    CHECK(fmt(1234.5, "G/通用格式") == "1234.5");
    CHECK(fmt(1234, "[DBNum2][$-804]G/通用格式元") == "壹仟贰佰叁拾肆元");
    CHECK(fmt(0, "[DBNum2][$-804]G/通用格式元") == "零元");
    CHECK(fmt(-12, "[dbnum2]G/通用格式元;[dbnum2]负G/通用格式元;") == "负壹拾贰元");
    CHECK(fmt(0, "[dbnum2]G/通用格式元;[dbnum2]负G/通用格式元;") == "");
    CHECK(fmt(5, "[DBNum2]0角;;零") == "伍角");
    CHECK(fmt(0, "[DBNum2]0角;;零") == "零");
    // Placeholders between literals: each run of digits is one number, padding zeros are 零.
    CHECK(fmt(123456, "[DBNum2]0仟0佰0拾0元0角0分") == "壹仟贰佰叁拾肆元伍角陆分");
    CHECK(fmt(8, "[DBNum2]元00分") == "元零捌分");
    CHECK(fmt(1, "[DBNum2]元0角0分") == "元零角壹分");
    CHECK(fmt(12, "[DBNum2]00") == "壹拾贰");
    CHECK(fmt(0, "[<1][dbnum2]元整;[<9][dbnum2]元00分;[dbnum2]元0角0分") == "元整");
    CHECK(fmt(8, "[<1][dbnum2]元整;[<9][dbnum2]元00分;[dbnum2]元0角0分") == "元零捌分");
    CHECK(fmt(56, "[<1][dbnum2]元整;[<9][dbnum2]元00分;[dbnum2]元0角0分") == "元伍角陆分");
    // Dates: years digit by digit, months and days as numbers with 十 for 10-19
    CHECK(fmt(45292, "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"") == "二〇二四年一月一日");
    CHECK(fmt(45574, "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"") == "二〇二四年十月九日");
    CHECK(fmt(45574, "[DBNum2][$-804]yyyy\"年\"m\"月\"d\"日\"") == "贰零贰肆年拾月玖日");
    CHECK(fmt(45580, "[DBNum1][$-804]m\"月\"d\"日\"") == "十月十五日");
    CHECK(fmt(45574, "[DBNum3][$-804]yyyy\"年\"m\"月\"d\"日\"") == "２０２４年１０月９日");
}

TEST_CASE("number format: elapsed time, conditions, colours", "[functions][number_format]") {
    CHECK(fmt(1.5, "[h]:mm:ss") == "36:00:00");
    CHECK(fmt(1.5, "[hh]:mm") == "36:00");
    CHECK(fmt(0.0625, "[mm]") == "90");
    CHECK(fmt(0.0625, "[ss]") == "5400");
    CHECK(fmt(2.75, "[h]") == "66");
    CHECK(fmt(1 + 1.5 / 86400, "[ss].00") == "86401.50");
    CHECK(fmt(1.0 + 1.0 / 1440, "[mm]:ss") == "1441:00");
    CHECK_FALSE(try_format_number(-0.5, "[h]:mm", false).has_value());  // LibreOffice: -12:00
    const char* cond = "[>100]\"big\";[<=-5]\"neg\";\"mid\"";
    CHECK(fmt(150, cond) == "big");
    CHECK(fmt(-10, cond) == "neg");
    CHECK(fmt(3, cond) == "mid");
    CHECK(fmt(-3, cond) == "-mid");  // the third section keeps the sign (LibreOffice drops it)
    CHECK(fmt(150, "[>100]0.0;[<=-5]0;0.00") == "150.0");
    CHECK(fmt(-10, "[>100]0.0;[<=-5]0;0.00") == "10");  // a negative-only condition shows |v|
    CHECK(fmt(-3, "[>100]0.0;[<=-5]0;0.00") == "-3.00");
    CHECK(fmt(-3, "[<0]\"n\"0;0") == "n3");
    CHECK(fmt(1500, "[>=1000]0.0,\"K\";0") == "1.5K");
    CHECK(fmt(5, "[Red]0;[Blue]-0") == "5");
    CHECK(fmt(5, "[Color10]0.00") == "5.00");
    CHECK(format_color(-5, "0;[Red]-0") == 0xFF0000u);
    CHECK_FALSE(format_color(5, "0;[Red]-0").has_value());
    CHECK(format_color(5, "[Color10]0.00") == 0x008000u);
    CHECK(format_color(5, "[Color 3]0") == 0xFF0000u);
    CHECK(format_color(5, "[蓝色]0") == 0x0000FFu);
    CHECK(format_color(200, "[>100][Green]0;[Red]0") == 0x00FF00u);
    CHECK_FALSE(format_color(5, "[Color57]0").has_value());
}

TEST_CASE("number format: padding, fill, literals, locales", "[functions][number_format]") {
    CHECK(fmt(1.5, "?.??") == "1.5 ");
    CHECK(fmt(12.5, "???.???") == " 12.5  ");
    CHECK(fmt(12.5, "0_x") == "13 ");    // the width of x: one space in text (LibreOffice: two)
    CHECK(fmt(12.5, "*-0") == "13");     // fill: nothing in text
    CHECK(fmt(12.5, "\"$\"* #,##0.00") == "$12.50");
    CHECK(fmt(5, "\\A0\\B") == "A5B");
    CHECK(fmt(5, "\"ab\"0\"cd\"") == "ab5cd");
    CHECK(fmt(5, ";;;") == "");
    CHECK(format_text("abc", ";;;") == "");
    CHECK(format_text("abc", "0;-0;0;@\"x\"") == "abcx");
    CHECK(fmt(1234.5, "[$-804]#,##0.00") == "1,234.50");
    CHECK(fmt(1234.5, "[$¥-804]#,##0.00") == "¥1,234.50");
    CHECK(fmt(45292, "[$-zh-CN]mmmm aaaa") == "一月 星期一");  // Excel 365's language tags
    CHECK(fmt(1234, "[$-zh-CN][DBNum2]G/通用格式") == "壹仟贰佰叁拾肆");
    CHECK(fmt(12345, "0!.0,\"万\"") == "1.2万");  // the 万 trick (LibreOffice has no '!')
    CHECK(fmt(-1234.5, "#,##0.00_ ;[Red]-#,##0.00 ") == "-1,234.50 ");
    CHECK(fmt(0, "#,##0.00;-#,##0.00;\"-\"") == "-");
    CHECK(fmt(0.0000115, "hh:mm:ss.000") == "00:00:00.994");
    CHECK(fmt(1234.5, "[$￥-804]#,##0.00;[$￥-804]-#,##0.00") == "￥1,234.50");
    // [$-x-sysdate]/[$-F800]: the system's long date, zh-CN's (LibreOffice: its own locale's)
    CHECK(fmt(45292, "[$-x-sysdate]dddd, mmmm dd, yyyy") == "2024年1月1日");
    CHECK(fmt(45292, "[$-F800]dddd, mmmm dd, yyyy") == "2024年1月1日");
    CHECK(fmt(45292.75, "[$-x-systime]h:mm:ss AM/PM") == "18:00:00");
    CHECK(fmt(45292.75, "[$-F400]h:mm:ss AM/PM") == "18:00:00");
}

TEST_CASE("number format: fractions, scientific, scaling", "[functions][number_format]") {
    CHECK(fmt(0.5, "# ?/?") == " 1/2");
    CHECK(fmt(2.25, "# ?" "?/16") == "2  4/16");
    CHECK(fmt(2.3, "# ?" "?/16") == "2  5/16");
    CHECK(fmt(0.3, "?/?") == "2/7");
    CHECK(fmt(5, "# ?/?") == "5    ");
    CHECK(fmt(-2.5, "# ?/?") == "-2 1/2");
    CHECK(fmt(2.999, "# ?/?") == "3    ");
    CHECK(fmt(0.000123, "0.00E+00") == "1.23E-04");
    CHECK(fmt(123456, "##0.0E+0") == "123.5E+3");
    CHECK(fmt(0.00123, "##0.0E+0") == "1.2E-3");
    CHECK(fmt(12345, "0.0E-0") == "1.2E4");
    CHECK(fmt(0.0012345, "0.0E-0") == "1.2E-3");
    CHECK(fmt(1234567890, "#,##0.0,,") == "1,234.6");
    CHECK(fmt(123456789, "0.0,\"万\"") == "123456.8万");
    CHECK(fmt(12345678, "#,##0,\"千\"") == "12,346千");
}

TEST_CASE("number format: precision as displayed", "[functions][number_format]") {
    CHECK(round_as_displayed(1.4949, "0.00") == 1.49);
    CHECK(round_as_displayed(2.675, "0.00") == 2.68);       // half away from zero on 15 digits
    CHECK(round_as_displayed(-2.675, "#,##0.00") == -2.68);
    CHECK(round_as_displayed(0.123456, "0%") == 0.12);
    CHECK(round_as_displayed(0.123456, "0.0%") == 0.123);
    CHECK(round_as_displayed(14963949, "#,##0,") == 14964000);
    CHECK(round_as_displayed(123456789, "0.0,,") == 123500000);
    CHECK(round_as_displayed(12345.6789, "0") == 12346);
    CHECK(round_as_displayed(12345.6789, "0.00\"万元\"") == 12345.68);
    CHECK(round_as_displayed(12345, "0.00E+00") == 12300);
    CHECK(round_as_displayed(123456, "##0.0E+0") == 123500);
    CHECK(round_as_displayed(2.3, "# ?" "?/16") == 2.3125);
    CHECK(round_as_displayed(0.3, "?/?") == Approx(2.0 / 7).epsilon(1e-15));
    CHECK(round_as_displayed(-1.2345, "0.00;(0.0)") == -1.2);    // the section that shows it
    CHECK(round_as_displayed(1234.5678, "[DBNum2]0.00") == 1234.57);
    // unchanged: General, dates, times, text, no digits shown
    CHECK(round_as_displayed(1.0 / 3, "General") == 1.0 / 3);
    CHECK(round_as_displayed(1.0 / 3, "") == 1.0 / 3);
    CHECK(round_as_displayed(45292.75, "yyyy-mm-dd") == 45292.75);
    CHECK(round_as_displayed(0.123456789, "h:mm") == 0.123456789);
    CHECK(round_as_displayed(1.0 / 3, "@") == 1.0 / 3);
    CHECK(round_as_displayed(1.0 / 3, "\"x\"") == 1.0 / 3);
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
