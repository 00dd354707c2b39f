// test_lua_fixtures.cpp — acceptance: every published figure of ../shared/fixtures that
// the fixture marks consistent is reproduced to the cent by formulas calling the shipped
// plugin functions; every inconsistent one is NOT reproduced by the plain formula.
//
// Inconsistent cases and who catches them (DOMAIN.md §4):
//   growth_rate (6, 002): inputs published rounded to 万元; the publisher computed from 元 —
//     an input-interval check (± 0.005 per input) accepts them, equality does not.
//   share (2, 002): the sum-to-100 convention (largest item absorbs the residue) — a share-group check.
//   execution_rate-0008 (000 99.87% → 10.00): no rule gives it — the score check (±0.01) flags it.
//   indicator_score-0021/0031 (000 9.325 → 9.32, 9.965 → 9.96): .xx5 ties rounded down —
//     within the ±0.01 score tolerance (rounding drift, R).
//   indicator_score-0077/0114 (003 1.23, 2.37): no rule gives them — the score check flags them.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "lua_test_util.h"

using namespace sp;
using sp::test::LuaBook;
using json = nlohmann::json;

namespace {

json load(const std::string& name) {
    std::ifstream in(std::string(SP_SHARED_DIR) + "/fixtures/" + name);
    REQUIRE(in);
    return json::parse(in);
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// One row per case: inputs in A.., the formula in the given column.
struct Rows {
    LuaBook& b;
    int row = 0;
    CellAddr at(int col) const { return CellAddr{row, col}; }
    void value(int col, const Value& v) { b.wb->set_value(b.sheet, at(col), v); }
    void formula(int col, const std::string& f) { b.wb->set_formula(b.sheet, at(col), f); }
    std::string a1(int col) const { return cell_text(at(col)); }
};

bool same_cent(const Value& v, double published) { return v.is_number() && std::abs(v.number() - published) < 1e-9; }

struct Tally {
    int consistent = 0, reproduced = 0, inconsistent = 0, caught = 0;
};

}  // namespace

TEST_CASE("fixtures: 预决算差异率, 增长率, 占比 to the cent", "[lua][fixtures]") {
    LuaBook b("", {}, true);
    REQUIRE(b.load_diagnostics().empty());
    struct Case { std::string file, formula; std::function<void(Rows&, const json&)> inputs; };
    std::vector<Case> cases = {
        {"variance_rate.json", "=ROUND(预决算差异率(A{r},B{r})*100,2)",
         [](Rows& s, const json& in) {
             s.value(0, Value(in.contains("年初预算数") ? in["年初预算数"].get<double>() : in["全年预算数"].get<double>()));
             s.value(1, Value(in["决算数"].get<double>()));
         }},
        // 上年数 is implicit in the documents: 本年数 − 增减额, computed in the formula.
        {"growth_rate.json", "=ROUND(增长率(A{r},A{r}-B{r})*100,2)",
         [](Rows& s, const json& in) {
             s.value(0, Value(in["本年数"].get<double>()));
             s.value(1, Value(in["增减额"].get<double>()));
         }},
        {"share.json", "=ROUND(占比(A{r},B{r})*100,2)",
         [](Rows& s, const json& in) {
             s.value(0, Value(in["分项"].get<double>()));
             s.value(1, Value(in["基数"].get<double>()));
         }},
    };
    for (const Case& c : cases) {
        json data = load(c.file);
        Rows s{b};
        for (const json& x : data) {
            c.inputs(s, x["inputs"]);
            std::string f = c.formula;
            for (size_t p; (p = f.find("{r}")) != std::string::npos;) f.replace(p, 3, std::to_string(s.row + 1));
            s.formula(2, f);
            ++s.row;
        }
        b.recalc();
        Tally t;
        for (size_t i = 0; i < data.size(); ++i) {
            const json& x = data[i];
            Value v = b.wb->get(b.sheet, CellAddr{int32_t(i), 2});
            double published = x["published"]["value"];
            INFO(c.file << " " << x["id"] << " published " << published << " got " << to_display(v));
            if (x["matches"]) {
                ++t.consistent;
                CHECK(same_cent(v, published));
                t.reproduced += same_cent(v, published);
            } else {
                ++t.inconsistent;
                CHECK_FALSE(same_cent(v, published));
                // What the fixture computed with exact decimals is what the formula gives.
                CHECK(same_cent(v, x["computed"].get<double>()));
                t.caught += !same_cent(v, published);
            }
        }
        INFO(c.file);
        CHECK(t.reproduced == t.consistent);
        CHECK(t.caught == t.inconsistent);
        WARN(c.file << ": " << t.reproduced << "/" << t.consistent << " consistent reproduced, " << t.caught << "/"
                    << t.inconsistent << " inconsistent not reproduced");
        // Next family on a fresh sheet.
        b.sheet = b.wb->add_sheet("S" + std::to_string(b.wb->sheet_count()));
    }
}

TEST_CASE("fixtures: 执行率 and 执行率得分 to the cent", "[lua][fixtures]") {
    LuaBook b("", {}, true);
    json data = load("execution_rate.json");
    Rows s{b};
    for (const json& x : data) {
        const json& in = x["inputs"];
        s.value(0, Value(in["全年预算数"].get<double>()));
        s.value(1, Value(in["全年执行数"].get<double>()));
        std::string r = std::to_string(s.row + 1);
        if (x["kind"] == "rate") {
            s.formula(2, "=ROUND(执行率(A" + r + ",B" + r + ")*100,2)");
        } else {
            s.value(3, Value(in["分值"].get<double>()));
            std::string method = x["model"] == "floor60_over" ? "六十起评" : "比例";
            // The score comes from the unrounded rate, in its own formula cell.
            s.formula(2, "=执行率得分(执行率(A" + r + ",B" + r + "),D" + r + ",\"" + method + "\")");
        }
        ++s.row;
    }
    b.recalc();
    Tally t;
    for (size_t i = 0; i < data.size(); ++i) {
        const json& x = data[i];
        Value v = b.wb->get(b.sheet, CellAddr{int32_t(i), 2});
        double published = x["published"]["value"];
        INFO(x["id"] << " published " << published << " got " << to_display(v));
        if (x["matches"]) {
            ++t.consistent;
            CHECK(same_cent(v, published));
            t.reproduced += same_cent(v, published);
        } else {
            ++t.inconsistent;
            CHECK_FALSE(same_cent(v, published));
            CHECK(same_cent(v, x["computed"].get<double>()));
            t.caught += !same_cent(v, published);
        }
    }
    CHECK(t.consistent == 25);
    CHECK(t.reproduced == t.consistent);
    CHECK(t.caught == t.inconsistent);
}

TEST_CASE("fixtures: 完成率 and 指标得分 from the printed strings, to the cent", "[lua][fixtures]") {
    LuaBook b("", {}, true);
    json data = load("indicator_score.json");
    auto direction = [](const std::string& kind) -> std::string {
        if (kind.rfind("floor/equal", 0) == 0) return "正向";
        if (kind.rfind("ceiling-cost", 0) == 0 || kind.rfind("ceiling-quota", 0) == 0) return "成本";
        if (kind.rfind("ceiling-limit", 0) == 0) return "限值";
        return "定性";
    };
    auto method = [](const std::string& model) -> std::string {
        if (model == "floor60_over") return "六十起评";
        if (model == "prop_over") return "超额扣分";
        return "封顶";  // prop_cap; full_if_met is decided by the declared 赋分规则
    };
    // Columns: A 权重, B 目标值, C 业绩值, D 赋分规则, E 评分办法, F 指标方向,
    // G 完成率 (explicit direction), H 指标得分, I 完成率 (inferred direction), J 指标得分 (inferred).
    Rows s{b};
    for (const json& x : data) {
        const json& in = x["inputs"];
        std::string r = std::to_string(s.row + 1);
        s.value(0, Value(in["权重"].get<double>()));
        s.value(1, Value::string(in["目标值"].get<std::string>()));
        s.value(2, Value::string(in["业绩值"].get<std::string>()));
        s.value(3, Value::string(x["rule_declared"].is_null() ? "" : x["rule_declared"].get<std::string>()));
        s.value(4, Value::string(method(x["model"])));
        s.value(5, Value::string(direction(x["indicator_kind"])));
        s.formula(6, "=完成率(B" + r + ",C" + r + ",F" + r + ")");
        s.formula(7, "=指标得分(A" + r + ",G" + r + ",D" + r + ",E" + r + ",F" + r + ")");
        s.formula(8, "=完成率(B" + r + ",C" + r + ")");
        s.formula(9, "=指标得分(A" + r + ",I" + r + ",D" + r + ",E" + r + ",指标方向(B" + r + ",C" + r + "))");
        s.formula(10, "=ROUND(G" + r + "*100,2)");
        ++s.row;
    }
    b.recalc();
    INFO(b.diagnostics());
    Tally t;
    int rates = 0, rates_ok = 0, inferred_ok = 0;
    for (size_t i = 0; i < data.size(); ++i) {
        const json& x = data[i];
        auto cell = [&](int col) { return b.wb->get(b.sheet, CellAddr{int32_t(i), col}); };
        double published = x["published"]["value"];
        INFO(x["id"] << " " << x["inputs"]["目标值"] << " " << x["inputs"]["业绩值"] << " published " << published
                     << " score " << to_display(cell(7)) << " rate " << to_display(cell(6)));
        // The computed rate (exact decimals, 2 dp in percent) and, where printed, the published one.
        CHECK(same_cent(cell(10), x["computed_rate"].get<double>()));
        if (x.contains("published_rate")) {
            ++rates;
            bool ok = same_cent(cell(10), x["published_rate"]["value"].get<double>());
            CHECK(ok);
            rates_ok += ok;
        }
        // Direction inferred from the printed texts gives the same score.
        CHECK(same_cent(cell(9), cell(7).is_number() ? cell(7).number() : -1));
        inferred_ok += same_cent(cell(9), cell(7).is_number() ? cell(7).number() : -1);
        if (x["matches"]) {
            ++t.consistent;
            CHECK(same_cent(cell(7), published));
            t.reproduced += same_cent(cell(7), published);
        } else {
            ++t.inconsistent;
            CHECK_FALSE(same_cent(cell(7), published));
            CHECK(same_cent(cell(7), x["computed"].get<double>()));
            t.caught += !same_cent(cell(7), published);
        }
    }
    CHECK(t.consistent == 113);
    CHECK(t.reproduced == t.consistent);
    CHECK(t.inconsistent == 4);
    CHECK(t.caught == t.inconsistent);
    CHECK(rates_ok == rates);
    CHECK(inferred_ok == int(data.size()));
    WARN("indicator_score: " << t.reproduced << "/" << t.consistent << " reproduced, " << t.caught << "/"
                             << t.inconsistent << " inconsistent not reproduced, published 完成率 " << rates_ok << "/"
                             << rates << ", inferred direction " << inferred_ok << "/" << data.size());
}

TEST_CASE("fixtures: 总分 = 执行率得分 + Σ指标得分", "[lua][fixtures]") {
    LuaBook b("", {}, true);
    json data = load("totals.json");
    Rows s{b};
    std::vector<const json*> cases;
    for (const json& x : data) {
        if (x["kind"] != "total_score") continue;
        const json& in = x["inputs"];
        s.value(0, Value(in["执行率得分"].get<double>()));
        int col = 1;
        for (const json& v : in["指标得分"]) s.value(col++, Value(v.get<double>()));
        std::string r = std::to_string(s.row + 1);
        s.formula(40, "=总分(A" + r + "," + cell_text(CellAddr{s.row, 1}) + ":" + cell_text(CellAddr{s.row, 30}) + ")");
        cases.push_back(&x);
        ++s.row;
    }
    b.recalc();
    REQUIRE(cases.size() == 12);
    for (size_t i = 0; i < cases.size(); ++i) {
        const json& x = *cases[i];
        Value v = b.wb->get(b.sheet, CellAddr{int32_t(i), 40});
        INFO(x["id"] << " got " << to_display(v));
        CHECK(same_cent(v, x["published"]["value"].get<double>()) == x["matches"].get<bool>());
    }
}
