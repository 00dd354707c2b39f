// test_criteria.cpp — SUMIF, COUNTIF, AVERAGEIF, the *IFS forms, MAXIFS/MINIFS and
// SUMPRODUCT, with the criteria rules Excel applies (cases taken from the conformance
// workbooks calc_tests/STATISTICAL/COUNTIF.xlsx, MATH_AND_TRIGONOMETRY/SUMIF*.xlsx).
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "book.h"
#include "formula/functions/criteria.h"

using namespace sp;
using namespace sp::test;

namespace {

// A one-sheet workbook filled column by column.
Value E(Err e) { return Value::error(e); }

}  // namespace

TEST_CASE("criteria: parsing and matching single cells", "[criteria]") {
    using crit::Criterion;
    auto cv = [](const Value& v) { return crit::view_of(v); };
    Value n23(23.0), t23 = S("23"), hey = S("Hey"), empty, blank = S(""), t = B(true), na = E(Err::NA);

    Criterion c = crit::parse(Value(23.0));
    CHECK(c.matches(cv(n23)));
    CHECK(c.matches(cv(t23)));  // numeric criterion matches the text "23" for equality
    CHECK_FALSE(c.matches(cv(empty)));

    c = crit::parse(S("<>23"));
    CHECK_FALSE(c.matches(cv(n23)));
    CHECK(c.matches(cv(t23)));  // … but "<>23" counts it as different (Excel)
    CHECK(c.matches(cv(empty)));

    c = crit::parse(S("<30"));
    CHECK(c.matches(cv(n23)));
    CHECK_FALSE(c.matches(cv(t23)));
    CHECK_FALSE(c.matches(cv(t)));
    CHECK_FALSE(c.matches(cv(empty)));

    c = crit::parse(S(""));
    CHECK(c.matches(cv(empty)));
    CHECK(c.matches(cv(blank)));
    CHECK_FALSE(c.matches(cv(hey)));
    c = crit::parse(S("<>"));
    CHECK_FALSE(c.matches(cv(empty)));
    CHECK(c.matches(cv(blank)));  // a formula's "" is not empty for "<>"
    c = crit::parse(S("="));
    CHECK(c.matches(cv(empty)));
    CHECK_FALSE(c.matches(cv(hey)));

    c = crit::parse(Value());  // an empty criterion cell means = 0
    CHECK(c.matches(cv(Value(0.0))));
    CHECK_FALSE(c.matches(cv(empty)));

    c = crit::parse(S("true"));  // text TRUE is the boolean, not the text
    CHECK(c.matches(cv(t)));
    CHECK_FALSE(c.matches(cv(S("TRUE"))));
    CHECK_FALSE(c.matches(cv(Value(1.0))));

    c = crit::parse(S("#N/A"));  // an error literal matches the error, not the text
    CHECK(c.matches(cv(na)));
    CHECK_FALSE(c.matches(cv(S("#N/A"))));

    c = crit::parse(S("hey"));
    CHECK(c.matches(cv(hey)));  // case-insensitive
    CHECK_FALSE(c.matches(cv(S("hey!"))));

    c = crit::parse(S(">brown"));
    CHECK(c.matches(cv(S("Steven"))));
    CHECK_FALSE(c.matches(cv(S("Albert"))));
    CHECK_FALSE(c.matches(cv(Value(5.0))));

    c = crit::parse(S("<"));  // an operator without operand matches nothing
    CHECK_FALSE(c.matches(cv(hey)));
    CHECK_FALSE(c.matches(cv(n23)));

    c = crit::parse(S(">=2024-01-01"));  // dates read as serials
    CHECK(c.matches(cv(Value(45292.0))));
    CHECK_FALSE(c.matches(cv(Value(45291.0))));

    c = crit::parse(S("=0.3"));  // Excel's 15-digit equality
    CHECK(c.matches(cv(Value(0.1 + 0.2))));
}

TEST_CASE("criteria: wildcards", "[criteria]") {
    using crit::wildcard_match;
    CHECK(wildcard_match("201??", "20101"));
    CHECK_FALSE(wildcard_match("201??", "201"));    // ? is exactly one character, never zero
    CHECK_FALSE(wildcard_match("201??", "2010"));
    CHECK_FALSE(wildcard_match("201??", "201011"));
    CHECK(wildcard_match("?", "类"));                // one code point, not one byte
    CHECK_FALSE(wildcard_match("??", "类"));
    CHECK(wildcard_match("一般公共预算*", "一般公共预算财政拨款收入"));
    CHECK(wildcard_match("*预算?", "一般公共预算款"));
    CHECK(wildcard_match("*", ""));
    CHECK(wildcard_match("*a*", "patata"));
    CHECK(wildcard_match("*~?", "question?"));
    CHECK_FALSE(wildcard_match("*~?", "questions"));
    CHECK(wildcard_match("a~*b", "a*b"));
    CHECK_FALSE(wildcard_match("a~*b", "axb"));
    CHECK(wildcard_match("~~", "~"));
    CHECK(wildcard_match("*t?t?", "patata"));
    CHECK_FALSE(wildcard_match("*t", "patata"));
    CHECK(crit::fold("ÀBC Ω") == "àbc ω");
}

