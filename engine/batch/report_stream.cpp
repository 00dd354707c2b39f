// report_stream.cpp — see report_stream.h. One pass over the rows: aggregates (bounded by the
// number of rules and a top-20 heap), the page's table data and the inline JSON workbooks go to
// anonymous temporary files, the xlsx sheets to deflate streams; the files are assembled at the
// end. Memory is that of one row plus the aggregates, whatever the number of workbooks.
#include "batch/report_stream.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <queue>
#include <stdexcept>

#include "batch/batch.h"
#include "batch/detail_html.h"
#include "batch/row.h"
#include "batch/xlsx_stream.h"
#include "check/report_text.h"
#include "core/messages.h"
#include "core/number_text.h"
#include "core/value.h"
#include "xlsx/error.h"
#include "xlsx/output_file.h"

namespace sp::batch {

namespace fs = std::filesystem;

namespace {

constexpr size_t kTop = 20;          // rules and workbooks in the summary lists
constexpr size_t kStaticRows = 100;  // table rows rendered in the HTML itself (the first page)

struct TempFile {
    FILE* f = std::tmpfile();
    TempFile() {
        if (!f) throw xlsx::OutputError("", "", "", std::string("cannot create a temporary file: ") + std::strerror(errno));
    }
    ~TempFile() { std::fclose(f); }
    void put(std::string_view s) {
        if (std::fwrite(s.data(), 1, s.size(), f) != s.size())
            throw xlsx::OutputError("", "", "", std::string("cannot write a temporary file: ") + std::strerror(errno));
    }
    void copy_to(FILE* out, const std::string& path) {
        std::fflush(f);
        std::rewind(f);
        char buf[1 << 16];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
            if (std::fwrite(buf, 1, n, out) != n) throw xlsx::OutputError(path, "", "", std::strerror(errno));
    }
};

void put(FILE* f, const std::string& path, std::string_view s) {
    if (std::fwrite(s.data(), 1, s.size(), f) != s.size()) throw xlsx::OutputError(path, "", "", std::strerror(errno));
}

// href of a relative path: every byte but unreserved characters and '/' percent-encoded.
std::string href(std::string_view p) {
    std::string out;
    for (unsigned char c : p) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string status_text(const Row& r) {
    if (!r.stopped.empty()) return "已停止";
    return std::string(check::status_label(r.report.status));
}

struct RuleStat {
    check::Severity severity = check::Severity::Info;
    std::string message;
    size_t workbooks = 0, findings = 0;
};
struct BrokenStat {
    std::string origin, message;
    size_t workbooks = 0;
};
struct Top {
    size_t errors, index;
    std::string path, detail, status;
    bool operator<(const Top& o) const { return errors != o.errors ? errors > o.errors : index < o.index; }  // min-heap on errors
};

// XCell of a rendered value: numbers as numbers (so that Excel sorts and sums them).
XCell value_cell(const std::string& s) {
    if (auto d = parse_number_text(s); d && s.find('%') == std::string::npos) return XCell(*d);
    return XCell(s);
}

const char* kScript = R"JS(
(function(){
var R=window.SP_ROWS||[],ST=["passed","info","warnings","failed","unreadable"];
var L={passed:"通过",info:"提示",warnings:"警告",failed:"未通过",unreadable:"无法读取"};
var view=R,page=0,key=-1,dir=1,q=document.getElementById("q"),s=document.getElementById("st"),z=document.getElementById("size");
function esc(t){return String(t).replace(/[&<>"]/g,function(c){return{"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;"}[c];});}
function link(p){return p.split("/").map(encodeURIComponent).join("/");}
function apply(){var t=q.value.toLowerCase(),w=s.value;
 view=R.filter(function(r){return(!w||(w=="stopped"?r[8]:ST[r[1]]==w&&!r[8])||(w=="passed"&&ST[r[1]]=="info"&&!r[8]))&&(!t||r[0].toLowerCase().indexOf(t)>=0);});
 if(key>=0)view=view.slice().sort(function(a,b){var x=a[key],y=b[key];return(x<y?-1:x>y?1:a[9]-b[9])*dir;});
 page=0;draw();}
function draw(){var n=+z.value,pages=Math.max(1,Math.ceil(view.length/n));if(page>=pages)page=pages-1;
 var h="";view.slice(page*n,page*n+n).forEach(function(r){var st=ST[r[1]],u=st=="unreadable";
  h+='<tr class="st-'+st+'" data-status="'+st+'"><td class="num">'+(r[9]+1)+'</td><td class="path">'+(r[7]?'<a href="'+link(r[7])+'">'+esc(r[0])+'</a>':esc(r[0]))+'</td><td class="status">'+(r[8]?"已停止":L[st])+'</td>';
  [2,3,4,5,6].forEach(function(k){h+='<td class="num">'+(u?"—":r[k])+'</td>';});h+='</tr>';});
 document.querySelector("#summary tbody").innerHTML=h;
 document.getElementById("pageinfo").textContent="第 "+(page+1)+" / "+pages+" 页，筛选出 "+view.length+" 个（共 "+R.length+" 个）";}
q.oninput=apply;s.onchange=apply;z.onchange=draw;
document.getElementById("prev").onclick=function(){if(page>0){page--;draw();}};
document.getElementById("next").onclick=function(){page++;draw();};
document.querySelectorAll("#summary th[data-key]").forEach(function(th){th.onclick=function(){var k=+th.getAttribute("data-key");
 if(key==k)dir=-dir;else{key=k;dir=k==0||k==9?1:-1;}apply();};});
document.getElementById("controls").hidden=false;apply();
})();
)JS";

}  // namespace

struct ReportBuilder::Impl {
    std::string dir;
    ReportPaths paths;
    StreamSummary sum;
    std::map<std::string, RuleStat> rules;
    std::map<std::string, BrokenStat> broken;
    std::priority_queue<Top> top;  // the kTop workbooks with most errors (smallest on top)
    TempFile data, json_rows;
    std::string static_rows;
    XlsxStream x;
    size_t xs, xf, xc, xn;
    size_t capped_workbooks = 0;

    explicit Impl(const std::string& d) : dir(d) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) throw xlsx::OutputError(dir, "", "", "cannot create the folder: " + ec.message());
        paths = {(fs::path(dir) / "report.json").string(), (fs::path(dir) / "report.html").string(),
                 (fs::path(dir) / "report.xlsx").string()};
        xs = x.add_sheet("汇总", {"序号", "工作簿", "状态", "错误", "警告", "提示", "缓存值过期", "适用规则", "原因或说明", "明细页"},
                         {8, 48, 10, 8, 8, 8, 12, 10, 48, 40});
        xf = x.add_sheet("审核结果", {"工作簿", "规则", "级别", "工作表", "单元格", "期望值", "实际值", "差额", "容差", "说明"},
                         {48, 12, 8, 24, 10, 14, 14, 12, 8, 60});
        xc = x.add_sheet("缓存值过期", {"工作簿", "工作表", "单元格", "缓存值", "重算值"}, {48, 24, 10, 16, 16});
        xn = x.add_sheet("说明", {"项目", "内容"}, {24, 100});
    }

    void add(const Row& row, std::string_view line) {
    const check::WorkbookReport& r = row.report;
    size_t pos = sum.workbooks++;
    ++sum.by_status[size_t(r.status)];
    for (int s = 0; s < 3; ++s) sum.findings[s] += row.counts[s];
    sum.stale += row.stale_total;
    sum.timeouts += row.stopped == "timeout";
    sum.memory_stops += row.stopped == "memory";

    // Rules: workbooks where each fails (above info), findings listed.
    std::map<std::string, bool> seen;
    for (const check::Finding& f : r.findings) {
        if (f.severity == check::Severity::Info) continue;
        RuleStat& st = rules[f.rule_id];
        if (st.message.empty()) st.message = f.message;
        st.severity = std::max(st.severity, f.severity);
        ++st.findings;
        if (!seen[f.rule_id]) {
            seen[f.rule_id] = true;
            ++st.workbooks;
        }
    }
    for (const BrokenRule& b : row.broken) {
        BrokenStat& st = broken[b.rule_id];
        if (st.message.empty()) {
            st.origin = b.origin;
            st.message = b.message;
        }
        ++st.workbooks;
    }
    if (r.status == check::Status::Failed || r.status == check::Status::Unreadable) {
        if (sum.problem_count++ < 20)
            sum.problems.push_back(status_text(row) + "\t" + r.path + "\t" +
                                   (r.status == check::Status::Unreadable
                                        ? r.error
                                        : std::to_string(row.count(check::Severity::Error)) + " 项错误"));
    }
    if (row.count(check::Severity::Error) > 0) {
        top.push({row.count(check::Severity::Error), pos, r.path, row.detail, status_text(row)});
        if (top.size() > kTop) top.pop();
    }

    // Table data: [path, status, errors, warnings, infos, stale, rules, detail, stopped, position]
    std::string d = "[";
    append_json_string(d, r.path);
    d += "," + std::to_string(int(r.status)) + "," + std::to_string(row.counts[2]) + "," +
         std::to_string(row.counts[1]) + "," + std::to_string(row.counts[0]) + "," + std::to_string(row.stale_total) +
         "," + std::to_string(r.rules_applied) + ",";
    append_json_string(d, row.detail);
    d += row.stopped.empty() ? ",0," : ",1,";
    d += std::to_string(pos) + "],\n";
    for (size_t k = 0; (k = d.find("</", k)) != std::string::npos;) d.replace(k, 2, "<\\/");
    data.put(d);
    if (pos < kStaticRows) {
        std::string st(check::status_name(r.status));
        bool read = r.status != check::Status::Unreadable;
        static_rows += "<tr class=\"st-" + st + "\" data-status=\"" + st + "\"><td class=\"num\">" +
                       std::to_string(pos + 1) + "</td><td class=\"path\">" +
                       (row.detail.empty() ? html_text(r.path)
                                           : "<a href=\"" + href(row.detail) + "\">" + html_text(r.path) + "</a>") +
                       "</td><td class=\"status\">" + html_text(status_text(row)) + "</td>";
        for (size_t v : {row.counts[2], row.counts[1], row.counts[0], row.stale_total, r.rules_applied})
            static_rows += "<td class=\"num\">" + (read ? std::to_string(v) : std::string("—")) + "</td>";
        static_rows += "</tr>\n";
    }
    if (pos < kInlineJsonRows) {
        if (pos) json_rows.put(",\n");
        json_rows.put(line);
    }

    // xlsx
    bool read = r.status != check::Status::Unreadable;
    std::string note = r.error;
    for (const BrokenRule& b : row.broken) note += (note.empty() ? "" : "；") + std::string("规则 ") + b.rule_id + " 未能执行";
    x.row(xs, {XCell(pos + 1), r.path, status_text(row), read ? XCell(row.counts[2]) : XCell(),
               read ? XCell(row.counts[1]) : XCell(), read ? XCell(row.counts[0]) : XCell(),
               read ? XCell(row.stale_total) : XCell(), read ? XCell(r.rules_applied) : XCell(), note, row.detail});
    size_t listed = 0, total = row.counts[0] + row.counts[1] + row.counts[2];
    for (const check::Finding& f : r.findings) {
        if (listed >= kXlsxFindings) break;
        ++listed;
        x.row(xf, {r.path, f.rule_id, check::severity_label(f.severity), f.sheet, f.cell, value_cell(f.expected),
                   value_cell(f.found), f.has_difference ? XCell(f.difference) : XCell(),
                   f.tolerance ? XCell(f.tolerance) : XCell(), f.message});
    }
    if (total > listed) {
        ++capped_workbooks;
        x.row(xf, {r.path, "…", "", "", "", XCell(), XCell(), XCell(), XCell(),
                   "另有 " + std::to_string(total - listed) + " 项未列出（每个工作簿最多列出 " +
                       std::to_string(kXlsxFindings) + " 项，同一规则最多 " + std::to_string(kKeepPerRule) +
                       " 项），完整列表见明细页 " + row.detail});
    }
    for (const check::StaleValue& s : r.stale)
        x.row(xc, {r.path, s.sheet, s.cell, value_cell(s.cached), value_cell(s.recalculated)});
    if (row.stale_total > r.stale.size())
        x.row(xc, {r.path, "另有 " + std::to_string(row.stale_total - r.stale.size()) + " 个未列出（每个工作簿最多列出 " +
                               std::to_string(kKeepStale) + " 个），见明细页 " + row.detail});
    }

    ReportPaths finish(const BatchMeta& meta, StreamSummary* out_summary) {
        std::error_code ec;
        for (const auto& [id, b] : broken)
            sum.broken.push_back(msg::text("batch.broken_rule", {id, b.origin, std::to_string(b.workbooks), b.message}));
        const size_t n = sum.workbooks;
        const size_t passed = sum.by_status[size_t(check::Status::Passed)] + sum.by_status[size_t(check::Status::Info)];

        // --- report.json --------------------------------------------------------------
        nlohmann::json head;
        head["schema"] = "suanpan.check/1";
        head["summary"] = {{"workbooks", n},
                           {"passed", passed},
                           {"warnings", sum.by_status[size_t(check::Status::Warnings)]},
                           {"failed", sum.by_status[size_t(check::Status::Failed)]},
                           {"unreadable", sum.by_status[size_t(check::Status::Unreadable)]},
                           {"stopped", {{"timeout", sum.timeouts}, {"memory", sum.memory_stops}}},
                           {"findings", {{"error", sum.findings[2]}, {"warning", sum.findings[1]}, {"info", sum.findings[0]}}},
                           {"stale", sum.stale}};
        nlohmann::json shards = nlohmann::json::array();
        for (const ShardRun& s : meta.shards)
            shards.push_back({{"shard", s.shard}, {"workbooks", s.workbooks}, {"jobs", s.jobs}, {"seconds", s.seconds},
                              {"generated", s.generated}, {"host", s.host}});
        head["batch"] = {{"generated", meta.generated}, {"rules", meta.rules}, {"shards", shards}};
        auto& br = head["broken_rules"] = nlohmann::json::array();
        for (const auto& [id, b] : broken)
            br.push_back({{"rule", id}, {"origin", b.origin}, {"message", b.message}, {"workbooks", b.workbooks}});
        head["workbooks_file"] = "workbooks.jsonl";
        bool inline_json = n <= kInlineJsonRows;
        if (!inline_json) head["workbooks_inline"] = false;
        std::string h = head.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        xlsx::write_atomically(paths.json, [&](FILE* f) {
            if (!inline_json) {
                put(f, paths.json, h + "\n");
                return;
            }
            h.resize(h.rfind('}'));  // reopen the object
            while (!h.empty() && (h.back() == '\n' || h.back() == ' ')) h.pop_back();
            put(f, paths.json, h + ",\n  \"workbooks\": [\n");
            json_rows.copy_to(f, paths.json);
            put(f, paths.json, "\n  ]\n}\n");
        });

        // --- report.html ---------------------------------------------------------------
        std::string page;
        page += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>批量审核报告</title>\n<style>";
        page += kReportStyle;
        page += "</style>\n</head>\n<body>\n<h1>批量审核报告</h1>\n<p class=\"meta\">";
        if (!meta.generated.empty()) page += "生成时间 " + html_text(meta.generated) + " · ";
        page += "工作簿 " + std::to_string(n) + " 个 · 规则 " + std::to_string(meta.rules) + " 条";
        if (meta.shards.size() == 1) {
            const ShardRun& s = meta.shards[0];
            if (s.shard != "1/1") page += " · 分片 " + html_text(s.shard);
            if (s.seconds > 0)
                page += " · 用时 " + format_general(std::round(s.seconds * 100) / 100) + " 秒（" + std::to_string(s.jobs) + " 线程）";
        } else if (meta.shards.size() > 1) {
            page += " · 合并自 " + std::to_string(meta.shards.size()) + " 个分片";
        }
        page += "</p>\n<div class=\"cards\" id=\"counts\">";
        auto card = [&](const char* label, size_t v, const char* cls, const char* id) {
            page += std::string("<div class=\"card ") + cls + "\" id=\"count-" + id + "\"><b>" + std::to_string(v) + "</b>" +
                    label + "</div>";
        };
        card("通过", passed, "st-passed", "passed");
        card("警告", sum.by_status[size_t(check::Status::Warnings)], "st-warnings", "warnings");
        card("未通过", sum.by_status[size_t(check::Status::Failed)], "st-failed", "failed");
        card("无法读取", sum.by_status[size_t(check::Status::Unreadable)] - sum.timeouts - sum.memory_stops, "st-unreadable",
             "unreadable");
        if (sum.timeouts + sum.memory_stops) card("已停止（超时或超内存）", sum.timeouts + sum.memory_stops, "st-unreadable", "stopped");
        page += "</div>\n<p class=\"meta\">问题合计：错误 " + std::to_string(sum.findings[2]) + " 项，警告 " +
                std::to_string(sum.findings[1]) + " 项，提示 " + std::to_string(sum.findings[0]) + " 项；缓存值过期 " +
                std::to_string(sum.stale) + " 个单元格。</p>\n";

        if (!broken.empty()) {
            page += "<h2>未能执行的规则</h2>\n<p class=\"meta\">这些规则本身出错（不是工作簿未通过），每条只列一次；修正规则后重新审核。</p>\n"
                    "<table id=\"broken\"><thead><tr><th>规则</th><th>定义位置</th><th>出错的工作簿数</th><th>错误</th></tr>"
                    "</thead><tbody>\n";
            for (const auto& [id, b] : broken)
                page += "<tr data-rule=\"" + html_text(id) + "\"><td class=\"rule\">" + html_text(id) + "</td><td class=\"loc\">" +
                        html_text(b.origin) + "</td><td class=\"num\">" + std::to_string(b.workbooks) + "</td><td class=\"msg\">" +
                        html_text(b.message) + "</td></tr>\n";
            page += "</tbody></table>\n";
        }
        if (!rules.empty()) {
            std::vector<std::pair<std::string, const RuleStat*>> order;
            for (const auto& [id, st] : rules) order.push_back({id, &st});
            std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
                return a.second->workbooks != b.second->workbooks ? a.second->workbooks > b.second->workbooks
                                                                  : a.second->findings > b.second->findings;
            });
            page += "<h2>未通过最多的规则</h2>\n<table id=\"top-rules\"><thead><tr><th>规则</th><th>级别</th><th>未通过的工作簿</th>"
                    "<th>问题数</th><th>说明</th></tr></thead><tbody>\n";
            for (size_t i = 0; i < order.size() && i < kTop; ++i) {
                const RuleStat& st = *order[i].second;
                std::string sev(check::severity_name(st.severity));
                page += "<tr><td class=\"rule\">" + html_text(order[i].first) + "</td><td class=\"sev sev-" + sev + "\">" +
                        std::string(check::severity_label(st.severity)) + "</td><td class=\"num\">" +
                        std::to_string(st.workbooks) + "</td><td class=\"num\">" + std::to_string(st.findings) +
                        "</td><td class=\"msg\">" + html_text(st.message) + "</td></tr>\n";
            }
            page += "</tbody></table>\n";
        }
        if (!top.empty()) {
            std::vector<Top> list;
            for (; !top.empty(); top.pop()) list.push_back(top.top());
            std::sort(list.begin(), list.end(), [](const Top& a, const Top& b) {
                return a.errors != b.errors ? a.errors > b.errors : a.index < b.index;
            });
            page += "<h2>错误最多的工作簿</h2>\n<table id=\"top-workbooks\"><thead><tr><th>#</th><th>工作簿</th><th>状态</th>"
                    "<th>错误</th></tr></thead><tbody>\n";
            for (const Top& t : list)
                page += "<tr><td class=\"num\">" + std::to_string(t.index + 1) + "</td><td class=\"path\">" +
                        (t.detail.empty() ? html_text(t.path)
                                          : "<a href=\"" + href(t.detail) + "\">" + html_text(t.path) + "</a>") +
                        "</td><td class=\"status\">" + html_text(t.status) + "</td><td class=\"num\">" +
                        std::to_string(t.errors) + "</td></tr>\n";
            page += "</tbody></table>\n";
        }
        page += "<h2>全部工作簿</h2>\n<div class=\"controls\" id=\"controls\" hidden><input id=\"q\" type=\"search\" "
                "placeholder=\"按文件名筛选\"><select id=\"st\"><option value=\"\">全部状态</option><option value=\"passed\">通过"
                "</option><option value=\"warnings\">警告</option><option value=\"failed\">未通过</option><option "
                "value=\"unreadable\">无法读取</option><option value=\"stopped\">已停止</option></select><select id=\"size\">"
                "<option>50</option><option selected>100</option><option>500</option></select><button id=\"prev\">上一页"
                "</button><button id=\"next\">下一页</button><span id=\"pageinfo\" class=\"meta\"></span></div>\n";
        if (n > kStaticRows)
            page += "<noscript><p class=\"meta\">此处列出前 " + std::to_string(kStaticRows) +
                    " 个；启用脚本后可筛选、排序、翻页查看全部，或打开 report.xlsx。</p></noscript>\n";
        page += "<table id=\"summary\">\n<thead><tr><th class=\"sort\" data-key=\"9\">#</th><th class=\"sort\" data-key=\"0\">工作簿"
                "</th><th class=\"sort\" data-key=\"1\">状态</th><th class=\"sort\" data-key=\"2\">错误</th><th class=\"sort\" "
                "data-key=\"3\">警告</th><th class=\"sort\" data-key=\"4\">提示</th><th class=\"sort\" data-key=\"5\">缓存值过期"
                "</th><th class=\"sort\" data-key=\"6\">适用规则</th></tr></thead>\n<tbody>\n";
        page += static_rows;
        page += "</tbody>\n</table>\n";
        bool inline_html = n <= kInlineHtmlRows;
        std::string data_js = (fs::path(dir) / "report-data.js").string();
        if (!inline_html) {
            xlsx::write_atomically(data_js, [&](FILE* f) {
                put(f, data_js, "window.SP_ROWS=[\n");
                data.copy_to(f, data_js);
                put(f, data_js, "];\n");
            });
        } else {
            fs::remove(data_js, ec);  // a previous, larger run's
        }
        xlsx::write_atomically(paths.html, [&](FILE* f) {
            put(f, paths.html, page);
            if (inline_html) {
                put(f, paths.html, "<script>window.SP_ROWS=[\n");
                data.copy_to(f, paths.html);
                put(f, paths.html, "];</script>\n");
            } else {
                put(f, paths.html, "<script src=\"report-data.js\"></script>\n");
            }
            put(f, paths.html, std::string("<script>") + kScript + "</script>\n</body>\n</html>\n");
        });

