// cmd_eval.cpp — `suanpan eval IN.xlsx "=SUM('收入支出决算总表'!C5:C9)"`: evaluates a formula
// against the recalculated workbook, as if written in A1 of --sheet (default: the first).
#include <functional>
#include <iostream>

#include "cli/command.h"
#include "core/messages.h"
#include "cli/open_workbook.h"
#include "formula/parser.h"

namespace sp::cli {
namespace {

struct EvalArgs {
    std::string input, formula, sheet, at = "A1";
    bool no_recalc = false;
    InputOptions in;
};

// Sheet names the formula mentions that the workbook does not have.
void check_sheets(const xlsx::Document& doc, const formula::Node& n) {
    if ((n.kind == formula::NodeKind::Ref || n.kind == formula::NodeKind::Name) && n.ref.has_sheet && n.ref.book.empty()) {
        sheet_arg(doc, n.ref.sheet);
        if (!n.ref.sheet2.empty()) sheet_arg(doc, n.ref.sheet2);
    }
    for (const auto& c : n.children) check_sheets(doc, c);
}

void run(const EvalArgs& a) {
    OpenedWorkbook ow = open_workbook(a.input, a.in, !a.no_recalc);
    SheetId sheet = a.sheet.empty() ? 0 : sheet_arg(ow.doc, a.sheet);
    SheetRange at = range_arg(ow.doc, a.at, sheet);
    CellAddr anchor{at.range.r1, at.range.c1};
    auto parsed = formula::parse(a.formula, anchor);
    if (!parsed)
        throw Exit(kBadInput, msg::text("cli.formula_parse", {std::to_string(parsed.error.pos), parsed.error.message}));
    check_sheets(ow.doc, *parsed.ast);
    Value v = ow.calc->evaluate(a.formula, at.sheet, anchor);
    if (v.is_array()) {
        const Array& arr = v.array();
        for (uint32_t r = 0; r < arr.rows(); ++r) {
            for (uint32_t c = 0; c < arr.cols(); ++c) std::cout << (c ? "\t" : "") << to_display(arr.at(r, c));
            std::cout << "\n";
        }
        return;
    }
    std::cout << to_display(v) << "\n";
}

Registration reg("eval", "Evaluate a formula against a workbook (after recalculation)", [](CLI::App& sub) {
    auto a = std::make_shared<EvalArgs>();
    sub.add_option("input", a->input, "Workbook")->required();
    sub.add_option("formula", a->formula, "Formula, e.g. \"=SUM('收入支出决算总表'!C5:C9)\"")->required();
    sub.add_option("--sheet", a->sheet, "Sheet the formula is written in (default: the first)");
    sub.add_option("--at", a->at, "Cell the formula is written in, for relative references (default: A1)");
    sub.add_flag("--no-recalc", a->no_recalc, "Use the cached values as found in the file");
    add_input_options(sub, a->in);
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
