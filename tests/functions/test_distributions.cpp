// test_distributions.cpp — distribution functions, their inverses, hypothesis tests and
// regression through real formulas. Expected values are Excel's (mostly the examples of
// Excel's own documentation), plus domain errors and argument coercion.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "book.h"

using namespace sp;
using namespace sp::test;

namespace {

// Relative closeness for values spanning many magnitudes.
Approx rel(double x, double eps = 1e-7) { return Approx(x).epsilon(eps); }

}  // namespace

TEST_CASE("GAMMA, GAMMALN, GAMMA.DIST, GAMMA.INV", "[distributions]") {
    Book b;
    CHECK(b.num("=GAMMA(2.5)") == rel(1.329340388));
    CHECK(b.num("=GAMMA(-0.75)") == rel(-4.834146, 1e-6));
    CHECK(b.num("=GAMMA(5)") == rel(24));
    CHECK(b.error("=GAMMA(0)") == Err::Num);
    CHECK(b.error("=GAMMA(-2)") == Err::Num);
    CHECK(b.num("=GAMMALN(4)") == rel(1.791759469));
    CHECK(b.num("=GAMMALN.PRECISE(4)") == rel(1.791759469));
    CHECK(b.error("=GAMMALN(0)") == Err::Num);
    CHECK(b.num("=GAMMA.DIST(10.00001131,9,2,FALSE)") == rel(0.032639, 1e-4));
    CHECK(b.num("=GAMMA.DIST(10.00001131,9,2,TRUE)") == rel(0.068094, 1e-4));
    CHECK(b.num("=GAMMADIST(10.00001131,9,2,TRUE)") == rel(0.068094, 1e-4));
    CHECK(b.num("=GAMMA.INV(0.068094,9,2)") == rel(10.0000112, 1e-6));
    CHECK(b.num("=GAMMA.INV(GAMMA.DIST(3,0.5,2,TRUE),0.5,2)") == rel(3, 1e-12));
    CHECK(b.num("=GAMMA.INV(0,2,2)") == 0);
    CHECK(b.error("=GAMMA.DIST(-1,9,2,TRUE)") == Err::Num);
    CHECK(b.error("=GAMMA.DIST(1,0,2,TRUE)") == Err::Num);
    CHECK(b.error("=GAMMA.INV(1,9,2)") == Err::Num);
    CHECK(b.error("=GAMMA.INV(-0.1,9,2)") == Err::Num);
    CHECK(b.error("=GAMMA.DIST(\"abc\",9,2,TRUE)") == Err::Value);
    CHECK(b.num("=GAMMA.DIST(\"10.00001131\",9,2,TRUE)") == rel(0.068094, 1e-4));  // numeric text
}

TEST_CASE("BETA.DIST, BETADIST, BETA.INV", "[distributions]") {
    Book b;
    CHECK(b.num("=BETA.DIST(2,8,10,TRUE,1,3)") == rel(0.6854706));
    CHECK(b.num("=BETA.DIST(2,8,10,FALSE,1,3)") == rel(1.4837646));
    CHECK(b.num("=BETADIST(2,8,10,1,3)") == rel(0.6854706));
    CHECK(b.num("=BETA.DIST(0.5,2,2,TRUE)") == rel(0.5, 1e-12));  // A, B default to 0, 1
    CHECK(b.num("=BETA.INV(0.685470581,8,10,1,3)") == rel(2, 1e-8));
    CHECK(b.num("=BETAINV(0.685470581,8,10,1,3)") == rel(2, 1e-8));
    CHECK(b.num("=BETA.INV(BETA.DIST(1E-12,0.5,3,TRUE),0.5,3)") == rel(1e-12, 1e-8));
    CHECK(b.error("=BETA.DIST(0.5,0,2,TRUE)") == Err::Num);
    CHECK(b.error("=BETA.DIST(4,8,10,TRUE,1,3)") == Err::Num);  // x outside [A, B]
    CHECK(b.error("=BETA.DIST(1,8,10,TRUE,1,1)") == Err::Num);  // A = B
    CHECK(b.error("=BETA.INV(0,8,10)") == Err::Num);
    CHECK(b.error("=BETA.INV(1,8,10)") == Err::Num);
    CHECK(b.error("=BETA.DIST(1/0,8,10,TRUE)") == Err::Div0);
}

