// test_stats.cpp — statistical functions through real formulas: argument rules (text,
// booleans and blanks in ranges vs. typed directly), order statistics, dispersion,
// regression and distributions. Expected values are Excel's.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using namespace sp::test;

namespace {

// A: 2, 4, "7" (text), TRUE, <empty>, 6, 4
void mixed(Book& b) {
    b.column(0, 1, {Value(2.0), Value(4.0), S("7"), B(true), Value(), Value(6.0), Value(4.0)});
}

}  // namespace

TEST_CASE("AVERAGE, AVERAGEA", "[stats]") {
    Book b;
    mixed(b);
    CHECK(b.num("=AVERAGE(A1:A7)") == 4);                 // text, TRUE and blank skipped
    CHECK(b.num("=AVERAGEA(A1:A7)") == Approx(17.0 / 6));  // "7" -> 0, TRUE -> 1
    CHECK(b.num("=AVERAGE(A1:A7,\"10\",TRUE)") == Approx(27.0 / 6));  // typed directly: coerced
    CHECK(b.error("=AVERAGE(A1:A7,\"abc\")") == Err::Value);
    CHECK(b.error("=AVERAGE(B1:B5)") == Err::Div0);
    CHECK(b.num("=AVERAGE({1,2,\"x\",TRUE})") == 1.5);      // arrays behave like ranges
    CHECK(b.error("=AVERAGE(A1:A7,NA())") == Err::NA);
}

TEST_CASE("COUNT, COUNTA, COUNTBLANK", "[stats]") {
    Book b;
    mixed(b);
    b.wb.set_formula(b.s, at("A9"), "=\"\"");
    b.wb.set_value(b.s, at("A10"), Value::error(Err::Div0));
    CHECK(b.num("=COUNT(A1:A10)") == 4);
    CHECK(b.num("=COUNT(A1:A10,\"5\",TRUE,\"x\",NA())") == 6);  // direct "5" and TRUE count; errors never
    CHECK(b.num("=COUNTA(A1:A10)") == 8);                       // "" and the error count
    CHECK(b.num("=COUNTBLANK(A1:A10)") == 3);                   // A5, A8 and the ""
    CHECK(b.num("=COUNTBLANK(B:B)") == 1048576);
}

TEST_CASE("MAX, MIN, MAXA, MINA", "[stats]") {
    Book b;
    mixed(b);
    CHECK(b.num("=MAX(A1:A7)") == 6);
    CHECK(b.num("=MIN(A1:A7)") == 2);
    CHECK(b.num("=MINA(A1:A7)") == 0);  // the text counts as 0
    CHECK(b.num("=MAX(B1:B3)") == 0);   // no numbers
    CHECK(b.num("=MAX(A1:A7,\"9\")") == 9);
    b.column(1, 1, {Value(-5.0), B(true)});
    CHECK(b.num("=MAXA(B1:B2)") == 1);
    CHECK(b.num("=MAX(B1:B2)") == -5);
}

TEST_CASE("MEDIAN, MODE, LARGE, SMALL, RANK", "[stats]") {
    Book b;
    mixed(b);  // numbers 2, 4, 6, 4
    CHECK(b.num("=MEDIAN(A1:A7)") == 4);
    CHECK(b.num("=MEDIAN(1,2,3,10)") == 2.5);
    CHECK(b.num("=MODE(A1:A7)") == 4);
    CHECK(b.error("=MODE(1,2,3)") == Err::NA);
    CHECK(b.num("=MODE.SNGL(3,1,1,3)") == 3);  // ties: the first to appear
    CHECK(b.num("=SUM(MODE.MULT(3,1,1,3,2))") == 4);
    // MODE over text (Excel: text in references and arrays is skipped, text typed as an
    // argument is converted or #VALUE!): the text "4"s of a range do not count.
    b.wb.set_value(b.s, at("K1"), S("4"));
    b.wb.set_value(b.s, at("K2"), S("4"));
    b.wb.set_value(b.s, at("K3"), Value(4.0));
    b.wb.set_value(b.s, at("K4"), S("x"));
    b.wb.set_value(b.s, at("K5"), Value(1.0));
    CHECK(b.error("=MODE(K1:K5)") == Err::NA);
    CHECK(b.error("=MODE.SNGL(K1:K2)") == Err::NA);
    CHECK(b.error("=MODE.MULT(K1:K5)") == Err::NA);
    CHECK(b.num("=MODE(K1:K5,K3)") == 4);
    CHECK(b.num("=MODE({\"a\",2,\"a\",2})") == 2);
    CHECK(b.num("=MODE(\"3\",\"3\",1)") == 3);
    CHECK(b.error("=MODE(\"a\",1,1)") == Err::Value);
    CHECK(b.num("=LARGE(A1:A7,1)") == 6);
    CHECK(b.num("=LARGE(A1:A7,2)") == 4);
    CHECK(b.num("=SMALL(A1:A7,4)") == 6);
    CHECK(b.error("=SMALL(A1:A7,5)") == Err::Num);
    CHECK(b.error("=LARGE(A1:A7,0)") == Err::Num);
    CHECK(b.num("=SUM(LARGE(A1:A7,{1,2}))") == 10);
    CHECK(b.num("=RANK(4,A1:A7)") == 2);
    CHECK(b.num("=RANK.EQ(4,A1:A7,1)") == 2);
    CHECK(b.num("=RANK.AVG(4,A1:A7)") == 2.5);
    CHECK(b.num("=RANK(6,A1:A7)") == 1);
    CHECK(b.error("=RANK(5,A1:A7)") == Err::NA);
}

