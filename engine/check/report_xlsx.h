// report_xlsx.h — the check report as a workbook (xlsx::write_fresh): sheet 审核结果 with one
// row per finding, 汇总 with one row per workbook, 缓存值不一致 when any cached value was stale.
#pragma once
#include <string>
#include <vector>

#include "check/report.h"

namespace sp::check {

// Throws xlsx::OutputError when the file cannot be written.
void write_report_xlsx(const std::vector<WorkbookReport>& reports, const std::string& path);

}  // namespace sp::check
