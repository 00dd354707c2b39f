// daycount.h — Excel's day-count bases and coupon schedules for the security functions
// (ACCRINT, COUP*, PRICE, YIELD, ODD*…). Dates are whole-day serials of the workbook's
// date system. Bases: 0 US 30/360, 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.
#pragma once

namespace sp::daycount {

struct Ymd {
    int y = 1900, m = 1, d = 1;
};

Ymd ymd(double serial, bool d1904);
double serial(const Ymd& x, bool d1904);
int days_in_month(int y, int m, bool d1904);
bool is_month_end(double serial, bool d1904);

// The date `months` months after `from` (negative: before); the day is clamped to the
// month's length, or is the month's last day when `month_end`.
double add_months(double from, int months, bool month_end, bool d1904);

// Days from a to b as counted by `basis` (30/360 for 0 and 4, actual otherwise).
double days(double a, double b, int basis, bool d1904);
// Excel's YEARFRAC(a, b, basis) (a <= b).
double year_frac(double a, double b, int basis, bool d1904);
// Days in a year for the discount securities (DISC, PRICEDISC…): 360, 365, or for
// basis 1 the average year length over the years spanned (as YEARFRAC does).
double year_days(double a, double b, int basis, bool d1904);

// The regular coupon schedule of a bond, counted back from maturity.
struct Coupons {
    double pcd = 0;   // coupon date on or before settlement
    double ncd = 0;   // next coupon date after settlement
    int count = 0;    // coupons from ncd to maturity inclusive
};
Coupons coupons(double settlement, double maturity, int freq, bool d1904);

// Length in days of the coupon period [pcd, ncd] (COUPDAYS): actual for basis 1,
// 365/freq for basis 3, 360/freq otherwise.
double period_days(double pcd, double ncd, int freq, int basis, bool d1904);

// A quasi-coupon schedule anchored at `anchor`, stepping 12/freq months; the month-end
// rule follows the anchor. date(k) is the k-th date after the anchor (k < 0: before).
struct Schedule {
    double anchor;
    int step;        // months
    bool month_end;
    bool d1904;
    double date(int k) const { return add_months(anchor, k * step, month_end, d1904); }
};
Schedule schedule(double anchor, int freq, bool d1904);

}  // namespace sp::daycount