TEST_CASE("COUNTIF", "[criteria][countif]") {
    Book b;
    // A: the COUNTIF.xlsx range 23, "23", TRUE, 1, -23, "hey", FALSE, 123, <empty>, <empty>
    b.column(0, 1, {Value(23.0), S("23"), B(true), Value(1.0), Value(-23.0), S("hey"), B(false), Value(123.0)});
    b.formula("A11", "=\"\"");
    // Range A1:A14 holds 8 values, one formula "" and 5 empty cells.
    CHECK(b.num("=COUNTIF(A1:A14,23)") == 2);
    CHECK(b.num("=COUNTIF(A1:A14,\"=23\")") == 2);
    CHECK(b.num("=COUNTIF(A1:A14,\"<>23\")") == 13);
    CHECK(b.num("=COUNTIF(A1:A14,\"<23\")") == 2);
    CHECK(b.num("=COUNTIF(A1:A14,\"<=23\")") == 3);
    CHECK(b.num("=COUNTIF(A1:A14,\">23\")") == 1);
    CHECK(b.num("=COUNTIF(A1:A14,\">=-23\")") == 4);
    CHECK(b.num("=COUNTIF(A1:A14,\"\")") == 6);   // 5 empty + the formula's ""
    CHECK(b.num("=COUNTIF(A1:A14,\"<>\")") == 9);  // 8 values + the formula's ""
    CHECK(b.num("=COUNTIF(A1:A14,\"=\")") == 5);
    CHECK(b.num("=COUNTIF(A1:A14,TRUE)") == 1);
    CHECK(b.num("=COUNTIF(A1:A14,\"hey\")") == 1);
    CHECK(b.num("=COUNTIF(A1:A14,\"H*\")") == 1);
    CHECK(b.num("=COUNTIF(A1:A14,\"*\")") == 3);  // text only: "23", "hey", ""
    // Whole columns: the empty rows below count for "<>23" and "".
    CHECK(b.num("=COUNTIF(A:A,\"<>23\")") == 1048575);
    CHECK(b.num("=COUNTIF(A:A,\"\")") == 1048576 - 8);
    CHECK(b.num("=COUNTIF(A:A,\">0\")") == 3);
}

TEST_CASE("COUNTIF: errors in the range and as criteria", "[criteria][countif]") {
    Book b;
    b.column(0, 1, {E(Err::NA), Value(12.0), E(Err::Div0), S("#N/A"), Value(0.0)});
    CHECK(b.num("=COUNTIF(A1:A5,NA())") == 1);
    CHECK(b.num("=COUNTIF(A1:A5,\"#N/A\")") == 1);
    CHECK(b.num("=COUNTIF(A1:A5,\"<>#N/A\")") == 4);
    CHECK(b.num("=COUNTIF(A1:A5,1/0)") == 1);
    CHECK(b.num("=COUNTIF(A1:A5,B1)") == 1);  // empty criterion = 0
}

TEST_CASE("SUMIF", "[criteria][sumif]") {
    Book b;
    b.column(0, 1, {S("Apples"), S("Bananas"), S("Apples"), S("Cherries"), S("Bananas"), S("apples")});
    b.column(1, 1, {Value(10.0), Value(20.0), Value(30.0), Value(40.0), Value(50.0), Value(60.0)});
    CHECK(b.num("=SUMIF(A1:A6,\"Apples\",B1:B6)") == 100);
    CHECK(b.num("=SUMIF(A1:A6,\"<>apples\",B1:B6)") == 110);
    CHECK(b.num("=SUMIF(B1:B6,\">25\")") == 180);
    CHECK(b.num("=SUMIF(A1:A6,\"*an*\",B1:B6)") == 70);
    CHECK(b.num("=SUMIF(A1:A6,\"none\",B1:B6)") == 0);
    // A sum_range of another size is read with the criteria range's shape from its top-left.
    CHECK(b.num("=SUMIF(A1:A6,\"Apples\",B1)") == 100);
    CHECK(b.num("=SUMIF(A1:A6,\"Bananas\",B1:B2)") == 70);
    // Text numbers in the sum range are not added; errors in matched cells propagate.
    b.put("C1", Value(1.0));
    b.put("C2", "5");
    b.put("C3", E(Err::Div0));
    b.put("D1", Value(1.0));
    b.put("D2", Value(1.0));
    b.put("D3", Value(2.0));
    CHECK(b.num("=SUMIF(D1:D3,1,C1:C3)") == 1);
    CHECK(b.error("=SUMIF(D1:D3,2,C1:C3)") == Err::Div0);
}

