// test_sheet.cpp — chunked cell storage: values of each type, iteration, used range.
#include <catch2/catch.hpp>

#include "model/sheet.h"

using namespace sp;

TEST_CASE("cells of every type are stored and read back", "[model][sheet]") {
    Sheet s("S");
    s.set(0, 0, Value(1.5));
    s.set(1, 0, Value::string("预算"));
    s.set(2, 0, Value::boolean(true));
    s.set(3, 0, Value::error(Err::NA));
    s.set(1048575, 16383, Value(9.0));
    CHECK(s.get(0, 0).number() == 1.5);
    CHECK(s.get(1, 0).string() == "预算");
    CHECK(s.get(2, 0).boolean());
    CHECK(s.get(3, 0).error() == Err::NA);
    CHECK(s.get(1048575, 16383).number() == 9);
    CHECK(s.get(5, 5).is_empty());
    CHECK(s.cell_count() == 5);
    s.clear(1, 0);
    CHECK(s.get(1, 0).is_empty());
    CHECK(s.cell_count() == 4);
    s.set(0, 0, Value::string("x"));  // replacing a number by a string and back
    s.set(0, 0, Value(2.0));
    CHECK(s.get(0, 0).number() == 2);
}

TEST_CASE("for_each visits stored cells in column order", "[model][sheet]") {
    Sheet s("S");
    for (int r = 0; r < 1000; r += 7) s.set(r, 2, Value(double(r)));
    s.set(3, 1, Value(1.0));
    double sum = 0;
    int count = 0;
    s.for_each(RangeAddr{0, 2, 999, 2}, [&](int32_t, int32_t, const CellView& v) {
        sum += v.num;
        ++count;
    });
    CHECK(count == 143);
    CHECK(sum == Approx(71071));
    auto used = s.used_range();
    REQUIRE(used);
    CHECK(*used == RangeAddr{0, 1, 994, 2});
}

TEST_CASE("formula index is kept beside values", "[model][sheet]") {
    Sheet s("S");
    CHECK(s.formula_at(10, 3) == kNoFormula);
    s.set_formula_index(10, 3, 42);
    CHECK(s.formula_at(10, 3) == 42);
    int seen = 0;
    s.for_each_formula(RangeAddr{0, 0, 100, 5}, [&](int32_t r, int32_t c, uint32_t f) {
        CHECK((r == 10 && c == 3 && f == 42));
        ++seen;
    });
    CHECK(seen == 1);
}
