// test_check_runner.cpp — the check runner without Lua: rule matching, expression rules
// (sides, tolerance and 尾差, comparisons, rows, broken rules), fn callbacks, and the
// text / JSON / HTML / xlsx reports.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "calc/calculator.h"
#include "check/report_html.h"
#include "check/report_json.h"
#include "check/report_text.h"
#include "check/report_xlsx.h"
#include "check/runner.h"
#include "xlsx/xlsx.h"

using namespace sp;
using namespace sp::check;

namespace {

CellAddr at(const char* a1) { return *parse_cell(a1); }

// 公开01 in miniature: 收入 C6:C8, 本年收入合计 C9, 支出 F6:F8, 本年支出合计 F9, totals C10/F10.
struct Mini {
    Workbook wb;
    SheetId s;
    Mini() {
        s = wb.add_sheet("收入支出决算总表");
        double in[] = {640.13, 258.22, 0};
        double out[] = {896.48, 24.18, 36.68};
        for (int i = 0; i < 3; ++i) {
            wb.set_value(s, {5 + i, 2}, Value(in[i]));
            wb.set_value(s, {5 + i, 5}, Value(out[i]));
        }
        wb.set_formula(s, at("C9"), "=SUM(C6:C8)");
        wb.set_formula(s, at("F9"), "=SUM(F6:F8)");
        wb.set_value(s, at("C10"), Value(1126.72));  // typed totals, as in a submitted file
        wb.set_value(s, at("F10"), Value(1126.73));
        wb.add_name({"收入总计", kNoSheet, "'收入支出决算总表'!$C$10"});
        wb.add_name({"支出总计", kNoSheet, "'收入支出决算总表'!$F$10"});
    }
};

Rule expr_rule(std::string id, std::string expr, double tol = 0, Severity sev = Severity::Error) {
    Rule r;
    r.id = std::move(id);
    r.template_ = "部门决算公开";
    r.sheet = "收入支出决算总表";
    r.severity = sev;
    r.message = "测试规则";
    r.expr = std::move(expr);
    r.tolerance = tol;
    return r;
}

std::vector<Finding> run(Mini& m, const std::vector<Rule>& rules, const FnCheck& fn = nullptr, RunStats* st = nullptr) {
    Calculator calc(m.wb);
    calc.recalc_full();
    return run_checks(rules, m.wb, calc, fn, st);
}

}  // namespace

TEST_CASE("an expression rule reports both sides, the difference and the left cell", "[check]") {
    Mini m;
    auto f = run(m, {expr_rule("T-1", "C9 = F9")});
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule_id == "T-1");
    CHECK(f[0].severity == Severity::Error);
    CHECK(f[0].sheet == "收入支出决算总表");
    CHECK(f[0].cell == "C9");
    CHECK(f[0].found == "898.35");
    CHECK(f[0].expected == "957.34");
    CHECK(f[0].has_difference);
    CHECK(f[0].difference == Approx(-58.99));

    // Holds: no finding.
    CHECK(run(m, {expr_rule("T-2", "SUM(C6:C8) = C9")}).empty());
}

TEST_CASE("a difference within the tolerance is rounding drift (尾差): info, not error", "[check]") {
    Mini m;
    auto f = run(m, {expr_rule("T-1", "收入总计 = 支出总计", 0.02)});
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::Info);
    CHECK(f[0].cell == "C10");  // a defined name points at its cell
    CHECK(f[0].difference == Approx(-0.01));
    CHECK(f[0].message.find("尾差") != std::string::npos);
    // Beyond the tolerance: the rule's severity.
    auto g = run(m, {expr_rule("T-2", "收入总计 = 支出总计", 0.005)});
    REQUIRE(g.size() == 1);
    CHECK(g[0].severity == Severity::Error);
    // Binary noise is not a difference: 957.34 + 169.39 vs 1126.73.
    m.wb.set_value(m.s, at("A1"), Value(957.34));
    m.wb.set_value(m.s, at("B1"), Value(169.39));
    CHECK(run(m, {expr_rule("T-3", "A1+B1 = F10")}).empty());
}

