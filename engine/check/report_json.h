// report_json.h — the machine-readable check report (schema "suanpan.check/1", documented
// in docs/checks.md), and reading it back (for merging shard reports).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/report.h"

namespace sp::check {

nlohmann::json finding_to_json(const Finding& f);
// Inverse of finding_to_json (also read by batch rows); missing fields stay empty.
Finding finding_from_json(const nlohmann::json& fj);
nlohmann::json workbook_to_json(const WorkbookReport& r);
// {"schema": "suanpan.check/1", "summary": {…}, "workbooks": [ … ]}
nlohmann::json report_to_json(const std::vector<WorkbookReport>& reports);
std::string format_json(const std::vector<WorkbookReport>& reports, int indent = 2);

// Inverse of report_to_json; throws std::runtime_error on a document of another schema.
std::vector<WorkbookReport> reports_from_json(const nlohmann::json& doc);

}  // namespace sp::check
