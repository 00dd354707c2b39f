// test_lookup.cpp — lookup and reference functions through real formulas. Cases follow
// the conformance workbooks calc_tests/LOOKUP_AND_REFERENCE (MATCH, HVLOOKUP, XLOOKUP…).
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using sp::test::at;
using sp::test::B;
using sp::test::S;

namespace {

// Formulas run at Z10 in these tests.
struct Book : test::Book {
    Book() : test::Book("Z10") {}
};

// A1:C5 — a sorted table of cities.
void cities(Book& b) {
    b.column(0, 1, {S("Albacete"), S("Aranda"), S("Berlin"), S("Madrid"), S("Zimbawe")});
    b.column(1, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0), Value(5.0)});
    b.column(2, 1, {S("banana"), S("alca"), S("apple"), S("orange"), S("done")});
}

}  // namespace

TEST_CASE("VLOOKUP", "[lookup][vlookup]") {
    Book b;
    cities(b);
    CHECK(b.text("=VLOOKUP(\"Berlin\",A1:C5,3,FALSE)") == "apple");
    CHECK(b.text("=VLOOKUP(\"berlin\",A1:C5,3,0)") == "apple");   // case-insensitive
    CHECK(b.text("=VLOOKUP(\"Cuenca\",A1:C5,3)") == "apple");     // approximate: last <= Cuenca
    CHECK(b.text("=VLOOKUP(\"Cuenca\",A1:C5,3,TRUE)") == "apple");
    CHECK(b.error("=VLOOKUP(\"Cuenca\",A1:C5,3,FALSE)") == Err::NA);
    CHECK(b.error("=VLOOKUP(23,A1:C5,1)") == Err::NA);             // a number never meets text
    CHECK(b.error("=VLOOKUP(\"Aa\",A1:C5,1)") == Err::NA);         // before the first
    CHECK(b.error("=VLOOKUP(\"Berlin\",A1:C5,10)") == Err::Ref);
    CHECK(b.error("=VLOOKUP(\"Berlin\",A1:C5,0)") == Err::Value);
    CHECK(b.error("=VLOOKUP(1/0,A1:C5,1)") == Err::Div0);
    CHECK(b.error("=VLOOKUP(\"Berlin\",A1:C5,1,1/0)") == Err::Div0);
    CHECK(b.text("=VLOOKUP(\"*rid\",A1:C5,3,FALSE)") == "orange");  // wildcards in exact mode
    CHECK(b.text("=VLOOKUP(\"A?anda\",A1:C5,3,FALSE)") == "alca");
    CHECK(b.num("=VLOOKUP(\"Madrid\",A1:C5,2,FALSE)") == 4);
    CHECK(b.error("=VLOOKUP(\"x\",\"Nothing\",1)") == Err::Value);
    CHECK(b.error("=VLOOKUP(\"x\",3,1)") == Err::NA);
}

TEST_CASE("VLOOKUP: exact match types are strict", "[lookup][vlookup]") {
    Book b;
    b.column(0, 1, {S("13"), Value(13.0), B(true), S("TRUE"), S("")});
    b.column(1, 1, {S("text 13"), S("number 13"), S("bool"), S("text TRUE"), S("empty string")});
    CHECK(b.text("=VLOOKUP(13,A1:B5,2,FALSE)") == "number 13");
    CHECK(b.text("=VLOOKUP(\"13\",A1:B5,2,FALSE)") == "text 13");
    CHECK(b.text("=VLOOKUP(TRUE,A1:B5,2,FALSE)") == "bool");
    CHECK(b.text("=VLOOKUP(\"true\",A1:B5,2,FALSE)") == "text TRUE");
    CHECK(b.text("=VLOOKUP(\"\",A1:B5,2,FALSE)") == "empty string");
    CHECK(b.error("=VLOOKUP(C1,A1:B5,2,FALSE)") == Err::NA);  // an empty lookup value
}

