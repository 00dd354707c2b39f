// report_json.cpp — JSON form of check reports. Field names are stable (docs/checks.md);
// new fields may be added, none renamed or removed without bumping the schema version.
#include "check/report_json.h"

#include <stdexcept>

namespace sp::check {

namespace {

constexpr const char* kSchema = "suanpan.check/1";

Severity severity_from(const std::string& s) {
    if (s == "info") return Severity::Info;
    if (s == "warning") return Severity::Warning;
    return Severity::Error;
}

Status status_from(const std::string& s) {
    if (s == "passed") return Status::Passed;
    if (s == "info") return Status::Info;
    if (s == "warnings") return Status::Warnings;
    if (s == "unreadable") return Status::Unreadable;
    return Status::Failed;
}

std::string str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

nlohmann::json finding_to_json(const Finding& f) {
    nlohmann::json j;
    j["rule"] = f.rule_id;
    j["severity"] = std::string(severity_name(f.severity));
    j["message"] = f.message;
    j["sheet"] = f.sheet;
    j["cell"] = f.cell;
    j["expected"] = f.expected;
    j["found"] = f.found;
    j["difference"] = f.has_difference ? nlohmann::json(f.difference) : nlohmann::json(nullptr);
    j["tolerance"] = f.tolerance;
    return j;
}

nlohmann::json workbook_to_json(const WorkbookReport& r) {
    nlohmann::json j;
    j["path"] = r.path;
    j["status"] = std::string(status_name(r.status));
    j["error"] = r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error);
    j["rules_applied"] = r.rules_applied;
    j["counts"] = {{"error", r.count(Severity::Error)},
                   {"warning", r.count(Severity::Warning)},
                   {"info", r.count(Severity::Info)}};
    j["seconds"] = r.seconds;
    auto& fs = j["findings"] = nlohmann::json::array();
    for (const Finding& f : r.findings) fs.push_back(finding_to_json(f));
    auto& st = j["stale"] = nlohmann::json::array();
    for (const StaleValue& s : r.stale)
        st.push_back({{"sheet", s.sheet}, {"cell", s.cell}, {"cached", s.cached}, {"recalculated", s.recalculated}});
    return j;
}

nlohmann::json report_to_json(const std::vector<WorkbookReport>& reports) {
    nlohmann::json j;
    j["schema"] = kSchema;
    size_t by_status[5] = {};
    size_t errors = 0, warnings = 0, infos = 0, stale = 0;
    auto& wbs = j["workbooks"] = nlohmann::json::array();
    for (const WorkbookReport& r : reports) {
        ++by_status[size_t(r.status)];
        errors += r.count(Severity::Error);
        warnings += r.count(Severity::Warning);
        infos += r.count(Severity::Info);
        stale += r.stale.size();
        wbs.push_back(workbook_to_json(r));
    }
    j["summary"] = {{"workbooks", reports.size()},
                    {"passed", by_status[size_t(Status::Passed)] + by_status[size_t(Status::Info)]},
                    {"warnings", by_status[size_t(Status::Warnings)]},
                    {"failed", by_status[size_t(Status::Failed)]},
                    {"unreadable", by_status[size_t(Status::Unreadable)]},
                    {"findings", {{"error", errors}, {"warning", warnings}, {"info", infos}}},
                    {"stale", stale}};
    return j;
}

std::string format_json(const std::vector<WorkbookReport>& reports, int indent) {
    return report_to_json(reports).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Finding finding_from_json(const nlohmann::json& fj) {
    Finding f;
    f.rule_id = str(fj, "rule");
    f.severity = severity_from(str(fj, "severity"));
    f.message = str(fj, "message");
    f.sheet = str(fj, "sheet");
    f.cell = str(fj, "cell");
    f.expected = str(fj, "expected");
    f.found = str(fj, "found");
    if (auto it = fj.find("difference"); it != fj.end() && it->is_number()) {
        f.difference = it->get<double>();
        f.has_difference = true;
    }
    if (auto it = fj.find("tolerance"); it != fj.end() && it->is_number()) f.tolerance = it->get<double>();
    return f;
}

std::vector<WorkbookReport> reports_from_json(const nlohmann::json& doc) {
    if (!doc.is_object() || str(doc, "schema") != kSchema)
        throw std::runtime_error(std::string("not a check report (expected schema ") + kSchema + ")");
    std::vector<WorkbookReport> out;
    for (const auto& w : doc.value("workbooks", nlohmann::json::array())) {
        WorkbookReport r;
        r.path = str(w, "path");
        r.status = status_from(str(w, "status"));
        r.error = str(w, "error");
        r.rules_applied = w.value("rules_applied", size_t(0));
        r.seconds = w.value("seconds", 0.0);
        for (const auto& fj : w.value("findings", nlohmann::json::array())) r.findings.push_back(finding_from_json(fj));
        for (const auto& sj : w.value("stale", nlohmann::json::array()))
            r.stale.push_back({str(sj, "sheet"), str(sj, "cell"), str(sj, "cached"), str(sj, "recalculated")});
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace sp::check
