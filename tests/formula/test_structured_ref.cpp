// test_structured_ref.cpp — structured references: the text forms Excel writes (parse_structured),
// their resolution against a table in a workbook, evaluation and recalculation through the
// dependency graph, and that printing gives back Excel's text. Expected values are worked by
// hand from the cells below (the same values Excel shows for this table).
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "formula/structured_ref.h"
#include "../calc/cells.h"

using namespace sp;
using sp::test::at;
using sp::test::num;
using namespace sp::formula;

namespace {
Value val(const Workbook& wb, SheetId s, const char* a1) { return wb.get(s, at(a1)); }
StructuredRef parsed(std::string_view text) {
    StructuredRef r;
    INFO(text);
    REQUIRE(parse_structured(text, r));
    return r;
}
}  // namespace

TEST_CASE("structured references: the text forms Excel writes", "[formula][tables]") {
    StructuredRef r = parsed("Table1[Sales]");
    CHECK(r.table == "Table1");
    CHECK(r.items == 0);
    CHECK(r.col1 == "Sales");
    CHECK(r.col2.empty());

    r = parsed("Table1[[#This Row],[Qty]]");
    CHECK(r.items == StructuredRef::ThisRow);
    CHECK(r.col1 == "Qty");
    r = parsed("Table1[@Qty]");
    CHECK((r.items == StructuredRef::ThisRow && r.col1 == "Qty"));
    r = parsed("Table1[@[Unit Price]]");
    CHECK((r.items == StructuredRef::ThisRow && r.col1 == "Unit Price"));
    r = parsed("[@Qty]");
    CHECK((r.table.empty() && r.items == StructuredRef::ThisRow && r.col1 == "Qty"));
    r = parsed("[Column3]");
    CHECK((r.table.empty() && r.items == 0 && r.col1 == "Column3"));

    r = parsed("Table1[[#Headers],[A]:[C]]");
    CHECK(r.items == StructuredRef::Headers);
    CHECK((r.col1 == "A" && r.col2 == "C"));
    r = parsed("Table1[[#Headers], [#Data], [A]]");  // spaces between items, as Excel allows
    CHECK(r.items == (StructuredRef::Headers | StructuredRef::Data));
    CHECK(parsed("Table1[#All]").items == StructuredRef::All);
    CHECK(parsed("Table1[#data]").items == StructuredRef::Data);  // case-insensitive
    CHECK(parsed("Table1[#Totals]").items == StructuredRef::Totals);
    CHECK(parsed("Table1[]").col1.empty());

    // Escapes (from the conformance workbook's Table9): '' is ', '[ '] '# are the brackets and #.
    r = parsed("Table9[[#This Row],[Hi, ''This]:['[Not me']]]");
    CHECK((r.col1 == "Hi, 'This" && r.col2 == "[Not me]"));
    r = parsed("Table9[Totals '[']^&*@'#$,,<>]");
    CHECK(r.col1 == "Totals []^&*@#$,,<>");

    StructuredRef bad;
    CHECK_FALSE(parse_structured("Table1[#Nope]", bad));
    CHECK_FALSE(parse_structured("Table1[[A],[B]]", bad));     // two separate column lists
    CHECK_FALSE(parse_structured("Table1[[#This Row]", bad));  // unbalanced
    CHECK_FALSE(parse_structured("Table1", bad));              // bare names are resolved by name, not here
}

