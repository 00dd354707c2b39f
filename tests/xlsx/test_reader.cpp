// test_reader.cpp — xlsx::read on small packages built in the test: every value type,
// rich text, escapes, formulas (plain, shared, array), names, calcPr, 1904, layout, styles.
#include <catch2/catch.hpp>

#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

static Value at(const Document& d, SheetId s, const char* a1) {
    auto c = parse_cell(a1);
    REQUIRE(c);
    return d.workbook->get(s, *c);
}

TEST_CASE("reader: every cell value type", "[xlsx][reader]") {
    Book b;
    b.shared_strings = "<si><t>plain</t></si>"
                       "<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space=\"preserve\">text </t></r>"
                       "<rPh sb=\"0\" eb=\"1\"><t>FURIGANA</t></rPh><phoneticPr fontId=\"1\"/></si>"
                       "<si><t>tab_x0009_bell_x0007_ and literal _x005F_x0041_</t></si>"
                       "<si><t>收入支出决算总表</t></si>";
    b.sheets = {{"S", "<row r=\"1\">"
                      "<c r=\"A1\"><v>1.5</v></c>"
                      "<c r=\"B1\" t=\"n\"><v>-2E-3</v></c>"
                      "<c r=\"C1\" t=\"s\"><v>0</v></c>"
                      "<c r=\"D1\" t=\"s\"><v>1</v></c>"
                      "<c r=\"E1\" t=\"s\"><v>2</v></c>"
                      "<c r=\"F1\" t=\"s\"><v>3</v></c>"
                      "</row><row r=\"2\">"
                      "<c r=\"A2\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>a&amp;b</v></c>"
                      "<c r=\"B2\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r><rPh><t>x</t></rPh></is></c>"
                      "<c r=\"C2\" t=\"b\"><v>1</v></c>"
                      "<c r=\"D2\" t=\"b\"><v>0</v></c>"
                      "<c r=\"E2\" t=\"e\"><v>#DIV/0!</v></c>"
                      "<c r=\"F2\" t=\"e\"><v>#N/A</v></c>"
                      "<c r=\"G2\" t=\"d\"><v>2024-01-31</v></c>"
                      "<c r=\"H2\" t=\"d\"><v>2024-01-31T12:00:00</v></c>"
                      "<c r=\"I2\" s=\"0\"/>"
                      "<c r=\"J2\" t=\"str\"><v> </v></c>"
                      "</row>"}};
    Document d = read_parts(b.parts());
    CHECK(at(d, 0, "A1").number() == 1.5);
    CHECK(at(d, 0, "B1").number() == -0.002);
    CHECK(at(d, 0, "C1").string() == "plain");
    CHECK(at(d, 0, "D1").string() == "rich text ");               // runs joined, <rPh> left out
    CHECK(at(d, 0, "E1").string() == "tab\tbell\x07 and literal _x0041_");  // _xHHHH_ decoded, _x005F_ escapes '_'
    CHECK(at(d, 0, "F1").string() == "收入支出决算总表");
    CHECK(at(d, 0, "A2").string() == "a&b");
    CHECK(at(d, 0, "B2").string() == "inline");
    CHECK(at(d, 0, "C2").is_bool());
    CHECK(at(d, 0, "C2").boolean());
    CHECK_FALSE(at(d, 0, "D2").boolean());
    CHECK(at(d, 0, "E2").error() == Err::Div0);
    CHECK(at(d, 0, "F2").error() == Err::NA);
    CHECK(at(d, 0, "G2").number() == 45322);   // DATE(2024,1,31)
    CHECK(at(d, 0, "H2").number() == 45322.5);
    CHECK(at(d, 0, "I2").is_empty());
    CHECK(at(d, 0, "J2").string() == " ");      // a lone space survives the XML parser
    CHECK(d.stats.cells == 15);
    CHECK(d.stats.formulas == 1);
}

