// detail_html.cpp — see detail_html.h. Groups keep the page readable when one rule fails on
// every row of a table: the first kKeepPerRule findings of a rule are shown, the rest sit in
// a <details> below them (the page stays complete without scripts).
#include "batch/detail_html.h"

#include <cmath>
#include <map>

#include "check/report_html.h"
#include "check/report_text.h"
#include "core/messages.h"
#include "core/value.h"

namespace sp::batch {

const char* kReportStyle = R"CSS(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}
h3{font-size:15px;margin:14px 0 4px}
.meta{color:#666;font-size:13px;margin:0 0 12px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;font-size:13px;margin:6px 0 12px}
th,td{border:1px solid #d0d0d0;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f3f3f3;font-weight:600;white-space:nowrap}
th.sort{cursor:pointer}th.sort:after{content:" ⇅";color:#999}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.loc,td.rule{white-space:nowrap}
.status,.sev{font-weight:600;white-space:nowrap}
.st-passed .status,.st-info .status{color:#1a7f37}
.st-warnings .status{color:#9a6700}
.st-failed .status,.st-unreadable .status{color:#cf222e}
.sev-error{color:#cf222e}.sev-warning{color:#9a6700}.sev-info{color:#0969da}
tr.sev-error td{background:#fff5f5}
details{margin:8px 0}
summary{cursor:pointer;color:#0969da}
.error{color:#cf222e;white-space:pre-wrap}
.none{color:#1a7f37}
.controls{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.controls input,.controls select,.controls button{font-size:13px;padding:3px 6px}
)CSS";

std::string html_text(std::string_view s) { return check::html_escape(s); }

std::string detail_name(const std::string& out_name) { return "detail/" + out_name + ".html"; }

namespace {

void td(std::string& out, const char* cls, std::string_view text) {
    out += "<td class=\"";
    out += cls;
    out += "\">";
    out += html_text(text);
    out += "</td>";
}

void finding_row(std::string& out, const check::Finding& f) {
    std::string sev(check::severity_name(f.severity));
    out += "<tr class=\"sev-" + sev + "\">";
    td(out, "rule", f.rule_id);
    td(out, ("sev sev-" + sev).c_str(), check::severity_label(f.severity));
    td(out, "loc", check::location(f));
    td(out, "num", f.expected);
    td(out, "num", f.found);
    td(out, "num", f.has_difference ? format_general(f.difference) : "");
    td(out, "num", f.tolerance ? format_general(f.tolerance) : "");
    td(out, "msg", f.message);
    out += "</tr>\n";
}

const char* kFindingHead =
    "<table class=\"findings\"><thead><tr><th>规则</th><th>级别</th><th>位置</th><th>期望值</th><th>实际值</th>"
    "<th>差额</th><th>容差</th><th>说明</th></tr></thead><tbody>\n";

}  // namespace

std::string detail_html(const check::WorkbookReport& r, const std::vector<BrokenRule>& broken, const std::string& stopped,
                        const std::string& back) {
    using msg::Lang;
    std::string out;
    out.reserve(4096 + r.findings.size() * 400 + r.stale.size() * 120);
    std::string st(check::status_name(r.status));
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_text(r.path) +
           " · 审核明细</title>\n<style>" + kReportStyle + "</style>\n</head>\n<body class=\"st-" + st + "\">\n";
    out += "<p class=\"meta\"><a href=\"" + html_text(back) + "\">← 返回批量审核报告</a></p>\n";
    out += "<h1>" + html_text(r.path) + "</h1>\n<p class=\"meta\">状态 <span class=\"status\" data-status=\"" + st + "\">" +
           std::string(check::status_label(r.status)) + "</span>";
    if (r.status != check::Status::Unreadable) out += " · 适用规则 " + std::to_string(r.rules_applied) + " 条";
    size_t n[3] = {};
    for (const auto& f : r.findings) ++n[size_t(f.severity)];
    out += " · 错误 " + std::to_string(n[2]) + "，警告 " + std::to_string(n[1]) + "，提示 " + std::to_string(n[0]) +
           " · 用时 " + format_general(std::round(r.seconds * 1000) / 1000) + " 秒</p>\n";
    if (!stopped.empty())
        out += "<p class=\"error\">" +
               html_text(msg::text(Lang::zh, stopped == "timeout" ? "batch.stopped_timeout" : "batch.stopped_memory")) +
               "</p>\n";
    if (!r.error.empty()) out += "<p class=\"error\" id=\"error\">" + html_text(r.error) + "</p>\n";

    if (r.status != check::Status::Unreadable) {
        out += "<h2>审核结果</h2>\n";
        if (r.findings.empty()) {
            out += "<p class=\"none\">全部 " + std::to_string(r.rules_applied) + " 条适用规则均通过。</p>\n";
        } else {
            // Rules in order of first appearance, each with its findings.
            std::vector<std::string> order;
            std::map<std::string, std::vector<const check::Finding*>> by_rule;
            for (const auto& f : r.findings) {
                auto& v = by_rule[f.rule_id];
                if (v.empty()) order.push_back(f.rule_id);
                v.push_back(&f);
            }
            for (const std::string& id : order) {
                const auto& v = by_rule[id];
                out += "<section class=\"rule-group\" data-rule=\"" + html_text(id) + "\" data-count=\"" +
                       std::to_string(v.size()) + "\">\n<h3>" + html_text(id) + " · " + std::to_string(v.size()) +
                       " 项：" + html_text(v[0]->message) + "</h3>\n" + kFindingHead;
                for (size_t i = 0; i < v.size() && i < kKeepPerRule; ++i) finding_row(out, *v[i]);
                out += "</tbody></table>\n";
                if (v.size() > kKeepPerRule) {
                    out += "<details class=\"more\"><summary>其余 " + std::to_string(v.size() - kKeepPerRule) +
                           " 项</summary>\n" + kFindingHead;
                    for (size_t i = kKeepPerRule; i < v.size(); ++i) finding_row(out, *v[i]);
                    out += "</tbody></table>\n</details>\n";
                }
                out += "</section>\n";
            }
        }
        if (!r.stale.empty()) {
            out += "<h2 id=\"stale-title\">" + std::to_string(r.stale.size()) +
                   " 个单元格缓存值过期</h2>\n<p class=\"meta\">文件保存的值不是按公式计算的结果（保存前未重新计算，或在公式结果上直接填写了数值）。</p>\n";
            auto table = [&](size_t from, size_t to) {
                out += "<table class=\"stale\"><thead><tr><th>位置</th><th>缓存值</th><th>重算值</th></tr></thead><tbody>\n";
                for (size_t i = from; i < to; ++i) {
                    const auto& s = r.stale[i];
                    out += "<tr>";
                    td(out, "loc", s.sheet + "!" + s.cell);
                    td(out, "num", s.cached);
                    td(out, "num", s.recalculated);
                    out += "</tr>\n";
                }
                out += "</tbody></table>\n";
            };
            table(0, std::min(r.stale.size(), kKeepStale));
            if (r.stale.size() > kKeepStale) {
                out += "<details class=\"more\"><summary>其余 " + std::to_string(r.stale.size() - kKeepStale) +
                       " 个</summary>\n";
                table(kKeepStale, r.stale.size());
                out += "</details>\n";
            }
        }
    }
    if (!broken.empty()) {
        out += "<h2>未能执行的规则</h2>\n<table class=\"broken\"><thead><tr><th>规则</th><th>定义位置</th><th>错误</th></tr>"
               "</thead><tbody>\n";
        for (const auto& b : broken) {
            out += "<tr>";
            td(out, "rule", b.rule_id);
            td(out, "loc", b.origin);
            td(out, "msg", b.message);
            out += "</tr>\n";
        }
        out += "</tbody></table>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace sp::batch
