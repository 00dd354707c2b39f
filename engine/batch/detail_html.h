// detail_html.h — one page per workbook of a batch (OUTDIR/detail/<name>.html), written by the
// worker when the workbook finishes, from the full report: every finding, grouped by rule
// (a rule with many findings shows its count and first rows, the rest folded), every stale
// cached value ("860 个单元格缓存值过期"), checks that broke. Self-contained, in Chinese.
#pragma once
#include <string>
#include <vector>

#include "batch/row.h"
#include "check/report.h"

namespace sp::batch {

// "detail/sub/a.xlsx.html" for the input's out_name "sub/a.xlsx".
std::string detail_name(const std::string& out_name);

// The page; `back` is the relative link to report.html ("../report.html", "../../report.html").
std::string detail_html(const check::WorkbookReport& full, const std::vector<BrokenRule>& broken,
                        const std::string& stopped, const std::string& back);

// CSS shared by report.html and the detail pages.
extern const char* kReportStyle;

std::string html_text(std::string_view s);  // escaped for element content and attributes

}  // namespace sp::batch
