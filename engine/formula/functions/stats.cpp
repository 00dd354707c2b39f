// stats.cpp — statistical functions: averages, counts, extremes, order statistics,
// dispersion, correlation and regression, and the common distributions.
//
// Excel's argument rules (SUM family): numbers inside references and arrays count, their
// text, booleans and blanks are skipped; a value typed directly as an argument is coerced
// ("1" -> 1, TRUE -> 1, "abc" -> #VALUE!). The A-variants (AVERAGEA, MAXA, STDEVA…) count
// text in references as 0 and booleans as 1/0. Errors propagate, first one first.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <vector>

#include "formula/functions/criteria.h"
#include "formula/functions/special.h"

namespace sp {
namespace {

using crit::Grid;

// --- gathering numbers -------------------------------------------------------------------

// Visits every value an argument holds: fn(const CellView&, bool direct). `direct` is true
// for a scalar typed as the argument itself (coerced), false inside references and arrays.
template <class F>
void visit(CallContext& ctx, const Operand& arg, F&& fn) {
    switch (arg.kind()) {
        case Operand::Kind::Missing: {
            CellView zero;
            zero.type = Type::Number;
            zero.num = 0;  // AVERAGE(1,) counts the empty argument as 0
            fn(zero, true);
            return;
        }
        case Operand::Kind::Value: {
            const Value& v = arg.value();
            if (!v.is_array()) { fn(crit::view_of(v), true); return; }
            for (const Value& e : v.array().cells())
                if (!e.is_empty()) fn(crit::view_of(e), false);
            return;
        }
        case Operand::Kind::Ref:
        case Operand::Kind::Areas:
            for (const SheetRange& r : arg.area_list()) {
                Grid g;
                crit::make_grid(ctx, Operand(r), g);
                crit::for_each_cell(ctx, g, [&](int64_t, int64_t, const CellView& v) { fn(v, false); });
            }
            return;
    }
}

static std::string_view str_of(const CellView& v) { return std::string_view(v.str->data, v.str->size); }

// Numbers of all arguments. a_mode: text in references counts 0, booleans 1/0.
Err collect(CallContext& ctx, Args args, std::vector<double>& out, bool a_mode = false) {
    Err err = Err::None;
    for (const Operand& arg : args) {
        visit(ctx, arg, [&](const CellView& v, bool direct) {
            if (err != Err::None) return;
            switch (v.type) {
                case Type::Number: out.push_back(v.num); break;
                case Type::Error: err = v.err; break;
                case Type::Bool:
                    if (direct || a_mode) out.push_back(v.b ? 1 : 0);
                    break;
                case Type::String:
                    if (direct) {
                        double d;
                        Err e = CallContext::to_number(Value::string(str_of(v)), d);
                        if (e != Err::None) err = e;
                        else out.push_back(d);
                    } else if (a_mode) {
                        out.push_back(0);
                    }
                    break;
                default: break;
            }
        });
        if (err != Err::None) return err;
    }
    return Err::None;
}

// A scalar argument as a number.
Err num_arg(CallContext& ctx, const Operand& a, double& out) {
    return CallContext::to_number(ctx.scalar(a), out);
}

// Numbers of one argument laid out by position (for paired data: CORREL, SLOPE…):
// non-numbers become NaN so that pairs can be dropped together.
Err positional(CallContext& ctx, const Operand& arg, std::vector<double>& out) {
    Grid g;
    if (!crit::make_grid(ctx, arg, g)) return Err::Value;
    out.assign(size_t(g.rows * g.cols), std::numeric_limits<double>::quiet_NaN());
    Err err = Err::None;
    crit::for_each_cell(ctx, g, [&](int64_t i, int64_t j, const CellView& v) {
        if (v.type == Type::Number) out[size_t(i * g.cols + j)] = v.num;
        else if (v.type == Type::Error && err == Err::None) err = v.err;
    });
    return err;
}

Err pairs(CallContext& ctx, const Operand& a, const Operand& b, std::vector<double>& xs, std::vector<double>& ys) {
    std::vector<double> pa, pb;
    if (Err e = positional(ctx, a, pa); e != Err::None) return e;
    if (Err e = positional(ctx, b, pb); e != Err::None) return e;
    if (pa.size() != pb.size()) return Err::NA;
    for (size_t k = 0; k < pa.size(); ++k)
        if (!std::isnan(pa[k]) && !std::isnan(pb[k])) { xs.push_back(pa[k]); ys.push_back(pb[k]); }
    return Err::None;
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

double devsq(const std::vector<double>& v) {
    double m = mean(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return s;
}

Value num_or_err(double d) { return std::isfinite(d) ? Value(d) : Value::error(Err::Num); }

#define COLLECT(args, v, amode)                                        \
    std::vector<double> v;                                             \
    if (Err e_ = collect(ctx, args, v, amode); e_ != Err::None) return Value::error(e_)

// --- averages, counts, extremes ------------------------------------------------------------

Value average_of(CallContext& ctx, Args args, bool a_mode) {
    COLLECT(args, v, a_mode);
    if (v.empty()) return Value::error(Err::Div0);
    return Value(std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()));
}
Operand fn_average(CallContext& ctx, Args a) { return average_of(ctx, a, false); }
Operand fn_averagea(CallContext& ctx, Args a) { return average_of(ctx, a, true); }

Value extreme(CallContext& ctx, Args args, bool a_mode, bool want_max) {
    COLLECT(args, v, a_mode);
    if (v.empty()) return Value(0.0);
    return Value(want_max ? *std::max_element(v.begin(), v.end()) : *std::min_element(v.begin(), v.end()));
}
Operand fn_max(CallContext& ctx, Args a) { return extreme(ctx, a, false, true); }
Operand fn_maxa(CallContext& ctx, Args a) { return extreme(ctx, a, true, true); }
Operand fn_min(CallContext& ctx, Args a) { return extreme(ctx, a, false, false); }
Operand fn_mina(CallContext& ctx, Args a) { return extreme(ctx, a, true, false); }

// COUNT: numbers; a direct argument also counts when it is a boolean or numeric text.
// Errors are not counted and do not propagate.
Operand fn_count(CallContext& ctx, Args args) {
    double n = 0;
    for (const Operand& arg : args)
        visit(ctx, arg, [&](const CellView& v, bool direct) {
            if (v.type == Type::Number) ++n;
            else if (direct && v.type == Type::Bool) ++n;
            else if (direct && v.type == Type::String) {
                double d;
                if (CallContext::to_number(Value::string(str_of(v)), d) == Err::None) ++n;
            }
        });
    return Value(n);
}

// COUNTA: every non-empty value (a formula's "" included, errors included).
Operand fn_counta(CallContext& ctx, Args args) {
    double n = 0;
    for (const Operand& arg : args) {
        if (arg.is_missing()) { ++n; continue; }
        visit(ctx, arg, [&](const CellView& v, bool direct) {
            if (v.type != Type::Empty || direct) ++n;
        });
    }
    return Value(n);
}

// COUNTBLANK: empty cells and cells holding "".
Operand fn_countblank(CallContext& ctx, Args args) {
    Grid g;
    if (!crit::make_grid(ctx, args[0], g)) return Value::error(Err::Value);
    int64_t filled = 0;
    crit::for_each_cell(ctx, g, [&](int64_t, int64_t, const CellView& v) {
        if (!(v.type == Type::String && v.str->size == 0)) ++filled;
    });
    return Value(double(g.rows * g.cols - filled));
}

// --- order statistics ------------------------------------------------------------------

Operand fn_median(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    if (v.empty()) return Value::error(Err::Num);
    size_t n = v.size();
    std::nth_element(v.begin(), v.begin() + n / 2, v.end());
    double hi = v[n / 2];
    if (n % 2) return Value(hi);
    double lo = *std::max_element(v.begin(), v.begin() + n / 2);
    return Value((lo + hi) / 2);
}

// Most frequent values, in order of first appearance (MODE gives the first).
Err modes(CallContext& ctx, Args args, std::vector<double>& out) {
    std::vector<double> v;
    if (Err e = collect(ctx, args, v); e != Err::None) return e;
    std::unordered_map<double, int> freq;
    int best = 1;
    for (double x : v) best = std::max(best, ++freq[x]);
    if (best < 2) return Err::NA;
    for (double x : v) {
        auto it = freq.find(x);
        if (it->second == best) { out.push_back(x); it->second = -1; }
    }
    return Err::None;
}
Operand fn_mode(CallContext& ctx, Args args) {
    std::vector<double> m;
    if (Err e = modes(ctx, args, m); e != Err::None) return Value::error(e);
    return Value(m[0]);
}
Operand fn_mode_mult(CallContext& ctx, Args args) {
    std::vector<double> m;
    if (Err e = modes(ctx, args, m); e != Err::None) return Value::error(e);
    Array out(uint32_t(m.size()), 1);
    for (size_t k = 0; k < m.size(); ++k) out.at(uint32_t(k), 0) = Value(m[k]);
    return Value::array(std::move(out));
}

// Applies fn(k) to a scalar second argument, or element-wise when it is an array
// (LARGE(A1:A9,{1,2,3})).
template <class F>
Value lift_arg(CallContext& ctx, const Operand& arg, F&& fn) {
    Value v = arg.is_value() ? arg.value() : ctx.scalar(arg);
    if (!v.is_array()) return fn(v);
    const Array& a = v.array();
    Array out(a.rows(), a.cols());
    for (uint32_t r = 0; r < a.rows(); ++r)
        for (uint32_t c = 0; c < a.cols(); ++c) out.at(r, c) = fn(a.at(r, c));
    return Value::array(std::move(out));
}

Value kth(CallContext& ctx, Args args, bool largest) {
    COLLECT(args.first(1), v, false);
    std::sort(v.begin(), v.end());
    return lift_arg(ctx, args[1], [&](const Value& kv) {
        double k;
        if (Err e = CallContext::to_number(kv, k); e != Err::None) return Value::error(e);
        k = std::ceil(k);  // Excel rounds a fractional k up
        if (v.empty() || k < 1 || k > double(v.size())) return Value::error(Err::Num);
        size_t i = size_t(k) - 1;
        return Value(largest ? v[v.size() - 1 - i] : v[i]);
    });
}
Operand fn_large(CallContext& ctx, Args a) { return kth(ctx, a, true); }
Operand fn_small(CallContext& ctx, Args a) { return kth(ctx, a, false); }

// RANK(number, ref, [order]): order 0 (default) ranks the largest first.
Value rank_of(CallContext& ctx, Args args, bool average) {
    double x;
    if (Err e = num_arg(ctx, args[0], x); e != Err::None) return Value::error(e);
    COLLECT(args.subspan(1, 1), v, false);
    double order = 0;
    if (args.size() > 2 && !args[2].is_missing())
        if (Err e = num_arg(ctx, args[2], order); e != Err::None) return Value::error(e);
    double before = 0, equal = 0;
    for (double y : v) {
        if (y == x) ++equal;
        else if (order == 0 ? y > x : y < x) ++before;
    }
    if (equal == 0) return Value::error(Err::NA);
    return Value(average ? before + (equal + 1) / 2 : before + 1);
}
Operand fn_rank(CallContext& ctx, Args a) { return rank_of(ctx, a, false); }
Operand fn_rank_avg(CallContext& ctx, Args a) { return rank_of(ctx, a, true); }

// Percentile of sorted data at a 0-based fractional position.
double at_position(const std::vector<double>& s, double pos) {
    size_t i = size_t(std::floor(pos));
    double frac = pos - double(i);
    if (i + 1 >= s.size()) return s.back();
    return s[i] + frac * (s[i + 1] - s[i]);
}

Value percentile(CallContext& ctx, Args args, bool exclusive, bool quartile) {
    COLLECT(args.first(1), v, false);
    std::sort(v.begin(), v.end());
    return lift_arg(ctx, args[1], [&](const Value& kv) {
        double k;
        if (Err e = CallContext::to_number(kv, k); e != Err::None) return Value::error(e);
        if (quartile) {
            k = std::trunc(k);
            if (exclusive ? (k < 1 || k > 3) : (k < 0 || k > 4)) return Value::error(Err::Num);
            k /= 4;
        }
        double n = double(v.size());
        if (v.empty()) return Value::error(Err::Num);
        if (!exclusive) {
            if (k < 0 || k > 1) return Value::error(Err::Num);
            return Value(at_position(v, k * (n - 1)));
        }
        double pos = k * (n + 1);
        if (k <= 0 || k >= 1 || pos < 1 || pos > n) return Value::error(Err::Num);
        return Value(at_position(v, pos - 1));
    });
}
Operand fn_percentile(CallContext& ctx, Args a) { return percentile(ctx, a, false, false); }
Operand fn_percentile_exc(CallContext& ctx, Args a) { return percentile(ctx, a, true, false); }
Operand fn_quartile(CallContext& ctx, Args a) { return percentile(ctx, a, false, true); }
Operand fn_quartile_exc(CallContext& ctx, Args a) { return percentile(ctx, a, true, true); }

// PERCENTRANK(array, x, [significance]): the interpolated 0-based position of x among the
// sorted data, over n-1 (.INC) or, 1-based, over n+1 (.EXC); truncated, not rounded,
// to `significance` digits.
Value percentrank(CallContext& ctx, Args args, bool exclusive) {
    COLLECT(args.first(1), v, false);
    double x, sig = 3;
    if (Err e = num_arg(ctx, args[1], x); e != Err::None) return Value::error(e);
    if (args.size() > 2 && !args[2].is_missing())
        if (Err e = num_arg(ctx, args[2], sig); e != Err::None) return Value::error(e);
    sig = std::trunc(sig);
    if (sig < 1) return Value::error(Err::Num);
    if (v.empty()) return Value::error(Err::Num);
    std::sort(v.begin(), v.end());
    if (x < v.front() || x > v.back()) return Value::error(Err::NA);
    double n = double(v.size());
    auto lo = std::lower_bound(v.begin(), v.end(), x);
    double pos;
    if (*lo == x) {
        pos = double(lo - v.begin());
    } else {
        size_t i = size_t(lo - v.begin()) - 1;
        pos = double(i) + (x - v[i]) / (v[i + 1] - v[i]);
    }
    double r;
    if (exclusive) r = (pos + 1) / (n + 1);
    else r = n == 1 ? 1.0 : pos / (n - 1);
    double scale = std::pow(10.0, sig);
    return Value(std::floor(r * scale + 1e-9) / scale);
}
Operand fn_percentrank(CallContext& ctx, Args a) { return percentrank(ctx, a, false); }
Operand fn_percentrank_exc(CallContext& ctx, Args a) { return percentrank(ctx, a, true); }

// --- dispersion ------------------------------------------------------------------------

Value variance(CallContext& ctx, Args args, bool a_mode, bool sample, bool root) {
    COLLECT(args, v, a_mode);
    double n = double(v.size());
    if (n < (sample ? 2 : 1)) return Value::error(Err::Div0);
    double var = devsq(v) / (sample ? n - 1 : n);
    return Value(root ? std::sqrt(var) : var);
}
Operand fn_var_s(CallContext& ctx, Args a) { return variance(ctx, a, false, true, false); }
Operand fn_var_p(CallContext& ctx, Args a) { return variance(ctx, a, false, false, false); }
Operand fn_vara(CallContext& ctx, Args a) { return variance(ctx, a, true, true, false); }
Operand fn_varpa(CallContext& ctx, Args a) { return variance(ctx, a, true, false, false); }
Operand fn_stdev_s(CallContext& ctx, Args a) { return variance(ctx, a, false, true, true); }
Operand fn_stdev_p(CallContext& ctx, Args a) { return variance(ctx, a, false, false, true); }
Operand fn_stdeva(CallContext& ctx, Args a) { return variance(ctx, a, true, true, true); }
Operand fn_stdevpa(CallContext& ctx, Args a) { return variance(ctx, a, true, false, true); }

Operand fn_devsq(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    if (v.empty()) return Value::error(Err::Num);
    return Value(devsq(v));
}

Operand fn_avedev(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    if (v.empty()) return Value::error(Err::Num);
    double m = mean(v), s = 0;
    for (double x : v) s += std::fabs(x - m);
    return Value(s / double(v.size()));
}

Operand fn_geomean(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    if (v.empty()) return Value::error(Err::Num);
    double logs = 0;
    for (double x : v) {
        if (x <= 0) return Value::error(Err::Num);
        logs += std::log(x);
    }
    return num_or_err(std::exp(logs / double(v.size())));
}

Operand fn_harmean(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    if (v.empty()) return Value::error(Err::Num);
    double inv = 0;
    for (double x : v) {
        if (x <= 0) return Value::error(Err::Num);
        inv += 1 / x;
    }
    return Value(double(v.size()) / inv);
}

Operand fn_kurt(CallContext& ctx, Args args) {
    COLLECT(args, v, false);
    double n = double(v.size());
    if (n < 4) return Value::error(Err::Div0);
    double m = mean(v), sd = std::sqrt(devsq(v) / (n - 1));
    if (sd == 0) return Value::error(Err::Div0);
    double s4 = 0;
    for (double x : v) s4 += std::pow((x - m) / sd, 4);
    return Value(n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * s4 - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
}

Value skew_of(CallContext& ctx, Args args, bool population) {
    COLLECT(args, v, false);
    double n = double(v.size());
    if (n < (population ? 1 : 3)) return Value::error(Err::Div0);
    double m = mean(v), sd = std::sqrt(devsq(v) / (population ? n : n - 1));
    if (sd == 0) return Value::error(Err::Div0);
    double s3 = 0;
    for (double x : v) s3 += std::pow((x - m) / sd, 3);
    return Value(population ? s3 / n : n / ((n - 1) * (n - 2)) * s3);
}
Operand fn_skew(CallContext& ctx, Args a) { return skew_of(ctx, a, false); }
Operand fn_skew_p(CallContext& ctx, Args a) { return skew_of(ctx, a, true); }

Operand fn_standardize(CallContext& ctx, Args args) {
    double x, m, sd;
    if (Err e = num_arg(ctx, args[0], x); e != Err::None) return Value::error(e);
    if (Err e = num_arg(ctx, args[1], m); e != Err::None) return Value::error(e);
    if (Err e = num_arg(ctx, args[2], sd); e != Err::None) return Value::error(e);
    if (sd <= 0) return Value::error(Err::Num);
    return Value((x - m) / sd);
}

// TRIMMEAN: drops floor(n·percent/2) points from each end.
Operand fn_trimmean(CallContext& ctx, Args args) {
    COLLECT(args.first(1), v, false);
    double p;
    if (Err e = num_arg(ctx, args[1], p); e != Err::None) return Value::error(e);
    if (p < 0 || p >= 1 || v.empty()) return Value::error(Err::Num);
    std::sort(v.begin(), v.end());
    size_t drop = size_t(std::floor(double(v.size()) * p / 2 + 1e-12));
    double s = 0;
    for (size_t k = drop; k < v.size() - drop; ++k) s += v[k];
    return Value(s / double(v.size() - 2 * drop));
}

// --- correlation and regression ------------------------------------------------------------

struct Fit {
    double n = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
};
Err fit(CallContext& ctx, const Operand& a, const Operand& b, Fit& f) {
    std::vector<double> xs, ys;
    if (Err e = pairs(ctx, a, b, xs, ys); e != Err::None) return e;
    f.n = double(xs.size());
    if (f.n == 0) return Err::Div0;
    f.mx = mean(xs);
    f.my = mean(ys);
    for (size_t k = 0; k < xs.size(); ++k) {
        double dx = xs[k] - f.mx, dy = ys[k] - f.my;
        f.sxx += dx * dx;
        f.syy += dy * dy;
        f.sxy += dx * dy;
    }
    return Err::None;
}
#define FIT(a, b, f) \
    Fit f;           \
    if (Err e_ = fit(ctx, a, b, f); e_ != Err::None) return Value::error(e_)

Operand fn_correl(CallContext& ctx, Args args) {
    FIT(args[0], args[1], f);
    if (f.sxx == 0 || f.syy == 0) return Value::error(Err::Div0);
    return Value(f.sxy / std::sqrt(f.sxx * f.syy));
}
Operand fn_rsq(CallContext& ctx, Args args) {
    FIT(args[1], args[0], f);
    if (f.sxx == 0 || f.syy == 0) return Value::error(Err::Div0);
    return Value(f.sxy * f.sxy / (f.sxx * f.syy));
}
Operand fn_covariance_p(CallContext& ctx, Args args) {
    FIT(args[0], args[1], f);
    return Value(f.sxy / f.n);
}
Operand fn_covariance_s(CallContext& ctx, Args args) {
    FIT(args[0], args[1], f);
    if (f.n < 2) return Value::error(Err::Div0);
    return Value(f.sxy / (f.n - 1));
}
// SLOPE(known_y, known_x) and friends: x is the second argument.
Operand fn_slope(CallContext& ctx, Args args) {
    FIT(args[1], args[0], f);
    if (f.sxx == 0) return Value::error(Err::Div0);
    return Value(f.sxy / f.sxx);
}
Operand fn_intercept(CallContext& ctx, Args args) {
    FIT(args[1], args[0], f);
    if (f.sxx == 0) return Value::error(Err::Div0);
    return Value(f.my - f.sxy / f.sxx * f.mx);
}
Operand fn_steyx(CallContext& ctx, Args args) {
    FIT(args[1], args[0], f);
    if (f.n < 3 || f.sxx == 0) return Value::error(Err::Div0);
    return Value(std::sqrt((f.syy - f.sxy * f.sxy / f.sxx) / (f.n - 2)));
}
Operand fn_forecast(CallContext& ctx, Args args) {
    double x;
    if (Err e = num_arg(ctx, args[0], x); e != Err::None) return Value::error(e);
    FIT(args[2], args[1], f);
    if (f.sxx == 0) return Value::error(Err::Div0);
    double b = f.sxy / f.sxx;
    return Value(f.my - b * f.mx + b * x);
}

// --- distributions -----------------------------------------------------------------------

// The normal, beta and gamma functions come from special.h (shared with distributions.cpp).
using special::norm_cdf;
using special::norm_inv;
using special::norm_pdf;

// Reads the first n scalar arguments as numbers (missing ones keep their preset value).
template <size_t N>
Err nums(CallContext& ctx, Args args, double (&out)[N]) {
    for (size_t k = 0; k < N && k < args.size(); ++k) {
        if (args[k].is_missing()) continue;
        if (Err e = num_arg(ctx, args[k], out[k]); e != Err::None) return e;
    }
    return Err::None;
}
Err bool_arg(CallContext& ctx, const Operand& a, bool& out) { return CallContext::to_bool(ctx.scalar(a), out); }
#define NUMS(n, x)                                                          \
    double x[n] = {};                                                       \
    if (Err e_ = nums(ctx, args, x); e_ != Err::None) return Value::error(e_)
#define FLAG(i, b)                                                          \
    bool b = true;                                                          \
    if (Err e_ = bool_arg(ctx, args[i], b); e_ != Err::None) return Value::error(e_)

Operand fn_norm_dist(CallContext& ctx, Args args) {
    NUMS(3, x);
    FLAG(3, cum);
    if (x[2] <= 0) return Value::error(Err::Num);
    double z = (x[0] - x[1]) / x[2];
    return Value(cum ? norm_cdf(z) : norm_pdf(z) / x[2]);
}
Operand fn_normdist(CallContext& ctx, Args args) { return fn_norm_dist(ctx, args); }
Operand fn_norm_s_dist(CallContext& ctx, Args args) {
    NUMS(1, x);
    FLAG(1, cum);
    return Value(cum ? norm_cdf(x[0]) : norm_pdf(x[0]));
}
Operand fn_normsdist(CallContext& ctx, Args args) {
    NUMS(1, x);
    return Value(norm_cdf(x[0]));
}
Operand fn_norm_inv(CallContext& ctx, Args args) {
    NUMS(3, x);
    if (x[0] <= 0 || x[0] >= 1 || x[2] <= 0) return Value::error(Err::Num);
    return Value(x[1] + x[2] * norm_inv(x[0]));
}
Operand fn_norm_s_inv(CallContext& ctx, Args args) {
    NUMS(1, x);
    if (x[0] <= 0 || x[0] >= 1) return Value::error(Err::Num);
    return Value(norm_inv(x[0]));
}

double binom_pmf(double k, double n, double p) {
    if (p == 0) return k == 0 ? 1 : 0;
    if (p == 1) return k == n ? 1 : 0;
    double lc = std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
    return std::exp(lc + k * std::log(p) + (n - k) * std::log1p(-p));
}
Operand fn_binom_dist(CallContext& ctx, Args args) {
    NUMS(3, x);
    FLAG(3, cum);
    double k = std::trunc(x[0]), n = std::trunc(x[1]), p = x[2];
    if (x[0] < 0 || n < 0 || k > n || p < 0 || p > 1 || n > 9007199254740992.0) return Value::error(Err::Num);
    if (!cum) return Value(binom_pmf(k, n, p));
    if (k >= n) return Value(1.0);
    if (k > 1000 && p > 0 && p < 1) return Value(special::beta_tails(n - k, k + 1, 1 - p).lower);  // P(X<=k) in closed form
    double s = 0;
    for (double i = 0; i <= k; ++i) s += binom_pmf(i, n, p);
    return Value(std::min(s, 1.0));
}
Operand fn_poisson_dist(CallContext& ctx, Args args) {
    NUMS(2, x);
    FLAG(2, cum);
    double k = std::trunc(x[0]), m = x[1];
    if (x[0] < 0 || m < 0) return Value::error(Err::Num);
    auto pmf = [&](double i) { return m == 0 ? (i == 0 ? 1.0 : 0.0) : std::exp(i * std::log(m) - m - std::lgamma(i + 1)); };
    if (!cum) return Value(pmf(k));
    if (k > 1000 && m > 0) return Value(special::gamma_tails(k + 1, m).upper);  // P(X<=k) = Q(k+1, mean)
    double s = 0;
    for (double i = 0; i <= k; ++i) s += pmf(i);
    return Value(std::min(s, 1.0));
}
Operand fn_expon_dist(CallContext& ctx, Args args) {
    NUMS(2, x);
    FLAG(2, cum);
    if (x[0] < 0 || x[1] <= 0) return Value::error(Err::Num);
    return Value(cum ? -std::expm1(-x[1] * x[0]) : x[1] * std::exp(-x[1] * x[0]));
}

// FREQUENCY(data, bins): counts per bin (<= bin, above the previous), plus the count
// above the largest bin; a vertical array of bins+1 rows, in the bins' own order.
Operand fn_frequency(CallContext& ctx, Args args) {
    COLLECT(args.first(1), data, false);
    COLLECT(args.subspan(1, 1), bins, false);
    std::vector<size_t> order(bins.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bins[a] < bins[b]; });
    std::vector<double> counts(bins.size() + 1, 0);
    for (double x : data) {
        size_t slot = bins.size();
        for (size_t k : order)
            if (x <= bins[k]) { slot = k; break; }
        ++counts[slot];
    }
    Array out(uint32_t(counts.size()), 1);
    for (size_t k = 0; k < counts.size(); ++k) out.at(uint32_t(k), 0) = Value(counts[k]);
    return Value::array(std::move(out));
}

}  // namespace

void register_stats_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"AVERAGE", fn_average, 1, 255, 0, "Arithmetic mean of the numbers"},
        {"AVERAGEA", fn_averagea, 1, 255, 0, "Mean counting text as 0 and booleans as 1/0"},
        {"COUNT", fn_count, 1, 255, 0, "Number of numbers"},
        {"COUNTA", fn_counta, 1, 255, 0, "Number of non-empty values"},
        {"COUNTBLANK", fn_countblank, 1, 1, 0, "Number of empty cells (and empty strings) in a range"},
        {"MAX", fn_max, 1, 255, 0, "Largest number (0 when none)"},
        {"MAXA", fn_maxa, 1, 255, 0, "Largest value counting text as 0 and booleans as 1/0"},
        {"MIN", fn_min, 1, 255, 0, "Smallest number (0 when none)"},
        {"MINA", fn_mina, 1, 255, 0, "Smallest value counting text as 0 and booleans as 1/0"},
        {"MEDIAN", fn_median, 1, 255, 0, "Median of the numbers"},
        {"MODE", fn_mode, 1, 255, 0, "Most frequent number"},
        {"MODE.SNGL", fn_mode, 1, 255, 0, "Most frequent number"},
        {"MODE.MULT", fn_mode_mult, 1, 255, 0, "Every most frequent number, as a vertical array"},
        {"LARGE", fn_large, 2, 2, kArrayArgs, "k-th largest number"},
        {"SMALL", fn_small, 2, 2, kArrayArgs, "k-th smallest number"},
        {"RANK", fn_rank, 2, 3, 0, "Rank of a number in a list (ties share the best rank)"},
        {"RANK.EQ", fn_rank, 2, 3, 0, "Rank of a number in a list (ties share the best rank)"},
        {"RANK.AVG", fn_rank_avg, 2, 3, 0, "Rank of a number in a list (ties get the average rank)"},
        {"STDEV", fn_stdev_s, 1, 255, 0, "Sample standard deviation"},
        {"STDEV.S", fn_stdev_s, 1, 255, 0, "Sample standard deviation"},
        {"STDEV.P", fn_stdev_p, 1, 255, 0, "Population standard deviation"},
        {"STDEVP", fn_stdev_p, 1, 255, 0, "Population standard deviation"},
        {"STDEVA", fn_stdeva, 1, 255, 0, "Sample standard deviation counting text as 0, booleans as 1/0"},
        {"STDEVPA", fn_stdevpa, 1, 255, 0, "Population standard deviation counting text as 0, booleans as 1/0"},
        {"VAR", fn_var_s, 1, 255, 0, "Sample variance"},
        {"VAR.S", fn_var_s, 1, 255, 0, "Sample variance"},
        {"VAR.P", fn_var_p, 1, 255, 0, "Population variance"},
        {"VARP", fn_var_p, 1, 255, 0, "Population variance"},
        {"VARA", fn_vara, 1, 255, 0, "Sample variance counting text as 0, booleans as 1/0"},
        {"VARPA", fn_varpa, 1, 255, 0, "Population variance counting text as 0, booleans as 1/0"},
        {"PERCENTILE", fn_percentile, 2, 2, kArrayArgs, "k-th percentile, k in [0,1], interpolated"},
        {"PERCENTILE.INC", fn_percentile, 2, 2, kArrayArgs, "k-th percentile, k in [0,1], interpolated"},
        {"PERCENTILE.EXC", fn_percentile_exc, 2, 2, kArrayArgs, "k-th percentile, k in (0,1) exclusive"},
        {"QUARTILE", fn_quartile, 2, 2, kArrayArgs, "Quartile 0..4 of the data"},
        {"QUARTILE.INC", fn_quartile, 2, 2, kArrayArgs, "Quartile 0..4 of the data"},
        {"QUARTILE.EXC", fn_quartile_exc, 2, 2, kArrayArgs, "Quartile 1..3 of the data, exclusive"},
        {"PERCENTRANK", fn_percentrank, 2, 3, kArrayArgs, "Rank of a value as a fraction of the data set"},
        {"PERCENTRANK.INC", fn_percentrank, 2, 3, kArrayArgs, "Rank of a value as a fraction of the data set"},
        {"PERCENTRANK.EXC", fn_percentrank_exc, 2, 3, kArrayArgs, "Rank of a value as a fraction, exclusive"},
        {"CORREL", fn_correl, 2, 2, kArrayArgs, "Correlation coefficient of two data sets"},
        {"PEARSON", fn_correl, 2, 2, kArrayArgs, "Pearson correlation coefficient"},
        {"RSQ", fn_rsq, 2, 2, kArrayArgs, "Square of the Pearson correlation (known_y, known_x)"},
        {"COVAR", fn_covariance_p, 2, 2, kArrayArgs, "Population covariance"},
        {"COVARIANCE.P", fn_covariance_p, 2, 2, kArrayArgs, "Population covariance"},
        {"COVARIANCE.S", fn_covariance_s, 2, 2, kArrayArgs, "Sample covariance"},
        {"SLOPE", fn_slope, 2, 2, kArrayArgs, "Slope of the regression line (known_y, known_x)"},
        {"INTERCEPT", fn_intercept, 2, 2, kArrayArgs, "Intercept of the regression line (known_y, known_x)"},
        {"STEYX", fn_steyx, 2, 2, kArrayArgs, "Standard error of the regression's predicted y"},
        {"FORECAST", fn_forecast, 3, 3, kArrayArgs, "Linear prediction at x (x, known_y, known_x)"},
        {"FORECAST.LINEAR", fn_forecast, 3, 3, kArrayArgs, "Linear prediction at x (x, known_y, known_x)"},
        {"GEOMEAN", fn_geomean, 1, 255, 0, "Geometric mean of positive numbers"},
        {"HARMEAN", fn_harmean, 1, 255, 0, "Harmonic mean of positive numbers"},
        {"AVEDEV", fn_avedev, 1, 255, 0, "Mean absolute deviation from the mean"},
        {"DEVSQ", fn_devsq, 1, 255, 0, "Sum of squared deviations from the mean"},
        {"KURT", fn_kurt, 1, 255, 0, "Sample excess kurtosis"},
        {"SKEW", fn_skew, 1, 255, 0, "Sample skewness"},
        {"SKEW.P", fn_skew_p, 1, 255, 0, "Population skewness"},
        {"STANDARDIZE", fn_standardize, 3, 3, kLift, "Normalised value (x - mean) / standard_dev"},
        {"TRIMMEAN", fn_trimmean, 2, 2, kArrayArgs, "Mean without a fraction of the extreme points"},
        {"NORM.DIST", fn_norm_dist, 4, 4, kLift, "Normal distribution (cumulative or density)"},
        {"NORMDIST", fn_normdist, 4, 4, kLift, "Normal distribution (cumulative or density)"},
        {"NORM.S.DIST", fn_norm_s_dist, 2, 2, kLift, "Standard normal distribution"},
        {"NORMSDIST", fn_normsdist, 1, 1, kLift, "Standard normal cumulative distribution"},
        {"NORM.INV", fn_norm_inv, 3, 3, kLift, "Inverse of the normal cumulative distribution"},
        {"NORMINV", fn_norm_inv, 3, 3, kLift, "Inverse of the normal cumulative distribution"},
        {"NORM.S.INV", fn_norm_s_inv, 1, 1, kLift, "Inverse of the standard normal cumulative distribution"},
        {"NORMSINV", fn_norm_s_inv, 1, 1, kLift, "Inverse of the standard normal cumulative distribution"},
        {"BINOM.DIST", fn_binom_dist, 4, 4, kLift, "Binomial distribution probability"},
        {"BINOMDIST", fn_binom_dist, 4, 4, kLift, "Binomial distribution probability"},
        {"POISSON.DIST", fn_poisson_dist, 3, 3, kLift, "Poisson distribution probability"},
        {"POISSON", fn_poisson_dist, 3, 3, kLift, "Poisson distribution probability"},
        {"EXPON.DIST", fn_expon_dist, 3, 3, kLift, "Exponential distribution"},
        {"EXPONDIST", fn_expon_dist, 3, 3, kLift, "Exponential distribution"},
        {"FREQUENCY", fn_frequency, 2, 2, kArrayArgs, "Counts of data per bin, as a vertical array"},
    };
    crit::add_defs(reg, defs, "stats");
    register_criteria_functions(reg);
}

}  // namespace sp
