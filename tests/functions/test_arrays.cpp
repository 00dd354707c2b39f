// test_arrays.cpp — Excel 365's dynamic-array functions (TOCOL … TRIMRANGE, SORT, SORTBY,
// UNIQUE, FILTER) through real formulas; cases follow calc_tests/LOOKUP_AND_REFERENCE.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using sp::test::at;
using sp::test::B;
using sp::test::S;

namespace {

Value E(Err e) { return Value::error(e); }
const Value _;  // a blank cell

// Renders a result as {a,b;c,d}: strings quoted, blanks as nothing, errors by name.
std::string show(const Value& v) {
    auto one = [](const Value& e) -> std::string {
        if (e.is_string()) return "\"" + std::string(e.string()) + "\"";
        if (e.is_empty()) return "";
        return to_display(e);
    };
    if (!v.is_array()) return one(v);
    std::string out = "{";
    const Array& a = v.array();
    for (uint32_t r = 0; r < a.rows(); ++r) {
        if (r) out += ';';
        for (uint32_t c = 0; c < a.cols(); ++c) {
            if (c) out += ',';
            out += one(a.at(r, c));
        }
    }
    return out + "}";
}

// Formulas run at Z100; eval() gives the result rendered by show().
struct Book : test::Book {
    Book() : test::Book("Z100") {}
    std::string eval(const std::string& f) {
        std::string out = show(test::Book::eval(f));
        INFO(f << " = " << out);
        return out;
    }
};

// A1:D4 of TOCOL.xlsx: letters, numbers, blanks and an #N/A.
void grid(Book& b) {
    b.row(0, 1, {S("a"), Value(1.0), S("c"), S("g")});
    b.row(0, 2, {S("b"), Value(2.0), S("d"), _});
    b.row(0, 3, {S("c"), _, E(Err::NA), S("i")});
    b.row(0, 4, {S("d"), Value(4.0), S("f"), S("j")});
}

}  // namespace

TEST_CASE("TOCOL, TOROW", "[arrays]") {
    Book b;
    grid(b);
    CHECK(b.eval("=TOCOL(A1:D2)") == "{\"a\";1;\"c\";\"g\";\"b\";2;\"d\";}");
    CHECK(b.eval("=TOCOL(A1:B2,0,TRUE)") == "{\"a\";\"b\";1;2}");
    CHECK(b.eval("=TOCOL(A2:C3,1)") == "{\"b\";2;\"d\";\"c\";#N/A}");   // blanks skipped
    CHECK(b.eval("=TOCOL(A2:C3,2)") == "{\"b\";2;\"d\";\"c\";}");       // errors skipped
    CHECK(b.eval("=TOCOL(A2:C3,3)") == "{\"b\";2;\"d\";\"c\"}");
    CHECK(b.eval("=TOROW({1,2;3,4})") == "{1,2,3,4}");
    CHECK(b.eval("=TOROW({1,2;3,4},0,TRUE)") == "{1,3,2,4}");
    CHECK(b.eval("=TOROW(5)") == "{5}");
    CHECK(b.eval("=TOCOL(A1:B2,4)") == "#VALUE!");
    CHECK(b.eval("=TOCOL(A1:B2,-1)") == "#VALUE!");
    CHECK(b.eval("=TOCOL(E1:F3,1)") == "#CALC!");  // nothing left
    CHECK(b.eval("=TOCOL(A1:B2,\"x\")") == "#VALUE!");
}

