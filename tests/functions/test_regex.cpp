// test_regex.cpp — REGEXTEST, REGEXEXTRACT, REGEXREPLACE and XMATCH's regex mode through
// real formulas: Excel's documented examples, groups, case modes, Chinese text, errors.
#include <catch2/catch.hpp>

#include <string>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using namespace sp::test;

TEST_CASE("REGEXTEST: Excel's examples and case modes", "[regex]") {
    Book b;
    b.set("A1", S("Mr. Sherlock Holmes"));
    CHECK(b.truth("REGEXTEST(A1,\"[A-Z]\")"));
    CHECK(b.truth("REGEXTEST(A1,\"[A-Z]her\")"));
    CHECK_FALSE(b.truth("REGEXTEST(A1,\"[0-9]+\")"));
    CHECK_FALSE(b.truth("REGEXTEST(A1,\"sherlock\")"));
    CHECK(b.truth("REGEXTEST(A1,\"sherlock\",1)"));
    CHECK(b.truth("REGEXTEST(A1,\"(?i)SHERLOCK\")"));
    CHECK(b.error("REGEXTEST(A1,\"x\",2)") == Err::Value);
    CHECK(b.truth("REGEXTEST(12345,\"^\\d{5}$\")"));     // numbers are matched as text
    CHECK(b.truth("REGEXTEST(\"abc\",\"\")"));
    // Element-wise over an array.
    Value v = b.eval("REGEXTEST({\"a1\",\"b\"},\"\\d\")");
    REQUIRE(v.is_array());
    CHECK(v.array().at(0, 0).boolean());
    CHECK_FALSE(v.array().at(0, 1).boolean());
}

TEST_CASE("REGEXEXTRACT: return modes and groups", "[regex]") {
    Book b;
    b.set("A1", S("LonelyPlanet"));
    CHECK(b.text("REGEXEXTRACT(A1,\"[A-Z][a-z]+\")") == "Lonely");
    Value all = b.eval("REGEXEXTRACT(A1,\"[A-Z][a-z]+\",1)");
    REQUIRE(all.is_array());
    REQUIRE(all.array().rows() == 1);
    REQUIRE(all.array().cols() == 2);
    CHECK(all.array().at(0, 1).string() == "Planet");
    Value groups = b.eval("REGEXEXTRACT(\"2024-06-30\",\"(\\d+)-(\\d+)-(\\d+)\",2)");
    REQUIRE(groups.is_array());
    REQUIRE(groups.array().cols() == 3);
    CHECK(groups.array().at(0, 0).string() == "2024");
    CHECK(groups.array().at(0, 2).string() == "30");
    CHECK(b.text("INDEX(REGEXEXTRACT(\"ab\",\"(a)(x)?\",2),2)") == "");  // unset group
    CHECK(b.error("REGEXEXTRACT(A1,\"[0-9]\")") == Err::NA);
    CHECK(b.error("REGEXEXTRACT(A1,\"[a-z]+\",2)") == Err::NA);   // no groups to return
    CHECK(b.error("REGEXEXTRACT(A1,\"x\",3)") == Err::Value);
    CHECK(b.text("REGEXEXTRACT(A1,\"PLANET\",0,1)") == "Planet");
    CHECK(b.error("REGEXEXTRACT(A1,\"PLANET\")") == Err::NA);
    // Over an array each element keeps its first match.
    Value col = b.eval("REGEXEXTRACT({\"a1b2\";\"c3\"},\"\\d\",1)");
    REQUIRE(col.is_array());
    REQUIRE(col.array().rows() == 2);
    CHECK(col.array().at(0, 0).string() == "1");
    CHECK(col.array().at(1, 0).string() == "3");
}

TEST_CASE("REGEXREPLACE: groups, occurrences", "[regex]") {
    Book b;
    b.set("A3", S("JamesBond"));
    CHECK(b.text("REGEXREPLACE(A3,\"([A-Z][a-z]+)([A-Z][a-z]+)\",\"$2, $1 $2\")") == "Bond, James Bond");
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\")") == "a#b#c#");
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\",2)") == "a1b#c333");
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\",-1)") == "a1b22c#");
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\",-3)") == "a#b22c333");
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\",4)") == "a1b22c333");   // too few matches
    CHECK(b.text("REGEXREPLACE(\"a1b22c333\",\"\\d+\",\"#\",-4)") == "a1b22c333");
    CHECK(b.text("REGEXREPLACE(\"ABC\",\"b\",\"x\",0,1)") == "AxC");
    CHECK(b.text("REGEXREPLACE(\"ABC\",\"b\",\"x\")") == "ABC");
    CHECK(b.text("REGEXREPLACE(\"price 5\",\"(\\d)\",\"$$$1${1}\")") == "price $55");
    CHECK(b.text("REGEXREPLACE(\"ab\",\"a\",\"[$0]\")") == "[a]b");
    CHECK(b.error("REGEXREPLACE(\"ab\",\"(a)\",\"$2\")") == Err::Value);    // no such group
    CHECK(b.text("REGEXREPLACE(\"abc\",\"\",\"-\")") == "-a-b-c-");
}

