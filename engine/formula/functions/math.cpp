// math.cpp — the math and trigonometry family: SUM and friends, Excel rounding, integer
// functions, trigonometry, SUBTOTAL/AGGREGATE, number bases and roman numerals, matrices.
//
// Conventions (Excel's): scalar arguments go through implicit intersection and Excel's
// coercion ("12" -> 12, TRUE -> 1, blank -> 0, "abc" -> #VALUE!); the first error
// argument wins; a NaN or infinite result is #NUM!. Aggregates (SUM, PRODUCT…) ignore
// text, booleans and blanks inside references and arrays but coerce direct arguments.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "formula/function.h"
#include "formula/functions/round.h"
#include "formula/program.h"
#include "model/workbook.h"

namespace sp {
namespace {

constexpr double kPi = 3.14159265358979323846;

Value error(Err e) { return Value::error(e); }

// A numeric result: NaN and infinities become #NUM!, -0 becomes 0.
Value result(double d) {
    if (!std::isfinite(d)) return error(Err::Num);
    return Value(d == 0 ? 0.0 : d);
}

// Argument i as a number; dflt when it is absent or omitted (ROUND(x,) -> digits 0).
Err number_arg(CallContext& ctx, Args args, size_t i, double& out, double dflt = 0) {
    if (i >= args.size() || args[i].is_missing()) {
        out = dflt;
        return Err::None;
    }
    return CallContext::to_number(ctx.scalar(args[i]), out);
}

// Excel truncates integer arguments (digits, counts, radixes) toward zero.
int clamp_int(double d, int lo = -100000, int hi = 100000) {
    if (std::isnan(d)) return 0;
    d = std::trunc(d);
    return d < lo ? lo : (d > hi ? hi : int(d));
}

#define NUM_ARG(i, var, dflt)                                                  \
    double var;                                                                \
    if (Err e_ = number_arg(ctx, args, i, var, dflt); e_ != Err::None) return error(e_)
#define ATP_ARG(i, var)                                                        \
    double var;                                                                \
    if (Err e_ = atp_arg(ctx, args, i, var); e_ != Err::None) return error(e_)

// --- visiting the values of references and arrays -------------------------------

// Whether a formula holds a SUBTOTAL or AGGREGATE call (those cells are skipped by
// SUBTOTAL and AGGREGATE, to avoid counting subtotals twice).
bool node_has_subtotal(const formula::Node& n) {
    if (n.kind == formula::NodeKind::Call && (n.text == "SUBTOTAL" || n.text == "AGGREGATE")) return true;
    for (const formula::Node& c : n.children)
        if (node_has_subtotal(c)) return true;
    return false;
}

bool is_subtotal_cell(const Workbook& wb, uint32_t formula_index) {
    uint32_t p = wb.formula(formula_index).program;
    return p != 0xFFFFFFFF && node_has_subtotal(wb.program(p).ast);
}

// Calls fn(const Value&) for every non-empty value of a reference or array argument, in
// order (a reference column by column). Formula cells are read through the context so
// that they are brought up to date — also those whose slot is still empty because they
// have not been computed yet (a target of INDIRECT or OFFSET): Sheet::for_each would
// skip them, so the walk goes cell by cell over the rows the columns actually use.
// hidden: 1 skips rows a table's AutoFilter hides, 2 every hidden row (SUBTOTAL 1-11, 101-111).
template <class F>
void visit_values(CallContext& ctx, const Operand& a, F&& fn, bool skip_subtotals = false, int hidden = 0) {
    auto area = [&](const SheetRange& r) {
        const Workbook& wb = ctx.workbook();
        const Sheet& sh = wb.sheet(r.sheet);
        int32_t c_end = std::min(r.range.c2, sh.column_count() - 1);
        for (int32_t col = r.range.c1; col <= c_end; ++col) {
            int32_t r_end = std::min(r.range.r2, sh.column_extent(col) - 1);
            for (int32_t row = r.range.r1; row <= r_end; ++row) {
                if (hidden && row_hidden(wb, r.sheet, row, hidden == 1)) continue;
                uint32_t f = sh.formula_at(row, col);
                if (f == kNoFormula) {
                    CellView v = sh.view(row, col);
                    if (v.type == Type::Number) fn(Value(v.num));
                    else if (v.type != Type::Empty) fn(v.value());
                    continue;
                }
                if (skip_subtotals && is_subtotal_cell(wb, f)) continue;
                Value val = ctx.cell_value(r.sheet, row, col);
                if (!val.is_empty()) fn(val);
            }
        }
    };
    switch (a.kind()) {
        case Operand::Kind::Ref: area(a.ref()); break;
        case Operand::Kind::Areas:
            for (const SheetRange& r : a.area_list()) area(r);
            break;
        case Operand::Kind::Value:
            if (a.value().is_array())
                for (const Value& v : a.value().array().cells())
                    if (!v.is_empty()) fn(v);
            break;
        case Operand::Kind::Missing: break;
    }
}

bool is_range_like(const Operand& a) { return a.is_ref() || (a.is_value() && a.value().is_array()); }

// Visits the numbers SUM would add: numbers of references and arrays, and direct
// arguments coerced. Returns the first error met.
template <class F>
Err sum_numbers(CallContext& ctx, Args args, F&& fn) {
    Err err = Err::None;
    for (const Operand& a : args) {
        if (a.is_missing()) continue;
        if (is_range_like(a)) {
            visit_values(ctx, a, [&](const Value& v) {
                if (err != Err::None) return;
                if (v.is_number()) fn(v.number());
                else if (v.is_error()) err = v.error();
            });
        } else {
            double d;
            err = CallContext::to_number(a.value(), d);
            if (err == Err::None) fn(d);
        }
        if (err != Err::None) return err;
    }
    return err;
}

// Analysis ToolPak functions (MROUND, QUOTIENT, GCD, LCM, MULTINOMIAL, SERIESSUM,
// SQRTPI, FACTDOUBLE) are stricter than the core ones: a boolean is #VALUE! and an
// omitted argument is #N/A (=MROUND(,5) is #N/A; =MROUND(TRUE,2) is #VALUE!).
Err atp_value(const Value& v, double& out) {
    if (v.is_bool()) return Err::Value;
    return CallContext::to_number(v, out);
}

Err atp_arg(CallContext& ctx, Args args, size_t i, double& out) {
    if (i >= args.size() || args[i].is_missing()) return Err::NA;
    return atp_value(ctx.scalar(args[i]), out);
}

// Every number of the arguments of GCD, LCM, MULTINOMIAL and SERIESSUM's coefficients:
// text is coerced ("8" is 8, "abc" #VALUE!), booleans are #VALUE!, a blank single cell
// is skipped but blanks inside a larger range count as 0 (=LCM(A1:B1) with A1 blank
// is 0). Nothing at all is #VALUE!.
Err atp_numbers(CallContext& ctx, Args args, std::vector<double>& out) {
    Err err = Err::None;
    auto take = [&](const Value& v, bool blank_is_zero) {
        if (err != Err::None) return;
        if (v.is_empty()) {
            if (blank_is_zero) out.push_back(0);
            return;
        }
        double d;
        err = atp_value(v, d);
        if (err == Err::None) out.push_back(d);
    };
    for (const Operand& a : args) {
        if (a.is_missing()) return Err::NA;
        if (a.is_ref()) {
            bool single = a.kind() == Operand::Kind::Ref && a.ref().range.is_cell();
            ctx.for_each(a, [&](const Value& v, bool) { take(v, !single); }, !single);
        } else if (a.value().is_array()) {
            for (const Value& v : a.value().array().cells()) take(v, true);
        } else {
            take(a.value(), false);
        }
        if (err != Err::None) return err;
    }
    return out.empty() ? Err::Value : Err::None;
}

// --- SUM, PRODUCT, SUMSQ ------------------------------------------------------------

Operand fn_sum(CallContext& ctx, Args args) {
    double s = 0;
    Err e = sum_numbers(ctx, args, [&](double d) { s += d; });
    return e != Err::None ? error(e) : result(s);
}

Operand fn_product(CallContext& ctx, Args args) {
    double p = 1;
    bool any = false;
    Err e = sum_numbers(ctx, args, [&](double d) { p *= d; any = true; });
    if (e != Err::None) return error(e);
    return result(any ? p : 0);  // PRODUCT of nothing is 0 in Excel
}

Operand fn_sumsq(CallContext& ctx, Args args) {
    double s = 0;
    Err e = sum_numbers(ctx, args, [&](double d) { s += d * d; });
    return e != Err::None ? error(e) : result(s);
}

// --- rounding -------------------------------------------------------------------

Operand fn_round(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d, 0);
    return result(excel_round(x, clamp_int(d)));
}

Operand fn_roundup(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d, 0);
    return result(excel_roundup(x, clamp_int(d)));
}

