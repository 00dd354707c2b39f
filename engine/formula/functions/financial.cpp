// financial.cpp — the financial family: time value of money (PMT, PV, FV, NPER, RATE,
// IPMT…), cash-flow measures (NPV, IRR, XNPV, XIRR, MIRR), depreciation (SLN, SYD, DB,
// DDB, VDB), interest rate conversions and fractional dollar prices.
//
// Sign convention (Excel's): money paid out is negative, money received positive.
// Iterative solvers (IRR, XIRR, RATE) use Newton's method from Excel's default guess of
// 10% and give #NUM! when they do not converge.
#include <algorithm>
#include <cmath>
#include <vector>

#include "formula/functions/args.h"
#include "core/number_text.h"
#include "formula/function.h"
#include "formula/functions/financial_bonds.h"

namespace sp {
namespace {

Value error(Err e) { return Value::error(e); }

Value result(double d) {
    if (!std::isfinite(d)) return error(Err::Num);
    return Value(d == 0 ? 0.0 : d);
}




// Payment timing: 0 at the end of each period, anything else at the beginning.
double timing(double type) { return type != 0 ? 1 : 0; }

// --- time value of money ----------------------------------------------------------------

double pmt(double r, double n, double pv, double fv, double type) {
    if (r == 0) return -(pv + fv) / n;
    double f = std::pow(1 + r, n);
    return -(r * (fv + pv * f)) / ((1 + r * type) * (f - 1));
}

double fv_of(double r, double n, double pmt, double pv, double type) {
    if (r == 0) return -(pv + pmt * n);
    double f = std::pow(1 + r, n);
    return -(pv * f + pmt * (1 + r * type) * (f - 1) / r);
}

double pv_of(double r, double n, double pmt, double fv, double type) {
    if (r == 0) return -(fv + pmt * n);
    double f = std::pow(1 + r, n);
    return -(fv + pmt * (1 + r * type) * (f - 1) / r) / f;
}

Operand fn_pmt(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, n, 0);
    NUM_ARG(2, pv, 0);
    NUM_ARG(3, fv, 0);
    NUM_ARG(4, type, 0);
    // Excel: no periods, or a rate at or below -100%, is #NUM! (even where the formula is defined).
    if (n == 0 || r <= -1) return error(Err::Num);
    return result(pmt(r, n, pv, fv, timing(type)));
}

Operand fn_fv(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, n, 0);
    NUM_ARG(2, p, 0);
    NUM_ARG(3, pv, 0);
    NUM_ARG(4, type, 0);
    if (r == -1 && n < 0) return error(Err::Div0);
    return result(fv_of(r, n, p, pv, timing(type)));
}

Operand fn_pv(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, n, 0);
    NUM_ARG(2, p, 0);
    NUM_ARG(3, fv, 0);
    NUM_ARG(4, type, 0);
    if (r == -1 && n > 0) return error(Err::Div0);  // the future is discounted by (1+r)^n = 0 (Excel: #DIV/0!)
    return result(pv_of(r, n, p, fv, timing(type)));
}

Operand fn_nper(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, p, 0);
    NUM_ARG(2, pv, 0);
    NUM_ARG(3, fv, 0);
    NUM_ARG(4, type, 0);
    double t = timing(type);
    if (r == 0) {
        if (p == 0) return error(Err::Num);
        return result(-(pv + fv) / p);
    }
    double num = p * (1 + r * t) - fv * r;
    double den = pv * r + p * (1 + r * t);
    if (den == 0) return error(Err::Num);
    double q = num / den;
    if (q <= 0 || r <= -1) return error(Err::Num);
    return result(std::log(q) / std::log(1 + r));
}