        // --- report.xlsx ---------------------------------------------------------------
        x.row(xn, {"生成时间", meta.generated});
        x.row(xn, {"工作簿", std::to_string(n) + " 个（汇总表每个一行）"});
        x.row(xn, {"审核结果的上限", "每个工作簿最多列出 " + std::to_string(kXlsxFindings) + " 项、同一规则最多 " +
                                       std::to_string(kKeepPerRule) + " 项；超出时该工作簿另起一行注明未列出的项数（本报告有 " +
                                       std::to_string(capped_workbooks) + " 个工作簿）。完整列表见 detail/ 下各工作簿的明细页。"});
        x.row(xn, {"缓存值过期的上限", "每个工作簿最多列出 " + std::to_string(kKeepStale) + " 个单元格，其余计数；完整列表见明细页。"});
        if (x.rows(xf) + 1 >= XlsxStream::kMaxRows)
            x.row(xn, {"行数上限", "审核结果超过 Excel 每表 1,048,576 行的上限，其后的行未写入；完整结果见 workbooks.jsonl。"});
        for (const auto& [id, b] : broken)
            x.row(xn, {"未能执行的规则", msg::text(msg::Lang::zh, "batch.broken_rule",
                                                  {id, b.origin, std::to_string(b.workbooks), b.message})});
        x.finish(paths.xlsx);
        if (out_summary) *out_summary = sum;
        return paths;
    }
};

