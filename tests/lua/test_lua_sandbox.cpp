// test_lua_sandbox.cpp — each sandbox rule and each resource limit, through formulas:
// a hostile plugin function gives its cell an error value and a diagnostic naming the
// plugin file:line and the cell, and the runtime stays usable afterwards.
#include <catch2/catch.hpp>

#include <chrono>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;

namespace {

const char* kProbe = R"LUA(
suanpan.func{ name = "类型", params = {"表达式"}, fn = function(src)
  local f = load("return " .. src)
  return type(f())
end }
suanpan.func{ name = "试", params = {"代码"}, fn = function(src)
  local f = assert(load(src))
  return f()
end }
suanpan.func{ name = "好", fn = function() return 42 end }
)LUA";

}  // namespace

TEST_CASE("sandbox: dangerous libraries and functions are absent", "[lua][sandbox]") {
    LuaBook b(kProbe);
    REQUIRE(b.load_diagnostics().empty());
    for (const char* name : {"io", "os", "debug", "package", "require", "dofile", "loadfile", "string.dump"}) {
        INFO(name);
        CHECK(sp::test::str(b.eval(std::string("=类型(\"") + name + "\")")) == "nil");
    }
    // What stays: pure libraries.
    for (const char* name : {"string.format", "table.concat", "math.floor", "utf8.char", "coroutine.wrap"}) {
        INFO(name);
        CHECK(sp::test::str(b.eval(std::string("=类型(\"") + name + "\")")) == "function");
    }
}

TEST_CASE("sandbox: no binary chunks", "[lua][sandbox]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "二进制", fn = function()
  local f, err = load("\27Lua\84\0\25\147\13\10\26\10\4\8\8", "x", "b")
  return f == nil and err or "loaded"
end }
)LUA");
    Value v = b.eval("=二进制()");
    REQUIRE(v.is_string());
    CHECK(std::string(v.string()).find("binary chunk") != std::string::npos);
}

TEST_CASE("sandbox: collectgarbage only counts", "[lua][sandbox]") {
    LuaBook b(kProbe);
    Value count = b.eval("=试(\"return collectgarbage('count')\")");
    REQUIRE(count.is_number());
    CHECK(count.number() > 0);
    for (const char* opt : {"collect", "stop", "step", "incremental", "generational"}) {
        INFO(opt);
        CHECK(is_err(b.eval(std::string("=试(\"return collectgarbage('") + opt + "')\")"), Err::Value));
    }
    CHECK(b.diagnostics().find("not allowed in the sandbox") != std::string::npos);
}

TEST_CASE("sandbox: print goes to the log, not stdout", "[lua][sandbox]") {
    LuaBook b(kProbe);
    CHECK(b.eval("=试(\"print('hello'); return 1\")").number() == 1);
}

TEST_CASE("limits: an infinite loop stops at the instruction limit", "[lua][sandbox]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "死循环", fn = function()
  local n = 0
  while true do n = n + 1 end
end }
suanpan.func{ name = "好", fn = function() return 42 end }
)LUA");
    b.formula("B7", "=死循环()");
    b.recalc();
    CHECK(is_err(b.get("B7"), Err::Calc));
    std::string d = b.diagnostics();
    CHECK(d.find("instruction limit exceeded") != std::string::npos);
    CHECK(d.find("test.lua:4") != std::string::npos);   // the line of the loop
    CHECK(d.find("test.lua:2") != std::string::npos);   // where the function was declared
    CHECK(d.find("B7") != std::string::npos);           // the formula cell
    CHECK(b.eval("=好()").number() == 42);
}

TEST_CASE("limits: pcall, xpcall and coroutines cannot swallow the limit", "[lua][sandbox]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "吞", fn = function()
  while true do pcall(function() while true do end end) end
end }
suanpan.func{ name = "吞2", fn = function()
  while true do xpcall(function() while true do end end, function(e) return e end) end
end }
suanpan.func{ name = "协程", fn = function()
  while true do
    coroutine.resume(coroutine.create(function() for i = 1, 900 do end end))
  end
end }
)LUA");
    auto t0 = std::chrono::steady_clock::now();
    CHECK(is_err(b.eval("=吞()"), Err::Calc));
    CHECK(is_err(b.eval("=吞2()"), Err::Calc));
    CHECK(is_err(b.eval("=协程()"), Err::Calc));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
}

