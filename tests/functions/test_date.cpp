// test_date.cpp — date and time functions through real formulas: Excel's 1900 calendar
// (serial 60 = 1900-02-29), the 1904 system, text dates, week numbering, working days and
// day-count bases (cases partly from calc_tests/DATE_AND_TIME, cached by Excel).
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

struct DateBook {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    double now = -1;
    void put(const char* a1, Value v) { wb.set_value(s, *parse_cell(a1), v); }
    Value eval(const std::string& f) {
        Calculator calc(wb);
        if (now >= 0) calc.set_now(now);
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

}  // namespace

TEST_CASE("DATE, Excel's 1900 calendar and overflow", "[functions][date]") {
    DateBook b;
    CHECK(b.num("=DATE(2024,1,31)") == 45322);
    CHECK(b.num("=DATE(2024,12,31)") == 45657);
    CHECK(b.num("=DATE(2022,13,1)") == b.num("=DATE(2023,1,1)"));
    CHECK(b.num("=DATE(1976,1,60)") == b.num("=DATE(1976,2,29)"));
    CHECK(b.num("=DATE(2024,0,1)") == b.num("=DATE(2023,12,1)"));
    CHECK(b.num("=DATE(1900,1,1)") == 1);
    CHECK(b.num("=DATE(1900,2,29)") == 60);   // the fictitious leap day
    CHECK(b.num("=DATE(1900,3,1)") == 61);
    CHECK(b.num("=DATE(1900,1,0)") == 0);
    CHECK(b.num("=DATE(99,1,1)") == b.num("=DATE(1999,1,1)"));  // years below 1900 are offsets
    CHECK(b.num("=DATE(9999,12,31)") == 2958465);
    CHECK(b.num("=DATE(2024.9,1.9,1.9)") == b.num("=DATE(2024,1,1)"));
    CHECK(b.err("=DATE(10000,1,1)") == Err::Num);
    CHECK(b.err("=DATE(9999,13,-1)") == Err::Num);
    CHECK(b.err("=DATE(0,0,1)") == Err::Num);
    CHECK(b.err("=DATE(-1,1,1)") == Err::Num);
    CHECK(b.err("=DATE(\"x\",1,1)") == Err::Value);
    CHECK(b.err("=DATE(1/0,1,1)") == Err::Div0);
}

TEST_CASE("the 1904 date system", "[functions][date]") {
    DateBook b;
    b.wb.settings().date1904 = true;
    CHECK(b.num("=DATE(1904,1,1)") == 0);
    CHECK(b.num("=DATE(2024,1,1)") == 45292 - 1462);
    CHECK(b.num("=YEAR(0)") == 1904);
    CHECK(b.num("=WEEKDAY(0)") == 6);  // 1904-01-01 was a Friday
    CHECK(b.num("=DATEVALUE(\"2024-1-1\")") == 45292 - 1462);
    CHECK(b.num("=EOMONTH(DATE(1904,1,15),1)") == 59);  // 1904-02-29
}

TEST_CASE("YEAR MONTH DAY HOUR MINUTE SECOND", "[functions][date]") {
    DateBook b;
    CHECK(b.num("=YEAR(60)") == 1900);
    CHECK(b.num("=MONTH(60)") == 2);
    CHECK(b.num("=DAY(60)") == 29);
    CHECK(b.num("=DAY(0)") == 0);
    CHECK(b.num("=MONTH(0)") == 1);
    CHECK(b.num("=YEAR(\"2024-3-5\")") == 2024);
    CHECK(b.num("=DAY(45322.99)") == 31);
    CHECK(b.num("=YEAR(TRUE)") == 1900);
    CHECK(b.err("=YEAR(-1)") == Err::Num);
    CHECK(b.err("=YEAR(2958466)") == Err::Num);
    CHECK(b.err("=MONTH(\"abc\")") == Err::Value);
    CHECK(b.num("=HOUR(0.75)") == 18);
    CHECK(b.num("=MINUTE(\"12:34:56\")") == 34);
    CHECK(b.num("=SECOND(TIME(1,2,3))") == 3);
    CHECK(b.num("=SECOND(0.4257754629629744)") == 7);  // 10:13:07 despite binary noise
    CHECK(b.num("=HOUR(0.99999999)") == 0);             // rounds to the next midnight
    CHECK(b.num("=HOUR(45292.5)") == 12);
    CHECK(b.err("=HOUR(-0.5)") == Err::Num);
}

TEST_CASE("TIME TIMEVALUE DATEVALUE TODAY NOW", "[functions][date]") {
    DateBook b;
    CHECK(b.num("=TIME(12,30,0)") == Approx(0.5208333333333334));
    CHECK(b.num("=TIME(23,59,60)") == 0);        // a whole day wraps to 0
    CHECK(b.num("=TIME(23,120,0)") == Approx(1.0 / 24));
    CHECK(b.num("=TIME(0,-1,120)") == Approx(60.0 / 86400));
    CHECK(b.err("=TIME(0,0,-1)") == Err::Num);
    CHECK(b.err("=TIME(40000,0,0)") == Err::Num);
    CHECK(b.num("=TIMEVALUE(\"12:00 PM\")") == 0.5);
    CHECK(b.num("=TIMEVALUE(\"12:00 AM\")") == 0);
    CHECK(b.num("=TIMEVALUE(\" 1:30 \")") == 0.0625);
    CHECK(b.num("=TIMEVALUE(\"24:00\")") == 0);
    CHECK(b.num("=TIMEVALUE(\"2024-1-1 6:00\")") == 0.25);
    CHECK(b.err("=TIMEVALUE(0.5)") == Err::Value);
    CHECK(b.num("=DATEVALUE(\"2024-02-29 06:00\")") == 45351);
    CHECK(b.num("=DATEVALUE(\"29-Feb-1900\")") == 60);
    CHECK(b.num("=DATEVALUE(\"1-Mar-1900\")") == 61);
    CHECK(b.num("=DATEVALUE(\"2024年12月31日\")") == 45657);
    CHECK(b.num("=DATEVALUE(\"2024/1/31\")") == 45322);
    CHECK(b.num("=DATEVALUE(\"1/31/2024\")") == 45322);
    CHECK(b.num("=DATEVALUE(\"Jan 31, 2024\")") == 45322);
    CHECK(b.err("=DATEVALUE(\"2023-2-29\")") == Err::Value);
    CHECK(b.err("=DATEVALUE(45000)") == Err::Value);
    CHECK(b.err("=DATEVALUE(\"123\")") == Err::Value);
    b.now = 45292.75;
    CHECK(b.num("=TODAY()") == 45292);
    CHECK(b.num("=NOW()") == 45292.75);
}

TEST_CASE("EDATE and EOMONTH", "[functions][date]") {
    DateBook b;
    CHECK(b.num("=EDATE(DATE(2024,1,31),1)") == b.num("=DATE(2024,2,29)"));
    CHECK(b.num("=EDATE(DATE(2024,3,31),-1)") == b.num("=DATE(2024,2,29)"));
    CHECK(b.num("=EDATE(DATE(2023,1,31),1.9)") == b.num("=DATE(2023,2,28)"));  // months truncated
    CHECK(b.num("=EDATE(\"2024-1-15\",\"2\")") == b.num("=DATE(2024,3,15)"));
    CHECK(b.num("=EOMONTH(DATE(2023,3,2),7)") == b.num("=DATE(2023,10,31)"));
    CHECK(b.num("=EOMONTH(DATE(2023,3,2),-4.7)") == b.num("=DATE(2022,11,30)"));
    CHECK(b.num("=EOMONTH(DATE(2023,3,2),-1240.333)") == b.num("=DATE(1919,11,30)"));
    CHECK(b.num("=EOMONTH(DATE(1900,1,15),1)") == 60);  // February 1900 ends on the 29th in Excel
    CHECK(b.err("=EOMONTH(DATE(2023,3,2),TRUE)") == Err::Value);  // booleans rejected
    CHECK(b.err("=EDATE(DATE(1900,3,1),-3)") == Err::Num);
    CHECK(b.err("=EDATE(-1,1)") == Err::Num);
}

TEST_CASE("WEEKDAY WEEKNUM ISOWEEKNUM", "[functions][date]") {
    DateBook b;
    const std::string mon = "DATE(2024,1,1)";  // a Monday
    CHECK(b.num("=WEEKDAY(" + mon + ")") == 2);
    CHECK(b.num("=WEEKDAY(" + mon + ",2)") == 1);
    CHECK(b.num("=WEEKDAY(" + mon + ",3)") == 0);
    CHECK(b.num("=WEEKDAY(" + mon + ",11)") == 1);
    CHECK(b.num("=WEEKDAY(" + mon + ",12)") == 7);
    CHECK(b.num("=WEEKDAY(" + mon + ",17)") == 2);
    CHECK(b.num("=WEEKDAY(1)") == 1);   // Excel's 1900-01-01 is a Sunday
    CHECK(b.num("=WEEKDAY(0)") == 7);
    CHECK(b.err("=WEEKDAY(" + mon + ",4)") == Err::Num);
    CHECK(b.err("=WEEKDAY(-1)") == Err::Num);
    CHECK(b.num("=WEEKNUM(DATE(2024,1,6))") == 1);
    CHECK(b.num("=WEEKNUM(DATE(2024,1,7))") == 2);      // weeks start on Sunday
    CHECK(b.num("=WEEKNUM(DATE(2024,1,7),2)") == 1);    // … or on Monday
    CHECK(b.num("=WEEKNUM(DATE(2024,1,8),2)") == 2);
    CHECK(b.num("=WEEKNUM(DATE(2024,12,31))") == 53);
    CHECK(b.num("=WEEKNUM(DATE(2021,1,1),21)") == 53);
    CHECK(b.err("=WEEKNUM(DATE(2021,1,1),5)") == Err::Num);
    CHECK(b.num("=ISOWEEKNUM(DATE(2021,1,1))") == 53);
    CHECK(b.num("=ISOWEEKNUM(DATE(2024,12,30))") == 1);
    CHECK(b.num("=ISOWEEKNUM(DATE(2024,6,15))") == 24);
}

TEST_CASE("DATEDIF DAYS DAYS360", "[functions][date]") {
    DateBook b;
    const std::string s = "DATE(2020,1,15)", e = "DATE(2024,3,10)";
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"Y\")") == 4);
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"m\")") == 49);
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"D\")") == 45361 - 43845);
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"MD\")") == 24);
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"YM\")") == 1);
    CHECK(b.num("=DATEDIF(" + s + "," + e + ",\"YD\")") == 55);
    CHECK(b.num("=DATEDIF(DATE(2024,1,31),DATE(2024,2,29),\"M\")") == 0);
    CHECK(b.err("=DATEDIF(" + e + "," + s + ",\"Y\")") == Err::Num);
    CHECK(b.err("=DATEDIF(" + s + "," + e + ",\"W\")") == Err::Num);
    CHECK(b.num("=DAYS(\"2024-3-1\",\"2024-2-1\")") == 29);
    CHECK(b.num("=DAYS(DATE(2025,1,1),DATE(2025,1,10))") == -9);
    CHECK(b.num("=DAYS(46000.999999,45992.000001)") == 8);
    CHECK(b.num("=DAYS360(DATE(2024,2,29),DATE(2025,2,28))") == 358);
    CHECK(b.num("=DAYS360(DATE(2024,2,28),DATE(2024,3,1))") == 3);
    CHECK(b.num("=DAYS360(DATE(2025,1,1),DATE(2025,1,31))") == 30);
    CHECK(b.num("=DAYS360(DATE(2025,1,1),DATE(2025,1,31),TRUE)") == 29);
    CHECK(b.num("=DAYS360(DATE(2025,6,30),DATE(2025,7,31))") == 30);
    CHECK(b.num("=DAYS360(45992.000001,46000.999999)") == 9);  // DAYS360 rounds to the second
    CHECK(b.err("=DAYS360(DATE(2025,1,1),DATE(2025,1,31),\"abc\")") == Err::Value);
}

