// test_lua_bridge.cpp — values between cells and Lua both ways, and range/array views.
#include <catch2/catch.hpp>
#include <utility>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;

namespace {

const char* kFns = R"LUA(
suanpan.func{ name = "类型", params = {"x"}, errors = true, fn = function(x)
  if suanpan.iserror(x) then return "error " .. tostring(x) end
  return type(x)
end }
suanpan.func{ name = "同", params = {"x"}, errors = true, fn = function(x) return x end }
suanpan.func{ name = "文本", params = {"x", "code"}, fn = function(x, code) return suanpan.text(x, code) or "nil" end }
suanpan.func{ name = "加一", params = {"x"}, fn = function(x) return x + 1 end }
suanpan.func{ name = "错误", params = {"name"}, fn = function(n) return suanpan.error[n] end }
suanpan.func{ name = "是NA", params = {"x"}, errors = true, fn = function(x) return x == suanpan.error.NA end }
suanpan.func{ name = "行列", params = {"r"}, fn = function(r) return r:rows() * 100 + r:cols() end }
suanpan.func{ name = "长", params = {"r"}, fn = function(r) return #r end }
suanpan.func{ name = "格", params = {"r", "i", "j"}, fn = function(r, i, j) return r[i][j] end }
suanpan.func{ name = "取", params = {"r", "i", "[j]"}, fn = function(r, i, j) return r:get(i, j) end }
suanpan.func{ name = "求和", params = {"r"}, fn = function(r)
  local s = 0
  for k, v in pairs(r) do if type(v) == "number" then s = s + v end end
  return s
end }
suanpan.func{ name = "逐行", params = {"r"}, fn = function(r)
  local out = {}
  for i, row in ipairs(r) do out[#out + 1] = tostring(row[1]) end
  return table.concat(out, ",")
end }
suanpan.func{ name = "拷贝", params = {"r"}, fn = function(r)
  local t = r:values()
  local parts = {}
  for k = 1, t.n do parts[k] = tostring(t[k]) end
  return table.concat(parts, "|")
end }
suanpan.func{ name = "数字", params = {"r"}, fn = function(r) return #r:numbers() end }
suanpan.func{ name = "地址", params = {"r"}, fn = function(r) return r:address() end }
suanpan.func{ name = "自身", params = {"r"}, fn = function(r) return r end }
suanpan.func{ name = "数组", fn = function() return { {1, 2}, {3, 4} } end }
suanpan.func{ name = "行数组", fn = function() return { "a", true, 3 } end }
suanpan.func{ name = "保存", params = {"r"}, fn = function(r) saved = r; return 1 end }
suanpan.func{ name = "再用", fn = function() return saved:rows() end }
suanpan.func{ name = "舍入", params = {"x", "n"}, fn = function(x, n) return suanpan.round(x, n) end }
suanpan.func{ name = "数", params = {"x"}, fn = function(x) return suanpan.number(x) or "not a number" end }
suanpan.func{ name = "无穷", fn = function() return 1/0 end }
suanpan.func{ name = "无", fn = function() return nil end }
)LUA";

}  // namespace

TEST_CASE("bridge: scalar values reach Lua with their types", "[lua][bridge]") {
    LuaBook b(kFns);
    REQUIRE(b.load_diagnostics().empty());
    b.put("A1", Value(3.5));
    b.put("A2", Value::string("text"));
    b.put("A3", Value::boolean(true));
    b.put("A4", Value::error(Err::Div0));
    CHECK(sp::test::str(b.eval("=类型(A1)")) == "number");
    CHECK(sp::test::str(b.eval("=类型(A2)")) == "string");
    CHECK(sp::test::str(b.eval("=类型(A3)")) == "boolean");
    CHECK(sp::test::str(b.eval("=类型(A4)")) == "error #DIV/0!");
    CHECK(sp::test::str(b.eval("=类型(A5)")) == "nil");  // empty cell
    CHECK(sp::test::str(b.eval("=类型(1/0)")) == "error #DIV/0!");
    CHECK(b.eval("=是NA(NA())").boolean() == true);
    CHECK(b.eval("=是NA(1)").boolean() == false);
}

TEST_CASE("bridge: values come back as cell values", "[lua][bridge]") {
    LuaBook b(kFns);
    b.put("A1", Value(3.5));
    b.put("A2", Value::string("预算"));
    b.put("A3", Value::boolean(false));
    CHECK(b.eval("=同(A1)").number() == 3.5);
    CHECK(sp::test::str(b.eval("=同(A2)")) == "预算");
    CHECK(b.eval("=同(A3)").is_bool());
    CHECK(b.eval("=同(A3)").boolean() == false);
    CHECK(b.eval("=加一(A1)").number() == 4.5);
    CHECK(is_err(b.eval("=错误(\"DIV0\")"), Err::Div0));
    CHECK(is_err(b.eval("=错误(\"NA\")"), Err::NA));
    CHECK(is_err(b.eval("=错误(\"VALUE\")"), Err::Value));
    CHECK(is_err(b.eval("=错误(\"REF\")"), Err::Ref));
    CHECK(is_err(b.eval("=错误(\"NAME\")"), Err::Name));
    CHECK(is_err(b.eval("=错误(\"NUM\")"), Err::Num));
    CHECK(is_err(b.eval("=错误(\"NULL\")"), Err::Null));
    CHECK(is_err(b.eval("=无穷()"), Err::Num));        // Excel has no infinity
    CHECK(b.eval("=无()+1").number() == 1);
}

TEST_CASE("bridge: error arguments propagate unless the function accepts them", "[lua][bridge]") {
    LuaBook b(kFns);
    b.put("A1", Value::error(Err::NA));
    CHECK(is_err(b.eval("=加一(A1)"), Err::NA));  // 加一 never ran (it would fail on arithmetic)
    CHECK(b.diagnostics().empty());
    CHECK(sp::test::str(b.eval("=类型(A1)")) == "error #N/A");  // declared errors = true
}

TEST_CASE("bridge: arrays come back as arrays", "[lua][bridge]") {
    LuaBook b(kFns);
    CHECK(b.eval("=SUM(数组())").number() == 10);
    CHECK(b.eval("=INDEX(数组(),2,1)").number() == 3);
    CHECK(b.eval("=COLUMNS(行数组())").number() == 3);
    CHECK(sp::test::str(b.eval("=INDEX(行数组(),1,1)")) == "a");
}

TEST_CASE("range views: size, indexing, iteration, copies", "[lua][range]") {
    LuaBook b(kFns);
    // B2:C4 = 1 2 / 3 "x" / (empty) 6
    b.put("B2", Value(1.0));
    b.put("C2", Value(2.0));
    b.put("B3", Value(3.0));
    b.put("C3", Value::string("x"));
    b.put("C4", Value(6.0));
    CHECK(b.eval("=行列(B2:C4)").number() == 302);
    CHECK(b.eval("=长(B2:C4)").number() == 3);  // #r counts rows
    CHECK(b.eval("=格(B2:C4,2,1)").number() == 3);
    CHECK(sp::test::str(b.eval("=格(B2:C4,2,2)")) == "x");
    CHECK(b.eval("=取(B2:C4,3,2)").number() == 6);
    CHECK(sp::test::str(b.eval("=取(B2:C4,4)")) == "x");  // 4th cell, row-major
    CHECK(sp::test::str(b.eval("=类型(取(B2:C4,5))")) == "nil");  // the empty cell
    CHECK(b.eval("=求和(B2:C4)").number() == 12);
    CHECK(sp::test::str(b.eval("=逐行(B2:C4)")) == "1.0,3.0,nil");
    CHECK(sp::test::str(b.eval("=拷贝(B2:C4)")) == "1.0|2.0|3.0|x|nil|6.0");
    CHECK(b.eval("=数字(B2:C4)").number() == 4);
    CHECK(sp::test::str(b.eval("=地址(B2:C4)")) == "Sheet1!B2:C4");
}

TEST_CASE("range views read formula cells after computing them", "[lua][range]") {
    LuaBook b(kFns);
    b.put("A1", Value(10.0));
    b.formula("A2", "=A1*2");
    b.formula("A3", "=A2+1");
    b.formula("D1", "=求和(A1:A3)");
    b.recalc();
    CHECK(b.get("D1").number() == 10 + 20 + 21);
    b.put("A1", Value(1.0));
    b.calc->recalc();
    CHECK(b.get("D1").number() == 1 + 2 + 3);
}

TEST_CASE("range views over arrays and whole columns", "[lua][range]") {
    LuaBook b(kFns);
    CHECK(b.eval("=行列({1,2,3;4,5,6})").number() == 203);
    CHECK(b.eval("=格({1,2,3;4,5,6},2,3)").number() == 6);
    CHECK(b.eval("=求和({1,2,3;4,5,6})").number() == 21);
    b.put("E1", Value(1.0));
    b.put("E5", Value(4.0));
    CHECK(b.eval("=求和(E:E)").number() == 5);
    CHECK(b.eval("=行列(E:E)").number() < 1000 * 100);  // clipped to the used rows
}

TEST_CASE("range views: a returned view is a reference; a kept view expires", "[lua][range]") {
    LuaBook b(kFns);
    b.put("B2", Value(1.0));
    b.put("B3", Value(2.0));
    CHECK(b.eval("=SUM(自身(B2:B3))").number() == 3);
    CHECK(b.eval("=ROWS(自身(B2:B3))").number() == 2);
    b.formula("F1", "=保存(B2:B3)");
    b.formula("F2", "=再用()+F1");
    b.recalc();
    CHECK(b.get("F1").number() == 1);
    CHECK(is_err(b.get("F2"), Err::Value));
    CHECK(b.diagnostics().find("after the call that received it returned") != std::string::npos);
}

TEST_CASE("helpers: suanpan.round is Excel's ROUND; suanpan.number reads text numbers", "[lua][bridge]") {
    LuaBook b(kFns);
    CHECK(b.eval("=舍入(2.675,2)").number() == 2.68);     // the double is 2.67499999…; Excel gives 2.68
    CHECK(b.eval("=舍入(-2.5,0)").number() == -3);        // half away from zero
    CHECK(b.eval("=舍入(14.025,2)").number() == 14.03);
    CHECK(b.eval("=舍入(15*(2-852/800),2)").number() == 14.03);  // 14.0249999… in binary
    CHECK(b.eval("=舍入(1234.5,-2)").number() == 1200);
    CHECK(b.eval("=数(\"1,126.72\")").number() == 1126.72);
    CHECK(b.eval("=数(\"84.97%\")").number() == Approx(0.8497).epsilon(1e-15));
    CHECK(sp::test::str(b.eval("=数(\"abc\")")) == "not a number");
    CHECK(b.eval("=数(TRUE)").number() == 1);
}

TEST_CASE("helpers: suanpan.text is TEXT(), the cells' formatter", "[lua][bridge]") {
    LuaBook b(kFns);
    for (auto [x, code] : {std::pair{"1126.725", "#,##0.00"}, {"2.675", "0.00"}, {"-0.125", "0.00"},
                           {"0.8497", "0.00%"}, {"1234", "[DBNum2]General"}, {"45322", "yyyy年m月d日"}}) {
        std::string args = std::string(x) + ",\"" + code + "\")";
        CHECK(sp::test::str(b.eval("=文本(" + args)) == sp::test::str(b.eval("=TEXT(" + args)));
    }
    CHECK(sp::test::str(b.eval("=文本(1126.725,\"#,##0.00\")")) == "1,126.73");  // half away from zero
    CHECK(sp::test::str(b.eval("=文本(2.675,\"0.00\")")) == "2.68");           // the double is 2.67499…
    CHECK(sp::test::str(b.eval("=文本(-1,\"yyyy\")")) == "nil");               // TEXT's #VALUE!: nil
}

TEST_CASE("declared parameters set the argument counts", "[lua][bridge]") {
    LuaBook b(kFns);
    const FunctionDef* d = b.registry->find("取");
    REQUIRE(d);
    CHECK(d->min_args == 2);
    CHECK(d->max_args == 3);
    CHECK(d->flags & kPlugin);
    CHECK(d->family == "test.lua");
    CHECK(is_err(b.eval("=取(A1)"), Err::Value));  // too few arguments
}

// fuzz_lua: an array whose cells are all empty went to Lua as rows without entries ({{}, {}})
// and did not come back (to_value refused it, though {} is an empty value).
TEST_CASE("bridge: rows without cells come back empty, as {} does", "[lua][bridge]") {
    LuaBook b(R"LUA(
suanpan.func{ name = "空行", fn = function() return { {}, {} } end }
suanpan.func{ name = "空表", fn = function() return {} end }
suanpan.func{ name = "空数组", params = {"r"}, fn = function(r) return r:values() and { {}, {}, {} } end }
)LUA");
    CHECK(b.eval("=空表()+1").number() == 1);
    CHECK(b.eval("=空行()+1").number() == 1);
    CHECK(b.eval("=空数组(A1:B2)+1").number() == 1);
    CHECK(b.diagnostics().empty());
}
