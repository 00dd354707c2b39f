// test_calculator.cpp — recalculation: order, ranges as single vertices, cycles,
// iteration, incremental counts, volatile functions, deep chains, names, arrays.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "calc/graph.h"
#include "cells.h"

using namespace sp;
using sp::test::at;
using sp::test::num;

TEST_CASE("formulas evaluate in dependency order across sheets", "[calc]") {
    Workbook wb;
    SheetId a = wb.add_sheet("收入支出决算总表");
    SheetId b = wb.add_sheet("Sheet2");
    // Written in reverse order of dependency on purpose.
    wb.set_formula(b, at("A1"), "='收入支出决算总表'!C9*2");
    wb.set_formula(a, at("C9"), "=SUM(C5:C8)");
    for (int r = 4; r < 8; ++r) wb.set_value(a, {r, 2}, Value(double(r)));
    Calculator calc(wb);
    auto st = calc.recalc_full();
    CHECK(st.evaluated == 2);
    CHECK(num(wb, a, "C9") == 4 + 5 + 6 + 7);
    CHECK(num(wb, b, "A1") == 44);
}

TEST_CASE("a range is one vertex, not one edge per cell", "[calc][graph]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    const int n = 1000;
    for (int r = 0; r < n; ++r) {
        wb.set_value(s, {r, 0}, Value(1.0));
        wb.set_formula(s, {r, 1}, "=A" + std::to_string(r + 1) + "*2");             // B: formulas
        wb.set_formula(s, {r, 2}, "=B" + std::to_string(r + 1) + "/SUM($B$1:$B$1000)");  // C: share of total
    }
    calc::DependencyGraph g;
    g.build(wb);
    // 2n formula vertices + 1 range vertex; edges: B->C (n), B->range (n), range->C (n).
    CHECK(g.vertex_count() == size_t(2 * n + 1));
    CHECK(g.edge_count() == size_t(3 * n));
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, s, "C1") == Approx(1.0 / n));
    // Every C cell shares one compiled program (same R1C1 shape).
    CHECK(wb.program_count() == 2);
}

TEST_CASE("cycles are found, reported and get the cycle error", "[calc][cycle]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.set_formula(s, at("A1"), "=B1+1");
    wb.set_formula(s, at("B1"), "=C1+1");
    wb.set_formula(s, at("C1"), "=A1+1");
    wb.set_formula(s, at("D1"), "=A1*2");           // depends on the cycle
    wb.set_formula(s, at("E5"), "=SUM(E1:E5)");     // a range holding its own cell
    wb.set_formula(s, at("F1"), "=1+1");            // unaffected
    Calculator calc(wb);
    auto st = calc.recalc_full();
    CHECK(st.cycles == 2);
    REQUIRE(calc.cycles().size() == 2);
    size_t sizes = calc.cycles()[0].cells.size() + calc.cycles()[1].cells.size();
    CHECK(sizes == 4);
    for (const char* c : {"A1", "B1", "C1", "E5"}) CHECK(wb.get(s, at(c)).error() == Err::Cycle);
    CHECK(wb.get(s, at("D1")).error() == Err::Cycle);
    CHECK(num(wb, s, "F1") == 2);
}

TEST_CASE("iterative calculation converges when the workbook asks for it", "[calc][cycle]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.settings().iterate = true;
    wb.settings().iterate_count = 100;
    wb.settings().iterate_delta = 1e-9;
    wb.set_formula(s, at("A1"), "=B1/2+1");  // fixed point A1 = 2
    wb.set_formula(s, at("B1"), "=A1");
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, s, "A1") == Approx(2.0).epsilon(1e-6));
    CHECK(calc.cycles().size() == 1);
    CHECK(calc.cycles()[0].iterated);
    // The iteration count is honoured: one sweep only moves part of the way.
    Workbook wb2;
    SheetId t = wb2.add_sheet("S");
    wb2.settings().iterate = true;
    wb2.settings().iterate_count = 1;
    wb2.set_formula(t, at("A1"), "=B1/2+1");
    wb2.set_formula(t, at("B1"), "=A1");
    Calculator c2(wb2);
    c2.recalc_full();
    CHECK(num(wb2, t, "A1") < 1.99);
}

