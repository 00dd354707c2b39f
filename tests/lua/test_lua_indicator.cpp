// test_lua_indicator.cpp — suanpan.indicator (printed indicator strings) and the shipped
// fiscal/performance functions on their edge cases (zero bases, directions, rules).
#include <catch2/catch.hpp>

#include "lua_test_util.h"

using namespace sp;
using sp::test::is_err;
using sp::test::LuaBook;

namespace {

const char* kParse = R"LUA(
suanpan.func{ name = "解析", params = {"text", "field"}, fn = function(text, field)
  local r = suanpan.indicator(text)
  local v = r[field]
  if field == "date" and v then return (v.year or 0) * 10000 + (v.month or 0) * 100 + (v.day or 0) end
  if v == nil then return "nil" end
  return v
end }
)LUA";

struct Parsed {
    LuaBook& b;
    Value operator()(const std::string& text, const std::string& field) {
        return b.eval("=解析(\"" + text + "\",\"" + field + "\")");
    }
};

}  // namespace

TEST_CASE("indicator: comparators in every printed form", "[lua][indicator]") {
    LuaBook b(kParse, {}, true);
    Parsed p{b};
    CHECK(sp::test::str(p(">=23000人", "cmp")) == ">=");
    CHECK(sp::test::str(p("＞=95%", "cmp")) == ">=");
    CHECK(sp::test::str(p("≥90%", "cmp")) == ">=");
    CHECK(sp::test::str(p("<=8万元", "cmp")) == "<=");
    CHECK(sp::test::str(p("＜=9", "cmp")) == "<=");
    CHECK(sp::test::str(p("≤2小时", "cmp")) == "<=");
    CHECK(sp::test::str(p("〈145 人", "cmp")) == "<");
    CHECK(sp::test::str(p("=24159人", "cmp")) == "=");
    CHECK(sp::test::str(p("＝0%", "cmp")) == "=");
    CHECK(sp::test::str(p("1 314", "cmp")) == "nil");
}

TEST_CASE("indicator: numbers with OCR spaces and separators, and units", "[lua][indicator]") {
    LuaBook b(kParse, {}, true);
    Parsed p{b};
    CHECK(p("1 314", "value").number() == 1314);
    CHECK(p("9, 33", "value").number() == 9.33);
    CHECK(p("2, 121. 12", "value").number() == 2121.12);
    CHECK(p("1,126.72", "value").number() == 1126.72);
    CHECK(p(">=50000人次", "value").number() == 50000);
    CHECK(sp::test::str(p(">=50000人次", "unit")) == "人次");
    CHECK(p("〈145 人", "value").number() == 145);
    CHECK(sp::test::str(p("〈145 人", "unit")) == "人");
    CHECK(p("<=33.10万元", "value").number() == 33.1);
    CHECK(p("<=33.10万元", "money").boolean());
    CHECK(p("=3000元/人", "money").boolean());
    CHECK(p(">=95%", "percent").boolean());
    CHECK(p(">=95%", "value").number() == 95);
    CHECK(sp::test::str(p("<=12月", "unit")) == "月");
    CHECK(p("63.49354", "value").number() == 63.49354);
    CHECK(p("１２３", "value").number() == 123);  // full-width digits
}

TEST_CASE("indicator: dates and qualitative words", "[lua][indicator]") {
    LuaBook b(kParse, {}, true);
    Parsed p{b};
    CHECK(sp::test::str(p("2024年12月10日之前", "kind")) == "date");
    CHECK(p("2024年12月10日之前", "date").number() == 20241210);
    CHECK(p("2024年12月10日之前", "before").boolean());
    CHECK(p("<=2024年12月15日", "date").number() == 20241215);
    CHECK(p("每月25日前", "monthly").boolean());
    CHECK(p("每月25日前", "date").number() == 25);
    CHECK(p("=11月底", "date").number() == 1199);
    CHECK(sp::test::str(p("达到预期指标", "kind")) == "qualitative");
    CHECK(p("达到预期指标", "met").boolean() == true);
    CHECK(p("完全达到预期", "met").boolean() == true);
    CHECK(p("未达到预期", "met").boolean() == false);
    CHECK(p("部分达到预期", "met").boolean() == false);
    CHECK(sp::test::str(p("提高", "kind")) == "qualitative");
    CHECK(sp::test::str(p("提高", "met")) == "nil");
    CHECK(sp::test::str(p("长期", "word")) == "长期");
    CHECK(sp::test::str(p("/", "kind")) == "empty");
}