TEST_CASE("variance and standard deviation", "[stats]") {
    Book b;
    b.column(0, 1, {Value(2.0), Value(4.0), Value(4.0), Value(4.0), Value(5.0), Value(5.0), Value(7.0), Value(9.0)});
    CHECK(b.num("=VAR.P(A1:A8)") == Approx(4));
    CHECK(b.num("=STDEV.P(A1:A8)") == Approx(2));
    CHECK(b.num("=STDEVP(A1:A8)") == Approx(2));
    CHECK(b.num("=VAR(A1:A8)") == Approx(32.0 / 7));
    CHECK(b.num("=STDEV.S(A1:A8)") == Approx(std::sqrt(32.0 / 7)));
    CHECK(b.num("=DEVSQ(A1:A8)") == Approx(32));
    CHECK(b.num("=AVEDEV(A1:A8)") == Approx(1.5));
    CHECK(b.error("=STDEV(5)") == Err::Div0);
    CHECK(b.num("=STDEV.P(5)") == 0);
    b.column(1, 1, {Value(1.0), S("x"), B(true)});
    CHECK(b.num("=VARA(B1:B3)") == Approx(1.0 / 3));  // 1, 0, 1
    CHECK(b.num("=VARPA(B1:B3)") == Approx(2.0 / 9));
    CHECK(b.error("=VAR(B1:B3)") == Err::Div0);       // a single number
}

TEST_CASE("PERCENTILE, QUARTILE, PERCENTRANK", "[stats]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0)});
    CHECK(b.num("=PERCENTILE(A1:A4,0.3)") == Approx(1.9));
    CHECK(b.num("=PERCENTILE.INC(A1:A4,1)") == 4);
    CHECK(b.error("=PERCENTILE(A1:A4,1.1)") == Err::Num);
    CHECK(b.num("=PERCENTILE.EXC(A1:A4,0.4)") == Approx(2));
    CHECK(b.error("=PERCENTILE.EXC(A1:A4,0.1)") == Err::Num);
    CHECK(b.num("=QUARTILE(A1:A4,1)") == Approx(1.75));
    CHECK(b.num("=QUARTILE.INC(A1:A4,4)") == 4);
    CHECK(b.num("=QUARTILE.EXC(A1:A4,1)") == Approx(1.25));
    CHECK(b.error("=QUARTILE(A1:A4,5)") == Err::Num);
    CHECK(b.num("=PERCENTRANK(A1:A4,2)") == Approx(0.333));  // truncated to 3 digits
    CHECK(b.num("=PERCENTRANK.INC(A1:A4,2.5)") == Approx(0.5));
    CHECK(b.num("=PERCENTRANK(A1:A4,2,1)") == Approx(0.3));
    CHECK(b.num("=PERCENTRANK.EXC(A1:A4,2)") == Approx(0.4));
    CHECK(b.error("=PERCENTRANK(A1:A4,5)") == Err::NA);
}

TEST_CASE("CORREL, COVARIANCE, SLOPE, INTERCEPT, RSQ, FORECAST", "[stats]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0), S("x")});  // x
    b.column(1, 1, {Value(3.0), Value(5.0), Value(7.0), Value(10.0), Value(99.0)});  // y
    // Pairs with a non-number on either side are dropped: (1,3) (2,5) (3,7) (4,10).
    CHECK(b.num("=SLOPE(B1:B5,A1:A5)") == Approx(2.3));
    CHECK(b.num("=INTERCEPT(B1:B5,A1:A5)") == Approx(0.5));
    CHECK(b.num("=FORECAST(5,B1:B5,A1:A5)") == Approx(12));
    CHECK(b.num("=FORECAST.LINEAR(0,B1:B5,A1:A5)") == Approx(0.5));
    CHECK(b.num("=CORREL(A1:A5,B1:B5)") == Approx(0.9943767127).epsilon(1e-9));
    CHECK(b.num("=PEARSON(A1:A5,B1:B5)") == Approx(0.9943767127).epsilon(1e-9));
    CHECK(b.num("=RSQ(B1:B5,A1:A5)") == Approx(0.9887850467).epsilon(1e-9));
    CHECK(b.num("=COVARIANCE.P(A1:A5,B1:B5)") == Approx(2.875));
    CHECK(b.num("=COVAR(A1:A5,B1:B5)") == Approx(2.875));
    CHECK(b.num("=COVARIANCE.S(A1:A5,B1:B5)") == Approx(2.875 * 4 / 3));
    CHECK(b.error("=CORREL(A1:A5,B1:B4)") == Err::NA);
    CHECK(b.error("=SLOPE(B1:B2,C1:C2)") == Err::Div0);
}

