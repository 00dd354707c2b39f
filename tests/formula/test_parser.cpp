// test_parser.cpp — formula parser: round trips over a corpus of canonical formulas,
// tree shapes (precedence, references, calls, arrays) and error positions/messages.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "formula/parser.h"

using namespace sp;
using namespace sp::formula;

namespace {

// Compact S-expression of a tree, so expectations read like the grammar.
std::string coord(const char* axis, Coord c) {
    return std::string(axis) + (c.abs ? "$" : "") + std::to_string(c.v);
}

std::string dump(const Node& n) {
    auto kids = [&](std::string head) {
        head += '(';
        for (size_t i = 0; i < n.children.size(); ++i) {
            if (i) head += ',';
            head += dump(n.children[i]);
        }
        return head + ')';
    };
    auto sheet = [&]() {
        if (!n.ref.has_sheet) return std::string();
        std::string s = n.ref.book + n.ref.sheet;
        if (!n.ref.sheet2.empty()) s += ":" + n.ref.sheet2;
        return s + "!";
    };
    switch (n.kind) {
        case NodeKind::Number: {
            char buf[32];
            auto r = std::to_chars(buf, buf + 32, n.num);
            return std::string(buf, r.ptr);
        }
        case NodeKind::String: return "\"" + n.text + "\"";
        case NodeKind::Bool: return n.b ? "TRUE" : "FALSE";
        case NodeKind::Error: return "err(" + sheet() + std::string(error_text(n.err)) + ")";
        case NodeKind::Missing: return "_";
        case NodeKind::Name: return "name(" + sheet() + n.text + ")";
        case NodeKind::Ref: {
            const AreaRef& r = n.ref;
            std::string s = sheet();
            switch (r.kind) {
                case AreaRef::Cell: return "cell(" + s + coord("r", r.r1) + " " + coord("c", r.c1) + ")";
                case AreaRef::Area:
                    return "area(" + s + coord("r", r.r1) + " " + coord("c", r.c1) + ":" + coord("r", r.r2) + " " +
                           coord("c", r.c2) + ")";
                case AreaRef::Cols: return "cols(" + s + coord("c", r.c1) + ":" + coord("c", r.c2) + ")";
                case AreaRef::Rows: return "rows(" + s + coord("r", r.r1) + ":" + coord("r", r.r2) + ")";
            }
            return "?";
        }
        case NodeKind::Unary: return kids(n.op == Op::Neg ? "neg" : "plus");
        case NodeKind::Percent: return kids("pct");
        case NodeKind::Paren: return kids("paren");
        case NodeKind::Call: return kids("call:" + n.prefix + "|" + n.text);
        case NodeKind::Invoke: return kids("invoke");
        case NodeKind::Array: return kids("array" + std::to_string(n.rows) + "x" + std::to_string(n.cols));
        case NodeKind::Binary: {
            static const char* names[] = {"", "", "", "add", "sub", "mul", "div", "pow", "cat", "eq", "ne",
                                          "lt", "le", "gt", "ge", "range", "union", "isect"};
            return kids(names[int(n.op)]);
        }
    }
    return "?";
}

std::string body(const std::string& f) { return f[0] == '=' ? f.substr(1) : f; }

}  // namespace