TEST_CASE("WRAPCOLS, WRAPROWS", "[arrays]") {
    Book b;
    b.row(0, 1, {S("London"), S("Paris"), S("Madrid"), S("Berlin"), S("Rome"), Value(12.0), E(Err::Div0), S("Warsaw")});
    CHECK(b.eval("=WRAPCOLS(A1:H1,3)") ==
          "{\"London\",\"Berlin\",#DIV/0!;\"Paris\",\"Rome\",\"Warsaw\";\"Madrid\",12,#N/A}");
    CHECK(b.eval("=WRAPCOLS(A1:H1,3,\"x\")") ==
          "{\"London\",\"Berlin\",#DIV/0!;\"Paris\",\"Rome\",\"Warsaw\";\"Madrid\",12,\"x\"}");
    CHECK(b.eval("=WRAPROWS(A1:D1,2)") == "{\"London\",\"Paris\";\"Madrid\",\"Berlin\"}");
    CHECK(b.eval("=WRAPROWS({1;2;3},2,0)") == "{1,2;3,0}");  // a column wraps too
    CHECK(b.eval("=WRAPCOLS({1,2,3},10)") == "{1;2;3}");    // count beyond size: one column
    CHECK(b.eval("=WRAPROWS({1,2,3},2.9)") == "{1,2;3,#N/A}");
    CHECK(b.eval("=WRAPCOLS(IF(1=0,{1,2,3}),2)") == "{FALSE}");
    CHECK(b.eval("=WRAPCOLS({1,2;3,4},2)") == "#VALUE!");  // not a vector
    CHECK(b.eval("=WRAPCOLS({1,2,3},0)") == "#NUM!");
    CHECK(b.eval("=WRAPROWS({1,2,3},#N/A)") == "#N/A");
}

TEST_CASE("DROP, TAKE", "[arrays]") {
    Book b;
    CHECK(b.eval("=DROP({1;2;3;4;5},2)") == "{3;4;5}");
    CHECK(b.eval("=DROP({1;2;3;4;5},-2)") == "{1;2;3}");
    CHECK(b.eval("=DROP({1;2;3;4;5},3.7)") == "{4;5}");
    CHECK(b.eval("=DROP({1;2;3;4;5},5)") == "#CALC!");
    CHECK(b.eval("=DROP({1;2;3;4;5},-1200)") == "#CALC!");
    CHECK(b.eval("=DROP({1;2;3;4;5},1,1)") == "#CALC!");  // its only column dropped
    CHECK(b.eval("=DROP({1,2,3;4,5,6},,1)") == "{2,3;5,6}");
    CHECK(b.eval("=DROP({1,2,3;4,5,6},1,-1)") == "{4,5}");
    CHECK(b.eval("=TAKE({1;2;3;4;5},2)") == "{1;2}");
    CHECK(b.eval("=TAKE({1;2;3;4;5},-3)") == "{3;4;5}");
    CHECK(b.eval("=TAKE({1;2;3;4;5},100)") == "{1;2;3;4;5}");
    CHECK(b.eval("=TAKE({1;2;3;4;5},0)") == "#CALC!");
    CHECK(b.eval("=TAKE({1,2,3;4,5,6},,-2)") == "{2,3;5,6}");
    CHECK(b.eval("=TAKE({1,2,3;4,5,6},-1,2)") == "{4,5}");
    CHECK(b.eval("=TAKE({1,2},\"a\")") == "#VALUE!");
    CHECK(b.eval("=TAKE({1,2},1/0)") == "#DIV/0!");
}

TEST_CASE("HSTACK, VSTACK", "[arrays]") {
    Book b;
    b.column(1, 1, {Value(1.0), Value(2.0), Value(3.0), _});
    b.column(3, 1, {Value(5.0), Value(6.0)});
    CHECK(b.eval("=HSTACK(B1:B4,D1:D2)") == "{1,5;2,6;3,#N/A;,#N/A}");  // blank kept, short padded
    CHECK(b.eval("=VSTACK({1,2},{3;4},5)") == "{1,2;3,#N/A;4,#N/A;5,#N/A}");
    CHECK(b.eval("=HSTACK({\"one\";\"two\"},B1:B2)") == "{\"one\",1;\"two\",2}");
    CHECK(b.eval("=HSTACK(1,#DIV/0!,\"x\")") == "{1,#DIV/0!,\"x\"}");  // errors are elements
    CHECK(b.eval("=VSTACK(7)") == "{7}");
}

