// report_batch.h — the reports of a batch run: OUTDIR/report.json, report.html and
// report.xlsx, written with the check report writers (check/report_*.h) plus what only a
// batch knows: which shard(s) ran, with how many threads, how long it took. The JSON keeps
// schema "suanpan.check/1" and adds a "batch" object, so that merge-reports can join shards.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/report.h"

namespace sp::batch {

struct ShardRun {
    std::string shard = "1/1";  // "I/N"
    size_t workbooks = 0;
    unsigned jobs = 0;
    double seconds = 0;         // wall clock of that run
    std::string generated;      // local time it finished, "2025-01-31 10:00:00"
    std::string host;
};

struct BatchMeta {
    std::vector<ShardRun> shards;  // one for a plain run; several after merge-reports
    size_t rules = 0;              // rules loaded
    std::string generated;         // when these reports were written
};

std::string now_text();   // local time, "YYYY-MM-DD HH:MM:SS"
std::string host_name();

// {"schema": "suanpan.check/1", "summary": …, "workbooks": […], "batch": {…}}
nlohmann::json batch_report_json(const std::vector<check::WorkbookReport>& reports, const BatchMeta& meta);
// The "batch" object of a report.json (empty meta when absent: a `suanpan check --json` report).
BatchMeta batch_meta_from_json(const nlohmann::json& doc);

struct ReportPaths {
    std::string json, html, xlsx;
};
// Creates dir and writes the three reports through temporary files renamed into place.
// Throws xlsx::OutputError naming the file that could not be written.
ReportPaths write_batch_reports(const std::string& dir, const std::vector<check::WorkbookReport>& reports,
                                const BatchMeta& meta);

// Writes text to path through a temporary file in the same folder (OutputError on failure).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace sp::batch
