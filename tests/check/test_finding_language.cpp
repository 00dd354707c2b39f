// test_finding_language.cpp — the engine's words in findings in both languages (check::say,
// remark, message_in): `message` Chinese for the reports, message_en for an English terminal,
// the rule's own message kept as written in both; the terminal table follows TextOptions::lang.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "check/report_text.h"
#include "check/runner.h"

using namespace sp;
using namespace sp::check;

namespace {

struct Book {
    Workbook wb;
    SheetId s;
    Book() {
        s = wb.add_sheet("总表");
        wb.set_value(s, *parse_cell("A1"), Value(100.0));
        wb.set_value(s, *parse_cell("B1"), Value(100.01));
    }
};

Rule rule(std::string expr, double tol = 0) {
    Rule r;
    r.id = "L-1";
    r.sheet = "总表";
    r.message = "合计应相等";
    r.expr = std::move(expr);
    r.tolerance = tol;
    return r;
}

std::vector<Finding> run(Book& b, const Rule& r) {
    Calculator calc(b.wb);
    calc.recalc_full();
    return run_checks({r}, b.wb, calc);
}

}  // namespace

TEST_CASE("a rule that cannot run says why in both languages, the rule's message inside", "[check][messages]") {
    Book b;
    auto f = run(b, rule("缺表!A1 = A1"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "规则无法执行：缺少工作表「缺表」（合计应相等）");
    CHECK(f[0].message_en == "the rule cannot run: no sheet '缺表' (合计应相等)");
    CHECK(message_in(f[0], msg::Lang::zh) == f[0].message);
    CHECK(message_in(f[0], msg::Lang::en) == f[0].message_en);
}

TEST_CASE("a remark is appended in both languages to the rule's own message", "[check][messages]") {
    Book b;
    auto f = run(b, rule("A1 = B1", 0.02));
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::Info);
    CHECK(f[0].message == "合计应相等（尾差，在容差 0.02 内）");
    CHECK(f[0].message_en == "合计应相等 (rounding drift, within the tolerance 0.02)");

    // A plain failure is the rule's message alone: English readers get it as written.
    auto g = run(b, rule("A1 = B1"));
    REQUIRE(g.size() == 1);
    CHECK(g[0].message == "合计应相等");
    CHECK(g[0].message_en.empty());
    CHECK(message_in(g[0], msg::Lang::en) == "合计应相等");
}

TEST_CASE("the terminal table's words follow its language", "[check][messages]") {
    Book b;
    WorkbookReport r;
    r.path = "a.xlsx";
    r.findings = run(b, rule("缺表!A1 = A1"));
    r.rules_applied = 1;
    r.finish();
    TextOptions zh, en;
    en.lang = msg::Lang::en;
    std::string tz = format_text(r, zh), te = format_text(r, en);
    CHECK(tz.find("规则无法执行：缺少工作表「缺表」") != std::string::npos);
    CHECK(tz.find("警告") != std::string::npos);
    CHECK(tz.find("适用规则 1 条；错误 0，警告 1，提示 0。结果：警告") != std::string::npos);
    CHECK(te.find("the rule cannot run: no sheet '缺表'") != std::string::npos);
    CHECK(te.find("warning") != std::string::npos);
    CHECK(te.find("1 rules applied; 0 errors, 1 warnings, 0 notes. Result: warnings") != std::string::npos);
    CHECK(te.find("规则无法执行") == std::string::npos);

    WorkbookReport bad;
    bad.path = "b.xlsx";
    bad.error = "不是 xlsx 文件";
    bad.error_en = "not an xlsx file";
    bad.finish();
    CHECK(format_text(bad, zh).find("无法读取：不是 xlsx 文件") != std::string::npos);
    CHECK(format_text(bad, en).find("unreadable: not an xlsx file") != std::string::npos);
}
