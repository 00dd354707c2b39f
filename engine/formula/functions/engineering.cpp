// engineering.cpp — the engineering family: number-system conversions (BIN2DEC … OCT2HEX),
// bit operations, DELTA/GESTEP, the error function and Bessel functions. CONVERT and the
// complex-number functions live in engineering_convert.cpp and engineering_complex.cpp.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "formula/functions/criteria.h"
#include "formula/functions/engineering.h"

namespace sp {
namespace eng {

Err atp_number(CallContext& ctx, const Operand& arg, double& out) {
    Value v = ctx.scalar(arg);
    if (v.is_bool()) return Err::Value;
    return CallContext::to_number(v, out);
}

}  // namespace eng

namespace {

Value error(Err e) { return Value::error(e); }
bool present(Args args, size_t i) { return i < args.size() && !args[i].is_missing(); }

#define ATP_NUM(i, var)                                                               \
    double var;                                                                       \
    if (Err e_ = eng::atp_number(ctx, args[i], var); e_ != Err::None) return error(e_)

// --- number systems ---------------------------------------------------------------------
// Excel's BIN/OCT/HEX numbers are at most 10 digits; a 10-digit number whose top bit is
// set is negative (two's complement over 10, 30 or 40 bits).
struct Base {
    int radix;
    int bits;  // bits in 10 digits
    int64_t full() const { return int64_t(1) << bits; }
    int64_t half() const { return int64_t(1) << (bits - 1); }
};
constexpr Base kBin{2, 10}, kOct{8, 30}, kHex{16, 40};

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// The text of a BIN/OCT/HEX argument: numbers typed in cells count by their digits
// (1100100), booleans are #VALUE!, empty is "" (= 0).
Err digits_arg(CallContext& ctx, const Operand& arg, std::string& out) {
    Value v = ctx.scalar(arg);
    if (v.is_bool()) return Err::Value;
    if (v.is_error()) return v.error();
    if (v.is_number()) {
        double d = v.number();
        if (d == std::trunc(d) && std::fabs(d) < 1e15) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.0f", d);
            out = buf;
        } else {
            out = format_general(d);
        }
        return Err::None;
    }
    return CallContext::to_text(v, out);
}

// Parses digits of base b into a signed value; #NUM! for bad digits or more than 10.
Err parse_base(const std::string& s, const Base& b, int64_t& out) {
    if (s.size() > 10) return Err::Num;
    int64_t v = 0;
    for (char c : s) {
        int d = digit_value(c);
        if (d >= b.radix) return Err::Num;
        v = v * b.radix + d;
    }
    if (v >= b.half()) v -= b.full();
    out = v;
    return Err::None;
}

// Formats a value in base b: negative values as 10-digit two's complement (places ignored,
// but still validated); otherwise zero-padded to places (1..10), #NUM! when it does not fit.
Value format_base(CallContext& ctx, int64_t v, const Base& b, Args args, size_t places_at) {
    if (v < -b.half() || v >= b.half()) return error(Err::Num);
    int places = 0;
    if (present(args, places_at)) {
        double p;
        if (Err e = eng::atp_number(ctx, args[places_at], p); e != Err::None) return error(e);
        p = std::trunc(p);
        if (p < 1 || p > 10) return error(Err::Num);
        places = int(p);
    }
    uint64_t u = v < 0 ? uint64_t(v + b.full()) : uint64_t(v);
    char buf[72];
    int n = 0;
    do {
        buf[n++] = "0123456789ABCDEF"[u % b.radix];
        u /= b.radix;
    } while (u);
    if (v >= 0 && places) {
        if (n > places) return error(Err::Num);
        while (n < places) buf[n++] = '0';
    }
    std::string s(buf, buf + n);
    return Value::string(std::string(s.rbegin(), s.rend()));
}

template <const Base& From>
Operand to_decimal(CallContext& ctx, Args args) {
    std::string s;
    if (Err e = digits_arg(ctx, args[0], s); e != Err::None) return error(e);
    int64_t v;
    if (Err e = parse_base(s, From, v); e != Err::None) return error(e);
    return Value(double(v));
}

template <const Base& From, const Base& To>
Operand convert_base(CallContext& ctx, Args args) {
    std::string s;
    if (Err e = digits_arg(ctx, args[0], s); e != Err::None) return error(e);
    int64_t v;
    if (Err e = parse_base(s, From, v); e != Err::None) return error(e);
    return format_base(ctx, v, To, args, 1);
}

template <const Base& To>
Operand from_decimal(CallContext& ctx, Args args) {
    ATP_NUM(0, d);
    d = std::trunc(d);  // toward zero: DEC2BIN(-512.8) is -512
    if (d < -double(To.half()) || d >= double(To.half())) return error(Err::Num);
    return format_base(ctx, int64_t(d), To, args, 1);
}

// --- bits -------------------------------------------------------------------------------
// BIT* take integers 0 ≤ n < 2^48; booleans count as 0/1 here (unlike other ATP functions).
constexpr double kBitLimit = 281474976710656.0;  // 2^48

Err bit_arg(CallContext& ctx, const Operand& arg, uint64_t& out) {
    double d;
    if (Err e = CallContext::to_number(ctx.scalar(arg), d); e != Err::None) return e;
    if (d < 0 || d >= kBitLimit || d != std::floor(d)) return Err::Num;
    out = uint64_t(d);
    return Err::None;
}

template <int Op>
Operand fn_bitop(CallContext& ctx, Args args) {
    uint64_t a, b;
    if (Err e = bit_arg(ctx, args[0], a); e != Err::None) return error(e);
    if (Err e = bit_arg(ctx, args[1], b); e != Err::None) return error(e);
    uint64_t r = Op == 0 ? (a & b) : Op == 1 ? (a | b) : (a ^ b);
    return Value(double(r));
}

// Shifts left by `shift` (right when negative); |shift| ≤ 53 and a result below 2^48.
Operand shift_bits(CallContext& ctx, Args args, int sign) {
    uint64_t n;
    if (Err e = bit_arg(ctx, args[0], n); e != Err::None) return error(e);
    double s;
    if (Err e = CallContext::to_number(ctx.scalar(args[1]), s); e != Err::None) return error(e);
    s = std::trunc(s) * sign;
    if (std::fabs(s) > 53) return error(Err::Num);
    double r = s >= 0 ? std::ldexp(double(n), int(s)) : double(n >> int(-s));
    if (r >= kBitLimit) return error(Err::Num);
    return Value(r);
}
Operand fn_bitlshift(CallContext& ctx, Args args) { return shift_bits(ctx, args, 1); }
Operand fn_bitrshift(CallContext& ctx, Args args) { return shift_bits(ctx, args, -1); }

// --- DELTA, GESTEP, ERF -----------------------------------------------------------------
Operand fn_delta(CallContext& ctx, Args args) {
    ATP_NUM(0, a);
    double b = 0;
    if (present(args, 1))
        if (Err e = eng::atp_number(ctx, args[1], b); e != Err::None) return error(e);
    return Value(a == b ? 1.0 : 0.0);  // exact: DELTA(3.000000000000001,3) is 0
}

Operand fn_gestep(CallContext& ctx, Args args) {
    ATP_NUM(0, a);
    double step = 0;
    if (present(args, 1))
        if (Err e = eng::atp_number(ctx, args[1], step); e != Err::None) return error(e);
    return Value(a >= step ? 1.0 : 0.0);
}

// ERF(lower[, upper]): with an upper limit (an empty cell is 0) it is erf(upper) - erf(lower).
Operand fn_erf(CallContext& ctx, Args args) {
    ATP_NUM(0, lo);
    if (!present(args, 1)) return Value(std::erf(lo));
    ATP_NUM(1, hi);
    return Value(std::erf(hi) - std::erf(lo));
}
Operand fn_erf_precise(CallContext& ctx, Args args) {
    ATP_NUM(0, x);
    return Value(std::erf(x));
}
Operand fn_erfc(CallContext& ctx, Args args) {
    ATP_NUM(0, x);
    return Value(std::erfc(x));
}

// --- Bessel -----------------------------------------------------------------------------
// Order n is truncated and must be ≥ 0. J and I are defined for negative x
// (J_n(-x) = (-1)^n J_n(x)); K and Y need x > 0.
template <char Kind>
Operand fn_bessel(CallContext& ctx, Args args) {
    ATP_NUM(0, x);
    ATP_NUM(1, n);
    n = std::trunc(n);
    if (n < 0) return error(Err::Num);
    double r;
    try {
        if (Kind == 'J' || Kind == 'I') {
            double ax = std::fabs(x);
            r = Kind == 'J' ? std::cyl_bessel_j(n, ax) : std::cyl_bessel_i(n, ax);
            if (x < 0 && std::fmod(n, 2) != 0) r = -r;
        } else {
            if (x <= 0) return error(Err::Num);
            r = Kind == 'K' ? std::cyl_bessel_k(n, x) : std::cyl_neumann(n, x);
        }
    } catch (...) {
        return error(Err::Num);
    }
    if (!std::isfinite(r)) return error(Err::Num);
    return Value(r);
}

}  // namespace

