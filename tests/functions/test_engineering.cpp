// test_engineering.cpp — engineering functions through real formulas, checked against the
// values Excel cached in calc_tests/ENGINEERING.
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

struct EngBook {
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
    std::string text(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_string());
        return std::string(v.string());
    }
    Err err(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_error());
        return v.error();
    }
};

Approx near(double x, double eps = 1e-9) { return Approx(x).epsilon(eps).margin(1e-300); }

}  // namespace

TEST_CASE("BIN/OCT/HEX to decimal", "[functions][engineering]") {
    EngBook b;
    b.put("A1", Value(1100100.0));
    b.put("A2", Value::string("1110111011"));
    b.put("A3", Value::boolean(true));
    CHECK(b.num("=BIN2DEC(A1)") == 100);               // a number typed in a cell counts by its digits
    CHECK(b.num("=BIN2DEC(A2)") == -69);               // 10 digits, top bit set: negative
    CHECK(b.num("=BIN2DEC(A9)") == 0);                 // blank
    CHECK(b.err("=BIN2DEC(A3)") == Err::Value);        // booleans
    CHECK(b.err("=BIN2DEC(3)") == Err::Num);           // not a binary digit
    CHECK(b.err("=BIN2DEC(2.3)") == Err::Num);
    CHECK(b.err("=BIN2DEC(10000000000)") == Err::Num); // 11 digits
    CHECK(b.num("=HEX2DEC(\"FFFFFFFF\")") == 4294967295.0);
    CHECK(b.num("=HEX2DEC(\"8000000000\")") == -549755813888.0);
    CHECK(b.num("=HEX2DEC(\"01fffffff\")") == 536870911);  // lower case accepted
    CHECK(b.err("=HEX2DEC(\"QWERTY\")") == Err::Num);
    CHECK(b.num("=OCT2DEC(7777777777)") == -1);
    CHECK(b.err("=OCT2DEC(-1)") == Err::Num);
    CHECK(b.err("=OCT2DEC(1/0)") == Err::Div0);
}

TEST_CASE("DEC2BIN/OCT/HEX and the places argument", "[functions][engineering]") {
    EngBook b;
    CHECK(b.text("=DEC2BIN(9,4)") == "1001");
    CHECK(b.text("=DEC2BIN(2.7)") == "10");             // truncated
    CHECK(b.text("=DEC2BIN(-512.8)") == "1000000000");  // toward zero: -512
    CHECK(b.err("=DEC2BIN(-513)") == Err::Num);
    CHECK(b.err("=DEC2BIN(512)") == Err::Num);
    CHECK(b.text("=DEC2BIN(-1,3)") == "1111111111");    // places ignored for negatives
    CHECK(b.err("=DEC2BIN(243,3)") == Err::Num);        // does not fit
    CHECK(b.err("=DEC2BIN(12,0)") == Err::Num);
    CHECK(b.err("=DEC2BIN(12,11)") == Err::Num);
    CHECK(b.err("=DEC2BIN(12,B9)") == Err::Num);        // a blank places is 0
    CHECK(b.text("=DEC2BIN(\"12\")") == "1100");
    CHECK(b.err("=DEC2BIN(TRUE)") == Err::Value);
    CHECK(b.text("=DEC2HEX(-1213)") == "FFFFFFFB43");
    CHECK(b.text("=DEC2HEX(549755813887)") == "7FFFFFFFFF");
    CHECK(b.err("=DEC2HEX(549755813888)") == Err::Num);
    CHECK(b.text("=DEC2OCT(536870911)") == "3777777777");
    CHECK(b.err("=DEC2OCT(536870912)") == Err::Num);
    CHECK(b.text("=DEC2OCT(511.2,9)") == "000000777");
}