Operand fn_rounddown(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d, 0);
    return result(excel_rounddown(x, clamp_int(d)));
}

// Half away from zero.
double round_half(double q) { return q < 0 ? -std::floor(-q + 0.5) : std::floor(q + 0.5); }

// x/m as Excel sees it: the quotient taken to 15 digits, so that 2.675/0.01
// (267.49999999999997) counts as 267.5.
double quotient15(double x, double m) { return round15(x / m); }

Operand fn_mround(CallContext& ctx, Args args) {
    ATP_ARG(0, x);
    ATP_ARG(1, m);
    if (x == 0 || m == 0) return Value(0.0);
    if ((x < 0) != (m < 0)) return error(Err::Num);
    return result(round_half(quotient15(x, m)) * m);
}

Operand fn_int(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    return result(std::floor(x));
}

Operand fn_trunc(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d, 0);
    return result(excel_rounddown(x, clamp_int(d)));
}

Operand fn_even(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    double v = std::ceil(round15(std::fabs(x)) / 2) * 2;
    return result(x < 0 ? -v : v);
}

Operand fn_odd(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    double v = std::ceil(round15(std::fabs(x)));
    if (std::fmod(v, 2) == 0) v += 1;
    return result(x < 0 ? -v : v);
}

// FLOOR/CEILING: multiples of sig. Excel: FLOOR(x,0) is #DIV/0!, CEILING(x,0) is 0,
// a positive x with a negative sig is #NUM!; a negative x with a positive sig rounds
// toward -inf (FLOOR) / +inf (CEILING), with a negative sig by magnitude.
Operand fn_floor(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 0);
    if (s == 0) return x == 0 ? Value(0.0) : error(Err::Div0);
    if (x > 0 && s < 0) return error(Err::Num);
    return result(std::floor(quotient15(x, s)) * s);
}

Operand fn_ceiling(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 0);
    if (s == 0 || x == 0) return Value(0.0);
    if (x > 0 && s < 0) return error(Err::Num);
    return result(std::ceil(quotient15(x, s)) * s);
}

// CEILING.MATH(x, [sig=1], [mode]): mode non-zero rounds negatives away from zero.
Operand fn_ceiling_math(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 1);
    NUM_ARG(2, mode, 0);
    s = std::fabs(s);
    if (s == 0 || x == 0) return Value(0.0);
    if (x < 0 && mode != 0) return result(-std::ceil(quotient15(-x, s)) * s);
    return result(std::ceil(quotient15(x, s)) * s);
}

// FLOOR.MATH(x, [sig=1], [mode]): mode non-zero rounds negatives toward zero.
Operand fn_floor_math(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 1);
    NUM_ARG(2, mode, 0);
    s = std::fabs(s);
    if (s == 0 || x == 0) return Value(0.0);
    if (x < 0 && mode != 0) return result(-std::floor(quotient15(-x, s)) * s);
    return result(std::floor(quotient15(x, s)) * s);
}

// CEILING.PRECISE and ISO.CEILING: toward +inf whatever the sign of sig.
Operand fn_ceiling_precise(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 1);
    s = std::fabs(s);
    if (s == 0 || x == 0) return Value(0.0);
    return result(std::ceil(quotient15(x, s)) * s);
}

Operand fn_floor_precise(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, s, 1);
    s = std::fabs(s);
    if (s == 0 || x == 0) return Value(0.0);
    return result(std::floor(quotient15(x, s)) * s);
}

// --- arithmetic -----------------------------------------------------------------

Operand fn_abs(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    return result(std::fabs(x));
}

Operand fn_sign(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    return Value(x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0));
}