TEST_CASE("Chi-squared distribution", "[distributions]") {
    Book b;
    CHECK(b.num("=CHISQ.DIST(0.5,1,TRUE)") == rel(0.52049988));
    CHECK(b.num("=CHISQ.DIST(2,3,FALSE)") == rel(0.20755375));
    CHECK(b.num("=CHISQ.DIST.RT(18.307,10)") == rel(0.0500006, 1e-5));
    CHECK(b.num("=CHIDIST(18.307,10)") == rel(0.0500006, 1e-5));  // legacy: right tail
    CHECK(b.num("=CHISQ.INV(0.93,1)") == rel(3.283020287));
    CHECK(b.num("=CHISQ.INV(0.6,2)") == rel(1.832581464));
    CHECK(b.num("=CHISQ.INV.RT(0.050001,10)") == rel(18.30697346));
    CHECK(b.num("=CHIINV(0.050001,10)") == rel(18.30697346));
    CHECK(b.num("=CHISQ.INV.RT(1E-300,3)") > 1000);  // tiny right tails stay precise
    CHECK(b.error("=CHISQ.DIST(-1,2,TRUE)") == Err::Num);
    CHECK(b.error("=CHISQ.DIST(1,0.5,TRUE)") == Err::Num);  // df truncated to 0
    CHECK(b.error("=CHISQ.INV(1.5,2)") == Err::Num);
    CHECK(b.error("=CHISQ.INV.RT(0,2)") == Err::Num);
}

TEST_CASE("F distribution", "[distributions]") {
    Book b;
    CHECK(b.num("=F.DIST(15.2069,6,4,TRUE)") == rel(0.99, 1e-6));
    CHECK(b.num("=F.DIST(15.2069,6,4,FALSE)") == rel(0.0012238, 1e-4));
    CHECK(b.num("=F.DIST.RT(15.2068649,6,4)") == rel(0.01, 1e-6));
    CHECK(b.num("=FDIST(15.2068649,6,4)") == rel(0.01, 1e-6));
    CHECK(b.num("=F.INV(0.01,6,4)") == rel(0.10930991));
    CHECK(b.num("=F.INV.RT(0.01,6,4)") == rel(15.20686486));
    CHECK(b.num("=FINV(0.01,6,4)") == rel(15.20686486));
    CHECK(b.error("=F.DIST(-1,6,4,TRUE)") == Err::Num);
    CHECK(b.error("=F.DIST(1,0,4,TRUE)") == Err::Num);
    CHECK(b.error("=F.INV(2,6,4)") == Err::Num);
}

TEST_CASE("Student's t distribution", "[distributions]") {
    Book b;
    CHECK(b.num("=T.DIST(60,1,TRUE)") == rel(0.99469533));
    CHECK(b.num("=T.DIST(8,3,FALSE)") == rel(0.00073691, 1e-5));
    CHECK(b.num("=T.DIST.2T(1.959999998,60)") == rel(0.054644930));
    CHECK(b.num("=T.DIST.RT(1.959999998,60)") == rel(0.027322465));
    CHECK(b.num("=TDIST(1.959999998,60,2)") == rel(0.054644930));
    CHECK(b.num("=TDIST(1.959999998,60,1)") == rel(0.027322465));
    CHECK(b.num("=T.INV(0.75,2)") == rel(0.8164966));
    CHECK(b.num("=T.INV(0.25,2)") == rel(-0.8164966));
    CHECK(b.num("=T.INV.2T(0.546449,60)") == rel(0.606533, 1e-5));
    CHECK(b.num("=TINV(0.546449,60)") == rel(0.606533, 1e-5));
    CHECK(b.error("=TDIST(-1,60,2)") == Err::Num);  // legacy: x >= 0
    CHECK(b.error("=TDIST(1,60,3)") == Err::Num);
    CHECK(b.error("=T.DIST.2T(-1,60)") == Err::Num);
    CHECK(b.error("=T.DIST(1,0,TRUE)") == Err::Num);
    CHECK(b.error("=T.INV(0,2)") == Err::Num);
    CHECK(b.error("=T.INV.2T(1.5,2)") == Err::Num);
}

