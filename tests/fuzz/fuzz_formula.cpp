// fuzz_formula.cpp — libFuzzer target: formula text through the lexer, parser, printer,
// compiler and evaluator. Each input is one formula, written into a small workbook next to
// numbers, text, an error and a range, recalculated, and evaluated once more on its own.
// Whatever parses must also print and re-parse to the same text (the printer's contract).
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include "calc/calculator.h"
#include "formula/parser.h"

using namespace sp;

namespace {

void require(bool ok, const char* what, std::string_view text) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_formula: %s: %.*s\n", what, int(text.size()), text.data());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;  // formulas are short; long inputs only slow the search down
    std::string_view text(reinterpret_cast<const char*>(data), size);

    // Parser and printer: a parsed formula prints and re-parses stably.
    CellAddr anchor{4, 2};  // C5
    auto r = formula::parse(text, anchor);
    if (r) {
        std::string a1 = formula::print_a1(*r.ast, anchor);
        auto again = formula::parse(a1, anchor);
        require(bool(again), "printed formula does not re-parse", text);
        require(formula::print_a1(*again.ast, anchor) == a1, "print/parse not stable", text);
        (void)formula::print_r1c1(*r.ast);
    } else {
        require(r.error.pos <= text.size(), "error position beyond the text", text);
    }

    // Compiler and evaluator, inside a workbook: the formula in C5 and in a second sheet,
    // referring to numbers, text, booleans, an error and a small table.
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    SheetId t = wb.add_sheet("收入");
    for (int i = 0; i < 4; ++i) {
        wb.set_value(s, CellAddr{i, 0}, Value(double(i * 3 - 2) / 2));         // A1:A4
        wb.set_value(s, CellAddr{i, 1}, Value::string(i % 2 ? "x" : "12.5"));  // B1:B4
    }
    wb.set_value(s, CellAddr{0, 3}, Value::boolean(true));   // D1
    wb.set_value(s, CellAddr{1, 3}, Value::error(Err::NA));  // D2
    wb.set_value(s, CellAddr{2, 3}, Value(45000.0));         // D3 (a date serial)
    wb.set_value(t, CellAddr{0, 0}, Value(100.0));
    wb.set_formula(t, CellAddr{1, 0}, "SUM(S!A1:A4)*2");
    if (r) {
        wb.set_formula(s, anchor, std::string(text));
        wb.set_formula(s, CellAddr{5, 2}, "C5+1");        // a dependent
        wb.set_formula(t, CellAddr{2, 0}, std::string(text));
    }
    Calculator calc(wb);
    calc.set_now(46000.5);  // deterministic NOW()/TODAY()/RAND-free runs
    calc.recalc_full();
    (void)calc.evaluate(text, s, CellAddr{9, 9});
    return 0;
}
