// cmd_merge_reports.cpp — `suanpan merge-reports A/ B/report.json … --out DIR [--allow-partial]`:
// joins the outputs of shard runs (`batch --shard I/N`) into one workbooks.jsonl, detail/ and
// report.json/html/xlsx, streaming (batch/merge.h). Refuses (exit 3, nothing written) when a
// shard is missing or given twice, unless --allow-partial. Exit 0 when merged (findings are data).
#include <filesystem>
#include <iostream>

#include "batch/merge.h"
#include "cli/command.h"
#include "core/messages.h"
#include "xlsx/error.h"

namespace sp::cli {
namespace {

struct MergeArgs {
    std::vector<std::string> reports;
    std::string out;
    bool allow_partial = false, quiet = false;
};

void run(const MergeArgs& a) {
    std::vector<std::string> paths;
    for (const std::string& p : a.reports) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) paths.push_back((std::filesystem::path(p) / "report.json").string());
        else paths.push_back(p);
    }
    batch::MergeResult m;
    try {
        m = batch::merge_reports(paths, a.out, a.allow_partial);
    } catch (const xlsx::OutputError& e) {
        throw Exit(kOutputError, user_text(e));
    } catch (const std::exception& e) {
        throw Exit(kBadInput, user_text(e));
    }
    for (const auto& p : m.problems) std::cerr << "suanpan: merge-reports: " << p << "\n";
    if (!m.written) throw Exit(kBadInput, msg::text("cli.shards_incomplete"));
    if (!a.quiet)
        std::cout << msg::text("cli.merged", {std::to_string(m.workbooks), std::to_string(paths.size()),
                                              std::to_string(m.meta.shards.size())})
                  << "\n" << msg::text("cli.batch_reports", {m.paths.html, m.paths.json, m.paths.xlsx}) << "\n";
}

Registration reg("merge-reports", "Join the outputs of shard runs (batch --shard I/N) into one report", [](CLI::App& sub) {
    auto a = std::make_shared<MergeArgs>();
    sub.add_option("reports", a->reports, "report.json files of the shard runs (or their OUTDIR folders)")->required();
    sub.add_option("--out", a->out, "Folder for the merged workbooks.jsonl, detail/, report.html/json/xlsx")
        ->required()
        ->type_name("DIR");
    sub.add_flag("--allow-partial", a->allow_partial, "Merge even when shards are missing or repeated");
    sub.add_flag("-q,--quiet", a->quiet, "Print nothing on success");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
