// test_value.cpp — Value semantics: types, copies, equality, General rendering.
#include <catch2/catch.hpp>

#include "core/value.h"

using namespace sp;

TEST_CASE("value types and copies", "[core][value]") {
    Value e;
    CHECK(e.is_empty());
    Value n(1.5);
    CHECK(n.is_number());
    CHECK(n.number() == 1.5);
    Value s = Value::string("收入合计");
    Value s2 = s;  // shares the payload
    CHECK(s2.string() == "收入合计");
    CHECK(s.str_rep() == s2.str_rep());
    Value moved = std::move(s2);
    CHECK(moved.string() == "收入合计");
    CHECK(Value::boolean(true).boolean());
    CHECK(Value::error(Err::Div0).error() == Err::Div0);
    CHECK(sizeof(Value) == 16);
}

TEST_CASE("error texts round-trip", "[core][value]") {
    for (Err e : {Err::Null, Err::Div0, Err::Value, Err::Ref, Err::Name, Err::Num, Err::NA, Err::Cycle})
        CHECK(error_from_text(error_text(e)) == e);
    CHECK(error_text(Err::Div0) == "#DIV/0!");
    CHECK(error_from_text("#BOGUS!") == Err::None);
}

TEST_CASE("same_as compares type and payload", "[core][value]") {
    CHECK(Value(1.0).same_as(Value(1.0)));
    CHECK_FALSE(Value(1.0).same_as(Value::string("1")));
    CHECK(Value::string("a").same_as(Value::string("a")));
    CHECK_FALSE(Value::boolean(true).same_as(Value(1.0)));
    Array a(1, 2);
    a.at(0, 0) = Value(1.0);
    a.at(0, 1) = Value::string("x");
    CHECK(Value::array(a).same_as(Value::array(a)));
}

TEST_CASE("General number format", "[core][value]") {
    CHECK(format_general(0) == "0");
    CHECK(format_general(1.5) == "1.5");
    CHECK(format_general(0.1 + 0.2) == "0.3");
    CHECK(format_general(-640.13) == "-640.13");
    CHECK(format_general(1e20) == "1E+20");
    CHECK(format_general(123456789012345.0) == "123456789012345");
    CHECK(format_general(1.0 / 3) == "0.333333333333333");
    CHECK(to_display(Value::boolean(false)) == "FALSE");
}
