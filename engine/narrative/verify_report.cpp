// verify_report.cpp — a VerifyResult for people (file:line, the sentence with the figure marked ⟨…⟩,
// text vs table value and cell), for programs (JSON, schema suanpan.verify-text/1) and as HTML
// (the 说明 with every figure coloured: agrees green, differs red, unmatched grey). The text and
// JSON follow the user's language; the HTML page is Chinese throughout, its summary line too.
#include <map>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "check/report_html.h"
#include "narrative/verify.h"

namespace sp::narrative {
namespace {

const char* status_name(Statement::Status s) {
    return s == Statement::Agrees ? "agrees" : s == Statement::Differs ? "differs" : "unmatched";
}

std::string fmt2(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

std::string marked(const Statement& s) {
    return s.sentence.substr(0, s.begin) + "⟨" + s.sentence.substr(s.begin, s.end - s.begin) + "⟩" + s.sentence.substr(s.end);
}

std::string summary(const VerifyResult& r, msg::Lang lang) {
    return msg::text(lang, "narrative.summary",
                     {std::to_string(r.statements.size()), std::to_string(r.count(Statement::Agrees)),
                      std::to_string(r.count(Statement::Differs)), std::to_string(r.count(Statement::Unmatched)),
                      std::to_string(r.findings.size())});
}

}  // namespace

std::string format_text(const VerifyResult& r, bool all) {
    std::string o;
    for (const Statement& s : r.statements) {
        if (s.status == Statement::Agrees && !all) continue;
        o += r.file + ":" + std::to_string(s.line) + ": " + status_name(s.status);
        if (s.status == Statement::Differs) {
            o += " (" + s.severity + ")";
            o += msg::text("narrative.text_differs", {s.text, fmt2(s.table_value), s.cell, fmt2(s.difference)});
        } else if (s.status == Statement::Agrees) {
            o += ": " + s.subject + " = " + s.cell;
        }
        if (!s.subject.empty() && s.status != Statement::Agrees) o += " [" + s.section + " " + s.subject + " " + s.attr + "]";
        if (!s.note.empty()) o += " " + s.note;
        o += "\n    " + marked(s) + "\n";
    }
    for (const TextFinding& f : r.findings)
        o += r.file + ":" + std::to_string(f.line) + ": " + f.severity + " " + f.rule + ": " + f.message + "\n";
    o += summary(r, msg::language()) + "\n";
    return o;
}

std::string format_json(const VerifyResult& r) {
    nlohmann::ordered_json j;
    j["schema"] = "suanpan.verify-text/1";
    j["file"] = r.file;
    j["workbook"] = r.workbook;
    j["template"] = r.template_name;
    j["encoding"] = r.encoding;
    j["summary"] = {{"statements", r.statements.size()},
                    {"agrees", r.count(Statement::Agrees)},
                    {"differs", r.count(Statement::Differs)},
                    {"unmatched", r.count(Statement::Unmatched)},
                    {"findings", r.findings.size()}};
    auto& st = j["statements"] = nlohmann::ordered_json::array();
    for (const Statement& s : r.statements) {
        nlohmann::ordered_json x = {{"line", s.line},       {"status", status_name(s.status)},
                                    {"section", s.section}, {"text", s.text},
                                    {"value", s.value},     {"unit", s.unit},
                                    {"attr", s.attr},       {"sentence", s.sentence}};
        if (s.figure >= 0) {
            x["subject"] = s.subject;
            x["cell"] = s.cell;
            x["table_value"] = s.table_value;
            x["difference"] = s.difference;
        }
        if (!s.severity.empty()) x["severity"] = s.severity;
        if (!s.note.empty()) x["note"] = s.note;
        st.push_back(std::move(x));
    }
    auto& fs = j["findings"] = nlohmann::ordered_json::array();
    for (const TextFinding& f : r.findings)
        fs.push_back({{"rule", f.rule}, {"severity", f.severity}, {"line", f.line}, {"message", f.message}, {"statements", f.statements}});
    j["exit_code"] = r.exit_code();
    return j.dump(1);
}

std::string format_html(const VerifyResult& r) {
    // sentences in order, each with its statements coloured
    std::string o =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>说明核对 " + check::html_escape(r.file) +
        "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.8}"
        ".agrees{background:#d4f7d4}.differs{background:#ffc9c9;font-weight:bold}.unmatched{background:#e4e4e4}"
        ".ln{color:#888;font-size:80%;margin-right:.5em}.f-error{color:#b00}.f-warning{color:#a60}.f-info{color:#666}</style></head><body>\n";
    o += "<h1>说明核对：" + check::html_escape(r.file) + "</h1>\n<p>" + check::html_escape(r.workbook) + "（模板 " + check::html_escape(r.template_name) + "）</p>\n<p>" +
         check::html_escape(summary(r, msg::Lang::zh)) + "</p>\n<p><span class=\"agrees\">一致</span> <span class=\"differs\">不一致</span> "
         "<span class=\"unmatched\">未匹配</span></p>\n";
    std::string last;
    std::map<std::string, std::vector<const Statement*>> by_sentence;
    std::vector<std::string> order;
    for (const Statement& s : r.statements) {
        std::string key = std::to_string(s.line) + "\x1f" + s.sentence;
        if (!by_sentence.count(key)) order.push_back(key);
        by_sentence[key].push_back(&s);
    }
    for (const std::string& key : order) {
        auto& list = by_sentence[key];
        const std::string& sent = list[0]->sentence;
        o += "<p><span class=\"ln\">" + std::to_string(list[0]->line) + "</span>";
        size_t at = 0;
        for (const Statement* s : list) {
            if (s->begin < at) continue;
            o += check::html_escape(sent.substr(at, s->begin - at));
            std::string title = s->status == Statement::Differs
                                    ? "表中 " + fmt2(s->table_value) + "（" + s->cell + "），差 " + fmt2(s->difference)
                                    : s->status == Statement::Agrees ? s->subject + " = " + s->cell : "未匹配";
            o += "<span class=\"" + std::string(status_name(s->status)) + "\" title=\"" + check::html_escape(title) + "\">" +
                 check::html_escape(sent.substr(s->begin, s->end - s->begin)) + "</span>";
            at = s->end;
        }
        o += check::html_escape(sent.substr(at)) + "</p>\n";
    }
    if (!r.findings.empty()) {
        o += "<h2>文内核对</h2>\n<ul>\n";
        for (const TextFinding& f : r.findings)
            o += "<li class=\"f-" + f.severity + "\">第 " + std::to_string(f.line) + " 行 " + check::html_escape(f.rule) + "：" + check::html_escape(f.message) + "</li>\n";
        o += "</ul>\n";
    }
    o += "</body></html>\n";
    return o;
}

}  // namespace sp::narrative