TEST_CASE("Conversions between bases", "[functions][engineering]") {
    EngBook b;
    CHECK(b.text("=BIN2HEX(1100100,3)") == "064");
    CHECK(b.text("=BIN2HEX(1110111011)") == "FFFFFFFFBB");
    CHECK(b.err("=BIN2HEX(1100011011,-2)") == Err::Num);  // invalid places even for negatives
    CHECK(b.err("=BIN2HEX(1100011011,TRUE)") == Err::Value);
    CHECK(b.text("=BIN2OCT(B9)") == "0");
    CHECK(b.text("=HEX2BIN(\"FE\",9)") == "011111110");
    CHECK(b.err("=HEX2BIN(\"FE\",4)") == Err::Num);
    CHECK(b.err("=HEX2BIN(\"FFEF\")") == Err::Num);       // above 511
    CHECK(b.text("=HEX2OCT(\"FFF\")") == "7777");
    CHECK(b.err("=HEX2OCT(\"FFFFFFFF\")") == Err::Num);
    CHECK(b.text("=OCT2HEX(4000000000,2)") == "FFE0000000");
    CHECK(b.text("=OCT2BIN(776)") == "111111110");
    CHECK(b.err("=OCT2BIN(777,2)") == Err::Num);
}

TEST_CASE("BITAND BITOR BITXOR BITLSHIFT BITRSHIFT", "[functions][engineering]") {
    EngBook b;
    b.put("A1", Value::boolean(true));
    b.put("A2", Value::string("123"));
    CHECK(b.num("=BITAND(13,25)") == 9);
    CHECK(b.num("=BITOR(13,25)") == 29);
    CHECK(b.num("=BITXOR(13,25)") == 20);
    CHECK(b.num("=BITOR(A1,4)") == 5);               // booleans count here
    CHECK(b.num("=BITAND(A2,456)") == 72);           // text numbers too
    CHECK(b.num("=BITAND(2^48-1,1)") == 1);
    CHECK(b.err("=BITAND(2^48,1)") == Err::Num);
    CHECK(b.err("=BITOR(-34,2)") == Err::Num);
    CHECK(b.err("=BITXOR(12.5,3)") == Err::Num);
    CHECK(b.err("=BITAND(1/0,1)") == Err::Div0);
    CHECK(b.num("=BITLSHIFT(123123123,6)") == 7879879872.0);
    CHECK(b.num("=BITLSHIFT(12,-2)") == 3);
    CHECK(b.num("=BITRSHIFT(12,-1)") == 24);
    CHECK(b.num("=BITLSHIFT(12,34.67)") == 206158430208.0);  // shift truncated
    CHECK(b.num("=BITLSHIFT(3,B9)") == 3);
    CHECK(b.err("=BITLSHIFT(12,45)") == Err::Num);   // result reaches 2^48
    CHECK(b.num("=BITRSHIFT(12,45)") == 0);
    CHECK(b.num("=BITLSHIFT(12,-53)") == 0);
    CHECK(b.err("=BITLSHIFT(12,-54)") == Err::Num);
    CHECK(b.err("=BITRSHIFT(12,54)") == Err::Num);
}

TEST_CASE("DELTA GESTEP", "[functions][engineering]") {
    EngBook b;
    b.put("A1", Value::boolean(true));
    CHECK(b.num("=DELTA(B9)") == 1);
    CHECK(b.num("=DELTA(1)") == 0);
    CHECK(b.num("=DELTA(\"2\",\"2\")") == 1);
    CHECK(b.num("=DELTA(3+0.000000000000001,3)") == 0);  // exact comparison
    CHECK(b.err("=DELTA(A1,1)") == Err::Value);
    CHECK(b.num("=GESTEP(-2,-7)") == 1);
    CHECK(b.num("=GESTEP(-1)") == 0);
    CHECK(b.num("=GESTEP(B9,1)") == 0);
    CHECK(b.err("=GESTEP(A1)") == Err::Value);
    CHECK(b.err("=GESTEP(1/0)") == Err::Div0);
}

TEST_CASE("ERF ERFC and the PRECISE forms", "[functions][engineering]") {
    EngBook b;
    CHECK(b.num("=ERF(1)") == near(0.8427007929497149));
    CHECK(b.num("=ERF(0.745,0)") == near(-0.7079289200957377));
    CHECK(b.num("=ERF(6,-3)") == near(-1.9999779095030012));
    CHECK(b.num("=ERF(7,B9)") == near(-1.0));           // a blank upper limit is 0, not missing
    CHECK(b.num("=ERFC(-2)") == near(1.9953222650189528));
    CHECK(b.num("=ERFC(7)") == near(4.1838256077794166e-23, 1e-6));
    CHECK(b.num("=ERF.PRECISE(\"1\")") == near(0.8427007929497149));
    CHECK(b.num("=ERFC.PRECISE(0)") == 1);
    CHECK(b.err("=ERF(TRUE)") == Err::Value);
    CHECK(b.err("=ERFC(NA())") == Err::NA);
}

