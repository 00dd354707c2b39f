// test_consolidate.cpp — 汇总: the consolidated workbook holds the cell-wise sum of the units'
// input cells, its formulas recomputed on the sums, styles untouched, and a 汇总说明 sheet;
// units of another shape are left out with the reason.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "batch/consolidate.h"
#include "batch_test_util.h"
#include "check/check_file.h"
#include "xlsx/zip_reader.h"

using namespace sp;
using namespace sp::batch;
using namespace sp::batch::test;

namespace {

xlsx::Document read_with_plugins(const fs::path& p) {
    static auto registry = shipped_plugins()->registry();
    xlsx::ReadOptions ro;
    ro.registry = registry.get();
    return xlsx::read(p.string(), ro);
}

// The samples are saved without cached formula values: recalculate to compare formulas.
xlsx::Document read_recalculated(const fs::path& p) {
    xlsx::Document d = read_with_plugins(p);
    lua::Runtime rt(shipped_plugins());
    Calculator calc(*d.workbook);
    calc.set_host(&rt.host(), &rt);
    calc.recalc_full();
    return d;
}

double num(const Workbook& wb, const std::string& ref) {
    Value v = wb.get(ref);
    return v.is_number() ? v.number() : 0.0;
}

// Recalculating the written workbook changes nothing: the values written are the formulas' values.
size_t stale_after_recalc(const fs::path& p) {
    xlsx::Document d = read_with_plugins(p);
    lua::Runtime rt(shipped_plugins());
    Calculator calc(*d.workbook);
    calc.set_host(&rt.host(), &rt);
    calc.record_changes(true);
    calc.recalc_full();
    return check::stale_values(*d.workbook, calc).size();
}

std::string part_text(const fs::path& p, const std::string& part) {
    auto bytes = xlsx::read_file_bytes(p.string());
    xlsx::ZipReader z(bytes, p.string());
    const xlsx::ZipEntry* e = z.find(part);
    return e ? std::string(z.inflate(*e).view()) : std::string();
}

}  // namespace

TEST_CASE("consolidate: the seven 000 project tables into the 项目支出绩效自评表 template") {
    fs::path dir = scratch("consolidate-projects");
    std::vector<std::string> inputs;
    for (int i = 1; i <= 7; ++i) inputs.push_back(sample("000_项目支出绩效自评表_" + std::to_string(i) + ".xlsx").string());
    inputs.push_back(sample("003_项目支出绩效自评表_1.xlsx").string());  // the 2021 variant: another shape
    write_bytes(dir / "broken.xlsx", "not a zip");
    inputs.push_back((dir / "broken.xlsx").string());
    fs::path tpl = templates_dir() / "项目支出绩效自评表.xlsx";
    fs::path out = dir / "汇总.xlsx";

    ConsolidateResult res = consolidate(inputs, tpl.string(), out.string(), shipped_plugins());
    CHECK(res.included == 7);
    REQUIRE(res.units.size() == 9);
    CHECK_FALSE(res.units[7].included);
    CHECK_FALSE(res.units[7].reason.empty());
    CHECK_FALSE(res.units[8].included);
    CHECK(res.units[8].reason.find("无法读取") != std::string::npos);
    INFO(res.units[8].reason);
    CHECK(res.units[8].reason.find("不是 xlsx 文件") != std::string::npos);  // the reviewer's sentence, in Chinese
    CHECK(res.units[0].unit == "昌吉回族自治州人力资源和社会保障服务中心");
    CHECK(res.layout_used.find("项目支出绩效自评表.layout.json") != std::string::npos);
    CHECK(res.cells_not_written == 0);

    // Expected: for every layout input cell in the body rows (not a 公布数 cell), the sum of the
    // numbers the seven units hold there.
    nlohmann::json layout = nlohmann::json::parse(read_bytes(templates_dir() / "项目支出绩效自评表.layout.json"));
    const auto& sheet = layout["sheets"][0];
    int first = sheet["body_rows"][0], last = sheet["body_rows"][1];
    std::vector<xlsx::Document> units;
    for (int i = 0; i < 7; ++i) units.push_back(read_recalculated(inputs[i]));
    xlsx::Document got = read_with_plugins(out);
    const Workbook& g = *got.workbook;
    SheetId s = *g.find_sheet("项目支出绩效自评表");
    size_t compared = 0;
    for (const auto& in : sheet["inputs"]) {
        auto r = parse_range(in.get<std::string>());
        REQUIRE(r);
        for (int32_t row = std::max(r->r1, first - 1); row <= std::min(r->r2, last - 1); ++row)
            for (int32_t col = r->c1; col <= r->c2; ++col) {
                double sum = 0;
                bool any = false;
                for (auto& u : units)
                    if (Value v = u.workbook->get(s, {row, col}); v.is_number()) sum += v.number(), any = true;
                if (!any) continue;
                INFO(cell_text({row, col}));
                Value v = g.get(s, {row, col});
                REQUIRE(v.is_number());
                CHECK(v.number() == Approx(sum).epsilon(1e-12));
                ++compared;
            }
    }
    CHECK(compared >= 10);
    // The money block by name: 全年执行数 of 当年财政拨款 is the sum of the units'.
    double g7 = 0;
    for (auto& u : units) g7 += num(*u.workbook, "G7");
    CHECK(num(g, "G7") == Approx(g7));
    // Formulas recomputed on the sums: 年度资金总额 = Σ sources, linear, so also the sum of the units'.
    CHECK(num(g, "G6") == Approx(num(g, "G7") + num(g, "G8")));
    double g6 = 0;
    for (auto& u : units) g6 += num(*u.workbook, "G6");
    CHECK(num(g, "G6") == Approx(g6));
    CHECK(stale_after_recalc(out) == 0);
    // Not summed: the year all units agree on; 公布数 cells stay as in the template (empty).
    CHECK(num(g, "A2") == num(*units[0].workbook, "A2"));
    CHECK(g.get("P6").is_empty());
    // Styles and everything else copied from the template.
    CHECK(part_text(out, "xl/styles.xml") == part_text(tpl, "xl/styles.xml"));
    // The record of units.
    auto note = g.find_sheet("汇总说明");
    REQUIRE(note);
    size_t included_rows = 0;
    const Sheet& ns = g.sheet(*note);
    for (int32_t row = 0; row < 40; ++row)
        if (Value v = ns.get(row, 3); v.is_string() && v.string() == "已汇总") ++included_rows;
    CHECK(included_rows == 7);
}