TEST_CASE("Normal family, Fisher, Weibull, confidence", "[distributions]") {
    Book b;
    CHECK(b.num("=GAUSS(2)") == rel(0.47724987));
    CHECK(b.num("=PHI(0.75)") == rel(0.301137432));
    CHECK(b.num("=FISHER(0.75)") == rel(0.9729551));
    CHECK(b.num("=FISHERINV(0.972955)") == rel(0.75, 1e-6));
    CHECK(b.error("=FISHER(1)") == Err::Num);
    CHECK(b.num("=LOGNORM.DIST(4,3.5,1.2,TRUE)") == rel(0.0390836, 1e-5));
    CHECK(b.num("=LOGNORM.DIST(4,3.5,1.2,FALSE)") == rel(0.0176176, 1e-5));
    CHECK(b.num("=LOGNORMDIST(4,3.5,1.2)") == rel(0.0390836, 1e-5));
    CHECK(b.num("=LOGNORM.INV(0.039084,3.5,1.2)") == rel(4.0000252, 1e-6));
    CHECK(b.num("=LOGINV(0.039084,3.5,1.2)") == rel(4.0000252, 1e-6));
    // Excel's value for a probability a hair below 1/2 and a huge sd: needs an exact centre.
    CHECK(b.num("=LOGNORM.INV(0.49999999999915673,3.5,1E12)") == rel(3.99976588093441, 1e-9));
    CHECK(b.error("=LOGNORM.DIST(0,3.5,1.2,TRUE)") == Err::Num);
    CHECK(b.num("=WEIBULL.DIST(105,20,100,TRUE)") == rel(0.929581, 1e-5));
    CHECK(b.num("=WEIBULL(105,20,100,FALSE)") == rel(0.035589, 1e-4));
    CHECK(b.error("=WEIBULL(-1,20,100,FALSE)") == Err::Num);
    CHECK(b.num("=CONFIDENCE.NORM(0.05,2.5,50)") == rel(0.692952, 1e-6));
    CHECK(b.num("=CONFIDENCE(0.05,2.5,50)") == rel(0.692952, 1e-6));
    CHECK(b.num("=CONFIDENCE.T(0.05,1,50)") == rel(0.284196855));
    CHECK(b.error("=CONFIDENCE.T(0.05,1,1)") == Err::Div0);
    CHECK(b.error("=CONFIDENCE(0,1,10)") == Err::Num);
}

TEST_CASE("Discrete distributions", "[distributions]") {
    Book b;
    CHECK(b.num("=BINOM.DIST.RANGE(60,0.75,48)") == rel(0.083974967));
    CHECK(b.num("=BINOM.DIST.RANGE(60,0.75,45,50)") == rel(0.523629793));
    CHECK(b.error("=BINOM.DIST.RANGE(60,0.75,50,45)") == Err::Num);
    CHECK(b.num("=BINOM.INV(6,0.5,0.75)") == 4);
    CHECK(b.num("=CRITBINOM(6,0.5,0.75)") == 4);
    CHECK(b.error("=BINOM.INV(10,0.7,0)") == Err::Num);
    CHECK(b.error("=BINOM.INV(10,1,0.8)") == Err::Num);
    CHECK(b.num("=NEGBINOM.DIST(10,5,0.25,TRUE)") == rel(0.3135141, 1e-6));
    CHECK(b.num("=NEGBINOM.DIST(10,5,0.25,FALSE)") == rel(0.0550487, 1e-6));
    CHECK(b.num("=NEGBINOMDIST(10,5,0.25)") == rel(0.0550487, 1e-6));
    CHECK(b.error("=NEGBINOM.DIST(2,10,1,TRUE)") == Err::Num);
    CHECK(b.num("=HYPGEOM.DIST(1,4,8,20,TRUE)") == rel(0.4654283));
    CHECK(b.num("=HYPGEOM.DIST(1,4,8,20,FALSE)") == rel(0.3632611));
    CHECK(b.num("=HYPGEOMDIST(1,4,8,20)") == rel(0.3632611));
    CHECK(b.error("=HYPGEOM.DIST(5,4,8,20,FALSE)") == Err::Num);
    CHECK(b.num("=PERMUTATIONA(3,2)") == 9);
    CHECK(b.num("=PERMUTATIONA(2,2)") == 4);
    CHECK(b.error("=PERMUTATIONA(-1,2)") == Err::Num);
}

TEST_CASE("Element-wise over arrays", "[distributions]") {
    Book b;
    Value v = b.eval("=T.DIST({1,2},10,TRUE)");
    REQUIRE(v.is_array());
    CHECK(v.array().at(0, 1).number() == rel(0.963305983));
}

