// test_writer_fresh.cpp — write_fresh: a workbook built in memory, written, read back by
// our reader and by openpyxl: values, formulas (filled-down ones as shared formulas),
// number formats, bold headers, column widths, merges, frozen panes, names.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "xlsx/zip_reader.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;

namespace {

// A small report: a bold header, a date column, amounts, a filled-down formula and a total.
std::unique_ptr<Workbook> report() {
    auto wb = std::make_unique<Workbook>();
    SheetId s = wb->add_sheet("收入支出决算总表");
    Sheet& sh = wb->sheet(s);
    CellStyle bold;
    bold.bold = true;
    bold.halign = HAlign::Center;
    bold.border = true;
    bold.fill_rgb = 0xDDEBF7 | CellStyle::kFillSet;
    uint16_t head = wb->styles().add(bold);
    CellStyle date;
    date.number_format = "yyyy-mm-dd";
    uint16_t date_id = wb->styles().add(date);
    CellStyle money;
    money.number_format = "#,##0.00";
    uint16_t money_id = wb->styles().add(money);
    CellStyle pct;
    pct.number_format = "0.00%";
    uint16_t pct_id = wb->styles().add(pct);
    const char* heads[] = {"日期", "预算数", "决算数", "执行率"};
    for (int c = 0; c < 4; ++c) {
        wb->set_value(s, {0, c}, Value::string(heads[c]));
        sh.set_style(0, c, head);
    }
    for (int r = 1; r <= 5; ++r) {
        wb->set_value(s, {r, 0}, Value(45292.0 + r));
        sh.set_style(r, 0, date_id);
        wb->set_value(s, {r, 1}, Value(1000.0 * r));
        wb->set_value(s, {r, 2}, Value(900.5 * r));
        sh.set_style(r, 1, money_id);
        sh.set_style(r, 2, money_id);
        REQUIRE(wb->set_formula(s, {r, 3}, "=C" + std::to_string(r + 1) + "/B" + std::to_string(r + 1)));
        sh.set(r, 3, Value(0.9005));
        sh.set_style(r, 3, pct_id);
    }
    wb->set_value(s, {6, 0}, Value::string("合计 \"total\" & <more>"));
    REQUIRE(wb->set_formula(s, {6, 1}, "=SUM(B2:B6)"));
    sh.set(6, 1, Value(15000.0));
    REQUIRE(wb->set_formula(s, {6, 2}, "=IF(B7>0,\"ok\",\"no\")"));
    sh.set(6, 2, Value::string("ok"));
    wb->set_value(s, {7, 0}, Value::boolean(true));
    wb->set_value(s, {7, 1}, Value::error(Err::NA));
    sh.layout().merges.push_back({8, 0, 8, 3});
    wb->set_value(s, {8, 0}, Value::string("注：单位为元"));
    sh.layout().column_widths[0] = 14;
    sh.layout().column_widths[1] = 12.5;
    sh.layout().frozen_rows = 1;
    SheetId s2 = wb->add_sheet("Hidden");
    wb->sheet(s2).layout().hidden = true;
    wb->set_value(s2, {0, 0}, Value(1.0));
    wb->add_name({"Budget", kNoSheet, "'收入支出决算总表'!$B$2:$B$6"});
    return wb;
}

}  // namespace

