// test_value.cpp — Value semantics: types, copies, equality, General rendering.
#include <catch2/catch.hpp>
#include <algorithm>
#include <vector>
#include <cstdio>
#include <cmath>
#include <random>

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

// format_general as it was written with snprintf (%.*f, %.14E): the reference its faster
// to_chars form must equal, digit for digit, across the whole double range.
static std::string format_general_printf(double d) {
    if (d == 0) return "0";
    if (std::isnan(d) || std::isinf(d)) return "#NUM!";
    char buf[400];
    double a = std::fabs(d);
    if (a >= 1e-9 && a < 1e15) {
        int exp10 = static_cast<int>(std::floor(std::log10(a)));
        std::snprintf(buf, sizeof buf, "%.*f", std::max(0, 14 - exp10), d);
        std::string s(buf);
        if (s.find('.') != std::string::npos) {
            while (!s.empty() && s.back() == '0') s.pop_back();
            if (!s.empty() && s.back() == '.') s.pop_back();
        }
        return s;
    }
    std::snprintf(buf, sizeof buf, "%.14E", d);
    std::string s(buf);
    auto e = s.find('E');
    std::string mant = s.substr(0, e), ex = s.substr(e);
    if (mant.find('.') != std::string::npos) {
        while (mant.back() == '0') mant.pop_back();
        if (mant.back() == '.') mant.pop_back();
    }
    std::string digits = ex.substr(2);
    while (digits.size() > 2 && digits[0] == '0') digits.erase(0, 1);
    return mant + "E" + ex[1] + digits;
}

TEST_CASE("General number format equals printf's rounding everywhere", "[core][value]") {
    std::mt19937_64 rng(20261207);
    std::uniform_real_distribution<double> mant(1.0, 10.0);
    std::uniform_int_distribution<int> exp10(-330, 308), cents(-100000000, 100000000);
    std::vector<double> xs = {1e-9, 9.99999999999999e-10, 1e15, 999999999999999.9, 0.5, 2.5, 0.125, 1e-5,
                              5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.7, 1234.5, 0.045};
    for (int i = 0; i < 100000; ++i) {
        xs.push_back(mant(rng) * std::pow(10.0, exp10(rng)));
        xs.push_back(double(cents(rng)) / 100);  // money, the common case
        xs.push_back(std::nextafter(std::pow(10.0, exp10(rng) % 20), 0.0));  // just below a power of ten
    }
    size_t differ = 0;
    for (double x : xs)
        for (double v : {x, -x}) {
            if (format_general(v) == format_general_printf(v)) continue;
            if (++differ <= 5) FAIL_CHECK(v << ": " << format_general(v) << " vs printf " << format_general_printf(v));
        }
    CHECK(differ == 0);
}