TEST_CASE("comparisons <=, >=, <, >, <> and conditions", "[check]") {
    Mini m;
    CHECK(run(m, {expr_rule("A", "C9 <= F9")}).empty());
    CHECK(run(m, {expr_rule("B", "F9 >= C9")}).empty());
    CHECK(run(m, {expr_rule("C", "C9 < F9")}).empty());
    CHECK(run(m, {expr_rule("D", "C9 <> F9")}).empty());
    auto f = run(m, {expr_rule("E", "C9 >= F9")});
    REQUIRE(f.size() == 1);
    CHECK(f[0].difference == Approx(-58.99));
    CHECK(run(m, {expr_rule("F", "C9 > C9")}).size() == 1);
    CHECK(run(m, {expr_rule("G", "C10 <> 1126.72")}).size() == 1);
    // An expression without a comparison must be TRUE.
    CHECK(run(m, {expr_rule("H", "AND(C9>0, F9>0)")}).empty());
    auto g = run(m, {expr_rule("I", "ISBLANK(C6)")});
    REQUIRE(g.size() == 1);
    CHECK(g[0].found == "FALSE");
    CHECK(g[0].cell == "C6");
    // Text compares case-insensitively, as Excel's =.
    m.wb.set_value(m.s, at("A1"), Value::string("Abc"));
    CHECK(run(m, {expr_rule("J", "A1 = \"aBC\"")}).empty());
    CHECK(run(m, {expr_rule("K", "A1 = \"x\"")}).size() == 1);
}

TEST_CASE("an error value on a side is a finding of the rule", "[check]") {
    Mini m;
    auto f = run(m, {expr_rule("T", "C9/0 = F9")});
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::Error);
    CHECK(f[0].found == "#DIV/0!");
    CHECK(f[0].message.find("#DIV/0!") != std::string::npos);
}

TEST_CASE("a broken rule is reported, never a crash", "[check]") {
    Mini m;
    auto f = run(m, {expr_rule("P", "C9 = (F9"), expr_rule("S", "'不存在的表'!C9 = F9"), expr_rule("N", "没有的名称 = F9"),
                     expr_rule("U", "NOSUCHFN(C9) = 1")});
    REQUIRE(f.size() == 4);
    for (auto& x : f) {
        CHECK(x.severity == Severity::Warning);
        CHECK(x.message.rfind("规则无法执行", 0) == 0);
    }
    CHECK(f[0].message.find("无法解析") != std::string::npos);
    CHECK(f[1].message.find("不存在的表") != std::string::npos);
    CHECK(f[2].message.find("没有的名称") != std::string::npos);
    CHECK(f[3].message.find("NOSUCHFN") != std::string::npos);
}

TEST_CASE("rows: an expression written for the first row is checked on every row", "[check]") {
    Workbook wb;
    SheetId s = wb.add_sheet("支出决算表");
    for (int r = 1; r <= 4; ++r) {
        wb.set_value(s, {r, 3}, Value(10.0 * r));  // D
        wb.set_value(s, {r, 4}, Value(1.0 * r));   // E
        wb.set_value(s, {r, 2}, Value(11.0 * r));  // C = D + E
    }
    wb.set_value(s, at("C4"), Value(30.0));  // row 4 should be 33
    Rule r;
    r.id = "ROW";
    r.sheet = "支出决算表";
    r.message = "合计 = 基本 + 项目";
    r.expr = "C2 = D2+E2";
    r.rows = "2:5";
    Calculator calc(wb);
    calc.recalc_full();
    auto f = run_checks({r}, wb, calc);
    REQUIRE(f.size() == 1);
    CHECK(f[0].cell == "C4");
    CHECK(f[0].found == "30");
    CHECK(f[0].expected == "33");
    r.rows = "A1:B2";  // not a row range
    auto g = run_checks({r}, wb, calc);
    REQUIRE(g.size() == 1);
    CHECK(g[0].severity == Severity::Warning);
}

