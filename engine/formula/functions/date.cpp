// date.cpp — the date and time family on Excel date serials: 1900 system (with the
// fictitious 1900-02-29, serial 60, so 1900-01-01 is a "Sunday") or 1904 system.
//
// Conventions: serials are truncated to whole days where a date is meant; a serial below
// 0 or past 9999-12-31 (2958465) is #NUM!; text dates are read like VALUE does. The
// Analysis ToolPak functions (EDATE, EOMONTH, WORKDAY, NETWORKDAYS, YEARFRAC, WEEKNUM)
// reject booleans with #VALUE!, as Excel does.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "formula/functions/args.h"
#include "core/number_text.h"
#include "formula/function.h"

namespace sp {
namespace {

constexpr double kMaxSerial = 2958465;  // 9999-12-31

Value error(Err e) { return Value::error(e); }


// A number argument; text is read as a number or a date (in the workbook's date system).


// A date argument: truncated to a whole day, #NUM! when out of range.
#define DATE_ARG(i, var, allow_bool)                                                  \
    double var;                                                                       \
    if (Err e_ = number_arg(ctx, args, i, var, 0, allow_bool); e_ != Err::None) return error(e_); \
    var = std::floor(var);                                                            \
    if (var < 0 || var > kMaxSerial) return error(Err::Num)

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days in a month of Excel's calendar (February 1900 has 29 days in the 1900 system).
int days_in_month(int y, int m, bool date1904) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (is_leap(y) || (y == 1900 && !date1904)) ? 29 : 28;
    return kDays[m - 1];
}

struct Ymd {
    int y = 1900, m = 1, d = 0;
};

bool to_ymd(double serial, Ymd& out, bool date1904) { return serial_to_date(serial, out.y, out.m, out.d, date1904); }

Value serial_result(double s) {
    if (!(s >= 0 && s <= kMaxSerial)) return error(Err::Num);
    return Value(s);
}

// 0 = Sunday … 6 = Saturday, by Excel's serial arithmetic.
int weekday0(double serial, bool date1904) { return int(std::fmod(std::floor(serial) + (date1904 ? 5 : 6), 7.0)); }

// --- construction -----------------------------------------------------------------------

// DATE(year, month, day): years 0–1899 are taken as 1900–3799; months and days overflow.
Operand fn_date(CallContext& ctx, Args args) {
    NUM_ARG(0, y, 0);
    NUM_ARG(1, m, 0);
    NUM_ARG(2, d, 0);
    y = std::trunc(y);
    m = std::trunc(m);
    d = std::trunc(d);
    if (y < 0 || y >= 10000) return error(Err::Num);
    if (y < 1900) y += 1900;
    if (std::fabs(m) > 1e6 || std::fabs(d) > 1e8) return error(Err::Num);
    // The year after month overflow must still be at most 9999 (DATE(9999,13,-1) is #NUM!).
    if (y + std::floor((m - 1) / 12) > 9999) return error(Err::Num);
    return serial_result(date_to_serial(int(y), int(m), int(d), ctx.date1904()));
}

// TIME(hour, minute, second): the time of day of the total, #NUM! when it is negative.
Operand fn_time(CallContext& ctx, Args args) {
    NUM_ARG(0, h, 0);
    NUM_ARG(1, m, 0);
    NUM_ARG(2, s, 0);
    h = std::trunc(h);
    m = std::trunc(m);
    s = std::trunc(s);
    if (h > 32767 || m > 32767 || s > 32767) return error(Err::Num);
    double total = h * 3600 + m * 60 + s;
    if (total < 0) return error(Err::Num);
    return Value(std::fmod(total, 86400.0) / 86400.0);
}

// Text argument of DATEVALUE/TIMEVALUE (numbers are not accepted).
Err date_text(CallContext& ctx, Args args, double& out) {
    Value v = ctx.scalar(args[0]);
    if (v.is_error()) return v.error();
    if (!v.is_string()) return Err::Value;
    auto n = coerce_text_to_number(v.string(), ctx.date1904(), ctx.day_first());
    if (!n || *n < 0) return Err::Value;
    // Plain numbers ("123") are not dates.
    if (parse_number_text(v.string())) return Err::Value;
    out = *n;
    return Err::None;
}

Operand fn_datevalue(CallContext& ctx, Args args) {
    double s = 0;
    if (Err e = date_text(ctx, args, s); e != Err::None) return error(e);
    s = std::floor(s);
    if (s > kMaxSerial) return error(Err::Value);
    return Value(s);
}

Operand fn_timevalue(CallContext& ctx, Args args) {
    double s = 0;
    if (Err e = date_text(ctx, args, s); e != Err::None) return error(e);
    return Value(s - std::floor(s));
}

Operand fn_today(CallContext& ctx, Args) { return Value(std::floor(ctx.now_serial())); }
Operand fn_now(CallContext& ctx, Args) { return Value(ctx.now_serial()); }

// --- parts ------------------------------------------------------------------------------

template <int Part>
Operand date_part(CallContext& ctx, Args args) {
    NUM_ARG(0, s, 0);
    if (s < 0 || s >= kMaxSerial + 1) return error(Err::Num);
    Ymd d;
    if (!to_ymd(s, d, ctx.date1904())) return error(Err::Num);
    return Value(double(Part == 0 ? d.y : Part == 1 ? d.m : d.d));
}

// HOUR/MINUTE/SECOND: the time of day rounded to the nearest second.
template <int Part>
Operand time_part(CallContext& ctx, Args args) {
    NUM_ARG(0, s, 0);
    if (s < 0 || s >= kMaxSerial + 1) return error(Err::Num);
    double secs = std::floor((s - std::floor(s)) * 86400.0 + 0.5);
    if (secs >= 86400) secs -= 86400;
    int64_t t = int64_t(secs);
    return Value(double(Part == 0 ? t / 3600 : Part == 1 ? t % 3600 / 60 : t % 60));
}

// WEEKDAY(serial, [type]): 1 Sun=1…Sat=7; 2 Mon=1…Sun=7; 3 Mon=0…Sun=6; 11–17: 1 for Mon…Sun.
Operand fn_weekday(CallContext& ctx, Args args) {
    NUM_ARG(0, s, 0);
    NUM_ARG(1, type, 1);
    if (s < 0 || s >= kMaxSerial + 1) return error(Err::Num);
    int t = int(std::trunc(type));
    int wd = weekday0(s, ctx.date1904());  // 0 = Sunday
    int first;                             // weekday (0 = Sunday) numbered 1 (or 0 for type 3)
    switch (t) {
        case 1: case 17: first = 0; break;
        case 2: case 11: first = 1; break;
        case 3: return Value(double((wd + 6) % 7));
        case 12: first = 2; break;
        case 13: first = 3; break;
        case 14: first = 4; break;
        case 15: first = 5; break;
        case 16: first = 6; break;
        default: return error(Err::Num);
    }
    return Value(double((wd - first + 7) % 7 + 1));
}

int iso_week(double serial, bool date1904) {
    int wd = (weekday0(serial, date1904) + 6) % 7;  // Monday = 0
    double thursday = serial - wd + 3;
    Ymd t;
    to_ymd(std::max(0.0, thursday), t, date1904);
    double jan1 = date_to_serial(t.y, 1, 1, date1904);
    return int((thursday - jan1) / 7) + 1;
}

// WEEKNUM(serial, [type]): week 1 holds January 1; weeks start on Sunday (1, 17),
// Monday (2, 11) … Saturday (16); type 21 is the ISO week.
Operand fn_weeknum(CallContext& ctx, Args args) {
    ATP_ARG(0, s, 0);
    ATP_ARG(1, type, 1);
    if (s < 0 || s >= kMaxSerial + 1) return error(Err::Num);
    s = std::floor(s);
    int t = int(std::trunc(type));
    bool d1904 = ctx.date1904();
    if (t == 21) return Value(double(iso_week(s, d1904)));
    int start;
    switch (t) {
        case 1: case 17: start = 0; break;
        case 2: case 11: start = 1; break;
        case 12: start = 2; break;
        case 13: start = 3; break;
        case 14: start = 4; break;
        case 15: start = 5; break;
        case 16: start = 6; break;
        default: return error(Err::Num);
    }
    Ymd d;
    if (!to_ymd(s, d, d1904)) return error(Err::Num);
    double jan1 = date_to_serial(d.y, 1, 1, d1904);
    if (d.y == 1900 && !d1904) jan1 = 1;
    int offset = (weekday0(jan1, d1904) - start + 7) % 7;
    return Value(std::floor((s - jan1 + offset) / 7) + 1);
}

Operand fn_isoweeknum(CallContext& ctx, Args args) {
    DATE_ARG(0, s, true);
    return Value(double(iso_week(s, ctx.date1904())));
}

// --- month arithmetic -------------------------------------------------------------------

// The serial of (start moved by `months`), with the day clamped (or the month's end).
Value add_months(CallContext& ctx, double start, double months, bool end_of_month) {
    if (start < 0 || start > kMaxSerial) return error(Err::Num);
    bool d1904 = ctx.date1904();
    Ymd d;
    if (!to_ymd(std::floor(start), d, d1904)) return error(Err::Num);
    months = std::trunc(months);
    if (std::fabs(months) > 120000) return error(Err::Num);
    long total = long(d.y) * 12 + (d.m - 1) + long(months);
    int y = int(std::floor(double(total) / 12)), m = int(total - long(y) * 12) + 1;
    if (y < (d1904 ? 1904 : 1900) || y > 9999) return error(Err::Num);
    int dim = days_in_month(y, m, d1904);
    int day = end_of_month ? dim : std::min(std::max(d.d, 1), dim);
    if (!end_of_month && d.d == 0) day = 0;  // serial 0 (1900-01-00) keeps its day 0
    return serial_result(date_to_serial(y, m, day, d1904));
}

Operand fn_edate(CallContext& ctx, Args args) {
    ATP_ARG(0, start, 0);
    ATP_ARG(1, months, 0);
    return add_months(ctx, start, months, false);
}

Operand fn_eomonth(CallContext& ctx, Args args) {
    ATP_ARG(0, start, 0);
    ATP_ARG(1, months, 0);
    return add_months(ctx, start, months, true);
}

// DATEDIF(start, end, unit): whole years "Y", months "M", days "D"; "MD" days ignoring
// months and years (negative in Excel when the start day exceeds the month before the
// end, e.g. Jan 31 -> Mar 1 is -2: kept), "YM" months ignoring years, "YD" days ignoring years.
Operand fn_datedif(CallContext& ctx, Args args) {
    DATE_ARG(0, s, true);
    DATE_ARG(1, e, true);
    std::string unit;
    if (Err er = CallContext::to_text(ctx.scalar(args[2]), unit); er != Err::None) return error(er);
    for (char& c : unit) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (s > e) return error(Err::Num);
    bool d1904 = ctx.date1904();
    Ymd a, b;
    to_ymd(s, a, d1904);
    to_ymd(e, b, d1904);
    int months = (b.y - a.y) * 12 + (b.m - a.m) - (b.d < a.d ? 1 : 0);
    if (unit == "Y") return Value(double(months / 12));
    if (unit == "M") return Value(double(months));
    if (unit == "D") return Value(e - s);
    if (unit == "YM") return Value(double(months % 12));
    if (unit == "MD") {
        if (b.d >= a.d) return Value(double(b.d - a.d));
        int pm = b.m == 1 ? 12 : b.m - 1, py = b.m == 1 ? b.y - 1 : b.y;
        return Value(double(days_in_month(py, pm, d1904) - a.d + b.d));
    }
    if (unit == "YD") {
        int y = (b.m > a.m || (b.m == a.m && b.d >= a.d)) ? b.y : b.y - 1;
        double shifted = date_to_serial(y, a.m, a.d, d1904);
        return Value(e - shifted);
    }
    return error(Err::Num);
}

Operand fn_days(CallContext& ctx, Args args) {
    DATE_ARG(0, e, true);
    DATE_ARG(1, s, true);
    return Value(e - s);
}

// DAYS360(start, end, [european]): US method: a start on the 31st or the last day of
// February counts as the 30th; an end on the 31st counts as the 30th when the start
// is (now) the 30th. European: every 31st counts as the 30th.
double days360(const Ymd& a, const Ymd& b, bool european, bool date1904) {
    int d1 = a.d, d2 = b.d;
    if (european) {
        if (d1 == 31) d1 = 30;
        if (d2 == 31) d2 = 30;
    } else {
        if (d1 == 31 || (a.m == 2 && d1 == days_in_month(a.y, 2, date1904))) d1 = 30;
        if (d2 == 31 && d1 >= 30) d2 = 30;
    }
    return double(b.y - a.y) * 360 + double(b.m - a.m) * 30 + double(d2 - d1);
}

Operand fn_days360(CallContext& ctx, Args args) {
    // DAYS360 reads its dates rounded to the second (46000.999999 is day 46001), DAYS truncates.
    NUM_ARG(0, s, 0);
    NUM_ARG(1, e, 0);
    s = std::floor(s + 0.5 / 86400);
    e = std::floor(e + 0.5 / 86400);
    if (s < 0 || e < 0 || s > kMaxSerial || e > kMaxSerial) return error(Err::Num);
    bool european = false;
    if (present(args, 2)) {
        if (Err er = CallContext::to_bool(ctx.scalar(args[2]), european); er != Err::None) return error(er);
    }
    Ymd a, b;
    to_ymd(s, a, ctx.date1904());
    to_ymd(e, b, ctx.date1904());
    return Value(days360(a, b, european, ctx.date1904()));
}

// YEARFRAC(start, end, [basis]): 0 US 30/360, 1 actual/actual, 2 actual/360,
// 3 actual/365, 4 European 30/360 (Excel's own rules for 0 and 1).
Operand fn_yearfrac(CallContext& ctx, Args args) {
    ATP_ARG(0, s, 0);
    ATP_ARG(1, e, 0);
    ATP_ARG(2, basis_d, 0);
    s = std::floor(s);
    e = std::floor(e);
    if (s < 0 || e < 0 || s > kMaxSerial || e > kMaxSerial) return error(Err::Num);
    int basis = int(std::trunc(basis_d));
    if (basis < 0 || basis > 4) return error(Err::Num);
    if (s > e) std::swap(s, e);
    bool d1904 = ctx.date1904();
    Ymd a, b;
    to_ymd(s, a, d1904);
    to_ymd(e, b, d1904);
    auto last_of_feb = [&](const Ymd& x) { return x.m == 2 && x.d == days_in_month(x.y, 2, d1904); };
    switch (basis) {
        case 0: {
            int d1 = a.d, d2 = b.d;
            if (d1 == 31 && d2 == 31) { d1 = 30; d2 = 30; }
            else if (d1 == 31) d1 = 30;
            else if (d1 == 30 && d2 == 31) d2 = 30;
            else if (last_of_feb(a) && last_of_feb(b)) { d1 = 30; d2 = 30; }
            else if (last_of_feb(a)) d1 = 30;
            return Value((double(b.y - a.y) * 360 + double(b.m - a.m) * 30 + double(d2 - d1)) / 360);
        }
        case 1: {
            double days = e - s;
            double year_len;
            if (a.y == b.y) {
                year_len = is_leap(a.y) ? 366 : 365;
            } else if (b.y == a.y + 1 && (a.m > b.m || (a.m == b.m && a.d >= b.d))) {
                // At most a year apart: 366 when a 29 February lies in the interval.
                bool feb29 = (is_leap(a.y) && (a.m < 2 || (a.m == 2 && a.d <= 29))) ||
                             (is_leap(b.y) && (b.m > 2 || (b.m == 2 && b.d == 29)));
                year_len = feb29 ? 366 : 365;
            } else {
                double total = 0;
                for (int y = a.y; y <= b.y; ++y) total += is_leap(y) ? 366 : 365;
                year_len = total / double(b.y - a.y + 1);
            }
            return Value(days / year_len);
        }
        case 2: return Value((e - s) / 360);
        case 3: return Value((e - s) / 365);
        default: {
            int d1 = std::min(a.d, 30), d2 = std::min(b.d, 30);
            return Value((double(b.y - a.y) * 360 + double(b.m - a.m) * 30 + double(d2 - d1)) / 360);
        }
    }
}

// --- working days -----------------------------------------------------------------------

struct Weekend {
    bool off[7] = {};  // by weekday, 0 = Sunday
};

// Weekend argument of the .INTL functions: 1–7 (two days: Sat+Sun, Sun+Mon, … Fri+Sat),
// 11–17 (one day: Sunday … Saturday), or a 7-character mask from Monday ("0000011").
Err weekend_arg(CallContext& ctx, Args args, size_t i, Weekend& w) {
    double code = 1;
    if (present(args, i)) {
        Value v = ctx.scalar(args[i]);
        if (v.is_error()) return v.error();
        if (v.is_string()) {
            std::string_view s = v.string();
            if (s.size() != 7) return Err::Value;
            int count = 0;
            for (int k = 0; k < 7; ++k) {
                if (s[k] != '0' && s[k] != '1') return Err::Value;
                w.off[(k + 1) % 7] = s[k] == '1';
                count += s[k] == '1';
            }
            if (count == 7) return Err::Value;
            return Err::None;
        }
        if (v.is_bool()) return Err::Value;
        if (Err e = CallContext::to_number(v, code); e != Err::None) return e;
        if (v.is_empty()) code = 1;
    }
    int c = int(std::trunc(code));
    if (c >= 1 && c <= 7) {
        // 1: Saturday+Sunday, 2: Sunday+Monday, …, 7: Friday+Saturday
        int first = (c + 5) % 7;  // 1 -> 6 (Saturday)
        w.off[first] = true;
        w.off[(first + 1) % 7] = true;
    } else if (c >= 11 && c <= 17) {
        w.off[(c - 11) % 7] = true;  // 11 -> Sunday
    } else {
        return Err::Num;
    }
    return Err::None;
}

// Holidays: every number of a range or array (whole days); errors propagate.
Err holiday_arg(CallContext& ctx, Args args, size_t i, std::vector<double>& out) {
    if (!present(args, i)) return Err::None;
    Err err = Err::None;
    ctx.for_each(args[i], [&](const Value& v, bool from_ref) {
        if (err != Err::None) return;
        double d;
        if (v.is_empty()) return;
        if (v.is_error()) { err = v.error(); return; }
        if (v.is_bool()) { err = Err::Value; return; }
        if (v.is_string()) {
            auto n = coerce_text_to_number(v.string(), ctx.date1904(), ctx.day_first());
            if (!n) { err = Err::Value; return; }
            d = *n;
        } else {
            d = v.number();
        }
        (void)from_ref;
        d = std::floor(d);
        if (d < 0 || d > kMaxSerial) { err = Err::Num; return; }
        out.push_back(d);
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return err;
}

bool is_workday(double serial, const Weekend& w, const std::vector<double>& hol, bool d1904) {
    if (w.off[weekday0(serial, d1904)]) return false;
    return !std::binary_search(hol.begin(), hol.end(), serial);
}

double count_workdays(double s, double e, const Weekend& w, const std::vector<double>& hol, bool d1904) {
    double sign = 1;
    if (s > e) { std::swap(s, e); sign = -1; }
    int per_week = 0;
    for (bool o : w.off) per_week += !o;
    double days = e - s + 1;
    double weeks = std::floor(days / 7);
    double n = weeks * per_week;
    for (double d = s + weeks * 7; d <= e; ++d)
        if (!w.off[weekday0(d, d1904)]) ++n;
    for (double h : hol)
        if (h >= s && h <= e && !w.off[weekday0(h, d1904)]) --n;
    return sign * n;
}

Operand networkdays(CallContext& ctx, Args args, bool intl) {
    ATP_ARG(0, s, 0);
    ATP_ARG(1, e, 0);
    s = std::floor(s);
    e = std::floor(e);
    if (s < 0 || e < 0 || s > kMaxSerial || e > kMaxSerial) return error(Err::Num);
    Weekend w;
    if (intl) {
        if (Err er = weekend_arg(ctx, args, 2, w); er != Err::None) return error(er);
    } else {
        w.off[0] = w.off[6] = true;
    }
    std::vector<double> hol;
    if (Err er = holiday_arg(ctx, args, intl ? 3 : 2, hol); er != Err::None) return error(er);
    return Value(count_workdays(s, e, w, hol, ctx.date1904()));
}

Operand fn_networkdays(CallContext& ctx, Args args) { return networkdays(ctx, args, false); }
Operand fn_networkdays_intl(CallContext& ctx, Args args) { return networkdays(ctx, args, true); }

Operand workday(CallContext& ctx, Args args, bool intl) {
    ATP_ARG(0, s, 0);
    ATP_ARG(1, n, 0);
    s = std::floor(s);
    if (s < 0 || s > kMaxSerial) return error(Err::Num);
    n = std::trunc(n);
    Weekend w;
    if (intl) {
        if (Err er = weekend_arg(ctx, args, 2, w); er != Err::None) return error(er);
    } else {
        w.off[0] = w.off[6] = true;
    }
    std::vector<double> hol;
    if (Err er = holiday_arg(ctx, args, intl ? 3 : 2, hol); er != Err::None) return error(er);
    bool d1904 = ctx.date1904();
    int per_week = 0;
    for (bool o : w.off) per_week += !o;
    double step = n >= 0 ? 1 : -1;
    double left = std::fabs(n);
    double d = s;
    // Whole weeks at once when there are no holidays to look at.
    if (hol.empty() && left > 14) {
        double weeks = std::floor(left / per_week) - 1;
        d += step * weeks * 7;
        left -= weeks * per_week;
    }
    while (left > 0) {
        d += step;
        if (d < 0 || d > kMaxSerial) return error(Err::Num);
        if (is_workday(d, w, hol, d1904)) --left;
    }
    return serial_result(d);
}

Operand fn_workday(CallContext& ctx, Args args) { return workday(ctx, args, false); }
Operand fn_workday_intl(CallContext& ctx, Args args) { return workday(ctx, args, true); }

}  // namespace

void register_date_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"DATE", fn_date, 3, 3, kLift, "Date serial of a year, month and day (months and days may overflow)"},
        {"DATEVALUE", fn_datevalue, 1, 1, kLift, "Date serial of a date written as text"},
        {"TIME", fn_time, 3, 3, kLift, "Time of day (fraction of a day) of hours, minutes and seconds"},
        {"TIMEVALUE", fn_timevalue, 1, 1, kLift, "Time of day of a time written as text"},
        {"TODAY", fn_today, 0, 0, kVolatile, "Today's date serial"},
        {"NOW", fn_now, 0, 0, kVolatile, "The current date and time as a serial"},
        {"YEAR", date_part<0>, 1, 1, kLift, "Year of a date"},
        {"MONTH", date_part<1>, 1, 1, kLift, "Month (1-12) of a date"},
        {"DAY", date_part<2>, 1, 1, kLift, "Day of the month of a date"},
        {"HOUR", time_part<0>, 1, 1, kLift, "Hour (0-23) of a time"},
        {"MINUTE", time_part<1>, 1, 1, kLift, "Minute of a time"},
        {"SECOND", time_part<2>, 1, 1, kLift, "Second of a time"},
        {"EDATE", fn_edate, 2, 2, kLift, "Date a number of months before or after a date"},
        {"EOMONTH", fn_eomonth, 2, 2, kLift, "Last day of the month a number of months away"},
        {"WEEKDAY", fn_weekday, 1, 2, kLift, "Day of the week (numbering chosen by the type)"},
        {"WEEKNUM", fn_weeknum, 1, 2, kLift, "Week of the year (week 1 holds January 1; type 21: ISO)"},
        {"ISOWEEKNUM", fn_isoweeknum, 1, 1, kLift, "ISO 8601 week of the year"},
        {"DATEDIF", fn_datedif, 3, 3, kLift, "Difference of two dates in years, months or days"},
        {"DAYS", fn_days, 2, 2, kLift, "Days between two dates"},
        {"DAYS360", fn_days360, 2, 3, kLift, "Days between two dates on a 360-day year"},
        {"NETWORKDAYS", fn_networkdays, 2, 3, 0, "Working days (Monday-Friday, less holidays) between two dates"},
        {"NETWORKDAYS.INTL", fn_networkdays_intl, 2, 4, 0, "Working days between two dates with a chosen weekend"},
        {"WORKDAY", fn_workday, 2, 3, 0, "Date a number of working days away"},
        {"WORKDAY.INTL", fn_workday_intl, 2, 4, 0, "Date a number of working days away with a chosen weekend"},
        {"YEARFRAC", fn_yearfrac, 2, 3, kLift, "Fraction of a year between two dates (day-count basis 0-4)"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = "date";
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