// Canonical Excel text: parse then print at the same anchor must give it back unchanged.
// Exported (non-static) so that test_printer.cpp can check that all shape keys differ.
namespace sp_parser_test {
extern const std::vector<std::string> kCanonicalFormulas;
const std::vector<std::string> kCanonicalFormulas = {
    // numbers, strings, booleans, errors
    "=1", "=0", "=0.5", "=1.5", "=100000", "=123456789", "=0.001", "=1E+20", "=1.5E-25", "=3.14159265358979",
    "=0.000000001", "=0.0000000000000001", "=1E-21", "=12345678901234", "=1E+15", "=\"abc\"", "=\"\"", "=\"a\"\"b\"", "=\"\"\"\"",
    "=\"收入\"", "=\"a b, c\"", "=TRUE", "=FALSE", "=#NULL!", "=#DIV/0!", "=#VALUE!", "=#REF!", "=#NAME?",
    "=#NUM!", "=#N/A", "=#GETTING_DATA", "=#SPILL!", "=#CALC!",
    // array constants
    "={1,2;3,4}", "={1}", "={-1,2.5}", "={\"a\",\"b\";\"c\",\"d\"}", "={TRUE,FALSE}", "={#N/A,1}", "={1;2;3}",
    "={1,\"x\",TRUE,#DIV/0!}", "={-0.5;1E+20}", "=SUM({1,2,3})", "={\"收入\",\"支出\"}",
    // operators and precedence
    "=1+2", "=1-2", "=2*3", "=6/3", "=2^3", "=2^3^2", "=-2^2", "=-A1", "=+A1", "=--A1", "=A1%", "=50%", "=-5%",
    "=1+2*3", "=(1+2)*3", "=A1&B1", "=\"a\"&\"b\"", "=A1=B1", "=A1<>B1", "=A1<B1", "=A1<=B1", "=A1>B1",
    "=A1>=B1", "=1+2=3", "=A1&B1=C1", "=-A1^2", "=2^-1", "=1--1", "=A1*-1", "=(A1)", "=((A1))", "=A1%%",
    "=1+2+3+4", "=10-5-2", "=2*3/4", "=A1>0=TRUE", "=(A1+B1)/(C1-D1)", "=A1^0.5", "=-(1+2)", "=+-+1",
    "=A1*100%", "=1&2&3", "=A1<>\"\"", "=(1)", "=-(-(A1))",
    // references
    "=A1", "=$A$1", "=A$1", "=$A1", "=XFD1048576", "=$XFD$1048576", "=A1:B5", "=$A$1:$B$5", "=A$1:$B5",
    "=A:A", "=$A:$C", "=A:$C", "=3:5", "=$3:$5", "=1:1048576", "=A:XFD", "=AA10", "=ZZ99", "=LOG10", "=AB12:AC13",
    "=B2:B2", "=IV65536", "=TAX2024", "=$C:C",
    // sheet-qualified
    "=Sheet1!A1", "=Sheet1!A1:B2", "='My Sheet'!A1", "='My Sheet'!A1:B2", "='收入支出决算总表'!C5:C9",
    "='收入支出决算总表'!C5", "='It''s'!A1", "=Sheet1:Sheet3!A1", "='Sheet 1:Sheet 3'!A1", "=[1]Sheet1!A1",
    "='[1]My Sheet'!$A$1", "=Sheet1!#REF!", "=Sheet1!A:A", "=Sheet1!3:5", "=Sheet1!Tax", "='My Sheet'!Tax",
    "='2024'!A1", "=Sheet_2.x!B2", "='A1'!A1", "='一般公共预算'!$B$5:$D$20", "=Data!$A$1", "='Q1 (draft)'!B2",
    "=SUM(Sheet1:Sheet3!B2:C4)", "='部门 收支'!A1", "=[2]Data!$B:$B", "=[1]!Total",
    // reference operators
    "=A1:INDEX(B:B,3)", "=OFFSET(A1,1,1):B5", "=name1:name2", "=(A1,B2)", "=(A1:B2,C3,D4:E5)", "=SUM((A1,B2))",
    "=A1:B2 B1:C3", "=A:A 3:3", "=(A1:B2 B1:C3)", "=SUM(A1:B2 B2:C3)", "=A1:B2:C3", "=Sheet1!A1:'Sheet2'!B2", "=Tax:Sheet1:Sheet2!C1", "=A1:'My Sheet'!Tax",
    "=SUM((A1:A3,C1:C3),E1)", "=INDEX((A1:B2,D1:E2),1,1,2)", "=Sheet1!A1 Sheet1!B1", "=(A1 B1,C1)",
    "=SUM(A:A)-SUM(1:1)", "=#REF!:A1", "=Tax A1",
    // names
    "=Tax_2024", "=收入合计", "=A1B", "=R1C1", "=Tax*A1", "=_total", "=\\path", "=a.b.c", "=A0", "=ABCD1",
    "=收入合计-支出合计", "=SUM(收入)", "=RC", "=Table1[Amount]", "=Table1[[#This Row],[Amount]]",
    // function calls
    "=SUM(A1:A10)", "=ROUND(F2*1.1,2)", "=IF(A1>0,\"yes\",\"no\")", "=IF(A1,,2)", "=F()", "=F(,)", "=NOW()",
    "=SUM(A1,B1,C1)", "=IFERROR(A1/B1,0)", "=VLOOKUP(A1,Sheet2!$A:$C,3,FALSE)",
    "=INDEX(A1:C10,MATCH(E1,A1:A10,0),2)", "=SUMIFS(C:C,A:A,\"x\",B:B,\">0\")", "=_xlfn.CONCAT(A1,B1)",
    "=_xlfn.XLOOKUP(A1,B:B,C:C)", "=_xlfn._xlws.SORT(A1:A10)", "=_xlfn.IFS(A1>1,1,TRUE,0)",
    "=预决算差异率(A1,B1)", "=LOG10(100)", "=TEXT(A1,\"0.00%\")", "=DATE(2024,1,1)", "=AND(A1,B1)",
    "=SUMPRODUCT((A1:A10>0)*(B1:B10))", "=COUNTIF(A:A,\"<>\")", "=ROUND(SUM('收入支出决算总表'!C5:C9)/10000,2)",
    "=IF(ISERROR(A1),\"\",A1)", "=NOT(TRUE)", "=CHOOSE(2,A1,B1)", "=TRUE()", "=F.DIST(1,2,TRUE)",
    "=ERROR.TYPE(A1)", "=_xlfn.STDEV.S(A1:A9)", "=SUM(A1:A3)/COUNT(A1:A3)", "=MAX(0,MIN(1,A1))",
    "=IF(AND(A1>0,B1<0),-A1,B1)", "=SUM(IF(A1:A3>0,A1:A3))", "=F(,,)", "=F(1,)", "=F(,1)", "=IF(,,)",
    "=SUM(A1:A10)*-1", "=-SUM(A1)", "=SUM(A1)%", "=ABS(-A1)^2", "=CONCATENATE(\"a\",\"b\",\"c\")",
    "=INDIRECT(\"Sheet1!A\"&ROW())", "=IF(A1=\"\",NA(),A1)", "=SUM(F(G(H(1))))", "=IF(A1,IF(B1,1,2),3)",
    "=ROUND(A1/B1-1,4)", "=IFERROR(ROUND(('收入支出决算总表'!C5-'收入支出决算总表'!D5)/'收入支出决算总表'!D5,4),0)",
    "=SUM('收入支出决算总表'!C5:C9)-'收入支出决算总表'!C10", "=_xlfn.SINGLE(A1:A3)", "=SP.CHECK(A1)",
    "=COUNTA(Sheet1!A:A)-1", "=OFFSET($A$1,ROW()-1,0)", "=SUMIF($A$2:$A$100,A2,$C$2:$C$100)",
    "=IF(B2=0,\"\",C2/B2)", "=TRIM(CLEAN(A1))", "=LEFT(A1,FIND(\" \",A1)-1)", "=VALUE(SUBSTITUTE(A1,\",\",\"\"))",
    "=MID(A1,2,3)&\"元\"", "=YEAR(TODAY())-1", "=PMT(0.05/12,360,-200000)", "=ISNUMBER(SEARCH(\"预算\",A1))",
    "=LARGE(A1:A10,{1,2,3})", "=MMULT({1,2;3,4},{5;6})", "=ROUND(1E+20*A1,2)", "=A1*1.1",
    "=SUM(A1:A3 A2:C2)", "=F(A1:B2 B1:C3,(A1,B1))",
};
}  // namespace sp_parser_test
using sp_parser_test::kCanonicalFormulas;