// MOD is x - d*INT(x/d), as Excel documents it: the result takes the divisor's sign.
Operand fn_mod(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d, 0);
    if (d == 0) return error(Err::Div0);
    double q = std::floor(x / d);
    double r = x - d * q;
    if (r != 0 && (r < 0) != (d < 0)) r += d;  // x/d rounded up to an integer
    if (std::fabs(r) >= std::fabs(d)) r = 0;
    return result(r);
}

Operand fn_quotient(CallContext& ctx, Args args) {
    ATP_ARG(0, x);
    ATP_ARG(1, d);
    if (d == 0) return error(Err::Div0);
    return result(std::trunc(x / d));
}

Operand fn_power(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, y, 0);
    if (x == 0 && y == 0) return error(Err::Num);
    if (x == 0 && y < 0) return error(Err::Div0);
    return result(std::pow(x, y));
}

Operand fn_sqrt(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x < 0) return error(Err::Num);
    return result(std::sqrt(x));
}

Operand fn_sqrtpi(CallContext& ctx, Args args) {
    ATP_ARG(0, x);
    if (x < 0) return error(Err::Num);
    return result(std::sqrt(x * kPi));
}

Operand fn_exp(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    return result(std::exp(x));
}

Operand fn_ln(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= 0) return error(Err::Num);
    return result(std::log(x));
}

Operand fn_log10(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= 0) return error(Err::Num);
    return result(std::log10(x));
}

Operand fn_log(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, b, 10);
    if (x <= 0 || b <= 0) return error(Err::Num);
    if (b == 1) return error(Err::Div0);
    if (b == 10) return result(std::log10(x));
    if (b == 2) return result(std::log2(x));
    return result(std::log(x) / std::log(b));
}

Operand fn_pi(CallContext&, Args) { return Value(kPi); }

Operand fn_rand(CallContext& ctx, Args) {
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    return Value(dist(ctx.rng()));
}

Operand fn_randbetween(CallContext& ctx, Args args) {
    NUM_ARG(0, lo, 0);
    NUM_ARG(1, hi, 0);
    lo = std::ceil(lo);
    hi = std::floor(hi);
    if (lo > hi) return error(Err::Num);
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    return result(lo + std::floor(dist(ctx.rng()) * (hi - lo + 1)));
}

// --- integer functions ------------------------------------------------------------

double gcd2(double a, double b) {
    while (b != 0) {
        double t = std::fmod(a, b);
        a = b;
        b = t;
    }
    return a;
}

// GCD/LCM arguments: truncated, negative or >= 2^53 is #NUM!.
Err integer_args(CallContext& ctx, Args args, std::vector<double>& out) {
    if (Err e = atp_numbers(ctx, args, out); e != Err::None) return e;
    for (double& d : out) {
        if (d < 0 || d >= 9007199254740992.0) return Err::Num;  // -0.5 too, before truncation
        d = std::trunc(d);
    }
    return Err::None;
}

Operand fn_gcd(CallContext& ctx, Args args) {
    std::vector<double> v;
    if (Err e = integer_args(ctx, args, v); e != Err::None) return error(e);
    double g = 0;
    for (double d : v) g = gcd2(g, d);
    return result(g);
}

Operand fn_lcm(CallContext& ctx, Args args) {
    std::vector<double> v;
    if (Err e = integer_args(ctx, args, v); e != Err::None) return error(e);
    double l = 1;
    for (double d : v) {
        if (d == 0) return Value(0.0);
        l = l / gcd2(l, d) * d;
    }
    if (l >= 9007199254740992.0) return error(Err::Num);  // beyond exact integers
    return result(l);
}

Operand fn_fact(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x < 0) return error(Err::Num);
    x = std::trunc(x);
    if (x > 170) return error(Err::Num);
    double f = 1;
    for (int i = 2; i <= int(x); ++i) f *= i;
    return result(f);
}

Operand fn_factdouble(CallContext& ctx, Args args) {
    ATP_ARG(0, x);
    if (x < -1) return error(Err::Num);
    x = std::trunc(x);
    if (x > 300) return error(Err::Num);
    double f = 1;
    for (int i = int(x); i > 1; i -= 2) f *= i;
    return result(f);
}

// n choose k for integers 0 <= k <= n, multiplying in an order that stays exact as
// long as the result fits in 2^53.
double choose(double n, double k) {
    if (k > n - k) k = n - k;
    double r = 1;
    for (double i = 1; i <= k; ++i) {
        r = r * (n - k + i) / i;
        if (!std::isfinite(r)) return r;
    }
    return r < 9e15 ? std::round(r) : r;
}

Operand fn_combin(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, k, 0);
    n = std::trunc(n);
    k = std::trunc(k);
    if (n < 0 || k < 0 || k > n) return error(Err::Num);
    return result(choose(n, k));
}

Operand fn_combina(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, k, 0);
    n = std::trunc(n);
    k = std::trunc(k);
    if (n < 0 || k < 0) return error(Err::Num);
    if (k == 0) return Value(1.0);
    if (n == 0) return error(Err::Num);
    return result(choose(n + k - 1, k));
}

Operand fn_permut(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, k, 0);
    n = std::trunc(n);
    k = std::trunc(k);
    if (n <= 0 || k < 0 || k > n) return n == 0 && k == 0 ? Value(1.0) : error(Err::Num);
    double r = 1;
    for (double i = 0; i < k && std::isfinite(r); ++i) r *= n - i;
    return result(r);
}

Operand fn_multinomial(CallContext& ctx, Args args) {
    std::vector<double> v;
    if (Err e = atp_numbers(ctx, args, v); e != Err::None) return error(e);
    double total = 0, r = 1;
    for (double d : v) {
        d = std::trunc(d);
        if (d < 0) return error(Err::Num);
        total += d;
        r *= choose(total, d);  // (a+b+c)!/(a!b!c!) as a product of binomials
        if (!std::isfinite(r)) return error(Err::Num);
    }
    return result(r);
}

// SERIESSUM(x, n, m, coefficients): sum of a_i * x^(n + i*m).
Operand fn_seriessum(CallContext& ctx, Args args) {
    ATP_ARG(0, x);
    ATP_ARG(1, n);
    ATP_ARG(2, m);
    std::vector<double> coef;
    if (Err e = atp_numbers(ctx, args.subspan(3, 1), coef); e != Err::None) return error(e);
    double s = 0;
    for (size_t i = 0; i < coef.size(); ++i) {
        double p = n + double(i) * m;
        if (x == 0 && p <= 0) return error(Err::Num);  // 0^0 included
        s += coef[i] * std::pow(x, p);
    }
    return result(s);
}