TEST_CASE("rule matching by sheet and by template family", "[check]") {
    Mini m;
    Rule by_sheet = expr_rule("A", "C9 = C9");
    Rule other_sheet = by_sheet;
    other_sheet.sheet = "支出决算表";
    Rule family;  // sheet-less, same template as by_sheet
    family.id = "F";
    family.template_ = "部门决算公开";
    Rule foreign;
    foreign.id = "X";
    foreign.template_ = "部门预算公开";
    Rule anywhere;
    anywhere.id = "W";
    std::vector<Rule> all{by_sheet, other_sheet, family, foreign, anywhere};
    CHECK(rule_applies(by_sheet, m.wb, all));
    CHECK_FALSE(rule_applies(other_sheet, m.wb, all));
    CHECK(rule_applies(family, m.wb, all));
    CHECK_FALSE(rule_applies(foreign, m.wb, all));
    CHECK(rule_applies(anywhere, m.wb, all));
    Rule named_like_sheet;  // a template named like one of the workbook's sheets
    named_like_sheet.template_ = "收入支出决算总表";
    CHECK(rule_applies(named_like_sheet, m.wb, {named_like_sheet}));

    RunStats st;
    run(m, {by_sheet, other_sheet}, nullptr, &st);
    CHECK(st.rules == 2);
    CHECK(st.applied == 1);
}

TEST_CASE("fn rules go through the callback; findings are normalised", "[check]") {
    Mini m;
    Rule r;
    r.id = "FN-1";
    r.sheet = "收入支出决算总表";
    r.message = "默认说明";
    r.lua_fn = 0;
    r.tolerance = 0.02;
    int calls = 0;
    FnCheck fn = [&](const Rule& rule, Workbook&, Calculator&) {
        ++calls;
        Finding a;  // within tolerance -> info
        a.severity = rule.severity;
        a.cell = "F10";
        a.found = "1126.73";
        a.expected = "1126.72";
        a.difference = 0.010000000000218;
        a.has_difference = true;
        Finding b;  // beyond it
        b.severity = rule.severity;
        b.message = "自定义";
        b.difference = 5;
        b.has_difference = true;
        return std::vector<Finding>{a, b};
    };
    auto f = run(m, {r}, fn);
    CHECK(calls == 1);
    REQUIRE(f.size() == 2);
    CHECK(f[0].rule_id == "FN-1");
    CHECK(f[0].severity == Severity::Info);
    CHECK(f[0].sheet == "收入支出决算总表");
    CHECK(f[0].difference == 0.01);  // binary noise dropped
    CHECK(f[1].severity == Severity::Error);
    CHECK(f[1].message == "自定义");

    // No runtime, or a callback that throws: a warning of that rule.
    auto g = run(m, {r});
    REQUIRE(g.size() == 1);
    CHECK(g[0].severity == Severity::Warning);
    auto h = run(m, {r}, [](const Rule&, Workbook&, Calculator&) -> std::vector<Finding> {
        throw std::runtime_error("boom");
    });
    REQUIRE(h.size() == 1);
    CHECK(h[0].message.find("boom") != std::string::npos);
}

// --- reports ---------------------------------------------------------------------------

namespace {
WorkbookReport sample_report() {
    WorkbookReport r;
    r.path = "单位A.xlsx";
    r.rules_applied = 3;
    Finding e;
    e.rule_id = "JS01-004";
    e.severity = Severity::Error;
    e.message = "收入总计应等于支出总计 <b>";
    e.sheet = "收入支出决算总表";
    e.cell = "C39";
    e.expected = "1126.73";
    e.found = "1000";
    e.difference = -126.73;
    e.has_difference = true;
    e.tolerance = 0.02;
    Finding i = e;
    i.rule_id = "X-1";
    i.severity = Severity::Info;
    i.sheet = "S";
    i.cell = "A1";
    i.difference = 0.01;
    r.findings = {e, i};
    r.stale.push_back({"收入支出决算总表", "C36", "898", "898.35"});
    r.finish();
    return r;
}
}  // namespace

TEST_CASE("display width counts CJK as two columns", "[check][report]") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("收入") == 4);
    CHECK(display_width("（尾差）") == 8);
    CHECK(display_width("a收b") == 4);
    CHECK(display_width("\xe6") == 1);  // a truncated sequence does not crash
}

TEST_CASE("the text table aligns columns by display width", "[check][report]") {
    WorkbookReport r = sample_report();
    CHECK(r.status == Status::Failed);
    std::string t = format_text(r);
    CHECK(t.find("JS01-004") != std::string::npos);
    CHECK(t.find("收入支出决算总表!C39") != std::string::npos);
    CHECK(t.find("未通过") != std::string::npos);
    CHECK(t.find("缓存") != std::string::npos);
    // The message column starts at the same display column on every table line.
    std::vector<size_t> starts;
    size_t pos = 0;
    while ((pos = t.find('\n', pos)) != std::string::npos && starts.size() < 4) {
        size_t next = t.find('\n', pos + 1);
        std::string line = t.substr(pos + 1, next - pos - 1);
        pos = next;
        auto m1 = line.find("收入总计应等于"), m2 = line.find("说明");
        auto m = m1 != std::string::npos ? m1 : m2;
        if (m != std::string::npos && line.find("--") == std::string::npos) starts.push_back(display_width(line.substr(0, m)));
    }
    REQUIRE(starts.size() >= 2);
    CHECK(starts[0] == starts[1]);
}

