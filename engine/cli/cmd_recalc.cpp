// cmd_recalc.cpp — `suanpan recalc IN.xlsx -o OUT.xlsx`: load, recalculate every formula,
// write the package back with the new values patched in (see docs/cli.md).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/messages.h"
#include "cli/open_workbook.h"
#include "cli/udf_mode.h"

namespace sp::cli {
namespace {

struct RecalcArgs {
    std::string input, output;
    bool in_place = false, diff = false, full_calc_on_load = false, json = false;
    std::string udf = "keep";
    InputOptions in;
};

nlohmann::json to_json(const Value& v) {
    switch (v.type()) {
        case Type::Number: return v.number();
        case Type::String: return std::string(v.string());
        case Type::Bool: return v.boolean();
        case Type::Error: return std::string(error_text(v.error()));
        default: return nullptr;
    }
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::equivalent(a, b, ec);
}

// The loaded workbook is left to the process's exit once the output is written and closed:
// freeing a model of a million formula cells piece by piece is a few percent of the whole
// run, and the kernel takes the pages back at once. The calculator and the Lua state are
// closed as before. (Reachable from here, so not a leak to LeakSanitizer.)
void leave_to_exit(std::unique_ptr<OpenedWorkbook> ow) {
    ow->calc.reset();
    ow->runtime.reset();
    static auto* kept = new std::unique_ptr<OpenedWorkbook>;
    *kept = std::move(ow);
}

void run(const RecalcArgs& a) {
    if (a.in_place == !a.output.empty())
        throw Exit(kUsage, msg::text("cli.recalc_out"));
    std::string out = a.in_place ? a.input : a.output;
    if (!a.in_place && same_file(a.input, out))
        throw Exit(kUsage, msg::text("cli.refuse_overwrite", {a.input}));

    UdfMode udf = parse_udf_mode(a.udf);
    auto t0 = std::chrono::steady_clock::now();
    auto opened = std::make_unique<OpenedWorkbook>(open_workbook(a.input, a.in, true, a.diff || a.json));
    OpenedWorkbook& ow = *opened;
    double load = ow.doc.stats.seconds;
    xlsx::WriteOptions wo;
    wo.full_calc_on_load = a.full_calc_on_load;
    add_udf_overrides(ow.wb(), udf, wo);
    ow.calc->release_graph();
    xlsx::WriteStats ws;
    try {
        ws = xlsx::write_patched(ow.doc, out, wo);
    } catch (const xlsx::OutputError& e) {
        throw Exit(kOutputError, user_text(e));
    } catch (const xlsx::Error& e) {
        throw Exit(kBadInput, user_text(e));
    }
    double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Workbook& wb = ow.wb();
    const auto& changes = ow.calc->changes();
    const auto& cycles = ow.calc->cycles();

    if (a.json) {
        nlohmann::json j;
        j["file"] = a.input;
        j["output"] = out;
        j["sheets"] = wb.sheet_count();
        j["cells"] = ow.doc.stats.cells;
        j["formulas"] = ow.doc.stats.formulas;
        j["evaluated"] = ow.recalc.evaluated;
        j["cells_rewritten"] = ws.cells_rewritten;
        j["cycles"] = cycles.size();
        j["seconds"] = {{"load", load}, {"recalc", ow.recalc.seconds}, {"save", ws.seconds}, {"total", total}};
        auto& ch = j["changed"] = nlohmann::json::array();
        for (const auto& c : changes)
            ch.push_back({{"cell", wb.where(c.cell.sheet, c.cell.cell)}, {"cached", to_json(c.before)}, {"computed", to_json(c.after)}});
        auto& dg = j["diagnostics"] = nlohmann::json::array();
        for (const auto& d : wb.diagnostics())
            dg.push_back({{"where", ow.doc.where(d)}, {"message", d.message},
                          {"level", d.level == Diagnostic::Level::Error ? "error" : d.level == Diagnostic::Level::Warning ? "warning" : "info"}});
        std::cout << j.dump(2) << "\n";
        leave_to_exit(std::move(opened));
        return;
    }
    if (a.diff)
        for (const auto& c : changes)
            std::cout << wb.where(c.cell.sheet, c.cell.cell) << ": " << to_display(c.before) << " -> " << to_display(c.after) << "\n";
    char load_s[32], recalc_s[32], save_s[32];
    std::snprintf(load_s, sizeof load_s, "%.3f", load);
    std::snprintf(recalc_s, sizeof recalc_s, "%.3f", ow.recalc.seconds);
    std::snprintf(save_s, sizeof save_s, "%.3f", ws.seconds);
    std::cout << msg::text("cli.recalc_summary",
                           {a.input, std::to_string(wb.sheet_count()), std::to_string(ow.doc.stats.cells),
                            std::to_string(ow.doc.stats.formulas), std::to_string(ws.cells_rewritten),
                            cycles.empty() ? "" : msg::text("cli.recalc_cycles", {std::to_string(cycles.size())}),
                            load_s, recalc_s, save_s, out})
              << "\n";
    leave_to_exit(std::move(opened));
}

Registration reg("recalc", "Recalculate every formula of an xlsx and write it back (values patched in place)",
                 [](CLI::App& sub) {
                     auto a = std::make_shared<RecalcArgs>();
                     sub.add_option("input", a->input, "Workbook to recalculate")->required();
                     sub.add_option("-o,--output", a->output, "Where to write the result");
                     sub.add_flag("--in-place", a->in_place, "Replace the input file (written to a temporary file, then renamed)");
                     sub.add_flag("--diff", a->diff, "List every formula cell whose recomputed value differs from the cached one");
                     sub.add_flag("--full-calc-on-load", a->full_calc_on_load, "Ask Excel to recalculate everything when it opens the file");
                     sub.add_option("--udf", a->udf,
                                    "Plugin calls in the output: keep (call + cached value, default), excel (the "
                                    "plugin's Excel form), freeze (value only)");
                     sub.add_flag("--json", a->json, "Print the summary (and changed cells) as JSON");
                     add_input_options(sub, a->in, true);
                     sub.callback([a] { run(*a); });
                 });

}  // namespace
}  // namespace sp::cli
