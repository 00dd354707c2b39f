// test_real_rules.cpp — issue 13 item 8: function rules seen to differ from Excel in workbooks
// other tools wrote. Expected values are Excel's (documented behaviour, checked by hand).
#include <cmath>

#include "book.h"

using namespace sp;
using namespace sp::test;

TEST_CASE("real rules: unary plus leaves text alone", "[functions][real]") {
    Book b;
    b.put("E7", "");
    b.put("E8", "x");
    b.formula("F7", "=+E7");
    CHECK(b.text("=+E7") == "");
    CHECK(b.text("=+E8") == "x");
    CHECK(b.num("=+E9") == 0);           // an empty cell is 0
    CHECK(b.truth("=+TRUE"));
    CHECK(b.error("=-E8") == Err::Value);  // minus still converts
    CHECK(b.num("=+\"3\"*2") == 6);
}

TEST_CASE("real rules: AND/OR/XOR with text typed as an argument", "[functions][real]") {
    Book b;
    b.put("A1", "1");
    CHECK(b.error("=AND(\"1\",1)") == Err::Value);
    CHECK(b.error("=OR(\"x\",TRUE)") == Err::Value);
    CHECK(b.truth("=AND(\"true\",1)"));
    CHECK_FALSE(b.truth("=OR(\"FALSE\",0)"));
    CHECK(b.truth("=AND(A1,1)"));  // text in a reference is skipped
    CHECK(b.truth("=OR(\"\",TRUE)"));  // and so is "" typed as an argument (AND_OR_XOR.xlsx)
}

TEST_CASE("real rules: SUMX2MY2 family without numeric pairs is #DIV/0!", "[functions][real]") {
    Book b;
    b.put("A1", "a");
    b.put("B1", "b");
    CHECK(b.error("=SUMX2MY2(A1:A2,B1:B2)") == Err::Div0);
    CHECK(b.error("=SUMX2PY2({\"a\"},{1})") == Err::Div0);
    CHECK(b.error("=SUMXMY2(A1,B1)") == Err::Div0);
    CHECK(b.num("=SUMX2MY2({2,\"a\"},{1,3})") == 3);
}

TEST_CASE("real rules: T(range) reads the top-left cell", "[functions][real]") {
    Book b("D9");
    b.put("A2", "x");
    b.put("A3", Value(5.0));
    CHECK(b.text("=T(A2:A3)") == "x");
    CHECK(b.text("=T(A3:A4)") == "");
    CHECK(b.text("=T(A2)") == "x");
}

TEST_CASE("real rules: iterative calculation stops after the first sweep below the delta", "[functions][real]") {
    Book b;
    b.wb.settings().iterate = true;
    b.wb.settings().iterate_count = 100;
    b.wb.settings().iterate_delta = 0.001;
    b.formula("A1", "=A1/2+1");  // 1, 1.5, 1.75 … each sweep halves the distance to 2
    Calculator calc(b.wb);
    calc.recalc_full();
    // the change after sweep k is 2^-(k-1): the first below 0.001 is sweep 11 -> 2 - 2^-10
    CHECK(b.wb.get(b.s, at("A1")).number() == Approx(2 - std::pow(2.0, -10)).epsilon(1e-12));
}

TEST_CASE("real: 3-D references span every sheet between the two, in the graph too", "[functions][real]") {
    Workbook wb;
    SheetId sum = wb.add_sheet("汇总");
    const char* months[] = {"一月", "二月", "三月", "四月"};
    for (int i = 0; i < 4; ++i) {
        SheetId m = wb.add_sheet(months[i]);
        wb.set_value(m, at("B5"), Value(10.0 * (i + 1)));
        if (i == 1) wb.set_value(m, at("B6"), Value::string("n/a"));
    }
    SheetId other = wb.add_sheet("Other");
    wb.set_value(other, at("B5"), Value(1000.0));
    wb.set_formula(sum, at("A1"), "=SUM('一月:四月'!B5)");
    wb.set_formula(sum, at("A2"), "=SUM(三月:二月!B5:B6)");  // either end first, unquoted
    wb.set_formula(sum, at("A3"), "=COUNTA('一月:四月'!B5:B6)");
    wb.set_formula(sum, at("A4"), "=AVERAGE('一月:四月'!B5)+MAX('一月:二月'!B5)-MIN('三月:四月'!B5)");
    wb.set_formula(sum, at("A5"), "=PRODUCT('一月:二月'!B5)");
    wb.set_formula(sum, at("A6"), "=SUM('一月:Nope'!B5)");  // a missing end sheet: #REF!
    Calculator calc(wb);
    calc.recalc_full();
    CHECK(wb.get(sum, at("A1")).number() == 100);
    CHECK(wb.get(sum, at("A2")).number() == 50);
    CHECK(wb.get(sum, at("A3")).number() == 5);
    CHECK(wb.get(sum, at("A4")).number() == 25 + 20 - 30);
    CHECK(wb.get(sum, at("A5")).number() == 200);
    CHECK(wb.get(sum, at("A6")).error() == Err::Ref);
    CHECK(wb.formula_text(sum, at("A2")) == "=SUM('三月:二月'!B5:B6)");  // the span kept as written
    // An edit on a sheet inside the span reaches the total; one outside does not matter.
    wb.set_value(3, at("B5"), Value(35.0));  // 三月
    calc.recalc();
    CHECK(wb.get(sum, at("A1")).number() == 105);
}
