// engineering_complex.cpp — complex numbers as text ("3+4i", "-2.5j", "i"): COMPLEX and
// the IM* functions. Results are formatted with up to 15 significant digits; the suffix
// of the inputs ("i" or "j") is kept, and mixing them is #VALUE!.
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "formula/functions/criteria.h"
#include "formula/functions/engineering.h"

namespace sp::eng {
namespace {

using Cx = std::complex<double>;

Value error(Err e) { return Value::error(e); }

// One real number of a complex text: [+-]digits[.digits][E[+-]digits]; returns the end or npos.
size_t scan_number(std::string_view s, size_t i, double& out) {
    size_t start = i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    }
    if (!digits) return std::string_view::npos;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        size_t k = j;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
        if (k == j) return std::string_view::npos;
        i = k;
    }
    out = std::strtod(std::string(s.substr(start, i - start)).c_str(), nullptr);
    return i;
}

bool is_suffix(char c) { return c == 'i' || c == 'j'; }

// Parses "a", "bi", "a+bi", "a-i", "i"… suffix receives 'i'/'j', or 0 when there is no
// imaginary part written.
bool parse_complex(std::string_view s, Cx& out, char& suffix) {
    suffix = 0;
    if (s.empty()) { out = 0; return true; }
    // A lone imaginary unit: "i", "+i", "-j".
    auto unit = [&](size_t i, double sign) {
        if (i + 1 == s.size() && is_suffix(s[i])) { suffix = s[i]; return sign; }
        return 0.0;
    };
    double a;
    size_t i = scan_number(s, 0, a);
    if (i == std::string_view::npos) {
        size_t k = 0;
        double sign = 1;
        if (s[0] == '+' || s[0] == '-') { sign = s[0] == '-' ? -1 : 1; k = 1; }
        double u = unit(k, sign);
        if (u == 0) return false;
        out = Cx(0, u);
        return true;
    }
    if (i == s.size()) { out = Cx(a, 0); return true; }
    if (i + 1 == s.size() && is_suffix(s[i])) { suffix = s[i]; out = Cx(0, a); return true; }
    if (s[i] != '+' && s[i] != '-') return false;
    double b;
    size_t k = scan_number(s, i, b);
    if (k == std::string_view::npos) {
        double u = unit(i + 1, s[i] == '-' ? -1 : 1);
        if (u == 0) return false;
        out = Cx(a, u);
        return true;
    }
    if (k + 1 != s.size() || !is_suffix(s[k])) return false;
    suffix = s[k];
    out = Cx(a, b);
    return true;
}

// A complex argument: text is parsed, a number is real, empty is 0, booleans are #VALUE!,
// unreadable text is #NUM!.
Err complex_arg(const Value& v, Cx& out, char& suffix) {
    suffix = 0;
    switch (v.type()) {
        case Type::Empty: out = 0; return Err::None;
        case Type::Number: out = v.number(); return Err::None;
        case Type::Bool: return Err::Value;
        case Type::Error: return v.error();
        case Type::String: return parse_complex(v.string(), out, suffix) ? Err::None : Err::Num;
        default: return Err::Value;
    }
}

// Combines the suffix seen so far with one more; false when "i" and "j" are mixed.
bool merge_suffix(char& acc, char s) {
    if (!s) return true;
    if (acc && acc != s) return false;
    acc = s;
    return true;
}

// A real part or coefficient with up to 15 significant digits: plain decimals for ordinary
// magnitudes (Excel writes 1E-18 as 0.000000000000000001), else "1.2E-45".
std::string format_part(double x) {
    if (x == 0) return "0";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.14e", x);
    std::string s(buf);
    size_t epos = s.find('e');
    int exp = std::atoi(s.c_str() + epos + 1);
    std::string mant = s.substr(0, epos);
    bool neg = mant[0] == '-';
    if (neg) mant.erase(0, 1);
    std::string digits = mant.substr(0, 1) + mant.substr(2);  // 15 digits
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    if (exp >= -18 && exp < 21) {
        if (exp < 0) {
            out += "0.";
            out.append(size_t(-exp - 1), '0');
            out += digits;
        } else if (size_t(exp) + 1 >= digits.size()) {
            out += digits + std::string(size_t(exp) + 1 - digits.size(), '0');
        } else {
            out += digits.substr(0, size_t(exp) + 1) + "." + digits.substr(size_t(exp) + 1);
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1);
        }
        char e[16];
        std::snprintf(e, sizeof e, "E%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        out += e;
    }
    return out;
}

