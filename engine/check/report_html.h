// report_html.h — the check report as one self-contained HTML page (no external assets),
// in Chinese: a summary table of workbooks and a detail section per workbook. Used by
// `suanpan check --html` (one workbook) and by the batch report (many).
#pragma once
#include <string>
#include <vector>

#include "check/report.h"

namespace sp::check {

struct HtmlOptions {
    std::string title = "审核报告";
    std::string generated;   // "2025-01-31 10:00" shown under the title ("" to omit)
    std::string rules_note;  // e.g. "规则：plugins/checks（58 条）" ("" to omit)
};

// Stable hooks for scripts and tests (docs/checks.md): table#summary > tbody > tr[data-status]
// with td.path and td.status; section.workbook#wb-N with table.findings and table.stale.
std::string report_html(const std::vector<WorkbookReport>& reports, const HtmlOptions& opt = {});

std::string html_escape(std::string_view s);

}  // namespace sp::check