ReportBuilder::ReportBuilder(const std::string& dir) : impl_(std::make_unique<Impl>(dir)) {}
ReportBuilder::~ReportBuilder() = default;
void ReportBuilder::add(const Row& row, std::string_view line) { impl_->add(row, line); }
ReportPaths ReportBuilder::finish(const BatchMeta& meta, StreamSummary* summary) { return impl_->finish(meta, summary); }

void feed_rows(const std::string& jsonl, size_t count, ReportBuilder& builder) {
    std::ifstream in(jsonl, std::ios::binary);
    if (!in) throw xlsx::OutputError(jsonl, "", "", "cannot open");
    std::string line;
    size_t lineno = 0, fed = 0;
    while (fed < count && std::getline(in, line)) {
        ++lineno;
        if (line.empty()) continue;
        Row row;
        try {
            row = row_from_line(line);
        } catch (const std::exception& e) {
            throw std::runtime_error(jsonl + ": line " + std::to_string(lineno) + ": " + e.what());
        }
        builder.add(row, line);
        ++fed;
    }
}

ReportPaths build_reports(const std::string& dir, const BatchMeta& meta, StreamSummary* summary) {
    ReportBuilder b(dir);
    feed_rows(jsonl_path(dir), SIZE_MAX, b);
    return b.finish(meta, summary);
}

}  // namespace sp::batch