TEST_CASE("fiscal: zero-base conventions", "[lua][fiscal]") {
    LuaBook b("", {}, true);
    CHECK(b.eval("=预决算差异率(715.52,640.13)").number() == Approx(-0.105364).epsilon(1e-5));
    CHECK(b.eval("=预决算差异率(0,0)").number() == 0);
    CHECK(b.eval("=预决算差异率(0.09,0)").number() == -1);
    CHECK(b.eval("=增长率(13.59,0)").number() == 1);
    CHECK(b.eval("=增长率(0,0)").number() == 0);
    CHECK(b.eval("=增长率(0,20)").number() == -1);
    CHECK(b.eval("=占比(0,0)").number() == 0);
    CHECK(is_err(b.eval("=占比(5,0)"), Err::Div0));
    CHECK(b.eval("=执行率(0,0)").number() == 0);
    CHECK(b.eval("=执行率(\"1,126.72\",\"957.34\")").number() == Approx(957.34 / 1126.72));
    CHECK(is_err(b.eval("=执行率(\"abc\",1)"), Err::Value));
    CHECK(is_err(b.eval("=执行率(1/0,1)"), Err::Div0));
    // Empty cells count as 0, as in Excel arithmetic.
    CHECK(b.eval("=增长率(Q1,Q2)").number() == 0);
}

TEST_CASE("fiscal: each declared Excel form agrees with the Lua function", "[lua][fiscal]") {
    LuaBook b("", {}, true);
    const double pairs[][2] = {{715.52, 640.13}, {0, 0}, {0.09, 0}, {0, 13.59}, {13.59, 0}, {898.35, 640.13}, {-5, 3}};
    for (const char* name : {"预决算差异率", "增长率", "占比", "执行率"}) {
        const FunctionDef* d = b.registry->find(name);
        REQUIRE(d);
        REQUIRE(!d->excel_form.empty());
        for (auto& p : pairs) {
            std::string a = std::to_string(p[0]), c = std::to_string(p[1]);
            std::string excel = d->excel_form;
            for (size_t k; (k = excel.find("%1")) != std::string::npos;) excel.replace(k, 2, a);
            for (size_t k; (k = excel.find("%2")) != std::string::npos;) excel.replace(k, 2, c);
            Value lua = b.eval(std::string("=") + name + "(" + a + "," + c + ")");
            Value xl = b.eval("=" + excel);
            INFO(name << "(" << a << "," << c << ") lua " << to_display(lua) << " excel " << to_display(xl));
            CHECK(lua.type() == xl.type());
            if (lua.is_number() && xl.is_number()) CHECK(lua.number() == Approx(xl.number()));
        }
    }
}

TEST_CASE("performance: 完成率 directions", "[lua][performance]") {
    LuaBook b("", {}, true);
    CHECK(b.eval("=完成率(\">=23000人\",\"=24159人\")").number() == Approx(24159.0 / 23000));
    CHECK(b.eval("=完成率(\"<=6万元\",\"=5.05万元\")").number() == Approx(5.05 / 6));   // 成本
    CHECK(b.eval("=完成率(\"<=2%\",\"=0%\")").number() == 1);                         // 限值 met
    CHECK(b.eval("=完成率(\"<=2%\",\"=4%\")").number() == 0.5);                       // 限值 missed
    CHECK(b.eval("=完成率(\"<=2%\",\"=4%\",\"成本\")").number() == 2);
    CHECK(b.eval("=完成率(\"提高\",\"达到预期指标\")").number() == 1);
    CHECK(b.eval("=完成率(\"提高\",\"未达到预期\")").number() == 0);
    CHECK(b.eval("=完成率(\"2024年12月10日之前\",\"=2024年12月10日\")").number() == 1);
    CHECK(b.eval("=完成率(\"2024年12月10日之前\",\"=2024年12月20日\")").number() == 0);
    CHECK(b.eval("=完成率(\"<=10天\",\"=8天\",\"反向\")").number() == 1.25);
    CHECK(b.eval("=完成率(23000,24159)").number() == Approx(24159.0 / 23000));
    CHECK(b.eval("=完成率(\"＞=1 000人\",\"1 314\")").number() == Approx(1.314));
    CHECK(is_err(b.eval("=完成率(\"\",\"5\")"), Err::Value));
    CHECK(is_err(b.eval("=完成率(\">=5\",\"\")"), Err::NA));
    CHECK(is_err(b.eval("=完成率(\">=5\",\"6\",\"侧向\")"), Err::Value));
    CHECK(sp::test::str(b.eval("=指标方向(\"<=8万元\")")) == "成本");
    CHECK(sp::test::str(b.eval("=指标方向(\"<=2小时\")")) == "限值");
    CHECK(sp::test::str(b.eval("=指标方向(\"=0次\")")) == "限值");
    CHECK(sp::test::str(b.eval("=指标方向(\">=95%\")")) == "正向");
    CHECK(sp::test::str(b.eval("=指标方向(\"长期\")")) == "定性");
}

