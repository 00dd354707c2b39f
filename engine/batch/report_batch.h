// report_batch.h — what the batch reports share: which shard(s) ran, with how many threads,
// how long it took (the "batch" object of report.json, so that merge-reports can join shards),
// and small file helpers. The reports themselves are built from workbooks.jsonl
// (report_stream.h).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// The "batch" object of a report.json (empty meta when absent: a `suanpan check --json` report).
BatchMeta batch_meta_from_json(const nlohmann::json& doc);

struct ReportPaths {
    std::string json, html, xlsx;
};

// Writes text to path through a temporary file in the same folder (OutputError on failure).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace sp::batch