TEST_CASE("incremental recalc evaluates only the dependents of edited cells", "[calc][incremental]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    for (int r = 0; r < 100; ++r) {
        wb.set_value(s, {r, 0}, Value(double(r)));
        wb.set_formula(s, {r, 1}, "=A" + std::to_string(r + 1) + "+1");  // B = A + 1
    }
    wb.set_formula(s, at("C1"), "=SUM(B1:B100)");
    wb.set_formula(s, at("C2"), "=C1*2");
    wb.set_formula(s, at("C3"), "=A50*3");
    wb.set_formula(s, at("D1"), "=1+2");  // depends on nothing
    Calculator calc(wb);
    CHECK(calc.recalc_full().evaluated == 104);
    wb.set_value(s, at("A10"), Value(1000.0));
    auto st = calc.recalc();
    CHECK(st.evaluated == 3);  // B10, C1, C2
    CHECK(num(wb, s, "B10") == 1001);
    CHECK(num(wb, s, "C2") == 2 * (4950 + 100 - 9 + 1000));
    wb.set_value(s, at("A50"), Value(1.0));
    CHECK(calc.recalc().evaluated == 4);  // B50, C1, C2, C3
    CHECK(num(wb, s, "C3") == 3);
    wb.set_value(s, at("Z99"), Value(1.0));  // read by nobody
    CHECK(calc.recalc().evaluated == 0);
    // Changing a formula recomputes it and its dependents only.
    wb.set_formula(s, at("B1"), "=A1+100");
    CHECK(calc.recalc().evaluated == 3);
    CHECK(num(wb, s, "B1") == 100);
}

TEST_CASE("volatile functions recompute on every recalc", "[calc][volatile]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.set_formula(s, at("A1"), "=RAND()");
    wb.set_formula(s, at("A2"), "=A1*0+1");
    wb.set_formula(s, at("A3"), "=5");
    Calculator calc(wb);
    calc.recalc_full();
    double first = num(wb, s, "A1");
    auto st = calc.recalc();
    CHECK(st.evaluated == 2);  // RAND and its dependent, not A3
    CHECK(num(wb, s, "A1") != first);
}

TEST_CASE("a chain of 1,000,000 cells recalculates without stack overflow", "[calc][deep]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    const int n = 1000000;
    wb.set_value(s, {0, 0}, Value(1.0));
    for (int r = 1; r < n; ++r) wb.set_formula(s, {r, 0}, "=A" + std::to_string(r) + "+1");
    CHECK(wb.program_count() == 1);  // one shape shared by a million cells
    Calculator calc(wb);
    auto st = calc.recalc_full();
    CHECK(st.evaluated == size_t(n - 1));
    CHECK(num(wb, s, "A1000000") == n);
    wb.set_value(s, {0, 0}, Value(2.0));
    CHECK(calc.recalc().evaluated == size_t(n - 1));
    CHECK(num(wb, s, "A1000000") == n + 1);
}

TEST_CASE("defined names, workbook- and sheet-scoped", "[calc][names]") {
    Workbook wb;
    SheetId a = wb.add_sheet("A");
    SheetId b = wb.add_sheet("B");
    wb.set_value(a, at("A1"), Value(10.0));
    wb.set_value(b, at("A1"), Value(20.0));
    wb.add_name({"收入总计", kNoSheet, "A!$A$1"});
    wb.add_name({"Local", b, "B!$A$1"});
    wb.set_formula(a, at("B1"), "=收入总计*2");
    wb.set_formula(b, at("B1"), "=Local+收入总计");
    wb.set_formula(a, at("C1"), "=Local");  // not visible from sheet A
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, a, "B1") == 20);
    CHECK(num(wb, b, "B1") == 30);
    CHECK(wb.get(a, at("C1")).error() == Err::Name);
    // A name's references are edges: editing A!A1 recomputes both users.
    wb.set_value(a, at("A1"), Value(1.0));
    CHECK(calc.recalc().evaluated == 2);
    CHECK(num(wb, b, "B1") == 21);
}

TEST_CASE("array formulas fill their range", "[calc][array]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    for (int r = 0; r < 3; ++r) wb.set_value(s, {r, 0}, Value(double(r + 1)));
    wb.set_array_formula(s, RangeAddr{0, 1, 2, 1}, "=A1:A3*10");
    wb.set_formula(s, at("C1"), "=B3+1");  // reads a cell the array formula fills
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, s, "B1") == 10);
    CHECK(num(wb, s, "B2") == 20);
    CHECK(num(wb, s, "B3") == 30);
    CHECK(num(wb, s, "C1") == 31);
    wb.set_value(s, at("A3"), Value(5.0));
    calc.recalc();
    CHECK(num(wb, s, "C1") == 51);
}

TEST_CASE("references shifted beyond the grid are #REF!; bad formulas are #NAME? and reported", "[calc][errors]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    uint32_t prog = wb.compile("=A1+1", s, at("B2"));  // relative: one row up, one column left
    wb.set_formula_program(s, at("A1"), prog);         // one row up from A1 is outside the grid
    CHECK_FALSE(wb.set_formula(s, at("C1"), "=SUM(1,"));
    wb.set_formula(s, at("D1"), "=NOSUCHFUNCTION(1)");
    wb.set_formula(s, at("E1"), "=Missing!A1");
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(wb.get(s, at("A1")).error() == Err::Ref);
    CHECK(wb.get(s, at("C1")).error() == Err::Name);
    CHECK(wb.get(s, at("D1")).error() == Err::Name);
    CHECK(wb.get(s, at("E1")).error() == Err::Ref);
    bool parse_reported = false, unknown_reported = false;
    for (const auto& d : wb.diagnostics()) {
        if (d.cell == at("C1") && d.message.find("does not parse") != std::string::npos) parse_reported = true;
        if (d.cell == at("D1") && d.message.find("NOSUCHFUNCTION") != std::string::npos) unknown_reported = true;
    }
    CHECK(parse_reported);
    CHECK(unknown_reported);
}

