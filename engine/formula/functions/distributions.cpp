// distributions.cpp — the continuous and discrete distribution functions (gamma, beta,
// chi-square, F, Student t, log-normal, Weibull, binomial ranges, negative binomial,
// hypergeometric) and their inverses, Fisher, Gauss, Phi, confidence intervals.
//
// Excel's rules: arguments are read left to right and the first error is returned;
// domain violations give #NUM!; counts (degrees of freedom, trials) are truncated;
// legacy names keep their own argument orders and tails (CHIDIST and FDIST are right
// tails, TDIST takes x >= 0 and a tails count, TINV is two-tailed).
#include <cmath>
#include <limits>

#include "formula/functions/args.h"
#include "formula/functions/criteria.h"
#include "formula/functions/special.h"

namespace sp {
namespace {

namespace sf = special;

Value num(double d) { return std::isfinite(d) ? Value(d) : Value::error(Err::Num); }
Value num_err() { return Value::error(Err::Num); }

Err flag_arg(CallContext& ctx, Args args, size_t i, bool& out) {
    out = false;
    if (!present(args, i)) return Err::None;
    return CallContext::to_bool(ctx.scalar(args[i]), out);
}
#define FLAG_ARG(i, var)                                                             \
    bool var;                                                                        \
    if (Err e_ = flag_arg(ctx, args, i, var); e_ != Err::None) return Value::error(e_)

// Degrees of freedom are truncated and must lie in [1, 10^10].
bool bad_df(double df) { return df < 1 || df > 1e10; }

// --- inverses on top of special::invert ---------------------------------------------------

// x >= 0 where the Student t upper tail is q (0 < q <= 0.5).
double t_upper_inv(double q, double df) {
    if (q >= 0.5) return 0;
    return sf::invert([&](double x) { return sf::t_tails(x, df); }, [&](double x) { return sf::t_pdf(x, df); },
                      1 - q, q, 0, std::numeric_limits<double>::infinity(), 1);
}
// x where the Student t lower tail is p (0 < p < 1); symmetric about 0.
double t_inv(double p, double df) {
    if (p < 0.5) return -t_upper_inv(p, df);
    return t_upper_inv(1 - p, df);
}
// Gamma(shape, scale 1) quantile for lower tail p, upper tail q.
double gamma_inv(double p, double q, double shape) {
    return sf::invert([&](double x) { return sf::gamma_dist_tails(x, shape); },
                      [&](double x) { return sf::gamma_pdf(x, shape); }, p, q, 0,
                      std::numeric_limits<double>::infinity(), shape);
}
double f_inv(double p, double q, double d1, double d2) {
    double guess = d2 > 2 ? d2 / (d2 - 2) : 1;
    return sf::invert([&](double x) { return sf::f_tails(x, d1, d2); }, [&](double x) { return sf::f_pdf(x, d1, d2); },
                      p, q, 0, std::numeric_limits<double>::infinity(), guess);
}
double beta_inv(double p, double a, double b) {
    return sf::invert([&](double x) { return sf::beta_tails(a, b, x); }, [&](double x) { return sf::beta_pdf(x, a, b); },
                      p, 1 - p, 0, 1, a / (a + b));
}

// --- gamma and beta ------------------------------------------------------------------------

Operand fn_gamma(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= 0 && x == std::floor(x)) return num_err();
    return num(std::tgamma(x));
}
Operand fn_gammaln(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= 0) return num_err();
    return num(std::lgamma(x));
}
// GAMMA.DIST(x, alpha, beta, cumulative)
Operand fn_gamma_dist(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, a, 0);
    NUM_ARG(2, b, 0);
    FLAG_ARG(3, cum);
    if (x < 0 || a <= 0 || b <= 0) return num_err();
    if (cum) return num(sf::gamma_dist_tails(x / b, a).lower);
    return num(sf::gamma_pdf(x / b, a) / b);
}
// GAMMA.INV(probability, alpha, beta)
Operand fn_gamma_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, a, 0);
    NUM_ARG(2, b, 0);
    if (p < 0 || p >= 1 || a <= 0 || b <= 0) return num_err();
    if (p == 0) return Value(0.0);
    return num(b * gamma_inv(p, 1 - p, a));
}