TEST_CASE("VLOOKUP: many exact lookups into one table use the index", "[lookup][vlookup]") {
    Book b;
    const int n = 500;
    for (int r = 0; r < n; ++r) {
        // Keys: numbers, and text codes; a duplicate key keeps its first row.
        b.wb.set_value(b.s, {r, 0}, r % 2 ? Value(double(r)) : Value::string("K" + std::to_string(r)));
        b.wb.set_value(b.s, {r, 1}, Value(double(r * 10)));
    }
    b.wb.set_value(b.s, {n - 1, 0}, Value(1.0));  // duplicate of row 2's key 1
    for (int r = 0; r < 200; ++r) {
        std::string key = r % 2 ? std::to_string(r) : "\"k" + std::to_string(r) + "\"";
        b.wb.set_formula(b.s, {r, 3}, "=VLOOKUP(" + key + ",$A$1:$B$500,2,FALSE)");
        b.wb.set_formula(b.s, {r, 4}, "=MATCH(" + key + ",$A$1:$A$500,0)");
    }
    b.wb.set_formula(b.s, {200, 3}, "=VLOOKUP(-1,$A$1:$B$500,2,FALSE)");
    Calculator calc(b.wb);
    calc.recalc_full();
    for (int r = 0; r < 200; ++r) {
        INFO("row " << r);
        CHECK(b.wb.get(b.s, {r, 3}).number() == r * 10);
        CHECK(b.wb.get(b.s, {r, 4}).number() == r + 1);
    }
    CHECK(b.wb.get(b.s, {200, 3}).error() == Err::NA);
}

TEST_CASE("HLOOKUP", "[lookup][hlookup]") {
    Book b;
    b.column(0, 1, {S("English"), S("Spanish")});
    b.column(1, 1, {S("Apple"), S("Manzana")});
    b.column(2, 1, {S("Orange"), S("Naranja")});
    b.column(3, 1, {S("Potato"), S("Patata")});
    CHECK(b.text("=HLOOKUP(\"orange\",A1:D2,2,FALSE)") == "Naranja");
    CHECK(b.text("=HLOOKUP(\"*t?t?\",A1:D2,2,FALSE)") == "Patata");
    CHECK(b.error("=HLOOKUP(\"*t\",A1:D2,2,FALSE)") == Err::NA);
    CHECK(b.error("=HLOOKUP(\"Apple\",A1:D2,3,FALSE)") == Err::Ref);
}

TEST_CASE("MATCH", "[lookup][match]") {
    Book b;
    b.column(0, 1, {S("Alpha"), S("Beta"), S("Delta"), S("Delta"), S("Gamma"), S("Omega")});
    CHECK(b.num("=MATCH(\"alpha\",A1:A6)") == 1);
    CHECK(b.num("=MATCH(\"delta\",A1:A6)") == 4);   // approximate: the last of equal keys
    CHECK(b.num("=MATCH(\"delta\",A1:A6,0)") == 3); // exact: the first
    CHECK(b.error("=MATCH(\"a\",A1:A6)") == Err::NA);
    CHECK(b.error("=MATCH(0,A1:A6)") == Err::NA);
    CHECK(b.error("=MATCH(B1,A1:A6,0)") == Err::NA);  // empty lookup value
    b.column(2, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0), Value(5.0), Value(6.0)});
    CHECK(b.num("=MATCH(1.3,C1:C6)") == 1);
    CHECK(b.num("=MATCH(7,C1:C6)") == 6);
    CHECK(b.num("=MATCH(5.7,C1:C6,1)") == 5);
    CHECK(b.error("=MATCH(0.8,C1:C6)") == Err::NA);
    b.column(3, 1, {Value(60.0), Value(50.0), Value(40.0), Value(30.0)});
    CHECK(b.num("=MATCH(45,D1:D4,-1)") == 2);  // descending: the smallest value >= 45
    CHECK(b.num("=MATCH(50,D1:D4,-1)") == 2);
    CHECK(b.error("=MATCH(70,D1:D4,-1)") == Err::NA);
    CHECK(b.num("=MATCH(\"b*\",A1:A6,0)") == 2);
    CHECK(b.num("=MATCH(4,{1,3,5,7})") == 2);
    CHECK(b.error("=MATCH(1,A1:B6,0)") == Err::NA);  // not a vector
}

