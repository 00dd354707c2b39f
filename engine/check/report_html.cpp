// report_html.cpp — self-contained HTML report. Styles are inline; the only script is none:
// per-workbook details use <details>, so the page works with JavaScript disabled.
#include "check/report_html.h"

#include "check/report_text.h"
#include "core/value.h"

namespace sp::check {

namespace {

const char* kStyle = R"CSS(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}
h3{font-size:15px;margin:0;display:inline}
.meta{color:#666;font-size:13px;margin:0 0 12px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;font-size:13px;margin:6px 0 12px}
th,td{border:1px solid #d0d0d0;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f3f3f3;font-weight:600;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.loc,td.rule{white-space:nowrap}
.status,.sev{font-weight:600;white-space:nowrap}
.st-passed .status,.st-info .status{color:#1a7f37}
.st-warnings .status{color:#9a6700}
.st-failed .status,.st-unreadable .status{color:#cf222e}
.sev-error{color:#cf222e}.sev-warning{color:#9a6700}.sev-info{color:#0969da}
tr.sev-error td{background:#fff5f5}
details{margin:8px 0;border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px}
summary{cursor:pointer}
.error{color:#cf222e;white-space:pre-wrap}
.none{color:#1a7f37}
)CSS";

std::string num(double v) { return format_general(v); }

void cell(std::string& out, const char* cls, std::string_view text) {
    out += "<td";
    if (cls && *cls) out += std::string(" class=\"") + cls + "\"";
    out += ">";
    out += html_escape(text);
    out += "</td>";
}

}  // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string report_html(const std::vector<WorkbookReport>& reports, const HtmlOptions& opt) {
    std::string out;
    out.reserve(4096 + reports.size() * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(opt.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out += "<h1>" + html_escape(opt.title) + "</h1>\n<p class=\"meta\">";
    if (!opt.generated.empty()) out += "生成时间 " + html_escape(opt.generated) + " · ";
    out += "工作簿 " + std::to_string(reports.size()) + " 个";
    if (!opt.rules_note.empty()) out += " · " + html_escape(opt.rules_note);
    out += "</p>\n";

    size_t by_status[5] = {};
    for (const auto& r : reports) ++by_status[size_t(r.status)];
    out += "<div class=\"cards\" id=\"counts\">";
    auto card = [&](const char* label, size_t n, const char* cls) {
        out += std::string("<div class=\"card ") + cls + "\"><b>" + std::to_string(n) + "</b>" + label + "</div>";
    };
    card("通过", by_status[size_t(Status::Passed)] + by_status[size_t(Status::Info)], "st-passed");
    card("警告", by_status[size_t(Status::Warnings)], "st-warnings");
    card("未通过", by_status[size_t(Status::Failed)], "st-failed");
    card("无法读取", by_status[size_t(Status::Unreadable)], "st-unreadable");
    out += "</div>\n";

    out += "<h2>汇总</h2>\n<table id=\"summary\">\n<thead><tr><th>#</th><th>工作簿</th><th>状态</th><th>错误</th>"
           "<th>警告</th><th>提示</th><th>缓存值不一致</th><th>适用规则</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < reports.size(); ++i) {
        const WorkbookReport& r = reports[i];
        std::string st(status_name(r.status));
        out += "<tr class=\"st-" + st + "\" data-status=\"" + st + "\">";
        cell(out, "num", std::to_string(i + 1));
        out += "<td class=\"path\"><a href=\"#wb-" + std::to_string(i + 1) + "\">" + html_escape(r.path) + "</a></td>";
        cell(out, "status", status_label(r.status));
        bool read = r.status != Status::Unreadable;
        cell(out, "num", read ? std::to_string(r.count(Severity::Error)) : "—");
        cell(out, "num", read ? std::to_string(r.count(Severity::Warning)) : "—");
        cell(out, "num", read ? std::to_string(r.count(Severity::Info)) : "—");
        cell(out, "num", read ? std::to_string(r.stale.size()) : "—");
        cell(out, "num", read ? std::to_string(r.rules_applied) : "—");
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";

    out += "<h2>明细</h2>\n";
    for (size_t i = 0; i < reports.size(); ++i) {
        const WorkbookReport& r = reports[i];
        std::string st(status_name(r.status));
        bool open = r.status == Status::Failed || r.status == Status::Unreadable || r.status == Status::Warnings;
        out += "<section class=\"workbook st-" + st + "\" id=\"wb-" + std::to_string(i + 1) + "\" data-status=\"" + st +
               "\">\n<details" + (open ? " open" : "") + "><summary><h3>" + html_escape(r.path) +
               "</h3> · <span class=\"status\">" + html_escape(status_label(r.status)) + "</span></summary>\n";
        if (!r.error.empty()) out += "<p class=\"error\">" + html_escape(r.error) + "</p>\n";
        if (r.status != Status::Unreadable) {
            if (r.findings.empty()) {
                out += "<p class=\"none\">全部 " + std::to_string(r.rules_applied) + " 条适用规则均通过。</p>\n";
            } else {
                out += "<table class=\"findings\"><thead><tr><th>规则</th><th>级别</th><th>位置</th><th>期望值</th>"
                       "<th>实际值</th><th>差额</th><th>容差</th><th>说明</th></tr></thead><tbody>\n";
                for (const Finding& f : r.findings) {
                    std::string sev(severity_name(f.severity));
                    out += "<tr class=\"sev-" + sev + "\">";
                    cell(out, "rule", f.rule_id);
                    cell(out, ("sev sev-" + sev).c_str(), severity_label(f.severity));
                    cell(out, "loc", location(f));
                    cell(out, "num", f.expected);
                    cell(out, "num", f.found);
                    cell(out, "num", f.has_difference ? num(f.difference) : "");
                    cell(out, "num", f.tolerance ? num(f.tolerance) : "");
                    cell(out, "msg", f.message);
                    out += "</tr>\n";
                }
                out += "</tbody></table>\n";
            }
            if (!r.stale.empty()) {
                out += "<p>缓存值与重算结果不一致 " + std::to_string(r.stale.size()) +
                       " 处（文件保存的值不是按公式计算的结果）：</p>\n<table class=\"stale\"><thead><tr><th>位置</th>"
                       "<th>缓存值</th><th>重算值</th></tr></thead><tbody>\n";
                for (const StaleValue& s : r.stale) {
                    out += "<tr>";
                    cell(out, "loc", s.sheet + "!" + s.cell);
                    cell(out, "num", s.cached);
                    cell(out, "num", s.recalculated);
                    out += "</tr>\n";
                }
                out += "</tbody></table>\n";
            }
        }
        out += "</details>\n</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace sp::check
