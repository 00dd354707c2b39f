// test_program_cache.cpp — compiled formulas shared across workbooks of one thread: only within
// the same compile context (sheets, names, registry), with the same results and diagnostics as
// compiling each workbook alone.
#include <catch2/catch.hpp>

#include <memory>

#include "../calc/cells.h"
#include "formula/program.h"
#include "model/program_cache.h"

using namespace sp;
using sp::test::at;
using sp::test::num;

namespace {

// Sheets 收入 and 支出 (in that order unless swapped); 收入!B1 = A1 * 2, 支出!B1 = 收入!A1 + A1.
std::unique_ptr<Workbook> book(double income, double spending, bool swapped = false) {
    auto wb = std::make_unique<Workbook>();
    SheetId in = swapped ? 1 : 0, out = swapped ? 0 : 1;
    if (swapped) {
        wb->add_sheet("支出");
        wb->add_sheet("收入");
    } else {
        wb->add_sheet("收入");
        wb->add_sheet("支出");
    }
    wb->set_value(in, at("A1"), Value(income));
    wb->set_value(out, at("A1"), Value(spending));
    REQUIRE(wb->set_formula(in, at("B1"), "=A1*2"));
    REQUIRE(wb->set_formula(out, at("B1"), "=收入!A1+A1"));
    return wb;
}

const formula::Program* program_at(const Workbook& wb, SheetId s, const char* a1) {
    CellAddr c = at(a1);
    uint32_t f = wb.sheet(s).formula_at(c.row, c.col);
    REQUIRE(f != kNoFormula);
    return &wb.program(wb.formula(f).program);
}

size_t warnings_about(const Workbook& wb, const std::string& text) {
    size_t n = 0;
    for (const auto& d : wb.diagnostics()) n += d.message.find(text) != std::string::npos;
    return n;
}

}  // namespace

TEST_CASE("workbooks of one context share compiled formulas and compute their own values", "[model][program_cache]") {
    ProgramCache cache;
    ProgramCache::Use use(cache);
    auto a = book(10, 1), b = book(20, 2);
    CHECK(program_at(*a, 0, "B1") == program_at(*b, 0, "B1"));
    CHECK(program_at(*a, 1, "B1") == program_at(*b, 1, "B1"));
    CHECK(cache.size() == 2);
    Calculator(*a).recalc_full();
    Calculator(*b).recalc_full();
    CHECK(num(*a, 0, "B1") == 20);
    CHECK(num(*b, 0, "B1") == 40);
    CHECK(num(*a, 1, "B1") == 11);
    CHECK(num(*b, 1, "B1") == 22);
    a.reset();  // the other workbook keeps the programs it shares
    Calculator(*b).recalc_full();
    CHECK(num(*b, 1, "B1") == 22);
}

TEST_CASE("another sheet order is another context: references keep their own sheet", "[model][program_cache]") {
    ProgramCache cache;
    ProgramCache::Use use(cache);
    auto a = book(10, 1), b = book(20, 2, true);
    CHECK(program_at(*a, 1, "B1") != program_at(*b, 0, "B1"));
    Calculator(*b).recalc_full();
    CHECK(num(*b, 0, "B1") == 22);  // 收入 is sheet 1 there
    CHECK(num(*b, 1, "B1") == 40);
}

TEST_CASE("no cache in use: every workbook compiles its own", "[model][program_cache]") {
    auto a = book(10, 1), b = book(20, 2);
    CHECK(program_at(*a, 0, "B1") != program_at(*b, 0, "B1"));
    ProgramCache cache;
    {
        ProgramCache::Use use(cache);
        auto c = book(1, 1);
    }
    CHECK(ProgramCache::current() == nullptr);
    auto d = book(1, 1);
    CHECK(cache.size() == 2);
}

TEST_CASE("a cached formula gives the same diagnostics as compiling it", "[model][program_cache]") {
    ProgramCache cache;
    ProgramCache::Use use(cache);
    for (int k = 0; k < 2; ++k) {
        Workbook wb;
        wb.add_sheet("S");
        REQUIRE(wb.set_formula(0, at("A1"), "=NOSUCHFN(1)+1"));
        REQUIRE(wb.set_formula(0, at("A2"), "=NOSUCHFN(1)+1"));  // same shape: one program, one warning
        CHECK(warnings_about(wb, "unknown function NOSUCHFN") == 1);
        CHECK_FALSE(wb.set_formula(0, at("A3"), "=CELL(\"filename\")"));
        CHECK(warnings_about(wb, "CELL(\"filename\")") == 1);
        CHECK(wb.get(0, at("A3")).is_error());
    }
}

TEST_CASE("a defined name is part of the context", "[model][program_cache]") {
    ProgramCache cache;
    ProgramCache::Use use(cache);
    Workbook named;
    named.add_sheet("S");
    named.add_name({"RATE", kNoSheet, "S!$A$1"});
    named.set_value(0, at("A1"), Value(0.5));
    REQUIRE(named.set_formula(0, at("B1"), "=RATE*4"));
    Workbook bare;
    bare.add_sheet("S");
    REQUIRE(bare.set_formula(0, at("B1"), "=RATE*4"));
    CHECK(program_at(named, 0, "B1") != program_at(bare, 0, "B1"));
    Calculator(named).recalc_full();
    CHECK(num(named, 0, "B1") == 2);
    // A workbook-scoped name shadows an unknown function: no warning there, one where it is missing.
    named.add_name({"FOO", kNoSheet, "S!$A$1"});
    REQUIRE(named.set_formula(0, at("C1"), "=FOO(1)"));
    REQUIRE(bare.set_formula(0, at("C1"), "=FOO(1)"));
    CHECK(warnings_about(named, "unknown function FOO") == 0);
    CHECK(warnings_about(bare, "unknown function FOO") == 1);
}