TEST_CASE("MATCH: Excel's binary search on unsorted data and skipped types", "[lookup][match]") {
    Book b;
    // Unsorted: bisection probes 2 (<= 5, go right), then 8 (> 5), and settles on 2,
    // where a linear scan for the last value <= 5 would say 5 (the 3).
    b.column(0, 1, {Value(1.0), Value(9.0), Value(2.0), Value(8.0), Value(3.0)});
    CHECK(b.num("=MATCH(5,A1:A5)") == 3);
    // The LOOKUP(2,1/(cond),result) idiom: errors are stepped over, the last 1 wins.
    b.column(1, 1, {S("x"), S("y"), S("x"), S("y"), S("y")});
    b.column(2, 1, {Value(10.0), Value(20.0), Value(30.0), Value(40.0), Value(50.0)});
    CHECK(b.num("=LOOKUP(2,1/(B1:B5=\"x\"),C1:C5)") == 30);
    // Text between numbers is stepped over.
    b.column(3, 1, {Value(1.0), S("a"), Value(3.0), S("b"), Value(5.0)});
    CHECK(b.num("=MATCH(4,D1:D5)") == 3);
}

TEST_CASE("LOOKUP", "[lookup]") {
    Book b;
    cities(b);
    CHECK(b.num("=LOOKUP(\"Cuenca\",A1:A5,B1:B5)") == 3);
    CHECK(b.text("=LOOKUP(3.5,B1:B5,A1:A5)") == "Berlin");
    CHECK(b.text("=LOOKUP(\"Madrid\",A1:C5)") == "orange");  // array form: last column
    CHECK(b.num("=LOOKUP(3,{1,2,3;10,20,30})") == 30);        // wide array: last row
    CHECK(b.error("=LOOKUP(0,B1:B5,A1:A5)") == Err::NA);
}

TEST_CASE("XLOOKUP and XMATCH", "[lookup][xlookup]") {
    Book b;
    b.column(0, 1, {Value(10.0), Value(20.0), Value(30.0), Value(40.0), Value(20.0)});
    b.column(1, 1, {S("a"), S("b"), S("c"), S("d"), S("e")});
    b.column(2, 1, {S("apple"), S("banana"), S("cherry"), S("date"), S("elder")});
    CHECK(b.text("=XLOOKUP(30,A1:A5,B1:B5)") == "c");
    CHECK(b.text("=XLOOKUP(20,A1:A5,B1:B5)") == "b");
    CHECK(b.text("=XLOOKUP(20,A1:A5,B1:B5,,0,-1)") == "e");        // last to first
    CHECK(b.error("=XLOOKUP(25,A1:A5,B1:B5)") == Err::NA);
    CHECK(b.text("=XLOOKUP(25,A1:A5,B1:B5,\"none\")") == "none");
    CHECK(b.text("=XLOOKUP(25,A1:A5,B1:B5,,-1)") == "b");          // next smaller
    CHECK(b.text("=XLOOKUP(25,A1:A5,B1:B5,,1)") == "c");           // next larger
    CHECK(b.error("=XLOOKUP(45,A1:A5,B1:B5,,1)") == Err::NA);
    CHECK(b.text("=XLOOKUP(\"ch*\",C1:C5,B1:B5,,2)") == "c");      // wildcards only in mode 2
    CHECK(b.error("=XLOOKUP(\"ch*\",C1:C5,B1:B5)") == Err::NA);
    CHECK(b.text("=XLOOKUP(\"DATE\",C1:C5,B1:B5,,0,2)") == "d");   // binary search, sorted
    CHECK(b.num("=SUM(XLOOKUP(\"b\",B1:B5,A1:C5))") == 20);        // a whole row comes back
    CHECK(b.num("=XMATCH(30,A1:A5)") == 3);
    CHECK(b.num("=XMATCH(20,A1:A5,0,-1)") == 5);
    CHECK(b.num("=XMATCH(35,A1:A4,1,2)") == 4);
    CHECK(b.num("=XMATCH(35,A1:A4,-1,2)") == 3);
    CHECK(b.error("=XLOOKUP(1,A1:A5,B1:B4)") == Err::Value);
}

