// test_printer.cpp — print_a1 at other anchors (moving formulas, #REF! off the grid),
// print_r1c1 as the shape key, canonical numbers, strings and sheet names.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "formula/parser.h"

using namespace sp;
using namespace sp::formula;

namespace sp_parser_test {
extern const std::vector<std::string> kCanonicalFormulas;  // test_parser.cpp
}
using sp_parser_test::kCanonicalFormulas;

namespace {

Node must_parse(std::string_view text, CellAddr at) {
    auto r = parse(text, at);
    INFO(text << " -> " << r.error.message);
    REQUIRE(r);
    return std::move(*r.ast);
}

std::string moved(std::string_view text, CellAddr from, CellAddr to) { return print_a1(must_parse(text, from), to); }

std::string key(std::string_view text, CellAddr at) { return print_r1c1(must_parse(text, at)); }

Node number(double d) {
    Node n;
    n.kind = NodeKind::Number;
    n.num = d;
    return n;
}

Node cell_on(std::string sheet, std::string sheet2 = {}, std::string book = {}) {
    Node n;
    n.kind = NodeKind::Ref;
    n.ref.has_sheet = true;
    n.ref.sheet = std::move(sheet);
    n.ref.sheet2 = std::move(sheet2);
    n.ref.book = std::move(book);
    n.ref.r1 = n.ref.r2 = Coord{0, true};
    n.ref.c1 = n.ref.c2 = Coord{0, false};
    return n;
}

constexpr CellAddr B2{1, 1}, B3{2, 1}, C2{1, 2}, A1{0, 0}, B1{0, 1};

}  // namespace

TEST_CASE("moving a formula shifts relative references only", "[printer]") {
    static const std::pair<const char*, const char*> down[] = {  // written in B2, shown in B3
        {"=A1+B1", "A2+B2"},
        {"=$A$1+A$1+$A1", "$A$1+A$1+$A2"},
        {"=SUM(A1:A10)", "SUM(A2:A11)"},
        {"=SUM($A$1:A1)", "SUM($A$1:A2)"},
        {"=A:A", "A:A"},                    // whole columns do not move down
        {"=1:1", "2:2"},
        {"=$1:1", "$1:2"},
        {"=Sheet1!A1", "Sheet1!A2"},
        {"='收入支出决算总表'!C5:C9", "'收入支出决算总表'!C6:C10"},
        {"=Sheet1:Sheet3!B1", "Sheet1:Sheet3!B2"},
        {"=ROUND(F2*1.1,2)", "ROUND(F3*1.1,2)"},
        {"=IF(A1>0,A1,-A1)%", "IF(A2>0,A2,-A2)%"},
        {"=INDEX(A:C,ROW(),2)", "INDEX(A:C,ROW(),2)"},
        {"=A1:B2 B1:C3", "A2:B3 B2:C4"},
        {"=(A1,B1)", "(A2,B2)"},
        {"=Tax*A1", "Tax*A2"},
        {"=\"A1\"&A1", "\"A1\"&A2"},         // text is not a reference
        {"={1,2}+A1", "{1,2}+A2"},
    };
    for (auto [f, out] : down) {
        INFO(f);
        CHECK(moved(f, B2, B3) == out);
    }
    CHECK(moved("=A1+$A1+A$1", B2, C2) == "B1+$A1+B$1");  // one column right
    CHECK(moved("=A:B", B2, C2) == "B:C");
    CHECK(moved("=3:4", B2, C2) == "3:4");
    CHECK(moved("=XFD1048576", {kMaxRows - 1, kMaxCols - 1}, A1) == "A1");
}

TEST_CASE("relative references moved off the grid print as #REF!", "[printer]") {
    CHECK(moved("=A1", B2, B1) == "#REF!");
    CHECK(moved("=A1", B2, A1) == "#REF!");
    CHECK(moved("=Sheet1!A1", B2, B1) == "Sheet1!#REF!");
    CHECK(moved("='My Sheet'!A1", B2, B1) == "'My Sheet'!#REF!");
    CHECK(moved("=A1:B2", B2, B1) == "#REF!");  // one corner off: the whole area
    CHECK(moved("=SUM(A1,B1)", B2, {1, 0}) == "SUM(#REF!,A1)");
    CHECK(moved("=A:A", B2, {5, 0}) == "#REF!");
    CHECK(moved("=1:1", B2, {0, 5}) == "#REF!");
    CHECK(moved("=A2", A1, {kMaxRows - 1, 0}) == "#REF!");
    CHECK(moved("=B1", A1, {0, kMaxCols - 1}) == "#REF!");
    // Absolute references never fall off.
    CHECK(moved("=$A$1+$A:$A+$1:$1", B2, A1) == "$A$1+$A:$A+$1:$1");
    // …and moving back restores the text: the tree keeps the offsets.
    Node n = must_parse("=A1*2", B2);
    CHECK(print_a1(n, A1) == "#REF!*2");
    CHECK(print_a1(n, B2) == "A1*2");
}

