// test_financial.cpp — financial functions through real formulas, checked against the
// examples of Excel's documentation and calc_tests/FINANCIAL (values Excel cached).
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

struct FinBook {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    void put(const char* a1, Value v) { wb.set_value(s, *parse_cell(a1), v); }
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

TEST_CASE("PMT PV FV NPER", "[functions][financial]") {
    FinBook b;
    CHECK(b.num("=PMT(0.08/12,10,10000)") == near(-1037.0320893591606));
    CHECK(b.num("=PMT(0.06/12,18*12,0,50000)") == near(-129.0811608679954));
    CHECK(b.num("=PMT(0,10,1000)") == -100);
    CHECK(b.num("=PMT(0.1,3,1000,0,1)") == near(-365.55891238670695));
    CHECK(b.err("=PMT(0.1,0,100)") == Err::Num);
    CHECK(b.err("=PMT(-3,5,100)") == Err::Num);
    CHECK(b.num("=PV(0.08/12,12*20,500)") == near(-59777.14585118777));
    CHECK(b.num("=PV(0,10,-100)") == 1000);
    CHECK(b.err("=PV(-1,20,300)") == Err::Div0);  // Excel docs/PV.xlsx
    CHECK(b.num("=FV(0.06/12,10,-200,-500,1)") == near(2581.4033740601362));
    CHECK(b.num("=FV(0,12,-100)") == 1200);
    CHECK(b.err("=FV(-1,-2,1)") == Err::Div0);
    CHECK(b.num("=NPER(0.12/12,-100,-1000,10000,1)") == near(59.67386567429457));
    CHECK(b.num("=NPER(0,-100,1000)") == 10);
    CHECK(b.err("=NPER(0,0,1000)") == Err::Num);
    CHECK(b.err("=NPER(0.1,-100,2000)") == Err::Num);  // interest exceeds the payment: never paid off
    CHECK(b.err("=PMT(\"abc\",10,1000)") == Err::Value);
    CHECK(b.num("=PMT(\"10%\",1,-100)") == near(110));
}

TEST_CASE("RATE IPMT PPMT CUMIPMT CUMPRINC ISPMT", "[functions][financial]") {
    FinBook b;
    CHECK(b.num("=RATE(4*12,-200,8000)") == near(0.007701472488201368));
    CHECK(b.num("=RATE(10,-100,1000)") == Approx(0).margin(1e-9));
    CHECK(b.err("=RATE(0,-200,8000)") == Err::Num);
    CHECK(b.err("=RATE(10,100,1000)") == Err::Num);  // no rate makes this work
    CHECK(b.num("=IPMT(0.1/12,1,3*12,8000)") == near(-66.66666666666667));
    CHECK(b.num("=IPMT(0.1,3,3,8000)") == near(-292.4471299093661));
    CHECK(b.num("=IPMT(0.1,1,3,1000,0,1)") == 0);  // paid in advance: no interest yet
    CHECK(b.num("=PPMT(0.1/12,1,2*12,2000)") == near(-75.62318600836673));
    CHECK(b.num("=IPMT(0.1,2,3,1000)+PPMT(0.1,2,3,1000)") == near(b.num("=PMT(0.1,3,1000)")));
    CHECK(b.err("=IPMT(0.1,4,3,1000)") == Err::Num);
    CHECK(b.err("=PPMT(0.1,0,3,1000)") == Err::Num);
    CHECK(b.num("=CUMIPMT(0.09/12,30*12,125000,13,24,0)") == near(-11135.232130750845));
    CHECK(b.num("=CUMIPMT(0.09/12,30*12,125000,1,1,0)") == near(-937.5));
    CHECK(b.num("=CUMPRINC(0.09/12,30*12,125000,13,24,0)") == near(-934.1071234208765));
    CHECK(b.err("=CUMIPMT(0.01,36,8000,TRUE,10,0)") == Err::Value);
    CHECK(b.err("=CUMIPMT(0.01,36,8000,10,5,0)") == Err::Num);
    CHECK(b.err("=CUMPRINC(0.01,36,8000,1,5,2)") == Err::Num);
    CHECK(b.num("=ISPMT(0.1/12,1,3*12,8000000)") == near(-64814.81481481481));
    CHECK(b.err("=ISPMT(0.1,1,0,100)") == Err::Div0);
}

TEST_CASE("NPV IRR MIRR XNPV XIRR", "[functions][financial]") {
    FinBook b;
    CHECK(b.num("=NPV(0.1,-10000,3000,4200,6800)") == near(1188.4434123352207));
    CHECK(b.num("=NPV(1,1)") == 0.5);
    b.put("A1", Value(-70000.0));
    b.put("A2", Value(12000.0));
    b.put("A3", Value(15000.0));
    b.put("A4", Value::string("note"));  // text in a range is skipped
    b.put("A5", Value(18000.0));
    b.put("A6", Value(21000.0));
    b.put("A7", Value(26000.0));
    CHECK(b.num("=IRR(A1:A7)") == near(0.08663094803653162));
    CHECK(b.num("=NPV(IRR(A1:A7),A1:A7)") == Approx(0).margin(1e-6));
    CHECK(b.num("=NPV(IRR(A1:A7,0.5),A1:A7)") == Approx(0).margin(1e-6));  // from another guess
    CHECK(b.err("=IRR({1,2,3})") == Err::Num);   // no sign change
    CHECK(b.err("=IRR(A1:A7,-10)") == Err::Value);
    CHECK(b.num("=MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.12)") == near(0.1260941303659051));
    CHECK(b.num("=MIRR({-5,4},-1,0.2)") == near(-0.2));
    CHECK(b.num("=MIRR({-5,-3},0.1,0.2)") == near(-1));  // no inflows
    CHECK(b.err("=MIRR({5,3},0.1,0.2)") == Err::Div0);
    const std::string vals = "{-10000,2750,4250,3250,2750}", dates = "{39448,39508,39751,39859,39904}";
    CHECK(b.num("=XNPV(0.09," + vals + "," + dates + ")") == near(2086.647602031535));
    CHECK(b.num("=XIRR(" + vals + "," + dates + ")") == Approx(0.3733625335).epsilon(1e-8));
    CHECK(b.err("=XNPV(-0.4," + vals + "," + dates + ")") == Err::Num);
    CHECK(b.err("=XNPV(0.09,{1,2},{39448})") == Err::Num);
    CHECK(b.err("=XNPV(0.09,{-1,2},{39448,39000})") == Err::Num);  // a date before the first
    CHECK(b.err("=XIRR({-1000,230,200,125,200,10},{1,2,3,4,5,6})") == Err::Num);
}

TEST_CASE("depreciation", "[functions][financial]") {
    FinBook b;
    CHECK(b.num("=SLN(30000,7500,10)") == 2250);
    CHECK(b.err("=SLN(30000,7500,0)") == Err::Div0);
    CHECK(b.num("=SYD(30000,7500,10,1)") == near(4090.909090909091));
    CHECK(b.num("=SYD(30000,7500,10,10)") == near(409.0909090909091));
    CHECK(b.err("=SYD(30000,7500,10,11)") == Err::Num);
    CHECK(b.num("=DB(1000000,100000,6,1,7)") == near(186083.33333333334));
    CHECK(b.num("=DB(1000000,100000,6,2,7)") == near(259639.41666666666));
    CHECK(b.num("=DB(1000000,100000,6,7,7)") == near(15845.098473848071));
    CHECK(b.err("=DB(1000000,100000,6,8,7)") == Err::Num);
    CHECK(b.num("=DDB(2400,300,10*365,1)") == near(1.3150684931506849));
    CHECK(b.num("=DDB(2400,300,10,1,2)") == 480);
    CHECK(b.num("=DDB(2400,300,10,10)") == near(22.122547200000012));
    CHECK(b.err("=DDB(2400,300,10,11)") == Err::Num);
    CHECK(b.num("=VDB(2400,300,10*365,0,1)") == near(1.3150684931506849));
    CHECK(b.num("=VDB(2400,300,10,0,0.875,1.5)") == near(315));
    CHECK(b.num("=VDB(2400,300,10,0,10)") == near(2100));  // switches to straight line, ends at salvage
}

TEST_CASE("rates and fractional prices", "[functions][financial]") {
    FinBook b;
    CHECK(b.num("=EFFECT(0.0525,4)") == near(0.05354266737075819));
    CHECK(b.num("=NOMINAL(0.053543,4)") == near(0.052500319868356016));
    CHECK(b.err("=EFFECT(0,4)") == Err::Num);
    CHECK(b.err("=NOMINAL(0.05,0.5)") == Err::Num);
    CHECK(b.num("=FVSCHEDULE(1,{0.09,0.11,0.1})") == near(1.33089));
    CHECK(b.err("=FVSCHEDULE(1,{0.09,\"x\"})") == Err::Value);
    CHECK(b.num("=PDURATION(0.025,2000,2200)") == near(3.859866162622662));
    CHECK(b.err("=PDURATION(0,2000,2200)") == Err::Num);
    CHECK(b.num("=RRI(96,10000,11000)") == near(0.0009933073762913303));
    CHECK(b.err("=RRI(0,10000,11000)") == Err::Num);
    CHECK(b.num("=DOLLARDE(1.02,16)") == near(1.125));
    CHECK(b.num("=DOLLARFR(1.125,16)") == near(1.02));
    CHECK(b.num("=DOLLARDE(12.1234,12)") == near(13.028333333333334));
    CHECK(b.num("=DOLLARFR(-0.5,2)") == near(-0.1));
    CHECK(b.err("=DOLLARDE(10,0.5)") == Err::Div0);
    CHECK(b.err("=DOLLARDE(10,-2)") == Err::Num);
    CHECK(b.err("=DOLLARFR(TRUE,2)") == Err::Value);
}