TEST_CASE("EXPAND", "[arrays]") {
    Book b;
    CHECK(b.eval("=EXPAND({1,2;3,4},3)") == "{1,2;3,4;#N/A,#N/A}");
    CHECK(b.eval("=EXPAND({1,2;3,4},2,3,\"x\")") == "{1,2,\"x\";3,4,\"x\"}");
    CHECK(b.eval("=EXPAND({1,2;3,4},,3,0)") == "{1,2,0;3,4,0}");
    CHECK(b.eval("=EXPAND({1,2;3,4},2.9,2)") == "{1,2;3,4}");
    CHECK(b.eval("=EXPAND({1,2;3,4},1)") == "#VALUE!");  // never shrinks
    CHECK(b.eval("=EXPAND({1,2;3,4},3,1)") == "#VALUE!");
}

TEST_CASE("TRIMRANGE", "[arrays]") {
    Book b;
    b.column(0, 3, {Value(1.0), Value(3.0), _, _, Value(7.0)});
    b.column(1, 3, {Value(2.0), _, Value(4.0), _, _, _, S("Hola")});
    b.column(7, 3, {Value(1.0), Value(2.0), Value(3.0)});
    CHECK(b.eval("=TRIMRANGE(A1:C22)") == "{1,2;3,;,4;,;7,;,;,\"Hola\"}");
    CHECK(b.eval("=TRIMRANGE(H:H)") == "{1;2;3}");
    CHECK(b.eval("=SUM(TRIMRANGE(H:H))") == "6");
    CHECK(b.eval("=ROWS(TRIMRANGE(H1:H10,2))") == "5");   // leading blanks kept
    CHECK(b.eval("=ROWS(TRIMRANGE(H1:H10,1))") == "8");   // trailing blanks kept
    CHECK(b.eval("=ROWS(TRIMRANGE(H1:H10,0))") == "10");
    CHECK(b.eval("=COLUMNS(TRIMRANGE(A3:E5,3,0))") == "5");
    CHECK(b.eval("=COLUMNS(TRIMRANGE(A3:E5))") == "2");
    CHECK(b.eval("=TRIMRANGE(H1:H10,4)") == "#VALUE!");
    CHECK(b.eval("=ROWS(TRIMRANGE(J1:K5))") == "1");  // all blank: the first cell
}

TEST_CASE("SORT", "[arrays]") {
    Book b;
    // A column of mixed types, as in SORT.xlsx (blank in A7).
    b.column(0, 1, {Value(5.0), S("Hola"), E(Err::Name), S("b"), Value(-2.0), S("HOLA"), _, B(true), E(Err::Div0), B(false)});
    CHECK(b.eval("=SORT(A1:A10)") ==
          "{-2;5;\"b\";\"Hola\";\"HOLA\";FALSE;TRUE;#DIV/0!;#NAME?;}");
    CHECK(b.eval("=SORT(A1:A10,1,-1)") ==
          "{#NAME?;#DIV/0!;TRUE;FALSE;\"Hola\";\"HOLA\";\"b\";5;-2;}");  // stable, blank still last
    CHECK(b.eval("=SORT({3,\"b\";1,\"c\";2,\"a\"},2)") == "{2,\"a\";3,\"b\";1,\"c\"}");
    CHECK(b.eval("=SORT({1,1;2,1;3,0},{2,1},{1,-1})") == "{3,0;2,1;1,1}");
    CHECK(b.eval("=SORT({30,10,20;3,1,2},1,1,TRUE)") == "{10,20,30;1,2,3}");
    CHECK(b.eval("=SORT({3;1;2},1,-1)") == "{3;2;1}");
    CHECK(b.eval("=SORT({3;1;2},2)") == "#VALUE!");  // index beyond width
    CHECK(b.eval("=SORT({3;1;2},0)") == "#VALUE!");
    CHECK(b.eval("=SORT({3;1;2},1,2)") == "#VALUE!");  // order not ±1
    CHECK(b.eval("=MATCH(20,SORT({30;10;20}),1)") == "2");
}

