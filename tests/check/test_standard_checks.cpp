// test_standard_checks.cpp — the shipped checks (plugins/checks) on the sample workbooks:
// they pass where the published documents are consistent, catch the inconsistencies the
// samples' README lists (DOMAIN.md §4), and each fails on a copy with one planted error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "check/check_file.h"
#include "check/report_text.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

using namespace sp;
using namespace sp::check;

namespace {

const std::string kSamples = std::string(SP_SOURCE_DIR) + "/workbooks/samples/";

struct Env {
    std::shared_ptr<lua::PluginSet> set = std::make_shared<lua::PluginSet>();
    std::shared_ptr<FunctionRegistry> registry;
    std::unique_ptr<lua::Runtime> rt;
    Env() {
        set->add_dir(lua::PluginSet::shipped_dir());
        registry = set->registry();
        rt = std::make_unique<lua::Runtime>(set);
    }
    xlsx::Document open(const std::string& name) {
        xlsx::ReadOptions ro;
        ro.registry = registry.get();
        return xlsx::read(kSamples + name, ro);
    }
    WorkbookReport check(xlsx::Document& doc) { return check_document(doc, set->rules(), rt.get()); }
    WorkbookReport check(const std::string& name) {
        auto doc = open(name);
        return check(doc);
    }
};

Env& env() {
    static Env e;
    return e;
}

std::string dump(const WorkbookReport& r) { return format_text(r); }

bool has(const WorkbookReport& r, const std::string& rule, const std::string& sheet, const std::string& cell,
         Severity sev) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
        return f.rule_id == rule && f.sheet == sheet && f.cell == cell && f.severity == sev;
    });
}

size_t fires(const WorkbookReport& r, const std::string& rule, Severity at_least = Severity::Info) {
    return std::count_if(r.findings.begin(), r.findings.end(),
                         [&](const Finding& f) { return f.rule_id == rule && f.severity >= at_least; });
}

// Findings above info, as "rule sheet!cell".
std::set<std::string> serious(const WorkbookReport& r) {
    std::set<std::string> out;
    for (const Finding& f : r.findings)
        if (f.severity != Severity::Info) out.insert(f.rule_id + " " + f.sheet + "!" + f.cell);
    return out;
}

}  // namespace

TEST_CASE("standard checks: the plugin files load and declare unique ids", "[check][standard]") {
    Env& e = env();
    std::string diags;
    for (const auto& d : e.set->diagnostics()) diags += d.text() + "\n";
    INFO(diags);
    CHECK(e.set->diagnostics().empty());
    std::set<std::string> ids;
    for (const Rule& r : e.set->rules()) {
        INFO(r.id);
        CHECK(ids.insert(r.id).second);
        CHECK(!r.message.empty());
    }
    for (const char* id : {"JS01-004", "JSX-005", "YS01-005", "YSX-004", "SM-001", "SM-002", "ZP-XM-003", "ZP-ZT-001"})
        CHECK(ids.count(id));
}

TEST_CASE("standard checks: 000 部门决算公开 sample", "[check][standard]") {
    auto r = env().check("000_部门决算公开.xlsx");
    INFO(dump(r));
    CHECK(r.rules_applied > 40);
    // 尾差 (DOMAIN §4 #8–#10): info.
    CHECK(has(r, "JS01-004", "收入支出决算总表", "C39", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H8", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H21", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H40", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H62", Severity::Info));
    CHECK(has(r, "JSX-008", "一般公共预算财政拨款支出决算表", "C8", Severity::Info));
    CHECK(has(r, "JSX-006", "一般公共预算财政拨款支出决算表", "C7", Severity::Info));
    CHECK(has(r, "JSX-002", "收入决算表", "D7", Severity::Info));
    CHECK(has(r, "JSX-001", "收入决算表", "C7", Severity::Info));
    // The sample's data gap: 公开06 left empty while 公开05 基本支出 is 466.87.
    CHECK(has(r, "JSX-005", "一般公共预算财政拨款支出决算表", "D7", Severity::Error));
    CHECK(has(r, "SM-001", "情况说明核对", "H63", Severity::Warning));
    CHECK(has(r, "SM-001", "情况说明核对", "H64", Severity::Warning));
    // Nothing else above info.
    CHECK(serious(r) == std::set<std::string>{"JSX-005 一般公共预算财政拨款支出决算表!D7", "SM-001 情况说明核对!H63",
                                              "SM-001 情况说明核对!H64"});
}

