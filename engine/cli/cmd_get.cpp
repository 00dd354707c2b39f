// cmd_get.cpp — `suanpan get IN.xlsx 'Sheet!C5' …`: values of cells or ranges after a full
// recalculation (ranges print as tab-separated rows).
#include <iostream>

#include "cli/command.h"
#include "cli/open_workbook.h"
#include "formula/functions/cell_display.h"

namespace sp::cli {
namespace {

struct GetArgs {
    std::string input, sheet;
    std::vector<std::string> refs;
    bool no_recalc = false, formula = false, formatted = false;
    InputOptions in;
};

void run(const GetArgs& a) {
    OpenedWorkbook ow = open_workbook(a.input, a.in, !a.no_recalc);
    const Workbook& wb = ow.wb();
    SheetId dflt = a.sheet.empty() ? 0 : sheet_arg(ow.doc, a.sheet);
    std::vector<SheetRange> ranges;  // all resolved before printing anything
    for (const auto& r : a.refs) ranges.push_back(range_arg(ow.doc, r, dflt));
    for (const auto& sr : ranges) {
        const Sheet& sh = wb.sheet(sr.sheet);
        for (int32_t r = sr.range.r1; r <= sr.range.r2; ++r) {
            for (int32_t c = sr.range.c1; c <= sr.range.c2; ++c) {
                if (c > sr.range.c1) std::cout << "\t";
                std::string f = a.formula ? wb.formula_text(sr.sheet, {r, c}) : "";
                if (!f.empty()) std::cout << f;
                else std::cout << (a.formatted ? display_text(sh.get(r, c), wb.styles().at(sh.style_at(r, c)).number_format, wb.settings().date1904) : to_display(sh.get(r, c)));
            }
            std::cout << "\n";
        }
    }
}

Registration reg("get", "Print cell values (after recalculation)", [](CLI::App& sub) {
    auto a = std::make_shared<GetArgs>();
    sub.add_option("input", a->input, "Workbook")->required();
    sub.add_option("refs", a->refs, "Cells or ranges: 'Sheet!C5', \"'收入支出决算总表'!C5:D9\", C5 (on --sheet)")->required();
    sub.add_option("--sheet", a->sheet, "Sheet for references without one (default: the first)");
    sub.add_flag("--formula", a->formula, "Print the formula of formula cells instead of their value");
    sub.add_flag("--formatted", a->formatted, "Show each value as its cell displays it (the cell's number format, as TEXT() renders it)");
    sub.add_flag("--no-recalc", a->no_recalc, "Use the cached values as found in the file");
    add_input_options(sub, a->in);
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
