// test_precision_displayed.cpp — precision as displayed (calcPr fullPrecision="0"): each formula
// result is stored as its cell's number format shows it, so sums of 万元 figures add up as shown.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "cells.h"

using namespace sp;
using sp::test::at;
using sp::test::num;

namespace {
void style(Workbook& wb, SheetId s, const char* a1, const char* code) {
    CellStyle st;
    st.number_format = code;
    CellAddr c = at(a1);
    wb.sheet(s).set_style(c.row, c.col, wb.styles().add(st));
}

// 元 in A, 万元 in B (0.00), their total, shares (0%), thousands (#,##0,), a date, General.
void build(Workbook& wb, SheetId s) {
    for (int r = 0; r < 3; ++r) wb.set_value(s, {r, 0}, Value(14949.0));
    for (const char* b : {"B1", "B2", "B3", "B4"}) style(wb, s, b, "0.00");
    wb.set_formula(s, at("B1"), "=A1/10000");
    wb.set_formula(s, at("B2"), "=A2/10000");
    wb.set_formula(s, at("B3"), "=A3/10000");
    wb.set_formula(s, at("B4"), "=SUM(B1:B3)");
    style(wb, s, "C1", "0%");
    wb.set_formula(s, at("C1"), "=B1/B4");
    style(wb, s, "D1", "#,##0,");
    wb.set_formula(s, at("D1"), "=A1*1001");
    style(wb, s, "E1", "yyyy-mm-dd");
    wb.set_formula(s, at("E1"), "=45292+A1/100000");
    wb.set_formula(s, at("F1"), "=B1*3");  // General: unchanged, but reads the rounded B1
    style(wb, s, "G1", "0.00");
    wb.set_formula(s, at("G1"), "=\"x\"&B1");  // text results are not touched
}
}  // namespace

TEST_CASE("precision as displayed: results rounded to their format, dependants read them", "[calc][precision]") {
    Workbook full, shown;
    SheetId a = full.add_sheet("S"), b = shown.add_sheet("S");
    build(full, a);
    build(shown, b);
    shown.settings().full_precision = false;
    Calculator(full).recalc_full();
    Calculator(shown).recalc_full();

    CHECK(num(full, a, "B4") == Approx(4.4847).epsilon(1e-12));
    CHECK(num(shown, b, "B1") == 1.49);
    CHECK(num(shown, b, "B4") == 4.47);  // 1.49 × 3 as shown, not 4.48
    CHECK(num(full, a, "C1") == Approx(1.0 / 3).epsilon(1e-12));
    CHECK(num(shown, b, "C1") == 0.33);
    CHECK(num(full, a, "D1") == 14963949);
    CHECK(num(shown, b, "D1") == 14964000);
    CHECK(num(shown, b, "E1") == Approx(45292.14949).epsilon(1e-15));  // dates keep their time
    CHECK(num(shown, b, "F1") == Approx(4.47).epsilon(1e-15));
    CHECK(num(full, a, "F1") == Approx(4.4847).epsilon(1e-12));
    CHECK(to_display(shown.get(b, at("G1"))) == "x1.49");
    CHECK(num(shown, b, "A1") == 14949);  // constants are left as stored (see docs/conformance.md)
}

TEST_CASE("precision as displayed: incremental recalc rounds the new results", "[calc][precision]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    build(wb, s);
    wb.settings().full_precision = false;
    Calculator calc(wb);
    calc.recalc_full();
    wb.set_value(s, at("A1"), Value(12345.0));
    calc.recalc();
    CHECK(num(wb, s, "B1") == 1.23);
    CHECK(num(wb, s, "B4") == 1.23 + 1.49 + 1.49);
}