TEST_CASE("NETWORKDAYS WORKDAY and their .INTL forms", "[functions][date]") {
    DateBook b;
    b.put("H1", Value(45292.0));  // 2024-01-01, a Monday
    b.put("H2", Value(45306.0));  // 2024-01-15
    b.put("H3", Value(45306.0));  // duplicate holiday counts once
    const std::string jan1 = "DATE(2024,1,1)", jan31 = "DATE(2024,1,31)";
    CHECK(b.num("=NETWORKDAYS(" + jan1 + "," + jan31 + ")") == 23);
    CHECK(b.num("=NETWORKDAYS(" + jan1 + "," + jan31 + ",H1:H3)") == 21);
    CHECK(b.num("=NETWORKDAYS(" + jan31 + "," + jan1 + ")") == -23);
    CHECK(b.num("=NETWORKDAYS.INTL(" + jan1 + "," + jan31 + ",11)") == 27);  // Sundays only
    CHECK(b.num("=NETWORKDAYS.INTL(" + jan1 + "," + jan31 + ",\"0000011\")") == 23);
    CHECK(b.num("=NETWORKDAYS.INTL(" + jan1 + "," + jan31 + ",7)") == 23);  // Friday and Saturday
    CHECK(b.err("=NETWORKDAYS.INTL(" + jan1 + "," + jan31 + ",\"1111111\")") == Err::Value);
    CHECK(b.err("=NETWORKDAYS.INTL(" + jan1 + "," + jan31 + ",8)") == Err::Num);
    CHECK(b.num("=WORKDAY(DATE(2024,1,5),1)") == b.num("=DATE(2024,1,8)"));
    CHECK(b.num("=WORKDAY(DATE(2024,1,8),-1)") == b.num("=DATE(2024,1,5)"));
    CHECK(b.num("=WORKDAY(DATE(2024,1,12),1,H1:H3)") == b.num("=DATE(2024,1,16)"));
    CHECK(b.num("=WORKDAY(DATE(2024,1,5),0)") == b.num("=DATE(2024,1,5)"));
    CHECK(b.num("=WORKDAY.INTL(DATE(2024,1,5),1,7)") == b.num("=DATE(2024,1,7)"));
    CHECK(b.num("=WORKDAY.INTL(DATE(2024,1,5),1,\"0000011\")") == b.num("=DATE(2024,1,8)"));
    // A long jump agrees with counting the days one by one.
    double far = b.num("=WORKDAY(" + jan1 + ",260,H1:H3)");
    CHECK(b.num("=NETWORKDAYS(" + jan1 + "+1," + std::to_string(far) + ",H1:H3)") == 260);
    CHECK(b.num("=NETWORKDAYS(" + std::to_string(far) + "," + std::to_string(far) + ")") == 1);
    CHECK(b.err("=WORKDAY(TRUE,1)") == Err::Value);
}