TEST_CASE("indicator: periods are dates whose end is the deadline", "[lua][indicator]") {
    LuaBook b(kParse, {}, true);
    Parsed p{b};
    CHECK(sp::test::str(p("1-12月", "kind")) == "date");
    CHECK(p("1-12月", "date").number() == 1299);                      // ends at the end of December
    CHECK(sp::test::str(p("1-12月", "span")) == "<TRUE>");
    CHECK(p("1月-12月", "date").number() == 1299);
    CHECK(p("2024年1-12月", "date").number() == 20241299);
    CHECK(p("全年", "date").number() == 1299);
    CHECK(p("年底前", "date").number() == 1299);
    CHECK(p("2024年底前", "date").number() == 20241299);
    CHECK(sp::test::str(p("年底前", "before")) == "<TRUE>");
    CHECK(p("12月底前", "date").number() == 1299);
    CHECK(p("12月31日前", "date").number() == 1231);
    CHECK(p("2024年3月-2024年11月30日", "date").number() == 20241130);
    CHECK(p("2024年3月-11月30日", "date").number() == 20241130);  // the end takes the start's year
    CHECK(p("3月1日至10月31日", "date").number() == 1031);
    CHECK(p("2024年1月1日～2024年12月31日", "date").number() == 20241231);
    CHECK(p("5月1日-31日", "date").number() == 531);
    // Not periods: ranges of other units, and negative or plain numbers.
    CHECK(sp::test::str(p("10-20人", "kind")) == "number");
    CHECK(sp::test::str(p("3-5日", "kind")) == "number");
    CHECK(sp::test::str(p("1-3个月", "kind")) == "number");
    CHECK(sp::test::str(p("全年不少于4次", "kind")) == "qualitative");
}