TEST_CASE("R1C1 shape keys", "[printer]") {
    static const std::pair<const char*, const char*> cases[] = {  // written in B2
        {"=A1", "R[-1]C[-1]"},
        {"=B2", "RC"},
        {"=C5", "R[3]C[1]"},
        {"=$C$5", "R5C3"},
        {"=$C5", "R[3]C3"},
        {"=C$5", "R5C[1]"},
        {"=A1:C3", "R[-1]C[-1]:R[1]C[1]"},
        {"=A:A", "C[-1]"},
        {"=A:C", "C[-1]:C[1]"},
        {"=$A:$C", "C1:C3"},
        {"=3:5", "R[1]:R[3]"},
        {"=$2:$2", "R2"},
        {"=2:2", "R"},
        {"='My Sheet'!$A$1", "'My Sheet'!R1C1"},
        {"=Sheet1:Sheet2!B2", "Sheet1:Sheet2!RC"},
        {"=SUM(A1:A3)*1.1", "SUM(R[-1]C[-1]:R[1]C[-1])*1.1"},
        {"=_xlfn.CONCAT(\"x\",A1)", "_xlfn.CONCAT(\"x\",R[-1]C[-1])"},
        {"=R1C1", "`R1C1"},  // a name, kept apart from the reference $A$1
        {"=rc", "`rc"},
        {"=Tax", "Tax"},
    };
    for (auto [f, k] : cases) {
        INFO(f);
        CHECK(key(f, B2) == k);
    }
    CHECK(key("=R1C1", B2) != key("=$A$1", B2));
    CHECK(key("=RC", B2) != key("=B2", B2));
}

TEST_CASE("every cell of a filled-down or filled-right formula has the same key", "[printer]") {
    std::string first;
    for (int r = 1; r <= 300; ++r) {
        std::string s = std::to_string(r);
        std::string f = "=IF(A" + s + "=\"\",\"\",A" + s + "*B" + s + "+SUM($C$1:C" + s + ")-Sheet2!D" +
                        std::to_string(r + 1) + "&\"x\")";
        CellAddr at{r - 1, 4};  // column E
        Node n = must_parse(f, at);
        CHECK(print_a1(n, at) == f.substr(1));
        std::string k = print_r1c1(n);
        if (r == 1) first = k;
        CHECK(k == first);
    }
    CHECK(first == "IF(RC[-4]=\"\",\"\",RC[-4]*RC[-3]+SUM(R1C3:RC[-2])-Sheet2!R[1]C[-1]&\"x\")");
    // Filled right: B1*2, C1*2, … from row 5.
    std::set<std::string> keys;
    for (int c = 1; c < 200; ++c) {
        std::string f = "=" + column_letters(c) + "1*2+$A5";
        keys.insert(key(f, {4, c + 1}));
    }
    CHECK(keys.size() == 1);
    CHECK(*keys.begin() == "R[-4]C[-1]*2+RC1");
}

TEST_CASE("formulas that differ in anything have different keys", "[printer]") {
    // All canonical formulas, written in the same cell, are distinct trees.
    std::set<std::string> keys;
    CellAddr at{50, 10};
    for (const std::string& f : kCanonicalFormulas) keys.insert(key(f, at));
    CHECK(keys.size() == kCanonicalFormulas.size());
    // The same text in another cell is another shape when it has relative references…
    CHECK(key("=A1+1", B2) != key("=A1+1", B3));
    // …and the same shape when it has none.
    CHECK(key("=$A$1+1", B2) == key("=$A$1+1", B3));
    CHECK(key("=A1", B2) != key("=$A1", B2));
    CHECK(key("=A1", B2) != key("=A$1", B2));
    CHECK(key("=A1", B2) != key("=Sheet1!A1", B2));
    CHECK(key("=A1:A2", B2) != key("=A2:A2", B2));
    CHECK(key("=(A1)", B2) != key("=A1", B2));
    CHECK(key("=F(1,)", B2) != key("=F(1)", B2));
    CHECK(key("=0.1", B2) != key("=0.10000000000000002", B2));
}