// --- trigonometry ---------------------------------------------------------------

// Excel refuses arguments of 2^27 and beyond for the periodic functions.
constexpr double kTrigLimit = 134217728.0;

template <double (*F)(double)>
Operand periodic(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (std::fabs(x) >= kTrigLimit) return error(Err::Num);
    return result(F(x));
}

template <double (*F)(double)>
Operand plain(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    return result(F(x));
}

double f_sin(double x) { return std::sin(x); }
double f_cos(double x) { return std::cos(x); }
double f_tan(double x) { return std::tan(x); }
double f_sec(double x) { return 1 / std::cos(x); }
double f_atan(double x) { return std::atan(x); }
double f_sinh(double x) { return std::sinh(x); }
double f_cosh(double x) { return std::cosh(x); }
double f_tanh(double x) { return std::tanh(x); }
double f_asinh(double x) { return std::asinh(x); }
double f_sech(double x) { return 1 / std::cosh(x); }
double f_acot(double x) { return kPi / 2 - std::atan(x); }
double f_degrees(double x) { return x * (180.0 / kPi); }
double f_radians(double x) { return x * (kPi / 180.0); }

Operand fn_asin(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x < -1 || x > 1) return error(Err::Num);
    return result(std::asin(x));
}

Operand fn_acos(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x < -1 || x > 1) return error(Err::Num);
    return result(std::acos(x));
}

Operand fn_acosh(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x < 1) return error(Err::Num);
    return result(std::acosh(x));
}

Operand fn_atanh(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= -1 || x >= 1) return error(Err::Num);
    return result(std::atanh(x));
}

Operand fn_acoth(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (std::fabs(x) <= 1) return error(Err::Num);
    return result(0.5 * std::log((x + 1) / (x - 1)));
}

// ATAN2(x, y): note Excel's argument order (x first); both zero is #DIV/0!.
Operand fn_atan2(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, y, 0);
    if (x == 0 && y == 0) return error(Err::Div0);
    return result(std::atan2(y, x));
}

Operand fn_cot(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (std::fabs(x) >= kTrigLimit) return error(Err::Num);
    if (x == 0) return error(Err::Div0);
    return result(1 / std::tan(x));
}

Operand fn_csc(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (std::fabs(x) >= kTrigLimit) return error(Err::Num);
    if (x == 0) return error(Err::Div0);
    return result(1 / std::sin(x));
}

Operand fn_coth(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x == 0) return error(Err::Div0);
    return result(1 / std::tanh(x));
}

Operand fn_csch(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x == 0) return error(Err::Div0);
    return result(1 / std::sinh(x));
}

// --- SUBTOTAL and AGGREGATE -------------------------------------------------------

// The values SUBTOTAL/AGGREGATE gather from their reference arguments.
struct Gathered {
    std::vector<double> nums;
    size_t nonempty = 0;  // COUNTA
    Err err = Err::None;
};

void gather(CallContext& ctx, const Operand& a, Gathered& g, bool skip_subtotals, bool ignore_errors, int hidden = 0) {
    if (a.is_missing()) return;
    if (!is_range_like(a)) {
        double d;
        Value v = a.value();
        if (v.is_error() && ignore_errors) return;
        ++g.nonempty;
        if (Err e = CallContext::to_number(v, d); e != Err::None) {
            if (g.err == Err::None) g.err = e;
        } else {
            g.nums.push_back(d);
        }
        return;
    }
    visit_values(ctx, a, [&](const Value& v) {
        if (v.is_error()) {
            if (ignore_errors) return;
            if (g.err == Err::None) g.err = v.error();
        } else if (v.is_number()) {
            g.nums.push_back(v.number());
        }
        ++g.nonempty;
    }, skip_subtotals, hidden);
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double d : v) s += d;
    return s / double(v.size());
}

// Sum of squared deviations from the mean (two passes, for accuracy).
double sq_dev(const std::vector<double>& v) {
    double m = mean(v), s = 0;
    for (double d : v) s += (d - m) * (d - m);
    return s;
}

// Linear interpolation at 0-based fractional rank r of sorted v.
double at_rank(const std::vector<double>& v, double r) {
    size_t i = size_t(std::floor(r));
    double f = r - double(i);
    if (i + 1 >= v.size()) return v.back();
    return v[i] + f * (v[i + 1] - v[i]);
}

// Function numbers 1-19 of AGGREGATE (1-11 of SUBTOTAL). k: the second argument of 14-19.
Value aggregate_of(int fn, Gathered& g, double k) {
    std::vector<double>& v = g.nums;
    size_t n = v.size();
    switch (fn) {
        case 1: return n ? result(mean(v)) : error(Err::Div0);                       // AVERAGE
        case 2: return Value(double(n));                                               // COUNT
        case 3: return Value(double(g.nonempty));                                      // COUNTA
        case 4: return n ? Value(*std::max_element(v.begin(), v.end())) : Value(0.0);  // MAX
        case 5: return n ? Value(*std::min_element(v.begin(), v.end())) : Value(0.0);  // MIN
        case 6: {                                                                      // PRODUCT
            double p = 1;
            for (double d : v) p *= d;
            return result(n ? p : 0);
        }
        case 7: return n > 1 ? result(std::sqrt(sq_dev(v) / double(n - 1))) : error(Err::Div0);  // STDEV.S
        case 8: return n ? result(std::sqrt(sq_dev(v) / double(n))) : error(Err::Div0);          // STDEV.P
        case 9: {                                                                                  // SUM
            double s = 0;
            for (double d : v) s += d;
            return result(s);
        }
        case 10: return n > 1 ? result(sq_dev(v) / double(n - 1)) : error(Err::Div0);  // VAR.S
        case 11: return n ? result(sq_dev(v) / double(n)) : error(Err::Div0);          // VAR.P
        default: break;
    }
    if (!n) return error(Err::Num);
    std::sort(v.begin(), v.end());
    switch (fn) {
        case 12: return result(at_rank(v, double(n - 1) / 2));  // MEDIAN
        case 13: {                                              // MODE.SNGL: first most frequent, in sorted order
            double best = 0;
            size_t best_count = 1;
            for (size_t i = 0; i < n;) {
                size_t j = i;
                while (j < n && v[j] == v[i]) ++j;
                if (j - i > best_count) best_count = j - i, best = v[i];
                i = j;
            }
            return best_count > 1 ? Value(best) : error(Err::NA);
        }
        case 14:
        case 15: {  // LARGE, SMALL
            double kk = std::ceil(k);
            if (kk < 1 || kk > double(n)) return error(Err::Num);
            return Value(fn == 14 ? v[n - size_t(kk)] : v[size_t(kk) - 1]);
        }
        case 16:
        case 17: {  // PERCENTILE.INC, QUARTILE.INC
            double p = fn == 16 ? k : std::trunc(k) / 4;
            if (p < 0 || p > 1) return error(Err::Num);
            return result(at_rank(v, p * double(n - 1)));
        }
        case 18:
        case 19: {  // PERCENTILE.EXC, QUARTILE.EXC
            double p = fn == 18 ? k : std::trunc(k) / 4;
            if (p <= 0 || p >= 1) return error(Err::Num);
            double r = p * double(n + 1);
            if (r < 1 || r > double(n)) return error(Err::Num);
            return result(at_rank(v, r - 1));
        }
        default: return error(Err::Value);
    }
}

