// test_financial_bonds.cpp — securities functions through real formulas, checked against
// Excel's documentation examples and values Excel cached in calc_tests/FINANCIAL.
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

struct BondBook {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    Value eval(const std::string& f) {
        Calculator calc(wb);
        calc.recalc_full();
        return calc.evaluate(f, s, CellAddr{0, 25});
    }
    double num(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_number());
        return v.number();
    }
    Err err(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_error());
        return v.error();
    }
};

Approx near(double x) { return Approx(x).epsilon(1e-9).margin(1e-12); }

}  // namespace

TEST_CASE("COUP functions", "[functions][financial_bonds]") {
    BondBook b;
    // Excel's documentation: settlement 25-Jan-2011, maturity 15-Nov-2011, semiannual, actual/actual.
    CHECK(b.num("=COUPDAYBS(DATE(2011,1,25),DATE(2011,11,15),2,1)") == 71);
    CHECK(b.num("=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,1)") == 181);
    CHECK(b.num("=COUPDAYSNC(DATE(2011,1,25),DATE(2011,11,15),2,1)") == 110);
    CHECK(b.num("=COUPNCD(DATE(2011,1,25),DATE(2011,11,15),2,1)") == 40678);  // 15-May-2011
    CHECK(b.num("=COUPPCD(DATE(2011,1,25),DATE(2011,11,15),2,1)") == 40497);  // 15-Nov-2010
    CHECK(b.num("=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,1)") == 4);
    // 30/360 bases count the days before settlement in 30-day months; basis 3 has 365/f days.
    CHECK(b.num("=COUPDAYBS(DATE(2020,1,1),DATE(2024,3,17),1,0)") == 284);
    CHECK(b.num("=COUPDAYBS(DATE(2020,1,1),DATE(2024,3,17),1,1)") == 290);
    CHECK(b.num("=COUPDAYS(DATE(2020,1,1),DATE(2021,1,1),4,3)") == 91.25);
    CHECK(b.num("=COUPDAYSNC(DATE(2020,1,1),DATE(2021,1,1),1,2)") == 366);
    // Month-end maturity: coupon dates are month ends.
    CHECK(b.num("=COUPPCD(DATE(2020,3,15),DATE(2020,8,31),2,0)") == b.num("=DATE(2020,2,29)"));
    CHECK(b.err("=COUPNUM(DATE(2021,1,1),DATE(2021,1,1),2)") == Err::Num);
    CHECK(b.err("=COUPNUM(DATE(2020,1,1),DATE(2021,1,1),3)") == Err::Num);
    CHECK(b.err("=COUPNUM(DATE(2020,1,1),DATE(2021,1,1),2,5)") == Err::Num);
    CHECK(b.err("=COUPNUM(TRUE,DATE(2021,1,1),2)") == Err::Value);  // ToolPak: no booleans
    CHECK(b.num("=COUPNUM(\"2020-01-01\",\"2021-01-01\",\"2\")") == 2);
}

TEST_CASE("ACCRINT ACCRINTM", "[functions][financial_bonds]") {
    BondBook b;
    CHECK(b.num("=ACCRINT(39508,39691,39569,0.1,1000,2,0)") == near(16.666666666666664));
    CHECK(b.num("=ACCRINT(DATE(2008,3,5),39691,39569,0.1,1000,2,0,FALSE)") == near(15.555555555555555));
    // Issue in an earlier quasi-coupon period: 421 days in 30/360 over 180-day periods.
    CHECK(b.num("=ACCRINT(DATE(2007,3,1),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0)") == near(116.94444444444446));
    CHECK(b.num("=ACCRINT(DATE(2020,1,1),DATE(2020,7,1),DATE(2020,3,1),0.1,1000,2,1)") == near(16.483516483516482));
    CHECK(b.num("=ACCRINT(DATE(2020,1,1),DATE(2020,7,1),DATE(2020,3,1),0.1,1000,2,3)") == near(16.43835616438356));
    CHECK(b.err("=ACCRINT(DATE(2008,5,1),DATE(2008,9,1),DATE(2008,5,1),0.1,1000,2,0)") == Err::Num);
    CHECK(b.err("=ACCRINT(DATE(2008,3,1),DATE(2008,9,1),DATE(2008,5,1),0,1000,2,0)") == Err::Num);
    CHECK(b.err("=ACCRINT(DATE(2008,3,1),DATE(2008,9,1),DATE(2008,5,1),0.1,1000,3,0)") == Err::Num);
    CHECK(b.num("=ACCRINTM(39539,39614,0.1,1000,3)") == near(20.54794520547945));
    CHECK(b.num("=ACCRINTM(DATE(2024,1,15),DATE(2024,3,15),0.1,1000,1)") == near(16.39344262295082));
    CHECK(b.num("=ACCRINTM(DATE(2023,2,28),DATE(2023,6,15),0.1,1000,0)") == near(29.166666666666668));
    CHECK(b.err("=ACCRINTM(39614,39539,0.1,1000,3)") == Err::Num);
    CHECK(b.err("=ACCRINTM(39539,39614,0.1,0,3)") == Err::Num);
}