TEST_CASE("round trip: parse then print_a1 at the same anchor reproduces canonical text", "[parser]") {
    REQUIRE(kCanonicalFormulas.size() >= 200);
    std::set<std::string> distinct(kCanonicalFormulas.begin(), kCanonicalFormulas.end());
    CHECK(distinct.size() == kCanonicalFormulas.size());
    for (CellAddr anchor : {CellAddr{50, 10}, CellAddr{9, 5}, CellAddr{200000, 700}}) {
        for (const std::string& f : kCanonicalFormulas) {
            INFO(f);
            auto r = parse(f, anchor);
            if (!r) FAIL_CHECK("pos " << r.error.pos << ": " << r.error.message);
            if (!r) continue;
            CHECK(print_a1(*r.ast, anchor) == body(f));
            // Also without the '='; and the printed text parses back to the same tree.
            auto r2 = parse(body(f), anchor);
            REQUIRE(r2);
            CHECK(dump(*r2.ast) == dump(*r.ast));
        }
    }
}

TEST_CASE("round trip with references at the edges of the grid", "[parser]") {
    // Anchored at XFD1048576, every relative offset is negative; at A1 every one is positive.
    for (const char* f : {"A1+XFD1048576", "SUM(A1:XFD1048576)", "A:XFD", "1:1048576", "$A$1-XFD1"}) {
        for (CellAddr a : {CellAddr{0, 0}, CellAddr{kMaxRows - 1, kMaxCols - 1}}) {
            auto r = parse(f, a);
            REQUIRE(r);
            CHECK(print_a1(*r.ast, a) == f);
        }
    }
}

