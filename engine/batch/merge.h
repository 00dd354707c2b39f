// merge.h — joins the outputs of shard runs (`suanpan batch --shard I/N`) into one, as if a
// single run had checked every input: workbooks in path order (the order of an unsharded run),
// the shard runs listed, and the set of shards verified so that a node that never reported is
// noticed instead of silently shrinking the batch. Streams: each shard's workbooks.jsonl is
// sorted by path, so a k-way merge writes the merged workbooks.jsonl one row at a time (a
// `suanpan check --json` report, whose workbooks are inline, is sorted in memory), then the
// reports are built from it (report_stream.h). Detail pages are copied into OUT/detail/.
#pragma once
#include <string>
#include <vector>

#include "batch/report_batch.h"

namespace sp::batch {

struct MergeResult {
    BatchMeta meta;
    // Shards missing or given twice, shard counts that disagree, a workbook in two reports.
    std::vector<std::string> problems;
    size_t workbooks = 0;   // rows written
    bool written = false;   // false: problems and not allow_partial, nothing written
    ReportPaths paths;
};

// json_paths: report.json files (their folders hold workbooks.jsonl and detail/). Throws
// std::runtime_error naming the file when one cannot be read or is not a check report, and
// xlsx::OutputError when out_dir cannot be written.
MergeResult merge_reports(const std::vector<std::string>& json_paths, const std::string& out_dir, bool allow_partial);

}  // namespace sp::batch