TEST_CASE("INDEX", "[lookup][index]") {
    Book b;
    cities(b);
    CHECK(b.text("=INDEX(A1:C5,2,3)") == "alca");
    CHECK(b.text("=INDEX(A1:A5,4)") == "Madrid");
    CHECK(b.num("=INDEX(A1:C1,2)") == 1);          // one row: the number is a column
    CHECK(b.num("=SUM(INDEX(A1:C5,0,2))") == 15);  // row 0: the whole column
    CHECK(b.num("=SUM(INDEX(A1:C5,3,0))") == 3);   // column 0: the whole row
    CHECK(b.num("=SUM(B1:INDEX(B1:B5,3))") == 6);  // a reference result
    CHECK(b.num("=ROW(INDEX(A1:C5,4,1))") == 4);
    CHECK(b.error("=INDEX(A1:C5,6,1)") == Err::Ref);
    CHECK(b.error("=INDEX(A1:C5,1,4)") == Err::Ref);
    CHECK(b.error("=INDEX(A1:C5,-1,1)") == Err::Value);
    CHECK(b.num("=INDEX({1,2;3,4},2,1)") == 3);
    CHECK(b.num("=INDEX((A1:A5,B1:B5),2,1,2)") == 2);  // area 2
    CHECK(b.error("=INDEX((A1:A5,B1:B5),2,1,3)") == Err::Ref);
}

TEST_CASE("OFFSET and INDIRECT", "[lookup][offset][indirect]") {
    Book b;
    cities(b);
    SheetId t = b.wb.add_sheet("收入支出决算总表");
    b.wb.set_value(t, at("C5"), Value(42.0));
    CHECK(b.num("=OFFSET(A1,2,1)") == 3);
    CHECK(b.num("=SUM(OFFSET(B1,1,0,3,1))") == 9);
    CHECK(b.num("=SUM(OFFSET(B5,0,0,-2,1))") == 9);  // negative height extends upwards
    CHECK(b.num("=ROWS(OFFSET(A1:C5,0,0))") == 5);
    CHECK(b.error("=OFFSET(A1,-1,0)") == Err::Ref);
    CHECK(b.error("=OFFSET(A1,0,0,0,1)") == Err::Ref);
    CHECK(b.num("=INDIRECT(\"B2\")") == 2);
    CHECK(b.num("=SUM(INDIRECT(\"B1:B\"&3))") == 6);
    CHECK(b.num("=INDIRECT(\"'收入支出决算总表'!C5\")") == 42);
    CHECK(b.num("=INDIRECT(\"R2C2\",FALSE)") == 2);
    CHECK(b.num("=SUM(INDIRECT(\"R1C2:R3C2\",FALSE))") == 6);
    CHECK(b.num("=INDIRECT(\"R[-8]C[-24]\",FALSE)") == 2);  // relative to Z10
    CHECK(b.error("=INDIRECT(\"nonsense!!\")") == Err::Ref);
}

TEST_CASE("ROW, COLUMN, ROWS, COLUMNS, AREAS, ADDRESS", "[lookup]") {
    Book b;
    CHECK(b.num("=ROW()", "C7") == 7);
    CHECK(b.num("=COLUMN()", "C7") == 3);
    CHECK(b.num("=ROW(B3:D9)") == 3);
    CHECK(b.num("=COLUMN(B3:D9)") == 2);
    CHECK(b.num("=ROWS(B3:D9)") == 7);
    CHECK(b.num("=COLUMNS(B3:D9)") == 3);
    CHECK(b.num("=ROWS({1,2;3,4;5,6})") == 3);
    CHECK(b.num("=COLUMNS(5)") == 1);
    CHECK(b.num("=SUMPRODUCT(ROW(A1:A4))") == 10);  // array mode: every row
    CHECK(b.num("=ROW(A3:A4)") == 3);               // otherwise the first
    CHECK(b.num("=AREAS((A1,B2:C3,D4))") == 3);
    CHECK(b.text("=ADDRESS(2,3)") == "$C$2");
    CHECK(b.text("=ADDRESS(2,3,2)") == "C$2");
    CHECK(b.text("=ADDRESS(2,3,3)") == "$C2");
    CHECK(b.text("=ADDRESS(2,3,4)") == "C2");
    CHECK(b.text("=ADDRESS(2,3,1,FALSE)") == "R2C3");
    CHECK(b.text("=ADDRESS(2,3,4,FALSE)") == "R[2]C[3]");
    CHECK(b.text("=ADDRESS(1,28,1,TRUE,\"收入支出决算总表\")") == "收入支出决算总表!$AB$1");
    CHECK(b.error("=ADDRESS(0,1)") == Err::Value);
}