struct ShapeCase {
    const char* text;
    const char* shape;
};

TEST_CASE("tree shapes at anchor C3", "[parser]") {
    // Relative coordinates are offsets from C3 (row 2, col 2); absolute ones are 0-based indexes.
    static const ShapeCase cases[] = {
        {"=1+2*3", "add(1,mul(2,3))"},
        {"=(1+2)*3", "mul(paren(add(1,2)),3)"},
        {"=-2^2", "pow(neg(2),2)"},                 // Excel: unary minus binds tighter than ^
        {"=2^3^2", "pow(pow(2,3),2)"},              // left-associative: 64
        {"=2^-1", "pow(2,neg(1))"},
        {"=-5%", "neg(pct(5))"},
        {"=A1%%", "pct(pct(cell(r-2 c-2)))"},
        {"=--A1", "neg(neg(cell(r-2 c-2)))"},
        {"=+-1", "plus(neg(1))"},
        {"=10-5-2", "sub(sub(10,5),2)"},
        {"=1&2=12", "eq(cat(1,2),12)"},
        {"=1+2&3", "cat(add(1,2),3)"},
        {"=1<2=TRUE", "eq(lt(1,2),TRUE)"},
        {"=A1<>B1", "ne(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=A1<=B1", "le(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=A1>=B1", "ge(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=A1>B1", "gt(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=6/3*2", "mul(div(6,3),2)"},
        {"=-A1:B2", "neg(area(r-2 c-2:r-1 c-1))"},
        {"=A1:B2%", "pct(area(r-2 c-2:r-1 c-1))"},
        // references
        {"=C3", "cell(r0 c0)"},
        {"=$A$1", "cell(r$0 c$0)"},
        {"=A$1", "cell(r$0 c-2)"},
        {"=$A1", "cell(r-2 c$0)"},
        {"=D5", "cell(r2 c1)"},
        {"=B5:A1", "area(r-2 c-2:r2 c-1)"},          // normalised: r1 <= r2, c1 <= c2
        {"=$B5:A$1", "area(r$0 c-2:r2 c$1)"},        // $ flags stay with their coordinate
        {"=A:A", "cols(c-2:c-2)"},
        {"=$A:$C", "cols(c$0:c$2)"},
        {"=C:A", "cols(c-2:c0)"},
        {"=3:5", "rows(r0:r2)"},
        {"=$3:$5", "rows(r$2:r$4)"},
        {"=5:$1", "rows(r$0:r2)"},
        {"=XFD1048576", "cell(r1048573 c16381)"},
        {"=LOG10", "cell(r7 c8506)"},                // column LOG, row 10
        {"=Sheet1!A1", "cell(Sheet1!r-2 c-2)"},
        {"=Sheet1!A1:B2", "area(Sheet1!r-2 c-2:r-1 c-1)"},
        {"=Sheet1!A1:Sheet1!B2", "area(Sheet1!r-2 c-2:r-1 c-1)"},
        {"='My Sheet'!A1:B2", "area(My Sheet!r-2 c-2:r-1 c-1)"},
        {"='收入支出决算总表'!C5:C9", "area(收入支出决算总表!r2 c0:r6 c0)"},
        {"=收入!A1", "cell(收入!r-2 c-2)"},
        {"='It''s'!A1", "cell(It's!r-2 c-2)"},
        {"=Sheet1:Sheet3!A1", "cell(Sheet1:Sheet3!r-2 c-2)"},
        {"='Sheet 1:Sheet 3'!$A$1", "cell(Sheet 1:Sheet 3!r$0 c$0)"},
        {"=[1]Sheet1!A1", "cell([1]Sheet1!r-2 c-2)"},
        {"='[1]My Sheet'!A1", "cell([1]My Sheet!r-2 c-2)"},
        {"=Sheet1!A:B", "cols(Sheet1!c-2:c-1)"},
        {"=Sheet1!$3:$5", "rows(Sheet1!r$2:r$4)"},
        {"=Sheet1!#REF!", "err(Sheet1!#REF!)"},
        {"=#REF!", "err(#REF!)"},
        {"=Sheet1!Tax", "name(Sheet1!Tax)"},
        // reference operators
        {"=A1:INDEX(B:B,3)", "range(cell(r-2 c-2),call:|INDEX(cols(c-1:c-1),3))"},
        {"=OFFSET(A1,1,1):B5", "range(call:|OFFSET(cell(r-2 c-2),1,1),cell(r2 c-1))"},
        {"=a:b1", "range(name(a),cell(r-2 c-1))"},
        {"=x:y", "cols(c21:c22)"},               // X:Y are columns, as in Excel
        {"=name1:name2", "range(name(name1),name(name2))"},
        {"=A1:B2:C3", "range(area(r-2 c-2:r-1 c-1),cell(r0 c0))"},
        {"=Sheet1!A1:Sheet2!B2", "range(cell(Sheet1!r-2 c-2),cell(Sheet2!r-1 c-1))"},
        {"=Tax:a:b!C1", "range(name(Tax),cell(a:b!r-2 c0))"},  // a 3-D prefix wins over the column range Tax:a
        {"=A:A:b!C1", "range(name(A),cell(A:b!r-2 c0))"},
        {"=A1:B2 B1:C3", "isect(area(r-2 c-2:r-1 c-1),area(r-2 c-1:r0 c0))"},
        {"=A1 B1 C1", "isect(isect(cell(r-2 c-2),cell(r-2 c-1)),cell(r-2 c0))"},
        {"=A:A 3:3", "isect(cols(c-2:c-2),rows(r0:r0))"},
        {"=A1 -B1", "sub(cell(r-2 c-2),cell(r-2 c-1))"},  // a space before an operator is not ∩
        {"=A1 + B1", "add(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=SUM( A1 , B1 )", "call:|SUM(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=SUM((A1,B2))", "call:|SUM(paren(union(cell(r-2 c-2),cell(r-1 c-1))))"},
        {"=(A1:B2,C3)", "paren(union(area(r-2 c-2:r-1 c-1),cell(r0 c0)))"},
        {"=(A1,B1,C1)", "paren(union(union(cell(r-2 c-2),cell(r-2 c-1)),cell(r-2 c0)))"},
        {"=(A1 B1,C1)", "paren(union(isect(cell(r-2 c-2),cell(r-2 c-1)),cell(r-2 c0)))"},
        {"=(A1+1,B1)", "paren(add(cell(r-2 c-2),union(1,cell(r-2 c-1))))"},  // ',' binds tighter than +
        {"=(A1,B1)+1", "add(paren(union(cell(r-2 c-2),cell(r-2 c-1))),1)"},
        {"=(-A1,B1)", "paren(neg(union(cell(r-2 c-2),cell(r-2 c-1))))"},
        {"=(A1=1,B1)", "paren(eq(cell(r-2 c-2),union(1,cell(r-2 c-1))))"},
        {"=SUM((A1,B1),F(C1,D1))", "call:|SUM(paren(union(cell(r-2 c-2),cell(r-2 c-1))),call:|F(cell(r-2 c0),cell(r-2 c1)))"},
        {"=((A1,F(B1,C1)))", "paren(paren(union(cell(r-2 c-2),call:|F(cell(r-2 c-1),cell(r-2 c0)))))"},
        // names and disambiguation
        {"=A1B", "name(A1B)"},
        {"=R1C1", "name(R1C1)"},
        {"=Tax_2024", "name(Tax_2024)"},
        {"=收入合计", "name(收入合计)"},
        {"=A0", "name(A0)"},
        {"=ABCD1", "name(ABCD1)"},
        {"=TAX2024", "cell(r2021 c13567)"},
        {"=true", "TRUE"},
        {"=False", "FALSE"},
        {"=Sheet1!TRUE", "name(Sheet1!TRUE)"},
        // calls
        {"=true()", "call:|TRUE()"},
        {"=LOG10(100)", "call:|LOG10(100)"},
        {"=sum(a1)", "call:|SUM(cell(r-2 c-2))"},
        {"=F()", "call:|F()"},
        {"=F(,)", "call:|F(_,_)"},
        {"=IF(A1,,2)", "call:|IF(cell(r-2 c-2),_,2)"},
        {"=F(1,)", "call:|F(1,_)"},
        {"=_xlfn.CONCAT(\"a\",\"b\")", "call:_xlfn.|CONCAT(\"a\",\"b\")"},
        {"=_xlfn._xlws.SORT(A1:A3)", "call:_xlfn._xlws.|SORT(area(r-2 c-2:r0 c-2))"},
        {"=_xlws.filter(A1:A3,B1:B3)", "call:_xlws.|FILTER(area(r-2 c-2:r0 c-2),area(r-2 c-1:r0 c-1))"},
        {"=_xlfn.stdev.s(A1)", "call:_xlfn.|STDEV.S(cell(r-2 c-2))"},
        {"=预决算差异率(A1,B1)", "call:|预决算差异率(cell(r-2 c-2),cell(r-2 c-1))"},
        {"=F(G(1),H(,2))", "call:|F(call:|G(1),call:|H(_,2))"},
        {"=ROUND(F2*1.1,2)", "call:|ROUND(mul(cell(r-1 c3),1.1),2)"},
        // literals
        {"=.5", "0.5"},
        {"=1e3", "1000"},
        {"=1E-3", "0.001"},
        {"=Table1[Cost '[USD']]", "name(Table1[Cost '[USD']])"},
        {"=1.5E+10", "1.5e+10"},
        {"=1.", "1"},
        {"=\"a\"\"b\"", "\"a\"b\""},
        {"=\"\"", "\"\""},
        {"=#n/a", "err(#N/A)"},
        {"=#DIV/0!", "err(#DIV/0!)"},
        {"=#GETTING_DATA", "err(#GETTING_DATA)"},
        {"={1,2;3,4}", "array2x2(1,2,3,4)"},
        {"={1;2;3}", "array3x1(1,2,3)"},
        {"={-1,\"x\";TRUE,#N/A}", "array2x2(-1,\"x\",TRUE,err(#N/A))"},
        {"={ 1 , 2 }", "array1x2(1,2)"},
        {"={+2.5e1}", "array1x1(25)"},
        // whitespace and newlines are dropped
        {"=  1 +\n 2  ", "add(1,2)"},
        {"=IF(A1,\r\n  1,\n  2)", "call:|IF(cell(r-2 c-2),1,2)"},
    };
    for (const ShapeCase& c : cases) {
        INFO(c.text);
        auto r = parse(c.text, CellAddr{2, 2});
        if (!r) FAIL_CHECK("pos " << r.error.pos << ": " << r.error.message);
        else CHECK(dump(*r.ast) == c.shape);
    }
}