TEST_CASE("standard checks: 002 部门预算公开 sample", "[check][standard]") {
    auto r = env().check("002_部门预算公开.xlsx");
    INFO(dump(r));
    CHECK(r.rules_applied > 40);
    // #1, #2: shares forced to add up to 100 % — outside the input-rounding interval: warning.
    CHECK(has(r, "SM-002", "情况说明核对", "H6", Severity::Warning));
    CHECK(has(r, "SM-002", "情况说明核对", "H28", Severity::Warning));
    // #3–#5: growth rates reachable from unrounded inputs: info.
    for (const char* c : {"H40", "H43", "H44", "H45", "H46", "H56"}) {
        INFO(c);
        CHECK(has(r, "SM-002", "情况说明核对", c, Severity::Info));
    }
    // #6: 表6 301 printed 969.63 (Σ款 969.61) and what follows from it — 尾差.
    CHECK(has(r, "SM-001", "情况说明核对", "H47", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H48", Severity::Info));
    CHECK(has(r, "SM-001", "情况说明核对", "H49", Severity::Info));
    CHECK(has(r, "YSX-004", "表6 一般公共预算基本支出情况表", "C7", Severity::Info));
    CHECK(serious(r) == std::set<std::string>{"SM-002 情况说明核对!H6", "SM-002 情况说明核对!H28"});
}

TEST_CASE("standard checks: 000 整体支出绩效自评表 passes", "[check][standard]") {
    auto r = env().check("000_整体支出绩效自评表.xlsx");
    INFO(dump(r));
    CHECK(r.rules_applied >= 14);
    CHECK(serious(r).empty());
}

TEST_CASE("standard checks: 000 项目支出绩效自评表 samples", "[check][standard]") {
    Env& e = env();
    const std::string S = "项目支出绩效自评表";
    auto r1 = e.check("000_项目支出绩效自评表_1.xlsx");
    {
        INFO(dump(r1));
        // #16: 笔试成本 业绩值 "=20万元" while 偏差原因 says 实际支付了19.98万元.
        CHECK(has(r1, "ZP-XM-202", S, "G18", Severity::Warning));
        CHECK(serious(r1) == std::set<std::string>{"ZP-XM-202 " + S + "!G18"});
    }
    auto r2 = e.check("000_项目支出绩效自评表_2.xlsx");
    {
        INFO(dump(r2));
        CHECK(has(r2, "ZP-XM-104", S, "Q17", Severity::Info));  // #14: 9.325 printed 9.32
        CHECK(has(r2, "ZP-XM-105", S, "Q32", Severity::Info));
        CHECK(has(r2, "ZP-XM-201", S, "N16", Severity::Warning));  // #17: "11111"
        CHECK(serious(r2) == std::set<std::string>{"ZP-XM-201 " + S + "!N16"});
    }
    auto r3 = e.check("000_项目支出绩效自评表_3.xlsx");
    {
        INFO(dump(r3));
        CHECK(has(r3, "ZP-XM-102", S, "Q6", Severity::Error));  // #13: 99.87 % → 10.00
        CHECK(has(r3, "ZP-XM-104", S, "Q18", Severity::Info));  // #14: 9.965 printed 9.96
        CHECK(has(r3, "ZP-XM-105", S, "Q32", Severity::Error));
        CHECK(serious(r3) == std::set<std::string>{"ZP-XM-102 " + S + "!Q6", "ZP-XM-105 " + S + "!Q32"});
    }
    for (int i : {4, 5, 6, 7}) {
        auto r = e.check("000_项目支出绩效自评表_" + std::to_string(i) + ".xlsx");
        INFO(i << "\n" << dump(r));
        CHECK(serious(r).empty());
    }
}

TEST_CASE("standard checks: 003 项目支出绩效自评表 (2021 variant) samples", "[check][standard]") {
    Env& e = env();
    const std::string S = "项目支出绩效自评表";
    auto r1 = e.check("003_项目支出绩效自评表_1.xlsx");
    {
        INFO(dump(r1));
        CHECK(has(r1, "ZP-XM-104", S, "M15", Severity::Info));  // 1.23 vs rule 1.22 (§3.7 no rule fits)
        CHECK(has(r1, "ZP-XM-105", S, "M33", Severity::Info));
        CHECK(serious(r1).empty());
    }
    auto r3 = e.check("003_项目支出绩效自评表_3.xlsx");
    {
        INFO(dump(r3));
        CHECK(has(r3, "ZP-XM-002", S, "D8", Severity::Warning));  // blank 上年结转资金 年初预算数
        CHECK(serious(r3) == std::set<std::string>{"ZP-XM-002 " + S + "!D8"});
    }
    auto r5 = e.check("003_项目支出绩效自评表_5.xlsx");
    {
        INFO(dump(r5));
        CHECK(has(r5, "ZP-XM-104", S, "M18", Severity::Info));  // 2.37 vs rule 2.38
        CHECK(serious(r5).empty());
    }
    for (int i : {2, 4}) {
        auto r = e.check("003_项目支出绩效自评表_" + std::to_string(i) + ".xlsx");
        INFO(i << "\n" << dump(r));
        CHECK(serious(r).empty());
    }
}

// --- planted errors ---------------------------------------------------------------------
// Each row: a sample, a cell given a wrong constant (replacing its formula if it has one),
// and the rule that must then report an error or warning.
namespace {
struct Plant {
    const char* file;
    const char* sheet;
    const char* cell;
    double value;
    const char* rule;
};

const Plant kPlants[] = {
    // 部门决算公开
    {"000_部门决算公开.xlsx", "收入支出决算总表", "C36", 900, "JS01-001"},
    {"000_部门决算公开.xlsx", "收入支出决算总表", "C39", 1200, "JS01-002"},
    {"000_部门决算公开.xlsx", "收入支出决算总表", "F39", 1200, "JS01-003"},
    {"000_部门决算公开.xlsx", "收入支出决算总表", "F36", 1000, "JS01-005"},
    {"000_部门决算公开.xlsx", "收入决算表", "C10", 1, "JS02-001"},
    {"000_部门决算公开.xlsx", "收入决算表", "D9", 1, "JS02-002"},
    {"000_部门决算公开.xlsx", "支出决算表", "C10", 1, "JS03-001"},
    {"000_部门决算公开.xlsx", "支出决算表", "D9", 1, "JS03-002"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "F14", 1, "JS04-001"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "G37", 1, "JS04-002"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "C42", 1, "JS04-003"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "F42", 1, "JS04-004"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "G38", 5, "JS04-006"},
    {"000_部门决算公开.xlsx", "一般公共预算财政拨款支出决算表", "C10", 1, "JS05-001"},
    {"000_部门决算公开.xlsx", "一般公共预算财政拨款支出决算表", "D8", 1, "JS05-002"},
    {"000_部门决算公开.xlsx", "一般公共预算财政拨款基本支出决算表", "C6", 50, "JS06-001"},
    {"000_部门决算公开.xlsx", "一般公共预算财政拨款基本支出决算表", "C38", 50, "JS06-002"},
    {"000_部门决算公开.xlsx", "政府性基金预算财政拨款收入支出决算表", "H8", 5, "JS07-001"},
    {"000_部门决算公开.xlsx", "政府性基金预算财政拨款收入支出决算表", "D8", 5, "JS07-002"},
    {"000_部门决算公开.xlsx", "国有资本经营预算财政拨款收入支出决算表", "E8", 5, "JS08-001"},
    {"000_部门决算公开.xlsx", "财政拨款\"三公\"经费支出决算表", "A8", 9, "JS09-001"},
    {"000_部门决算公开.xlsx", "财政拨款\"三公\"经费支出决算表", "C8", 9, "JS09-002"},
    {"000_部门决算公开.xlsx", "财政拨款\"三公\"经费支出决算表", "G8", 9, "JS09-003"},
    {"000_部门决算公开.xlsx", "财政拨款\"三公\"经费支出决算表", "I8", 9, "JS09-004"},
    {"000_部门决算公开.xlsx", "收入决算表", "C7", 1000, "JSX-001"},
    {"000_部门决算公开.xlsx", "收入决算表", "E7", 10, "JSX-003"},
    {"000_部门决算公开.xlsx", "支出决算表", "C7", 1000, "JSX-004"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "C37", 700, "JSX-009"},
    {"000_部门决算公开.xlsx", "收入支出决算总表", "F14", 100, "JSX-007"},
    {"000_部门决算公开.xlsx", "财政拨款收入支出决算总表", "G15", 30, "JSX-008"},
    {"000_部门决算公开.xlsx", "情况说明核对", "H7", 5, "SM-001"},
    {"000_部门决算公开.xlsx", "情况说明核对", "H14", 0.5, "SM-002"},
    // 部门预算公开
    {"002_部门预算公开.xlsx", "表1 部门收支总体情况表", "B6", 2000, "YS01-001"},
    {"002_部门预算公开.xlsx", "表1 部门收支总体情况表", "B7", 2000, "YS01-002"},
    {"002_部门预算公开.xlsx", "表1 部门收支总体情况表", "B23", 2000, "YS01-003"},
    {"002_部门预算公开.xlsx", "表1 部门收支总体情况表", "B36", 2000, "YS01-004"},
    {"002_部门预算公开.xlsx", "表1 部门收支总体情况表", "D36", 2000, "YS01-006"},
    {"002_部门预算公开.xlsx", "表2 部门收入总体情况表", "C10", 1, "YS02-001"},
    {"002_部门预算公开.xlsx", "表2 部门收入总体情况表", "E9", 1, "YS02-002"},
    {"002_部门预算公开.xlsx", "表3 部门支出总体情况表", "C10", 1, "YS03-001"},
    {"002_部门预算公开.xlsx", "表3 部门支出总体情况表", "D9", 1, "YS03-002"},
    {"002_部门预算公开.xlsx", "表5 一般公共预算支出情况表", "C10", 1, "YS05-001"},
    {"002_部门预算公开.xlsx", "表6 一般公共预算基本支出情况表", "C9", 1, "YS06-001"},
    {"002_部门预算公开.xlsx", "表6 一般公共预算基本支出情况表", "D8", 1, "YS06-002"},
    {"002_部门预算公开.xlsx", "表10 财政拨款\"三公\"经费支出情况表", "B7", 1, "YS10-001"},
    {"002_部门预算公开.xlsx", "表10 财政拨款\"三公\"经费支出情况表", "B10", 1, "YS10-002"},
    {"002_部门预算公开.xlsx", "表2 部门收入总体情况表", "C7", 1, "YSX-001"},
    {"002_部门预算公开.xlsx", "表3 部门支出总体情况表", "C7", 1, "YSX-002"},
    {"002_部门预算公开.xlsx", "表3 部门支出总体情况表", "D12", 99, "YSX-011"},
    // 项目支出绩效自评表 (variant A)
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "E6", 20, "ZP-XM-001"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "E7", 0, "ZP-XM-002"},  // set blank below
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "E12", 15, "ZP-XM-003"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "I32", 90, "ZP-XM-004"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "I32", 101, "ZP-XM-005"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "I12", 12, "ZP-XM-006"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "E7", 16, "ZP-XM-007"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "P6", 0.9, "ZP-XM-101"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "Q6", 9, "ZP-XM-102"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "P12", 0.9, "ZP-XM-103"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "Q12", 9, "ZP-XM-104"},
    {"000_项目支出绩效自评表_4.xlsx", "项目支出绩效自评表", "Q32", 90, "ZP-XM-105"},
    // 单位整体支出绩效自评表
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "D8", 1000, "ZP-ZT-001"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "F12", 25, "ZP-ZT-003"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "H32", 90, "ZP-ZT-004"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "H12", 25, "ZP-ZT-006"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "K8", 0.9, "ZP-ZT-101"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "L8", 9, "ZP-ZT-102"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "L12", 15, "ZP-ZT-104"},
    {"000_整体支出绩效自评表.xlsx", "整体支出绩效自评表", "L32", 90, "ZP-ZT-105"},
};
}  // namespace

