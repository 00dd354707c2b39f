// report.h — what a check run produces for one workbook, as the reports (text, JSON,
// HTML, xlsx) consume it. The batch command fills one WorkbookReport per input file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "check/rule.h"

namespace sp::check {

// A formula cell whose cached value (as saved in the file) differs from the recalculated one.
struct StaleValue {
    std::string sheet, cell;
    std::string cached, recalculated;  // rendered values
};

enum class Status : uint8_t { Passed, Info, Warnings, Failed, Unreadable };
std::string_view status_name(Status s);   // "passed" | "info" | "warnings" | "failed" | "unreadable"
std::string_view status_label(Status s);  // Chinese label for people: 通过, 提示, 警告, 未通过, 无法读取
std::string status_label(Status s, msg::Lang lang);  // … or English: passed, warnings, failed, unreadable

struct WorkbookReport {
    std::string path;                  // the file as given
    Status status = Status::Passed;    // set by finish()
    std::string error;                 // why the file could not be read or checked (Unreadable), Chinese
    std::string error_en;              // the same in English (empty: as error)
    std::vector<Finding> findings;
    std::vector<StaleValue> stale;
    size_t rules_applied = 0;          // rules that matched the workbook
    double seconds = 0;                // read + recalc + check

    const std::string& error_in(msg::Lang lang) const;
    size_t count(Severity s) const;
    // Sets status from error and findings: Unreadable > Failed (an error finding) > Warnings > Info > Passed.
    void finish();
};

}  // namespace sp::check