TEST_CASE("YEARFRAC day-count bases", "[functions][date]") {
    DateBook b;
    const std::string s = "DATE(2008,3,1)", e = "DATE(2008,8,31)";
    CHECK(b.num("=YEARFRAC(" + s + "," + e + ")") == Approx(0.5));
    CHECK(b.num("=YEARFRAC(" + s + "," + e + ",1)") == Approx(0.5));
    CHECK(b.num("=YEARFRAC(" + s + "," + e + ",2)") == Approx(0.5083333333333333));
    CHECK(b.num("=YEARFRAC(" + s + "," + e + ",3)") == Approx(0.5013698630136987));
    CHECK(b.num("=YEARFRAC(" + s + "," + e + ",4)") == Approx(0.49722222222222223));
    CHECK(b.num("=YEARFRAC(DATE(2007,3,1),DATE(2007,8,31),1)") == Approx(0.5013698630136987));
    CHECK(b.num("=YEARFRAC(DATE(2017,2,3),DATE(2017,12,1),0)") == Approx(0.8277777777777777));
    CHECK(b.num("=YEARFRAC(" + e + "," + s + ",2)") == Approx(0.5083333333333333));  // order ignored
    CHECK(b.num("=YEARFRAC(DATE(2020,1,1),DATE(2023,1,1),1)") == Approx(1096.0 / (1461.0 / 4)));
    CHECK(b.err("=YEARFRAC(" + s + "," + e + ",5)") == Err::Num);
    CHECK(b.err("=YEARFRAC(-1," + e + ")") == Err::Num);
}