namespace {
// Sales on S!A1:D5: header row 1, data rows 2-4, totals row 5.
//   Item | Qty | Unit Price | Total (=[@Qty]*[@[Unit Price]])
//   a    | 2   | 10         | 20
//   b    | 3   | 20         | 60
//   c    | 5   | 1.5        | 7.5
//   Total| =SUBTOTAL(109,Sales[Qty]) 10 |  | =SUBTOTAL(109,Sales[Total]) 87.5
struct SalesBook {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    SheetId other = wb.add_sheet("Other");
    SalesBook() {
        Table t;
        t.name = t.display_name = "Sales";
        t.sheet = s;
        t.ref = *parse_range("A1:D5");
        t.totals_rows = 1;
        for (const char* c : {"Item", "Qty", "Unit Price", "Total"}) t.columns.push_back(TableColumn{c, "", "", "", ""});
        wb.add_table(t);
        const char* head[] = {"Item", "Qty", "Unit Price", "Total"};
        for (int c = 0; c < 4; ++c) wb.set_value(s, {0, c}, Value::string(head[c]));
        const char* item[] = {"a", "b", "c"};
        double qty[] = {2, 3, 5}, price[] = {10, 20, 1.5};
        for (int r = 0; r < 3; ++r) {
            wb.set_value(s, {r + 1, 0}, Value::string(item[r]));
            wb.set_value(s, {r + 1, 1}, Value(qty[r]));
            wb.set_value(s, {r + 1, 2}, Value(price[r]));
            REQUIRE(wb.set_formula(s, {r + 1, 3}, "=[@Qty]*[@[Unit Price]]"));
        }
        wb.set_value(s, at("A5"), Value::string("Total"));
        REQUIRE(wb.set_formula(s, at("B5"), "=SUBTOTAL(109,Sales[Qty])"));
        REQUIRE(wb.set_formula(s, at("D5"), "=SUBTOTAL(109,Sales[Total])"));
    }
};
}  // namespace

TEST_CASE("structured references evaluate as the ranges of their table", "[formula][tables][calc]") {
    SalesBook b;
    Workbook& wb = b.wb;
    SheetId s = b.s, o = b.other;
    REQUIRE(wb.set_formula(s, at("F1"), "=ROWS(Sales[#All])"));
    REQUIRE(wb.set_formula(s, at("F2"), "=COUNTA(Sales[#Headers])"));
    REQUIRE(wb.set_formula(s, at("F3"), "=SUM(Sales[[#Data],[Qty]:[Unit Price]])"));
    REQUIRE(wb.set_formula(s, at("F4"), "=Sales[[#Totals],[Total]]"));
    REQUIRE(wb.set_formula(s, at("F5"), "=SUM(Sales)"));
    REQUIRE(wb.set_formula(s, at("F6"), "=Sales[@Qty]"));  // row 6 is not a row of the table
    REQUIRE(wb.set_formula(s, at("G3"), "=Sales[[#This Row],[Qty]]*2"));
    REQUIRE(wb.set_formula(s, at("G1"), "=INDEX(Sales[[#Headers],[Item]:[Unit Price]],1,3)"));
    REQUIRE(wb.set_formula(s, at("G5"), "=COLUMNS(Sales[])"));
    REQUIRE(wb.set_formula(s, at("G6"), "=SUM(sales[QTY])"));  // names are case-insensitive
    REQUIRE(wb.set_formula(s, at("G7"), "=ROWS(Sales[[#Headers],[#Data],[Qty]])"));
    REQUIRE(wb.set_formula(o, at("A1"), "=SUM(Sales[Total])+Sales[[#Totals],[Qty]]"));  // another sheet
    REQUIRE(wb.set_formula(o, at("A3"), "=Sales[@Item]"));  // this row from another sheet: row 3's
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, s, "D2") == 20);
    CHECK(num(wb, s, "D3") == 60);
    CHECK(num(wb, s, "D4") == 7.5);
    CHECK(num(wb, s, "B5") == 10);
    CHECK(num(wb, s, "D5") == 87.5);
    CHECK(num(wb, s, "F1") == 5);
    CHECK(num(wb, s, "F2") == 4);
    CHECK(num(wb, s, "F3") == 41.5);  // 2+3+5 + 10+20+1.5
    CHECK(num(wb, s, "F4") == 87.5);
    CHECK(num(wb, s, "F5") == 129);   // every number of the data rows: 10 + 31.5 + 87.5
    CHECK(val(wb, s, "F6").is_error());
    CHECK(val(wb, s, "F6").error() == Err::Value);
    CHECK(num(wb, s, "G3") == 6);
    CHECK(val(wb, s, "G1").string() == "Unit Price");
    CHECK(num(wb, s, "G5") == 4);
    CHECK(num(wb, s, "G6") == 10);
    CHECK(num(wb, s, "G7") == 4);
    CHECK(num(wb, o, "A1") == 97.5);
    CHECK(val(wb, o, "A3").string() == "b");

    // The filled-down column shares one program (the resolution is relative to the row).
    const Sheet& sh = wb.sheet(s);
    CHECK(wb.formula(sh.formula_at(1, 3)).program == wb.formula(sh.formula_at(3, 3)).program);
    // Printing keeps Excel's text.
    CHECK(wb.formula_text(s, at("D2")) == "=[@Qty]*[@[Unit Price]]");
    CHECK(wb.formula_text(s, at("F3")) == "=SUM(Sales[[#Data],[Qty]:[Unit Price]])");

    // Tables are ranges of the dependency graph: an edit recalculates what reads the table.
    wb.set_value(s, at("B2"), Value(4.0));
    calc.recalc();
    CHECK(num(wb, s, "D2") == 40);
    CHECK(num(wb, s, "D5") == 107.5);
    CHECK(num(wb, s, "B5") == 12);
    CHECK(num(wb, o, "A1") == 107.5 + 12);
    CHECK(num(wb, s, "F5") == 12 + 31.5 + 107.5);
}

