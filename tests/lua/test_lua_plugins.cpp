// test_lua_plugins.cpp — loading plugin files: directories in order, broken files,
// name clashes, the registry, SUANPAN_PLUGIN_PATH, check declarations and check functions.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        path = fs::temp_directory_path() / ("suanpan_lua_" + name + "_" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& rel, const std::string& text) const {
        fs::create_directories((path / rel).parent_path());
        std::ofstream(path / rel) << text;
    }
};

}  // namespace

TEST_CASE("plugins: a syntax error is reported with file and line; the other files load", "[lua][plugins]") {
    TempDir dir("syntax");
    dir.write("a_good.lua", R"(suanpan.func{ name = "甲", fn = function() return 1 end })");
    dir.write("b_broken.lua", "suanpan.func{ name = \"乙\", fn = function() return 1 end }\n\nlocal x = = 2\n");
    dir.write("c_good.lua", R"(suanpan.func{ name = "丙", fn = function() return 3 end })");
    lua::PluginSet set;
    set.add_dir(dir.path.string());
    REQUIRE(set.diagnostics().size() == 1);
    const auto& d = set.diagnostics()[0];
    CHECK(d.file == dir.path.filename().string() + "/b_broken.lua");
    CHECK(d.line == 3);
    CHECK(d.text().find("b_broken.lua:3:") != std::string::npos);
    REQUIRE(set.functions().size() == 2);  // 乙 is not kept: its file failed
    CHECK(set.functions()[0].decl.name == "甲");
    CHECK(set.functions()[1].decl.name == "丙");
}

TEST_CASE("plugins: a runtime error at load time is reported with its line", "[lua][plugins]") {
    lua::PluginSet set;
    set.add_source("x.lua", "local a = 1\nlocal b = nil\nreturn b.c\n");
    set.add_source("y.lua", "suanpan.func{ name = \"AB12\", fn = function() end }");  // a cell address
    set.add_source("z.lua", "suanpan.func{ name = \"好名字\" }");                      // no fn
    REQUIRE(set.diagnostics().size() == 3);
    CHECK(set.diagnostics()[0].text().rfind("x.lua:3: cannot load plugin: ", 0) == 0);
    CHECK(set.diagnostics()[1].message.find("invalid function name 'AB12'") != std::string::npos);
    CHECK(set.diagnostics()[2].message.find("fn must be a function") != std::string::npos);
}

TEST_CASE("plugins: a clash with a built-in or another plugin names both", "[lua][plugins]") {
    lua::PluginSet set;
    set.add_source("one.lua", "\nsuanpan.func{ name = \"差额\", fn = function() return 1 end }");
    set.add_source("two.lua", "suanpan.func{ name = \"Sum\", fn = function() return 2 end }\n"
                              "suanpan.func{ name = \"差额\", fn = function() return 3 end }\n"
                              "suanpan.func{ name = \"独有\", fn = function() return 4 end }\n");
    REQUIRE(set.diagnostics().size() == 2);
    CHECK(set.diagnostics()[0].message.find("Sum (two.lua:1) clashes with the built-in SUM") != std::string::npos);
    CHECK(set.diagnostics()[1].message.find("差额 (two.lua:2) clashes with 差额 (one.lua:2)") != std::string::npos);
    REQUIRE(set.functions().size() == 2);
    // The first 差额 wins; the rest of two.lua still loads.
    auto ptr = std::shared_ptr<lua::PluginSet>(&set, [](lua::PluginSet*) {});
    LuaBook b(ptr);
    CHECK(b.eval("=差额()").number() == 1);
    CHECK(b.eval("=独有()").number() == 4);
    CHECK(b.eval("=SUM(1,2)").number() == 3);
}

TEST_CASE("plugins: files load in sorted order, subdirectories included; globals stay per file", "[lua][plugins]") {
    TempDir dir("order");
    dir.write("b.lua", "shared = 'b'\nsuanpan.func{ name = \"读B\", fn = function() return shared end }");
    dir.write("a.lua", "shared = 'a'\nsuanpan.func{ name = \"读A\", fn = function() return shared end }");
    dir.write("sub/c.lua", "suanpan.func{ name = \"读C\", fn = function() return shared or 'none' end }");
    dir.write("notes.txt", "not a plugin");
    lua::PluginSet set;
    set.add_dir(dir.path.string());
    REQUIRE(set.functions().size() == 3);
    CHECK(set.functions()[0].decl.name == "读A");
    CHECK(set.functions()[1].decl.name == "读B");
    CHECK(set.functions()[2].decl.name == "读C");
    auto ptr = std::shared_ptr<lua::PluginSet>(&set, [](lua::PluginSet*) {});
    LuaBook b(ptr);
    CHECK(sp::test::str(b.eval("=读A()")) == "a");
    CHECK(sp::test::str(b.eval("=读B()")) == "b");
    CHECK(sp::test::str(b.eval("=读C()")) == "none");
}