TEST_CASE("reader: cells and rows without r attributes follow their predecessors", "[xlsx][reader]") {
    Book b;
    b.sheets = {{"S", "<row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"}};
    Document d = read_parts(b.parts());
    CHECK(at(d, 0, "A1").number() == 1);
    CHECK(at(d, 0, "B1").number() == 2);
    CHECK(at(d, 0, "C2").number() == 3);
    CHECK(at(d, 0, "D2").number() == 4);
}

TEST_CASE("reader: shared formulas share one program; array formulas keep their range", "[xlsx][reader]") {
    Book b;
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><f t=\"shared\" ref=\"B1:B3\" si=\"0\">A1*2</f><v>2</v></c></row>"
                      "<row r=\"2\"><c r=\"A2\"><v>2</v></c><c r=\"B2\"><f t=\"shared\" si=\"0\"/><v>4</v></c></row>"
                      "<row r=\"3\"><c r=\"A3\"><v>3</v></c><c r=\"B3\"><f t=\"shared\" si=\"0\"/><v>6</v></c>"
                      "<c r=\"C3\"><f t=\"array\" ref=\"C3:D3\">A1:A2*10</f><v>10</v></c><c r=\"D3\"><v>20</v></c></row>"}};
    Document d = read_parts(b.parts());
    Workbook& wb = *d.workbook;
    uint32_t f1 = wb.sheet(0).formula_at(0, 1), f3 = wb.sheet(0).formula_at(2, 1);
    REQUIRE(f1 != kNoFormula);
    REQUIRE(f3 != kNoFormula);
    CHECK(wb.formula(f1).program == wb.formula(f3).program);
    CHECK(wb.formula_text(0, {2, 1}) == "=A3*2");   // the shared shape, printed at B3
    CHECK(at(d, 0, "B3").number() == 6);             // cached value kept after the formula is set
    uint32_t fa = wb.sheet(0).formula_at(2, 2);
    REQUIRE(fa != kNoFormula);
    CHECK(wb.formula(fa).array);
    REQUIRE(wb.array_range(fa));
    CHECK(*wb.array_range(fa) == RangeAddr{2, 2, 2, 3});
    CHECK(at(d, 0, "D3").number() == 20);
    CHECK(d.stats.formulas == 4);
}

TEST_CASE("reader: defined names, calcPr and the 1904 date system", "[xlsx][reader]") {
    Book b;
    b.workbook_pr = "date1904=\"1\"";
    b.sheets = {{"One", "<row r=\"1\"><c r=\"A1\" t=\"d\"><v>1904-01-02</v></c></row>"}, {"Two", ""}};
    b.after_sheets = "<definedNames><definedName name=\"Total\">One!$A$1</definedName>"
                     "<definedName name=\"Local\" localSheetId=\"1\" hidden=\"1\">One!$A$1:$B$2</definedName></definedNames>"
                     "<calcPr calcId=\"152511\" iterate=\"1\" iterateCount=\"50\" iterateDelta=\"0.0001\" fullCalcOnLoad=\"1\"/>";
    Document d = read_parts(b.parts());
    Workbook& wb = *d.workbook;
    CHECK(wb.settings().date1904);
    CHECK(wb.settings().iterate);
    CHECK(wb.settings().iterate_count == 50);
    CHECK(wb.settings().iterate_delta == 0.0001);
    CHECK(wb.settings().full_calc_on_load);
    CHECK(at(d, 0, "A1").number() == 1);  // 1904-01-02 is serial 1 in the 1904 system
    const DefinedName* g = wb.find_name("total", 0);
    REQUIRE(g);
    CHECK(g->scope == kNoSheet);
    CHECK(g->text == "One!$A$1");
    const DefinedName* l = wb.find_name("Local", 1);
    REQUIRE(l);
    CHECK(l->scope == 1);
    CHECK(l->hidden);
    CHECK(wb.find_name("Local", 0) == nullptr);  // sheet-local to Two only
}

