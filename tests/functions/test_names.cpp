// test_names.cpp — defined names of every scope and form through real formulas: constants,
// cells, ranges, formulas, a sheet-local name shadowing a global one, hidden names, and
// relative names, which Excel stores relative to A1 and wraps around the grid (a name
// defined at B1 as =S!A1 is written S!XFD1: the cell to the left of where it is used).
#include "book.h"

using namespace sp;
using namespace sp::test;

namespace {

void name(Book& b, const char* n, const char* text, SheetId scope = kNoSheet, bool hidden = false) {
    DefinedName d;
    d.name = n;
    d.text = text;
    d.scope = scope;
    d.hidden = hidden;
    b.wb.add_name(std::move(d));
}

}  // namespace

TEST_CASE("defined names: scopes, constants, formulas, hidden", "[names]") {
    Book b;
    SheetId feb = b.wb.add_sheet("二月");
    b.column(0, 1, {Value(10.0), Value(20.0), Value(30.0)});
    name(b, "单价", "0.05");
    name(b, "税率", "0.2");
    name(b, "税率", "0.1", feb);                 // sheet-local, shadows the global one on 二月
    name(b, "基数", "S!$A$2");
    name(b, "金额列", "S!$A$1:$A$3");
    name(b, "合计", "SUM(S!$A$1:$A$3)");
    name(b, "隐藏", "7", kNoSheet, true);
    name(b, "_xlnm.Print_Area", "S!$A$1:$C$3", b.s);
    CHECK(b.num("=基数*单价") == 1);
    CHECK(b.num("=合计") == 60);
    CHECK(b.num("=SUM(金额列)/COUNT(金额列)") == 20);
    CHECK(b.num("=税率") == 0.2);
    CHECK(b.num("=隐藏+1") == 8);               // hidden names still evaluate
    CHECK(b.num("=ROWS(_xlnm.Print_Area)") == 3);
    CHECK(b.error("=没有这个名字") == Err::Name);
    b.wb.set_formula(feb, at("A1"), "=税率");
    b.wb.set_formula(feb, at("A2"), "=S!A1*税率");
    b.wb.set_formula(b.s, at("D1"), "=二月!税率");  // a sheet-qualified local name
    Calculator calc(b.wb);
    calc.recalc_full();
    CHECK(b.wb.get(feb, at("A1")).number() == 0.1);
    CHECK(b.wb.get(feb, at("A2")).number() == 1);
    CHECK(b.wb.get(b.s, at("D1")).number() == 0.1);
}

TEST_CASE("defined names: relative references wrap around the grid", "[names]") {
    Book b;
    b.column(0, 1, {Value(10.0), Value(20.0), Value(30.0), Value(40.0), Value(50.0)});
    name(b, "左邻", "S!XFD1");             // the cell to the left
    name(b, "上一行", "S!A1048576");       // the cell above
    name(b, "本列前三", "SUM(S!A1048574:A1048576)");  // the three cells above
    name(b, "本行", "S!$A1");              // column A of the row where it is used
    b.wb.set_formula(b.s, at("B2"), "=左邻*2");
    b.wb.set_formula(b.s, at("B4"), "=左邻*2");
    b.wb.set_formula(b.s, at("A6"), "=上一行");
    b.wb.set_formula(b.s, at("A7"), "=本列前三");
    b.wb.set_formula(b.s, at("C3"), "=本行");
    Calculator calc(b.wb);
    calc.recalc_full();
    CHECK(b.wb.get(b.s, at("B2")).number() == 40);
    CHECK(b.wb.get(b.s, at("B4")).number() == 80);
    CHECK(b.wb.get(b.s, at("A6")).number() == 50);
    CHECK(b.wb.get(b.s, at("A7")).number() == 140);  // A4:A6 = 40 + 50 + 50 (A6 = A5)
    CHECK(b.wb.get(b.s, at("C3")).number() == 30);
    // B4's name reads A4.
    b.wb.set_value(b.s, at("A4"), Value(1.0));
    calc.recalc_full();
    CHECK(b.wb.get(b.s, at("B4")).number() == 2);
}