// BETA.DIST(x, alpha, beta, cumulative, [A], [B]); BETADIST(x, alpha, beta, [A], [B]) is cumulative.
Value beta_dist(CallContext& ctx, Args args, bool legacy) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, a, 0);
    NUM_ARG(2, b, 0);
    bool cum = true;
    size_t k = 3;
    if (!legacy) {
        FLAG_ARG(3, c);
        cum = c;
        k = 4;
    }
    NUM_ARG(k, lo, 0);
    NUM_ARG(k + 1, hi, 1);
    if (a <= 0 || b <= 0 || x < lo || x > hi || lo == hi) return num_err();
    double z = (x - lo) / (hi - lo);
    if (cum) return num(sf::beta_tails(a, b, z).lower);
    return num(sf::beta_pdf(z, a, b) / (hi - lo));
}
Operand fn_beta_dist(CallContext& ctx, Args args) { return beta_dist(ctx, args, false); }
Operand fn_betadist(CallContext& ctx, Args args) { return beta_dist(ctx, args, true); }

// BETA.INV(probability, alpha, beta, [A], [B])
Operand fn_beta_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, a, 0);
    NUM_ARG(2, b, 0);
    NUM_ARG(3, lo, 0);
    NUM_ARG(4, hi, 1);
    if (p <= 0 || p >= 1 || a <= 0 || b <= 0 || lo == hi) return num_err();
    return num(lo + (hi - lo) * beta_inv(p, a, b));
}

// --- chi-square ----------------------------------------------------------------------------

// CHISQ.DIST(x, df, cumulative)
Operand fn_chisq_dist(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    FLAG_ARG(2, cum);
    df = std::trunc(df);
    if (x < 0 || bad_df(df)) return num_err();
    if (cum) return num(sf::gamma_dist_tails(x / 2, df / 2).lower);
    return num(sf::gamma_pdf(x / 2, df / 2) / 2);
}
// CHISQ.DIST.RT(x, df), CHIDIST(x, df)
Operand fn_chisq_dist_rt(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (x < 0 || bad_df(df)) return num_err();
    return num(sf::gamma_dist_tails(x / 2, df / 2).upper);
}
// CHISQ.INV(probability, df): left-tailed.
Operand fn_chisq_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (p < 0 || p >= 1 || bad_df(df)) return num_err();
    if (p == 0) return Value(0.0);
    return num(2 * gamma_inv(p, 1 - p, df / 2));
}
// CHISQ.INV.RT(probability, df), CHIINV: right-tailed.
Operand fn_chisq_inv_rt(CallContext& ctx, Args args) {
    NUM_ARG(0, q, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (q <= 0 || q > 1 || bad_df(df)) return num_err();
    if (q == 1) return Value(0.0);
    return num(2 * gamma_inv(1 - q, q, df / 2));
}

// --- F -------------------------------------------------------------------------------------

// F.DIST(x, d1, d2, cumulative)
Operand fn_f_dist(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d1, 0);
    NUM_ARG(2, d2, 0);
    FLAG_ARG(3, cum);
    d1 = std::trunc(d1);
    d2 = std::trunc(d2);
    if (x < 0 || bad_df(d1) || bad_df(d2)) return num_err();
    if (cum) return num(sf::f_tails(x, d1, d2).lower);
    return num(sf::f_pdf(x, d1, d2));
}
// F.DIST.RT(x, d1, d2), FDIST
Operand fn_f_dist_rt(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, d1, 0);
    NUM_ARG(2, d2, 0);
    d1 = std::trunc(d1);
    d2 = std::trunc(d2);
    if (x < 0 || bad_df(d1) || bad_df(d2)) return num_err();
    return num(sf::f_tails(x, d1, d2).upper);
}
// F.INV(probability, d1, d2): left-tailed.
Operand fn_f_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, d1, 0);
    NUM_ARG(2, d2, 0);
    d1 = std::trunc(d1);
    d2 = std::trunc(d2);
    if (p < 0 || p >= 1 || bad_df(d1) || bad_df(d2)) return num_err();
    if (p == 0) return Value(0.0);
    return num(f_inv(p, 1 - p, d1, d2));
}
// F.INV.RT(probability, d1, d2), FINV: right-tailed.
Operand fn_f_inv_rt(CallContext& ctx, Args args) {
    NUM_ARG(0, q, 0);
    NUM_ARG(1, d1, 0);
    NUM_ARG(2, d2, 0);
    d1 = std::trunc(d1);
    d2 = std::trunc(d2);
    if (q <= 0 || q > 1 || bad_df(d1) || bad_df(d2)) return num_err();
    if (q == 1) return Value(0.0);
    return num(f_inv(1 - q, q, d1, d2));
}