TEST_CASE("the key does not depend on the anchor the text was moved to", "[printer]") {
    for (const char* f : {"=A1+$B$2*C3", "=SUM(A:A)/COUNT(2:2)", "=Sheet1!A1:B2 C2"}) {
        INFO(f);
        Node n = must_parse(f, {10, 10});
        std::string k = print_r1c1(n);
        for (CellAddr to : {CellAddr{20, 13}, CellAddr{10, 12}, CellAddr{500, 40}}) {
            std::string text = print_a1(n, to);
            CHECK(key(text, to) == k);
        }
    }
}

TEST_CASE("numbers print in shortest round-trip form, as Excel writes them", "[printer]") {
    static const std::pair<double, const char*> cases[] = {
        {0, "0"},
        {1, "1"},
        {0.1, "0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1.5, "1.5"},
        {100000, "100000"},
        {123.456, "123.456"},
        {1e20, "1E+20"},
        {1e21, "1E+21"},
        {1.5e-10, "0.00000000015"},
        {1e-16, "0.0000000000000001"},  // as Excel writes it in formulas
        {1e-20, "0.00000000000000000001"},
        {1.5e-25, "1.5E-25"},
        {2.5e-5, "0.000025"},
        {1e-9, "0.000000001"},
        {1e15, "1E+15"},
        {999999999999999, "999999999999999"},
        {1.2345e100, "1.2345E+100"},
        {1.7976931348623157e308, "1.7976931348623157E+308"},
        {5e-324, "5E-324"},
        {-2.5, "-2.5"},
    };
    for (auto [d, text] : cases) {
        INFO(text);
        CHECK(print_a1(number(d)) == text);
    }
    // Every finite double survives print -> parse exactly.
    std::mt19937_64 rng(42);
    for (int i = 0; i < 20000; ++i) {
        uint64_t bits = rng() & 0x7FFFFFFFFFFFFFFFull;  // positive
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (!std::isfinite(d)) continue;
        std::string text = print_a1(number(d));
        auto r = parse(text);
        INFO(text);
        REQUIRE(r);
        REQUIRE(r.ast->kind == NodeKind::Number);
        CHECK(r.ast->num == d);
    }
}

TEST_CASE("strings are re-escaped and sheet names quoted when needed", "[printer]") {
    Node s;
    s.kind = NodeKind::String;
    s.text = "say \"hi\"";
    CHECK(print_a1(s) == "\"say \"\"hi\"\"\"");
    CHECK(print_a1(cell_on("Sheet1")) == "Sheet1!A$1");
    CHECK(print_a1(cell_on("My Sheet")) == "'My Sheet'!A$1");
    CHECK(print_a1(cell_on("收入")) == "'收入'!A$1");
    CHECK(print_a1(cell_on("It's")) == "'It''s'!A$1");
    CHECK(print_a1(cell_on("2024")) == "'2024'!A$1");
    CHECK(print_a1(cell_on("B7")) == "'B7'!A$1");  // looks like a cell
    CHECK(print_a1(cell_on("Sheet1", "Sheet3")) == "Sheet1:Sheet3!A$1");
    CHECK(print_a1(cell_on("Sheet1", "My Sheet")) == "'Sheet1:My Sheet'!A$1");
    CHECK(print_a1(cell_on("Data", "", "[1]")) == "[1]Data!A$1");
    CHECK(print_a1(cell_on("My Data", "", "[2]")) == "'[2]My Data'!A$1");
    CHECK(print_r1c1(cell_on("My Sheet")) == "'My Sheet'!R1C");
    // After ':' a sheet name is always quoted: A1:Sheet2!B2 would read back as the 3-D prefix A1:Sheet2!.
    Node range;
    range.kind = NodeKind::Binary;
    range.op = Op::Range;
    range.children.push_back(must_parse("=A1", A1));
    range.children.push_back(cell_on("Sheet2"));
    CHECK(print_a1(range) == "A1:'Sheet2'!A$1");
    CHECK(print_a1(must_parse(print_a1(range), A1)) == print_a1(range));
    // What the printer quotes, the parser reads back to the same sheet name.
    for (const char* name : {"My Sheet", "收入支出决算总表", "It's", "2024", "B7", "a'b''c", "Sheet 1"}) {
        INFO(name);
        Node n = cell_on(name);
        auto r = parse(print_a1(n));
        REQUIRE(r);
        CHECK(r.ast->ref == n.ref);
    }
}