TEST_CASE("SORTBY", "[arrays]") {
    Book b;
    CHECK(b.eval("=SORTBY({\"a\";\"b\";\"c\"},{3;1;2})") == "{\"b\";\"c\";\"a\"}");
    CHECK(b.eval("=SORTBY({\"a\";\"b\";\"c\"},{3;1;2},-1)") == "{\"a\";\"c\";\"b\"}");
    CHECK(b.eval("=SORTBY({\"a\",\"b\",\"c\"},{2,3,1})") == "{\"c\",\"a\",\"b\"}");  // by columns
    CHECK(b.eval("=SORTBY({\"a\";\"b\";\"c\";\"d\"},{1;2;1;2},-1,{1;2;3;4},1)") == "{\"b\";\"d\";\"a\";\"c\"}");
    CHECK(b.eval("=SORTBY({\"a\";\"b\"},{1;2;3})") == "#VALUE!");  // size mismatch
    CHECK(b.eval("=SORTBY({\"a\";\"b\"},{1;2},0)") == "#VALUE!");
}

TEST_CASE("UNIQUE", "[arrays]") {
    Book b;
    b.column(0, 1, {S("Marie"), S("Random"), S("Elisa"), S("Marisa"), S("marie"), S("Random"), _, _});
    CHECK(b.eval("=UNIQUE(A1:A8)") == "{\"Marie\";\"Random\";\"Elisa\";\"Marisa\";}");  // case-insensitive
    CHECK(b.eval("=UNIQUE(A1:A8,,TRUE)") == "{\"Elisa\";\"Marisa\"}");
    CHECK(b.eval("=UNIQUE(A1:A8,FALSE,FALSE)") == "{\"Marie\";\"Random\";\"Elisa\";\"Marisa\";}");
    CHECK(b.eval("=UNIQUE({1,2;1,2;1,3})") == "{1,2;1,3}");        // whole rows compared
    CHECK(b.eval("=UNIQUE({1,1,2;5,5,6},TRUE)") == "{1,2;5,6}");    // columns
    CHECK(b.eval("=UNIQUE({1;\"1\";TRUE;1})") == "{1;\"1\";TRUE}");  // types never equal
    CHECK(b.eval("=UNIQUE({1;1},,TRUE)") == "#CALC!");
    CHECK(b.eval("=MATCH(\"banana\",UNIQUE({\"apple\";\"banana\";\"apple\";\"cherry\"}),0)") == "2");
}

TEST_CASE("FILTER", "[arrays]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0)});
    b.column(1, 1, {S("yes"), Value(1.0), Value(1.0), Value(0.0)});
    CHECK(b.eval("=FILTER(A1:A4,A1:A4>2)") == "{3;4}");
    CHECK(b.eval("=FILTER(A1:A4,A1:A4>10)") == "#CALC!");
    CHECK(b.eval("=FILTER(A1:A4,A1:A4>10,\"none\")") == "\"none\"");
    CHECK(b.eval("=FILTER(A1:A4,B1:B4)") == "#VALUE!");        // text in include
    CHECK(b.eval("=FILTER(A2:A4,B2:B4)") == "{2;3}");
    CHECK(b.eval("=FILTER(A1:A4,{1;#N/A;0;1})") == "#N/A");    // error in include
    CHECK(b.eval("=FILTER(A1:A4,{1;0})") == "#VALUE!");        // wrong size
    CHECK(b.eval("=FILTER({1,2,3;4,5,6},{1,0,1})") == "{1,3;4,6}");  // columns
    CHECK(b.eval("=FILTER({1,2;3,4},{TRUE;FALSE})") == "{1,2}");
    CHECK(b.eval("=SUM(FILTER(A1:A4,(A1:A4=1)+(A1:A4=4)))") == "5");
}