TEST_CASE("unary minus and percent evaluate in Excel's order (values via the tree)", "[parser]") {
    // A tiny evaluator over the tree checks the documented examples numerically.
    std::function<double(const Node&)> ev = [&](const Node& n) -> double {
        switch (n.kind) {
            case NodeKind::Number: return n.num;
            case NodeKind::Paren: return ev(n.children[0]);
            case NodeKind::Percent: return ev(n.children[0]) / 100;
            case NodeKind::Unary: return n.op == Op::Neg ? -ev(n.children[0]) : ev(n.children[0]);
            case NodeKind::Binary: {
                double a = ev(n.children[0]), b = ev(n.children[1]);
                switch (n.op) {
                    case Op::Add: return a + b;
                    case Op::Sub: return a - b;
                    case Op::Mul: return a * b;
                    case Op::Div: return a / b;
                    case Op::Pow: return std::pow(a, b);
                    default: return NAN;
                }
            }
            default: return NAN;
        }
    };
    auto val = [&](const char* f) { return ev(*parse(f).ast); };
    CHECK(val("=-2^2") == 4);
    CHECK(val("=2^3^2") == 64);
    CHECK(val("=-(2^2)") == -4);
    CHECK(val("=2*3+4*5") == 26);
    CHECK(val("=2+3*4^2") == 50);
    CHECK(val("=100-10-1") == 89);
    CHECK(val("=1/4/2") == 0.125);
    CHECK(val("=-50%^2") == Approx(0.25));
    CHECK(val("=2^-2") == 0.25);
}

