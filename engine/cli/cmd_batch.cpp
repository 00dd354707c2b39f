// cmd_batch.cpp — `suanpan batch DIR_OR_FILES… --out OUTDIR [-j N] [--rules DIR]…
// [--write-recalculated] [--shard I/N]`: recalculate and check many workbooks in parallel
// and write OUTDIR/report.html, report.json and report.xlsx. Exit 1 when any workbook
// failed an error-severity check or could not be read (docs/batch.md, docs/cli.md).
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "batch/batch.h"
#include "batch/inputs.h"
#include "batch/progress.h"
#include "batch/report_batch.h"
#include "check/report_text.h"
#include "cli/command.h"
#include "lua/plugins.h"
#include "xlsx/error.h"

namespace sp::cli {
namespace {

struct BatchArgs {
    std::vector<std::string> inputs, rules_dirs;
    std::string out, shard = "1/1", progress = "auto";
    unsigned jobs = 0;
    bool write_recalculated = false, quiet = false;
    uint64_t max_inflated = 0;
};

// The shipped plugins, --plugins, SUANPAN_PLUGIN_PATH and --rules, loaded once for every worker.
std::shared_ptr<lua::PluginSet> load_plugins(const std::vector<std::string>& rules_dirs) {
    const GlobalOptions& g = global_options();
    auto set = g.no_plugins ? std::make_shared<lua::PluginSet>() : lua::PluginSet::load_default(g.plugin_dirs);
    for (const auto& d : rules_dirs) {
        std::error_code ec;
        if (std::filesystem::is_directory(d, ec)) set->add_dir(d);
        else if (std::filesystem::is_regular_file(d, ec)) set->add_file(d);
        else throw Exit(kBadInput, "--rules: no such folder or file: " + d);
    }
    for (const auto& d : set->diagnostics()) std::cerr << "suanpan: plugin error: " << d.text() << "\n";
    return set;
}

void run(const BatchArgs& a) {
    auto shard = batch::parse_shard(a.shard);
    if (!shard) throw Exit(kUsage, "--shard: expected I/N with 1 <= I <= N, got " + a.shard);
    std::vector<std::string> missing;
    auto all = batch::collect_inputs(a.inputs, &missing);
    if (!missing.empty()) throw Exit(kBadInput, "no such file or folder: " + missing.front());
    if (all.empty()) throw Exit(kBadInput, "no workbooks (*.xlsx, *.xlsm) found in the inputs");
    auto inputs = batch::select_shard(all, *shard);

    auto plugins = load_plugins(a.rules_dirs);
    // Each workbook allocates and frees a few MB: without this glibc hands the memory back to the
    // kernel after every file (brk/munmap and TLB flushes were ~8 % of a batch's time).
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    batch::BatchOptions opt;
    opt.jobs = a.jobs;
    if (a.max_inflated) opt.limits.max_entry = opt.limits.max_total = a.max_inflated;
    if (a.write_recalculated) opt.recalculated_dir = (std::filesystem::path(a.out) / "recalculated").string();
    bool bar = a.progress == "always" || (a.progress == "auto" && !a.quiet && ::isatty(1));
    batch::Progress progress(stdout, bar);
    opt.on_progress = [&](size_t done, size_t total) { progress.update(done, total); };

    batch::BatchResult res = batch::run_batch(inputs, plugins, plugins->rules(), opt);
    progress.finish();

    batch::BatchMeta meta;
    meta.generated = batch::now_text();
    meta.rules = plugins->rules().size();
    meta.shards.push_back({shard->text(), res.stats.workbooks, res.stats.jobs, res.stats.seconds, meta.generated,
                           batch::host_name()});
    batch::ReportPaths paths;
    try {
        paths = batch::write_batch_reports(a.out, res.reports, meta);
    } catch (const std::exception& e) {
        throw Exit(kOutputError, e.what());
    }

    size_t n[5] = {};
    for (const auto& r : res.reports) ++n[size_t(r.status)];
    if (!a.quiet) {
        size_t listed = 0;
        for (const auto& r : res.reports) {
            if (r.status != check::Status::Failed && r.status != check::Status::Unreadable) continue;
            if (++listed > 20) continue;
            std::cout << check::status_label(r.status) << "\t" << r.path << "\t"
                      << (r.status == check::Status::Unreadable ? r.error
                                                                : std::to_string(r.count(check::Severity::Error)) + " 项错误")
                      << "\n";
        }
        if (listed > 20) std::cout << "… 另有 " << (listed - 20) << " 个，见报告\n";
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.2f s, %.1f workbooks/s, -j %u", res.stats.seconds,
                      res.stats.seconds > 0 ? double(res.stats.workbooks) / res.stats.seconds : 0.0, res.stats.jobs);
        std::cout << res.stats.workbooks << " workbooks" << (shard->count > 1 ? " (shard " + shard->text() + ")" : "")
                  << ": " << n[size_t(check::Status::Passed)] + n[size_t(check::Status::Info)] << " passed, "
                  << n[size_t(check::Status::Warnings)] << " with warnings, " << n[size_t(check::Status::Failed)]
                  << " failed, " << n[size_t(check::Status::Unreadable)] << " unreadable (" << rate << ")\n"
                  << "report: " << paths.html << "\n        " << paths.json << "\n        " << paths.xlsx << "\n";
        if (!opt.recalculated_dir.empty()) std::cout << "recalculated workbooks: " << opt.recalculated_dir << "\n";
    }
    for (const auto& e : res.write_errors) std::cerr << "suanpan: cannot write " << e << "\n";
    if (!res.write_errors.empty())
        throw Exit(kOutputError, std::to_string(res.write_errors.size()) + " recalculated workbook(s) could not be written");
    if (batch::any_failed(res.reports)) throw Exit(kCheckFailed, "");
}

Registration reg("batch", "Recalculate and check many workbooks in parallel; write report.html/json/xlsx", [](CLI::App& sub) {
    auto a = std::make_shared<BatchArgs>();
    sub.add_option("inputs", a->inputs, "Workbooks and folders (searched recursively for *.xlsx, *.xlsm)")->required();
    sub.add_option("--out", a->out, "Folder for report.html, report.json, report.xlsx (created)")->required()->type_name("OUTDIR");
    sub.add_option("-j,--jobs", a->jobs, "Worker threads (default: one per core)")->type_name("N");
    sub.add_option("--rules", a->rules_dirs, "Extra folder (or file) of Lua checks (repeatable)")->type_name("DIR");
    sub.add_flag("--write-recalculated", a->write_recalculated,
                 "Also write every readable workbook, recalculated, to OUTDIR/recalculated/");
    sub.add_option("--shard", a->shard, "Check only share I of N of the sorted inputs (see docs/batch.md)")->type_name("I/N");
    sub.add_option("--progress", a->progress, "Progress bar: auto (when stdout is a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub.add_flag("-q,--quiet", a->quiet, "Print nothing on success (the exit code and the reports say it all)");
    sub.add_option("--max-inflated", a->max_inflated, "Refuse a package whose parts inflate to more than BYTES")
        ->type_name("BYTES");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
