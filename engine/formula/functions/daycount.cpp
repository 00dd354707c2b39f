// daycount.cpp — day-count bases and coupon schedules (see daycount.h).
#include "formula/functions/daycount.h"

#include <cmath>

#include "core/number_text.h"

namespace sp::daycount {

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m, bool d1904) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    // February 1900 has Excel's fictitious 29th in the 1900 system.
    if (m == 2) return (is_leap(y) || (y == 1900 && !d1904)) ? 29 : 28;
    return kDays[m - 1];
}

Ymd ymd(double s, bool d1904) {
    Ymd x;
    serial_to_date(s, x.y, x.m, x.d, d1904);
    return x;
}

double serial(const Ymd& x, bool d1904) { return date_to_serial(x.y, x.m, x.d, d1904); }

bool is_month_end(double s, bool d1904) {
    Ymd x = ymd(s, d1904);
    return x.d == days_in_month(x.y, x.m, d1904);
}

double add_months(double from, int months, bool month_end, bool d1904) {
    Ymd x = ymd(from, d1904);
    int total = x.y * 12 + (x.m - 1) + months;
    x.y = total / 12;
    x.m = total % 12 + 1;
    int dim = days_in_month(x.y, x.m, d1904);
    if (month_end || x.d > dim) x.d = dim;
    return serial(x, d1904);
}

// 30/360 day counts. US (NASD, as DAYS360 with method FALSE): a start on the 31st or on
// the last day of February counts as the 30th; an end on the 31st counts as the 30th
// when the start is (now) the 30th. European: every 31st is the 30th.
static double days360(double a, double b, bool european, bool d1904) {
    Ymd x = ymd(a, d1904), y = ymd(b, d1904);
    int d1 = x.d, d2 = y.d;
    if (european) {
        if (d1 == 31) d1 = 30;
        if (d2 == 31) d2 = 30;
    } else {
        if (d1 == 31 || (x.m == 2 && d1 == days_in_month(x.y, 2, d1904))) d1 = 30;
        if (d2 == 31 && d1 >= 30) d2 = 30;
    }
    return double(y.y - x.y) * 360 + double(y.m - x.m) * 30 + double(d2 - d1);
}

double days(double a, double b, int basis, bool d1904) {
    if (basis == 0) return days360(a, b, false, d1904);
    if (basis == 4) return days360(a, b, true, d1904);
    return b - a;
}

double year_days(double a, double b, int basis, bool d1904) {
    switch (basis) {
        case 1: {
            Ymd x = ymd(a, d1904), y = ymd(b, d1904);
            if (x.y == y.y) return is_leap(x.y) ? 366 : 365;
            if (y.y == x.y + 1 && (x.m > y.m || (x.m == y.m && x.d >= y.d))) {
                // At most a year apart: 366 when a 29 February lies in the interval.
                bool feb29 = (is_leap(x.y) && (x.m < 2 || (x.m == 2 && x.d <= 29))) ||
                             (is_leap(y.y) && (y.m > 2 || (y.m == 2 && y.d == 29)));
                return feb29 ? 366 : 365;
            }
            double total = 0;
            for (int yr = x.y; yr <= y.y; ++yr) total += is_leap(yr) ? 366 : 365;
            return total / double(y.y - x.y + 1);
        }
        case 3: return 365;
        default: return 360;
    }
}

// YEARFRAC's basis 0 differs from DAYS360: two month-ends of February both count as the 30th.
double year_frac(double a, double b, int basis, bool d1904) {
    if (basis == 0) {
        Ymd x = ymd(a, d1904), y = ymd(b, d1904);
        auto last_of_feb = [&](const Ymd& z) { return z.m == 2 && z.d == days_in_month(z.y, 2, d1904); };
        int d1 = x.d, d2 = y.d;
        if (d1 == 31 && d2 == 31) { d1 = 30; d2 = 30; }
        else if (d1 == 31) d1 = 30;
        else if (d1 == 30 && d2 == 31) d2 = 30;
        else if (last_of_feb(x) && last_of_feb(y)) { d1 = 30; d2 = 30; }
        else if (last_of_feb(x)) d1 = 30;
        return (double(y.y - x.y) * 360 + double(y.m - x.m) * 30 + double(d2 - d1)) / 360;
    }
    if (basis == 4) return days360(a, b, true, d1904) / 360;
    return (b - a) / year_days(a, b, basis, d1904);
}

Schedule schedule(double anchor, int freq, bool d1904) {
    return Schedule{anchor, 12 / freq, is_month_end(anchor, d1904), d1904};
}

Coupons coupons(double settlement, double maturity, int freq, bool d1904) {
    Schedule s = schedule(maturity, freq, d1904);
    // Estimate the number of periods back from maturity, then correct.
    Ymd a = ymd(settlement, d1904), b = ymd(maturity, d1904);
    int months = (b.y - a.y) * 12 + (b.m - a.m);
    int k = months / s.step;
    if (k < 1) k = 1;
    while (k > 1 && s.date(-(k - 1)) <= settlement) --k;
    while (s.date(-k) > settlement) ++k;
    return Coupons{s.date(-k), s.date(-(k - 1)), k};
}

double period_days(double pcd, double ncd, int freq, int basis, bool) {
    if (basis == 1) return ncd - pcd;
    return (basis == 3 ? 365.0 : 360.0) / freq;
}

}  // namespace sp::daycount