TEST_CASE("SUMIF: 类/款/项 roll-ups with ? wildcards over codes", "[criteria][sumif]") {
    Book b;
    // Function classification codes as text: 类 201, 款 20101, 项 2010101.
    b.column(0, 1, {S("201"), S("20101"), S("2010101"), S("2010102"), S("20102"), S("2010201"), S("202"),
                    S("20201"), S("2020101")});
    b.column(1, 1, {Value(100.0), Value(60.0), Value(40.0), Value(20.0), Value(40.0), Value(40.0), Value(7.0),
                    Value(7.0), Value(7.0)});
    CHECK(b.num("=SUMIF(A1:A9,\"201??\",B1:B9)") == 100);      // the 款 of 201 only
    CHECK(b.num("=SUMIF(A1:A9,\"201????\",B1:B9)") == 100);    // the 项 of 201 only
    CHECK(b.num("=SUMIF(A1:A9,\"201*\",B1:B9)") == 300);
    CHECK(b.num("=SUMIF(A1:A9,\"???\",B1:B9)") == 107);        // every 类
    CHECK(b.num("=SUMIF(A1:A9,\"20101\",B1:B9)") == 60);
    CHECK(b.num("=SUMIF(A1:A9,20101,B1:B9)") == 60);           // numeric criterion, text codes
    // Chinese text: ? is one character.
    b.column(2, 1, {S("基本支出"), S("项目支出"), S("基本支出合计"), S("项目")});
    b.column(3, 1, {Value(1.0), Value(2.0), Value(4.0), Value(8.0)});
    CHECK(b.num("=SUMIF(C1:C4,\"??支出\",D1:D4)") == 3);
    CHECK(b.num("=SUMIF(C1:C4,\"项目?*\",D1:D4)") == 2);
}

TEST_CASE("SUMIF: repeated queries use the index and agree with the scan", "[criteria][sumif]") {
    Book b;
    const int n = 300;
    double expect_num[7] = {}, expect_text[7] = {};
    for (int r = 0; r < n; ++r) {
        int k = r % 7;
        // Codes alternate between numbers and numeric text; both match a numeric criterion.
        if (r % 2) b.wb.set_value(b.s, {r, 0}, Value(double(k)));
        else b.wb.set_value(b.s, {r, 0}, Value::string(std::to_string(k)));
        b.wb.set_value(b.s, {r, 1}, Value(double(r)));
        b.wb.set_value(b.s, {r, 2}, Value::string(k % 2 ? "Alpha" : "beta"));
        expect_num[k] += r;
        expect_text[k % 2] += r;
    }
    for (int k = 0; k < 7; ++k) {
        b.wb.set_value(b.s, {k, 4}, Value(double(k)));
        b.wb.set_formula(b.s, {k, 5}, "=SUMIF($A$1:$A$300,E" + std::to_string(k + 1) + ",$B$1:$B$300)");
        b.wb.set_formula(b.s, {k, 6}, "=COUNTIF($A$1:$A$300,E" + std::to_string(k + 1) + ")");
        b.wb.set_formula(b.s, {k, 7}, "=SUMIF($C$1:$C$300,IF(MOD(E" + std::to_string(k + 1) +
                                          ",2),\"ALPHA\",\"Beta\"),$B$1:$B$300)");
    }
    Calculator calc(b.wb);
    calc.recalc_full();
    for (int k = 0; k < 7; ++k) {
        INFO("k = " << k);
        CHECK(b.wb.get(b.s, {k, 5}).number() == expect_num[k]);
        CHECK(b.wb.get(b.s, {k, 6}).number() == double(n / 7 + (k < n % 7 ? 1 : 0)));
        CHECK(b.wb.get(b.s, {k, 7}).number() == expect_text[k % 2]);
    }
    // After an edit, the next recalc sees the new value (the index is per recalc).
    b.wb.set_value(b.s, {0, 1}, Value(1000.0));  // row 1: code "0", was 0
    calc.recalc();
    CHECK(b.wb.get(b.s, {0, 5}).number() == expect_num[0] + 1000);
}