TEST_CASE("a 3-D reference fills sheet2, an external one fills book", "[parser]") {
    auto r = parse("=SUM(Sheet1:Sheet3!A1:B2)", {0, 0});
    REQUIRE(r);
    const AreaRef& a = r.ast->children[0].ref;
    CHECK(a.has_sheet);
    CHECK(a.sheet == "Sheet1");
    CHECK(a.sheet2 == "Sheet3");
    CHECK(a.book.empty());
    CHECK(a.kind == AreaRef::Area);
    auto e = parse("='[3]预算 表'!B2");
    REQUIRE(e);
    CHECK(e.ast->ref.book == "[3]");
    CHECK(e.ast->ref.sheet == "预算 表");
    CHECK(e.ast->ref.sheet2.empty());
}

TEST_CASE("whole columns and rows leave the unused coordinates zero", "[parser]") {
    auto c = parse("=B:D", {7, 7});
    REQUIRE(c);
    CHECK(c.ast->ref.kind == AreaRef::Cols);
    CHECK(c.ast->ref.r1 == Coord{});
    CHECK(c.ast->ref.r2 == Coord{});
    CHECK(c.ast->ref.c1 == Coord{-6, false});
    auto r = parse("=$2:4", {7, 7});
    REQUIRE(r);
    CHECK(r.ast->ref.kind == AreaRef::Rows);
    CHECK(r.ast->ref.c1 == Coord{});
    CHECK(r.ast->ref.c2 == Coord{});
    CHECK(r.ast->ref.r1 == Coord{1, true});
    CHECK(r.ast->ref.r2 == Coord{-4, false});
}