void register_engineering_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"BIN2DEC", to_decimal<kBin>, 1, 1, kLift, "Binary number (10-bit two's complement) to decimal"},
        {"BIN2OCT", convert_base<kBin, kOct>, 1, 2, kLift, "Binary number to octal"},
        {"BIN2HEX", convert_base<kBin, kHex>, 1, 2, kLift, "Binary number to hexadecimal"},
        {"OCT2DEC", to_decimal<kOct>, 1, 1, kLift, "Octal number (30-bit two's complement) to decimal"},
        {"OCT2BIN", convert_base<kOct, kBin>, 1, 2, kLift, "Octal number to binary"},
        {"OCT2HEX", convert_base<kOct, kHex>, 1, 2, kLift, "Octal number to hexadecimal"},
        {"HEX2DEC", to_decimal<kHex>, 1, 1, kLift, "Hexadecimal number (40-bit two's complement) to decimal"},
        {"HEX2BIN", convert_base<kHex, kBin>, 1, 2, kLift, "Hexadecimal number to binary"},
        {"HEX2OCT", convert_base<kHex, kOct>, 1, 2, kLift, "Hexadecimal number to octal"},
        {"DEC2BIN", from_decimal<kBin>, 1, 2, kLift, "Decimal integer to binary (-512..511)"},
        {"DEC2OCT", from_decimal<kOct>, 1, 2, kLift, "Decimal integer to octal"},
        {"DEC2HEX", from_decimal<kHex>, 1, 2, kLift, "Decimal integer to hexadecimal"},
        {"BITAND", fn_bitop<0>, 2, 2, kLift, "Bitwise AND of two integers below 2^48"},
        {"BITOR", fn_bitop<1>, 2, 2, kLift, "Bitwise OR of two integers below 2^48"},
        {"BITXOR", fn_bitop<2>, 2, 2, kLift, "Bitwise exclusive OR of two integers below 2^48"},
        {"BITLSHIFT", fn_bitlshift, 2, 2, kLift, "Integer shifted left by a number of bits"},
        {"BITRSHIFT", fn_bitrshift, 2, 2, kLift, "Integer shifted right by a number of bits"},
        {"DELTA", fn_delta, 1, 2, kLift, "1 when two numbers are equal, else 0"},
        {"GESTEP", fn_gestep, 1, 2, kLift, "1 when a number is at least a step, else 0"},
        {"ERF", fn_erf, 1, 2, kLift, "Error function, or its integral between two limits"},
        {"ERF.PRECISE", fn_erf_precise, 1, 1, kLift, "Error function"},
        {"ERFC", fn_erfc, 1, 1, kLift, "Complementary error function"},
        {"ERFC.PRECISE", fn_erfc, 1, 1, kLift, "Complementary error function"},
        {"BESSELI", fn_bessel<'I'>, 2, 2, kLift, "Modified Bessel function In(x)"},
        {"BESSELJ", fn_bessel<'J'>, 2, 2, kLift, "Bessel function Jn(x)"},
        {"BESSELK", fn_bessel<'K'>, 2, 2, kLift, "Modified Bessel function Kn(x)"},
        {"BESSELY", fn_bessel<'Y'>, 2, 2, kLift, "Bessel function Yn(x) (Weber, Neumann)"},
    };
    crit::add_defs(reg, defs, "engineering");
    eng::register_convert(reg);
    eng::register_complex(reg);
}

}  // namespace sp