// RATE: Newton on the annuity equation pv(1+r)^n + pmt(1+r·t)((1+r)^n-1)/r + fv = 0.
Operand fn_rate(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, p, 0);
    NUM_ARG(2, pv, 0);
    NUM_ARG(3, fv, 0);
    NUM_ARG(4, type, 0);
    NUM_ARG(5, guess, 0.1);
    double t = timing(type);
    if (n <= 0) return error(Err::Num);
    double r = guess;
    for (int it = 0; it < 100; ++it) {
        double f, df;
        if (std::fabs(r) < 1e-12) {
            // r -> 0: the limit and its derivative
            f = pv + p * n + fv;
            df = pv * n + p * (n * (n - 1) / 2 + t * n);
        } else {
            double g = std::pow(1 + r, n);
            double dg = n * std::pow(1 + r, n - 1);
            double a = (g - 1) / r;
            double da = (dg * r - (g - 1)) / (r * r);
            f = pv * g + p * (1 + r * t) * a + fv;
            df = pv * dg + p * (t * a + (1 + r * t) * da);
        }
        if (!std::isfinite(f) || !std::isfinite(df) || df == 0) return error(Err::Num);
        double next = r - f / df;
        if (!std::isfinite(next) || next <= -1) return error(Err::Num);
        if (std::fabs(next - r) < 1e-10) return result(next);
        r = next;
    }
    return error(Err::Num);
}

// Interest part of payment `per`: the balance after per-1 payments times the rate.
double ipmt(double r, double per, double n, double pv, double fv, double t) {
    double p = pmt(r, n, pv, fv, t);
    double interest;
    if (per == 1) interest = t == 1 ? 0 : -pv;
    else interest = t == 1 ? fv_of(r, per - 2, p, pv, 1) - p : fv_of(r, per - 1, p, pv, 0);
    return interest * r;
}

Operand payment_part(CallContext& ctx, Args args, bool principal) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, per, 0);
    NUM_ARG(2, n, 0);
    NUM_ARG(3, pv, 0);
    NUM_ARG(4, fv, 0);
    NUM_ARG(5, type, 0);
    double t = timing(type);
    if (per < 1 || per >= n + 1) return error(Err::Num);
    double i = ipmt(r, per, n, pv, fv, t);
    return result(principal ? pmt(r, n, pv, fv, t) - i : i);
}

Operand fn_ipmt(CallContext& ctx, Args args) { return payment_part(ctx, args, false); }
Operand fn_ppmt(CallContext& ctx, Args args) { return payment_part(ctx, args, true); }

// CUMIPMT/CUMPRINC(rate, nper, pv, start, end, type): sums over whole periods.
Operand cumulative(CallContext& ctx, Args args, bool principal) {
    ATP_ARG(0, r, 0);
    ATP_ARG(1, n, 0);
    ATP_ARG(2, pv, 0);
    ATP_ARG(3, start, 0);
    ATP_ARG(4, end, 0);
    ATP_ARG(5, type, 0);
    if (r <= 0 || n <= 0 || pv <= 0) return error(Err::Num);
    if (type != 0 && type != 1) return error(Err::Num);
    start = std::ceil(start);
    end = std::floor(end);
    if (start < 1 || end < start || end > n) return error(Err::Num);
    double p = pmt(r, n, pv, 0, type);
    double sum = 0;
    for (double per = start; per <= end; ++per) {
        double i = ipmt(r, per, n, pv, 0, type);
        sum += principal ? p - i : i;
    }
    return result(sum);
}

Operand fn_cumipmt(CallContext& ctx, Args args) { return cumulative(ctx, args, false); }
Operand fn_cumprinc(CallContext& ctx, Args args) { return cumulative(ctx, args, true); }

// ISPMT: interest of a period for a loan with even principal payments.
Operand fn_ispmt(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, per, 0);
    NUM_ARG(2, n, 0);
    NUM_ARG(3, pv, 0);
    if (n == 0) return error(Err::Div0);
    return result(pv * r * (per / n - 1));
}

Operand fn_pduration(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    NUM_ARG(1, pv, 0);
    NUM_ARG(2, fv, 0);
    if (r <= 0 || pv <= 0 || fv <= 0) return error(Err::Num);
    return result((std::log(fv) - std::log(pv)) / std::log(1 + r));
}

Operand fn_rri(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, pv, 0);
    NUM_ARG(2, fv, 0);
    if (n <= 0) return error(Err::Num);
    if (pv == 0) return error(Err::Num);
    return result(std::pow(fv / pv, 1 / n) - 1);
}