// --- Student t -----------------------------------------------------------------------------

// T.DIST(x, df, cumulative)
Operand fn_t_dist(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    FLAG_ARG(2, cum);
    df = std::trunc(df);
    if (bad_df(df)) return num_err();
    if (cum) return num(sf::t_tails(x, df).lower);
    return num(sf::t_pdf(x, df));
}
// T.DIST.2T(x, df): x >= 0.
Operand fn_t_dist_2t(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (x < 0 || bad_df(df)) return num_err();
    return num(std::min(1.0, 2 * sf::t_tails(x, df).upper));
}
// T.DIST.RT(x, df)
Operand fn_t_dist_rt(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (bad_df(df)) return num_err();
    return num(sf::t_tails(x, df).upper);
}
// TDIST(x, df, tails): x >= 0, tails 1 or 2.
Operand fn_tdist(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, df, 0);
    NUM_ARG(2, tails, 0);
    df = std::trunc(df);
    tails = std::trunc(tails);
    if (x < 0 || bad_df(df) || (tails != 1 && tails != 2)) return num_err();
    return num(std::min(1.0, tails * sf::t_tails(x, df).upper));
}
// T.INV(probability, df): left-tailed.
Operand fn_t_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (p <= 0 || p >= 1 || bad_df(df)) return num_err();
    return num(t_inv(p, df));
}
// T.INV.2T(probability, df), TINV: two-tailed.
Operand fn_t_inv_2t(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, df, 0);
    df = std::trunc(df);
    if (p <= 0 || p > 1 || bad_df(df)) return num_err();
    return num(t_upper_inv(p / 2, df));
}

// --- normal family -------------------------------------------------------------------------

Operand fn_gauss(CallContext& ctx, Args args) {
    NUM_ARG(0, z, 0);
    return num(0.5 * std::erf(z / std::sqrt(2.0)));
}
Operand fn_phi(CallContext& ctx, Args args) {
    NUM_ARG(0, z, 0);
    return num(sf::norm_pdf(z));
}
Operand fn_fisher(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    if (x <= -1 || x >= 1) return num_err();
    return num(std::atanh(x));
}
Operand fn_fisherinv(CallContext& ctx, Args args) {
    NUM_ARG(0, y, 0);
    return num(std::tanh(y));
}
// LOGNORM.DIST(x, mean, sd, cumulative); LOGNORMDIST(x, mean, sd) is cumulative.
Value lognorm_dist(CallContext& ctx, Args args, bool legacy) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, m, 0);
    NUM_ARG(2, s, 0);
    bool cum = true;
    if (!legacy) {
        FLAG_ARG(3, c);
        cum = c;
    }
    if (x <= 0 || s <= 0) return num_err();
    double z = (std::log(x) - m) / s;
    return num(cum ? sf::norm_cdf(z) : sf::norm_pdf(z) / (x * s));
}
Operand fn_lognorm_dist(CallContext& ctx, Args args) { return lognorm_dist(ctx, args, false); }
Operand fn_lognormdist(CallContext& ctx, Args args) { return lognorm_dist(ctx, args, true); }
// LOGNORM.INV(probability, mean, sd), LOGINV
Operand fn_lognorm_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, p, 0);
    NUM_ARG(1, m, 0);
    NUM_ARG(2, s, 0);
    if (p <= 0 || p >= 1 || s <= 0) return num_err();
    return num(std::exp(m + s * sf::norm_inv(p)));
}
// CONFIDENCE(alpha, sd, size), CONFIDENCE.NORM
Operand fn_confidence_norm(CallContext& ctx, Args args) {
    NUM_ARG(0, alpha, 0);
    NUM_ARG(1, sd, 0);
    NUM_ARG(2, n, 0);
    n = std::trunc(n);
    if (alpha <= 0 || alpha >= 1 || sd <= 0 || n < 1) return num_err();
    return num(-sf::norm_inv(alpha / 2) * sd / std::sqrt(n));
}
// CONFIDENCE.T(alpha, sd, size): size 1 has no degrees of freedom.
Operand fn_confidence_t(CallContext& ctx, Args args) {
    NUM_ARG(0, alpha, 0);
    NUM_ARG(1, sd, 0);
    NUM_ARG(2, n, 0);
    n = std::trunc(n);
    if (alpha <= 0 || alpha >= 1 || sd <= 0 || n < 1) return num_err();
    if (n == 1) return Value::error(Err::Div0);
    return num(t_upper_inv(alpha / 2, n - 1) * sd / std::sqrt(n));
}