TEST_CASE("Hypothesis tests and PROB", "[distributions]") {
    Book b;
    b.column(0, 1, {Value(3.0), Value(4.0), Value(5.0), Value(8.0), Value(9.0), Value(1.0), Value(2.0), Value(4.0), Value(5.0)});
    b.column(1, 1, {Value(6.0), Value(19.0), Value(3.0), Value(2.0), Value(14.0), Value(4.0), Value(5.0), Value(17.0), Value(1.0)});
    CHECK(b.num("=T.TEST(A1:A9,B1:B9,2,1)") == rel(0.196016, 1e-5));
    CHECK(b.num("=TTEST(A1:A9,B1:B9,2,1)") == rel(0.196016, 1e-5));
    CHECK(b.error("=T.TEST(A1:A9,B1:B9,3,1)") == Err::Num);
    CHECK(b.error("=T.TEST(A1:A9,B1:B8,2,1)") == Err::NA);  // paired needs equal sizes
    CHECK(b.num("=F.TEST({6,7,9,15,21},{20,28,31,38,40})") == rel(0.64831785));
    CHECK(b.num("=CHISQ.TEST({58,35;11,25;10,23},{45.35,47.65;17.56,18.44;16.09,16.91})") == rel(0.000308192, 1e-5));
    CHECK(b.num("=Z.TEST({3,6,7,8,6,5,4,2,1,9},4)") == rel(0.090574, 1e-5));
    CHECK(b.num("=Z.TEST({3,6,7,8,6,5,4,2,1,9},6)") == rel(0.863043, 1e-5));
    CHECK(b.num("=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},2)") == rel(0.1));
    CHECK(b.num("=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},1,3)") == rel(0.8));
    CHECK(b.error("=PROB({0,1,2,3},{0.2,0.3,0.1,0.3},2)") == Err::Num);  // probabilities must sum to 1
    CHECK(b.error("=PROB({0,1,2},{0.2,0.3,0.1,0.4},2)") == Err::NA);
}

TEST_CASE("LINEST, LOGEST, TREND, GROWTH", "[distributions]") {
    Book b;
    b.column(0, 1, {Value(1.0), Value(9.0), Value(5.0), Value(7.0)});
    b.column(1, 1, {Value(0.0), Value(4.0), Value(2.0), Value(3.0)});
    Value v = b.eval("=LINEST(A1:A4,B1:B4)");
    REQUIRE(v.is_array());
    CHECK(v.array().at(0, 0).number() == rel(2));
    CHECK(v.array().at(0, 1).number() == rel(1));
    Value t = b.eval("=TREND(A1:A4,B1:B4,{5;6})");
    REQUIRE(t.is_array());
    CHECK(t.array().at(1, 0).number() == rel(13));

    // Excel's cached values for a small data set (conformance file LINEST_LOGEST.xlsx).
    Book c;
    c.column(0, 1, {Value(0.2), Value(0.41), Value(0.62), Value(0.8), Value(1.1)});
    c.column(1, 1, {Value(1.1), Value(1.9), Value(3.1), Value(4.05), Value(5.0)});
    Value s = c.eval("=LINEST(A1:A5,B1:B5,,TRUE)");
    REQUIRE(s.is_array());
    REQUIRE(s.array().rows() == 5);
    CHECK(s.array().at(0, 0).number() == rel(0.21928887993553592));
    CHECK(s.array().at(1, 0).number() == rel(1.3841437712295469e-2));
    CHECK(s.array().at(2, 0).number() == rel(0.98818889821919009));
    CHECK(s.array().at(3, 0).number() == rel(250.99831918087844));
    CHECK(s.array().at(3, 1).number() == 3);
    CHECK(s.array().at(4, 1).number() == rel(5.7061794923448901e-3));
    Value g = c.eval("=LOGEST(A1:A5,B1:B5,FALSE)");
    CHECK(g.array().at(0, 0).number() == rel(0.9082429233796212));
    CHECK(g.array().at(0, 1).number() == 1);
    c.column(2, 1, {Value(0.2), Value(0.31), Value(0.4), Value(0.51), Value(0.7)});
    Value gr = c.eval("=GROWTH(C1:C5)");
    CHECK(gr.array().at(0, 0).number() == rel(0.21308607271409954));
    CHECK(c.error("=TREND(A1:A5,B1:B4)") == Err::Ref);
    Value m = b.eval("=LINEST(A1:A4,B1:C4,TRUE,TRUE)");  // C is empty: #VALUE!
    CHECK(m.is_error());
    c.wb.set_value(c.s, at("A6"), S("x"));
    CHECK(c.error("=GROWTH(A1:A6)") == Err::Value);
}