TEST_CASE("plugins: shipped dir, extra dirs and SUANPAN_PLUGIN_PATH", "[lua][plugins]") {
    TempDir extra("extra"), env("env");
    extra.write("x.lua", R"(suanpan.func{ name = "额外", fn = function() return 1 end })");
    env.write("y.lua", R"(suanpan.func{ name = "环境", fn = function() return 2 end })");
    ::setenv("SUANPAN_PLUGIN_PATH", (env.path.string() + ":/nonexistent/dir").c_str(), 1);
    auto set = lua::PluginSet::load_default({extra.path.string()});
    ::unsetenv("SUANPAN_PLUGIN_PATH");
    auto reg = set->registry();
    CHECK(reg->find("预决算差异率"));  // shipped
    CHECK(reg->find("指标得分"));
    CHECK(reg->find("额外"));
    CHECK(reg->find("环境"));
    CHECK(reg->find("SUM"));
    const FunctionDef* d = reg->find("预决算差异率");
    REQUIRE(d);
    CHECK(d->family == "plugins/fiscal.lua");
    CHECK(d->params == std::vector<std::string>{"预算数", "决算数"});
    CHECK(d->excel_form == "IF(%1=0,0,(%2-%1)/%1)");
    CHECK(!d->description.empty());
    bool reported = false;
    for (const auto& g : set->diagnostics()) reported |= g.file == "/nonexistent/dir";
    CHECK(reported);
}

TEST_CASE("plugins: volatile functions are flagged", "[lua][plugins]") {
    lua::PluginSet set;
    set.add_source("v.lua", R"(suanpan.func{ name = "时刻", volatile = true, fn = function() return suanpan.clock() end })");
    auto reg = set.registry();
    REQUIRE(reg->find("时刻"));
    CHECK(reg->find("时刻")->flags & kVolatile);
}

TEST_CASE("checks: declarations become rules", "[lua][checks]") {
    lua::PluginSet set;
    set.add_source("rules.lua", R"LUA(
suanpan.check{ id = "JS01-001", template = "部门决算公开", sheet = "收入支出决算总表",
  severity = "error", message = "收入总计应等于支出总计", expr = "C40 = F40", tolerance = 0.005 }
suanpan.check{ id = "JS01-002", sheet = "收入支出决算总表", severity = "warning",
  message = "本年收入合计为正", fn = function(wb) return true end }
suanpan.check{ id = "JS01-001", expr = "A1 = A2" }
suanpan.check{ id = "BAD", severity = "fatal", expr = "A1=1" }
)LUA");
    // The whole file fails on the bad severity: nothing from it is kept.
    CHECK(set.rules().empty());
    REQUIRE(set.diagnostics().size() == 1);
    CHECK(set.diagnostics()[0].line == 7);

    lua::PluginSet ok;
    ok.add_source("rules.lua", R"LUA(
suanpan.check{ id = "JS01-001", template = "部门决算公开", sheet = "收入支出决算总表",
  severity = "error", message = "收入总计应等于支出总计", expr = "C40 = F40", tolerance = 0.005 }
suanpan.check{ id = "JS01-002", sheet = "收入支出决算总表", severity = "warning",
  message = "本年收入合计为正", fn = function(wb) return true end }
suanpan.check{ id = "JS01-001", expr = "A1 = A2" }
suanpan.check{ id = "JS04-001", sheet = "支出决算表", expr = "C7 = D7+E7", rows = "7:31" }
)LUA");
    REQUIRE(ok.rules().size() == 3);
    CHECK(ok.rules()[2].rows == "7:31");
    const check::Rule& r = ok.rules()[0];
    CHECK(r.id == "JS01-001");
    CHECK(r.template_ == "部门决算公开");
    CHECK(r.sheet == "收入支出决算总表");
    CHECK(r.severity == check::Severity::Error);
    CHECK(r.expr == "C40 = F40");
    CHECK(r.tolerance == 0.005);
    CHECK(r.lua_fn == -1);
    CHECK(r.origin == "rules.lua:2");
    CHECK(ok.rules()[1].lua_fn == 0);
    CHECK(ok.rules()[1].severity == check::Severity::Warning);
    REQUIRE(ok.diagnostics().size() == 1);  // the duplicate id
    CHECK(ok.diagnostics()[0].message.find("JS01-001 (rules.lua:6) is already declared (rules.lua:2)") !=
          std::string::npos);
}