Operand fn_effect(CallContext& ctx, Args args) {
    ATP_ARG(0, nominal, 0);
    ATP_ARG(1, np, 0);
    np = std::trunc(np);
    if (nominal <= 0 || np < 1) return error(Err::Num);
    return result(std::pow(1 + nominal / np, np) - 1);
}

Operand fn_nominal(CallContext& ctx, Args args) {
    ATP_ARG(0, eff, 0);
    ATP_ARG(1, np, 0);
    np = std::trunc(np);
    if (eff <= 0 || np < 1) return error(Err::Num);
    return result(np * (std::pow(1 + eff, 1 / np) - 1));
}

// --- cash flows -------------------------------------------------------------------------

// Numbers of the arguments for NPV/IRR/MIRR: in references and arrays only numbers count
// (text, booleans, blanks skipped); typed arguments are coerced. Errors propagate.
Err cash_flows(CallContext& ctx, Args args, size_t from, size_t to, std::vector<double>& out) {
    Err err = Err::None;
    for (size_t i = from; i < to && i < args.size(); ++i) {
        const Operand& a = args[i];
        if (a.is_missing()) continue;
        ctx.for_each(a, [&](const Value& v, bool from_ref) {
            if (err != Err::None) return;
            if (v.is_error()) { err = v.error(); return; }
            if (v.is_number()) { out.push_back(v.number()); return; }
            bool in_array = a.is_value() && a.value().is_array();
            if (from_ref || in_array) return;
            double d;
            if (Err e = CallContext::to_number(v, d); e != Err::None) { err = e; return; }
            out.push_back(d);
        });
        if (err != Err::None) return err;
    }
    return Err::None;
}

Operand fn_npv(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 0);
    std::vector<double> v;
    if (Err e = cash_flows(ctx, args, 1, args.size(), v); e != Err::None) return error(e);
    if (r == -1) return error(Err::Div0);
    double sum = 0, f = 1;
    for (double x : v) {
        f *= 1 + r;
        sum += x / f;
    }
    return result(sum);
}

// NPV at rate r of flows at t = 0, 1, … and its derivative.
void npv_and_slope(const std::vector<double>& v, double r, double& f, double& df) {
    f = 0;
    df = 0;
    double base = 1 + r;
    double pw = 1;
    for (size_t i = 0; i < v.size(); ++i) {
        f += v[i] / pw;
        df -= double(i) * v[i] / (pw * base);
        pw *= base;
    }
}

bool has_both_signs(const std::vector<double>& v) {
    bool pos = false, neg = false;
    for (double x : v) { pos |= x > 0; neg |= x < 0; }
    return pos && neg;
}

Operand fn_irr(CallContext& ctx, Args args) {
    std::vector<double> v;
    if (Err e = cash_flows(ctx, args, 0, 1, v); e != Err::None) return error(e);
    NUM_ARG(1, guess, 0.1);
    if (guess <= -1) return error(Err::Value);
    if (!has_both_signs(v)) return error(Err::Num);
    double r = guess;
    for (int it = 0; it < 100; ++it) {
        double f, df;
        npv_and_slope(v, r, f, df);
        if (!std::isfinite(f) || !std::isfinite(df) || df == 0) return error(Err::Num);
        double next = r - f / df;
        if (!std::isfinite(next)) return error(Err::Num);
        if (next <= -1) next = (r - 1) / 2;  // stay in the domain
        if (std::fabs(next - r) < 1e-12 * std::max(1.0, std::fabs(r))) return result(next);
        r = next;
    }
    return error(Err::Num);
}

Operand fn_mirr(CallContext& ctx, Args args) {
    std::vector<double> v;
    if (Err e = cash_flows(ctx, args, 0, 1, v); e != Err::None) return error(e);
    NUM_ARG(1, fr, 0);
    NUM_ARG(2, rr, 0);
    double n = double(v.size());
    // Inflows carried forward to the last period at the reinvestment rate, outflows
    // discounted to period 0 at the finance rate. No inflows gives -100%.
    double fv_pos = 0, pv_neg = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] > 0) fv_pos += v[i] * std::pow(1 + rr, n - 1 - double(i));
        else if (v[i] < 0) pv_neg += v[i] / std::pow(1 + fr, double(i));
    }
    if (pv_neg == 0 || n < 2) return error(Err::Div0);
    double q = fv_pos / -pv_neg;
    return result(std::pow(q, 1 / (n - 1)) - 1);
}