// SUBTOTAL(fn, ref1, …): 1-11 skip the rows a table's AutoFilter hides, 101-111 every hidden
// row (<row hidden="1">), as Excel. Cells holding SUBTOTAL or AGGREGATE formulas are skipped.
Operand fn_subtotal(CallContext& ctx, Args args) {
    NUM_ARG(0, f, 0);
    int fn = int(std::trunc(f));
    int hidden = fn > 100 ? 2 : 1;
    if (fn > 100) fn -= 100;
    if (fn < 1 || fn > 11) return error(Err::Value);
    Gathered g;
    for (size_t i = 1; i < args.size(); ++i) gather(ctx, args[i], g, true, false, hidden);
    if (g.err != Err::None && fn != 2 && fn != 3) return error(g.err);
    return aggregate_of(fn, g, 0);
}

// AGGREGATE(fn, options, ref1, …) for 1-13; AGGREGATE(fn, options, array, k) for 14-19.
// Options: 0-3 skip nested SUBTOTAL/AGGREGATE cells, 2,3,6,7 ignore errors; 1,3,5,7
// (hidden rows) behave as 0,2,4,6 since the model keeps no hidden rows.
Operand fn_aggregate(CallContext& ctx, Args args) {
    NUM_ARG(0, f, 0);
    NUM_ARG(1, o, 0);
    if (!(f >= 1 && f < 20 && o >= 0 && o < 8)) return error(Err::Value);  // before int(): no overflow (UB)
    int fn = int(std::trunc(f)), opt = int(std::trunc(o));
    bool skip_nested = opt <= 3, ignore_errors = opt == 2 || opt == 3 || opt == 6 || opt == 7;
    Gathered g;
    double k = 0;
    size_t last = args.size();
    if (fn >= 14) {
        if (args.size() != 4) return error(Err::Value);
        NUM_ARG(3, kk, 0);
        k = kk;
        last = 3;
    }
    for (size_t i = 2; i < last; ++i) gather(ctx, args[i], g, skip_nested, ignore_errors);
    if (g.err != Err::None && fn != 2 && fn != 3) return error(g.err);
    return aggregate_of(fn, g, k);
}

// --- bases and roman numerals -------------------------------------------------------

Operand fn_base(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, r, 0);
    NUM_ARG(2, len, 0);
    x = std::trunc(x);
    r = std::trunc(r);
    len = std::trunc(len);
    if (x < 0 || x >= 9007199254740992.0 || r < 2 || r > 36 || len < 0 || len > 255) return error(Err::Num);
    std::string s;
    uint64_t v = uint64_t(x), radix = uint64_t(r);
    do {
        int d = int(v % radix);
        s.push_back(char(d < 10 ? '0' + d : 'A' + d - 10));
        v /= radix;
    } while (v);
    while (s.size() < size_t(len)) s.push_back('0');
    std::reverse(s.begin(), s.end());
    return Value::string(s);
}