TEST_CASE("standard checks: every planted error is caught by its rule", "[check][standard]") {
    Env& e = env();
    std::map<std::string, WorkbookReport> untouched;
    for (const Plant& p : kPlants) {
        auto doc = e.open(p.file);
        Workbook& wb = *doc.workbook;
        auto s = wb.find_sheet(p.sheet);
        REQUIRE(s);
        auto c = *parse_cell(p.cell);
        std::string rule = p.rule;
        if (rule == "ZP-XM-002") wb.set_value(*s, c, Value());  // a blank source amount
        else wb.set_value(*s, c, Value(p.value));
        if (!untouched.count(p.file)) untouched[p.file] = e.check(p.file);
        const WorkbookReport& before = untouched[p.file];
        auto r = e.check(doc);
        INFO(p.file << " " << p.sheet << "!" << p.cell << " = " << p.value << " -> " << p.rule << "\n" << dump(r));
        // The rule reports more problems than on the untouched sample (which may have its own).
        CHECK(fires(r, p.rule, Severity::Warning) > fires(before, p.rule, Severity::Warning));
    }
}

TEST_CASE("standard checks: the duplicate-row and 偏差原因 checks", "[check][standard]") {
    Env& e = env();
    auto doc = e.open("000_项目支出绩效自评表_4.xlsx");
    Workbook& wb = *doc.workbook;
    SheetId s = *wb.find_sheet("项目支出绩效自评表");
    // Copy row 12's indicator names into row 13: a duplicated indicator.
    for (const char* col : {"B", "C", "D"}) {
        auto from = *parse_cell(std::string(col) + "12"), to = *parse_cell(std::string(col) + "13");
        wb.set_value(s, to, wb.get(s, from));
    }
    wb.set_value(s, *parse_cell("N19"), Value::string("实际支付维护维修费用1.50万元，超出预算。"));
    auto r = e.check(doc);
    INFO(dump(r));
    CHECK(has(r, "ZP-XM-203", "项目支出绩效自评表", "D13", Severity::Warning));
    CHECK(has(r, "ZP-XM-202", "项目支出绩效自评表", "G19", Severity::Warning));
}