// Values and dates of XNPV/XIRR: same count, dates truncated, none before the first.
// XNPV wants numbers only (#NUM! otherwise); XIRR skips blank values with their dates
// and rejects text and booleans (#VALUE!).
Err dated_flows(CallContext& ctx, const Operand& va, const Operand& da, std::vector<double>& v, std::vector<double>& d,
                bool xirr) {
    Array a = ctx.to_array(va), b = ctx.to_array(da);
    if (a.cells().size() != b.cells().size()) return Err::Num;
    for (size_t i = 0; i < a.cells().size(); ++i) {
        const Value& x = a.cells()[i];
        const Value& y = b.cells()[i];
        if (x.is_error()) return x.error();
        if (y.is_error()) return y.error();
        if (!x.is_number()) {
            if (!xirr) return Err::Num;
            if (x.is_empty()) continue;
            return Err::Value;
        }
        double t;
        if (y.is_string()) {
            auto n = coerce_text_to_number(y.string(), ctx.date1904());
            if (!n) return Err::Value;
            t = *n;
        } else if (y.is_number()) {
            t = y.number();
        } else {
            return Err::Value;
        }
        t = std::floor(t);
        if (t < 0 || t > 2958465) return Err::Num;
        v.push_back(x.number());
        d.push_back(t);
    }
    if (v.empty()) return Err::Num;
    for (double t : d)
        if (t < d[0]) return Err::Num;
    return Err::None;
}

void xnpv_and_slope(const std::vector<double>& v, const std::vector<double>& d, double r, double& f, double& df) {
    f = 0;
    df = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        double t = (d[i] - d[0]) / 365;
        double g = std::pow(1 + r, t);
        f += v[i] / g;
        df -= t * v[i] / (g * (1 + r));
    }
}

Operand fn_xnpv(CallContext& ctx, Args args) {
    ATP_ARG(0, r, 0);
    std::vector<double> v, d;
    if (Err e = dated_flows(ctx, args[1], args[2], v, d, false); e != Err::None) return error(e);
    if (r < 0) return error(Err::Num);  // Excel: a negative rate is #NUM!
    double f, df;
    xnpv_and_slope(v, d, r, f, df);
    return result(f);
}

Operand fn_xirr(CallContext& ctx, Args args) {
    std::vector<double> v, d;
    if (Err e = dated_flows(ctx, args[0], args[1], v, d, true); e != Err::None) return error(e);
    ATP_ARG(2, guess, 0.1);
    if (!has_both_signs(v)) return error(Err::Num);
    if (guess <= -1) return error(Err::Num);
    double r = guess;
    for (int it = 0; it < 100; ++it) {
        double f, df;
        xnpv_and_slope(v, d, r, f, df);
        if (!std::isfinite(f) || !std::isfinite(df) || df == 0) return error(Err::Num);
        double next = r - f / df;
        if (!std::isfinite(next)) return error(Err::Num);
        if (next <= -1) next = (r - 1) / 2;
        if (std::fabs(next - r) < 1e-12 * std::max(1.0, std::fabs(r))) {
            // A "root" pressed against -100% is Newton running away, not an answer Excel gives.
            if (next < -1 + 1e-9) return error(Err::Num);
            return result(next);
        }
        r = next;
    }
    return error(Err::Num);
}

Operand fn_fvschedule(CallContext& ctx, Args args) {
    NUM_ARG(0, principal, 0);
    Array a = ctx.to_array(args[1]);
    double f = principal;
    for (const Value& x : a.cells()) {
        if (x.is_error()) return x;
        double r = 0;
        if (x.is_number()) r = x.number();
        else if (!x.is_empty()) return error(Err::Value);
        f *= 1 + r;
    }
    return result(f);
}

// --- depreciation -----------------------------------------------------------------------