struct ErrorCase {
    const char* text;
    size_t pos;          // offset into the text after '='
    const char* message;
};

TEST_CASE("parse errors report position and message", "[parser]") {
    static const ErrorCase cases[] = {
        {"=", 0, "empty formula"},
        {"", 0, "empty formula"},
        {"=   ", 0, "empty formula"},
        {"=SUM(", 4, "unbalanced parentheses: missing ')' for '(' at 3"},
        {"=(1", 2, "unbalanced parentheses: missing ')' for '(' at 0"},
        {"=SUM((1)", 7, "unbalanced parentheses: missing ')' for '(' at 3"},
        {"=IF(A1,F(2", 9, "unbalanced parentheses: missing ')' for '(' at 7"},
        {"=1)", 1, "unbalanced parentheses: unexpected ')'"},
        {"=SUM(1))", 6, "unbalanced parentheses: unexpected ')'"},
        {"=()", 1, "unexpected ')'"},
        {"=\"abc", 0, "unterminated string"},
        {"=A1&\"x", 3, "unterminated string"},
        {"='My Sheet!A1", 0, "unterminated quoted sheet name"},
        {"='My Sheet'A1", 10, "expected '!' after quoted sheet name"},
        {"=1+", 2, "unexpected end of formula"},
        {"=1+*2", 2, "unexpected '*'"},
        {"=1 2", 2, "unexpected '2'"},
        {"=A1 B1 2", 6, "unexpected '2'"},
        {"=SUM(1 2)", 6, "unexpected '2'"},
        {"=*1", 0, "unexpected '*'"},
        {"=,", 0, "unexpected ','"},
        {"=A1,B1", 2, "unexpected ','"},     // a union needs parentheses
        {"={1,2;3}", 6, "bad array constant: rows differ in length"},
        {"={1;2,3}", 6, "bad array constant: rows differ in length"},
        {"={}", 1, "bad array constant: expected a number, string, boolean or error"},
        {"={1,,2}", 3, "bad array constant: expected a number, string, boolean or error"},
        {"={A1}", 1, "bad array constant: expected a number, string, boolean or error"},
        {"={1,{2}}", 3, "bad array constant: expected a number, string, boolean or error"},
        {"={1,2", 4, "bad array constant: missing '}'"},
        {"={1 2}", 3, "bad array constant: expected ',', ';' or '}'"},
        {"={-\"a\"}", 1, "bad array constant: expected a number after sign"},
        {"=XFE1", 0, "reference beyond XFD1048576"},
        {"=A1048577", 0, "reference beyond XFD1048576"},
        {"=SUM(A1:XFE5)", 7, "reference beyond XFD1048576"},
        {"=Sheet1!A99999999999", 7, "reference beyond XFD1048576"},
        {"=ZZZ1", 0, "reference beyond XFD1048576"},
        {"=A:XFE", 2, "reference beyond XFD1048576"},
        {"=1:1048577", 2, "reference beyond XFD1048576"},
        {"=0:1", 0, "reference beyond XFD1048576"},
        {"=#FOO!", 0, "unknown error literal"},
        {"=1+#N/B", 2, "unknown error literal"},
        {"=Sheet1!#N/A", 7, "expected a reference after '!'"},
        {"=Sheet1!", 7, "expected a reference after '!'"},
        {"=Sheet1!SUM(1)", 7, "a function name cannot be sheet-qualified"},
        {"=$A", 0, "invalid reference '$A'"},
        {"=A1:$1", 3, "invalid reference '$1'"},
        {"=Tax$", 0, "invalid reference 'Tax$'"},
        {"=$A$1(2)", 0, "invalid function name '$A$1'"},
        {"=A1@", 2, "unexpected character"},
        {"=1e400", 0, "number out of range"},
        {"=[1Sheet!A1", 0, "unterminated '['"},
        {"=NOW()+", 6, "unexpected end of formula"},
        {"=1.5:3", 3, "':' needs a reference on both sides"},
        {"=A1:1", 2, "':' needs a reference on both sides"},
        {"=\"a\":A1", 3, "':' needs a reference on both sides"},     // F() closes its parenthesis
        {"=F()+(1", 6, "unbalanced parentheses: missing ')' for '(' at 4"},
        {"=''!A1", 0, "empty sheet name"},
        {"=A1 #ref! 1", 9, "unexpected '1'"},
    };
    for (const ErrorCase& c : cases) {
        INFO(c.text);
        auto r = parse(c.text);
        REQUIRE_FALSE(r);
        CHECK(r.error.message == c.message);
        CHECK(r.error.pos == c.pos);
        if (c.text[0] == '=') {  // positions do not depend on the leading '='
            auto r2 = parse(c.text + 1);
            REQUIRE_FALSE(r2);
            CHECK(r2.error.pos == c.pos);
        }
    }
}

