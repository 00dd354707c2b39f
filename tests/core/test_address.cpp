// test_address.cpp — A1 text of cells and ranges, grid limits, sheet-name quoting.
#include <catch2/catch.hpp>

#include "core/address.h"

using namespace sp;

TEST_CASE("column letters", "[core][address]") {
    CHECK(column_letters(0) == "A");
    CHECK(column_letters(25) == "Z");
    CHECK(column_letters(26) == "AA");
    CHECK(column_letters(16383) == "XFD");
    CHECK(column_from_letters("XFD") == 16383);
    CHECK_FALSE(column_from_letters("XFE").has_value());
    CHECK(column_from_letters("aa") == 26);
}

TEST_CASE("cells and ranges parse within the grid", "[core][address]") {
    CHECK(parse_cell("B7") == CellAddr{6, 1});
    CHECK(parse_cell("$B$7") == CellAddr{6, 1});
    CHECK(parse_cell("XFD1048576") == CellAddr{1048575, 16383});
    CHECK_FALSE(parse_cell("XFD1048577").has_value());
    CHECK_FALSE(parse_cell("XFE1").has_value());
    CHECK_FALSE(parse_cell("A0").has_value());
    CHECK_FALSE(parse_cell("7B").has_value());
    auto r = parse_range("C9:B7");
    REQUIRE(r);
    CHECK(*r == RangeAddr{6, 1, 8, 2});
    auto cols = parse_range("A:C");
    REQUIRE(cols);
    CHECK(cols->r2 == kMaxRows - 1);
    CHECK(cols->c2 == 2);
    auto rows = parse_range("3:5");
    REQUIRE(rows);
    CHECK(rows->r1 == 2);
    CHECK(rows->c2 == kMaxCols - 1);
    CHECK(range_text(RangeAddr{6, 1, 8, 2}) == "B7:C9");
}

TEST_CASE("sheet names are quoted when needed", "[core][address]") {
    CHECK(quote_sheet_name("Sheet1") == "Sheet1");
    CHECK(quote_sheet_name("收入支出决算总表") == "'收入支出决算总表'");
    CHECK(quote_sheet_name("My Sheet") == "'My Sheet'");
    CHECK(quote_sheet_name("O'Brien") == "'O''Brien'");
    CHECK(quote_sheet_name("A1") == "'A1'");
}