TEST_CASE("LINEST with two variables", "[distributions]") {
    Book b;
    b.column(0, 1, {Value(5.1), Value(6.9), Value(13.2), Value(13.8), Value(21.1), Value(20.9)});
    b.column(1, 1, {Value(1.0), Value(2.0), Value(3.0), Value(4.0), Value(5.0), Value(6.0)});
    b.column(2, 1, {Value(2.0), Value(1.0), Value(4.0), Value(3.0), Value(6.0), Value(5.0)});
    Value v = b.eval("=LINEST(A1:A6,B1:C6,TRUE,TRUE)");
    REQUIRE(v.is_array());
    const Array& a = v.array();
    REQUIRE(a.rows() == 5);
    REQUIRE(a.cols() == 3);
    CHECK(a.at(0, 0).number() == rel(1.5083333333333442));  // m2 first, as Excel orders them
    CHECK(a.at(0, 1).number() == rel(2.2416666666666556));
    CHECK(a.at(0, 2).number() == rel(0.375));
    CHECK(a.at(1, 0).number() == rel(0.24814123815697));
    CHECK(a.at(1, 2).number() == rel(0.5611661139158419));
    CHECK(a.at(2, 0).number() == rel(0.9955324339417453));
    CHECK(a.at(3, 0).number() == rel(334.253289473684));
    CHECK(a.at(3, 1).number() == 3);
    CHECK(a.at(4, 0).number() == rel(225.80666666666667));
    CHECK(a.at(4, 1).number() == rel(1.013333333333334));
    CHECK(a.at(2, 2).error() == Err::NA);
    Value t = b.eval("=TREND(A1:A6,B1:C6,{7,8})");
    REQUIRE(t.is_array());
    CHECK(t.array().at(0, 0).number() == rel(0.375 + 2.2416666666666556 * 7 + 1.5083333333333442 * 8));
}

// Inverses must undo their distributions across wide parameter ranges (tiny tails,
// shapes below 1, huge degrees of freedom).
TEST_CASE("Inverse round trips", "[distributions]") {
    Book b;
    const char* probs[] = {"1E-300", "1E-100", "1E-10", "0.001", "0.1", "0.5", "0.9", "0.999", "0.9999999999"};
    // dist(inv(p)) / p should be 1, unless the answer underflows (x below 1e-290 cannot
    // carry its digits) or sits so close to 1 that doubles cannot resolve it.
    auto round_trip = [&](const std::string& inv, const std::string& dist_of_x, const std::string& p) {
        Value x = b.eval("=" + inv);
        INFO(inv << " = " << to_display(x));
        REQUIRE(x.is_number());
        if (x.number() < 1e-290) return;
        std::string f = dist_of_x;
        f.replace(f.find('@'), 1, inv);
        Value r = b.eval("=" + f + "/" + p);
        INFO(f);
        REQUIRE(r.is_number());
        CHECK(r.number() == Approx(1).epsilon(1e-9));
    };
    for (const char* p : probs) {
        std::string sp = p;
        for (std::string df : {"1", "2", "3", "10", "100", "10000", "1000000"}) {
            round_trip("CHISQ.INV(" + sp + "," + df + ")", "CHISQ.DIST(@," + df + ",TRUE)", sp);
            round_trip("CHISQ.INV.RT(" + sp + "," + df + ")", "CHISQ.DIST.RT(@," + df + ")", sp);
            if (sp != "1E-300") round_trip("T.INV(" + sp + "," + df + ")", "T.DIST(@," + df + ",TRUE)", sp);
        }
        for (std::string a : {"0.05", "0.5", "1", "3", "50", "10000"}) {
            round_trip("GAMMA.INV(" + sp + "," + a + ",2)", "GAMMA.DIST(@," + a + ",2,TRUE)", sp);
            for (std::string c : {"0.3", "1", "4", "200"}) {
                // With beta < 1 the upper quantiles crowd against 1 (1 - x down to 1e-33),
                // beyond what a double next to 1 can resolve.
                if (!(c == "0.3" && (sp == "0.999" || sp == "0.9999999999")))
                    round_trip("BETA.INV(" + sp + "," + a + "," + c + ")", "BETA.DIST(@," + a + "," + c + ",TRUE)", sp);
                if (std::stod(a) >= 1 && std::stod(c) >= 1)  // F truncates degrees of freedom
                    round_trip("F.INV(" + sp + "," + a + "," + c + ")", "F.DIST(@," + a + "," + c + ",TRUE)", sp);
            }
        }
    }
}
