// row.h — one workbook's result as a batch streams it: one JSON line of OUTDIR/workbooks.jsonl,
// written as the workbook finishes, from which every summary report is built afterwards.
// A line is bounded whatever the workbook: per rule at most kKeepPerRule findings and at most
// kKeepStale stale cached values are kept, with the true totals beside them; the full lists go
// to the workbook's detail page. Extra kinds of findings (说明 verification …) are plain Findings.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "check/report.h"

namespace sp::batch {

constexpr size_t kKeepPerRule = 20;  // findings of one rule kept in a line (the rest counted)
constexpr size_t kKeepStale = 20;    // stale cached values kept in a line (the rest counted)

// A check that raised an error in this workbook: reported once per batch, not as a finding.
struct BrokenRule {
    std::string rule_id, origin, message;  // origin "plugins/x.lua:12"; message the Lua error
};

struct Row {
    size_t index = 0;               // 0-based position in the batch's sorted input list
    check::WorkbookReport report;   // findings/stale possibly cut (see above); status of the full report
    size_t counts[3] = {};          // true totals per Severity (info, warning, error)
    size_t stale_total = 0;
    size_t findings_omitted = 0;    // findings beyond kKeepPerRule per rule (listed in the detail page)
    std::string detail;             // detail page relative to OUTDIR ("detail/a.xlsx.html"); "" none
    std::string stopped;            // "" | "timeout" | "memory": the workbook was stopped
    std::vector<BrokenRule> broken; // checks that raised an error here
    std::string error_detail;       // the reader's own (English) message when unreadable

    size_t count(check::Severity s) const { return counts[size_t(s)]; }
};

// From a full report: totals counted, lists cut to the limits above.
Row make_row(size_t index, check::WorkbookReport full, std::string detail);

// Compact one-line JSON (no newline), beginning {"path":…,"index":… so that path_of_line is cheap.
// Fields: those of a workbook in schema suanpan.check/1 (docs/checks.md) plus index, detail,
// stale_count, findings_omitted, stopped, broken_rules.
std::string row_to_line(const Row& r);
// Throws std::runtime_error on a line that is not a row.
Row row_from_line(std::string_view line);
// The "path" of a line without parsing the rest; empty when the line does not start that way.
std::string path_of_line(std::string_view line);

// JSON string literal of s (quotes included), invalid UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace sp::batch