TEST_CASE("performance: 完成率 of a period target (1-12月, 全年, 12月底前, 年底前, a start-end period)",
          "[lua][performance]") {
    LuaBook b("", {}, true);
    auto rate = [&](const char* target, const char* actual, const char* dir = nullptr) {
        std::string f = std::string("=完成率(\"") + target + "\",\"" + actual + "\"" +
                        (dir ? std::string(",\"") + dir + "\"" : "") + ")";
        Value v = b.eval(f);
        INFO(f << " = " << sp::test::str(v));
        REQUIRE(v.is_number());
        return v.number();
    };
    // "1-12月": a date or period ending by the end of December is met.
    CHECK(rate("1-12月", "2024年12月20日") == 1);
    CHECK(rate("1-12月", "12月31日") == 1);
    CHECK(rate("1-12月", "1-12月") == 1);
    CHECK(rate("1-12月", "12月", "定性") == 1);
    CHECK(rate("3-10月", "11月15日") == 0);
    CHECK(rate("3-10月", "3-11月", "限值") == 0);
    // "全年": the year's end.
    CHECK(rate("全年", "1-12月") == 1);
    CHECK(rate("全年", "2024年12月31日", "限值") == 1);
    // "12月底前" and "年底前".
    CHECK(rate("12月底前", "2024年12月20日") == 1);
    CHECK(rate("12月底前", "12月31日") == 1);   // 月底 is the 31st, not later
    CHECK(rate("11月底前", "2024年12月20日") == 0);
    CHECK(rate("11月底前", "11月30日") == 1);
    CHECK(rate("11月底前", "12月") == 0);
    CHECK(rate("年底前", "2024年11月30日") == 1);
    CHECK(rate("年底前", "全年", "限值") == 1);
    CHECK(rate("年底前", "1-12月") == 1);
    // A period from a start month to an end month and day.
    CHECK(rate("2024年3月-2024年11月30日", "2024年11月28日") == 1);
    CHECK(rate("2024年3月-2024年11月30日", "2024年12月5日") == 0);
    CHECK(rate("2024年3月-2024年11月30日", "2024年3-11月") == 1);
    CHECK(rate("2024年3月-2024年11月30日", "2024年3-12月", "定性") == 0);
    CHECK(rate("3月1日至10月31日", "10月31日") == 1);
    CHECK(rate("3月1日至10月31日", "2024年11月1日") == 0);
    CHECK(rate("2024年2月-2月29日", "2024年2月底") == 1);  // a leap year's February ends on the 29th
    // The score follows: the full weight when met.
    CHECK(b.eval("=指标得分(10,完成率(\"1-12月\",\"2024年12月20日\"))").number() == 10);
    CHECK(rate("2024年底前", "2025年1月15日", "限值") == 0);
    CHECK(b.eval("=指标得分(10,完成率(\"2024年底前\",\"2025年1月15日\",\"限值\"))").number() == 0);
    // Before any of this, a deadline of the same form still compares as it did.
    CHECK(rate("2024年12月10日之前", "=2024年12月10日") == 1);
    CHECK(rate("每月25日前", "每月20日") == 1);
    CHECK(rate("每月25日前", "每月28日") == 0);
}

TEST_CASE("performance: 指标得分 and 执行率得分 rules", "[lua][performance]") {
    LuaBook b("", {}, true);
    // 封顶 (default): capped; a 成本 indicator over 100 % scores 0 (超支不得分, 001).
    CHECK(b.eval("=指标得分(20,55920/50000)").number() == 20);
    CHECK(b.eval("=指标得分(10,14.73/12,\"\",\"封顶\",\"成本\")").number() == 0);
    CHECK(b.eval("=指标得分(10,5/6)").number() == 8.33);
    // 超额扣分 under 按照完成比例赋分: 权重 × (2 − 完成率).
    CHECK(b.eval("=指标得分(10,1.27,\"按照完成比例赋分\",\"超额扣分\")").number() == 7.3);
    // 六十起评: 60 % floor below 100 %, penalty above; 0 under 60 %.
    CHECK(b.eval("=指标得分(10,0.88,\"按照完成比例赋分\",\"六十起评\")").number() == 7);
    CHECK(b.eval("=指标得分(15,852/800,\"按照完成比例赋分\",\"六十起评\")").number() == 14.03);  // a .xx5 tie, up
    CHECK(b.eval("=指标得分(10,0.5,\"按照完成比例赋分\",\"六十起评\")").number() == 0);
    // Graded rules: full weight when achieved, over-completion not penalised.
    CHECK(b.eval("=指标得分(5,1.0526,\"按评判等级赋分\",\"六十起评\")").number() == 5);
    CHECK(b.eval("=指标得分(10,1.1111,\"满意度赋分\",\"超额扣分\")").number() == 10);
    CHECK(is_err(b.eval("=指标得分(10,1,\"\",\"随意\")"), Err::Value));
    // 执行率得分
    CHECK(b.eval("=执行率得分(957.34/1126.72,10)").number() == 8.5);
    CHECK(b.eval("=执行率得分(13.59/14,10,\"六十起评\")").number() == 9.27);
    CHECK(b.eval("=执行率得分(13.59/14,10,\"比例\")").number() == 9.71);
    CHECK(b.eval("=执行率得分(1.2,10)").number() == 10);
    // 总分 over values and ranges
    b.put("A1", Value(5.0));
    b.put("A2", Value(14.24));
    b.put("A3", Value::string("n/a"));
    CHECK(b.eval("=总分(10,A1:A3,7.3)").number() == 36.54);
}