TEST_CASE("BESSELI BESSELJ BESSELK BESSELY", "[functions][engineering]") {
    EngBook b;
    CHECK(b.num("=BESSELI(1.5,12)") == near(6.90495511700334e-11, 1e-6));
    CHECK(b.num("=BESSELI(-10,7)") == near(-238.025587847593, 1e-6));  // odd order, negative x
    CHECK(b.num("=BESSELJ(-1,2)") == near(0.11490348499246938, 1e-6));
    CHECK(b.num("=BESSELJ(1,1.999)") == near(0.4400505856771301, 1e-6));  // order truncated
    CHECK(b.num("=BESSELK(2,30)") == near(4.2711258180315126e+30, 1e-6));
    CHECK(b.num("=BESSELY(32,10)") == near(-0.1417774805939537, 1e-6));
    CHECK(b.num("=BESSELJ(100000,5)") == near(0.001846551246313725, 1e-5));
    CHECK(b.err("=BESSELK(0,1)") == Err::Num);
    CHECK(b.err("=BESSELY(-1,1)") == Err::Num);
    CHECK(b.err("=BESSELI(2,-1)") == Err::Num);
    CHECK(b.err("=BESSELJ(TRUE,1)") == Err::Value);
    CHECK(b.num("=BESSELK(\"1\",2)") == near(1.6248388844172295, 1e-6));
}

TEST_CASE("CONVERT", "[functions][engineering]") {
    EngBook b;
    CHECK(b.num("=CONVERT(1,\"lbm\",\"g\")") == near(453.59237));
    CHECK(b.num("=CONVERT(0.05,\"Mg\",\"g\")") == near(50000));           // prefixed unit
    CHECK(b.err("=CONVERT(0.05,\"Mlbm\",\"g\")") == Err::NA);          // lbm takes no prefix
    CHECK(b.num("=CONVERT(0.05,\"Mm2\",\"m2\")") == near(5e10));        // prefix squared
    CHECK(b.num("=CONVERT(0.0002,\"Mm3\",\"m^3\")") == near(2e14));     // prefix cubed
    CHECK(b.num("=CONVERT(1,\"C\",\"K\")") == near(274.15));
    CHECK(b.num("=CONVERT(1,\"F\",\"K\")") == near(255.92777777777775));
    CHECK(b.num("=CONVERT(100,\"C\",\"F\")") == near(212));
    CHECK(b.num("=CONVERT(12,\"MK\",\"K\")") == near(12e6));
    CHECK(b.num("=CONVERT(1,\"kibyte\",\"bit\")") == near(8192));       // binary prefix
    CHECK(b.err("=CONVERT(1,\"kim\",\"m\")") == Err::NA);              // only for information
    CHECK(b.num("=CONVERT(4,\"day\",\"yr\")") == near(0.010951403148528405));
    CHECK(b.num("=CONVERT(1,\"mmHg\",\"Pa\")") == near(133.322));        // a unit, not milli-mHg
    CHECK(b.num("=CONVERT(1,\"mph\",\"m/s\")") == near(0.44704));
    CHECK(b.num("=CONVERT(\"2\",\"ft\",\"in\")") == near(24));
    CHECK(b.err("=CONVERT(1,\"m\",\"g\")") == Err::NA);                // different kinds
    CHECK(b.err("=CONVERT(1,\"M\",\"m\")") == Err::NA);                // case-sensitive
    CHECK(b.err("=CONVERT(TRUE,\"m\",\"ft\")") == Err::Value);
}

