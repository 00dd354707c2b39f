// round.cpp — Excel's decimal rounding. Excel does not round the binary double: it
// rounds the value as it shows it, to 15 significant digits. ROUND(x*1.1,2) where the
// product lands a hair under a .xx5 tie (2.675 is 2.67499999999999982236431605997495353221893310546875)
// still rounds up, as the decimal 2.675 would.
//
// The exact path takes the 15 digits from printf("%.14e") as an integer mantissa and
// rounds it with integer arithmetic. A fast path scales by a power of ten and skips
// the decimal conversion whenever the scaled value is far from a rounding boundary:
// there the 15-digit view cannot change the outcome, and q / 10^d (both exact) is the
// same correctly rounded double the decimal path would give.
#include "formula/functions/round.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace sp {
namespace {

enum class Mode { Half, Up, Down };

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int64_t kIPow10[] = {1LL,
                               10LL,
                               100LL,
                               1000LL,
                               10000LL,
                               100000LL,
                               1000000LL,
                               10000000LL,
                               100000000LL,
                               1000000000LL,
                               10000000000LL,
                               100000000000LL,
                               1000000000000LL,
                               10000000000000LL,
                               100000000000000LL,
                               1000000000000000LL};

// |x| to 15 significant digits: mant in [10^14, 10^15), |x| ≈ mant · 10^(exp10 - 14).
void decompose15(double ax, int64_t& mant, int& exp10) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.14e", ax);
    const char* p = buf;
    mant = 0;
    for (; *p && *p != 'e'; ++p)
        if (*p >= '0' && *p <= '9') mant = mant * 10 + (*p - '0');
    exp10 = *p ? std::atoi(p + 1) : 0;
}

// The double nearest to q · 10^e (q < 2^53, so both factors are exact when |e| <= 22).
double compose(int64_t q, int e) {
    if (q == 0) return 0.0;
    if (e >= 0 && e <= 22) return double(q) * kPow10[e];
    if (e < 0 && e >= -22) return double(q) / kPow10[-e];
    char buf[48];
    std::snprintf(buf, sizeof buf, "%llde%d", static_cast<long long>(q), e);
    return std::strtod(buf, nullptr);
}

double round_exact(double x, int digits, Mode mode) {
    bool neg = x < 0;
    int64_t mant;
    int e;
    decompose15(std::fabs(x), mant, e);
    int keep = e + 1 + digits;  // significant digits left of the rounding position
    double v;
    if (keep >= 15) {
        v = compose(mant, e - 14);  // nothing to round away
    } else {
        int64_t q = 0;
        if (keep < 0) {
            q = mode == Mode::Up ? 1 : 0;  // below half a unit; ROUNDUP still goes to one unit
        } else {
            int64_t unit = kIPow10[15 - keep];
            q = mant / unit;
            int64_t rest = mant % unit;
            if (mode == Mode::Half ? rest >= unit / 2 : mode == Mode::Up && rest != 0) ++q;
        }
        v = compose(q, -digits);
    }
    return neg ? -v : v;
}

double round_mode(double x, int digits, Mode mode) {
    if (x == 0 || !std::isfinite(x)) return x == 0 ? 0.0 : x;
    if (digits > 400) digits = 400;
    if (digits < -400) digits = -400;
    // Fast path: y = |x|·10^digits away from the boundaries (within 1e-13 relative, far
    // more than the 15-digit view can move it).
    if (digits >= -22 && digits <= 22) {
        double ax = std::fabs(x);
        double y = digits >= 0 ? ax * kPow10[digits] : ax / kPow10[-digits];
        if (y < 1e15) {
            double fl = std::floor(y), f = y - fl, tol = y * 1e-13;
            double q = -1;
            if (mode == Mode::Half) {
                if (std::fabs(f - 0.5) > tol) q = f > 0.5 ? fl + 1 : fl;
            } else if (f > tol && f < 1 - tol) {
                q = mode == Mode::Up ? fl + 1 : fl;
            }
            if (q >= 0) {
                if (q == 0) return 0.0;
                double v = digits >= 0 ? q / kPow10[digits] : q * kPow10[-digits];
                return x < 0 ? -v : v;
            }
        }
    }
    return round_exact(x, digits, mode);
}

}  // namespace

double round15(double x) {
    if (x == 0 || !std::isfinite(x)) return x;
    int64_t mant;
    int e;
    decompose15(std::fabs(x), mant, e);
    double v = compose(mant, e - 14);
    return x < 0 ? -v : v;
}

double excel_round(double x, int digits) { return round_mode(x, digits, Mode::Half); }
double excel_roundup(double x, int digits) { return round_mode(x, digits, Mode::Up); }
double excel_rounddown(double x, int digits) { return round_mode(x, digits, Mode::Down); }

}  // namespace sp