TEST_CASE("reader: layout and styles", "[xlsx][reader]") {
    Book b;
    b.styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
               "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
               "<fonts count=\"2\"><font/><font><b/></font></fonts>"
               "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
               "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFFF00\"/></patternFill></fill></fills>"
               "<borders count=\"2\"><border/><border><left style=\"thin\"/></border></borders>"
               "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
               "<xf numFmtId=\"10\" fontId=\"1\" fillId=\"0\" borderId=\"0\"/>"
               "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"2\" borderId=\"1\"><alignment horizontal=\"center\" wrapText=\"1\"/></xf>"
               "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellXfs></styleSheet>";
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0.25</v></c><c r=\"B1\" s=\"2\"><v>45322</v></c><c r=\"C1\" s=\"3\"/></row>"}};
    b.sheet_extra = "<mergeCells count=\"1\"><mergeCell ref=\"A2:C2\"/></mergeCells>";
    Parts p = b.parts();
    for (auto& [n, x] : p)
        if (n == "xl/worksheets/sheet1.xml") {
            x.insert(x.find("<sheetData>"), "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" xSplit=\"2\" topLeftCell=\"C2\" state=\"frozen\"/></sheetView></sheetViews>"
                                           "<cols><col min=\"1\" max=\"2\" width=\"20.5\" customWidth=\"1\"/></cols>");
        }
    Document d = read_parts(p);
    const Workbook& wb = *d.workbook;
    const Sheet& s = wb.sheet(0);
    const CellStyle& pct = wb.styles().at(s.style_at(0, 0));
    CHECK(pct.number_format == "0.00%");
    CHECK(pct.bold);
    const CellStyle& date = wb.styles().at(s.style_at(0, 1));
    CHECK(date.number_format == "yyyy\"年\"m\"月\"d\"日\"");
    CHECK(date.border);
    CHECK(date.fill_rgb == (0xFFFF00u | CellStyle::kFillSet));
    CHECK(date.halign == HAlign::Center);
    CHECK(date.wrap);
    CHECK(s.style_at(0, 2) != 0);  // a styled empty cell keeps its style
    CHECK(s.style_at(5, 5) == 0);
    REQUIRE(s.layout().merges.size() == 1);
    CHECK(s.layout().merges[0] == RangeAddr{1, 0, 1, 2});
    CHECK(s.layout().column_widths.at(0) == 20.5);
    CHECK(s.layout().column_widths.at(1) == 20.5);
    CHECK(s.layout().frozen_rows == 1);
    CHECK(s.layout().frozen_cols == 2);
}

TEST_CASE("reader: a formula that does not parse keeps its cached value and is reported", "[xlsx][reader]") {
    Book b;
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\"><f>SUM(1,,,(</f><v>42</v></c><c r=\"B1\"><f>1+1</f><v>2</v></c></row>"}};
    Document d = read_parts(b.parts());
    CHECK(at(d, 0, "A1").number() == 42);
    bool reported = false;
    for (const auto& diag : d.workbook->diagnostics())
        if (diag.level == Diagnostic::Level::Error && diag.cell == CellAddr{0, 0}) {
            reported = true;
            CHECK(d.where(diag) == "test.xlsx: xl/worksheets/sheet1.xml: S!A1");
        }
    CHECK(reported);
}

TEST_CASE("reader: a sheet of many rows crosses several parse slices intact", "[xlsx][reader]") {
    std::string rows;
    const int n = 60000;  // ~3 MB of XML: more than one slice
    for (int r = 1; r <= n; ++r)
        rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" + std::to_string(r) +
                "</v></c><c r=\"B" + std::to_string(r) + "\" t=\"inlineStr\"><is><t>row " + std::to_string(r) + "</t></is></c></row>";
    Book b;
    b.sheets = {{"S", rows}};
    Document d = read_parts(b.parts());
    const Sheet& s = d.workbook->sheet(0);
    double sum = 0;
    s.for_each(RangeAddr{0, 0, n - 1, 0}, [&](int32_t, int32_t, const CellView& v) { sum += v.num; });
    CHECK(sum == double(n) * (n + 1) / 2);
    CHECK(s.get(n - 1, 1).string() == "row " + std::to_string(n));
    CHECK(s.cell_count() == size_t(2 * n));
}
