// test_database.cpp — the D-functions through real formulas, checked against the values
// Excel cached in calc_tests/DATABASE (same table shape: fruit trees, sales records).
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

// A4:E10 the trees database of Excel's DAVERAGE documentation; criteria in A1:H3.
struct Trees {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    void put(const char* a1, Value v) { wb.set_value(s, *parse_cell(a1), v); }
    void text(const char* a1, const char* t) { put(a1, Value::string(t)); }
    Trees() {
        const char* head[] = {"Tree", "Height", "Age", "Yield", "Profit"};
        const char* cols[] = {"A", "B", "C", "D", "E"};
        for (int j = 0; j < 5; ++j) text((std::string(cols[j]) + "4").c_str(), head[j]);
        struct Row { const char* tree; double h, age, yield, profit; };
        const Row rows[] = {{"Apple", 18, 20, 14, 105}, {"Pear", 12, 12, 10, 96}, {"Cherry", 13, 14, 9, 105},
                            {"Apple", 14, 15, 10, 75}, {"Pear", 9, 8, 8, 76.8}, {"Apple", 8, 9, 6, 45}};
        for (int i = 0; i < 6; ++i) {
            std::string r = std::to_string(5 + i);
            text(("A" + r).c_str(), rows[i].tree);
            put(("B" + r).c_str(), Value(rows[i].h));
            put(("C" + r).c_str(), Value(rows[i].age));
            put(("D" + r).c_str(), Value(rows[i].yield));
            put(("E" + r).c_str(), Value(rows[i].profit));
        }
    }
    Value eval(const std::string& f) {
        Calculator calc(wb);
        calc.recalc_full();
        return calc.evaluate(f, s, CellAddr{0, 25});
    }
    double num(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_number());
        return v.number();
    }
    Err err(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_error());
        return v.error();
    }
};

}  // namespace

TEST_CASE("D-functions: Excel's documentation example", "[functions][database]") {
    Trees t;
    t.text("A1", "Tree"); t.text("B1", "Height"); t.text("C1", "Age"); t.text("D1", "Height");
    t.text("A2", "=Apple"); t.text("B2", ">10"); t.text("D2", "<16");
    t.text("A3", "=Pear");
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",A1:F2)") == 1);
    CHECK(t.num("=DCOUNTA(A4:E10,\"Profit\",A1:F2)") == 1);
    CHECK(t.num("=DMAX(A4:E10,\"Profit\",A1:A3)") == 105);
    CHECK(t.num("=DMIN(A4:E10,\"Profit\",A1:B2)") == 75);
    CHECK(t.num("=DSUM(A4:E10,\"Profit\",A1:A2)") == 225);
    CHECK(t.num("=DSUM(A4:E10,\"Profit\",A1:F2)") == 75);
    CHECK(t.num("=DPRODUCT(A4:E10,\"Yield\",A1:F2)") == 10);
    CHECK(t.num("=DAVERAGE(A4:E10,\"Yield\",A1:B2)") == 12);
    CHECK(t.num("=DAVERAGE(A4:E10,3,A4:E10)") == 13);     // the database as its own criteria
    CHECK(t.num("=DSTDEV(A4:E10,\"Yield\",A1:A3)") == Approx(2.96647939483827));
    CHECK(t.num("=DSTDEVP(A4:E10,\"Yield\",A1:A3)") == Approx(2.65329983228432));
    CHECK(t.num("=DVAR(A4:E10,\"Yield\",A1:A3)") == Approx(8.8));
    CHECK(t.num("=DVARP(A4:E10,\"Yield\",A1:A3)") == Approx(7.04));
    CHECK(t.num("=DGET(A4:E10,\"Yield\",A1:F2)") == 10);
}