Value format_complex(Cx z, char suffix) {
    double re = z.real(), im = z.imag();
    if (!std::isfinite(re) || !std::isfinite(im)) return error(Err::Num);
    const char sfx = suffix ? suffix : 'i';
    std::string s;
    if (re != 0 || im == 0) s = format_part(re);
    if (im != 0) {
        if (im == 1) s += re != 0 ? "+" : "";
        else if (im == -1) s += "-";
        else {
            if (re != 0 && im > 0) s += "+";
            s += format_part(im);
        }
        s += sfx;
    }
    return Value::string(s);
}

Err read(CallContext& ctx, const Operand& arg, Cx& z, char& suffix) {
    return complex_arg(ctx.scalar(arg), z, suffix);
}

#define CX_ARG(i, z, sfx)                                                             \
    Cx z;                                                                             \
    char sfx;                                                                         \
    if (Err e_ = read(ctx, args[i], z, sfx); e_ != Err::None) return error(e_)

Operand fn_complex(CallContext& ctx, Args args) {
    double re, im;
    if (Err e = atp_number(ctx, args[0], re); e != Err::None) return error(e);
    if (Err e = atp_number(ctx, args[1], im); e != Err::None) return error(e);
    char sfx = 'i';
    if (args.size() > 2 && !args[2].is_missing()) {
        Value v = ctx.scalar(args[2]);
        if (v.is_error()) return v;
        if (!v.is_empty()) {
            if (!v.is_string()) return error(Err::Value);
            std::string_view s = v.string();
            if (s == "j") sfx = 'j';
            else if (!s.empty() && s != "i") return error(Err::Value);  // "I", "J" are #VALUE!
        }
    }
    return format_complex(Cx(re, im), sfx);
}

Operand fn_imreal(CallContext& ctx, Args args) { CX_ARG(0, z, s); return Value(z.real()); }
Operand fn_imaginary(CallContext& ctx, Args args) { CX_ARG(0, z, s); return Value(z.imag()); }
Operand fn_imabs(CallContext& ctx, Args args) { CX_ARG(0, z, s); return Value(std::abs(z)); }
Operand fn_imargument(CallContext& ctx, Args args) {
    CX_ARG(0, z, s);
    if (z == Cx(0)) return error(Err::Div0);
    return Value(std::arg(z));
}
Operand fn_imconjugate(CallContext& ctx, Args args) { CX_ARG(0, z, s); return format_complex(std::conj(z), s); }

// IMSUM / IMPRODUCT: any number of values or ranges (empty cells count as 0).
template <bool Product>
Operand fn_imfold(CallContext& ctx, Args args) {
    Cx acc = Product ? Cx(1) : Cx(0);
    char sfx = 0;
    Err err = Err::None;
    for (const Operand& a : args) {
        if (a.is_missing()) continue;
        ctx.for_each(a, [&](const Value& v, bool) {
            if (err != Err::None) return;
            Cx z;
            char s;
            if ((err = complex_arg(v, z, s)) != Err::None) return;
            if (!merge_suffix(sfx, s)) { err = Err::Value; return; }
            acc = Product ? acc * z : acc + z;
        }, true);
        if (err != Err::None) return error(err);
    }
    return format_complex(acc, sfx);
}

Operand fn_imsub(CallContext& ctx, Args args) {
    CX_ARG(0, a, sa);
    CX_ARG(1, b, sb);
    if (!merge_suffix(sa, sb)) return error(Err::Value);
    return format_complex(a - b, sa);
}

Operand fn_imdiv(CallContext& ctx, Args args) {
    CX_ARG(0, a, sa);
    CX_ARG(1, b, sb);
    if (!merge_suffix(sa, sb)) return error(Err::Value);
    if (b == Cx(0)) return error(Err::Num);
    return format_complex(a / b, sa);
}

// Powers and roots in polar form, as Excel computes them (IMSQRT("-1") is 6.1E-17+i).
Operand fn_impower(CallContext& ctx, Args args) {
    CX_ARG(0, z, s);
    double n;
    if (Err e = atp_number(ctx, args[1], n); e != Err::None) return error(e);
    double r = std::abs(z);
    if (r == 0) {
        if (n <= 0) return error(Err::Num);
        return format_complex(0, s);
    }
    double t = std::arg(z), rn = std::pow(r, n);
    return format_complex(Cx(rn * std::cos(n * t), rn * std::sin(n * t)), s);
}

Operand fn_imsqrt(CallContext& ctx, Args args) {
    CX_ARG(0, z, s);
    double r = std::sqrt(std::abs(z)), t = std::arg(z) / 2;
    return format_complex(Cx(r * std::cos(t), r * std::sin(t)), s);
}