TEST_CASE("Excel operator semantics", "[calc][operators]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.set_value(s, at("A1"), Value::string("1"));
    wb.set_value(s, at("A2"), Value::boolean(true));
    Calculator calc(wb);
    auto eval = [&](const char* f) { return calc.evaluate(f, s, at("Z1")); };
    CHECK(eval("=\"1\"+1").number() == 2);
    CHECK(eval("=A1+1").number() == 2);          // text number in a cell, used by an operator
    CHECK(eval("=B9+1").number() == 1);          // blank is 0
    CHECK(eval("=B9&\"x\"").string() == "x");    // blank is "" in text
    CHECK(eval("=A2+1").number() == 2);
    CHECK(eval("=\"abc\"+1").error() == Err::Value);
    CHECK(eval("=1/0").error() == Err::Div0);
    CHECK(eval("=-2^2").number() == 4);
    CHECK(eval("=2^3^2").number() == 64);
    CHECK(eval("=50%").number() == 0.5);
    CHECK(eval("=\"a\"=\"A\"").boolean());
    CHECK(eval("=1<\"a\"").boolean());           // numbers sort before text
    CHECK(eval("=\"z\"<TRUE").boolean());        // text before booleans
    CHECK(eval("=#N/A+1").error() == Err::NA);
    CHECK(eval("=IF(1/0,1,2)").error() == Err::Div0);
    CHECK(eval("=IF(FALSE,1/0,3)").number() == 3);  // the branch not taken is not evaluated
    CHECK(eval("=IFERROR(#REF!,7)").number() == 7);
    CHECK(eval("=IFNA(#N/A,8)").number() == 8);
    CHECK(eval("=IFNA(#DIV/0!,8)").error() == Err::Div0);
    CHECK(eval("=(A1:A2 A2:A3)").is_bool());     // intersection gives A2
    CHECK(eval("=A1:A2 B5:B6").error() == Err::Null);
}

TEST_CASE("precedents and dependents of a cell", "[calc][graph]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.set_formula(s, at("C1"), "=A1+SUM(B1:B3)");
    wb.set_formula(s, at("D1"), "=C1*2");
    wb.set_formula(s, at("E1"), "=SUM(B2:B9)");
    Calculator calc(wb);
    calc.recalc_full();
    auto pre = calc.precedents({s, at("C1")});
    CHECK(pre.size() == 2);
    auto dep = calc.dependents({s, at("B2")});
    CHECK(dep.size() == 2);  // C1 and E1 through their ranges
    auto dep2 = calc.dependents({s, at("C1")});
    REQUIRE(dep2.size() == 1);
    CHECK(dep2[0].cell == at("D1"));
}

TEST_CASE("a group that only passes a reference on is not circular", "[calc][cycle]") {
    // The graph sees B40 -> B40, but CHOOSE returns its second value without reading B40
    // (Excel: "Not a cycle"); a real cycle next to it is still reported.
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    wb.set_formula(s, at("B40"), "=CHOOSE(2,B40,\"Not a cycle\")");
    wb.set_formula(s, at("A1"), "=IF(B1>0,B1,1)");   // reads B1, which reads A1: circular
    wb.set_formula(s, at("B1"), "=A1+1");
    wb.set_formula(s, at("C1"), "=IF(FALSE,D1,5)");  // never reads D1
    wb.set_formula(s, at("D1"), "=C1*2");
    Calculator calc(wb);
    auto st = calc.recalc_full();
    CHECK(wb.get(s, at("B40")).same_as(Value::string("Not a cycle")));
    CHECK(num(wb, s, "C1") == 5);
    CHECK(num(wb, s, "D1") == 10);
    CHECK(wb.get(s, at("A1")).error() == Err::Cycle);
    CHECK(wb.get(s, at("B1")).error() == Err::Cycle);
    CHECK(st.cycles == 1);
    REQUIRE(calc.cycles().size() == 1);
    CHECK(calc.cycles()[0].cells.size() == 2);
    // Incremental recalc keeps the same verdicts.
    wb.set_value(s, at("E1"), Value(1.0));
    calc.recalc();
    CHECK(wb.get(s, at("B40")).same_as(Value::string("Not a cycle")));
    CHECK(calc.cycles().size() == 1);
}