TEST_CASE("fresh: written workbook reads back with values, formulas and layout", "[xlsx][fresh]") {
    auto wb = report();
    std::string path = test::tmp_dir() + "/fresh.xlsx";
    write_fresh(*wb, path);
    Document d = read(path);
    const Workbook& b = *d.workbook;
    REQUIRE(b.sheet_count() == 2);
    CHECK(b.sheet(0).name() == "收入支出决算总表");
    CHECK(b.get(0, {0, 2}).string() == "决算数");
    CHECK(b.get(0, {3, 1}).number() == 3000);
    CHECK(b.get(0, {3, 3}).number() == 0.9005);
    CHECK(b.formula_text(0, {3, 3}) == "=C4/B4");
    CHECK(b.formula_text(0, {6, 1}) == "=SUM(B2:B6)");
    CHECK(b.get(0, {6, 2}).string() == "ok");
    CHECK(b.get(0, {6, 0}).string() == "合计 \"total\" & <more>");
    CHECK(b.get(0, {7, 0}).boolean());
    CHECK(b.get(0, {7, 1}).error() == Err::NA);
    const Sheet& s = b.sheet(0);
    CHECK(b.styles().at(s.style_at(0, 1)).bold);
    CHECK(b.styles().at(s.style_at(0, 1)).border);
    CHECK(b.styles().at(s.style_at(0, 1)).fill_rgb == (0xDDEBF7u | CellStyle::kFillSet));
    CHECK(b.styles().at(s.style_at(0, 1)).halign == HAlign::Center);
    CHECK(b.styles().at(s.style_at(2, 0)).number_format == "yyyy-mm-dd");
    CHECK(b.styles().at(s.style_at(2, 1)).number_format == "#,##0.00");
    CHECK(b.styles().at(s.style_at(2, 3)).number_format == "0.00%");
    REQUIRE(s.layout().merges.size() == 1);
    CHECK(s.layout().merges[0] == RangeAddr{8, 0, 8, 3});
    CHECK(s.layout().column_widths.at(1) == 12.5);
    CHECK(s.layout().frozen_rows == 1);
    CHECK(b.sheet(1).layout().hidden);
    REQUIRE(b.find_name("Budget", 0));
    CHECK(b.find_name("Budget", 0)->text == "'收入支出决算总表'!$B$2:$B$6");

    // The filled-down column is one shared formula.
    auto bytes = read_file_bytes(path);
    ZipReader z(bytes, path);
    std::string xml(z.inflate(*z.find("xl/worksheets/sheet1.xml")).view());
    CHECK(xml.find("<f t=\"shared\" ref=\"D2:D6\" si=\"0\">C2/B2</f>") != std::string::npos);
    CHECK(xml.find("<f t=\"shared\" si=\"0\"/>") != std::string::npos);
}

TEST_CASE("fresh: openpyxl reads merges, widths, bold headers, formats and formulas", "[xlsx][fresh]") {
    if (!std::filesystem::exists("/usr/bin/python3")) return;
    auto wb = report();
    std::string path = test::tmp_dir() + "/fresh_openpyxl.xlsx";
    write_fresh(*wb, path);
    std::string script = test::tmp_dir() + "/fresh_check.py";
    std::ofstream(script) << R"PY(
import sys, warnings
warnings.filterwarnings("ignore")
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1]); ws = wb["收入支出决算总表"]
v = load_workbook(sys.argv[1], data_only=True)["收入支出决算总表"]
assert [str(r) for r in ws.merged_cells.ranges] == ["A9:D9"], ws.merged_cells.ranges
assert ws.column_dimensions["B"].width == 12.5, ws.column_dimensions["B"].width
assert ws["A1"].font.b and ws["D1"].font.b and not ws["A2"].font.b
assert ws["B2"].number_format == "#,##0.00", ws["B2"].number_format
assert ws["D2"].number_format == "0.00%"
assert ws["A2"].number_format == "yyyy-mm-dd"
assert ws["D4"].value == "=C4/B4", ws["D4"].value
assert ws["B7"].value == "=SUM(B2:B6)"
assert v["B7"].value == 15000 and v["C7"].value == "ok" and v["D3"].value == 0.9005
assert ws.freeze_panes == "A2", ws.freeze_panes
assert wb["Hidden"].sheet_state == "hidden"
print("ok")
)PY";
    int rc = std::system(("/usr/bin/python3 " + script + " " + path + " > " + script + ".log 2>&1").c_str());
    std::ifstream lf(script + ".log");
    std::string log((std::istreambuf_iterator<char>(lf)), std::istreambuf_iterator<char>());
    INFO(log);
    CHECK(rc == 0);
}