Operand fn_decimal(CallContext& ctx, Args args) {
    std::string text;
    if (Err e = CallContext::to_text(ctx.scalar(args[0]), text); e != Err::None) return error(e);
    NUM_ARG(1, r, 0);
    r = std::trunc(r);
    if (r < 2 || r > 36) return error(Err::Num);
    if (text.size() > 255) return error(Err::Value);
    // Surrounding spaces are ignored; letters are case-insensitive; an empty text is 0.
    size_t b = text.find_first_not_of(' '), e = text.find_last_not_of(' ');
    if (b == std::string::npos) return Value(0.0);
    double v = 0;
    for (size_t i = b; i <= e; ++i) {
        char c = text[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
        if (d >= r) return error(Err::Num);
        v = v * r + d;
    }
    return result(v);
}

// ROMAN(n, form): form 0 is classic; 1-4 are ever more concise, letting a subtractive
// pair skip further down (499: CDXCIX, LDVLIV, XDIX, VDIV, ID).
std::string roman(int n, int form) {
    static const char kSym[] = {'M', 'D', 'C', 'L', 'X', 'V', 'I'};
    static const int kVal[] = {1000, 500, 100, 50, 10, 5, 1};
    std::string out;
    for (int i = 0; i <= 6; i += 2) {  // decimal positions: M, C, X, I
        int digit = n / kVal[i];
        if (digit % 5 == 4) {
            // 4 or 9 units of this position: a subtractive pair whose larger symbol is
            // one (4) or two (9) steps up. Concise forms pick a smaller subtrahend while
            // the pair still fits under what is left.
            int big = digit == 4 ? i - 1 : i - 2;
            int small = i;
            for (int step = 0; step < form && small < 6; ++step) {
                if (kVal[big] - kVal[small + 1] <= n) ++small;
                else break;
            }
            out.push_back(kSym[small]);
            out.push_back(kSym[big]);
            n -= kVal[big] - kVal[small];
        } else {
            if (digit >= 5) out.push_back(kSym[i - 1]);
            out.append(size_t(digit % 5), kSym[i]);
            n %= kVal[i];
        }
    }
    return out;
}

Operand fn_roman(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    double form = 0;
    if (args.size() > 1 && !args[1].is_missing()) {
        Value f = ctx.scalar(args[1]);
        if (f.is_bool()) form = f.boolean() ? 0 : 4;  // TRUE classic, FALSE simplified
        else if (Err e = CallContext::to_number(f, form); e != Err::None) return error(e);
    }
    x = std::trunc(x);
    form = std::trunc(form);
    if (x < 0 || x > 3999 || form < 0 || form > 4) return error(Err::Value);
    return Value::string(roman(int(x), int(form)));
}

Operand fn_arabic(CallContext& ctx, Args args) {
    std::string text;
    if (Err e = CallContext::to_text(ctx.scalar(args[0]), text); e != Err::None) return error(e);
    if (text.size() > 255) return error(Err::Value);
    size_t b = text.find_first_not_of(' '), e = text.find_last_not_of(' ');
    if (b == std::string::npos) return Value(0.0);
    bool neg = text[b] == '-';
    if (neg) ++b;
    double total = 0;
    int prev = 0;
    for (size_t i = e + 1; i-- > b;) {  // right to left: a smaller symbol before a larger one subtracts
        int v;
        switch (text[i] | 0x20) {
            case 'i': v = 1; break;
            case 'v': v = 5; break;
            case 'x': v = 10; break;
            case 'l': v = 50; break;
            case 'c': v = 100; break;
            case 'd': v = 500; break;
            case 'm': v = 1000; break;
            default: return error(Err::Value);
        }
        if (v < prev) total -= v;
        else total += v, prev = v;
    }
    return Value(neg ? -total : total);
}

// --- matrices -------------------------------------------------------------------

// An argument as a matrix of numbers; any non-number (text, blank, boolean) is #VALUE!.
Err matrix_arg(CallContext& ctx, const Operand& a, std::vector<double>& m, uint32_t& rows, uint32_t& cols) {
    Array arr = ctx.to_array(a);
    rows = arr.rows();
    cols = arr.cols();
    m.resize(size_t(rows) * cols);
    for (size_t i = 0; i < m.size(); ++i) {
        const Value& v = arr.cells()[i];
        if (v.is_error()) return v.error();
        if (!v.is_number()) return Err::Value;
        m[i] = v.number();
    }
    return rows && cols ? Err::None : Err::Value;
}

Value matrix_value(const std::vector<double>& m, uint32_t rows, uint32_t cols) {
    Array out(rows, cols);
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) out.at(r, c) = result(m[size_t(r) * cols + c]);
    return Value::array(std::move(out));
}

Operand fn_mmult(CallContext& ctx, Args args) {
    std::vector<double> a, b;
    uint32_t ar, ac, br, bc;
    if (Err e = matrix_arg(ctx, args[0], a, ar, ac); e != Err::None) return error(e);
    if (Err e = matrix_arg(ctx, args[1], b, br, bc); e != Err::None) return error(e);
    if (ac != br) return error(Err::Value);
    std::vector<double> m(size_t(ar) * bc, 0.0);
    for (uint32_t i = 0; i < ar; ++i)
        for (uint32_t k = 0; k < ac; ++k) {
            double x = a[size_t(i) * ac + k];
            for (uint32_t j = 0; j < bc; ++j) m[size_t(i) * bc + j] += x * b[size_t(k) * bc + j];
        }
    return matrix_value(m, ar, bc);
}

// LU decomposition with partial pivoting, in place. Returns the determinant.
double lu_det(std::vector<double> m, uint32_t n) {
    double det = 1;
    for (uint32_t c = 0; c < n; ++c) {
        uint32_t p = c;
        for (uint32_t r = c + 1; r < n; ++r)
            if (std::fabs(m[size_t(r) * n + c]) > std::fabs(m[size_t(p) * n + c])) p = r;
        if (m[size_t(p) * n + c] == 0) return 0;
        if (p != c) {
            for (uint32_t k = 0; k < n; ++k) std::swap(m[size_t(p) * n + k], m[size_t(c) * n + k]);
            det = -det;
        }
        double piv = m[size_t(c) * n + c];
        det *= piv;
        for (uint32_t r = c + 1; r < n; ++r) {
            double f = m[size_t(r) * n + c] / piv;
            if (f == 0) continue;
            for (uint32_t k = c; k < n; ++k) m[size_t(r) * n + k] -= f * m[size_t(c) * n + k];
        }
    }
    return det;
}

Operand fn_mdeterm(CallContext& ctx, Args args) {
    std::vector<double> a;
    uint32_t r, c;
    if (Err e = matrix_arg(ctx, args[0], a, r, c); e != Err::None) return error(e);
    if (r != c) return error(Err::Value);
    return result(lu_det(std::move(a), r));
}

// Gauss-Jordan elimination with partial pivoting; a singular matrix is #NUM!.
Operand fn_minverse(CallContext& ctx, Args args) {
    std::vector<double> a;
    uint32_t n, c;
    if (Err e = matrix_arg(ctx, args[0], a, n, c); e != Err::None) return error(e);
    if (n != c) return error(Err::Value);
    std::vector<double> inv(size_t(n) * n, 0.0);
    for (uint32_t i = 0; i < n; ++i) inv[size_t(i) * n + i] = 1;
    for (uint32_t col = 0; col < n; ++col) {
        uint32_t p = col;
        for (uint32_t r = col + 1; r < n; ++r)
            if (std::fabs(a[size_t(r) * n + col]) > std::fabs(a[size_t(p) * n + col])) p = r;
        if (a[size_t(p) * n + col] == 0) return error(Err::Num);
        if (p != col)
            for (uint32_t k = 0; k < n; ++k) {
                std::swap(a[size_t(p) * n + k], a[size_t(col) * n + k]);
                std::swap(inv[size_t(p) * n + k], inv[size_t(col) * n + k]);
            }
        double piv = a[size_t(col) * n + col];
        for (uint32_t k = 0; k < n; ++k) {
            a[size_t(col) * n + k] /= piv;
            inv[size_t(col) * n + k] /= piv;
        }
        for (uint32_t r = 0; r < n; ++r) {
            if (r == col) continue;
            double f = a[size_t(r) * n + col];
            if (f == 0) continue;
            for (uint32_t k = 0; k < n; ++k) {
                a[size_t(r) * n + k] -= f * a[size_t(col) * n + k];
                inv[size_t(r) * n + k] -= f * inv[size_t(col) * n + k];
            }
        }
    }
    return matrix_value(inv, n, n);
}

