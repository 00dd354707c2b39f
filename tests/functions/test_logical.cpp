// test_logical.cpp — logical functions through real formulas (IF and IFERROR there are
// compiled to jumps) and through their eager implementations in array mode, where
// conditions are arrays and results are built element by element. Expected values are
// Excel's (many from calc_tests/LOGICAL and calc_tests/logical.xlsx).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using namespace sp::test;

namespace {

Value row(std::initializer_list<Value> vals) {
    Array a(1, uint32_t(vals.size()));
    uint32_t c = 0;
    for (const Value& v : vals) a.at(0, c++) = v;
    return Value::array(std::move(a));
}

Value col(std::initializer_list<Value> vals) {
    Array a(uint32_t(vals.size()), 1);
    uint32_t r = 0;
    for (const Value& v : vals) a.at(r++, 0) = v;
    return Value::array(std::move(a));
}

SheetRange range(SheetId s, const char* a1) { return SheetRange{s, *parse_range(a1)}; }

}  // namespace

TEST_CASE("IF", "[logical]") {
    Book b;
    b.set("A1", Value(5.0));
    b.set("A2", S("YES"));
    CHECK(b.text("=IF(A1>2,\"big\",\"small\")") == "big");
    CHECK(b.eval("=IF(FALSE,1)").is_bool());
    CHECK_FALSE(b.truth("=IF(FALSE,1)"));
    CHECK(b.num("=IF(TRUE,,1)") == 0);
    CHECK(b.num("=IF(1,2,3)") == 2);
    CHECK(b.num("=IF(0,2,3)") == 3);
    CHECK(b.num("=IF(\"TRUE\",2,3)") == 2);
    CHECK(b.num("=IF(A9,2,3)") == 3);  // blank is FALSE
    CHECK(b.error("=IF(A2,1,2)") == Err::Value);
    CHECK(b.error("=IF(NA(),1,2)") == Err::NA);
    CHECK(b.num("=IF(TRUE,1,1/0)") == 1);  // only the taken branch is evaluated
    CHECK(b.num("=SUM(IF(TRUE,A1:A3,0))") == 5);  // IF returns the reference
}

TEST_CASE("IF in array mode works element by element", "[logical][array]") {
    Book b;
    // IF({TRUE,FALSE}, {1,2,3,4}, {10,11,12,13}) is {1,11,#N/A,#N/A} in Excel.
    Operand r = b.call("IF", {row({B(true), B(false)}), row({Value(1.0), Value(2.0), Value(3.0), Value(4.0)}),
                              row({Value(10.0), Value(11.0), Value(12.0), Value(13.0)})});
    REQUIRE(r.is_value());
    REQUIRE(r.value().is_array());
    const Array& a = r.value().array();
    REQUIRE(a.cols() == 4);
    CHECK(a.at(0, 0).number() == 1);
    CHECK(a.at(0, 1).number() == 11);
    CHECK(a.at(0, 2).error() == Err::NA);
    CHECK(a.at(0, 3).error() == Err::NA);
    // A column condition against row branches broadcasts to a 3×2 result.
    Operand r2 = b.call("IF", {col({B(true), B(false), B(true)}), row({Value(1.0), Value(2.0)}), row({Value(7.0), Value(8.0)})});
    const Array& a2 = r2.value().array();
    REQUIRE(a2.rows() == 3);
    REQUIRE(a2.cols() == 2);
    CHECK(a2.at(1, 0).number() == 7);
    CHECK(a2.at(2, 1).number() == 2);
    // Without a false branch: FALSE; an error condition stays in its slot.
    Operand r3 = b.call("IF", {row({B(true), Value::error(Err::NA), B(false)}), Value(1.0)});
    const Array& a3 = r3.value().array();
    CHECK(a3.at(0, 0).number() == 1);
    CHECK(a3.at(0, 1).error() == Err::NA);
    CHECK(a3.at(0, 2).is_bool());
    // A range condition in array mode is read into an array.
    b.set("A1", Value(1.0));
    b.set("A2", Value(5.0));
    Operand r4 = b.call("IF", {range(b.s, "A1:A2"), S("y"), S("n")});
    const Array& a4 = r4.value().array();
    REQUIRE(a4.rows() == 2);
    CHECK(a4.at(0, 0).string() == "y");
    CHECK(a4.at(1, 0).string() == "y");
}

