// cmd_batch.cpp — `suanpan batch DIR_OR_FILES… [--files-from FILE|-] --out OUTDIR [-j N]
// [--rules DIR]… [--write-recalculated] [--shard I/N|auto/N] [--timeout-per-workbook S]
// [--memory-per-workbook BYTES] [--resume] [--texts DIR]`: recalculate and check many workbooks in parallel,
// streaming OUTDIR/workbooks.jsonl and detail/, then report.html, report.json, report.xlsx.
// Exit 0 when the batch ran (findings are data); 2, 3, 4, 5, 130 when it could not run or
// finish (docs/batch.md, docs/cli.md).
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "batch/batch.h"
#include "batch/inputs.h"
#include "batch/progress.h"
#include "batch/report_batch.h"
#include "batch/report_stream.h"
#include "cli/command.h"
#include "core/messages.h"
#include "lua/plugins.h"
#include "narrative/batch_texts.h"
#include "xlsx/error.h"

namespace sp::cli {
namespace {

constexpr int kInterrupted = 130;  // 128 + SIGINT, as shells report it

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int sig) {
    g_stop.store(true);
    std::signal(sig, SIG_DFL);  // a second Ctrl-C ends the process at once
}

struct BatchArgs {
    std::vector<std::string> inputs, rules_dirs;
    std::string out, shard = "1/1", progress = "auto", files_from, texts;
    unsigned jobs = 0;
    bool write_recalculated = false, quiet = false, resume = false;
    uint64_t max_inflated = 0, memory = uint64_t(2) << 30;
    double timeout = 60;
};

// The shipped plugins, --plugins, SUANPAN_PLUGIN_PATH and --rules, loaded once for every worker.
// No Lua call may run longer than a workbook may.
std::shared_ptr<lua::PluginSet> load_plugins(const std::vector<std::string>& rules_dirs, double timeout) {
    const GlobalOptions& g = global_options();
    lua::Limits limits;
    if (timeout > 0 && (limits.seconds <= 0 || timeout < limits.seconds)) limits.seconds = timeout;
    auto set = g.no_plugins ? std::make_shared<lua::PluginSet>(limits) : lua::PluginSet::load_default(g.plugin_dirs, limits);
    for (const auto& d : rules_dirs) {
        std::error_code ec;
        if (std::filesystem::is_directory(d, ec)) set->add_dir(d);
        else if (std::filesystem::is_regular_file(d, ec)) set->add_file(d);
        else throw Exit(kBadInput, msg::text("cli.no_rules", {d}));
    }
    for (const auto& d : set->diagnostics()) std::cerr << "suanpan: " << msg::text("cli.plugin_error", {d.text()}) << "\n";
    return set;
}

// "I/N", or "auto/N" (and "auto" under Slurm) with I from the scheduler's environment:
// JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based) or SLURM_ARRAY_TASK_ID (minus
// SLURM_ARRAY_TASK_MIN when set, so --array=0-15 and --array=1-16 both work).
batch::Shard shard_arg(const std::string& text) {
    std::string t = text;
    if (t == "auto" || t.rfind("auto/", 0) == 0) {
        std::string n = t == "auto" ? "" : t.substr(5);
        auto env = [](const char* k) -> std::string {
            const char* v = std::getenv(k);
            return v ? v : "";
        };
        auto integer = [&](const std::string& s, const char* what) -> long {
            char* end = nullptr;
            long v = std::strtol(s.c_str(), &end, 10);
            if (s.empty() || *end) throw Exit(kBadInput, msg::text("cli.shard_not_number", {what, s}));
            return v;
        };
        long index;
        if (std::string k = env("JOB_COMPLETION_INDEX"); !k.empty()) {
            index = integer(k, "JOB_COMPLETION_INDEX") + 1;
        } else if (std::string s = env("SLURM_ARRAY_TASK_ID"); !s.empty()) {
            index = integer(s, "SLURM_ARRAY_TASK_ID");
            if (std::string m = env("SLURM_ARRAY_TASK_MIN"); !m.empty()) index = index - integer(m, "SLURM_ARRAY_TASK_MIN") + 1;
            if (n.empty()) n = env("SLURM_ARRAY_TASK_COUNT");
        } else {
            throw Exit(kBadInput, msg::text("cli.shard_no_index", {text}));
        }
        if (n.empty()) throw Exit(kUsage, msg::text("cli.shard_auto_count"));
        t = std::to_string(index) + "/" + n;
    }
    auto shard = batch::parse_shard(t);
    if (!shard) throw Exit(kUsage, msg::text("cli.bad_shard", {t}));
    return *shard;
}

// Input arguments plus the lines of --files-from (a file, or - for stdin; blank lines skipped).
std::vector<std::string> input_args(const BatchArgs& a) {
    std::vector<std::string> args = a.inputs;
    if (a.files_from.empty()) return args;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (a.files_from != "-") {
        file.open(a.files_from);
        if (!file) throw Exit(kBadInput, msg::text("cli.files_from", {a.files_from}));
        in = &file;
    }
    for (std::string line; std::getline(*in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) args.push_back(line);
    }
    return args;
}

void run(const BatchArgs& a) {
    batch::Shard shard = shard_arg(a.shard);
    std::vector<std::string> args = input_args(a);
    if (args.empty()) throw Exit(kUsage, msg::text("cli.no_inputs"));
    std::vector<std::string> missing;
    auto all = batch::collect_inputs(args, &missing);
    if (!missing.empty()) throw Exit(kBadInput, msg::text("cli.no_such_path", {missing.front()}));
    if (all.empty()) throw Exit(kBadInput, msg::text("cli.no_workbooks"));
    auto inputs = batch::select_shard(all, shard);

    auto plugins = load_plugins(a.rules_dirs, a.timeout);
    // Each workbook allocates and frees a few MB: without this glibc hands the memory back to the
    // kernel after every file (brk/munmap and TLB flushes were ~8 % of a batch's time).
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    batch::BatchOptions opt;
    opt.jobs = a.jobs;
    opt.out_dir = a.out;
    opt.timeout = a.timeout;
    opt.memory_budget = int64_t(a.memory);
    opt.stop = &g_stop;
    if (a.max_inflated) opt.limits.max_entry = opt.limits.max_total = a.max_inflated;
    if (a.write_recalculated) opt.recalculated_dir = (std::filesystem::path(a.out) / "recalculated").string();
    if (!a.texts.empty()) {  // --texts DIR: each workbook's 说明 verified in the same run (说明/… rows)
        std::error_code ec;
        if (!std::filesystem::is_directory(a.texts, ec)) throw Exit(kBadInput, msg::text("cli.no_texts_dir", {a.texts}));
        opt.extra = narrative::texts_hook(a.texts, plugins);
    }
    if (a.resume) {
        try {
            opt.first = batch::resume_point(a.out, inputs);
        } catch (const std::exception& e) {
            throw Exit(kBadInput, msg::text("cli.resume", {user_text(e)}));
        }
    } else {
        std::error_code ec;
        std::filesystem::remove_all(std::filesystem::path(a.out) / "detail", ec);  // a previous run's pages
    }
    bool bar = a.progress == "always" || (a.progress == "auto" && !a.quiet && ::isatty(1));
    batch::Progress progress(stdout, bar);
    opt.on_progress = [&](size_t done, size_t total) { progress.update(done, total); };

    // The reports are built as rows are written; on --resume the rows already there go first.
    std::unique_ptr<batch::ReportBuilder> reports;
    try {
        reports = std::make_unique<batch::ReportBuilder>(a.out);
        if (opt.first) batch::feed_rows(batch::jsonl_path(a.out), opt.first, *reports);
    } catch (const xlsx::OutputError& e) {
        throw Exit(kOutputError, user_text(e));
    } catch (const std::exception& e) {
        throw Exit(kBadInput, msg::text("cli.resume", {user_text(e)}));
    }
    opt.reports = reports.get();

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    batch::BatchResult res;
    try {
        res = batch::run_batch(inputs, plugins, plugins->rules(), opt);
    } catch (const xlsx::OutputError& e) {
        throw Exit(kOutputError, user_text(e));
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    progress.finish();
    for (const auto& e : res.write_errors) std::cerr << "suanpan: " << msg::text("cli.cannot_write", {e}) << "\n";
    if (res.stats.interrupted)
        throw Exit(kInterrupted, msg::text("batch.interrupted", {std::to_string(res.stats.written),
                                                                 std::to_string(inputs.size())}));

    batch::BatchMeta meta;
    meta.generated = batch::now_text();
    meta.rules = plugins->rules().size();
    meta.shards.push_back({shard.text(), res.stats.workbooks, res.stats.jobs, res.stats.seconds, meta.generated,
                           batch::host_name()});
    batch::ReportPaths paths;
    batch::StreamSummary sum;
    try {
        paths = reports->finish(meta, &sum);
    } catch (const std::exception& e) {
        throw Exit(kOutputError, user_text(e));
    }
    for (const auto& b : sum.broken) std::cerr << "suanpan: " << b << "\n";
    if (!a.quiet) {
        for (const auto& p : sum.problems) std::cout << p << "\n";
        if (sum.problem_count > sum.problems.size())
            std::cout << msg::text("cli.batch_more", {std::to_string(sum.problem_count - sum.problems.size())}) << "\n";
        char secs[32], per_second[32];
        std::snprintf(secs, sizeof secs, "%.2f", res.stats.seconds);
        std::snprintf(per_second, sizeof per_second, "%.1f",
                      res.stats.seconds > 0 ? double(res.stats.processed) / res.stats.seconds : 0.0);
        using check::Status;
        std::string line = msg::text(
            "cli.batch_summary",
            {std::to_string(sum.workbooks), shard.count > 1 ? msg::text("cli.batch_shard", {shard.text()}) : "",
             std::to_string(sum.by_status[size_t(Status::Passed)] + sum.by_status[size_t(Status::Info)]),
             std::to_string(sum.by_status[size_t(Status::Warnings)]), std::to_string(sum.by_status[size_t(Status::Failed)]),
             std::to_string(sum.by_status[size_t(Status::Unreadable)])});
        if (sum.timeouts + sum.memory_stops)
            line += msg::text("cli.batch_stopped", {std::to_string(sum.timeouts), std::to_string(sum.memory_stops)});
        if (opt.first) line += msg::text("cli.batch_resumed", {std::to_string(opt.first)});
        line += msg::text("cli.batch_rate", {secs, per_second, std::to_string(res.stats.jobs)});
        std::cout << line << "\n" << msg::text("cli.batch_reports", {paths.html, paths.json, paths.xlsx}) << "\n";
        if (!opt.recalculated_dir.empty()) std::cout << msg::text("cli.batch_recalculated", {opt.recalculated_dir}) << "\n";
    }
    if (!res.write_errors.empty())
        throw Exit(kOutputError, msg::text("cli.recalculated_unwritten", {std::to_string(res.write_errors.size())}));
}

Registration reg("batch", "Recalculate and check many workbooks in parallel; write report.html/json/xlsx", [](CLI::App& sub) {
    auto a = std::make_shared<BatchArgs>();
    sub.add_option("inputs", a->inputs, "Workbooks and folders (searched recursively for *.xlsx, *.xlsm)");
    sub.add_option("--files-from", a->files_from, "Also read input paths from FILE, one per line (- for stdin)")
        ->type_name("FILE");
    sub.add_option("--out", a->out, "Folder for workbooks.jsonl, detail/, report.html/json/xlsx (created)")
        ->required()
        ->type_name("OUTDIR");
    sub.add_option("-j,--jobs", a->jobs, "Worker threads (default: one per core)")->type_name("N");
    sub.add_option("--rules", a->rules_dirs, "Extra folder (or file) of Lua checks (repeatable)")->type_name("DIR");
    sub.add_flag("--write-recalculated", a->write_recalculated,
                 "Also write every readable workbook, recalculated, to OUTDIR/recalculated/");
    sub.add_option("--shard", a->shard,
                   "Check only share I of N of the sorted inputs; auto/N takes I from JOB_COMPLETION_INDEX or "
                   "SLURM_ARRAY_TASK_ID (docs/batch.md)")
        ->type_name("I/N");
    sub.add_option("--timeout-per-workbook", a->timeout, "Stop a workbook after SECONDS and report it (0: no limit)")
        ->type_name("SECONDS")
        ->check(CLI::NonNegativeNumber)
        ->default_val(60);
    sub.add_option("--memory-per-workbook", a->memory, "Stop a workbook that allocates more than BYTES (0: no limit)")
        ->type_name("BYTES")
        ->default_val(uint64_t(2) << 30);
    sub.add_option("--texts", a->texts, "Verify each workbook's 说明 (DIR/<workbook stem>.txt|.md|.docx) in the same run")
        ->type_name("DIR");
    sub.add_flag("--resume", a->resume, "Continue an interrupted run from OUTDIR/workbooks.jsonl (same inputs)");
    sub.add_option("--progress", a->progress, "Progress bar: auto (when stdout is a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub.add_flag("-q,--quiet", a->quiet, "Print nothing on success (the exit code and the reports say it all)");
    sub.add_option("--max-inflated", a->max_inflated, "Refuse a package whose parts inflate to more than BYTES")
        ->type_name("BYTES");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