// Largest array a function may build (rows × cols), to keep a typo from eating memory.
constexpr double kMaxCells = 1048576.0 * 16;

Operand fn_munit(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    x = std::trunc(x);
    if (x < 1 || x * x > kMaxCells) return error(Err::Value);
    uint32_t n = uint32_t(x);
    Array out(n, n);
    for (uint32_t r = 0; r < n; ++r)
        for (uint32_t c = 0; c < n; ++c) out.at(r, c) = Value(r == c ? 1.0 : 0.0);
    return Value::array(std::move(out));
}

// SUMX2MY2, SUMX2PY2, SUMXMY2: two arrays of the same shape (else #N/A); pairs where
// either side is not a number are skipped; with no numeric pair at all the result is #DIV/0!
// (Excel).
template <int Kind>
Operand sum_pairs(CallContext& ctx, Args args) {
    Array a = ctx.to_array(args[0]), b = ctx.to_array(args[1]);
    if (a.rows() * a.cols() != b.rows() * b.cols()) return error(Err::NA);
    double s = 0;
    size_t pairs = 0;
    for (size_t i = 0; i < a.cells().size(); ++i) {
        const Value &x = a.cells()[i], &y = b.cells()[i];
        if (x.is_error()) return error(x.error());
        if (y.is_error()) return error(y.error());
        if (!x.is_number() || !y.is_number()) continue;
        ++pairs;
        double p = x.number(), q = y.number();
        s += Kind == 0 ? p * p - q * q : Kind == 1 ? p * p + q * q : (p - q) * (p - q);
    }
    if (!pairs) return error(Err::Div0);
    return result(s);
}

// SEQUENCE(rows, [cols=1], [start=1], [step=1])
Operand fn_sequence(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 1);
    NUM_ARG(1, c, 1);
    NUM_ARG(2, start, 1);
    NUM_ARG(3, step, 1);
    r = std::trunc(r);
    c = std::trunc(c);
    if (r < 0 || c < 0) return error(Err::Value);
    if (r < 1 || c < 1) return error(Err::Calc);  // an empty array
    if (r * c > kMaxCells) return error(Err::Num);
    Array out(static_cast<uint32_t>(r), static_cast<uint32_t>(c));
    for (uint32_t i = 0; i < out.rows(); ++i)
        for (uint32_t j = 0; j < out.cols(); ++j) out.at(i, j) = result(start + step * double(size_t(i) * out.cols() + j));
    return Value::array(std::move(out));
}

// RANDARRAY([rows=1], [cols=1], [min=0], [max=1], [whole=FALSE])
Operand fn_randarray(CallContext& ctx, Args args) {
    NUM_ARG(0, r, 1);
    NUM_ARG(1, c, 1);
    NUM_ARG(2, lo, 0);
    NUM_ARG(3, hi, 1);
    bool whole = false;
    if (args.size() > 4 && !args[4].is_missing())
        if (Err e = CallContext::to_bool(ctx.scalar(args[4]), whole); e != Err::None) return error(e);
    r = std::trunc(r);
    c = std::trunc(c);
    if (r < 0 || c < 0 || lo > hi) return error(Err::Value);
    if (r == 0 || c == 0) return error(Err::Calc);
    if (r * c > kMaxCells) return error(Err::Num);
    if (whole) {
        lo = std::ceil(lo);
        hi = std::floor(hi);
        if (lo > hi) return error(Err::Value);
    }
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    Array out(static_cast<uint32_t>(r), static_cast<uint32_t>(c));
    for (uint32_t i = 0; i < out.rows(); ++i)
        for (uint32_t j = 0; j < out.cols(); ++j) {
            double u = dist(ctx.rng());
            out.at(i, j) = Value(whole ? lo + std::floor(u * (hi - lo + 1)) : lo + u * (hi - lo));
        }
    return Value::array(std::move(out));
}

#undef NUM_ARG
#undef ATP_ARG

}  // namespace

