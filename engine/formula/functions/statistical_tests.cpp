// statistical_tests.cpp — hypothesis tests over data ranges: CHISQ.TEST, F.TEST, T.TEST,
// Z.TEST (and their legacy names) and PROB.
//
// Data arguments are ranges or arrays: their numbers count, text, booleans and blanks are
// skipped (paired tests drop a pair when either side is not a number); errors propagate.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "formula/functions/args.h"
#include "formula/functions/criteria.h"
#include "formula/functions/special.h"

namespace sp {
namespace {

namespace sf = special;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A rectangular argument's cells, row-major; non-numbers are NaN. Rows past the data in a
// whole-column reference are not stored (they read as NaN).
struct Cells {
    int64_t rows = 0, cols = 0;
    std::vector<double> v;
    double at(int64_t k) const { return size_t(k) < v.size() ? v[size_t(k)] : kNaN; }
    int64_t size() const { return rows * cols; }
};

Err read_cells(CallContext& ctx, const Operand& arg, Cells& out) {
    crit::Grid g;
    if (!crit::make_grid(ctx, arg, g)) return Err::Value;
    out.rows = g.rows;
    out.cols = g.cols;
    int64_t stored = g.is_ref() ? std::min(g.rows, crit::used_rows(g)) : g.rows;
    out.v.assign(size_t(std::max<int64_t>(stored, 0) * g.cols), kNaN);
    Err err = Err::None;
    crit::for_each_cell(ctx, g, [&](int64_t i, int64_t j, const CellView& c) {
        if (c.type == Type::Number && i < stored) out.v[size_t(i * g.cols + j)] = c.num;
        else if (c.type == Type::Error && err == Err::None) err = c.err;
    });
    return err;
}

// The numbers of a data argument.
Err numbers(CallContext& ctx, const Operand& arg, std::vector<double>& out) {
    Cells c;
    if (Err e = read_cells(ctx, arg, c); e != Err::None) return e;
    for (double x : c.v)
        if (!std::isnan(x)) out.push_back(x);
    return Err::None;
}
#define NUMBERS(i, var)                                                                 \
    std::vector<double> var;                                                            \
    if (Err e_ = numbers(ctx, args[i], var); e_ != Err::None) return Value::error(e_)

struct Moments {
    double n = 0, mean = 0, ss = 0;  // ss: sum of squared deviations
    double var() const { return ss / (n - 1); }
};
Moments moments(const std::vector<double>& v) {
    Moments m;
    m.n = double(v.size());
    if (v.empty()) return m;
    for (double x : v) m.mean += x;
    m.mean /= m.n;
    for (double x : v) m.ss += (x - m.mean) * (x - m.mean);
    return m;
}

Value num(double d) { return std::isfinite(d) ? Value(d) : Value::error(Err::Num); }

// CHISQ.TEST(actual_range, expected_range): right tail of Σ (A - E)² / E with
// (rows - 1)(cols - 1) degrees of freedom, or n - 1 for a single row or column.
Operand fn_chisq_test(CallContext& ctx, Args args) {
    Cells a, e;
    if (Err err = read_cells(ctx, args[0], a); err != Err::None) return Value::error(err);
    if (Err err = read_cells(ctx, args[1], e); err != Err::None) return Value::error(err);
    if (a.rows != e.rows || a.cols != e.cols) return Value::error(Err::NA);
    double df = (a.rows > 1 && a.cols > 1) ? double((a.rows - 1) * (a.cols - 1)) : double(a.size() - 1);
    if (df < 1) return Value::error(Err::NA);
    double chi = 0;
    for (int64_t k = 0; k < a.size(); ++k) {
        double x = a.at(k), m = e.at(k);
        if (std::isnan(x) || std::isnan(m)) continue;
        if (m == 0) return Value::error(Err::Div0);
        if (m < 0) return Value::error(Err::Num);
        chi += (x - m) * (x - m) / m;
    }
    return num(sf::gamma_dist_tails(chi / 2, df / 2).upper);
}

// F.TEST(array1, array2): two-tailed probability that the variances do not differ.
Operand fn_f_test(CallContext& ctx, Args args) {
    NUMBERS(0, xs);
    NUMBERS(1, ys);
    Moments a = moments(xs), b = moments(ys);
    if (a.n < 2 || b.n < 2 || a.ss == 0 || b.ss == 0) return Value::error(Err::Div0);
    sf::Tails t = sf::f_tails(a.var() / b.var(), a.n - 1, b.n - 1);
    return num(std::min(1.0, 2 * std::min(t.lower, t.upper)));
}

// T.TEST(array1, array2, tails, type): type 1 paired, 2 equal variances, 3 unequal (Welch).
Operand fn_t_test(CallContext& ctx, Args args) {
    Cells ca, cb;
    if (Err e = read_cells(ctx, args[0], ca); e != Err::None) return Value::error(e);
    if (Err e = read_cells(ctx, args[1], cb); e != Err::None) return Value::error(e);
    NUM_ARG(2, tails, 0);
    NUM_ARG(3, type, 0);
    tails = std::trunc(tails);
    type = std::trunc(type);
    if ((tails != 1 && tails != 2) || type < 1 || type > 3) return Value::error(Err::Num);
    double t, df;
    if (type == 1) {
        if (ca.size() != cb.size()) return Value::error(Err::NA);
        std::vector<double> d;
        for (int64_t k = 0; k < ca.size(); ++k)
            if (!std::isnan(ca.at(k)) && !std::isnan(cb.at(k))) d.push_back(ca.at(k) - cb.at(k));
        Moments m = moments(d);
        if (m.n < 2) return Value::error(Err::Div0);
        if (m.ss == 0) return Value::error(Err::Div0);
        t = m.mean / std::sqrt(m.var() / m.n);
        df = m.n - 1;
    } else {
        std::vector<double> xs, ys;
        for (double x : ca.v) if (!std::isnan(x)) xs.push_back(x);
        for (double y : cb.v) if (!std::isnan(y)) ys.push_back(y);
        Moments a = moments(xs), b = moments(ys);
        if (a.n < 2 || b.n < 2) return Value::error(Err::Div0);
        if (type == 2) {
            double pooled = (a.ss + b.ss) / (a.n + b.n - 2);
            double se = std::sqrt(pooled * (1 / a.n + 1 / b.n));
            if (se == 0) return Value::error(Err::Div0);
            t = (a.mean - b.mean) / se;
            df = a.n + b.n - 2;
        } else {
            double va = a.var() / a.n, vb = b.var() / b.n;
            if (va + vb == 0) return Value::error(Err::Div0);
            t = (a.mean - b.mean) / std::sqrt(va + vb);
            df = (va + vb) * (va + vb) / (va * va / (a.n - 1) + vb * vb / (b.n - 1));
        }
    }
    return num(std::min(1.0, tails * sf::t_tails(std::fabs(t), df).upper));
}

// Z.TEST(array, x, [sigma]): one-tailed P(Z > (mean - x) / (sigma / √n)); sigma defaults
// to the sample standard deviation.
Operand fn_z_test(CallContext& ctx, Args args) {
    NUMBERS(0, xs);
    NUM_ARG(1, x, 0);
    Moments m = moments(xs);
    if (m.n == 0) return Value::error(Err::NA);
    double sigma;
    if (present(args, 2)) {
        NUM_ARG(2, s, 0);
        if (s <= 0) return Value::error(Err::Num);
        sigma = s;
    } else {
        if (m.n < 2 || m.ss == 0) return Value::error(Err::Div0);
        sigma = std::sqrt(m.var());
    }
    double z = (m.mean - x) / (sigma / std::sqrt(m.n));
    return num(sf::norm_cdf(-z));
}

// PROB(x_range, prob_range, lower_limit, [upper_limit]): total probability of the x values
// in [lower, upper] (or equal to lower). The probabilities must lie in (0, 1] and sum to 1.
Operand fn_prob(CallContext& ctx, Args args) {
    Cells xs, ps;
    if (Err e = read_cells(ctx, args[0], xs); e != Err::None) return Value::error(e);
    if (Err e = read_cells(ctx, args[1], ps); e != Err::None) return Value::error(e);
    NUM_ARG(2, lo, 0);
    NUM_ARG(3, hi, lo);
    if (xs.size() != ps.size()) return Value::error(Err::NA);
    double total = 0, in = 0;
    bool any = false;
    for (int64_t k = 0; k < xs.size(); ++k) {
        double x = xs.at(k), p = ps.at(k);
        if (std::isnan(p)) continue;
        if (p <= 0 || p > 1) return Value::error(Err::Num);
        any = true;
        total += p;
        if (!std::isnan(x) && x >= lo && x <= hi) in += p;
    }
    if (!any) return Value::error(Err::Div0);  // no probabilities at all
    if (std::fabs(total - 1) > 1e-9) return Value::error(Err::Num);
    return num(in);
}

}  // namespace

void register_statistical_test_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"CHISQ.TEST", fn_chisq_test, 2, 2, kArrayArgs, "Chi-squared test of independence"},
        {"CHITEST", fn_chisq_test, 2, 2, kArrayArgs, "Chi-squared test of independence"},
        {"F.TEST", fn_f_test, 2, 2, kArrayArgs, "Two-tailed F-test of equal variances"},
        {"FTEST", fn_f_test, 2, 2, kArrayArgs, "Two-tailed F-test of equal variances"},
        {"T.TEST", fn_t_test, 4, 4, kArrayArgs, "Student's t-test probability"},
        {"TTEST", fn_t_test, 4, 4, kArrayArgs, "Student's t-test probability"},
        {"Z.TEST", fn_z_test, 2, 3, kArrayArgs, "One-tailed z-test probability"},
        {"ZTEST", fn_z_test, 2, 3, kArrayArgs, "One-tailed z-test probability"},
        {"PROB", fn_prob, 3, 4, kArrayArgs, "Probability that values lie between two limits"},
    };
    crit::add_defs(reg, defs, "stats");
}

}  // namespace sp