// ADDRESS quotes a sheet name as Excel writes it in formulas: word characters of any script
// (so 一月 and École stay bare), _ and . are plain; anything else, a leading digit or dot,
// an A1 reference (within XFD1048576) or the start of an R1C1 one is quoted, with '' for '.
// ("'A Wird One$'!$A$1" and "'Me lo invente'!$C$2" are from calc_tests/ADDRESS.xlsx.)
TEST_CASE("ADDRESS: quoting of sheet names", "[lookup][address]") {
    Book b;
    auto addr = [&](const char* sheet, const char* mode = "1,TRUE") {
        return b.text(std::string("=ADDRESS(2,3,") + mode + ",\"" + sheet + "\")");
    };
    CHECK(addr("Sheet2") == "Sheet2!$C$2");
    CHECK(addr("A Wird One$") == "'A Wird One$'!$C$2");
    CHECK(addr("Sheet 1") == "'Sheet 1'!$C$2");
    CHECK(addr("Sheet-1") == "'Sheet-1'!$C$2");
    CHECK(addr("Sheet.1") == "Sheet.1!$C$2");
    CHECK(addr("_draft") == "_draft!$C$2");
    CHECK(addr("2024") == "'2024'!$C$2");
    CHECK(addr("1月") == "'1月'!$C$2");
    CHECK(addr(".x") == "'.x'!$C$2");
    CHECK(addr("O'Brien") == "'O''Brien'!$C$2");  // ' doubled
    CHECK(addr("一月") == "一月!$C$2");
    CHECK(addr("École") == "École!$C$2");
    CHECK(addr("表1（续）") == "'表1（续）'!$C$2");  // full-width brackets are not word characters
    CHECK(addr("收入 支出") == "'收入 支出'!$C$2");
    CHECK(addr("A1") == "'A1'!$C$2");
    CHECK(addr("xfd1048576") == "'xfd1048576'!$C$2");
    CHECK(addr("XFE1") == "XFE1!$C$2");          // past the last column: not a reference
    CHECK(addr("A1048577") == "A1048577!$C$2");  // past the last row
    CHECK(addr("R") == "'R'!$C$2");
    CHECK(addr("RC") == "'RC'!$C$2");
    CHECK(addr("R2D2") == "'R2D2'!$C$2");        // starts with R2
    CHECK(addr("C3PO") == "'C3PO'!$C$2");
    CHECK(addr("RC1x") == "'RC1x'!$C$2");
    CHECK(addr("RA") == "RA!$C$2");
    CHECK(addr("Sheet 1", "1,FALSE") == "'Sheet 1'!R2C3");
    CHECK(addr("一月", "4,FALSE") == "一月!R[2]C[3]");
    CHECK(addr("") == "!$C$2");
}

// VLOOKUP/HLOOKUP/LOOKUP/MATCH over a table that is not a range: an array constant, or an
// array a formula computes (CHOOSE({1,2},…), IF, a LET value), exact and approximate.
TEST_CASE("VLOOKUP with an array table", "[lookup][vlookup]") {
    Book b;
    b.column(0, 1, {S("办公费"), S("印刷费"), S("差旅费")});
    b.column(1, 1, {Value(12.5), Value(3.0), Value(40.0)});
    CHECK(b.text("=VLOOKUP(2,{1,\"a\";2,\"b\";3,\"c\"},2,FALSE)") == "b");
    CHECK(b.text("=VLOOKUP(2.5,{1,\"a\";2,\"b\";3,\"c\"},2)") == "b");
    CHECK(b.error("=VLOOKUP(0,{1,\"a\";2,\"b\"},2)") == Err::NA);
    CHECK(b.error("=VLOOKUP(1,{1,\"a\";2,\"b\"},3,FALSE)") == Err::Ref);
    // The reversed lookup idiom: a table built from two columns, key in the second.
    CHECK(b.text("=VLOOKUP(3,CHOOSE({1,2},B1:B3,A1:A3),2,FALSE)") == "印刷费");
    CHECK(b.num("=VLOOKUP(\"差旅费\",IF({1,0},A1:A3,B1:B3*2),2,FALSE)") == 80);
    CHECK(b.num("=LET(t,CHOOSE({1,2},A1:A3,B1:B3),VLOOKUP(\"印刷费\",t,2,FALSE))") == 3);
    CHECK(b.num("=HLOOKUP(\"y\",{\"x\",\"y\";10,20},2,FALSE)") == 20);
    CHECK(b.num("=MATCH(40,B1:B3*1,0)") == 3);
    CHECK(b.num("=LOOKUP(2,{1,2,3},{10,20,30})") == 20);
}

