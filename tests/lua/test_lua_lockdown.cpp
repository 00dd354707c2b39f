// test_lua_lockdown.cpp — one plugin cannot change the tables every plugin shares (lockdown.h):
// a vandal plugin (tests/lua/vandal/vandal.lua) tries every change at load time and at call
// time; each is refused, and the shipped plugins and other plugins keep working.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;
using sp::test::str;

namespace {

std::string vandal_source() {
    std::ifstream in(std::string(SP_SOURCE_DIR) + "/tests/lua/vandal/vandal.lua", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A well-behaved plugin that leans on everything the vandal attacks.
const char* kVictim = R"LUA(
suanpan.func{ name = "受害者", params = {"x"}, fn = function(x)
  local n = suanpan.number(x)
  if n == nil then return suanpan.error.VALUE end
  local parts = {}
  table.insert(parts, string.format("%.2f", suanpan.round(n, 2)))
  table.insert(parts, ("abc"):upper())
  table.insert(parts, tostring(math.floor(n)))
  table.insert(parts, utf8.char(0x7B97))
  table.insert(parts, tostring(select(1, pcall(function() return 1 end))))
  local co = coroutine.wrap(function() coroutine.yield("co") end)
  table.insert(parts, co())
  return table.concat(parts, "|")
end }
suanpan.func{ name = "受害者错误", params = {}, fn = function() return suanpan.error.NA end }
)LUA";

}  // namespace

TEST_CASE("lockdown: every change a vandal tries at call time is refused", "[lua][lockdown]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_dir(lua::PluginSet::shipped_dir());
    set->add_source("vandal.lua", vandal_source());
    set->add_source("victim.lua", kVictim);
    INFO([&] { std::string s; for (auto& d : set->diagnostics()) s += d.text() + "\n"; return s; }());
    REQUIRE(set->diagnostics().empty());
    LuaBook b(set);
    // The vandal runs first (its own recalc), then everyone else.
    b.formula("A1", "=破坏()");
    b.recalc();
    REQUIRE(b.get("A1").is_number());
    CHECK(b.get("A1").number() == 0);
    b.formula("A2", "=破坏()");  // and again: still nothing gets through
    b.recalc();
    CHECK(b.get("A2").number() == 0);

    CHECK(str(b.eval("=受害者(3.14159)")) == "3.14|ABC|3|算|true|co");
    CHECK(is_err(b.eval("=受害者错误()"), Err::NA));
    CHECK(is_err(b.eval("=受害者(\"x\")"), Err::Value));
    CHECK(b.eval("=预决算差异率(4.29,4.20)").number() == Approx((4.20 - 4.29) / 4.29));
    CHECK(b.eval("=完成率(\">=23000人\",\"=24159人\")").number() == Approx(24159.0 / 23000));
    CHECK(b.eval("=总分(10,20.005,\"x\")").number() == 30.01);
    CHECK(b.diagnostics().empty());
}

TEST_CASE("lockdown: a vandal check leaves the shipped checks' helpers intact", "[lua][lockdown]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_dir(lua::PluginSet::shipped_dir());
    set->add_source("vandal.lua", vandal_source());
    set->add_source("probe.lua", R"LUA(
suanpan.func{ name = "探针", params = {}, fn = function()
  local t, p = suanpan.tables, suanpan.performance
  return type(t.num) .. "|" .. type(p.completion) .. "|" .. tostring(suanpan.vandal_published.x)
end }
)LUA");
    REQUIRE(set->diagnostics().empty());
    LuaBook b(set);
    const check::Rule* vandal = nullptr;
    for (const auto& r : set->rules())
        if (r.id == "VANDAL-1") vandal = &r;
    REQUIRE(vandal);
    CHECK(b.rt->run_check(*vandal, *b.wb, *b.calc).empty());  // it passes: no finding of its own
    CHECK(str(b.eval("=探针()")) == "function|function|1");
}

TEST_CASE("lockdown: a file that changes a shared table at load time fails alone", "[lua][lockdown]") {
    auto set = std::make_shared<lua::PluginSet>();
    set->add_source("a.lua", "suanpan.error = nil");
    set->add_source("b.lua", "string.format = nil");
    set->add_source("c.lua", "setmetatable(suanpan, {})");
    set->add_source("d.lua", "rawset(math, 'pi', 3)");
    set->add_source("e.lua", "suanpan.round = nil");
    set->add_source("ok.lua", R"LUA(suanpan.func{ name = "好", params = {}, fn = function()
      return string.format("%s %s", tostring(suanpan.error.NA), math.pi > 3.14) end })LUA");
    auto diag = [&] { std::string s; for (auto& d : set->diagnostics()) s += d.text() + "\n"; return s; }();
    INFO(diag);
    CHECK(set->diagnostics().size() == 5);
    CHECK(diag.find("a.lua:1: cannot load plugin: cannot change suanpan.error: shared tables are read-only") !=
          std::string::npos);
    CHECK(diag.find("b.lua:1: cannot load plugin: cannot change string.format") != std::string::npos);
    CHECK(diag.find("c.lua:1: cannot load plugin: cannot change a protected metatable") != std::string::npos);
    CHECK(diag.find("d.lua:1: cannot load plugin: rawset: shared tables are read-only") != std::string::npos);
    LuaBook b(set);
    CHECK(str(b.eval("=好()")) == "#N/A true");
}

TEST_CASE("lockdown: the frozen tables still read as before", "[lua][lockdown]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "读", params = {}, fn = function()
  local n = 0
  for k, v in pairs(string) do n = n + 1 end
  local m = 0
  for k in pairs(suanpan) do m = m + 1 end
  local e = 0
  for k in pairs(suanpan.error) do e = e + 1 end
  return table.concat({ n > 10 and "string" or "?", m > 8 and "suanpan" or "?", e, type(rawget(string, "format")),
    type(next(math)), type(rawget(_G, "print")), getmetatable("") == false and "locked" or "open",
    ("x"):rep(3) }, ",")
end }
)LUA");
    REQUIRE(b.load_diagnostics().empty());
    CHECK(str(b.eval("=读()")) == "string,suanpan,10,function,string,function,locked,xxx");
}