TEST_CASE("D-functions: criteria rules", "[functions][database]") {
    Trees t;
    t.text("G1", "Tree");   t.text("G2", "App");     // plain text: begins with
    t.text("H1", "tree");   t.text("H2", "=App");    // "=" text: exact
    t.text("I1", "Tree");   t.text("I2", "*rr*");    // wildcards
    t.text("J1", "Height"); t.text("J2", "<>12");
    t.text("K1", "Nope");   t.text("K2", "x");       // no such field: matches nothing
    t.text("L1", "Height");                          // empty condition row: everything
    t.text("M1", "Tree");   t.text("M2", "Pear");  t.text("M3", "Cherry");  // OR over rows
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",G1:G2)") == 3);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",H1:H2)") == 0);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",I1:I2)") == 1);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",J1:J2)") == 5);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",K1:K2)") == 0);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",L1:L2)") == 6);
    CHECK(t.num("=DSUM(A4:E10,\"Yield\",M1:M3)") == 27);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",G1:J2)") == 0);  // AND across a row
    CHECK(t.num("=DCOUNT(A4:E10,,G1:G2)") == 3);         // no field: matching records
    CHECK(t.num("=DCOUNTA(A4:E10,1,G1:G2)") == 3);       // field by number
    CHECK(t.num("=DCOUNTA(A4:E10,1.9,G1:G2)") == 3);     // truncated
}

TEST_CASE("D-functions: DGET and errors", "[functions][database]") {
    Trees t;
    t.text("A1", "Tree"); t.text("A2", "Cherry");
    t.text("B1", "Tree"); t.text("B2", "Apple");
    t.text("C1", "Tree"); t.text("C2", "Plum");
    t.text("D1", "Tree"); t.text("D2", "Text");
    CHECK(t.num("=DGET(A4:E10,\"Profit\",A1:A2)") == 105);
    CHECK(t.err("=DGET(A4:E10,\"Profit\",B1:B2)") == Err::Num);    // several records
    CHECK(t.err("=DGET(A4:E10,\"Profit\",C1:C2)") == Err::Value);  // none
    CHECK(t.err("=DSUM(A4:E10,\"Nope\",A1:A2)") == Err::Value);    // unknown field
    CHECK(t.err("=DSUM(A4:E10,0,A1:A2)") == Err::Value);
    CHECK(t.err("=DSUM(A4:E10,6,A1:A2)") == Err::Value);
    CHECK(t.err("=DSUM(A4:E4,1,A1:A2)") == Err::Value);           // header only
    CHECK(t.err("=DSUM(A4:E10,B4:C4,A1:A2)") == Err::Value);       // a range as field
    CHECK(t.err("=DAVERAGE(A4:E10,\"Yield\",C1:C2)") == Err::Div0);
    CHECK(t.num("=DSUM(A4:E10,\"Yield\",C1:C2)") == 0);
    CHECK(t.num("=DMAX(A4:E10,\"Yield\",C1:C2)") == 0);
    CHECK(t.err("=DVAR(A4:E10,\"Yield\",A1:A2)") == Err::Div0);    // one record
    CHECK(t.num("=DVARP(A4:E10,\"Yield\",A1:A2)") == 0);
    CHECK(t.num("=DSUM(A4:E10,\"Tree\",B1:B2)") == 0);            // text is skipped
    CHECK(t.num("=DCOUNTA(A4:E10,\"Tree\",B1:B2)") == 3);
}

TEST_CASE("D-functions: computed criteria", "[functions][database]") {
    Trees t;
    // A blank header and a formula written for the first record (row 5): yields above average.
    t.wb.set_formula(t.s, *parse_cell("G2"), "=D5>AVERAGE($D$5:$D$10)");
    t.text("H1", "Above");  // a header that names no field: also computed
    t.wb.set_formula(t.s, *parse_cell("H2"), "=B5>=C5");
    CHECK(t.num("=DCOUNT(A4:E10,\"Yield\",G1:G2)") == 3);   // 14, 10, 10 > 9.5
    CHECK(t.num("=DSUM(A4:E10,\"Yield\",G1:G2)") == 34);
    CHECK(t.num("=DCOUNT(A4:E10,\"Age\",H1:H2)") == 2);     // height ≥ age: 12≥12 and 9≥8
}
