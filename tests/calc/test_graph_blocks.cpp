// test_graph_blocks.cpp — the dependency graph collected in several blocks of formulas (one
// per core on large workbooks) is the graph of one pass: same vertices, edges, evaluation
// order, cycles, volatile cells and dependents, whatever the blocks see of each other
// (ranges used first in a later block or shared by all, reads of early rows from late ones).
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "calc/graph.h"
#include "cells.h"

using namespace sp;
using sp::test::at;
using sp::test::num;

namespace {

std::string row(int r) { return std::to_string(r + 1); }

// n rows of formulas with the kinds of precedent the blocks join.
void fill(Workbook& wb, SheetId s, int n) {
    wb.add_name({"Base", kNoSheet, "S!$A$2"});
    for (int r = 0; r < n; ++r) {
        wb.set_value(s, {r, 0}, Value(double(r % 7)));
        wb.set_formula(s, {r, 1}, "=A" + row(r) + "*2");                          // a constant cell
        wb.set_formula(s, {r, 2}, "=B" + row(r) + "+SUM($A$1:$A$10)");           // a range every block uses
        wb.set_formula(s, {r, 3}, "=SUM(A" + row(r) + ":B" + row(r) + ")");      // a range holding a formula
        if (r >= 2 * n / 3)                                                       // late rows read the first ones
            wb.set_formula(s, {r, 4}, "=$A$1+SUM($B$1:$B$5)+Base+C" + row(r - n / 2));
    }
    wb.set_formula(s, at("F10"), "=G10+1");  // a cycle inside the first block
    wb.set_formula(s, at("G10"), "=F10");
    wb.set_formula(s, at("H5"), "=H" + row(n - 5));  // a cycle across blocks
    wb.set_formula(s, {n - 5, 7}, "=H5*2");
    wb.set_formula(s, {n - 3, 8}, "=NOW()*0+D" + row(1));  // volatile, late
}

}  // namespace

TEST_CASE("a graph collected in blocks is the graph of one pass", "[calc][graph]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    const int n = 3000;
    fill(wb, s, n);
    calc::DependencyGraph one, many;
    one.build(wb, 1);
    for (unsigned blocks : {2u, 3u, 7u}) {
        INFO(blocks << " blocks");
        many.build(wb, blocks);
        CHECK(many.vertex_count() == one.vertex_count());
        CHECK(many.edge_count() == one.edge_count());
        CHECK(many.order() == one.order());
        CHECK(many.cycles() == one.cycles());
        CHECK(many.volatile_formulas() == one.volatile_formulas());
        for (uint32_t f = 0; f < wb.formulas().size(); ++f) {
            std::vector<uint32_t> a, b;
            one.formula_dependents(f, a);
            many.formula_dependents(f, b);
            if (a != b) FAIL("dependents of formula " << f << " differ");
        }
        for (const char* cell : {"A1", "A2", "A5", "A10", "A11", "A1500", "A3000", "B3", "B2999"}) {
            std::vector<uint32_t> a, b;
            one.cell_dependents({s, at(cell)}, a);
            many.cell_dependents({s, at(cell)}, b);
            INFO(cell);
            CHECK(a == b);
            CHECK(!a.empty());
        }
    }
    CHECK(one.cycles().size() == 2);
    CHECK(one.volatile_formulas().size() == 1);
}

TEST_CASE("recalculation over a block-collected graph gives each cell its value", "[calc][graph]") {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    const int n = 120000;  // two blocks and more on a machine of two cores
    fill(wb, s, n);
    Calculator calc(wb);
    calc.recalc_full();
    double sum10 = 0;
    for (int r = 0; r < 10; ++r) sum10 += r % 7;
    for (int r : {0, 1, 9, 50000, 60000, 80000, 119999}) {
        double a = r % 7;
        INFO("row " << r + 1);
        CHECK(wb.get(s, {r, 1}).number() == a * 2);
        CHECK(wb.get(s, {r, 2}).number() == a * 2 + sum10);
        CHECK(wb.get(s, {r, 3}).number() == a * 3);
        if (r >= 2 * n / 3) {
            int q = r - n / 2;
            double b15 = 0;
            for (int k = 0; k < 5; ++k) b15 += (k % 7) * 2;
            CHECK(wb.get(s, {r, 4}).number() == 0 + b15 + 1 + ((q % 7) * 2 + sum10));
        }
    }
    CHECK(wb.get(s, at("F10")).error() == Err::Cycle);
    CHECK(calc.cycles().size() == 2);
    // An edit of A1 reaches every late row through the range and the cell use.
    wb.set_value(s, at("A1"), Value(100.0));
    calc.recalc();
    CHECK(wb.get(s, {n - 1, 4}).number() == 100 + 2 * 100 + 2 + 4 + 6 + 8 + 1 + ((n - 1 - n / 2) % 7) * 2 + sum10 + 100);
    CHECK(num(wb, s, "C1") == 200 + sum10 + 100);
}