TEST_CASE("structured references in defined names", "[formula][tables][calc]") {
    SalesBook b;
    Workbook& wb = b.wb;
    wb.add_name(DefinedName{"QtyCol", kNoSheet, "Sales[Qty]"});
    wb.add_name(DefinedName{"Everything", kNoSheet, "Sales[#All]"});
    wb.add_name(DefinedName{"Doubled", kNoSheet, "SUM(Sales[Total])*2"});
    wb.add_name(DefinedName{"RowQty", kNoSheet, "Sales[@Qty]"});  // no row of its own: not evaluated
    REQUIRE(wb.set_formula(b.s, at("H1"), "=SUM(QtyCol)"));
    REQUIRE(wb.set_formula(b.s, at("H2"), "=ROWS(Everything)"));
    REQUIRE(wb.set_formula(b.s, at("H3"), "=Doubled"));
    CHECK_FALSE(wb.set_formula(b.s, at("H4"), "=RowQty"));
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(num(wb, b.s, "H1") == 10);
    CHECK(num(wb, b.s, "H2") == 5);
    CHECK(num(wb, b.s, "H3") == 175);
    REQUIRE(wb.find_name("RowQty", kNoSheet));
    CHECK_FALSE(wb.find_name("RowQty", kNoSheet)->unsupported.empty());
}

TEST_CASE("structured references that cannot be resolved are reported, not evaluated", "[formula][tables]") {
    SalesBook b;
    Workbook& wb = b.wb;
    std::string error, unsupported;
    // An unknown column, an unknown table, a table-less form outside every table.
    for (const char* f : {"=Sales[Nope]", "=SUM(Nosuch[Qty])", "=[@Qty]*2"}) {
        INFO(f);
        CHECK(wb.compile(f, b.s, at("J9"), &error, false, &unsupported) == kNoFormula);
        CHECK(unsupported.find("structured") != std::string::npos);
    }
    // #Totals of a table without a totals row is Excel's own #REF!.
    Workbook wb2;
    SheetId s = wb2.add_sheet("S");
    Table t;
    t.name = t.display_name = "T";
    t.sheet = s;
    t.ref = *parse_range("B2:B4");
    t.columns.push_back(TableColumn{"x", "", "", "", ""});
    wb2.add_table(t);
    wb2.set_value(s, at("B3"), Value(1.0));
    wb2.set_value(s, at("B4"), Value(2.0));
    REQUIRE(wb2.set_formula(s, at("A1"), "=T[#Totals]"));
    REQUIRE(wb2.set_formula(s, at("A2"), "=SUM(T)"));
    CHECK_FALSE(wb2.set_formula(s, at("A3"), "=SUM([x])"));  // A3 lies outside the table: [x] names no table
    Calculator calc(wb2);
    calc.recalc_full();
    CHECK(val(wb2, s, "A1").error() == Err::Ref);
    CHECK(num(wb2, s, "A2") == 3);
}
