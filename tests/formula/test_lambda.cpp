// test_lambda.cpp — LET, LAMBDA and the LAMBDA helpers (MAP, REDUCE, SCAN, BYROW, BYCOL,
// MAKEARRAY, ISOMITTED), defined names holding a LAMBDA, and the A1# / @ operators in the parser.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "formula/parser.h"

using namespace sp;

namespace {

// Renders a result as {a,b;c,d}: strings quoted, blanks as nothing, errors by name.
std::string show(const Value& v) {
    auto one = [](const Value& e) -> std::string {
        if (e.is_string()) {
            std::string q(1, '"');
            q += e.string();
            q += '"';
            return q;
        }
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

// A1:C2 = 1 2 3 / 4 5 6, A5:C6 = 68 12 3 / 3 23 4 (as in MAP_REDUCE.xlsx).
struct Book {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    Book() {
        double a[2][3] = {{1, 2, 3}, {4, 5, 6}};
        double b[2][3] = {{68, 12, 3}, {3, 23, 4}};
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c) {
                wb.set_value(s, CellAddr{r, c}, Value(a[r][c]));
                wb.set_value(s, CellAddr{r + 4, c}, Value(b[r][c]));
            }
    }
    void name(const char* n, const char* text) { wb.add_name(DefinedName{n, kNoSheet, text}); }
    std::string eval(const std::string& f) {
        Calculator calc(wb);
        calc.recalc_full();
        std::string out = show(calc.evaluate(f, s, *parse_cell("Z100")));
        INFO(f << " = " << out);
        return out;
    }
};

std::string round_trip(const char* text) {
    auto r = formula::parse(text);
    INFO(text << " -> " << r.error.message);
    REQUIRE(r);
    return formula::print_a1(*r.ast);
}

}  // namespace

TEST_CASE("LET binds names, inner LET shadows outer", "[lambda]") {
    Book b;
    CHECK(b.eval("=LET(x,1,SUM(x,3))") == "4");
    CHECK(b.eval("=_xlfn.LET(_xlpm.x,1,SUM(_xlpm.x,3))") == "4");
    CHECK(b.eval("=LET(x,A1,y,34,x+y)") == "35");
    CHECK(b.eval("=1+LET(x,1,x*8)") == "9");
    CHECK(b.eval("=2+LET(x,8,LET(x,2,x+x)*x)") == "34");
    CHECK(b.eval("=LET(x,8,LET(x,2,x)+x)") == "10");     // the outer x is back after the inner LET
    CHECK(b.eval("=LET(a,2,b,a*3,a+b)") == "8");         // later values see earlier names
    CHECK(b.eval("=LET(Val,3,vAL*2)") == "6");           // names are case-insensitive
    CHECK(b.eval("=LET(r,A1:C2,SUM(r))") == "21");       // a range stays a range
    CHECK(b.eval("=LET(r,A1:C2,ROWS(r)*10+COLUMNS(r))") == "23");
    CHECK(b.eval("=LET(x,1/0,IFERROR(x,7))") == "7");
    CHECK(b.eval("=IF(A1=1,LET(x,2,x*x),LET(x,3,x))") == "4");
    CHECK(b.eval("=LET(x,1,x)+LET(y,2,y)+LET(x,3,x)") == "6");  // sibling LETs reuse slots
    CHECK(b.eval("=SUMPRODUCT(LET(x,A1:C1,x*2))") == "12");     // array context reaches the body
    // IF over an array-valued local is applied element-wise (yearly_calendar.xlsx's cal_month)
    CHECK(b.eval("=LET(d,SEQUENCE(2,2,0),IF(d>1,d*10,\"\"))") == "{\"\",\"\";20,30}");
    CHECK(b.eval("=IF(SEQUENCE(1,3)=2,\"x\",\"y\")") == "{\"y\",\"x\",\"y\"}");
    CHECK(b.eval("=LAMBDA(m,IF(MONTH(DATE(2026,1,30)+SEQUENCE(1,3))=m,DAY(DATE(2026,1,30)+SEQUENCE(1,3)),\"\"))(1)") ==
          "{31,\"\",\"\"}");
    CHECK(b.eval("=LET(x,1)") == "#VALUE!");
    CHECK(b.eval("=LET(k2,1,k2)") == "#VALUE!");         // K2 is a cell, not a name
    CHECK(b.eval("=LET(x,1,y,2)") == "#VALUE!");
}

TEST_CASE("LAMBDA values: calls, arity, closures", "[lambda]") {
    Book b;
    CHECK(b.eval("=LAMBDA(x,x+1)(2)") == "3");
    CHECK(b.eval("=_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x*_xlpm.y)(6,7)") == "42");
    CHECK(b.eval("=LAMBDA(x,x+1)") == "#CALC!");            // left uncalled in a cell
    CHECK(b.eval("=LET(f,LAMBDA(x,x),f)") == "#CALC!");
    CHECK(b.eval("=SUM(LAMBDA(x,x))") == "#CALC!");
    CHECK(b.eval("=LAMBDA(x,y,x+y)(1)") == "#VALUE!");      // too few arguments
    CHECK(b.eval("=LAMBDA(x,x)(1,2)") == "#VALUE!");        // too many
    CHECK(b.eval("=LAMBDA(x,y,ISOMITTED(y))(1,)") == "TRUE");
    CHECK(b.eval("=LAMBDA(x,y,ISOMITTED(y))(1,2)") == "FALSE");
    CHECK(b.eval("=LAMBDA(x,[y],IF(ISOMITTED(y),x*2,x+y))(5)") == "10");  // optional parameter
    CHECK(b.eval("=LAMBDA(x,[y],IF(ISOMITTED(y),x*2,x+y))(5,1)") == "6");
    CHECK(b.eval("=_xlfn.LAMBDA(_xlpm.a,_xlop.b,IF(_xlfn.ISOMITTED(_xlpm.b),_xlpm.a/2,_xlpm.a*_xlpm.b))(12)") == "6");
    CHECK(b.eval("=_xlfn.LAMBDA(_xlpm.a,_xlop.b,IF(_xlfn.ISOMITTED(_xlpm.b),_xlpm.a/2,_xlpm.a*_xlpm.b))(12,3)") == "36");
    CHECK(b.eval("=LAMBDA(7)()") == "7");
    CHECK(b.eval("=LET(area,LAMBDA(x,y,x*y),area(6,7))") == "42");
    CHECK(b.eval("=_xlfn.LET(_xlpm.area,_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x*_xlpm.y),_XLPM.AREA(B1,C1))") == "6");
    CHECK(b.eval("=LET(k,10,f,LAMBDA(x,x*k),kk,5,f(2)+kk)") == "25");  // captures k
    CHECK(b.eval("=LET(x,1,f,LAMBDA(x,x*100),f(2)+x)") == "201");      // a parameter shadows a LET name
    CHECK(b.eval("=LAMBDA(x,LET(y,x*2,y+x))(5)") == "15");
    CHECK(b.eval("=LAMBDA(x,LAMBDA(y,x+y))(1)(2)") == "3");            // curried
    CHECK(b.eval("=LET(add,LAMBDA(a,LAMBDA(b,a+b)),inc,add(1),inc(41))") == "42");
    CHECK(b.eval("=IF(A1=1,LAMBDA(x,x*2),LAMBDA(x,x*3))(5)") == "10");
    CHECK(b.eval("=LET(x,1,x(2))") == "#VALUE!");                      // not a LAMBDA
    CHECK(b.eval("=LET(x,1/0,x(2))") == "#DIV/0!");
    CHECK(b.eval("=LAMBDA(r,SUM(r))(A1:C2)") == "21");
    CHECK(b.eval("=LET(max,2,MAX(A1:C2,max))") == "6");                // a function name is still the function
}

TEST_CASE("Defined names holding a LAMBDA are functions; recursion is bounded", "[lambda]") {
    Book b;
    b.name("TEMPERATURE", "_xlfn.LAMBDA(_xlpm.temp,(5/9)*(_xlpm.temp-32))");
    b.name("FACT", "LAMBDA(n,IF(n<=1,1,n*FACT(n-1)))");
    b.name("LOOP", "LAMBDA(n,LOOP(n+1))");
    b.name("TWICE", "LAMBDA(f,x,f(f(x)))");
    CHECK(b.eval("=TEMPERATURE(212)") == "100");
    CHECK(b.eval("=ROUND(TEMPERATURE(A1),4)") == "-17.2222");
    CHECK(b.eval("=TEMPERATURE") == "#CALC!");
    CHECK(b.eval("=TEMPERATURE(1,2)") == "#VALUE!");
    CHECK(b.eval("=FACT(5)") == "120");
    CHECK(b.eval("=FACT(10)") == "3628800");
    CHECK(b.eval("=LOOP(1)") == "#NUM!");               // runaway recursion: an error, no crash
    CHECK(b.eval("=NOSUCHFUNCTION(1)") == "#NAME?");
    CHECK(b.eval("=MAP({32,212},TEMPERATURE)") == "{0,100}");
    CHECK(b.eval("=TWICE(LAMBDA(v,v*3),2)") == "18");
    // A formula cell calling the name, recalculated through the graph.
    b.wb.set_formula(b.s, CellAddr{9, 0}, "=FACT(A2)");
    Calculator calc(b.wb);
    calc.recalc_full();
    CHECK(show(b.wb.sheet(b.s).get(9, 0)) == "24");
}

TEST_CASE("MAKEARRAY", "[lambda]") {
    Book b;
    CHECK(b.eval("=MAKEARRAY(3,3,LAMBDA(x,y,x*y))") == "{1,2,3;2,4,6;3,6,9}");
    CHECK(b.eval("=_xlfn.MAKEARRAY(2,3,_xlfn.LAMBDA(_xlpm.r,_xlpm.c,_xlpm.r*10+_xlpm.c))") == "{11,12,13;21,22,23}");
    CHECK(b.eval("=MAKEARRAY(1.9,2,LAMBDA(r,c,c))") == "{1,2}");
    CHECK(b.eval("=MAKEARRAY(0,2,LAMBDA(r,c,c))") == "#VALUE!");
    CHECK(b.eval("=MAKEARRAY(2,2,LAMBDA(r,r))") == "#VALUE!");
    CHECK(b.eval("=MAKEARRAY(2,2,5)") == "#VALUE!");
    CHECK(b.eval("=MAKEARRAY(1/0,2,LAMBDA(r,c,c))") == "#DIV/0!");
    CHECK(b.eval("=MAKEARRAY(2,1,LAMBDA(r,c,IF(r=1,1/0,r)))") == "{#DIV/0!;2}");
}

TEST_CASE("MAP", "[lambda]") {
    Book b;
    CHECK(b.eval("=MAP(A1:C2,LAMBDA(x,x*2))") == "{2,4,6;8,10,12}");
    CHECK(b.eval("=MAP(A1:C2,A5:C6,LAMBDA(x,y,x*y))") == "{68,24,9;12,115,24}");
    CHECK(b.eval("=MAP({1,2,3},LAMBDA(x,IF(x=2,1/0,x)))") == "{1,#DIV/0!,3}");
    CHECK(b.eval("=MAP({1,2,3},10,LAMBDA(x,y,x+y))") == "{11,12,13}");     // a single value repeats
    CHECK(b.eval("=MAP({1,2,3},{1,2},LAMBDA(x,y,x+y))") == "{2,4,#N/A}");
    CHECK(b.eval("=MAP(A1:B1,LAMBDA(x,ISREF(x)))") == "{TRUE,TRUE}");       // ranges pass references
    CHECK(b.eval("=MAP(A1:B1,LAMBDA(x,{1,2}))") == "{#CALC!,#CALC!}");      // no arrays of arrays
    CHECK(b.eval("=MAP(A1:B1,LAMBDA(x,y,x))") == "#VALUE!");                // arity
    CHECK(b.eval("=MAP(A1:B1,5)") == "#VALUE!");
    CHECK(b.eval("=MAP(Z1:Z2,LAMBDA(x,x))") == "{0;0}");                    // blanks read as 0
}

TEST_CASE("REDUCE and SCAN", "[lambda]") {
    Book b;
    CHECK(b.eval("=REDUCE(0,{1,2,3},LAMBDA(a,v,a+v))") == "6");
    CHECK(b.eval("=REDUCE(1,A1:C2,LAMBDA(a,v,a*v))") == "720");
    CHECK(b.eval("=ROUND(REDUCE(0,A1:C2,LAMBDA(x,y,SQRT(x*x+y*y))),6)") == "9.539392");
    CHECK(b.eval("=REDUCE(0,{1,2},LAMBDA(a,v,a/0))") == "#DIV/0!");
    CHECK(b.eval("=REDUCE(,{1,2},LAMBDA(a,v,IF(ISOMITTED(a),v,a+v)))") == "3");
    CHECK(b.eval("=REDUCE(0,{1,2},LAMBDA(a,a))") == "#VALUE!");
    CHECK(b.eval("=SCAN(0,{1,2,3},LAMBDA(a,v,a+v))") == "{1,3,6}");
    CHECK(b.eval("=SCAN(1,A1:C2,LAMBDA(x,y,x+8*y))") == "{9,25,49;81,121,169}");
    CHECK(b.eval("=SCAN(\"\",{\"a\",\"b\"},LAMBDA(a,v,a&v))") == "{\"a\",\"ab\"}");
    CHECK(b.eval("=SCAN(0,{1,2},LAMBDA(a,v,1/0))") == "{#DIV/0!,#DIV/0!}");
}

TEST_CASE("BYROW and BYCOL", "[lambda]") {
    Book b;
    CHECK(b.eval("=BYROW(A1:C2,LAMBDA(x,MAX(x)))") == "{3;6}");
    CHECK(b.eval("=BYCOL(A1:C2,LAMBDA(x,SUM(x)))") == "{5,7,9}");
    CHECK(b.eval("=BYROW({1,2;3,4},LAMBDA(r,SUM(r)))") == "{3;7}");
    CHECK(b.eval("=BYCOL({1,2;3,4},LAMBDA(c,PRODUCT(c)))") == "{3,8}");
    CHECK(b.eval("=BYROW(A1:C2,LAMBDA(r,ROW(r)))") == "{1;2}");
    CHECK(b.eval("=BYROW(A1:C2,LAMBDA(r,r))") == "{#CALC!;#CALC!}");
    CHECK(b.eval("=BYROW(A1:C2,LAMBDA(a,b,a))") == "#VALUE!");
    CHECK(b.eval("=BYCOL(A1:C2,LAMBDA(c,IF(SUM(c)>6,\"big\",1/0)))") == "{#DIV/0!,\"big\",\"big\"}");
}

TEST_CASE("Filled-down LET formulas share one program", "[lambda]") {
    Book b;
    for (int r = 0; r < 2; ++r) b.wb.set_formula(b.s, CellAddr{r, 5}, "=LET(x,A" + std::to_string(r + 1) + ",x*10)");
    Calculator calc(b.wb);
    calc.recalc_full();
    CHECK(show(b.wb.sheet(b.s).get(0, 5)) == "10");
    CHECK(show(b.wb.sheet(b.s).get(1, 5)) == "40");
    auto key = [](const char* f, CellAddr at) { return formula::print_r1c1(*formula::parse(f, at).ast); };
    CHECK(key("=LET(x,A1,x*10)", {0, 5}) == key("=LET(x,A2,x*10)", {1, 5}));
    CHECK(key("=LET(x,A1,x)", {0, 5}) != key("=LET(y,A1,y)", {0, 5}));
    CHECK(key("=LAMBDA(x,x)(1)", {0, 0}) != key("=LAMBDA(x,x)", {0, 0}));
}

TEST_CASE("Printer round-trips LET, LAMBDA, calls of values, A1# and @", "[lambda]") {
    for (const char* f : {"LET(x,1,x+1)", "_xlfn.LET(_xlpm.x,1,SUM(_xlpm.x,3))", "LAMBDA(x,x+1)(2)",
                          "_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x*_xlpm.y)(6,7)", "LAMBDA(x,LAMBDA(y,x+y))(1)(2)",
                          "LAMBDA(x,[y],x)(1,)", "_xlfn.LAMBDA(_xlpm.a,_xlop.b,_xlpm.a)(1)", "_xlfn.MAP(A1:C2,_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2))", "(A1:B2)",
                          "A1#", "SUM(Sheet2!$B$3#)", "@A1:A10", "-@A1+1", "_xlfn.ANCHORARRAY(A1)",
                          "_xlfn.SINGLE(A1:A3)", "_xlpm.AREA(1,2)", "INDEX(A1:B2,1,1)#"})
        CHECK(round_trip(f) == f);
    CHECK(round_trip("=LET(f,LAMBDA(x,x*2),f(3))") == "LET(f,LAMBDA(x,x*2),F(3))");  // calls print upper-case
    auto tree = formula::parse("A1#");
    REQUIRE(tree);
    CHECK(tree.ast->kind == formula::NodeKind::Call);
    CHECK(tree.ast->text == "ANCHORARRAY");
    tree = formula::parse("@A1:A10");
    REQUIRE(tree);
    CHECK(tree.ast->text == "SINGLE");
    CHECK(tree.ast->children[0].kind == formula::NodeKind::Ref);
    CHECK_FALSE(formula::parse("1#"));   // '#' needs a reference
    CHECK_FALSE(formula::parse("A1 #"));
    CHECK_FALSE(formula::parse("A1@"));
    CHECK(formula::parse("#REF!+1"));
}
