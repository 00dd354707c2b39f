// test_reference.cpp — ANCHORARRAY (the spill operator A1#) and SINGLE (implicit
// intersection @), as Excel 365 files store them.
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {
CellAddr at(const char* a1) { return *parse_cell(a1); }
}  // namespace

TEST_CASE("ANCHORARRAY: the range a spilled formula fills", "[functions][reference]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    for (int r = 0; r < 4; ++r) wb.set_value(s, CellAddr{r, 0}, Value(double(r + 1)));  // A1:A4 = 1..4
    REQUIRE(wb.set_array_formula(s, *parse_range("C1:C4"), "=A1:A4*10"));          // spills 10..40
    wb.set_formula(s, at("D1"), "=A1*2");                                            // an ordinary formula
    wb.set_formula(s, at("E1"), "=SUM(_xlfn.ANCHORARRAY(C1))");
    wb.set_formula(s, at("E2"), "=ROWS(ANCHORARRAY(C1))");
    wb.set_formula(s, at("E3"), "=SUM(ANCHORARRAY(D1))");   // a formula's own cell
    wb.set_formula(s, at("E4"), "=SUM(ANCHORARRAY(C2))");   // inside the spill, not its anchor
    wb.set_formula(s, at("E5"), "=SUM(ANCHORARRAY(A1))");   // a constant
    wb.set_formula(s, at("E6"), "=SUM(ANCHORARRAY(Z9))");   // empty
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(wb.get(s, at("E1")).number() == 100);
    CHECK(wb.get(s, at("E2")).number() == 4);
    CHECK(wb.get(s, at("E3")).number() == 2);
    CHECK(wb.get(s, at("E4")).error() == Err::Ref);
    CHECK(wb.get(s, at("E5")).error() == Err::Ref);
    CHECK(wb.get(s, at("E6")).error() == Err::Ref);
    // The consumer follows an edit that changes the spilled values.
    wb.set_value(s, at("A4"), Value(5.0));
    calc.recalc();
    CHECK(wb.get(s, at("E1")).number() == 110);
}

TEST_CASE("SINGLE: implicit intersection", "[functions][reference]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    for (int r = 0; r < 5; ++r) wb.set_value(s, CellAddr{r, 0}, Value(double(r + 1)));  // A1:A5
    wb.set_formula(s, at("B3"), "=_xlfn.SINGLE(A1:A5)*10");  // row 3 -> A3
    wb.set_formula(s, at("B9"), "=SINGLE(A1:A5)");           // no common row
    wb.set_formula(s, at("C1"), "=SINGLE({7,8,9})");          // an array: its first element
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(wb.get(s, at("B3")).number() == 30);
    CHECK(wb.get(s, at("B9")).error() == Err::Value);
    CHECK(wb.get(s, at("C1")).number() == 7);
}