// WEIBULL(x, alpha, beta, cumulative), WEIBULL.DIST
Operand fn_weibull(CallContext& ctx, Args args) {
    NUM_ARG(0, x, 0);
    NUM_ARG(1, a, 0);
    NUM_ARG(2, b, 0);
    FLAG_ARG(3, cum);
    if (x < 0 || a <= 0 || b <= 0) return num_err();
    double u = std::pow(x / b, a);
    if (cum) return num(-std::expm1(-u));
    return num(a / b * std::pow(x / b, a - 1) * std::exp(-u));
}

// --- discrete ------------------------------------------------------------------------------

double lchoose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

double binom_pmf(double k, double n, double p) {
    if (p == 0) return k == 0 ? 1 : 0;
    if (p == 1) return k == n ? 1 : 0;
    return std::exp(lchoose(n, k) + k * std::log(p) + (n - k) * std::log1p(-p));
}
// P(X <= k) for X ~ Binomial(n, p).
double binom_cdf(double k, double n, double p) {
    if (k < 0) return 0;
    if (k >= n) return 1;
    if (p == 0) return 1;
    if (p == 1) return 0;
    return sf::beta_tails(n - k, k + 1, 1 - p, p).lower;
}

// BINOM.DIST.RANGE(trials, probability_s, number_s, [number_s2])
Operand fn_binom_dist_range(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, p, 0);
    NUM_ARG(2, s, 0);
    NUM_ARG(3, s2, s);
    n = std::trunc(n);
    s = std::trunc(s);
    s2 = std::trunc(s2);
    if (n < 0 || p < 0 || p > 1 || s < 0 || s > n || s2 < s || s2 > n) return num_err();
    if (s2 - s <= 1000) {
        double sum = 0;
        for (double k = s; k <= s2; ++k) sum += binom_pmf(k, n, p);
        return num(std::min(sum, 1.0));
    }
    return num(binom_cdf(s2, n, p) - binom_cdf(s - 1, n, p));
}
// BINOM.INV(trials, probability_s, alpha), CRITBINOM: smallest k with P(X <= k) >= alpha.
Operand fn_binom_inv(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, p, 0);
    NUM_ARG(2, alpha, 0);
    n = std::trunc(n);
    if (n < 0 || p <= 0 || p >= 1 || alpha <= 0 || alpha >= 1) return num_err();  // open intervals, as Excel
    if (n <= 1e6) {
        double sum = 0;
        for (double k = 0; k < n; ++k) {
            sum += binom_pmf(k, n, p);
            if (sum >= alpha) return Value(k);
        }
        return Value(n);
    }
    double lo = -1, hi = n;  // cdf(lo) < alpha <= cdf(hi)
    while (hi - lo > 1) {
        double mid = std::floor((lo + hi) / 2);
        if (binom_cdf(mid, n, p) >= alpha) hi = mid;
        else lo = mid;
    }
    return Value(hi);
}
// NEGBINOM.DIST(number_f, number_s, probability_s, cumulative); NEGBINOMDIST is the mass.
Value negbinom(CallContext& ctx, Args args, bool legacy) {
    NUM_ARG(0, f, 0);
    NUM_ARG(1, s, 0);
    NUM_ARG(2, p, 0);
    bool cum = false;
    if (!legacy) {
        FLAG_ARG(3, c);
        cum = c;
    }
    f = std::trunc(f);
    s = std::trunc(s);
    if (f < 0 || s < 1 || p <= 0 || p >= 1) return num_err();  // Excel rejects p = 0 and p = 1 too
    if (cum) return num(sf::beta_tails(s, f + 1, p, 1 - p).lower);
    return num(std::exp(lchoose(f + s - 1, s - 1) + s * std::log(p) + f * std::log1p(-p)));
}
Operand fn_negbinom_dist(CallContext& ctx, Args args) { return negbinom(ctx, args, false); }
Operand fn_negbinomdist(CallContext& ctx, Args args) { return negbinom(ctx, args, true); }

