// regression.cpp — multiple linear least squares: LINEST and LOGEST (coefficients and the
// regression statistics), TREND and GROWTH (predictions).
//
// known_y is a column (each column of known_x is a variable), a row (each row of known_x is
// a variable) or a block (known_x has the same shape: one variable). A missing known_x is
// 1, 2, 3… Every cell must be a number (#VALUE!); mismatched shapes give #REF!.
// The fit uses modified Gram-Schmidt on centred columns; a column that is (nearly) a
// combination of earlier ones is dropped with coefficient 0, as Excel does.
#include <cmath>
#include <vector>

#include "formula/functions/args.h"
#include "formula/functions/criteria.h"

namespace sp {
namespace {

struct Matrix {
    int64_t rows = 0, cols = 0;
    std::vector<double> v;  // row-major
    double at(int64_t r, int64_t c) const { return v[size_t(r * cols + c)]; }
};

// A range or array argument whose every cell is a number.
Err read_matrix(CallContext& ctx, const Operand& arg, Matrix& out) {
    crit::Grid g;
    if (!crit::make_grid(ctx, arg, g)) return Err::Value;
    out.rows = g.rows;
    out.cols = g.cols;
    if (g.rows * g.cols > 10'000'000) return Err::Value;
    out.v.assign(size_t(g.rows * g.cols), 0);
    Err err = Err::None;
    int64_t seen = 0;
    crit::for_each_cell(ctx, g, [&](int64_t i, int64_t j, const CellView& c) {
        if (err != Err::None) return;
        if (c.type == Type::Error) err = c.err;
        else if (c.type != Type::Number) err = Err::Value;
        else {
            out.v[size_t(i * g.cols + j)] = c.num;
            ++seen;
        }
    });
    if (err == Err::None && seen != g.rows * g.cols) err = Err::Value;  // blank cells
    return err;
}

Err bool_arg(CallContext& ctx, Args args, size_t i, bool dflt, bool& out) {
    out = dflt;
    if (!present(args, i)) return Err::None;
    return CallContext::to_bool(ctx.scalar(args[i]), out);
}

// Observations laid out for the fit: n rows of k variables.
struct Design {
    int64_t n = 0, k = 0;
    std::vector<double> y;
    std::vector<std::vector<double>> x;  // x[j][i]: variable j, observation i
    enum class Layout { Column, Row, Block } layout = Layout::Block;
};

Err make_design(CallContext& ctx, Args args, bool log_y, Design& d) {
    Matrix ym;
    if (Err e = read_matrix(ctx, args[0], ym); e != Err::None) return e;
    d.n = ym.rows * ym.cols;
    d.y = ym.v;
    if (log_y)
        for (double& y : d.y) {
            if (y <= 0) return Err::Num;
            y = std::log(y);
        }
    if (!present(args, 1)) {
        d.k = 1;
        d.x.assign(1, std::vector<double>(size_t(d.n)));
        for (int64_t i = 0; i < d.n; ++i) d.x[0][size_t(i)] = double(i + 1);
        d.layout = ym.cols == 1 ? Design::Layout::Column : ym.rows == 1 ? Design::Layout::Row : Design::Layout::Block;
        return Err::None;
    }
    Matrix xm;
    if (Err e = read_matrix(ctx, args[1], xm); e != Err::None) return e;
    if (xm.rows == ym.rows && xm.cols == ym.cols) {
        d.k = 1;
        d.x.assign(1, xm.v);
        d.layout = ym.cols == 1 ? Design::Layout::Column : ym.rows == 1 ? Design::Layout::Row : Design::Layout::Block;
    } else if (ym.cols == 1 && xm.rows == ym.rows) {
        d.layout = Design::Layout::Column;
        d.k = xm.cols;
        d.x.assign(size_t(d.k), std::vector<double>(size_t(d.n)));
        for (int64_t j = 0; j < d.k; ++j)
            for (int64_t i = 0; i < d.n; ++i) d.x[size_t(j)][size_t(i)] = xm.at(i, j);
    } else if (ym.rows == 1 && xm.cols == ym.cols) {
        d.layout = Design::Layout::Row;
        d.k = xm.rows;
        d.x.assign(size_t(d.k), std::vector<double>(size_t(d.n)));
        for (int64_t j = 0; j < d.k; ++j)
            for (int64_t i = 0; i < d.n; ++i) d.x[size_t(j)][size_t(i)] = xm.at(j, i);
    } else {
        return Err::Ref;
    }
    return Err::None;
}

struct Fit {
    std::vector<double> coef, se;  // per variable
    std::vector<bool> dropped;
    double b = 0, se_b = 0;
    double ssreg = 0, ssresid = 0, df = 0;
    int64_t kept = 0;
};

Fit fit(const Design& d, bool with_const) {
    const size_t n = size_t(d.n), k = size_t(d.k);
    Fit f;
    f.coef.assign(k, 0);
    f.se.assign(k, 0);
    f.dropped.assign(k, false);
    std::vector<double> xm(k, 0);
    double ym = 0;
    std::vector<std::vector<double>> xc = d.x;
    std::vector<double> yc = d.y;
    if (with_const) {
        for (double y : d.y) ym += y;
        ym /= double(n);
        for (double& y : yc) y -= ym;
        for (size_t j = 0; j < k; ++j) {
            for (double x : d.x[j]) xm[j] += x;
            xm[j] /= double(n);
            for (double& x : xc[j]) x -= xm[j];
        }
    }
    // Modified Gram-Schmidt: xc = Q R over the kept columns.
    std::vector<std::vector<double>> q(k), r(k, std::vector<double>(k, 0));
    for (size_t j = 0; j < k; ++j) {
        std::vector<double> v = xc[j];
        double orig = 0;
        for (double x : v) orig += x * x;
        for (size_t i = 0; i < j; ++i) {
            if (f.dropped[i]) continue;
            double dot = 0;
            for (size_t t = 0; t < n; ++t) dot += q[i][t] * v[t];
            r[i][j] = dot;
            for (size_t t = 0; t < n; ++t) v[t] -= dot * q[i][t];
        }
        double norm = 0;
        for (double x : v) norm += x * x;
        if (orig == 0 || norm <= 1e-24 * orig || f.kept + (with_const ? 1 : 0) >= d.n) {
            f.dropped[j] = true;
            continue;
        }
        norm = std::sqrt(norm);
        r[j][j] = norm;
        for (double& x : v) x /= norm;
        q[j] = std::move(v);
        ++f.kept;
    }
    // R β = Qᵀ y, by back substitution; R⁻¹ for the standard errors.
    std::vector<double> qty(k, 0);
    for (size_t j = 0; j < k; ++j)
        if (!f.dropped[j])
            for (size_t t = 0; t < n; ++t) qty[j] += q[j][t] * yc[t];
    std::vector<std::vector<double>> rinv(k, std::vector<double>(k, 0));
    for (size_t jj = k; jj-- > 0;) {
        if (f.dropped[jj]) continue;
        double s = qty[jj];
        for (size_t l = jj + 1; l < k; ++l)
            if (!f.dropped[l]) s -= r[jj][l] * f.coef[l];
        f.coef[jj] = s / r[jj][jj];
        rinv[jj][jj] = 1 / r[jj][jj];
        for (size_t l = jj + 1; l < k; ++l) {
            if (f.dropped[l]) continue;
            double acc = 0;
            for (size_t m = jj + 1; m <= l; ++m)
                if (!f.dropped[m]) acc += r[jj][m] * rinv[m][l];
            rinv[jj][l] = -acc / r[jj][jj];
        }
    }
    if (with_const) {
        f.b = ym;
        for (size_t j = 0; j < k; ++j) f.b -= f.coef[j] * xm[j];
    }
    double sstot = 0;
    for (size_t t = 0; t < n; ++t) {
        double fitted = 0;
        for (size_t j = 0; j < k; ++j) fitted += f.coef[j] * xc[j][t];
        double e = yc[t] - fitted;
        f.ssresid += e * e;
        sstot += yc[t] * yc[t];
    }
    f.ssreg = sstot - f.ssresid;
    f.df = double(d.n - f.kept - (with_const ? 1 : 0));
    double s2 = f.df > 0 ? f.ssresid / f.df : 0;
    for (size_t j = 0; j < k; ++j) {
        if (f.dropped[j]) continue;
        double diag = 0;
        for (size_t l = j; l < k; ++l) diag += rinv[j][l] * rinv[j][l];
        f.se[j] = std::sqrt(s2 * diag);
    }
    if (with_const) {
        double quad = 0;  // xmᵀ (RᵀR)⁻¹ xm = |R⁻ᵀ xm|²
        for (size_t l = 0; l < k; ++l) {
            double s = 0;
            for (size_t j = 0; j <= l; ++j) s += rinv[j][l] * xm[j];
            quad += s * s;
        }
        f.se_b = std::sqrt(s2 * (1 / double(n) + quad));
    }
    return f;
}

// LINEST / LOGEST: the coefficients m_k … m_1, b in a row; with stats, four more rows:
// standard errors; r², se_y; F, df; ss_reg, ss_resid (the rest #N/A).
Value linest(CallContext& ctx, Args args, bool log) {
    Design d;
    if (Err e = make_design(ctx, args, log, d); e != Err::None) return Value::error(e);
    bool with_const, stats;
    if (Err e = bool_arg(ctx, args, 2, true, with_const); e != Err::None) return Value::error(e);
    if (Err e = bool_arg(ctx, args, 3, false, stats); e != Err::None) return Value::error(e);
    Fit f = fit(d, with_const);
    auto out_coef = [&](double c) { return Value(log ? std::exp(c) : c); };
    const uint32_t k = uint32_t(d.k);
    Array out(stats ? 5 : 1, k + 1);
    for (uint32_t c = 0; c < k; ++c) out.at(0, c) = out_coef(f.coef[k - 1 - c]);
    out.at(0, k) = out_coef(f.b);
    if (stats) {
        for (uint32_t r = 2; r < 5; ++r)
            for (uint32_t c = 2; c <= k; ++c) out.at(r, c) = Value::error(Err::NA);
        for (uint32_t c = 0; c < k; ++c) out.at(1, c) = Value(f.se[k - 1 - c]);
        out.at(1, k) = with_const ? Value(f.se_b) : Value::error(Err::NA);
        double sstot = f.ssreg + f.ssresid;
        out.at(2, 0) = sstot == 0 ? Value::error(Err::Num) : Value(f.ssreg / sstot);
        out.at(2, 1) = f.df > 0 ? Value(std::sqrt(f.ssresid / f.df)) : Value::error(Err::Num);
        if (f.df > 0 && f.ssresid > 0 && f.kept > 0) out.at(3, 0) = Value(f.ssreg / double(f.kept) / (f.ssresid / f.df));
        else out.at(3, 0) = Value::error(Err::Num);
        out.at(3, 1) = Value(f.df);
        out.at(4, 0) = Value(f.ssreg);
        out.at(4, 1) = Value(f.ssresid);
    }
    return Value::array(std::move(out));
}
Operand fn_linest(CallContext& ctx, Args args) { return linest(ctx, args, false); }
Operand fn_logest(CallContext& ctx, Args args) { return linest(ctx, args, true); }

// TREND / GROWTH (known_y, [known_x], [new_x], [const]): predictions at new_x (default
// known_x), shaped like new_x for one variable, else one per observation row/column.
Value trend(CallContext& ctx, Args args, bool log) {
    Design d;
    if (Err e = make_design(ctx, args, log, d); e != Err::None) return Value::error(e);
    bool with_const;
    if (Err e = bool_arg(ctx, args, 3, true, with_const); e != Err::None) return Value::error(e);
    Matrix nx;
    if (present(args, 2)) {
        if (Err e = read_matrix(ctx, args[2], nx); e != Err::None) return Value::error(e);
    } else if (present(args, 1)) {
        if (Err e = read_matrix(ctx, args[1], nx); e != Err::None) return Value::error(e);
    } else {
        Matrix ym;
        if (Err e = read_matrix(ctx, args[0], ym); e != Err::None) return Value::error(e);
        nx.rows = ym.rows;
        nx.cols = ym.cols;
        nx.v.resize(ym.v.size());
        for (size_t i = 0; i < nx.v.size(); ++i) nx.v[i] = double(i + 1);
    }
    Fit f = fit(d, with_const);
    auto predict = [&](const std::vector<double>& xs) {
        double y = f.b;
        for (size_t j = 0; j < xs.size(); ++j) y += f.coef[j] * xs[j];
        return Value(log ? std::exp(y) : y);
    };
    if (d.k == 1) {
        Array out(uint32_t(nx.rows), uint32_t(nx.cols));
        for (int64_t i = 0; i < nx.rows; ++i)
            for (int64_t j = 0; j < nx.cols; ++j) out.at(uint32_t(i), uint32_t(j)) = predict({nx.at(i, j)});
        return Value::array(std::move(out));
    }
    bool by_rows = d.layout == Design::Layout::Column;  // each row of new_x is one observation
    if ((by_rows ? nx.cols : nx.rows) != d.k) return Value::error(Err::Ref);
    int64_t m = by_rows ? nx.rows : nx.cols;
    Array out(by_rows ? uint32_t(m) : 1, by_rows ? 1 : uint32_t(m));
    for (int64_t i = 0; i < m; ++i) {
        std::vector<double> xs(size_t(d.k));
        for (int64_t j = 0; j < d.k; ++j) xs[size_t(j)] = by_rows ? nx.at(i, j) : nx.at(j, i);
        out.at(by_rows ? uint32_t(i) : 0, by_rows ? 0 : uint32_t(i)) = predict(xs);
    }
    return Value::array(std::move(out));
}
Operand fn_trend(CallContext& ctx, Args args) { return trend(ctx, args, false); }
Operand fn_growth(CallContext& ctx, Args args) { return trend(ctx, args, true); }

}  // namespace

void register_regression_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"LINEST", fn_linest, 1, 4, kArrayArgs, "Least-squares line (coefficients and statistics), as an array"},
        {"LOGEST", fn_logest, 1, 4, kArrayArgs, "Least-squares exponential curve (coefficients and statistics)"},
        {"TREND", fn_trend, 1, 4, kArrayArgs, "Values along the least-squares line"},
        {"GROWTH", fn_growth, 1, 4, kArrayArgs, "Values along the least-squares exponential curve"},
    };
    crit::add_defs(reg, defs, "stats");
}

}  // namespace sp
