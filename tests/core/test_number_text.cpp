// test_number_text.cpp — text coerced to numbers as Excel does, date serials.
#include <catch2/catch.hpp>

#include "core/number_text.h"

using namespace sp;

TEST_CASE("numbers typed as text", "[core][number_text]") {
    CHECK(parse_number_text("1,126.72") == Approx(1126.72));
    CHECK(parse_number_text(" 5 ") == 5);
    CHECK(parse_number_text("84.97%") == Approx(0.8497));
    CHECK(parse_number_text("-1e3") == -1000);
    CHECK(parse_number_text("(12)") == -12);
    CHECK_FALSE(parse_number_text("1,12").has_value());
    CHECK_FALSE(parse_number_text("abc").has_value());
    CHECK_FALSE(parse_number_text("").has_value());
}

TEST_CASE("date serials, 1900 leap-year quirk and 1904", "[core][number_text]") {
    CHECK(date_to_serial(1900, 1, 1) == 1);
    CHECK(date_to_serial(1900, 3, 1) == 61);  // serial 60 is Excel's fictitious 1900-02-29
    CHECK(date_to_serial(2024, 12, 31) == 45657);
    CHECK(date_to_serial(1904, 1, 1, true) == 0);
    int y, m, d;
    REQUIRE(serial_to_date(60, y, m, d));
    CHECK((y == 1900 && m == 2 && d == 29));
    REQUIRE(serial_to_date(45657, y, m, d));
    CHECK((y == 2024 && m == 12 && d == 31));
    CHECK(coerce_text_to_number("2024-12-31") == 45657);
    CHECK(coerce_text_to_number("2024年12月31日") == 45657);
}

TEST_CASE("Text dates in day-first locales", "[core][number_text]") {
    // en-US reads m/d/y, en-GB d/m/y (Excel's cached values in calc_tests T_VALUE_VALUETOTEXT).
    CHECK(coerce_text_to_number("2/3/2023") == 44960);              // February 3
    CHECK(coerce_text_to_number("2/3/2023", false, true) == 44987);  // 2 March
    CHECK(coerce_text_to_number("10-12-1999", false, true) == 36504);
    CHECK_FALSE(coerce_text_to_number("30/2/2010", false, true));    // no 30 February
    CHECK_FALSE(coerce_text_to_number("13/25/2020", false, true));
    CHECK(coerce_text_to_number("25/12/2020", false, true) == 44190);
    CHECK_FALSE(coerce_text_to_number("25/12/2020"));                // month 25 in en-US
    // Year-first and month-name forms do not depend on the order.
    CHECK(coerce_text_to_number("2023-3-2", false, true) == 44987);
    CHECK(coerce_text_to_number("2023年3月2日", false, true) == 44987);
    CHECK(coerce_text_to_number("2-Mar-2023", false, true) == 44987);
}