TEST_CASE("TRANSPOSE, CHOOSECOLS, CHOOSEROWS, HYPERLINK, FORMULATEXT", "[lookup]") {
    Book b;
    cities(b);
    CHECK(b.num("=INDEX(TRANSPOSE(B1:B5),1,3)") == 3);
    CHECK(b.num("=COLUMNS(TRANSPOSE(B1:B5))") == 5);
    CHECK(b.text("=INDEX(CHOOSECOLS(A1:C5,3,1),2,2)") == "Aranda");
    CHECK(b.text("=INDEX(CHOOSECOLS(A1:C5,-1),1,1)") == "banana");
    CHECK(b.num("=SUM(CHOOSEROWS(B1:B5,1,5))") == 6);
    CHECK(b.error("=CHOOSEROWS(B1:B5,6)") == Err::Value);
    CHECK(b.text("=HYPERLINK(\"http://example.com\",\"Example\")") == "Example");
    CHECK(b.text("=HYPERLINK(\"http://example.com\")") == "http://example.com");
    b.wb.set_formula(b.s, at("E1"), "=SUM(B1:B5)");
    CHECK(b.text("=FORMULATEXT(E1)") == "=SUM(B1:B5)");
    CHECK(b.error("=FORMULATEXT(A1)") == Err::NA);
}

TEST_CASE("XLOOKUP: binary search over duplicates and across types", "[lookup][xlookup]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(5.0), Value(5.0), Value(5.0), Value(9.0)});
    b.column(1, 1, {S("a"), S("b"), S("c"), S("d"), S("e"), S("f")});
    b.column(2, 1, {Value(9.0), Value(5.0), Value(5.0), Value(5.0), Value(2.0), Value(1.0)});
    CHECK(b.text("=XLOOKUP(5,A1:A6,B1:B6,,0,2)") == "c");    // ascending: the first 5
    CHECK(b.text("=XLOOKUP(5,C1:C6,B1:B6,,0,-2)") == "d");   // descending: the last 5
    CHECK(b.text("=XLOOKUP(1.5,A1:A6,B1:B6,,-1,2)") == "a");
    CHECK(b.text("=XLOOKUP(6,A1:A6,B1:B6,,1,2)") == "f");
    // Text sorts after every number, booleans after text (next smaller of "x" is 9).
    CHECK(b.text("=XLOOKUP(\"x\",A1:A6,B1:B6,,-1)") == "f");
    CHECK(b.error("=XLOOKUP(\"x\",A1:A6,B1:B6,,1)") == Err::NA);
    CHECK(b.error("=XLOOKUP(\"a*\",B1:B6,A1:A6,,2,2)") == Err::Value);  // no wildcards in binary search
}

// GETPIVOTDATA: pivot caches are not read. Typed into Suanpan it is #REF! (what Excel gives
// for a reference outside any pivot table), never #NAME?; in a workbook the compiler reports
// it and the cell keeps Excel's value (tests/realworld/kept_values.sh).
TEST_CASE("GETPIVOTDATA without pivot caches", "[lookup][pivot]") {
    Book b;
    CHECK(b.error("=GETPIVOTDATA(\"Sales\",A3)") == Err::Ref);
    CHECK(b.error("=GETPIVOTDATA(\"Sales\",A3,\"Region\",\"East\")") == Err::Ref);
}