TEST_CASE("GEOMEAN, HARMEAN, KURT, SKEW, STANDARDIZE, TRIMMEAN", "[stats]") {
    Book b;
    b.column(0, 1, {Value(4.0), Value(5.0), Value(8.0), Value(7.0), Value(11.0), Value(4.0), Value(3.0)});
    CHECK(b.num("=GEOMEAN(A1:A7)") == Approx(5.476987).epsilon(1e-6));
    CHECK(b.num("=HARMEAN(A1:A7)") == Approx(5.028376).epsilon(1e-6));
    CHECK(b.error("=GEOMEAN(1,0)") == Err::Num);
    CHECK(b.num("=KURT(3,4,5,2,3,4,5,6,4,7)") == Approx(-0.151799637).epsilon(1e-8));
    CHECK(b.num("=SKEW(3,4,5,2,3,4,5,6,4,7)") == Approx(0.359543071).epsilon(1e-8));
    CHECK(b.error("=KURT(1,2,3)") == Err::Div0);
    CHECK(b.num("=STANDARDIZE(42,40,1.5)") == Approx(1.333333333));
    CHECK(b.error("=STANDARDIZE(42,40,0)") == Err::Num);
    CHECK(b.num("=TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3},0.2)") == Approx(3.777777778));
    CHECK(b.error("=TRIMMEAN(A1:A7,1)") == Err::Num);
}

TEST_CASE("normal, binomial, Poisson and exponential distributions", "[stats]") {
    Book b;
    CHECK(b.num("=NORM.DIST(42,40,1.5,TRUE)") == Approx(0.908788780).epsilon(1e-9));
    CHECK(b.num("=NORM.DIST(42,40,1.5,FALSE)") == Approx(0.10934005).epsilon(1e-8));
    CHECK(b.num("=NORMDIST(42,40,1.5,TRUE)") == Approx(0.908788780).epsilon(1e-9));
    CHECK(b.num("=NORM.S.DIST(1.333333,TRUE)") == Approx(0.908788726).epsilon(1e-8));
    CHECK(b.num("=NORMSDIST(0)") == Approx(0.5));
    CHECK(b.num("=NORM.INV(0.908789,40,1.5)") == Approx(42.000002).epsilon(1e-7));
    CHECK(b.num("=NORM.S.INV(0.908789)") == Approx(1.3333347).epsilon(1e-6));
    CHECK(b.num("=NORMSINV(0.975)") == Approx(1.959963985).epsilon(1e-9));
    CHECK(b.error("=NORM.INV(1,0,1)") == Err::Num);
    CHECK(b.num("=BINOM.DIST(6,10,0.5,FALSE)") == Approx(0.205078125));
    CHECK(b.num("=BINOM.DIST(6,10,0.5,TRUE)") == Approx(0.828125));
    CHECK(b.num("=POISSON.DIST(2,5,TRUE)") == Approx(0.124652019).epsilon(1e-8));
    CHECK(b.num("=POISSON.DIST(2,5,FALSE)") == Approx(0.084224337).epsilon(1e-8));
    CHECK(b.num("=EXPON.DIST(0.2,10,TRUE)") == Approx(0.864664717).epsilon(1e-9));
    CHECK(b.num("=EXPON.DIST(0.2,10,FALSE)") == Approx(1.353352832).epsilon(1e-9));
}

TEST_CASE("FREQUENCY", "[stats]") {
    Book b;
    b.column(0, 1, {Value(79.0), Value(85.0), Value(78.0), Value(85.0), Value(50.0), Value(81.0), Value(95.0),
                    Value(88.0), Value(97.0)});
    b.column(1, 1, {Value(70.0), Value(79.0), Value(89.0)});
    CHECK(b.num("=INDEX(FREQUENCY(A1:A9,B1:B3),1)") == 1);
    CHECK(b.num("=INDEX(FREQUENCY(A1:A9,B1:B3),2)") == 2);
    CHECK(b.num("=INDEX(FREQUENCY(A1:A9,B1:B3),3)") == 4);
    CHECK(b.num("=INDEX(FREQUENCY(A1:A9,B1:B3),4)") == 2);
    CHECK(b.num("=ROWS(FREQUENCY(A1:A9,B1:B3))") == 4);
}