Operand fn_sln(CallContext& ctx, Args args) {
    NUM_ARG(0, cost, 0);
    NUM_ARG(1, salvage, 0);
    NUM_ARG(2, life, 0);
    if (life == 0) return error(Err::Div0);
    return result((cost - salvage) / life);
}

Operand fn_syd(CallContext& ctx, Args args) {
    NUM_ARG(0, cost, 0);
    NUM_ARG(1, salvage, 0);
    NUM_ARG(2, life, 0);
    NUM_ARG(3, per, 0);
    if (life <= 0 || per <= 0 || per > life) return error(Err::Num);
    return result((cost - salvage) * (life - per + 1) * 2 / (life * (life + 1)));
}

// DB: fixed-declining balance with the rate rounded to three decimals; the first and
// last (partial) years are prorated by `month`.
Operand fn_db(CallContext& ctx, Args args) {
    NUM_ARG(0, cost, 0);
    NUM_ARG(1, salvage, 0);
    NUM_ARG(2, life, 0);
    NUM_ARG(3, period, 0);
    NUM_ARG(4, month, 12);
    month = std::trunc(month);
    period = std::trunc(period);
    if (cost < 0 || salvage < 0 || life <= 0 || period <= 0 || month < 1 || month > 12) return error(Err::Num);
    if (period > life + (month < 12 ? 1 : 0)) return error(Err::Num);
    if (cost == 0) return Value(0.0);
    double rate = std::round((1 - std::pow(salvage / cost, 1 / life)) * 1000) / 1000;
    double total = 0, dep = 0;
    for (double p = 1; p <= period; ++p) {
        if (p == 1) dep = cost * rate * month / 12;
        else if (p == std::floor(life) + 1) dep = (cost - total) * rate * (12 - month) / 12;
        else dep = (cost - total) * rate;
        total += dep;
    }
    return result(dep);
}

// DDB for one (possibly fractional) period: the book value declines by factor/life a
// period, never below the salvage value.
double ddb(double cost, double salvage, double life, double period, double factor) {
    double rate = factor / life;
    double old_value, new_value;
    if (rate >= 1) {
        rate = 1;
        old_value = period == 1 ? cost : 0;
    } else {
        old_value = cost * std::pow(1 - rate, period - 1);
    }
    new_value = cost * std::pow(1 - rate, period);
    double dep = new_value < salvage ? old_value - salvage : old_value - new_value;
    return std::max(0.0, dep);
}

Operand fn_ddb(CallContext& ctx, Args args) {
    NUM_ARG(0, cost, 0);
    NUM_ARG(1, salvage, 0);
    NUM_ARG(2, life, 0);
    NUM_ARG(3, period, 0);
    NUM_ARG(4, factor, 2);
    if (cost < 0 || salvage < 0 || life <= 0 || period <= 0 || factor <= 0 || period > life) return error(Err::Num);
    return result(ddb(cost, salvage, life, period, factor));
}

// VDB: declining balance between two periods, switching to straight line when that is
// larger (unless no_switch). Partial periods are prorated.
Operand fn_vdb(CallContext& ctx, Args args) {
    NUM_ARG(0, cost, 0);
    NUM_ARG(1, salvage, 0);
    NUM_ARG(2, life, 0);
    NUM_ARG(3, start, 0);
    NUM_ARG(4, end, 0);
    NUM_ARG(5, factor, 2);
    bool no_switch = false;
    if (present(args, 6)) {
        if (Err e = CallContext::to_bool(ctx.scalar(args[6]), no_switch); e != Err::None) return error(e);
    }
    if (cost < 0 || salvage < 0 || life <= 0 || start < 0 || end < start || end > life || factor <= 0)
        return error(Err::Num);
    double value = cost, total = 0, sl = 0;
    bool switched = false;
    double last = std::ceil(end);
    for (double i = 0; i < last; ++i) {
        double dep;
        if (switched) {
            dep = sl;
        } else {
            dep = std::min(value * factor / life, std::max(0.0, value - salvage));
            if (!no_switch) {
                double s = (value - salvage) / (life - i);
                if (s > dep) { switched = true; sl = s; dep = s; }
            }
        }
        dep = std::max(0.0, std::min(dep, value - salvage));
        double overlap = std::min(end, i + 1) - std::max(start, i);
        if (overlap > 0) total += dep * overlap;
        value -= dep;
    }
    return result(total);
}