TEST_CASE("IFS", "[logical]") {
    Book b;
    b.set("A1", S("1"));
    CHECK(b.num("=IFS(FALSE,1,TRUE,2)") == 2);
    CHECK(b.num("=IFS(1,3,TRUE,4)") == 3);
    CHECK(b.error("=IFS(FALSE,1,0,2)") == Err::NA);
    CHECK(b.text("=IFS(FALSE,1,TRUE,\"-\")") == "-");
    CHECK(b.error("=IFS(A1,1,TRUE,2)") == Err::Value);  // text "1" is not a condition
    CHECK(b.error("=IFS(NA(),1,1/0,2)") == Err::NA);
    CHECK(b.num("=IFS(TRUE,1,1/0,2)") == 1);  // stops at the first true condition
}

TEST_CASE("IFERROR and IFNA", "[logical]") {
    Book b;
    CHECK(b.text("=IFERROR(1/0,\"caught\")") == "caught");
    CHECK(b.text("=IFERROR(XYZ(1),\"caught\")") == "caught");
    CHECK(b.num("=IFERROR(0,\"err\")") == 0);
    CHECK(b.num("=IFERROR(Z99,\"err\")") == 0);  // blank is not an error
    CHECK(b.error("=IFERROR(1/0,SQRT(-1))") == Err::Num);
    CHECK(b.text("=IFNA(NA(),\"hidden\")") == "hidden");
    CHECK(b.error("=IFNA(1/0,\"hidden\")") == Err::Div0);
    // Eager, element-wise (array formulas, array mode).
    Operand r = b.call("IFERROR", {col({Value(20.0), Value::error(Err::Div0), Value(10.0)}), S("n/a")});
    const Array& a = r.value().array();
    REQUIRE(a.rows() == 3);
    CHECK(a.at(0, 0).number() == 20);
    CHECK(a.at(1, 0).string() == "n/a");
    CHECK(a.at(2, 0).number() == 10);
    // IFERROR({1;0;2}/{0;0;0}, {7,8}) is a 3×2 array of 7s and 8s.
    Value errs = col({Value::error(Err::Div0), Value::error(Err::Div0), Value::error(Err::Div0)});
    Operand r2 = b.call("IFERROR", {errs, row({Value(7.0), Value(8.0)})});
    const Array& a2 = r2.value().array();
    REQUIRE(a2.rows() == 3);
    REQUIRE(a2.cols() == 2);
    CHECK(a2.at(2, 0).number() == 7);
    CHECK(a2.at(2, 1).number() == 8);
    Operand r3 = b.call("IFNA", {row({Value::error(Err::NA), Value::error(Err::Value)}), Value(0.0)});
    CHECK(r3.value().array().at(0, 0).number() == 0);
    CHECK(r3.value().array().at(0, 1).error() == Err::Value);
}

TEST_CASE("AND, OR, XOR", "[logical]") {
    Book b;
    b.set("A1", B(true));
    b.set("B1", B(true));
    b.set("A2", B(false));
    b.set("B2", B(false));
    b.set("A3", S("TRUE"));  // text in a range is ignored, even "TRUE"
    b.set("A4", Value(0.0));
    b.set("A5", Value(1.0));
    b.set("A6", Value::error(Err::Div0));
    CHECK(b.truth("=AND(A1:B1)"));
    CHECK_FALSE(b.truth("=AND(A1:B2)"));
    CHECK(b.truth("=OR(A1:B2)"));
    CHECK_FALSE(b.truth("=XOR(A1:B1)"));
    CHECK(b.truth("=XOR(A1:B1,TRUE)"));
    CHECK(b.truth("=XOR(1,0,0)"));
    CHECK_FALSE(b.truth("=XOR(1,1,0)"));
    CHECK(b.error("=AND(A3)") == Err::Value);          // nothing to judge
    CHECK(b.error("=OR(X90:Z99)") == Err::Value);      // blank range
    CHECK(b.truth("=OR(X90:Z99,TRUE)"));
    CHECK(b.truth("=AND(A3,A5)"));
    CHECK_FALSE(b.truth("=AND(A4:A5)"));
    CHECK(b.truth("=AND(-0.1)"));
    CHECK(b.truth("=OR(\"TRUE\")"));                   // typed text TRUE/FALSE counts
    CHECK_FALSE(b.truth("=AND(\"FALSE\")"));
    CHECK(b.error("=OR(\"\")") == Err::Value);
    CHECK(b.truth("=OR(\"\",TRUE)"));
    CHECK(b.error("=AND(A6)") == Err::Div0);
    CHECK(b.error("=OR(TRUE,1/0)") == Err::Div0);      // errors win even when the answer is known
    CHECK(b.truth("=AND({TRUE,1,\"x\"})"));
}

