// row.cpp — cutting a report to a row and the row's JSON line (see row.h). The writer is
// hand-made (one append per field, no DOM) because it runs once per workbook on the workers;
// the reader uses nlohmann, as the report builders read each line once.
#include "batch/row.h"

#include "check/report_json.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sp::batch {

namespace {

void append_number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    out += buf;
}

void key(std::string& out, const char* k) {
    out += '"';
    out += k;
    out += "\":";
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8_len(std::string_view s, size_t i) {
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if (((unsigned char)s[i + k] & 0xC0) != 0x80) return 0;
    if (n == 2 && c < 0xC2) return 0;  // overlong
    return n;
}

std::string str(const nlohmann::json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

size_t num(const nlohmann::json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_number() ? it->get<size_t>() : 0;
}

check::Status status_from(const std::string& s) {
    using check::Status;
    if (s == "passed") return Status::Passed;
    if (s == "info") return Status::Info;
    if (s == "warnings") return Status::Warnings;
    if (s == "unreadable") return Status::Unreadable;
    return Status::Failed;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (size_t i = 0; i < s.size();) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t n = utf8_len(s, i);
            if (n == 0) {
                out += "\xEF\xBF\xBD";
                ++i;
            } else {
                out.append(s.data() + i, n);
                i += n;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
        ++i;
    }
    out += '"';
}

Row make_row(size_t index, check::WorkbookReport full, std::string detail) {
    Row row;
    row.index = index;
    row.detail = std::move(detail);
    for (const check::Finding& f : full.findings) ++row.counts[size_t(f.severity)];
    row.stale_total = full.stale.size();
    if (full.stale.size() > kKeepStale) full.stale.resize(kKeepStale);
    std::map<std::string, size_t> per_rule;
    std::vector<check::Finding> kept;
    for (check::Finding& f : full.findings) {
        if (++per_rule[f.rule_id] > kKeepPerRule) {
            ++row.findings_omitted;
            continue;
        }
        kept.push_back(std::move(f));
    }
    full.findings = std::move(kept);
    row.report = std::move(full);
    return row;
}

std::string row_to_line(const Row& row) {
    const check::WorkbookReport& r = row.report;
    std::string out;
    out.reserve(512 + r.findings.size() * 256 + r.stale.size() * 96);
    out += '{';
    key(out, "path");
    append_json_string(out, r.path);
    out += ',';
    key(out, "index");
    out += std::to_string(row.index);
    out += ',';
    key(out, "status");
    out += '"';
    out += check::status_name(r.status);
    out += "\",";
    key(out, "error");
    if (r.error.empty()) out += "null";
    else append_json_string(out, r.error);
    out += ',';
    key(out, "rules_applied");
    out += std::to_string(r.rules_applied);
    out += ",\"counts\":{\"error\":" + std::to_string(row.counts[2]) + ",\"warning\":" + std::to_string(row.counts[1]) +
           ",\"info\":" + std::to_string(row.counts[0]) + "},";
    key(out, "seconds");
    append_number(out, std::round(r.seconds * 1e4) / 1e4);
    out += ',';
    key(out, "stale_count");
    out += std::to_string(row.stale_total);
    out += ',';
    key(out, "findings_omitted");
    out += std::to_string(row.findings_omitted);
    out += ',';
    key(out, "detail");
    append_json_string(out, row.detail);
    out += ',';
    key(out, "stopped");
    if (row.stopped.empty()) out += "null";
    else append_json_string(out, row.stopped);
    out += ',';
    key(out, "error_detail");
    if (row.error_detail.empty()) out += "null";
    else append_json_string(out, row.error_detail);
    out += ",\"findings\":[";
    for (size_t i = 0; i < r.findings.size(); ++i) {
        const check::Finding& f = r.findings[i];
        if (i) out += ',';
        out += "{\"rule\":";
        append_json_string(out, f.rule_id);
        out += ",\"severity\":\"";
        out += check::severity_name(f.severity);
        out += "\",\"message\":";
        append_json_string(out, f.message);
        out += ",\"sheet\":";
        append_json_string(out, f.sheet);
        out += ",\"cell\":";
        append_json_string(out, f.cell);
        out += ",\"expected\":";
        append_json_string(out, f.expected);
        out += ",\"found\":";
        append_json_string(out, f.found);
        out += ",\"difference\":";
        if (f.has_difference) append_number(out, f.difference);
        else out += "null";
        out += ",\"tolerance\":";
        append_number(out, f.tolerance);
        out += '}';
    }
    out += "],\"stale\":[";
    for (size_t i = 0; i < r.stale.size(); ++i) {
        const check::StaleValue& s = r.stale[i];
        if (i) out += ',';
        out += "{\"sheet\":";
        append_json_string(out, s.sheet);
        out += ",\"cell\":";
        append_json_string(out, s.cell);
        out += ",\"cached\":";
        append_json_string(out, s.cached);
        out += ",\"recalculated\":";
        append_json_string(out, s.recalculated);
        out += '}';
    }
    out += "],\"broken_rules\":[";
    for (size_t i = 0; i < row.broken.size(); ++i) {
        if (i) out += ',';
        out += "{\"rule\":";
        append_json_string(out, row.broken[i].rule_id);
        out += ",\"origin\":";
        append_json_string(out, row.broken[i].origin);
        out += ",\"message\":";
        append_json_string(out, row.broken[i].message);
        out += '}';
    }
    out += "]}";
    return out;
}

Row row_from_line(std::string_view line) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("not JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("path") || !j.contains("status")) throw std::runtime_error("not a workbook row");
    Row row;
    check::WorkbookReport& r = row.report;
    r.path = str(j, "path");
    row.index = num(j, "index");
    r.status = status_from(str(j, "status"));
    r.error = str(j, "error");
    r.rules_applied = num(j, "rules_applied");
    if (auto it = j.find("seconds"); it != j.end() && it->is_number()) r.seconds = it->get<double>();
    row.stale_total = num(j, "stale_count");
    row.findings_omitted = num(j, "findings_omitted");
    row.detail = str(j, "detail");
    row.stopped = str(j, "stopped");
    row.error_detail = str(j, "error_detail");
    for (const auto& fj : j.value("findings", nlohmann::json::array())) r.findings.push_back(check::finding_from_json(fj));
    for (const auto& sj : j.value("stale", nlohmann::json::array()))
        r.stale.push_back({str(sj, "sheet"), str(sj, "cell"), str(sj, "cached"), str(sj, "recalculated")});
    for (const auto& bj : j.value("broken_rules", nlohmann::json::array()))
        row.broken.push_back({str(bj, "rule"), str(bj, "origin"), str(bj, "message")});
    if (auto c = j.find("counts"); c != j.end() && c->is_object()) {
        row.counts[0] = num(*c, "info");
        row.counts[1] = num(*c, "warning");
        row.counts[2] = num(*c, "error");
    } else {  // a row of a plain check report: counts are those listed
        for (const auto& f : r.findings) ++row.counts[size_t(f.severity)];
    }
    if (!j.contains("stale_count")) row.stale_total = r.stale.size();
    return row;
}

std::string path_of_line(std::string_view line) {
    constexpr std::string_view prefix = "{\"path\":\"";
    if (line.substr(0, prefix.size()) != prefix) return {};
    std::string out;
    for (size_t i = prefix.size(); i < line.size(); ++i) {
        char c = line[i];
        if (c == '"') return out;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= line.size()) return {};
        switch (line[i]) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {  // only control characters are written as \u
                if (i + 4 >= line.size()) return {};
                out += char(std::stoi(std::string(line.substr(i + 1, 4)), nullptr, 16));
                i += 4;
                break;
            }
            default: out += line[i];
        }
    }
    return {};
}

}  // namespace sp::batch