// HYPGEOM.DIST(sample_s, number_sample, population_s, number_pop, cumulative); HYPGEOMDIST is the mass.
Value hypgeom(CallContext& ctx, Args args, bool legacy) {
    NUM_ARG(0, k, 0);
    NUM_ARG(1, n, 0);
    NUM_ARG(2, m, 0);
    NUM_ARG(3, total, 0);
    bool cum = false;
    if (!legacy) {
        FLAG_ARG(4, c);
        cum = c;
    }
    k = std::trunc(k);
    n = std::trunc(n);
    m = std::trunc(m);
    total = std::trunc(total);
    if (k < 0 || k > std::min(n, m) || k < std::max(0.0, n - total + m) || n <= 0 || n > total || m <= 0 ||
        m > total || total <= 0)
        return num_err();
    auto pmf = [&](double i) {
        return std::exp(lchoose(m, i) + lchoose(total - m, n - i) - lchoose(total, n));
    };
    if (!cum) return num(pmf(k));
    double sum = 0;
    for (double i = std::max(0.0, n - total + m); i <= k; ++i) sum += pmf(i);
    return num(std::min(sum, 1.0));
}
Operand fn_hypgeom_dist(CallContext& ctx, Args args) { return hypgeom(ctx, args, false); }
Operand fn_hypgeomdist(CallContext& ctx, Args args) { return hypgeom(ctx, args, true); }

// PERMUTATIONA(number, number_chosen): n^k, repetitions allowed.
Operand fn_permutationa(CallContext& ctx, Args args) {
    NUM_ARG(0, n, 0);
    NUM_ARG(1, k, 0);
    n = std::trunc(n);
    k = std::trunc(k);
    if (n < 0 || k < 0) return num_err();
    return num(std::pow(n, k));
}

}  // namespace

// Defined in statistical_tests.cpp and regression.cpp; registered together with these.
void register_statistical_test_functions(FunctionRegistry& reg);
void register_regression_functions(FunctionRegistry& reg);