TEST_CASE("COMPLEX and parts", "[functions][engineering]") {
    EngBook b;
    CHECK(b.text("=COMPLEX(12,6)") == "12+6i");
    CHECK(b.text("=COMPLEX(1,-2,\"j\")") == "1-2j");
    CHECK(b.text("=COMPLEX(1,1)") == "1+i");
    CHECK(b.text("=COMPLEX(0,5)") == "5i");
    CHECK(b.text("=COMPLEX(-12,0)") == "-12");
    CHECK(b.text("=COMPLEX(0,0)") == "0");
    CHECK(b.text("=COMPLEX(B9,1,\"j\")") == "j");
    CHECK(b.text("=COMPLEX(1.2E-45,-3)") == "1.2E-45-3i");
    CHECK(b.text("=COMPLEX(1E-18,0)") == "0.000000000000000001");
    CHECK(b.text("=COMPLEX(1E-20,0)") == "1E-20");
    CHECK(b.err("=COMPLEX(1,2,0)") == Err::Value);
    CHECK(b.err("=COMPLEX(1,2,\"I\")") == Err::Value);
    CHECK(b.err("=COMPLEX(1/0,2)") == Err::Div0);
    CHECK(b.num("=IMREAL(\"-23.1234-45.899i\")") == near(-23.1234));
    CHECK(b.num("=IMAGINARY(\"-j\")") == -1);
    CHECK(b.num("=IMABS(\"4+3i\")") == near(5));
    CHECK(b.num("=IMARGUMENT(\"1+i\")") == near(0.7853981633974483));
    CHECK(b.err("=IMARGUMENT(\"0\")") == Err::Div0);
    CHECK(b.text("=IMCONJUGATE(\"1-2j\")") == "1+2j");
    CHECK(b.err("=IMREAL(\"1+2k\")") == Err::Num);
    CHECK(b.err("=IMREAL(\"1 + 2i\")") == Err::Num);
    CHECK(b.err("=IMREAL(TRUE)") == Err::Value);
    CHECK(b.num("=IMREAL(7)") == 7);
}

TEST_CASE("Complex arithmetic and functions", "[functions][engineering]") {
    EngBook b;
    b.put("A1", Value::string("3+4i"));
    b.put("A2", Value::string("-4+5i"));
    CHECK(b.text("=IMPRODUCT(A1,A2)") == "-32-i");
    CHECK(b.text("=IMSUM(A1:A2)") == "-1+9i");
    CHECK(b.text("=IMSUM(B8,B9)") == "0");              // blanks are 0
    CHECK(b.text("=IMSUB(A1,A2)") == "7-i");
    CHECK(b.text("=IMPRODUCT(\"i\",\"i\")") == "-1");
    CHECK(b.err("=IMSUM(\"i\",\"j\")") == Err::Value);   // mixed suffixes
    CHECK(b.num("=IMREAL(IMDIV(A1,A2))") == near(0.195121951219512, 1e-12));
    CHECK(b.err("=IMDIV(A1,0)") == Err::Num);
    CHECK(b.num("=IMREAL(IMPOWER(\"2i\",2))") == near(-4));
    CHECK(b.num("=IMAGINARY(IMPOWER(\"2i\",2))") == near(4.89858719658941e-16, 1e-6));  // polar form, as Excel
    CHECK(b.err("=IMPOWER(0,0)") == Err::Num);
    CHECK(b.num("=IMREAL(IMSQRT(\"-1\"))") == near(6.12323399573677e-17, 1e-6));
    CHECK(b.num("=IMREAL(IMSIN(\"12+6i\"))") == near(-108.23514748054, 1e-9));
    CHECK(b.num("=IMAGINARY(IMCOS(\"1-2j\"))") == near(3.0518977991518, 1e-9));
    CHECK(b.num("=IMAGINARY(IMTAN(\"5i\"))") == near(0.999909204262595, 1e-9));
    CHECK(b.num("=IMREAL(IMSECH(\"-12\"))") == near(1.22884247061925e-05, 1e-9));
    CHECK(b.num("=IMAGINARY(IMCOT(\"j\"))") == near(-1.31303528549933, 1e-9));
    CHECK(b.num("=IMREAL(IMLOG10(\"1E-18\"))") == near(-18));
    CHECK(b.num("=IMREAL(IMLOG2(8))") == near(3));
    CHECK(b.num("=IMAGINARY(IMLN(\"-1\"))") == near(3.14159265358979, 1e-12));
    CHECK(b.num("=IMREAL(IMEXP(\"-1\"))") == near(0.367879441171442, 1e-12));
    CHECK(b.err("=IMLN(\"0\")") == Err::Num);
    CHECK(b.err("=IMCSC(0)") == Err::Num);
    CHECK(b.err("=IMCSCH(0)") == Err::Num);
    CHECK(b.text("=IMSEC(0)") == "1");
    CHECK(b.text("=IMSINH(\"0\")") == "0");
}