TEST_CASE("SUMIF: array criteria give one result per criterion", "[criteria][sumif]") {
    Book b;
    b.column(0, 1, {S("a"), S("b"), S("a"), S("c")});
    b.column(1, 1, {Value(1.0), Value(2.0), Value(4.0), Value(8.0)});
    CHECK(b.num("=SUM(SUMIF(A1:A4,{\"a\",\"c\"},B1:B4))") == 13);
    CHECK(b.num("=SUMPRODUCT(COUNTIF(A1:A4,{\"a\";\"b\"}))") == 3);
}

TEST_CASE("AVERAGEIF", "[criteria][averageif]") {
    Book b;
    b.column(0, 1, {Value(3.0), Value(4.0), Value(5.0), Value(6.0), Value(-3.0), Value(12.0)});
    CHECK(b.num("=AVERAGEIF(A1:A6,\">0\")") == 6);
    CHECK(b.num("=AVERAGEIF(A1:A6,\"<5\")") == Approx(4.0 / 3));
    CHECK(b.error("=AVERAGEIF(A1:A6,\">100\")") == Err::Div0);
    CHECK(b.error("=AVERAGEIF(A1:A6,B1)") == Err::Div0);  // = 0: no match
}

TEST_CASE("SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS", "[criteria][ifs]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0), Value(5.0), Value(-13.0)});
    b.column(1, 1, {Value(1.0), Value(7.0), Value(8.0), Value(9.0), Value(13.0), Value(3.0)});
    b.column(2, 1, {S("x"), S("y"), S("x"), S("x"), S("y"), S("x")});
    CHECK(b.num("=SUMIFS(A1:A6,B1:B6,\">0\",B1:B6,\"<5\")") == -12);
    CHECK(b.num("=AVERAGEIFS(A1:A6,B1:B6,\">0\",B1:B6,\"<5\")") == -6);
    CHECK(b.num("=MINIFS(A1:A6,B1:B6,\">0\",B1:B6,\"<5\")") == -13);
    CHECK(b.num("=MAXIFS(A1:A6,B1:B6,\">0\",B1:B6,\"<5\")") == 1);
    CHECK(b.num("=COUNTIFS(B1:B6,\">=1\",B1:B6,\"<=9\")") == 5);
    CHECK(b.num("=SUMIFS(A1:A6,C1:C6,\"x\",B1:B6,\">5\")") == 7);
    CHECK(b.num("=COUNTIFS(C1:C6,\"y\")") == 2);
    CHECK(b.num("=MAXIFS(A1:A6,C1:C6,\"none\")") == 0);
    CHECK(b.error("=AVERAGEIFS(A1:A6,C1:C6,\"none\")") == Err::Div0);
    CHECK(b.error("=SUMIFS(A1:A6,B1:B5,\">0\")") == Err::Value);  // ranges of different shapes
    // Every criterion matching blanks: the empty tail of whole columns counts.
    CHECK(b.num("=COUNTIFS(D:D,\"\",E:E,\"\")") == 1048576);
}

TEST_CASE("SUMPRODUCT", "[criteria][sumproduct]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(3.0)});
    b.column(1, 1, {Value(4.0), S("5"), Value(6.0)});
    b.column(2, 1, {S("a"), S("b"), S("a")});
    CHECK(b.num("=SUMPRODUCT(A1:A3,B1:B3)") == 22);  // text "5" counts as 0
    CHECK(b.num("=SUMPRODUCT(A1:A3)") == 6);
    CHECK(b.num("=SUMPRODUCT((C1:C3=\"a\")*A1:A3)") == 4);
    CHECK(b.num("=SUMPRODUCT(--(C1:C3=\"a\"),A1:A3)") == 4);
    CHECK(b.num("=SUMPRODUCT({1,2},{3,4})") == 11);
    CHECK(b.error("=SUMPRODUCT(A1:A3,B1:B2)") == Err::Value);
    b.put("A2", E(Err::NA));
    CHECK(b.error("=SUMPRODUCT(A1:A3,B1:B3)") == Err::NA);
}

TEST_CASE("SUMIF: a range of criteria in an array formula spills one sum each", "[criteria][sumif]") {
    Book b;
    b.column(0, 1, {S("a"), S("b"), S("a"), S("c")});
    b.column(1, 1, {Value(1.0), Value(2.0), Value(4.0), Value(8.0)});
    b.column(4, 1, {S("a"), S("b"), S("c")});
    b.wb.set_array_formula(b.s, *parse_range("G1:G3"), "=SUMIF(A1:A4,E1:E3,B1:B4)");
    Calculator calc(b.wb);
    calc.recalc_full();
    CHECK(b.wb.get(b.s, at("G1")).number() == 5);
    CHECK(b.wb.get(b.s, at("G2")).number() == 2);
    CHECK(b.wb.get(b.s, at("G3")).number() == 8);
}
