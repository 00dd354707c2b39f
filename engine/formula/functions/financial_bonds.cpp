// financial_bonds.cpp — securities (Analysis ToolPak): accrued interest (ACCRINT,
// ACCRINTM), coupon dates (COUP*), bond price, yield and duration (PRICE, YIELD,
// DURATION, MDURATION, odd first/last periods), discounted and at-maturity securities
// (DISC, PRICEDISC, YIELDDISC, INTRATE, RECEIVED, PRICEMAT, YIELDMAT) and Treasury bills.
//
// Conventions (Excel's): dates are truncated to whole days; booleans are #VALUE! (as in
// every ToolPak function); frequency is 1, 2 or 4 and basis 0–4 (daycount.h), else #NUM!.
// Argument type errors are reported before range errors.
#include "formula/functions/args.h"
#include "formula/functions/financial_bonds.h"

#include <algorithm>
#include <cmath>

#include "core/number_text.h"
#include "formula/function.h"
#include "formula/functions/daycount.h"

namespace sp {
namespace {

using namespace daycount;

constexpr double kMaxSerial = 2958465;  // 9999-12-31

Value error(Err e) { return Value::error(e); }

Value result(double d) {
    if (!std::isfinite(d)) return error(Err::Num);
    return Value(d == 0 ? 0.0 : d);
}


#define DATE_ARG(i, var)                                                              \
    ATP_ARG(i, var, 0);                                                               \
    var = std::floor(var)

bool bad_date(double d) { return d < 0 || d > kMaxSerial; }
bool bad_freq(double f) { return f != 1 && f != 2 && f != 4; }
bool bad_basis(double b) { return b < 0 || b > 4; }

// --- coupon schedule --------------------------------------------------------------------

// The coupon period around settlement, as the COUP* functions see it.
struct Period {
    Coupons c;
    double e, a, dsc;  // COUPDAYS, COUPDAYBS, COUPDAYSNC
};

Period period(double settle, double mat, int freq, int basis, bool d1904) {
    Period p;
    p.c = coupons(settle, mat, freq, d1904);
    p.e = period_days(p.c.pcd, p.c.ncd, freq, basis, d1904);
    p.a = days(p.c.pcd, settle, basis, d1904);
    // Excel: on the 30/360 bases the days to the next coupon are the rest of the period.
    p.dsc = (basis == 0 || basis == 4) ? p.e - p.a : p.c.ncd - settle;
    return p;
}

enum class Coup { DayBs, Days, DaysNc, Ncd, Num, Pcd };

Operand coup(CallContext& ctx, Args args, Coup what) {
    DATE_ARG(0, settle);
    DATE_ARG(1, mat);
    ATP_ARG(2, freq, 0);
    ATP_ARG(3, basis, 0);
    freq = std::trunc(freq);
    basis = std::trunc(basis);
    if (bad_date(settle) || bad_date(mat) || settle >= mat || bad_freq(freq) || bad_basis(basis))
        return error(Err::Num);
    Period p = period(settle, mat, int(freq), int(basis), ctx.date1904());
    switch (what) {
        case Coup::DayBs: return result(p.a);
        case Coup::Days: return result(p.e);
        case Coup::DaysNc: return result(p.dsc);
        case Coup::Ncd: return result(p.c.ncd);
        case Coup::Num: return result(p.c.count);
        default: return result(p.c.pcd);
    }
}

Operand fn_coupdaybs(CallContext& ctx, Args args) { return coup(ctx, args, Coup::DayBs); }
Operand fn_coupdays(CallContext& ctx, Args args) { return coup(ctx, args, Coup::Days); }
Operand fn_coupdaysnc(CallContext& ctx, Args args) { return coup(ctx, args, Coup::DaysNc); }
Operand fn_coupncd(CallContext& ctx, Args args) { return coup(ctx, args, Coup::Ncd); }
Operand fn_coupnum(CallContext& ctx, Args args) { return coup(ctx, args, Coup::Num); }
Operand fn_couppcd(CallContext& ctx, Args args) { return coup(ctx, args, Coup::Pcd); }

// --- accrued interest -------------------------------------------------------------------

// Fractional coupon periods between `from` and `to` on the quasi-coupon schedule `s`:
// the sum over periods of the days counted by `basis` over the period's normal length.
double accrued_periods(const Schedule& s, double from, double to, int freq, int basis) {
    if (to <= from) return 0;
    int k = 0;
    while (s.date(k) > from) --k;
    while (s.date(k + 1) <= from) ++k;
    double sum = 0;
    for (; s.date(k) < to; ++k) {
        double ps = s.date(k), pe = s.date(k + 1);
        double a = std::max(ps, from), b = std::min(pe, to);
        sum += days(a, b, basis, s.d1904) / period_days(ps, pe, freq, basis, s.d1904);
    }
    return sum;
}

// 30/360 US as ACCRINT counts it: the end date's adjustments also apply when `both`.
double days360_us(double a, double b, bool both, bool d1904) {
    Ymd x = ymd(a, d1904), y = ymd(b, d1904);
    auto last_of_feb = [&](const Ymd& z) { return z.m == 2 && z.d == days_in_month(z.y, 2, d1904); };
    int d1 = x.d, d2 = y.d;
    if (last_of_feb(y) && (last_of_feb(x) || both)) d2 = 30;
    if (d2 == 31 && (d1 >= 30 || both)) d2 = 30;
    if (d1 == 31 || last_of_feb(x)) d1 = 30;
    return double(y.y - x.y) * 360 + double(y.m - x.m) * 30 + double(d2 - d1);
}

// ACCRINT(issue, first_interest, settlement, rate, par, frequency, [basis], [calc_method])
//
// Excel's algorithm, reproduced with its quirks (matches the values Excel cached):
// a start date P is chosen on the schedule of first_interest — the last coupon date
// before settlement when settlement is past first_interest and calc_method is TRUE,
// else the date one period before first_interest. The days from max(issue, P) to
// settlement (negative when settlement precedes P) over the length of the period ending
// at first_interest, plus, walking back from P to issue, 1 per whole period after issue
// (0 when calc_method is FALSE: so FALSE can give negative interest) and the fraction of
// the period holding issue.
Operand fn_accrint(CallContext& ctx, Args args) {
    DATE_ARG(0, issue);
    DATE_ARG(1, first);
    DATE_ARG(2, settle);
    ATP_ARG(3, rate, 0);
    ATP_ARG(4, par, 1000);
    ATP_ARG(5, freq, 0);
    ATP_ARG(6, basis_d, 0);
    bool from_issue = true;
    if (present(args, 7)) {
        Value v = ctx.scalar(args[7]);
        if (Err e = CallContext::to_bool(v, from_issue); e != Err::None) return error(e);
    }
    freq = std::trunc(freq);
    basis_d = std::trunc(basis_d);
    if (bad_date(issue) || bad_date(first) || bad_date(settle) || issue >= settle || rate <= 0 || par <= 0 ||
        bad_freq(freq) || bad_basis(basis_d))
        return error(Err::Num);
    bool d1904 = ctx.date1904();
    int basis = int(basis_d), months = 12 / int(freq);
    bool eom = is_month_end(first, d1904);
    auto step = [&](double d, int m) { return add_months(d, m, eom, d1904); };
    double before_first = step(first, -months);
    double p = before_first;
    if (settle > first && from_issue) {
        for (double d = first; d < settle; d = step(d, months)) p = d;
    }
    auto count = [&](double a, double b) { return basis == 0 ? days360_us(a, b, false, d1904) : days(a, b, basis, d1904); };
    double e = period_days(before_first, first, int(freq), basis, d1904);
    double n = count(std::max(issue, p), settle) / e;
    // Walk back from p over whole quasi-coupon periods to the one holding issue.
    for (double ncd = p; ncd > issue;) {
        double pcd = step(ncd, -months);
        if (issue <= pcd) {
            n += from_issue ? 1 : 0;
        } else {
            double len = basis == 0   ? days360_us(pcd, ncd, true, d1904)
                         : basis == 3 ? 365.0 / freq
                         : basis == 2 ? days360_us(pcd, ncd, false, d1904)
                                      : days(pcd, ncd, basis, d1904);
            n += count(issue, ncd) / len;
        }
        ncd = pcd;
    }
    return result(par * rate / freq * n);
}

// ACCRINTM(issue, settlement, rate, [par], [basis]): interest paid at maturity.
Operand fn_accrintm(CallContext& ctx, Args args) {
    DATE_ARG(0, issue);
    DATE_ARG(1, settle);
    ATP_ARG(2, rate, 0);
    ATP_ARG(3, par, 1000);
    ATP_ARG(4, basis, 0);
    basis = std::trunc(basis);
    if (bad_date(issue) || bad_date(settle) || issue >= settle || rate <= 0 || par <= 0 || bad_basis(basis))
        return error(Err::Num);
    return result(par * rate * year_frac(issue, settle, int(basis), ctx.date1904()));
}

// --- bonds with regular coupons ---------------------------------------------------------

struct Bond {
    double settle, mat;
    int freq, basis;
    bool d1904;
};

// Reads settlement, maturity at 0, 1 and frequency, basis at fi, fi + 1.
Err bond_args(CallContext& ctx, Args args, size_t fi, Bond& b) {
    double v[4];
    size_t idx[4] = {0, 1, fi, fi + 1};
    for (int k = 0; k < 4; ++k)
        if (Err e = number_arg(ctx, args, idx[k], v[k], 0, false); e != Err::None) return e;
    b.settle = std::floor(v[0]);
    b.mat = std::floor(v[1]);
    double f = std::trunc(v[2]), bs = std::trunc(v[3]);
    if (bad_date(b.settle) || bad_date(b.mat) || b.settle >= b.mat || bad_freq(f) || bad_basis(bs)) return Err::Num;
    b.freq = int(f);
    b.basis = int(bs);
    b.d1904 = ctx.date1904();
    return Err::None;
}

// PRICE, YIELD and DURATION take the days to the next coupon as COUPDAYS - COUPDAYBS on
// every basis (unlike COUPDAYSNC, which counts actual days on bases 1-3).
Period price_period(const Bond& b) {
    Period p = period(b.settle, b.mat, b.freq, b.basis, b.d1904);
    p.dsc = p.e - p.a;
    return p;
}

double bond_price(const Bond& b, double rate, double yld, double redemption) {
    Period p = price_period(b);
    double f = b.freq, coupon = 100 * rate / f;
    int n = p.c.count;
    if (n == 1) return (redemption + coupon) / (1 + p.dsc / p.e * yld / f) - coupon * p.a / p.e;
    double v = 1 + yld / f, t = p.dsc / p.e;
    double sum = 0;
    for (int k = 1; k <= n; ++k) sum += coupon / std::pow(v, k - 1 + t);
    return redemption / std::pow(v, n - 1 + t) + sum - coupon * p.a / p.e;
}

// Solves price(y) = target for a price falling with the yield: Newton on a numerical
// derivative, falling back to bisection. NaN when there is no solution.
template <class F>
double solve_yield(F price, double target, double guess) {
    double y = guess;
    for (int i = 0; i < 100; ++i) {
        double p = price(y) - target;
        if (std::fabs(p) < 1e-12 * std::max(1.0, std::fabs(target))) return y;
        double h = 1e-7 * std::max(1.0, std::fabs(y));
        double d = (price(y + h) - price(y - h)) / (2 * h);
        if (!(d < 0) || !std::isfinite(d)) break;
        double ny = y - p / d;
        if (!std::isfinite(ny) || ny <= -0.99) break;
        if (std::fabs(ny - y) < 1e-14) return ny;
        y = ny;
    }
    // Bisection: widen the upper bound until the price falls below the target.
    double lo = -0.99, hi = 1;
    while (price(hi) > target && hi < 1e6) hi *= 2;
    if (!(price(lo) >= target && price(hi) <= target)) return NAN;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        double mid = (lo + hi) / 2;
        (price(mid) > target ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

// PRICE(settlement, maturity, rate, yld, redemption, frequency, [basis])
Operand fn_price(CallContext& ctx, Args args) {
    ATP_ARG(2, rate, 0);
    ATP_ARG(3, yld, 0);
    ATP_ARG(4, redemption, 0);
    Bond b;
    if (Err e = bond_args(ctx, args, 5, b); e != Err::None) return error(e);
    if (rate < 0 || yld < 0 || redemption <= 0) return error(Err::Num);
    return result(bond_price(b, rate, yld, redemption));
}

// YIELD(settlement, maturity, rate, pr, redemption, frequency, [basis])
Operand fn_yield(CallContext& ctx, Args args) {
    ATP_ARG(2, rate, 0);
    ATP_ARG(3, pr, 0);
    ATP_ARG(4, redemption, 0);
    Bond b;
    if (Err e = bond_args(ctx, args, 5, b); e != Err::None) return error(e);
    if (rate < 0 || pr <= 0 || redemption <= 0) return error(Err::Num);
    Period p = price_period(b);
    double f = b.freq;
    if (p.c.count == 1) {
        // One coupon left: simple interest, in closed form.
        double paid = pr / 100 + p.a / p.e * rate / f;
        return result((redemption / 100 + rate / f - paid) / paid * f * p.e / p.dsc);
    }
    double y = solve_yield([&](double x) { return bond_price(b, rate, x, redemption); }, pr, 0.1);
    return result(y);
}

// Macaulay duration in years, on the coupon schedule.
double duration(const Bond& b, double coupon_rate, double yld) {
    Period p = price_period(b);
    double f = b.freq, v = 1 + yld / f, t0 = p.dsc / p.e, c = 100 * coupon_rate / f;
    double num = 0, den = 0;
    for (int k = 1; k <= p.c.count; ++k) {
        double t = k - 1 + t0;
        double cf = c + (k == p.c.count ? 100 : 0);
        double pv = cf / std::pow(v, t);
        num += t * pv;
        den += pv;
    }
    return num / den / f;
}

Operand duration_fn(CallContext& ctx, Args args, bool modified) {
    ATP_ARG(2, coupon, 0);
    ATP_ARG(3, yld, 0);
    Bond b;
    if (Err e = bond_args(ctx, args, 4, b); e != Err::None) return error(e);
    if (coupon < 0 || yld < 0) return error(Err::Num);
    double d = duration(b, coupon, yld);
    return result(modified ? d / (1 + yld / b.freq) : d);
}

Operand fn_duration(CallContext& ctx, Args args) { return duration_fn(ctx, args, false); }
Operand fn_mduration(CallContext& ctx, Args args) { return duration_fn(ctx, args, true); }

// --- discounted securities and interest at maturity -------------------------------------

struct Disc {
    double settle, mat, x, y;
    int basis;
    double frac;  // YEARFRAC(settlement, maturity, basis)
};

// Reads (settlement, maturity, x, y, [basis]), checking the dates and basis.
Err disc_args(CallContext& ctx, Args args, Disc& d) {
    double v[5];
    for (int k = 0; k < 5; ++k)
        if (Err e = number_arg(ctx, args, k, v[k], 0, false); e != Err::None) return e;
    d.settle = std::floor(v[0]);
    d.mat = std::floor(v[1]);
    d.x = v[2];
    d.y = v[3];
    double bs = std::trunc(v[4]);
    if (bad_date(d.settle) || bad_date(d.mat) || d.settle >= d.mat || bad_basis(bs)) return Err::Num;
    d.basis = int(bs);
    d.frac = year_frac(d.settle, d.mat, d.basis, ctx.date1904());
    return Err::None;
}

#define DISC_ARGS                                                                     \
    Disc d;                                                                           \
    if (Err e_ = disc_args(ctx, args, d); e_ != Err::None) return error(e_)

// DISC(settlement, maturity, pr, redemption, [basis])
Operand fn_disc(CallContext& ctx, Args args) {
    DISC_ARGS;
    if (d.x <= 0 || d.y <= 0) return error(Err::Num);
    return result((d.y - d.x) / d.y / d.frac);
}

// PRICEDISC(settlement, maturity, discount, redemption, [basis])
Operand fn_pricedisc(CallContext& ctx, Args args) {
    DISC_ARGS;
    if (d.x <= 0 || d.y <= 0) return error(Err::Num);
    return result(d.y * (1 - d.x * d.frac));
}

// YIELDDISC(settlement, maturity, pr, redemption, [basis])
Operand fn_yielddisc(CallContext& ctx, Args args) {
    DISC_ARGS;
    if (d.x <= 0 || d.y <= 0) return error(Err::Num);
    return result((d.y / d.x - 1) / d.frac);
}

// INTRATE(settlement, maturity, investment, redemption, [basis])
Operand fn_intrate(CallContext& ctx, Args args) {
    DISC_ARGS;
    if (d.x <= 0 || d.y <= 0) return error(Err::Num);
    return result((d.y - d.x) / d.x / d.frac);
}

// RECEIVED(settlement, maturity, investment, discount, [basis])
Operand fn_received(CallContext& ctx, Args args) {
    DISC_ARGS;
    if (d.x <= 0 || d.y <= 0) return error(Err::Num);
    double k = 1 - d.y * d.frac;
    if (k <= 0) return error(Err::Num);
    return result(d.x / k);
}

// Reads (settlement, maturity, issue, rate, x, [basis]) of PRICEMAT and YIELDMAT.
struct Mat {
    double dim, dsm, a;  // issue→maturity, settlement→maturity, issue→settlement, in years
};

Err mat_args(CallContext& ctx, Args args, Mat& m, double& rate, double& x) {
    double v[6];
    for (int k = 0; k < 6; ++k)
        if (Err e = number_arg(ctx, args, k, v[k], 0, false); e != Err::None) return e;
    double settle = std::floor(v[0]), mat = std::floor(v[1]), issue = std::floor(v[2]);
    rate = v[3];
    x = v[4];
    double bs = std::trunc(v[5]);
    if (bad_date(settle) || bad_date(mat) || bad_date(issue) || settle >= mat || bad_basis(bs) || rate < 0 || x < 0)
        return Err::Num;
    int basis = int(bs);
    bool d1904 = ctx.date1904();
    m.dim = year_frac(issue, mat, basis, d1904);
    m.dsm = year_frac(settle, mat, basis, d1904);
    m.a = issue <= settle ? year_frac(issue, settle, basis, d1904) : -year_frac(settle, issue, basis, d1904);
    return Err::None;
}

// PRICEMAT(settlement, maturity, issue, rate, yld, [basis])
Operand fn_pricemat(CallContext& ctx, Args args) {
    Mat m;
    double rate, yld;
    if (Err e = mat_args(ctx, args, m, rate, yld); e != Err::None) return error(e);
    return result((100 + m.dim * rate * 100) / (1 + m.dsm * yld) - m.a * rate * 100);
}

// YIELDMAT(settlement, maturity, issue, rate, pr, [basis])
Operand fn_yieldmat(CallContext& ctx, Args args) {
    Mat m;
    double rate, pr;
    if (Err e = mat_args(ctx, args, m, rate, pr); e != Err::None) return error(e);
    if (pr <= 0) return error(Err::Num);
    double paid = pr / 100 + m.a * rate;
    return result(((1 + m.dim * rate) - paid) / paid / m.dsm);
}

// --- Treasury bills ---------------------------------------------------------------------

// Reads (settlement, maturity, x); maturity must be after settlement and at most a year
// (12 calendar months) later.
Err tbill_args(CallContext& ctx, Args args, double& dsm, double& x) {
    double s, m;
    if (Err e = number_arg(ctx, args, 0, s, 0, false); e != Err::None) return e;
    if (Err e = number_arg(ctx, args, 1, m, 0, false); e != Err::None) return e;
    if (Err e = number_arg(ctx, args, 2, x, 0, false); e != Err::None) return e;
    s = std::floor(s);
    m = std::floor(m);
    if (bad_date(s) || bad_date(m) || m <= s) return Err::Num;
    if (m > add_months(s, 12, false, ctx.date1904())) return Err::Num;
    dsm = m - s;
    return Err::None;
}

Operand fn_tbillprice(CallContext& ctx, Args args) {
    double dsm, disc;
    if (Err e = tbill_args(ctx, args, dsm, disc); e != Err::None) return error(e);
    double p = 100 * (1 - disc * dsm / 360);
    if (disc <= 0 || p <= 0) return error(Err::Num);
    return result(p);
}

Operand fn_tbillyield(CallContext& ctx, Args args) {
    double dsm, pr;
    if (Err e = tbill_args(ctx, args, dsm, pr); e != Err::None) return error(e);
    if (pr <= 0) return error(Err::Num);
    return result((100 - pr) / pr * 360 / dsm);
}

// TBILLEQ: the bond-equivalent yield. Up to 182 days, simple interest on 365 days;
// longer bills are compounded once at mid-term: (1 + r/2)(1 + r(t - 1/2)) = 100/price.
Operand fn_tbilleq(CallContext& ctx, Args args) {
    double dsm, disc;
    if (Err e = tbill_args(ctx, args, dsm, disc); e != Err::None) return error(e);
    double price = 100 * (1 - disc * dsm / 360);
    if (disc <= 0 || price <= 0) return error(Err::Num);
    if (dsm <= 182) return result(365 * disc / (360 - disc * dsm));
    // A 366-day bill (possible across 29 February) is measured on a 366-day year.
    double t = dsm / (dsm > 365 ? 366 : 365), a = t - 0.5;
    return result((-t + std::sqrt(t * t - 2 * a * (1 - 100 / price))) / a);
}

// --- odd first and last periods ---------------------------------------------------------

struct Odd {
    double settle, mat, date;  // date: issue (ODDF, with first coupon in first) or last_interest
    double first = 0;
    double rate, x, redemption;
    int freq, basis;
    bool d1904;
};

// ODDF*(settlement, maturity, issue, first_coupon, rate, yld|pr, redemption, frequency, [basis])
Err oddf_args(CallContext& ctx, Args args, Odd& o) {
    double v[9];
    for (int k = 0; k < 9; ++k)
        if (Err e = number_arg(ctx, args, k, v[k], 0, false); e != Err::None) return e;
    o.settle = std::floor(v[0]);
    o.mat = std::floor(v[1]);
    o.date = std::floor(v[2]);
    o.first = std::floor(v[3]);
    o.rate = v[4];
    o.x = v[5];
    o.redemption = v[6];
    double f = std::trunc(v[7]), bs = std::trunc(v[8]);
    if (bad_date(o.settle) || bad_date(o.mat) || bad_date(o.date) || bad_date(o.first) || bad_freq(f) ||
        bad_basis(bs) || o.rate < 0 || o.x < 0 || o.redemption <= 0)
        return Err::Num;
    if (!(o.mat > o.first && o.first > o.settle && o.settle > o.date)) return Err::Num;
    o.freq = int(f);
    o.basis = int(bs);
    o.d1904 = ctx.date1904();
    return Err::None;
}

// Price with an odd first period: the first coupon pays for the days from issue, counted
// over the quasi-coupon periods it spans; flows are discounted from settlement in periods.
double oddf_price(const Odd& o, double yld) {
    double f = o.freq, coupon = 100 * o.rate / f, v = 1 + yld / f;
    Schedule s = schedule(o.mat, o.freq, o.d1904);
    // Regular coupons from the first coupon to maturity.
    Coupons c = coupons(o.first, o.mat, o.freq, o.d1904);
    int n = c.count + (c.pcd == o.first ? 1 : 0);  // coupons on first_coupon .. maturity
    Schedule q = schedule(o.first, o.freq, o.d1904);
    // The first coupon: whole quasi-periods count 1 each (Excel, even where actual days
    // differ from 360/f), the one holding issue its days over the period's normal length.
    double periods = 0;
    for (int j = 0; q.date(j) > o.date; --j) {
        double ps = q.date(j - 1), pe = q.date(j);
        periods += ps >= o.date ? 1 : days(o.date, pe, o.basis, o.d1904) / period_days(ps, pe, o.freq, o.basis, o.d1904);
    }
    double first_pay = coupon * periods;
    double accrued = coupon * accrued_periods(q, o.date, o.settle, o.freq, o.basis);
    // Settlement's quasi-period on the first coupon's schedule.
    int k = 0;
    while (q.date(k) > o.settle) --k;
    double ps = q.date(k), pe = q.date(k + 1);
    double e = period_days(ps, pe, o.freq, o.basis, o.d1904);
    // Excel: actual days to the next quasi-coupon date on bases 1-3, the rest of the period on 30/360.
    double dsc = (o.basis == 0 || o.basis == 4) ? e - days(ps, o.settle, o.basis, o.d1904) : pe - o.settle;
    double t = dsc / e + double(-k - 1);  // periods from settlement to the first coupon
    (void)s;
    double price = first_pay / std::pow(v, t);
    for (int j = 1; j < n; ++j) price += coupon / std::pow(v, t + j);
    price += o.redemption / std::pow(v, t + n - 1);
    return price - accrued;
}

Operand fn_oddfprice(CallContext& ctx, Args args) {
    Odd o;
    if (Err e = oddf_args(ctx, args, o); e != Err::None) return error(e);
    return result(oddf_price(o, o.x));
}

Operand fn_oddfyield(CallContext& ctx, Args args) {
    Odd o;
    if (Err e = oddf_args(ctx, args, o); e != Err::None) return error(e);
    if (o.x <= 0) return error(Err::Num);
    return result(solve_yield([&](double y) { return oddf_price(o, y); }, o.x, 0.1));
}

// ODDL*(settlement, maturity, last_interest, rate, yld|pr, redemption, frequency, [basis])
Err oddl_args(CallContext& ctx, Args args, Odd& o) {
    double v[8];
    for (int k = 0; k < 8; ++k)
        if (Err e = number_arg(ctx, args, k, v[k], 0, false); e != Err::None) return e;
    o.settle = std::floor(v[0]);
    o.mat = std::floor(v[1]);
    o.date = std::floor(v[2]);
    o.rate = v[3];
    o.x = v[4];
    o.redemption = v[5];
    double f = std::trunc(v[6]), bs = std::trunc(v[7]);
    if (bad_date(o.settle) || bad_date(o.mat) || bad_date(o.date) || bad_freq(f) || bad_basis(bs) || o.rate < 0 ||
        o.x < 0 || o.redemption <= 0)
        return Err::Num;
    if (!(o.mat > o.settle && o.settle > o.date)) return Err::Num;
    o.freq = int(f);
    o.basis = int(bs);
    o.d1904 = ctx.date1904();
    return Err::None;
}

// The odd last period in quasi-coupon periods from last_interest: the whole period (dc),
// the part accrued at settlement (a) and the part left (dsc).
struct OddLast {
    double dc = 0, a = 0, dsc = 0;
};

OddLast odd_last(const Odd& o) {
    Schedule q = schedule(o.date, o.freq, o.d1904);
    OddLast r;
    for (int k = 0; q.date(k) < o.mat; ++k) {
        double ps = q.date(k), pe = q.date(k + 1);
        // Excel measures each quasi-period in days counted by the basis (actual on 1-3).
        double nl = o.basis == 0 ? days360_us(ps, pe, true, o.d1904) : days(ps, pe, o.basis, o.d1904);
        auto part = [&](double from, double to) {
            double a = std::max(ps, from), b = std::min(pe, to);
            return b > a ? days(a, b, o.basis, o.d1904) / nl : 0.0;
        };
        r.dc += part(o.date, o.mat);
        r.a += part(o.date, o.settle);
        r.dsc += part(o.settle, o.mat);
    }
    return r;
}

Operand fn_oddlprice(CallContext& ctx, Args args) {
    Odd o;
    if (Err e = oddl_args(ctx, args, o); e != Err::None) return error(e);
    OddLast l = odd_last(o);
    double f = o.freq, coupon = 100 * o.rate / f;
    return result((o.redemption + l.dc * coupon) / (1 + l.dsc * o.x / f) - l.a * coupon);
}

Operand fn_oddlyield(CallContext& ctx, Args args) {
    Odd o;
    if (Err e = oddl_args(ctx, args, o); e != Err::None) return error(e);
    if (o.x <= 0) return error(Err::Num);
    OddLast l = odd_last(o);
    double f = o.freq, coupon = 100 * o.rate / f;
    double paid = o.x + l.a * coupon;
    return result((o.redemption + l.dc * coupon - paid) / paid * f / l.dsc);
}

}  // namespace

void register_financial_bond_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        const char* desc;
    };
    const Row rows[] = {
        {"ACCRINT", fn_accrint, 6, 8, "Accrued interest of a security paying periodic interest"},
        {"ACCRINTM", fn_accrintm, 3, 5, "Accrued interest of a security paying interest at maturity"},
        {"COUPDAYBS", fn_coupdaybs, 3, 4, "Days from the start of the coupon period to settlement"},
        {"COUPDAYS", fn_coupdays, 3, 4, "Days in the coupon period containing settlement"},
        {"COUPDAYSNC", fn_coupdaysnc, 3, 4, "Days from settlement to the next coupon date"},
        {"COUPNCD", fn_coupncd, 3, 4, "Next coupon date after settlement"},
        {"COUPNUM", fn_coupnum, 3, 4, "Number of coupons payable between settlement and maturity"},
        {"COUPPCD", fn_couppcd, 3, 4, "Previous coupon date before settlement"},
        {"PRICE", fn_price, 6, 7, "Price per 100 face value of a security paying periodic interest"},
        {"YIELD", fn_yield, 6, 7, "Yield of a security paying periodic interest"},
        {"DURATION", fn_duration, 5, 6, "Macaulay duration of a security with periodic interest"},
        {"MDURATION", fn_mduration, 5, 6, "Modified duration of a security with periodic interest"},
        {"DISC", fn_disc, 4, 5, "Discount rate of a security"},
        {"PRICEDISC", fn_pricedisc, 4, 5, "Price per 100 face value of a discounted security"},
        {"YIELDDISC", fn_yielddisc, 4, 5, "Annual yield of a discounted security"},
        {"INTRATE", fn_intrate, 4, 5, "Interest rate of a fully invested security"},
        {"RECEIVED", fn_received, 4, 5, "Amount received at maturity of a fully invested security"},
        {"PRICEMAT", fn_pricemat, 5, 6, "Price per 100 face value of a security paying interest at maturity"},
        {"YIELDMAT", fn_yieldmat, 5, 6, "Annual yield of a security paying interest at maturity"},
        {"TBILLEQ", fn_tbilleq, 3, 3, "Bond-equivalent yield of a Treasury bill"},
        {"TBILLPRICE", fn_tbillprice, 3, 3, "Price per 100 face value of a Treasury bill"},
        {"TBILLYIELD", fn_tbillyield, 3, 3, "Yield of a Treasury bill"},
        {"ODDFPRICE", fn_oddfprice, 8, 9, "Price of a security with an odd first period"},
        {"ODDFYIELD", fn_oddfyield, 8, 9, "Yield of a security with an odd first period"},
        {"ODDLPRICE", fn_oddlprice, 7, 8, "Price of a security with an odd last period"},
        {"ODDLYIELD", fn_oddlyield, 7, 8, "Yield of a security with an odd last period"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = kLift;
        d.family = "financial";
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
