// cmd_dump.cpp — `suanpan dump IN.xlsx [--sheet NAME] [--formulas] [--csv]`: the cells of a
// workbook as loaded (cached values; --recalc to recompute first). Default output lists
// one non-empty cell per line ("A1<TAB>value"); --csv prints one sheet as a CSV grid.
#include <iostream>

#include "cli/command.h"
#include "cli/open_workbook.h"

namespace sp::cli {
namespace {

struct DumpArgs {
    std::string input, sheet;
    bool formulas = false, csv = false, recalc = false, raw = false;
    InputOptions in;
};

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void run(const DumpArgs& a) {
    OpenedWorkbook ow = open_workbook(a.input, a.in, a.recalc);
    const Workbook& wb = ow.wb();
    std::vector<SheetId> sheets;
    if (!a.sheet.empty()) sheets.push_back(sheet_arg(ow.doc, a.sheet));
    else
        for (SheetId s = 0; s < wb.sheet_count(); ++s)
            if (ow.doc.sheets[s].kind == xlsx::SheetKind::Worksheet && (!a.csv || sheets.empty())) sheets.push_back(s);
    auto text = [&](SheetId s, int32_t r, int32_t c) {
        const Sheet& sh = wb.sheet(s);
        Value v = sh.get(r, c);
        return a.raw ? to_display(v) : display(wb, v, sh.style_at(r, c));
    };
    for (SheetId s : sheets) {
        const Sheet& sh = wb.sheet(s);
        auto used = sh.used_range();
        if (a.csv) {
            if (!used) continue;
            for (int32_t r = 0; r <= used->r2; ++r) {  // from A1, as spreadsheet programs export
                for (int32_t c = 0; c <= used->c2; ++c) {
                    if (c) std::cout << ",";
                    std::string f = a.formulas ? wb.formula_text(s, {r, c}) : "";
                    std::cout << csv_field(f.empty() ? text(s, r, c) : f);
                }
                std::cout << "\n";
            }
            continue;
        }
        std::cout << "== " << sh.name();
        if (used) std::cout << " (" << range_text(*used) << ")";
        std::cout << "\n";
        if (!used) continue;
        for (int32_t r = used->r1; r <= used->r2; ++r)
            for (int32_t c = used->c1; c <= used->c2; ++c) {
                std::string f = a.formulas ? wb.formula_text(s, {r, c}) : "";
                CellView v = sh.view(r, c);
                if (v.type == Type::Empty && f.empty()) continue;
                std::cout << cell_text({r, c}) << "\t";
                if (!f.empty()) std::cout << f << "\t";
                std::cout << text(s, r, c) << "\n";
            }
    }
}

Registration reg("dump", "Print the cells of a workbook (cached values unless --recalc)", [](CLI::App& sub) {
    auto a = std::make_shared<DumpArgs>();
    sub.add_option("input", a->input, "Workbook")->required();
    sub.add_option("--sheet", a->sheet, "Only this sheet (default: every worksheet; with --csv the first)");
    sub.add_flag("--formulas", a->formulas, "Show formulas (before the value; in CSV instead of it)");
    sub.add_flag("--csv", a->csv, "One sheet as CSV, from A1 to the last used cell");
    sub.add_flag("--raw", a->raw, "Numbers as stored (no date or percent display)");
    sub.add_flag("--recalc", a->recalc, "Recalculate before printing");
    add_input_options(sub, a->in);
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
