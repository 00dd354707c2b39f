// test_tables.cpp — table parts (xl/tables/tableN.xml, named by a worksheet's relationships) read
// into Workbook::tables(), and the structured references of the sheet's formulas evaluated
// against them after a recalculation; a form that cannot be resolved keeps Excel's cached value.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

static Value at(const Document& d, const char* a1) { return d.workbook->get(0, *parse_cell(a1)); }

static std::string s(const char* r, const char* text) {
    return std::string("<c r=\"") + r + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}
static std::string n(const char* r, double v) { return std::string("<c r=\"") + r + "\"><v>" + std::to_string(v) + "</v></c>"; }
static std::string f(const char* r, const char* formula, const char* cached = "0") {
    return std::string("<c r=\"") + r + "\"><f>" + formula + "</f><v>" + cached + "</v></c>";
}

// 费用 on A1:C5: header row, three data rows, a totals row; C is a calculated column.
static Parts table_book(const std::string& extra_cells = "") {
    Book b;
    b.sheets = {{"明细",
                 "<row r=\"1\">" + s("A1", "项目") + s("B1", "Unit Price") + s("C1", "合计") + "</row>" +
                     "<row r=\"2\">" + s("A2", "差旅") + n("B2", 120) + f("C2", "费用[[#This Row],[Unit Price]]*2") + "</row>" +
                     "<row r=\"3\">" + s("A3", "会议") + n("B3", 30.5) + f("C3", "费用[[#This Row],[Unit Price]]*2") + "</row>" +
                     "<row r=\"4\">" + s("A4", "培训") + n("B4", 9) + f("C4", "费用[[#This Row],[Unit Price]]*2") + "</row>" +
                     "<row r=\"5\">" + s("A5", "Total") + f("B5", "SUBTOTAL(109,费用[Unit Price])") +
                     f("C5", "SUBTOTAL(109,费用[合计])") + "</row>" + "<row r=\"7\">" + extra_cells + "</row>"}};
    b.sheet_extra = "<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>";
    Parts p = b.parts();
    p.emplace_back("xl/worksheets/_rels/sheet1.xml.rels",
                   "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/table\" "
                   "Target=\"../tables/table1.xml\"/></Relationships>");
    p.emplace_back("xl/tables/table1.xml",
                   "<?xml version=\"1.0\"?><table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"1\" "
                   "name=\"Table1\" displayName=\"费用\" ref=\"A1:C5\" totalsRowCount=\"1\"><autoFilter ref=\"A1:C4\"/>"
                   "<tableColumns count=\"3\"><tableColumn id=\"1\" name=\"项目\" totalsRowLabel=\"Total\"/>"
                   "<tableColumn id=\"2\" name=\"Unit Price\" totalsRowFunction=\"sum\"/>"
                   "<tableColumn id=\"3\" name=\"合计\" totalsRowFunction=\"sum\"><calculatedColumnFormula>"
                   "费用[[#This Row],[Unit Price]]*2</calculatedColumnFormula></tableColumn></tableColumns></table>");
    return p;
}

TEST_CASE("tables: a table part is read into the model", "[xlsx][tables]") {
    Document d = read_parts(table_book());
    const auto& tables = d.workbook->tables();
    REQUIRE(tables.size() == 1);
    const Table& t = tables[0];
    CHECK(t.name == "Table1");
    CHECK(t.display_name == "费用");
    CHECK(t.part == "xl/tables/table1.xml");
    CHECK(t.sheet == 0);
    CHECK(t.ref == *parse_range("A1:C5"));
    CHECK(t.header_rows == 1);
    CHECK(t.totals_rows == 1);
    REQUIRE(t.columns.size() == 3);
    CHECK(t.columns[1].name == "Unit Price");
    CHECK(t.columns[1].totals_function == "sum");
    CHECK(t.columns[0].totals_label == "Total");
    CHECK(t.columns[2].calculated_formula == "费用[[#This Row],[Unit Price]]*2");
    CHECK(d.workbook->find_table("费用") == &t);
    CHECK(d.workbook->table_at(0, *parse_cell("B3")) == &t);
    CHECK(d.workbook->table_at(0, *parse_cell("D3")) == nullptr);
}