// --- fractional prices ------------------------------------------------------------------

// DOLLARDE(1.02, 16) = 1 + 2/16: the fraction is read as a numerator over `fraction`.
Operand dollar_convert(CallContext& ctx, Args args, bool to_decimal) {
    ATP_ARG(0, x, 0);
    ATP_ARG(1, frac, 0);
    frac = std::trunc(frac);
    if (frac < 0) return error(Err::Num);
    if (frac == 0) return error(Err::Div0);
    double scale = std::pow(10.0, std::ceil(std::log10(frac)));
    double a = std::fabs(x);
    double ip = std::floor(a), fp = a - ip;
    double r = to_decimal ? ip + fp * scale / frac : ip + fp * frac / scale;
    return result(x < 0 ? -r : r);
}

Operand fn_dollarde(CallContext& ctx, Args args) { return dollar_convert(ctx, args, true); }
Operand fn_dollarfr(CallContext& ctx, Args args) { return dollar_convert(ctx, args, false); }

}  // namespace

void register_financial_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"PMT", fn_pmt, 3, 5, kLift, "Payment per period of a loan or annuity"},
        {"PV", fn_pv, 3, 5, kLift, "Present value of an annuity"},
        {"FV", fn_fv, 3, 5, kLift, "Future value of an annuity"},
        {"NPER", fn_nper, 3, 5, kLift, "Number of periods of an annuity"},
        {"RATE", fn_rate, 3, 6, kLift, "Interest rate per period of an annuity (iterative)"},
        {"IPMT", fn_ipmt, 4, 6, kLift, "Interest part of one payment"},
        {"PPMT", fn_ppmt, 4, 6, kLift, "Principal part of one payment"},
        {"CUMIPMT", fn_cumipmt, 6, 6, kLift, "Interest paid between two periods"},
        {"CUMPRINC", fn_cumprinc, 6, 6, kLift, "Principal paid between two periods"},
        {"ISPMT", fn_ispmt, 4, 4, kLift, "Interest of a period with even principal payments"},
        {"PDURATION", fn_pduration, 3, 3, kLift, "Periods for an investment to reach a value"},
        {"RRI", fn_rri, 3, 3, kLift, "Equivalent interest rate for the growth of an investment"},
        {"EFFECT", fn_effect, 2, 2, kLift, "Effective annual interest rate"},
        {"NOMINAL", fn_nominal, 2, 2, kLift, "Nominal annual interest rate"},
        {"NPV", fn_npv, 2, 255, 0, "Net present value of periodic cash flows"},
        {"IRR", fn_irr, 1, 2, 0, "Internal rate of return of periodic cash flows (iterative)"},
        {"MIRR", fn_mirr, 3, 3, 0, "Modified internal rate of return"},
        {"XNPV", fn_xnpv, 3, 3, 0, "Net present value of dated cash flows"},
        {"XIRR", fn_xirr, 2, 3, 0, "Internal rate of return of dated cash flows (iterative)"},
        {"FVSCHEDULE", fn_fvschedule, 2, 2, 0, "Future value of a principal after a schedule of rates"},
        {"SLN", fn_sln, 3, 3, kLift, "Straight-line depreciation for one period"},
        {"SYD", fn_syd, 4, 4, kLift, "Sum-of-years'-digits depreciation for a period"},
        {"DB", fn_db, 4, 5, kLift, "Fixed-declining balance depreciation for a period"},
        {"DDB", fn_ddb, 4, 5, kLift, "Double-declining balance depreciation for a period"},
        {"VDB", fn_vdb, 5, 7, kLift, "Declining balance depreciation between two periods"},
        {"DOLLARDE", fn_dollarde, 2, 2, kLift, "Converts a fractional dollar price to a decimal"},
        {"DOLLARFR", fn_dollarfr, 2, 2, kLift, "Converts a decimal dollar price to a fractional one"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = "financial";
        d.description = r.desc;
        reg.add(std::move(d));
    }
    register_financial_bond_functions(reg);
}

}  // namespace sp