TEST_CASE("PRICE YIELD DURATION MDURATION", "[functions][financial_bonds]") {
    BondBook b;
    // Excel's documentation examples.
    CHECK(b.num("=PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)") == near(94.63436162132213));
    CHECK(b.num("=YIELD(DATE(2008,2,15),DATE(2016,11,15),0.0575,95.04287,100,2,0)") ==
          Approx(0.065).epsilon(1e-6));
    CHECK(b.num("=DURATION(DATE(2018,7,1),DATE(2048,1,1),0.08,0.09,2,1)") == Approx(10.9191453).epsilon(1e-8));
    CHECK(b.num("=MDURATION(DATE(2008,1,1),DATE(2016,1,1),0.08,0.09,2,1)") == Approx(5.73567).epsilon(1e-6));
    // YIELD inverts PRICE, also in the one-coupon closed form.
    CHECK(b.num("=PRICE(DATE(2020,3,1),DATE(2030,3,1),0.06,0.07,130,1,0)") == near(108.22689722310892));
    CHECK(b.num("=YIELD(DATE(2020,3,1),DATE(2030,3,1),0.06,108.22689722310892,130,1,0)") == near(0.07));
    // Bases 2 and 3: days to the next coupon are COUPDAYS - COUPDAYBS, not actual days.
    CHECK(b.num("=PRICE(DATE(2020,3,1),DATE(2030,3,1),0.04,0.05,155,1,2)") == near(126.04349401555694));
    CHECK(b.num("=YIELD(DATE(2020,3,1),DATE(2020,8,1),0.08,PRICE(DATE(2020,3,1),DATE(2020,8,1),0.08,0.05,100,2),100,2)") ==
          near(0.05));
    CHECK(b.err("=PRICE(DATE(2020,3,1),DATE(2030,3,1),-0.01,0.07,100,2)") == Err::Num);
    CHECK(b.err("=YIELD(DATE(2020,3,1),DATE(2030,3,1),0.08,0,100,2)") == Err::Num);
    CHECK(b.err("=DURATION(DATE(2030,3,1),DATE(2020,3,1),0.08,0.09,2)") == Err::Num);
}

TEST_CASE("Discounted securities", "[functions][financial_bonds]") {
    BondBook b;
    // Excel's documentation examples.
    CHECK(b.num("=DISC(DATE(2018,7,1),DATE(2048,1,1),97.975,100,1)") == Approx(0.000686384).epsilon(1e-6));
    CHECK(b.num("=PRICEDISC(DATE(2008,2,16),DATE(2008,3,1),0.0525,100,2)") == near(99.79583333333333));
    CHECK(b.num("=YIELDDISC(DATE(2008,2,16),DATE(2008,3,1),99.795,100,2)") == Approx(0.052823).epsilon(1e-5));
    CHECK(b.num("=INTRATE(DATE(2008,2,15),DATE(2008,5,15),1000000,1014420,2)") == Approx(0.05768).epsilon(1e-5));
    CHECK(b.num("=RECEIVED(DATE(2008,2,15),DATE(2008,5,15),1000000,0.0575,2)") == Approx(1014584.654).epsilon(1e-9));
    CHECK(b.num("=PRICEMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11),0.061,0.061,0)") ==
          Approx(99.98449888).epsilon(1e-9));
    CHECK(b.num("=YIELDMAT(DATE(2008,3,15),DATE(2008,11,3),DATE(2007,11,8),0.0625,100.0123,0)") ==
          Approx(0.060954).epsilon(1e-5));
    CHECK(b.err("=DISC(DATE(2008,3,1),DATE(2008,2,16),99,100)") == Err::Num);
    CHECK(b.err("=DISC(DATE(2008,2,16),DATE(2008,3,1),0,100)") == Err::Num);
    CHECK(b.err("=INTRATE(DATE(2008,2,16),DATE(2008,3,1),1000,1010,5)") == Err::Num);
}

TEST_CASE("Treasury bills", "[functions][financial_bonds]") {
    BondBook b;
    CHECK(b.num("=TBILLEQ(DATE(2008,3,31),DATE(2008,6,1),0.0914)") == Approx(0.094151).epsilon(1e-5));
    CHECK(b.num("=TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),0.09)") == near(98.45));
    CHECK(b.num("=TBILLYIELD(DATE(2008,3,31),DATE(2008,6,1),98.45)") == Approx(0.091417).epsilon(1e-5));
    // Beyond 182 days the bond-equivalent yield compounds once (Excel: 2040..2223 at 0.8).
    CHECK(b.num("=TBILLEQ(2040,2223,0.8)") == near(1.364497682211261));
    CHECK(b.num("=TBILLEQ(14640,15006,0.5)") == near(0.8522961312491701));  // 366 days, still one year
    CHECK(b.err("=TBILLEQ(1000,1366,0.5)") == Err::Num);                     // more than a year
    CHECK(b.err("=TBILLPRICE(45332,45650,7)") == Err::Num);                  // negative price
    CHECK(b.err("=TBILLYIELD(45332,45650,0)") == Err::Num);
    CHECK(b.err("=TBILLEQ(TRUE,45731,0.5)") == Err::Value);
    CHECK(b.num("=TBILLEQ(\"45366\",\"45731\",\"0.5\")") == near(0.8482759796652481));
}

TEST_CASE("Odd first and last periods", "[functions][financial_bonds]") {
    BondBook b;
    // Excel's documentation examples.
    CHECK(b.num("=ODDFPRICE(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,0.0625,100,2,1)") ==
          Approx(113.597717474079).epsilon(1e-9));
    CHECK(b.num("=ODDFYIELD(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0575,84.5,100,2,0)") ==
          Approx(0.0772455415972989).epsilon(1e-7));
    CHECK(b.num("=ODDLPRICE(DATE(2008,2,7),DATE(2008,6,15),DATE(2007,10,15),0.0375,0.0405,100,2,0)") ==
          Approx(99.8782860147213).epsilon(1e-9));
    CHECK(b.num("=ODDLYIELD(DATE(2008,4,20),DATE(2008,6,15),DATE(2007,12,24),0.0375,99.875,100,2,0)") ==
          Approx(0.0451922356291692).epsilon(1e-9));
    CHECK(b.err("=ODDFPRICE(DATE(2009,4,1),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.05,0.06,100,2)") == Err::Num);
}