TEST_CASE("tables: structured references recalculate; the totals row's SUBTOTAL(109,…)", "[xlsx][tables]") {
    Document d = read_parts(table_book(f("A7", "SUM(费用[[#Data],[Unit Price]:[合计]])") + f("B7", "费用[@项目]") +
                                       f("C7", "ROWS(费用[#All])")));
    for (const auto& g : d.workbook->diagnostics()) CHECK(g.level != Diagnostic::Level::Error);
    Calculator calc(*d.workbook);
    calc.recalc_full();
    CHECK(at(d, "C2").number() == 240);
    CHECK(at(d, "C3").number() == 61);
    CHECK(at(d, "C4").number() == 18);
    CHECK(at(d, "B5").number() == 159.5);
    CHECK(at(d, "C5").number() == 319);
    CHECK(at(d, "A7").number() == 159.5 + 319);
    CHECK(at(d, "B7").error() == Err::Value);  // row 7 is not a row of the table
    CHECK(at(d, "C7").number() == 5);
    CHECK(d.workbook->formula_text(0, *parse_cell("C3")) == "=费用[[#This Row],[Unit Price]]*2");
}

TEST_CASE("tables: a reference the table does not resolve keeps the cached value and is reported", "[xlsx][tables]") {
    Document d = read_parts(table_book(f("A7", "SUM(费用[No such column])", "42")));
    bool reported = false;
    for (const auto& g : d.workbook->diagnostics())
        if (g.level == Diagnostic::Level::Error && g.cell == *parse_cell("A7") &&
            g.message.find("structured") != std::string::npos)
            reported = true;
    CHECK(reported);
    Calculator calc(*d.workbook);
    calc.recalc_full();
    CHECK(at(d, "A7").number() == 42);
    CHECK(at(d, "C3").number() == 61);
}

TEST_CASE("tables: a damaged or missing table part is skipped with a note, never refused", "[xlsx][tables]") {
    Parts p = with_part(table_book(), "xl/tables/table1.xml", "<table ref=\"A1:C5\"");  // not XML
    Document d = read_parts(p);
    CHECK(d.workbook->tables().empty());
    bool noted = false;
    for (const auto& g : d.workbook->diagnostics())
        if (g.message.find("table part") != std::string::npos) noted = true;
    CHECK(noted);
    Parts q;
    for (auto& part : table_book())
        if (part.first != "xl/tables/table1.xml") q.push_back(part);
    Document e = read_parts(q);
    CHECK(e.workbook->tables().empty());
}

static Parts edited(Parts p, const std::string& part, const std::string& from, const std::string& to) {
    for (auto& [name, data] : p)
        if (name == part) {
            auto at = data.find(from);
            REQUIRE(at != std::string::npos);
            data.replace(at, from.size(), to);
        }
    return p;
}

TEST_CASE("tables: SUBTOTAL skips filtered rows (1-11) and every hidden row (101-111)", "[xlsx][tables]") {
    // Row 3 (会议, 30.5) hidden; 120 and 9 stay visible.
    Parts base = edited(table_book(f("A7", "SUBTOTAL(9,费用[Unit Price])") + f("B7", "SUBTOTAL(109,费用[Unit Price])") +
                                   f("C7", "SUM(费用[Unit Price])") + f("D7", "SUBTOTAL(103,费用[项目])")),
                        "xl/worksheets/sheet1.xml", "<row r=\"3\">", "<row r=\"3\" hidden=\"1\">");
    SECTION("hidden by hand: only 101-111 skip it") {
        Document d = read_parts(base);
        REQUIRE(d.workbook->tables().size() == 1);
        CHECK_FALSE(d.workbook->tables()[0].filtered);
        Calculator(*d.workbook).recalc_full();
        CHECK(at(d, "A7").number() == 159.5);
        CHECK(at(d, "B7").number() == 129);
        CHECK(at(d, "B5").number() == 129);  // the totals row's SUBTOTAL(109,…)
        CHECK(at(d, "C7").number() == 159.5);
        CHECK(at(d, "D7").number() == 2);
    }
    SECTION("hidden by the table's AutoFilter: every SUBTOTAL skips it, SUM does not") {
        Document d = read_parts(edited(base, "xl/tables/table1.xml", "<autoFilter ref=\"A1:C4\"/>",
                                       "<autoFilter ref=\"A1:C4\"><filterColumn colId=\"0\"><filters><filter val=\"差旅\"/>"
                                       "<filter val=\"培训\"/></filters></filterColumn></autoFilter>"));
        REQUIRE(d.workbook->tables().size() == 1);
        CHECK(d.workbook->tables()[0].filtered);
        Calculator(*d.workbook).recalc_full();
        CHECK(at(d, "A7").number() == 129);
        CHECK(at(d, "B7").number() == 129);
        CHECK(at(d, "C7").number() == 159.5);
    }
}
