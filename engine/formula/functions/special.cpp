// special.cpp — incomplete gamma and beta functions (series and Lentz continued
// fractions), the tails and densities built on them, and the bracketed Newton inverse.
#include "formula/functions/special.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sp::special {
namespace {

constexpr double kEps = 1e-16;
constexpr double kTiny = 1e-300;
constexpr double kPi = 3.14159265358979323846;

// Continued fraction of I_x(a, b) (the even/odd terms of the classic expansion), evaluated
// with the modified Lentz method. Converges fast for x < (a + 1) / (a + b + 2).
double beta_cf(double a, double b, double x) {
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (std::fabs(d) < kTiny ? kTiny : d);
    double h = d;
    for (int m = 1; m <= 100000; ++m) {
        double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        double delta = 1;
        for (double term : {even, odd}) {
            d = 1 + term * d;
            d = 1 / (std::fabs(d) < kTiny ? kTiny : d);
            c = 1 + term / c;
            if (std::fabs(c) < kTiny) c = kTiny;
            delta = d * c;
            h *= delta;
        }
        if (std::fabs(delta - 1) < kEps) break;
    }
    return h;
}

constexpr double kHalfLog2Pi = 0.91893853320467274178;  // ½ ln 2π

// Stirling's series remainder: ln Γ(x) = (x - ½) ln x - x + ½ ln 2π + s(x); for x >= 10
// the first omitted term is below 2e-14 (below 1e-20 from x = 35).
double stirling_tail(double x) {
    double x2 = x * x;
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * x2)) / x2) / x2) / x2) / x;
}

// d - ln(1 + d) for |d| <= 0.1, by its series (no cancellation).
double d_minus_log1p(double d) {
    double term = d, sum = 0;  // Σ_{k>=2} (-1)^k d^k / k
    for (int k = 2; k < 60; ++k) {
        term *= -d;
        double add = -term / k;
        sum += add;
        if (std::fabs(add) < 1e-17 * std::fabs(sum)) break;
    }
    return sum;
}

// ln(x^a e^-x / Γ(a)), the common factor of the incomplete gamma expansions. For large a
// the terms a ln x, x and ln Γ(a) are huge and nearly cancel, so it is regrouped around
// x = a (Stirling).
double log_gamma_front(double a, double x) {
    if (a < 10) return a * std::log(x) - x - std::lgamma(a);
    double d = (x - a) / a;
    // a ln(x/a) + a - x; near x = a through the cancellation-free series.
    double core = std::fabs(d) <= 0.1 ? -a * d_minus_log1p(d) : a * std::log(x / a) + (a - x);
    return core + 0.5 * std::log(a) - kHalfLog2Pi - stirling_tail(a);
}

}  // namespace

// ln B(a, b). With a large argument the three log-gammas nearly cancel; Stirling's form
// keeps the digits.
double lbeta(double a, double b) {
    if (a < b) std::swap(a, b);
    if (a < 10) return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
    double s = a + b;
    double ratio_a = -std::log1p(b / a);  // ln(a / (a + b))
    if (b >= 10)
        return (a - 0.5) * ratio_a + (b - 0.5) * std::log(b / s) - 0.5 * std::log(s) + kHalfLog2Pi +
               stirling_tail(a) + stirling_tail(b) - stirling_tail(s);
    // ln Γ(a) - ln Γ(a + b) by Stirling, ln Γ(b) directly.
    return std::lgamma(b) + (a - 0.5) * ratio_a - b * std::log(s) + b + stirling_tail(a) - stirling_tail(s);
}

Tails gamma_tails(double a, double x) {
    if (!(x > 0)) return {0, 1};
    if (std::isinf(x)) return {1, 0};
    double log_front = log_gamma_front(a, x);
    if (x < a + 1) {
        // Series: P = x^a e^-x / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
        double term = 1 / a, sum = term;
        for (int n = 1; n < 1000000; ++n) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * kEps) break;
        }
        double p = std::exp(log_front) * sum;
        return {p, 1 - p};
    }
    // Continued fraction for Q (Legendre), modified Lentz.
    double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000000; ++i) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        d = 1 / (std::fabs(d) < kTiny ? kTiny : d);
        c = b + an / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) < kEps) break;
    }
    double q = std::exp(log_front) * h;
    return {1 - q, q};
}

Tails beta_tails(double a, double b, double x, double y) {
    if (!(x > 0)) return {0, 1};
    if (!(y > 0)) return {1, 0};
    double front = std::exp(a * std::log(x) + b * std::log(y) - lbeta(a, b));
    if (x < (a + 1) / (a + b + 2)) {
        double lower = front * beta_cf(a, b, x) / a;
        return {lower, 1 - lower};
    }
    double upper = front * beta_cf(b, a, y) / b;
    return {1 - upper, upper};
}

double norm_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
double norm_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * kPi); }