TEST_CASE("case and spelling variants parse to the canonical text", "[parser]") {
    static const std::pair<const char*, const char*> cases[] = {
        {"=sum(a1:b2)", "SUM(A1:B2)"},
        {"=_XLFN.concat(a1)", "_XLFN.CONCAT(A1)"},   // the prefix is kept exactly as written
        {"=true+false", "TRUE+FALSE"},
        {"=#n/a", "#N/A"},
        {"=#div/0!", "#DIV/0!"},
        {"= A1 + B1 ", "A1+B1"},
        {"=1.50", "1.5"},
        {"=1e3", "1000"},
        {"=.5", "0.5"},
        {"=A01", "A1"},
        {"='Sheet1'!A1", "Sheet1!A1"},
        {"=收入!A1", "'收入'!A1"},
        {"=B5:A1", "A1:B5"},
        {"=C:A", "A:C"},
        {"=5:3", "3:5"},
        {"=Sheet1!A1:Sheet1!B2", "Sheet1!A1:B2"},
        {"={+1,-0}", "{1,0}"},
        {"=1E+300*10", "1E+300*10"},
    };
    for (auto [in, out] : cases) {
        INFO(in);
        auto r = parse(in, {3, 3});
        REQUIRE(r);
        CHECK(print_a1(*r.ast, {3, 3}) == out);
    }
}
