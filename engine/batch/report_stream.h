// report_stream.h — the summary reports of a batch, built in one pass over OUTDIR/workbooks.jsonl
// (one row in memory at a time), so that they can be written for any number of workbooks:
//  * report.html — counts per status, checks that broke, the rules that fail most, the workbooks
//    with the most errors, and a table of every workbook (sortable, filterable, paged in the
//    page; data inline up to kInlineHtmlRows, else in report-data.js beside it, loaded by a
//    <script> tag — no network), each row linking to its detail page;
//  * report.xlsx — 汇总 one row per workbook, 审核结果 one row per finding (at most kXlsxFindings
//    per workbook, the cap stated in a row), 缓存值过期 the first stale cells, 说明 the caps;
//  * report.json — schema suanpan.check/1 with the workbooks inline up to kInlineJsonRows,
//    else "workbooks_file": "workbooks.jsonl" instead of "workbooks".
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "batch/report_batch.h"

namespace sp::batch {

constexpr size_t kInlineJsonRows = 1000;
constexpr size_t kInlineHtmlRows = 20000;
constexpr size_t kXlsxFindings = 50;

struct StreamSummary {
    size_t workbooks = 0;
    size_t by_status[5] = {};
    size_t findings[3] = {};
    size_t stale = 0, timeouts = 0, memory_stops = 0;
    std::vector<std::string> problems;  // first 20 failed/unreadable: "未通过\tpath\t2 项错误"
    size_t problem_count = 0;
    std::vector<std::string> broken;    // one line per broken rule (batch.broken_rule, process language)
};

struct Row;
// The reports built row by row (rows in input order): run_batch feeds the rows as it writes them,
// --resume first feeds the rows already in workbooks.jsonl, merge-reports those it merges.
class ReportBuilder {
public:
    explicit ReportBuilder(const std::string& dir);  // creates dir (xlsx::OutputError)
    ~ReportBuilder();
    void add(const Row& row, std::string_view line);  // line: the row's line in workbooks.jsonl
    ReportPaths finish(const BatchMeta& meta, StreamSummary* summary = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The first `count` rows of a workbooks.jsonl into builder (std::runtime_error on a bad line).
void feed_rows(const std::string& jsonl, size_t count, ReportBuilder& builder);

// Reads dir/workbooks.jsonl, writes dir/report.json, report.html (and report-data.js when large),
// report.xlsx through temporary files. Throws xlsx::OutputError (cannot write) or
// std::runtime_error (a line that is not a row, naming the line).
ReportPaths build_reports(const std::string& dir, const BatchMeta& meta, StreamSummary* summary = nullptr);

}  // namespace sp::batch