double norm_inv(double p) {
    if (p > 0.5) return -norm_inv(1 - p);
    if (p == 0.5) return 0;
    // Starting point: Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4), then Halley steps on
    // the erfc-based CDF, which is accurate in the lower tail.
    double t = std::sqrt(-2 * std::log(p));
    double x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                         (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
    // Near the centre the residual is taken as erf(x/√2)/2 - (p - 1/2): p - 1/2 is exact
    // there, so tiny offsets from 1/2 keep all their digits.
    const bool central = p > 0.25;
    for (int i = 0; i < 4; ++i) {
        double pdf = norm_pdf(x);
        if (pdf == 0) break;
        double resid = central ? 0.5 * std::erf(x / std::sqrt(2.0)) - (p - 0.5) : norm_cdf(x) - p;
        double u = resid / pdf;
        x -= u / (1 + x * u / 2);
    }
    return x;
}

Tails t_tails(double t, double df) {
    if (t == 0) return {0.5, 0.5};
    if (std::isinf(t)) return t > 0 ? Tails{1, 0} : Tails{0, 1};
    double t2 = t * t;
    // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t²); 1 - x = t² / (df + t²) exactly.
    Tails b = beta_tails(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
    double far = 0.5 * b.lower, near = 0.5 + 0.5 * b.upper;
    return t > 0 ? Tails{near, far} : Tails{far, near};
}

double t_pdf(double t, double df) {
    // 1 / (√df B(df/2, 1/2)) · (1 + t²/df)^(-(df+1)/2)
    return std::exp(-lbeta(df / 2, 0.5) - 0.5 * std::log(df) - (df + 1) / 2 * std::log1p(t * t / df));
}

Tails f_tails(double x, double d1, double d2) {
    if (!(x > 0)) return {0, 1};
    if (std::isinf(x)) return {1, 0};
    double u = d1 * x;
    return beta_tails(d1 / 2, d2 / 2, u / (u + d2), d2 / (u + d2));
}

double f_pdf(double x, double d1, double d2) {
    if (x == 0) return d1 < 2 ? std::numeric_limits<double>::infinity() : d1 == 2 ? 1 : 0;
    double u = d1 * x;
    double lp = 0.5 * d1 * std::log(u / (u + d2)) + 0.5 * d2 * std::log(d2 / (u + d2)) - std::log(x) - lbeta(d1 / 2, d2 / 2);
    return std::exp(lp);
}

Tails gamma_dist_tails(double x, double shape) { return gamma_tails(shape, x); }

double gamma_pdf(double x, double shape) {
    if (x == 0) return shape < 1 ? std::numeric_limits<double>::infinity() : shape == 1 ? 1 : 0;
    return std::exp(log_gamma_front(shape, x)) / x;
}

double beta_pdf(double x, double a, double b) {
    const double inf = std::numeric_limits<double>::infinity();
    if (x == 0) return a < 1 ? inf : a == 1 ? b : 0;  // 1 / B(1, b) = b
    if (x == 1) return b < 1 ? inf : b == 1 ? a : 0;
    return std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - lbeta(a, b));
}

double invert(const std::function<Tails(double)>& tails, const std::function<double(double)>& pdf,
              double p, double q, double lo, double hi, double x0) {
    const bool use_lower = p <= q;
    const double top = hi;  // a finite upper end of the domain (beta): precision is relative to top - x
    // g is increasing in x and zero at the answer.
    auto g = [&](double x) {
        Tails t = tails(x);
        return use_lower ? t.lower - p : q - t.upper;
    };
    if (std::isinf(hi)) {  // grow the bracket until it holds the answer
        double h = std::max(x0, lo + 1);
        while (g(h) < 0) {
            lo = h;
            h = h * 2 + 1;
            if (h > 1e307) return std::numeric_limits<double>::infinity();
        }
        hi = h;
    }
    double x = (x0 > lo && x0 < hi) ? x0 : lo + (hi - lo) / 2;
    double prev_width = hi - lo;
    for (int iter = 0; iter < 2000; ++iter) {
        double gx = g(x);
        if (gx == 0) return x;
        if (gx < 0) lo = x;
        else hi = x;
        double d = pdf(x);
        double nx = (d > 0 && std::isfinite(d)) ? x - gx / d : std::numeric_limits<double>::quiet_NaN();
        // Bisect when Newton leaves the bracket, or every 6th step if the bracket is not
        // shrinking (slow one-sided convergence).
        bool stalled = iter % 6 == 5 && hi - lo > 0.25 * prev_width;
        if (iter % 6 == 5) prev_width = hi - lo;
        if (!(nx > lo && nx < hi) || stalled) {
            nx = (lo > 0 && hi > 1e3 * lo) ? std::sqrt(lo * hi) : lo + (hi - lo) / 2;
            if (nx == lo || nx == hi) return x;
        }
        double scale = std::fabs(nx);
        if (std::isfinite(top)) scale = std::min(scale, top - nx);
        scale = std::max(scale, std::numeric_limits<double>::min());
        if (nx == x || std::fabs(nx - x) <= 1e-15 * scale) return nx;
        x = nx;
    }
    return x;
}

}  // namespace sp::special