TEST_CASE("Regex functions on Chinese text: . is one character", "[regex]") {
    Book b;
    b.set("A1", S("北京市海淀区"));
    CHECK(b.text("REGEXEXTRACT(A1,\"^..\")") == "北京");
    CHECK(b.text("INDEX(REGEXEXTRACT(A1,\"(.)区\",2),1)") == "淀");
    CHECK(b.truth("REGEXTEST(A1,\"^.{6}$\")"));
    CHECK(b.text("REGEXREPLACE(A1,\"[京海]\",\"*\")") == "北*市*淀区");
    CHECK(b.text("REGEXEXTRACT(\"ÄBC äbc\",\"äbc\",0,1)") == "ÄBC");  // Unicode case folding
}

TEST_CASE("Regex functions: invalid patterns and errors", "[regex]") {
    Book b;
    b.set("A1", Value::error(Err::Div0));
    CHECK(b.error("REGEXTEST(\"a\",\"(\")") == Err::Value);
    CHECK(b.error("REGEXTEST(\"a\",\"(?<=a)b\")") == Err::Value);        // lookbehind: PCRE2 only
    CHECK(b.error("REGEXEXTRACT(\"a\",\"(?<n>a)\")") == Err::Value);     // named group
    CHECK(b.error("REGEXREPLACE(\"a\",\"[\",\"x\")") == Err::Value);
    CHECK(b.error("REGEXTEST(A1,\"(\")") == Err::Div0);                  // first error wins
    CHECK(b.error("REGEXEXTRACT(\"a\",A1)") == Err::Div0);
    CHECK(b.error("REGEXREPLACE(\"a\",\"a\",A1)") == Err::Div0);
    CHECK(b.error("REGEXREPLACE(\"a\",\"a\",\"b\",\"x\")") == Err::Value);
    CHECK(b.error("REGEXTEST(\"a\",\"a\",A1)") == Err::Div0);
    // A long text is matched on a big stack: no crash.
    CHECK(b.truth("REGEXTEST(REPT(\"ab\",16000)&\"c\",\"(a|b)*c\")"));
    CHECK(b.num("LEN(REGEXREPLACE(REPT(\"中\",30000),\".\",\"x\"))") == 30000);
    CHECK(b.error("REGEXREPLACE(REPT(\"中\",30000),\".\",\"xy\")") == Err::Value);  // over 32767
    // Long and deeply nested patterns (from cells) compile and run on the big stack too.
    b.set("B1", Value::string(std::string(5000, '(') + "a" + std::string(5000, ')')));
    b.set("B2", Value::string(std::string(8000, 'a')));
    CHECK(b.truth("REGEXTEST(\"xa\",B1)"));
    CHECK(b.truth("REGEXTEST(REPT(\"a\",9000),B2)"));
    CHECK_FALSE(b.truth("REGEXTEST(REPT(\"a\",7999),B2)"));
}

TEST_CASE("XMATCH regex match mode", "[regex]") {
    Book b;
    const char* names[] = {"Albania", "Indonesia", "India", "Germany", "Spain", "Venezuela", "Italy", "Francialy"};
    for (int i = 0; i < 8; ++i) b.set(("A" + std::to_string(i + 2)).c_str(), S(names[i]));
    CHECK(b.num("XMATCH(\"[A-Z][a-z]+y\",A2:A9,3,1)") == 4);
    CHECK(b.num("XMATCH(\"[A-Z][a-z]+y\",A2:A9,3,-1)") == 8);
    CHECK(b.num("XMATCH(\"(?i)^SPAIN$\",A2:A9,3)") == 5);
    CHECK(b.error("XMATCH(\"^SPAIN$\",A2:A9,3)") == Err::NA);
    CHECK(b.error("XMATCH(42,A2:A9,3)") == Err::NA);
    CHECK(b.error("XMATCH(\"(\",A2:A9,3)") == Err::Value);
    CHECK(b.error("XMATCH(\"a\",A2:A9,3,2)") == Err::Value);
    CHECK(b.error("XMATCH(\"a\",A2:A9,4)") == Err::Value);
}