void register_distribution_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"GAMMA", fn_gamma, 1, 1, kLift, "Gamma function"},
        {"GAMMALN", fn_gammaln, 1, 1, kLift, "Natural logarithm of the gamma function"},
        {"GAMMALN.PRECISE", fn_gammaln, 1, 1, kLift, "Natural logarithm of the gamma function"},
        {"GAMMA.DIST", fn_gamma_dist, 4, 4, kLift, "Gamma distribution (cumulative or density)"},
        {"GAMMADIST", fn_gamma_dist, 4, 4, kLift, "Gamma distribution (cumulative or density)"},
        {"GAMMA.INV", fn_gamma_inv, 3, 3, kLift, "Inverse of the gamma cumulative distribution"},
        {"GAMMAINV", fn_gamma_inv, 3, 3, kLift, "Inverse of the gamma cumulative distribution"},
        {"BETA.DIST", fn_beta_dist, 4, 6, kLift, "Beta distribution (cumulative or density)"},
        {"BETADIST", fn_betadist, 3, 5, kLift, "Beta cumulative distribution"},
        {"BETA.INV", fn_beta_inv, 3, 5, kLift, "Inverse of the beta cumulative distribution"},
        {"BETAINV", fn_beta_inv, 3, 5, kLift, "Inverse of the beta cumulative distribution"},
        {"CHISQ.DIST", fn_chisq_dist, 3, 3, kLift, "Chi-squared distribution (cumulative or density)"},
        {"CHISQ.DIST.RT", fn_chisq_dist_rt, 2, 2, kLift, "Right-tailed chi-squared probability"},
        {"CHIDIST", fn_chisq_dist_rt, 2, 2, kLift, "Right-tailed chi-squared probability"},
        {"CHISQ.INV", fn_chisq_inv, 2, 2, kLift, "Inverse of the left-tailed chi-squared probability"},
        {"CHISQ.INV.RT", fn_chisq_inv_rt, 2, 2, kLift, "Inverse of the right-tailed chi-squared probability"},
        {"CHIINV", fn_chisq_inv_rt, 2, 2, kLift, "Inverse of the right-tailed chi-squared probability"},
        {"F.DIST", fn_f_dist, 4, 4, kLift, "F distribution (cumulative or density)"},
        {"F.DIST.RT", fn_f_dist_rt, 3, 3, kLift, "Right-tailed F probability"},
        {"FDIST", fn_f_dist_rt, 3, 3, kLift, "Right-tailed F probability"},
        {"F.INV", fn_f_inv, 3, 3, kLift, "Inverse of the left-tailed F probability"},
        {"F.INV.RT", fn_f_inv_rt, 3, 3, kLift, "Inverse of the right-tailed F probability"},
        {"FINV", fn_f_inv_rt, 3, 3, kLift, "Inverse of the right-tailed F probability"},
        {"T.DIST", fn_t_dist, 3, 3, kLift, "Student's t distribution (cumulative or density)"},
        {"T.DIST.2T", fn_t_dist_2t, 2, 2, kLift, "Two-tailed Student's t probability"},
        {"T.DIST.RT", fn_t_dist_rt, 2, 2, kLift, "Right-tailed Student's t probability"},
        {"TDIST", fn_tdist, 3, 3, kLift, "Student's t probability, one or two tails"},
        {"T.INV", fn_t_inv, 2, 2, kLift, "Inverse of the left-tailed Student's t probability"},
        {"T.INV.2T", fn_t_inv_2t, 2, 2, kLift, "Inverse of the two-tailed Student's t probability"},
        {"TINV", fn_t_inv_2t, 2, 2, kLift, "Inverse of the two-tailed Student's t probability"},
        {"GAUSS", fn_gauss, 1, 1, kLift, "Probability a standard normal lies between the mean and z"},
        {"PHI", fn_phi, 1, 1, kLift, "Standard normal density"},
        {"FISHER", fn_fisher, 1, 1, kLift, "Fisher transformation"},
        {"FISHERINV", fn_fisherinv, 1, 1, kLift, "Inverse of the Fisher transformation"},
        {"LOGNORM.DIST", fn_lognorm_dist, 4, 4, kLift, "Log-normal distribution (cumulative or density)"},
        {"LOGNORMDIST", fn_lognormdist, 3, 3, kLift, "Log-normal cumulative distribution"},
        {"LOGNORM.INV", fn_lognorm_inv, 3, 3, kLift, "Inverse of the log-normal cumulative distribution"},
        {"LOGINV", fn_lognorm_inv, 3, 3, kLift, "Inverse of the log-normal cumulative distribution"},
        {"CONFIDENCE", fn_confidence_norm, 3, 3, kLift, "Confidence interval half-width, normal"},
        {"CONFIDENCE.NORM", fn_confidence_norm, 3, 3, kLift, "Confidence interval half-width, normal"},
        {"CONFIDENCE.T", fn_confidence_t, 3, 3, kLift, "Confidence interval half-width, Student's t"},
        {"WEIBULL", fn_weibull, 4, 4, kLift, "Weibull distribution (cumulative or density)"},
        {"WEIBULL.DIST", fn_weibull, 4, 4, kLift, "Weibull distribution (cumulative or density)"},
        {"BINOM.DIST.RANGE", fn_binom_dist_range, 3, 4, kLift, "Probability of a number of successes in a range"},
        {"BINOM.INV", fn_binom_inv, 3, 3, kLift, "Smallest k whose binomial cumulative probability reaches alpha"},
        {"CRITBINOM", fn_binom_inv, 3, 3, kLift, "Smallest k whose binomial cumulative probability reaches alpha"},
        {"NEGBINOM.DIST", fn_negbinom_dist, 4, 4, kLift, "Negative binomial distribution"},
        {"NEGBINOMDIST", fn_negbinomdist, 3, 3, kLift, "Negative binomial probability mass"},
        {"HYPGEOM.DIST", fn_hypgeom_dist, 5, 5, kLift, "Hypergeometric distribution"},
        {"HYPGEOMDIST", fn_hypgeomdist, 4, 4, kLift, "Hypergeometric probability mass"},
        {"PERMUTATIONA", fn_permutationa, 2, 2, kLift, "Permutations with repetition, n^k"},
    };
    crit::add_defs(reg, defs, "stats");
    register_statistical_test_functions(reg);
    register_regression_functions(reg);
}

}  // namespace sp
