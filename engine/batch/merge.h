// merge.h — joins the report.json files of shard runs (`suanpan batch --shard I/N`) into
// one report, as if a single run had checked every input: workbooks sorted by path (the
// order of an unsharded run), the shard runs listed, and the set of shards verified so that
// a node that never reported is noticed instead of silently shrinking the batch.
#pragma once
#include <string>
#include <vector>

#include "batch/report_batch.h"
#include "check/report.h"

namespace sp::batch {

struct MergeResult {
    std::vector<check::WorkbookReport> reports;
    BatchMeta meta;
    // Shards missing or given twice, shard counts that disagree, a workbook in two reports.
    std::vector<std::string> problems;
};

// Throws std::runtime_error naming the file when one cannot be read or is not a check report.
MergeResult merge_reports(const std::vector<std::string>& json_paths);

}  // namespace sp::batch
