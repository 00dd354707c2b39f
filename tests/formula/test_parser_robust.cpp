// test_parser_robust.cpp — hostile input: random bytes, random token soup, deep nesting.
// The parser must never crash or throw; whatever it accepts must print and re-parse stably.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "formula/parser.h"

using namespace sp;
using namespace sp::formula;

namespace {

// A parsed formula printed, re-parsed and printed again gives the same text and key.
void check_stable(const std::string& text, CellAddr at) {
    auto r = parse(text, at);
    if (!r) {
        CHECK(r.error.pos <= text.size());
        CHECK_FALSE(r.error.message.empty());
        return;
    }
    std::string a1 = print_a1(*r.ast, at);
    auto again = parse(a1, at);
    INFO(text << "  ->  " << a1 << "  (" << again.error.message << ")");
    REQUIRE(again);
    CHECK(print_a1(*again.ast, at) == a1);
    CHECK(print_r1c1(*again.ast) == print_r1c1(*r.ast));
}

}  // namespace

TEST_CASE("random bytes never crash the parser", "[parser][robust]") {
    std::mt19937 rng(7);
    const std::string alphabet = "AB1$:!(),;{}\"'#+-*/^&%=<> .eE[]_xlfn\xE6\x94\xB6\xE5\x85\xA5";
    for (int i = 0; i < 20000; ++i) {
        std::string s(rng() % 40, ' ');
        for (char& c : s) c = (i % 2) ? char(rng() % 256) : alphabet[rng() % alphabet.size()];
        check_stable(s, {int32_t(rng() % 100), int32_t(rng() % 30)});
    }
}

TEST_CASE("random token soup parses or fails cleanly, and what parses round-trips", "[parser][robust]") {
    static const char* frags[] = {"A1", "$B$2", "C$3", "$D4", ":", "(", ")", ",", "+", "-", "*", "/", "^", "%",
                                  "&", "=", "<>", "<=", " ", "SUM(", "IF(", "_xlfn.XLOOKUP(", "\"s\"", "\"a\"\"b\"",
                                  "1", "0.5", "1E+20", "{1,2;3,4}", "{-1}", "Sheet1!", "'My Sheet'!", "'收入'!",
                                  "#REF!", "#N/A", "TRUE", "Tax", "收入合计", "A:A", "3:5", "$A:$B", "Sheet1:Sheet2!",
                                  "[1]Sheet1!", "LOG10", "INDEX(A:A,2)", "OFFSET(A1,1,1)", ";", "{", "}"};
    std::mt19937 rng(11);
    int parsed = 0;
    for (int i = 0; i < 30000; ++i) {
        std::string s = "=";
        int n = 1 + rng() % 12;
        for (int k = 0; k < n; ++k) s += frags[rng() % std::size(frags)];
        auto r = parse(s, {5, 5});
        if (r) ++parsed;
        check_stable(s, {5, 5});
    }
    CHECK(parsed > 1000);  // the soup is not all garbage: the round-trip check did real work
}

TEST_CASE("pathological nesting is reported, not a stack overflow", "[parser][robust]") {
    std::string open(100000, '(');
    auto r = parse("=" + open);
    REQUIRE_FALSE(r);
    CHECK(r.error.message == "formula nested too deeply");
    CHECK(r.error.pos == 1000);  // the first '(' beyond the cap

    auto calls = parse(std::string(100000, 'F').insert(0, "=") );  // a long name is fine
    CHECK(calls);

    std::string fn;
    for (int i = 0; i < 100000; ++i) fn += "F(";
    auto f = parse(fn);
    REQUIRE_FALSE(f);
    CHECK(f.error.message == "formula nested too deeply");

    auto neg = parse(std::string(100000, '-') + "1");
    REQUIRE_FALSE(neg);
    CHECK(neg.error.message == "formula nested too deeply");

    std::string chain = "1";
    for (int i = 0; i < 100000; ++i) chain += "+1";
    auto c = parse(chain);
    REQUIRE_FALSE(c);
    CHECK(c.error.message == "formula nested too deeply");

    std::string braces(100000, '{');
    CHECK_FALSE(parse(braces));
}

TEST_CASE("deep but legal formulas parse and print", "[parser][robust]") {
    // 900 nested calls and parentheses: within the cap.
    std::string f = "1";
    for (int i = 0; i < 450; ++i) f = "ABS((" + f + "))";
    auto r = parse(f);
    REQUIRE(r);
    CHECK(print_a1(*r.ast) == f);
    // A long sum, as real workbooks have (=A1+A2+…+A3000 fits Excel's 8192 characters… nearly).
    std::string sum = "A1";
    for (int i = 2; i <= 3000; ++i) sum += "+A" + std::to_string(i);
    auto s = parse(sum, {0, 1});
    REQUIRE(s);
    CHECK(print_a1(*s.ast, {0, 1}) == sum);
    // A long string literal.
    std::string text = "\"" + std::string(100000, 'x') + "\"";
    auto t = parse(text);
    REQUIRE(t);
    CHECK(t.ast->text.size() == 100000);
}