TEST_CASE("NOT, TRUE, FALSE", "[logical]") {
    Book b;
    CHECK_FALSE(b.truth("=NOT(TRUE)"));
    CHECK(b.truth("=NOT(0)"));
    CHECK(b.truth("=NOT(A1)"));  // blank
    CHECK_FALSE(b.truth("=NOT(\"true\")"));
    CHECK(b.error("=NOT(\"yes\")") == Err::Value);
    CHECK(b.error("=NOT(NA())") == Err::NA);
    CHECK(b.truth("=TRUE()"));
    CHECK_FALSE(b.truth("=FALSE()"));
}

TEST_CASE("SWITCH", "[logical]") {
    Book b;
    b.set("A1", Value(2.0));
    b.set("A2", S("b"));
    CHECK(b.text("=SWITCH(A1,1,\"one\",2,\"two\")") == "two");
    CHECK(b.text("=SWITCH(A2,\"A\",\"first\",\"B\",\"second\")") == "second");  // case-insensitive
    CHECK(b.text("=SWITCH(A1,1,\"one\",\"other\")") == "other");
    CHECK(b.error("=SWITCH(A1,1,\"one\",3,\"three\")") == Err::NA);
    CHECK(b.error("=SWITCH(\"2\",2,\"two\")") == Err::NA);  // no text/number coercion
    CHECK(b.error("=SWITCH(1/0,1,\"one\")") == Err::Div0);
    CHECK(b.num("=SUM(SWITCH(1,1,A1:A2,0))") == 2);
}

TEST_CASE("CHOOSE", "[logical]") {
    Book b;
    b.set("A1", Value(1.0));
    b.set("A2", Value(2.0));
    b.set("B1", Value(10.0));
    b.set("B2", Value(20.0));
    CHECK(b.text("=CHOOSE(2,\"a\",\"b\",\"c\")") == "b");
    CHECK(b.text("=CHOOSE(2.9,\"a\",\"b\",\"c\")") == "b");
    CHECK(b.error("=CHOOSE(0,\"a\")") == Err::Value);
    CHECK(b.error("=CHOOSE(3,\"a\",\"b\")") == Err::Value);
    CHECK(b.error("=CHOOSE(\"x\",\"a\")") == Err::Value);
    CHECK(b.num("=SUM(CHOOSE(2,A1:A2,B1:B2))") == 30);  // a reference result
    const FunctionDef* def = FunctionRegistry::builtins().find("CHOOSE");
    REQUIRE(def);
    CHECK((def->flags & kRefResult) != 0);
    Operand ref = b.call("CHOOSE", {Value(1.0), range(b.s, "A1:A2"), range(b.s, "B1:B2")}, false);
    CHECK(ref.is_ref());
    // CHOOSE({1,2}, A1:A2, B1:B2) is the 2×2 array {1,10;2,20}.
    Operand arr = b.call("CHOOSE", {row({Value(1.0), Value(2.0)}), range(b.s, "A1:A2"), range(b.s, "B1:B2")});
    REQUIRE(arr.is_value());
    const Array& a = arr.value().array();
    REQUIRE(a.rows() == 2);
    REQUIRE(a.cols() == 2);
    CHECK(a.at(1, 0).number() == 2);
    CHECK(a.at(0, 1).number() == 10);
    CHECK(a.at(1, 1).number() == 20);
}