void register_math_functions(FunctionRegistry& reg) {
    const std::string fam = "math";
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"SUM", fn_sum, 1, 255, 0, "Adds numbers; text and booleans in ranges are ignored"},
        {"PRODUCT", fn_product, 1, 255, 0, "Multiplies numbers; text and booleans in ranges are ignored"},
        {"SUMSQ", fn_sumsq, 1, 255, 0, "Sum of the squares of the numbers"},
        {"ROUND", fn_round, 2, 2, kLift, "Rounds half away from zero at the given digits, from the 15-digit value"},
        {"ROUNDUP", fn_roundup, 2, 2, kLift, "Rounds away from zero at the given digits"},
        {"ROUNDDOWN", fn_rounddown, 2, 2, kLift, "Rounds toward zero at the given digits"},
        {"MROUND", fn_mround, 2, 2, kLift, "Rounds to the nearest multiple"},
        {"INT", fn_int, 1, 1, kLift, "Rounds down to an integer"},
        {"TRUNC", fn_trunc, 1, 2, kLift, "Truncates toward zero at the given digits"},
        {"EVEN", fn_even, 1, 1, kLift, "Rounds away from zero to an even integer"},
        {"ODD", fn_odd, 1, 1, kLift, "Rounds away from zero to an odd integer"},
        {"FLOOR", fn_floor, 2, 2, kLift, "Rounds down to a multiple of significance"},
        {"CEILING", fn_ceiling, 2, 2, kLift, "Rounds up to a multiple of significance"},
        {"FLOOR.MATH", fn_floor_math, 1, 3, kLift, "Rounds down to a multiple; mode controls negatives"},
        {"CEILING.MATH", fn_ceiling_math, 1, 3, kLift, "Rounds up to a multiple; mode controls negatives"},
        {"FLOOR.PRECISE", fn_floor_precise, 1, 2, kLift, "Rounds toward minus infinity to a multiple"},
        {"CEILING.PRECISE", fn_ceiling_precise, 1, 2, kLift, "Rounds toward plus infinity to a multiple"},
        {"ISO.CEILING", fn_ceiling_precise, 1, 2, kLift, "Rounds toward plus infinity to a multiple"},
        {"ABS", fn_abs, 1, 1, kLift, "Absolute value"},
        {"SIGN", fn_sign, 1, 1, kLift, "Sign of a number: 1, 0 or -1"},
        {"MOD", fn_mod, 2, 2, kLift, "Remainder, with the sign of the divisor"},
        {"QUOTIENT", fn_quotient, 2, 2, kLift, "Integer part of a division"},
        {"POWER", fn_power, 2, 2, kLift, "Number raised to a power"},
        {"SQRT", fn_sqrt, 1, 1, kLift, "Square root"},
        {"SQRTPI", fn_sqrtpi, 1, 1, kLift, "Square root of number times pi"},
        {"EXP", fn_exp, 1, 1, kLift, "e raised to a power"},
        {"LN", fn_ln, 1, 1, kLift, "Natural logarithm"},
        {"LOG", fn_log, 1, 2, kLift, "Logarithm to a base (10 by default)"},
        {"LOG10", fn_log10, 1, 1, kLift, "Base-10 logarithm"},
        {"PI", fn_pi, 0, 0, 0, "The number pi"},
        {"RAND", fn_rand, 0, 0, kVolatile, "Random number in [0, 1)"},
        {"RANDBETWEEN", fn_randbetween, 2, 2, kVolatile | kLift, "Random integer between two bounds"},
        {"GCD", fn_gcd, 1, 255, 0, "Greatest common divisor"},
        {"LCM", fn_lcm, 1, 255, 0, "Least common multiple"},
        {"FACT", fn_fact, 1, 1, kLift, "Factorial"},
        {"FACTDOUBLE", fn_factdouble, 1, 1, kLift, "Double factorial"},
        {"COMBIN", fn_combin, 2, 2, kLift, "Number of combinations"},
        {"COMBINA", fn_combina, 2, 2, kLift, "Number of combinations with repetitions"},
        {"PERMUT", fn_permut, 2, 2, kLift, "Number of permutations"},
        {"MULTINOMIAL", fn_multinomial, 1, 255, 0, "Multinomial coefficient of the numbers"},
        {"SERIESSUM", fn_seriessum, 4, 4, 0, "Sum of a power series"},
        {"SUBTOTAL", fn_subtotal, 2, 255, 0, "Subtotal by function number, skipping nested subtotals"},
        {"AGGREGATE", fn_aggregate, 3, 255, kArrayArgs, "Aggregate by function number with options to ignore errors"},
        {"SIN", periodic<f_sin>, 1, 1, kLift, "Sine"},
        {"COS", periodic<f_cos>, 1, 1, kLift, "Cosine"},
        {"TAN", periodic<f_tan>, 1, 1, kLift, "Tangent"},
        {"SEC", periodic<f_sec>, 1, 1, kLift, "Secant"},
        {"CSC", fn_csc, 1, 1, kLift, "Cosecant"},
        {"COT", fn_cot, 1, 1, kLift, "Cotangent"},
        {"ASIN", fn_asin, 1, 1, kLift, "Arcsine"},
        {"ACOS", fn_acos, 1, 1, kLift, "Arccosine"},
        {"ATAN", plain<f_atan>, 1, 1, kLift, "Arctangent"},
        {"ATAN2", fn_atan2, 2, 2, kLift, "Arctangent of y/x, from x and y"},
        {"ACOT", plain<f_acot>, 1, 1, kLift, "Arccotangent"},
        {"SINH", plain<f_sinh>, 1, 1, kLift, "Hyperbolic sine"},
        {"COSH", plain<f_cosh>, 1, 1, kLift, "Hyperbolic cosine"},
        {"TANH", plain<f_tanh>, 1, 1, kLift, "Hyperbolic tangent"},
        {"SECH", plain<f_sech>, 1, 1, kLift, "Hyperbolic secant"},
        {"CSCH", fn_csch, 1, 1, kLift, "Hyperbolic cosecant"},
        {"COTH", fn_coth, 1, 1, kLift, "Hyperbolic cotangent"},
        {"ASINH", plain<f_asinh>, 1, 1, kLift, "Inverse hyperbolic sine"},
        {"ACOSH", fn_acosh, 1, 1, kLift, "Inverse hyperbolic cosine"},
        {"ATANH", fn_atanh, 1, 1, kLift, "Inverse hyperbolic tangent"},
        {"ACOTH", fn_acoth, 1, 1, kLift, "Inverse hyperbolic cotangent"},
        {"DEGREES", plain<f_degrees>, 1, 1, kLift, "Radians to degrees"},
        {"RADIANS", plain<f_radians>, 1, 1, kLift, "Degrees to radians"},
        {"BASE", fn_base, 2, 3, kLift, "Number as text in a radix (2-36)"},
        {"DECIMAL", fn_decimal, 2, 2, kLift, "Text in a radix (2-36) as a number"},
        {"ROMAN", fn_roman, 1, 2, kLift, "Number as roman numerals (forms 0-4)"},
        {"ARABIC", fn_arabic, 1, 1, kLift, "Roman numerals as a number"},
        {"MMULT", fn_mmult, 2, 2, kArrayArgs, "Matrix product (array result)"},
        {"MDETERM", fn_mdeterm, 1, 1, kArrayArgs, "Matrix determinant"},
        {"MINVERSE", fn_minverse, 1, 1, kArrayArgs, "Matrix inverse (array result)"},
        {"MUNIT", fn_munit, 1, 1, 0, "Identity matrix (array result)"},
        {"SUMX2MY2", sum_pairs<0>, 2, 2, kArrayArgs, "Sum of x^2 - y^2 over two arrays"},
        {"SUMX2PY2", sum_pairs<1>, 2, 2, kArrayArgs, "Sum of x^2 + y^2 over two arrays"},
        {"SUMXMY2", sum_pairs<2>, 2, 2, kArrayArgs, "Sum of (x - y)^2 over two arrays"},
        {"SEQUENCE", fn_sequence, 1, 4, 0, "Array of a numeric sequence"},
        {"RANDARRAY", fn_randarray, 0, 5, kVolatile, "Array of random numbers"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = fam;
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