TEST_CASE("limits: the instruction limit is configurable", "[lua][sandbox]") {
    const char* src = R"LUA(
suanpan.func{ name = "循环", params = {"n"}, fn = function(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end }
)LUA";
    lua::Limits small;
    small.instructions = 20'000;
    LuaBook tight(src, small);
    CHECK(tight.eval("=循环(100)").number() == 5050);
    CHECK(is_err(tight.eval("=循环(100000)"), Err::Calc));
    LuaBook normal(src);
    CHECK(normal.eval("=循环(100000)").number() == 5000050000.0);
}

TEST_CASE("limits: a wall-clock limit stops slow calls", "[lua][sandbox]") {
    lua::Limits lim;
    lim.instructions = uint64_t(1) << 60;
    lim.seconds = 0.2;
    LuaBook b(R"LUA(
suanpan.func{ name = "慢", fn = function() while true do end end }
)LUA", lim);
    auto t0 = std::chrono::steady_clock::now();
    CHECK(is_err(b.eval("=慢()"), Err::Calc));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    CHECK(b.diagnostics().find("time limit exceeded") != std::string::npos);
}

TEST_CASE("limits: memory bombs hit the cap and the state stays usable", "[lua][sandbox]") {
    lua::Limits lim;
    lim.memory = size_t(16) << 20;
    LuaBook b(R"LUA(
suanpan.func{ name = "炸弹", fn = function() return #string.rep("x", 1e9) end }
suanpan.func{ name = "表炸弹", fn = function()
  local t = {}
  for i = 1, 1e8 do t[i] = i end
  return #t
end }
suanpan.func{ name = "拼接", fn = function()
  local s = "x"
  while true do s = s .. s end
end }
suanpan.func{ name = "好", fn = function() return #string.rep("y", 1e6) end }
)LUA", lim);
    b.formula("A1", "=炸弹()");
    b.formula("A2", "=表炸弹()");
    b.formula("A3", "=拼接()");
    b.formula("A4", "=好()");
    b.recalc();
    CHECK(is_err(b.get("A1"), Err::Calc));
    CHECK(is_err(b.get("A2"), Err::Calc));
    CHECK(is_err(b.get("A3"), Err::Calc));
    CHECK(b.get("A4").number() == 1e6);
    CHECK(b.diagnostics().find("memory limit exceeded") != std::string::npos);
    CHECK(b.rt->state().memory_used() <= lim.memory);
    // And again: the state recovers after each failure.
    CHECK(b.eval("=好()").number() == 1e6);
}

TEST_CASE("limits: a state left full of memory fails calls cleanly", "[lua][sandbox]") {
    lua::Limits lim;
    lim.memory = size_t(8) << 20;
    LuaBook b(R"LUA(
local hoard = {}
suanpan.func{ name = "囤积", fn = function()
  pcall(function() while true do hoard[#hoard + 1] = string.rep("x", 1000) .. #hoard end end)
  return #hoard
end }
suanpan.func{ name = "回声", params = {"s"}, fn = function(s) return #s end }
suanpan.func{ name = "区域", params = {"r"}, fn = function(r) return r:rows() end }
)LUA", lim);
    CHECK(b.eval("=囤积()").number() > 1000);
    b.put("A1", Value::string(std::string(1 << 20, 'y')));  // pushing it needs 1 MiB more
    CHECK(is_err(b.eval("=回声(A1)"), Err::Calc));
    b.eval("=区域(B1:B5)");  // a view may or may not fit: either way no crash
    CHECK(b.rt->state().memory_used() <= lim.memory);
}

TEST_CASE("limits: deep recursion is a stack overflow error, not a crash", "[lua][sandbox]") {
    LuaBook b(R"LUA(
local function down(n) return 1 + down(n + 1) end
suanpan.func{ name = "递归", fn = function() return down(1) end }
local function cdown(s) return (string.gsub(s, ".", cdown)) end
suanpan.func{ name = "C递归", fn = function() return cdown("ab") end }
local mt = {}
mt.__index = function(t, k) return setmetatable({}, mt)[k] end
suanpan.func{ name = "元递归", fn = function() return setmetatable({}, mt).x end }
)LUA");
    CHECK(b.eval("=递归()").is_error());
    CHECK(b.diagnostics().find("stack overflow") != std::string::npos);
    CHECK(b.eval("=C递归()").is_error());
    CHECK(b.eval("=元递归()").is_error());
    CHECK(b.diagnostics().find("test.lua:2") != std::string::npos);
}

TEST_CASE("limits: catastrophic patterns are refused before they start", "[lua][sandbox]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "回溯", params = {"n"}, fn = function(n)
  return string.find(string.rep("a", n), "a*a*a*a*a*a*a*a*b") or "none"
end }
suanpan.func{ name = "匹配", params = {"n"}, fn = function(n)
  return (string.rep("a", n)):match(".-.-.-.-.-b") or "none"
end }
suanpan.func{ name = "替换", params = {"n"}, fn = function(n)
  local s = string.rep("a", n)
  return (s:gsub("a-a-a-a-a-b", "")) == s and "same" or "changed"
end }
suanpan.func{ name = "长主题", fn = function()
  return (string.rep("a b ", 100000)):gsub("%s+", "")
end }
suanpan.func{ name = "普通", params = {"s"}, fn = function(s)
  local a, b = s:match("^(%d+)年(%d+)月")
  return a + b
end }
)LUA");
    auto t0 = std::chrono::steady_clock::now();
    INFO(b.diagnostics());
    CHECK(sp::test::str(b.eval("=回溯(20)")) == "none");  // small subjects still work
    CHECK(is_err(b.eval("=回溯(5000)"), Err::Value));
    CHECK(is_err(b.eval("=匹配(5000)"), Err::Value));
    CHECK(is_err(b.eval("=替换(5000)"), Err::Value));
    CHECK(is_err(b.eval("=长主题()"), Err::Value));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    CHECK(b.diagnostics().find("backtrack") != std::string::npos);
    CHECK(b.diagnostics().find("subject of 400000 bytes") != std::string::npos);
    CHECK(b.eval("=普通(\"2024年12月\")").number() == 2036);
}

TEST_CASE("limits: C loops that allocate nothing are bounded too", "[lua][sandbox]") {
    LuaBook b(kProbe);
    auto t0 = std::chrono::steady_clock::now();
    CHECK(b.eval("=试(\"return #string.rep('', 1e15)\")").number() == 0);
    CHECK(b.eval("=试(\"return #string.rep('', 1e15, '')\")").number() == 0);
    CHECK(b.eval("=试(\"return #string.rep('ab', 3, ',')\")").number() == 8);
    CHECK(is_err(b.eval("=试(\"return #table.move({}, 1, 1e15, 2)\")"), Err::Value));
    CHECK(b.eval("=试(\"return #table.move({1, 2, 3}, 1, 3, 2)\")").number() == 4);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}

TEST_CASE("errors: runtime errors and wrong return types", "[lua][sandbox]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "出错", fn = function()
  local t = nil
  return t.x
end }
suanpan.func{ name = "抛出", fn = function() error("预算数不能为负") end }
suanpan.func{ name = "返回函数", fn = function() return print end }
suanpan.func{ name = "返回嵌套", fn = function() return { {1, {2}} } end }
)LUA");
    b.formula("C3", "=出错()");
    b.formula("C4", "=抛出()");
    b.formula("C5", "=返回函数()");
    b.formula("C6", "=返回嵌套()");
    b.recalc();
    for (const char* c : {"C3", "C4", "C5", "C6"}) {
        INFO(c);
        CHECK(is_err(b.get(c), Err::Value));
    }
    std::string d = b.diagnostics();
    CHECK(d.find("test.lua:4: attempt to index") != std::string::npos);
    CHECK(d.find("test.lua:6: 预算数不能为负") != std::string::npos);
    CHECK(d.find("returned a function") != std::string::npos);
    CHECK(d.find("Sheet1!C3") != std::string::npos);
}

TEST_CASE("errors: a flood of failing cells gives a bounded list of diagnostics", "[lua][sandbox]") {
    LuaBook b(R"LUA(suanpan.func{ name = "坏", params = {"x"}, fn = function(x) error("bad") end })LUA");
    for (int r = 0; r < 500; ++r) b.wb->set_formula(b.sheet, CellAddr{r, 1}, "=坏(A" + std::to_string(r + 1) + ")");
    b.recalc();
    CHECK(is_err(b.wb->get(b.sheet, CellAddr{499, 1}), Err::Value));
    CHECK(b.wb->diagnostics().size() <= 101);
}

TEST_CASE("load: a plugin's top-level code is limited too", "[lua][sandbox]") {
    lua::PluginSet set;
    set.add_source("loop.lua", "while true do end");
    set.add_source("ok.lua", R"(suanpan.func{ name = "可用", fn = function() return 1 end })");
    REQUIRE(set.diagnostics().size() == 1);
    CHECK(set.diagnostics()[0].file == "loop.lua");
    CHECK(set.diagnostics()[0].line == 1);
    CHECK(set.diagnostics()[0].message.find("instruction limit") != std::string::npos);
    CHECK(set.functions().size() == 1);
}
