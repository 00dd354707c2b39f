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
        throw Exit(kOutputError, e.what());
    } catch (const std::invalid_argument& e) {
        throw Exit(kUsage, e.what());
    } catch (const std::exception& e) {
        throw Exit(kBadInput, e.what());
    }
    for (const auto& n : res.notes) std::cerr << "suanpan: note: " << n << "\n";
    if (!res.conflicts.empty())
        std::cerr << "suanpan: note: " << res.conflicts.size()
                  << " constant cell(s) differ between units and were left empty (listed in 汇总说明), e.g. "
                  << res.conflicts.front() << "\n";
    if (res.cells_not_written)
        std::cerr << "suanpan: warning: " << res.cells_not_written
                  << " summed cell(s) have no <c> element in the template and could not be written\n";
    if (a.quiet) return;
    for (const auto& u : res.units) {
        std::cout << (u.included ? "已汇总" : "未汇总") << "\t" << u.path << "\t" << (u.unit.empty() ? "-" : u.unit);
        if (!u.included) std::cout << "\t" << u.reason;
        std::cout << "\n";
        for (const auto& n : u.notes) std::cout << "\t" << n << "\n";
    }
    std::cout << res.included << " of " << res.units.size() << " units consolidated into " << a.out << " ("
              << res.cells_summed << " cells summed; "
              << (res.layout_used.empty() ? std::string("no layout: every constant cell summed")
                                          : "layout " + res.layout_used)
              << ")\n";
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