TEST_CASE("consolidate: a 部门决算 and an edited copy add up, totals recomputed") {
    fs::path dir = scratch("consolidate-js");
    fs::path js = sample("000_部门决算公开.xlsx");
    double c6 = num(*read_with_plugins(js).workbook, "'收入支出决算总表'!C6");
    write_variant(js, dir / "b.xlsx", {{"'收入支出决算总表'!C6", Value(c6 + 100)}}, true);
    fs::path out = dir / "汇总.xlsx";
    ConsolidateResult res = consolidate({js.string(), (dir / "b.xlsx").string()},
                                        (templates_dir() / "部门决算公开.xlsx").string(), out.string(), shipped_plugins());
    REQUIRE(res.included == 2);
    xlsx::Document a = read_recalculated(js);
    xlsx::Document g = read_with_plugins(out);
    const Workbook& A = *a.workbook;
    const Workbook& G = *g.workbook;
    CHECK(num(G, "'收入支出决算总表'!C6") == Approx(2 * c6 + 100));
    // 收入总计 is a formula: recomputed on the sums.
    CHECK(num(G, "'收入支出决算总表'!C39") == Approx(2 * num(A, "'收入支出决算总表'!C39") + 100));
    CHECK(num(G, "'收入支出决算总表'!F39") == Approx(2 * num(A, "'收入支出决算总表'!F39")));
    CHECK(stale_after_recalc(out) == 0);
    // Header cells are not summed: the year and the unit both files agree on.
    CHECK(num(G, "'收入支出决算总表'!D3") == num(A, "'收入支出决算总表'!D3"));
    CHECK(G.get("'收入支出决算总表'!A3").is_string());
    CHECK(res.conflicts.empty());
}

TEST_CASE("consolidate: without a layout every constant cell is summed, except --keep") {
    fs::path dir = scratch("consolidate-nolayout");
    fs::path p1 = sample("000_项目支出绩效自评表_1.xlsx"), p2 = sample("000_项目支出绩效自评表_2.xlsx");
    double year = num(*read_with_plugins(p1).workbook, "A2");
    ConsolidateOptions opt;
    opt.use_layout = false;
    fs::path out = dir / "a.xlsx";
    consolidate({p1.string(), p2.string()}, (templates_dir() / "项目支出绩效自评表.xlsx").string(), out.string(),
                shipped_plugins(), opt);
    CHECK(num(*read_with_plugins(out).workbook, "A2") == 2 * year);
    opt.keep = {"'项目支出绩效自评表'!A2"};
    consolidate({p1.string(), p2.string()}, (templates_dir() / "项目支出绩效自评表.xlsx").string(), out.string(),
                shipped_plugins(), opt);
    CHECK(num(*read_with_plugins(out).workbook, "A2") == year);
    // Units that disagree on a constant text cell: left empty and listed.
    ConsolidateResult res = consolidate({p1.string(), p2.string()}, (templates_dir() / "项目支出绩效自评表.xlsx").string(),
                                        out.string(), shipped_plugins());
    bool project_name = false;
    for (auto& c : res.conflicts) project_name |= c.find("D3") != std::string::npos;
    CHECK(project_name);
    CHECK(read_with_plugins(out).workbook->get("D3").is_empty());
    // Nothing matches: an error, no output.
    fs::path none = dir / "none.xlsx";
    CHECK_THROWS(consolidate({sample("003_项目支出绩效自评表_1.xlsx").string()},
                             (templates_dir() / "项目支出绩效自评表.xlsx").string(), none.string(), shipped_plugins()));
    CHECK_FALSE(fs::exists(none));
    opt = {};
    opt.require_all = true;
    CHECK_THROWS(consolidate({p1.string(), sample("003_项目支出绩效自评表_1.xlsx").string()},
                             (templates_dir() / "项目支出绩效自评表.xlsx").string(), none.string(), shipped_plugins(), opt));
    CHECK_FALSE(fs::exists(none));
}
