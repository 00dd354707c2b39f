// cmd_consolidate.cpp — `suanpan consolidate INPUTS… --template T -o 汇总.xlsx`: adds the
// units' copies of a template into one workbook (汇总), formulas recomputed on the sums,
// with a sheet 汇总说明 listing the units included and left out (docs/batch.md).
#include <filesystem>
#include <iostream>

#include "batch/consolidate.h"
#include "batch/inputs.h"
#include "cli/command.h"
#include "core/messages.h"
#include "lua/plugins.h"
#include "xlsx/error.h"

namespace sp::cli {
namespace {

struct ConsolidateArgs {
    std::vector<std::string> inputs, keep;
    std::string template_path, out, layout;
    bool no_layout = false, require_all = false, quiet = false;
    uint64_t max_inflated = 0;
};

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::equivalent(a, b, ec);
}

void run(const ConsolidateArgs& a) {
    std::vector<std::string> missing;
    auto found = batch::collect_inputs(a.inputs, &missing);
    if (!missing.empty()) throw Exit(kBadInput, msg::text("cli.no_such_path", {missing.front()}));
    std::vector<std::string> inputs;
    for (const auto& in : found) {
        if (same_file(in.path, a.out)) throw Exit(kUsage, msg::text("cli.out_is_input", {a.out}));
        inputs.push_back(in.path);
    }
    if (inputs.empty()) throw Exit(kBadInput, msg::text("cli.no_workbooks"));
    if (same_file(a.template_path, a.out)) throw Exit(kUsage, msg::text("cli.out_is_template", {a.out}));

    const GlobalOptions& g = global_options();
    auto plugins = g.no_plugins ? std::make_shared<lua::PluginSet>() : lua::PluginSet::load_default(g.plugin_dirs);
    for (const auto& d : plugins->diagnostics()) std::cerr << "suanpan: " << msg::text("cli.plugin_error", {d.text()}) << "\n";

    batch::ConsolidateOptions opt;
    opt.layout = a.layout;
    opt.use_layout = !a.no_layout;
    opt.keep = a.keep;
    opt.require_all = a.require_all;
    if (a.max_inflated) opt.limits.max_entry = opt.limits.max_total = a.max_inflated;
    batch::ConsolidateResult res;
    try {
        res = batch::consolidate(inputs, a.template_path, a.out, plugins, opt);
    } catch (const xlsx::OutputError& e) {
        throw Exit(kOutputError, user_text(e));
    } catch (const std::invalid_argument& e) {
        throw Exit(kUsage, user_text(e));
    } catch (const std::exception& e) {
        throw Exit(kBadInput, user_text(e));
    }
    for (const auto& n : res.notes) std::cerr << "suanpan: " << msg::text("cli.note", {n}) << "\n";
    if (!res.conflicts.empty())
        std::cerr << "suanpan: "
                  << msg::text("cli.consolidate_conflicts", {std::to_string(res.conflicts.size()), res.conflicts.front()})
                  << "\n";
    if (res.cells_not_written)
        std::cerr << "suanpan: " << msg::text("cli.consolidate_unwritten", {std::to_string(res.cells_not_written)})
                  << "\n";
    if (a.quiet) return;
    for (const auto& u : res.units) {
        std::cout << (u.included ? "已汇总" : "未汇总") << "\t" << u.path << "\t" << (u.unit.empty() ? "-" : u.unit);
        if (!u.included) std::cout << "\t" << u.reason;
        std::cout << "\n";
        for (const auto& n : u.notes) std::cout << "\t" << n << "\n";
    }
    std::cout << msg::text("cli.consolidated",
                           {std::to_string(res.included), std::to_string(res.units.size()), a.out,
                            std::to_string(res.cells_summed),
                            res.layout_used.empty() ? msg::text("cli.consolidated_no_layout")
                                                    : msg::text("cli.consolidated_layout", {res.layout_used})})
              << "\n";
}

Registration reg("consolidate", "Add many units' copies of a template into one workbook (汇总)", [](CLI::App& sub) {
    auto a = std::make_shared<ConsolidateArgs>();
    sub.add_option("inputs", a->inputs, "Units' workbooks and folders (searched recursively)")->required();
    sub.add_option("--template", a->template_path, "The template the units filled in (.xlsx)")->required()->type_name("T");
    sub.add_option("-o,--output", a->out, "The consolidated workbook to write")->required()->type_name("OUT.xlsx");
    sub.add_option("--layout", a->layout, "layout.json saying which cells are summed (default: T.layout.json if present)")
        ->type_name("FILE");
    sub.add_flag("--no-layout", a->no_layout, "Ignore any layout: sum every constant cell");
    sub.add_option("--keep", a->keep, "Cells never summed, e.g. \"'收入支出决算总表'!D3\" (repeatable)")->type_name("RANGE");
    sub.add_flag("--require-all", a->require_all, "Fail (exit 3, no output) when any unit does not match the template");
    sub.add_flag("-q,--quiet", a->quiet, "Print only warnings");
    sub.add_option("--max-inflated", a->max_inflated, "Refuse a package whose parts inflate to more than BYTES")
        ->type_name("BYTES");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