TEST_CASE("checks: fn checks read the workbook and report findings", "[lua][checks]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_source("rules.lua", R"LUA(
suanpan.check{ id = "T-1", sheet = "总表", message = "收入总计应等于支出总计", tolerance = 0.005,
  fn = function(wb)
    local s = wb:sheet("总表")
    local income, spend = s:cell("C40"), s:cell("F40")
    if math.abs(income - spend) > 0.005 then
      suanpan.fail{ cell = "C40", expected = spend, found = income }
    end
  end }
suanpan.check{ id = "T-2", sheet = "总表", message = "合计 = Σ分项",
  fn = function(wb)
    local r = wb:sheet("总表"):range("C5:C7")
    local sum = suanpan.sum(r)
    local total = wb:cell("'总表'!C8")
    if suanpan.round(sum, 2) ~= total then
      return { { cell = "C8", expected = sum, found = total }, { cell = "C5:C7", message = "分项" } }
    end
  end }
suanpan.check{ id = "T-3", message = "names and eval", fn = function(wb)
    local names = wb:names()
    local n = wb:eval("=SUM(总表!C5:C7)")
    local row = select(2, wb:sheet("总表"):find("收入总计"))
    return string.format("%s|%s|%s|%s", tostring(names["合计"]), n, row, wb:range("合计"):rows())
  end }
suanpan.check{ id = "T-4", message = "passes", fn = function(wb) return true end }
suanpan.check{ id = "T-5", message = "raises", fn = function(wb) return wb:sheet("总表"):cell("not a cell") end }
suanpan.check{ id = "T-6", message = "simply false", fn = function(wb) return false end }
)LUA");
    REQUIRE(set->diagnostics().empty());
    auto reg = set->registry();
    Workbook wb(reg.get());
    SheetId s = wb.add_sheet("总表");
    wb.set_value(s, *parse_cell("C40"), Value(1126.72));
    wb.set_value(s, *parse_cell("F40"), Value(1126.73));
    wb.set_value(s, *parse_cell("C5"), Value(1.0));
    wb.set_value(s, *parse_cell("C6"), Value(2.0));
    wb.set_value(s, *parse_cell("C7"), Value(3.0));
    wb.set_formula(s, *parse_cell("C8"), "=SUM(C5:C7)+1");
    wb.set_value(s, *parse_cell("A40"), Value::string("收入总计"));
    wb.add_name(DefinedName{"合计", kNoSheet, "总表!$C$5:$C$8"});
    lua::Runtime rt(set);
    Calculator calc(wb);
    calc.set_host(&rt.host(), &rt);
    calc.recalc_full();

    auto f1 = rt.run_check(set->rules()[0], wb, calc);
    REQUIRE(f1.size() == 1);
    CHECK(f1[0].rule_id == "T-1");
    CHECK(f1[0].cell == "C40");
    CHECK(f1[0].sheet == "总表");
    CHECK(f1[0].message == "收入总计应等于支出总计");
    CHECK(f1[0].expected == "1126.73");
    CHECK(f1[0].found == "1126.72");
    CHECK(f1[0].has_difference);
    CHECK(f1[0].difference == Approx(-0.01));
    CHECK(f1[0].tolerance == 0.005);

    auto f2 = rt.run_check(set->rules()[1], wb, calc);
    REQUIRE(f2.size() == 2);
    CHECK(f2[0].cell == "C8");
    CHECK(f2[0].found == "7");
    CHECK(f2[1].message == "分项");

    auto f3 = rt.run_check(set->rules()[2], wb, calc);
    REQUIRE(f3.size() == 1);
    CHECK(f3[0].message == "总表!$C$5:$C$8|6.0|40|4");

    CHECK(rt.run_check(set->rules()[3], wb, calc).empty());
    auto f5 = rt.run_check(set->rules()[4], wb, calc);
    REQUIRE(f5.size() == 1);
    INFO(f5[0].message);
    CHECK(f5[0].message.find("规则执行出错") != std::string::npos);  // the catalogue's check.rule_error
    CHECK(f5[0].message_en.find("the rule raised an error") != std::string::npos);
    CHECK(f5[0].message.find("rules.lua:26") != std::string::npos);
    auto f6 = rt.run_check(set->rules()[5], wb, calc);
    REQUIRE(f6.size() == 1);
    CHECK(f6[0].message == "simply false");
}

