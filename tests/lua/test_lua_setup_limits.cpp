// test_lua_setup_limits.cpp — the engine's own Lua code (API setup, lockdown of the shared
// tables, sealing what a file published) is not charged to the plugins' instruction budget:
// a tight budget still gives a working, locked-down state whose plugins are limited as before.
// (fuzz_lua found it: under load the lockdown's setup exceeded the 2 s limit and threw.)
#include <catch2/catch.hpp>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;

TEST_CASE("limits: setup and lockdown run outside a tight instruction budget", "[lua][sandbox]") {
    // 1,500 instructions: one hook call (every 1,000) is tolerated, so a short call passes;
    // the setup alone runs far more than that.
    lua::Limits tight;
    tight.instructions = 1500;
    const char* src = R"LUA(
suanpan.tables = { a = 1 }
suanpan.func{ name = "好", fn = function() return 42 end }
suanpan.func{ name = "改", fn = function()
  local ok = pcall(function() suanpan.tables.a = 2 end)
  return (ok or suanpan.tables.a ~= 1) and "changed" or "kept"
end }
suanpan.func{ name = "循环", fn = function() local s = 0 for i = 1, 100000 do s = s + i end return s end }
)LUA";
    std::unique_ptr<LuaBook> b;
    REQUIRE_NOTHROW(b = std::make_unique<LuaBook>(src, tight));
    CHECK(b->load_diagnostics().empty());
    CHECK(b->eval("=好()").number() == 42);
    CHECK(b->eval("=改()").string() == "kept");  // the published table was sealed
    CHECK(is_err(b->eval("=循环()"), Err::Calc));  // the plugin itself is still limited
    CHECK(b->diagnostics().find("instruction limit exceeded") != std::string::npos);
}

TEST_CASE("limits: setup runs outside a tiny time budget", "[lua][sandbox]") {
    lua::Limits tiny;
    tiny.instructions = uint64_t(1) << 60;
    tiny.seconds = 1e-9;  // any hook call after the first is past the deadline
    const char* src = R"LUA(
suanpan.func{ name = "慢", fn = function() while true do end end }
)LUA";
    std::unique_ptr<LuaBook> b;
    REQUIRE_NOTHROW(b = std::make_unique<LuaBook>(src, tiny));
    CHECK(is_err(b->eval("=慢()"), Err::Calc));
    CHECK(b->diagnostics().find("time limit exceeded") != std::string::npos);
}