TEST_CASE("JSON report: stable schema and a lossless round trip", "[check][report]") {
    WorkbookReport r = sample_report();
    WorkbookReport bad;
    bad.path = "坏.xlsx";
    bad.error = "not a zip";
    bad.finish();
    auto j = report_to_json({r, bad});
    CHECK(j["schema"] == "suanpan.check/1");
    CHECK(j["summary"]["workbooks"] == 2);
    CHECK(j["summary"]["failed"] == 1);
    CHECK(j["summary"]["unreadable"] == 1);
    CHECK(j["workbooks"][0]["findings"][0]["rule"] == "JS01-004");
    CHECK(j["workbooks"][0]["findings"][0]["difference"] == Approx(-126.73));
    CHECK(j["workbooks"][0]["counts"]["info"] == 1);
    CHECK(j["workbooks"][1]["status"] == "unreadable");
    auto back = reports_from_json(nlohmann::json::parse(format_json({r, bad})));
    REQUIRE(back.size() == 2);
    CHECK(back[0].findings.size() == 2);
    CHECK(back[0].findings[0].cell == "C39");
    CHECK(back[0].findings[1].severity == Severity::Info);
    CHECK(back[0].stale.size() == 1);
    CHECK(back[1].status == Status::Unreadable);
    CHECK(back[1].error == "not a zip");
    CHECK_THROWS(reports_from_json(nlohmann::json::parse("{\"schema\":\"other\"}")));
}

TEST_CASE("HTML report: self-contained, summary rows with status, escaped text", "[check][report]") {
    WorkbookReport ok;
    ok.path = "好.xlsx";
    ok.finish();
    WorkbookReport bad;
    bad.path = "坏<1>.xlsx";
    bad.error = "无法读取 & 损坏";
    bad.finish();
    std::string h = report_html({sample_report(), ok, bad});
    CHECK(h.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(h.find("<table id=\"summary\">") != std::string::npos);
    CHECK(h.find("data-status=\"failed\"") != std::string::npos);
    CHECK(h.find("data-status=\"passed\"") != std::string::npos);
    CHECK(h.find("data-status=\"unreadable\"") != std::string::npos);
    CHECK(h.find("坏&lt;1&gt;.xlsx") != std::string::npos);
    CHECK(h.find("无法读取 &amp; 损坏") != std::string::npos);
    CHECK(h.find("&lt;b&gt;") != std::string::npos);  // messages are escaped
    CHECK(h.find("<script") == std::string::npos);
    CHECK(h.find("http://") == std::string::npos);
    CHECK(h.find("https://") == std::string::npos);
    CHECK(h.find("class=\"stale\"") != std::string::npos);
}

TEST_CASE("xlsx report: one row per finding with a bold header", "[check][report]") {
    auto path = (std::filesystem::temp_directory_path() / "sp_check_report_test.xlsx").string();
    write_report_xlsx({sample_report()}, path);
    auto doc = xlsx::read(path);
    Workbook& wb = *doc.workbook;
    auto s = wb.find_sheet("审核结果");
    REQUIRE(s);
    CHECK(to_display(wb.get(*s, at("A1"))) == "工作簿");
    CHECK(wb.styles().at(wb.sheet(*s).style_at(0, 0)).bold);
    CHECK(to_display(wb.get(*s, at("B2"))) == "JS01-004");
    CHECK(wb.get(*s, at("H2")).number() == Approx(-126.73));
    CHECK(to_display(wb.get(*s, at("B3"))) == "X-1");
    CHECK(wb.get(*s, at("A4")).is_empty());
    CHECK(wb.sheet(*s).layout().column_widths.count(9));
    REQUIRE(wb.find_sheet("汇总"));
    REQUIRE(wb.find_sheet("缓存值不一致"));
    std::filesystem::remove(path);
}
