// cmd_merge_reports.cpp — `suanpan merge-reports A/report.json B/ … --out DIR [--allow-partial]`:
// joins the reports of shard runs (`batch --shard I/N`) into one report.json/html/xlsx.
// Refuses (exit 3, nothing written) when a shard is missing or given twice, unless
// --allow-partial. Exit 1 when the merged batch has a failed or unreadable workbook.
#include <filesystem>
#include <iostream>

#include "batch/batch.h"
#include "batch/merge.h"
#include "batch/report_batch.h"
#include "cli/command.h"

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
        m = batch::merge_reports(paths);
    } catch (const std::exception& e) {
        throw Exit(kBadInput, e.what());
    }
    for (const auto& p : m.problems) std::cerr << "suanpan: merge-reports: " << p << "\n";
    if (!m.problems.empty() && !a.allow_partial)
        throw Exit(kBadInput, "the shard reports do not add up to one batch (--allow-partial to merge anyway)");
    m.meta.generated = batch::now_text();
    batch::ReportPaths out;
    try {
        out = batch::write_batch_reports(a.out, m.reports, m.meta);
    } catch (const std::exception& e) {
        throw Exit(kOutputError, e.what());
    }
    if (!a.quiet) {
        size_t failed = 0, unreadable = 0;
        for (const auto& r : m.reports) {
            failed += r.status == check::Status::Failed;
            unreadable += r.status == check::Status::Unreadable;
        }
        std::cout << m.reports.size() << " workbooks from " << paths.size() << " reports (" << m.meta.shards.size()
                  << " shards): " << failed << " failed, " << unreadable << " unreadable\nreport: " << out.html
                  << "\n        " << out.json << "\n        " << out.xlsx << "\n";
    }
    if (batch::any_failed(m.reports)) throw Exit(kCheckFailed, "");
}

Registration reg("merge-reports", "Join the report.json of shard runs (batch --shard I/N) into one report", [](CLI::App& sub) {
    auto a = std::make_shared<MergeArgs>();
    sub.add_option("reports", a->reports, "report.json files of the shard runs (or their OUTDIR folders)")->required();
    sub.add_option("--out", a->out, "Folder for the merged report.html, report.json, report.xlsx")->required()->type_name("DIR");
    sub.add_flag("--allow-partial", a->allow_partial, "Merge even when shards are missing or repeated");
    sub.add_flag("-q,--quiet", a->quiet, "Print nothing on success");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