TEST_CASE("checks: sheet:cell(column, row) reads the cell its A1 address names", "[lua][checks]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_source("rules.lua", R"LUA(
suanpan.check{ id = "C-1", message = "forms", fn = function(wb)
    local s = wb:sheet("表")
    local same = s:cell("C", 40) == s:cell("C40") and s:cell(3, 40) == s:cell("C40") and s:cell("c", 40) == s:cell("C40")
    return string.format("%s|%s|%s|%s", tostring(same), tostring(s:cell("AB", 2)), tostring(s:cell(28, 2)), tostring(s:cell("A", 1)))
  end }
suanpan.check{ id = "C-2", message = "row 0", fn = function(wb) return wb:sheet("表"):cell("C", 0) end }
suanpan.check{ id = "C-3", message = "bad column", fn = function(wb) return wb:sheet("表"):cell("C5", 5) end }
suanpan.check{ id = "C-4", message = "past XFD", fn = function(wb) return wb:sheet("表"):cell(16385, 1) end }
)LUA");
    REQUIRE(set->diagnostics().empty());
    auto reg = set->registry();
    Workbook wb(reg.get());
    SheetId s = wb.add_sheet("表");
    wb.set_value(s, *parse_cell("C40"), Value(1126.72));
    wb.set_value(s, *parse_cell("AB2"), Value::string("列28"));
    lua::Runtime rt(set);
    Calculator calc(wb);
    calc.recalc_full();
    auto f = rt.run_check(set->rules()[0], wb, calc);
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "true|列28|列28|nil");
    for (size_t k = 1; k <= 3; ++k) {
        auto bad = rt.run_check(set->rules()[k], wb, calc);
        REQUIRE(bad.size() == 1);
        INFO(bad[0].message_en);
        CHECK(bad[0].message_en.find("not a cell: column") != std::string::npos);
    }
}

TEST_CASE("checks: suanpan.fail outside a check is an error", "[lua][checks]") {
    LuaBook b(R"(suanpan.func{ name = "失败", fn = function() suanpan.fail{ message = "x" } end })");
    CHECK(is_err(b.eval("=失败()"), Err::Value));
    CHECK(b.diagnostics().find("only be called while a check runs") != std::string::npos);
}

TEST_CASE("checks: sheet:find and sheet:used answers are shared by one workbook's checks, never across workbooks",
          "[lua][checks]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_source("rules.lua", R"LUA(
suanpan.check{ id = "S-1", message = "where", fn = function(wb)
    local s = wb:sheet("表")
    local _, r1 = s:find("合计")
    local _, r2 = s:find("合计")          -- asked again: the kept answer
    local _, r3 = s:find("小计")
    local _, o = wb:sheet("另表"):find("合计")  -- same text, other sheet
    return string.format("%s|%s|%s|%s|%s|%s", r1, r2, tostring(r3), tostring(o), s:used(), tostring((wb:sheet("另表"):used())))
  end }
)LUA");
    REQUIRE(set->diagnostics().empty());
    auto reg = set->registry();
    lua::Runtime rt(set);
    auto run = [&](int total_row, bool other) {
        // Each workbook in turn at (likely) the same address, as in a batch.
        auto wb = std::make_unique<Workbook>(reg.get());
        SheetId s = wb->add_sheet("表");
        SheetId t = wb->add_sheet("另表");
        wb->set_value(s, CellAddr{total_row - 1, 0}, Value::string("合计"));
        wb->set_value(s, CellAddr{total_row - 1, 2}, Value(1.0));
        if (other) wb->set_value(t, CellAddr{2, 1}, Value::string("合计"));
        Calculator calc(*wb);
        calc.set_host(&rt.host(), &rt);
        calc.recalc_full();
        lua::Runtime::WorkbookChecks scans(rt, *wb);
        auto f = rt.run_check(set->rules()[0], *wb, calc);
        REQUIRE(f.size() == 1);
        return f[0].message;
    };
    CHECK(run(40, true) == "40|40|nil|3|A40:C40|B3");
    CHECK(run(12, false) == "12|12|nil|nil|A12:C12|nil");
    CHECK(run(7, true) == "7|7|nil|3|A7:C7|B3");
}
