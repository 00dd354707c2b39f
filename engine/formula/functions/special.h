// special.h — special functions behind the statistical distributions: log-gamma, the
// regularised incomplete gamma and beta functions, the distributions' tails, and a
// safeguarded Newton solver used to invert them.
#pragma once
#include <functional>

namespace sp::special {

// Both tails of a distribution at one point: lower = P(X <= x), upper = P(X > x).
// Each is computed directly (not as 1 - the other) so small tails keep their precision.
struct Tails {
    double lower = 0, upper = 1;
};

double lbeta(double a, double b);  // ln B(a, b), accurate also for huge arguments

// Regularised incomplete gamma: lower P(a, x) and upper Q(a, x), a > 0, x >= 0.
Tails gamma_tails(double a, double x);
// Regularised incomplete beta I_x(a, b) and its complement; y = 1 - x is passed
// separately so that callers who know it exactly (Student t, F) lose no digits.
Tails beta_tails(double a, double b, double x, double y);
inline Tails beta_tails(double a, double b, double x) { return beta_tails(a, b, x, 1 - x); }

// Standard normal.
double norm_cdf(double z);
double norm_pdf(double z);
double norm_inv(double p);  // 0 < p < 1

// Student t with df > 0 degrees of freedom, F(d1, d2), chi-square(df), gamma(shape, scale=1),
// beta(a, b) on [0, 1]: tails and densities.
Tails t_tails(double t, double df);
double t_pdf(double t, double df);
Tails f_tails(double x, double d1, double d2);
double f_pdf(double x, double d1, double d2);
Tails gamma_dist_tails(double x, double shape);
double gamma_pdf(double x, double shape);
double beta_pdf(double x, double a, double b);

// Inverts a continuous distribution: the x where the lower tail is p (equivalently the upper
// tail is q = 1 - p; whichever of p, q is smaller is matched, for precision). `tails` and
// `pdf` describe the distribution; the answer lies in [lo, hi] (hi may be +infinity: the
// bracket is then grown). x0 is a starting guess inside the bracket. Newton steps,
// falling back to bisection whenever a step leaves the bracket or stalls.
double invert(const std::function<Tails(double)>& tails, const std::function<double(double)>& pdf,
              double p, double q, double lo, double hi, double x0);

}  // namespace sp::special