template <int Which>
Operand fn_imlog(CallContext& ctx, Args args) {
    CX_ARG(0, z, s);
    if (z == Cx(0)) return error(Err::Num);
    Cx l(std::log(std::abs(z)), std::arg(z));
    if (Which == 10) l /= std::log(10.0);
    if (Which == 2) l /= std::log(2.0);
    return format_complex(l, s);
}

enum Fn { Exp, Sin, Cos, Tan, Sinh, Cosh, Sec, Sech, Csc, Csch, Cot };

template <Fn F>
Operand fn_imunary(CallContext& ctx, Args args) {
    CX_ARG(0, z, s);
    bool zero = z == Cx(0);
    if ((F == Csc || F == Csch || F == Cot) && zero) return error(Err::Num);
    Cx r;
    switch (F) {
        case Exp: r = std::exp(z); break;
        case Sin: r = std::sin(z); break;
        case Cos: r = std::cos(z); break;
        case Tan: r = std::tan(z); break;
        case Sinh: r = std::sinh(z); break;
        case Cosh: r = std::cosh(z); break;
        case Sec: r = 1.0 / std::cos(z); break;
        case Sech: r = 1.0 / std::cosh(z); break;
        case Csc: r = 1.0 / std::sin(z); break;
        case Csch: r = 1.0 / std::sinh(z); break;
        case Cot: r = std::cos(z) / std::sin(z); break;
    }
    return format_complex(r, s);
}

}  // namespace

void register_complex(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"COMPLEX", fn_complex, 2, 3, kLift, "Complex number text from real and imaginary parts"},
        {"IMREAL", fn_imreal, 1, 1, kLift, "Real part of a complex number"},
        {"IMAGINARY", fn_imaginary, 1, 1, kLift, "Imaginary part of a complex number"},
        {"IMABS", fn_imabs, 1, 1, kLift, "Absolute value (modulus) of a complex number"},
        {"IMARGUMENT", fn_imargument, 1, 1, kLift, "Argument (angle in radians) of a complex number"},
        {"IMCONJUGATE", fn_imconjugate, 1, 1, kLift, "Complex conjugate"},
        {"IMSUM", fn_imfold<false>, 1, 255, 0, "Sum of complex numbers"},
        {"IMPRODUCT", fn_imfold<true>, 1, 255, 0, "Product of complex numbers"},
        {"IMSUB", fn_imsub, 2, 2, kLift, "Difference of two complex numbers"},
        {"IMDIV", fn_imdiv, 2, 2, kLift, "Quotient of two complex numbers"},
        {"IMPOWER", fn_impower, 2, 2, kLift, "Complex number raised to a real power"},
        {"IMSQRT", fn_imsqrt, 1, 1, kLift, "Square root of a complex number"},
        {"IMEXP", fn_imunary<Exp>, 1, 1, kLift, "Exponential of a complex number"},
        {"IMLN", fn_imlog<0>, 1, 1, kLift, "Natural logarithm of a complex number"},
        {"IMLOG10", fn_imlog<10>, 1, 1, kLift, "Base-10 logarithm of a complex number"},
        {"IMLOG2", fn_imlog<2>, 1, 1, kLift, "Base-2 logarithm of a complex number"},
        {"IMSIN", fn_imunary<Sin>, 1, 1, kLift, "Sine of a complex number"},
        {"IMCOS", fn_imunary<Cos>, 1, 1, kLift, "Cosine of a complex number"},
        {"IMTAN", fn_imunary<Tan>, 1, 1, kLift, "Tangent of a complex number"},
        {"IMSINH", fn_imunary<Sinh>, 1, 1, kLift, "Hyperbolic sine of a complex number"},
        {"IMCOSH", fn_imunary<Cosh>, 1, 1, kLift, "Hyperbolic cosine of a complex number"},
        {"IMSEC", fn_imunary<Sec>, 1, 1, kLift, "Secant of a complex number"},
        {"IMSECH", fn_imunary<Sech>, 1, 1, kLift, "Hyperbolic secant of a complex number"},
        {"IMCSC", fn_imunary<Csc>, 1, 1, kLift, "Cosecant of a complex number"},
        {"IMCSCH", fn_imunary<Csch>, 1, 1, kLift, "Hyperbolic cosecant of a complex number"},
        {"IMCOT", fn_imunary<Cot>, 1, 1, kLift, "Cotangent of a complex number"},
    };
    crit::add_defs(reg, defs, "engineering");
}

}  // namespace sp::eng
