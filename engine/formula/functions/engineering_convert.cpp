// engineering_convert.cpp — CONVERT(number, from_unit, to_unit): Excel's unit table.
// Units are case-sensitive. Metric prefixes (k, M, da, u…) apply only to the units Excel
// marks as prefixable; squared and cubed units take the prefix squared or cubed (km2);
// binary prefixes (ki, Mi…) only to bit and byte. Units of different kinds give #N/A.
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "formula/functions/criteria.h"
#include "formula/functions/engineering.h"

namespace sp::eng {
namespace {

enum Kind : uint8_t { Mass, Length, Time, Pressure, Force, Energy, Power, Magnetism, Temperature,
                      Volume, Area, Information, Speed };

struct Unit {
    const char* name;
    Kind kind;
    double factor;    // in the kind's base unit (g, m, s, Pa, N, J, W, T, K, m3, m2, bit, m/s)
    uint8_t prefix;   // 0: no prefixes; 1, 2, 3: power the prefix is raised to
};

constexpr double kInch = 0.0254;
constexpr double kPica = kInch / 72;
constexpr double kMile = 1609.344;
constexpr double kNmi = 1852;
constexpr double kLy = 9460730472580800.0;

// Temperature factors are unused: conversions go through kelvin with offsets.
const Unit kUnits[] = {
    // mass (gram)
    {"g", Mass, 1, 1}, {"sg", Mass, 14593.902937206364, 0}, {"lbm", Mass, 453.59237, 0},
    {"u", Mass, 1.660538782e-24, 1}, {"ozm", Mass, 28.349523125, 0}, {"grain", Mass, 0.06479891, 0},
    {"cwt", Mass, 45359.237, 0}, {"shweight", Mass, 45359.237, 0}, {"uk_cwt", Mass, 50802.34544, 0},
    {"lcwt", Mass, 50802.34544, 0}, {"hweight", Mass, 50802.34544, 0}, {"stone", Mass, 6350.29318, 0},
    {"ton", Mass, 907184.74, 0}, {"brton", Mass, 1016046.9088, 0}, {"LTON", Mass, 1016046.9088, 0},
    {"uk_ton", Mass, 1016046.9088, 0},
    // length (meter)
    {"m", Length, 1, 1}, {"mi", Length, kMile, 0}, {"Nmi", Length, kNmi, 0}, {"in", Length, kInch, 0},
    {"ft", Length, 0.3048, 0}, {"yd", Length, 0.9144, 0}, {"ang", Length, 1e-10, 1}, {"ell", Length, 1.143, 0},
    {"ly", Length, kLy, 1}, {"parsec", Length, 3.0856775812815532e16, 1}, {"pc", Length, 3.0856775812815532e16, 1},
    {"Picapt", Length, kPica, 0}, {"Pica", Length, kPica, 0}, {"pica", Length, kInch / 6, 0},
    {"survey_mi", Length, 1609.3472186944373, 0},
    // time (second)
    {"yr", Time, 31557600, 0}, {"day", Time, 86400, 0}, {"d", Time, 86400, 0}, {"hr", Time, 3600, 0},
    {"mn", Time, 60, 0}, {"min", Time, 60, 0}, {"sec", Time, 1, 1}, {"s", Time, 1, 1},
    // pressure (pascal)
    {"Pa", Pressure, 1, 1}, {"p", Pressure, 1, 1}, {"atm", Pressure, 101325, 1}, {"at", Pressure, 101325, 1},
    {"mmHg", Pressure, 133.322, 1}, {"psi", Pressure, 6894.757293168362, 0}, {"Torr", Pressure, 101325.0 / 760, 0},
    // force (newton)
    {"N", Force, 1, 1}, {"dyn", Force, 1e-5, 1}, {"dy", Force, 1e-5, 1}, {"lbf", Force, 4.4482216152605, 0},
    {"pond", Force, 9.80665e-3, 1},
    // energy (joule)
    {"J", Energy, 1, 1}, {"e", Energy, 1e-7, 1}, {"c", Energy, 4.184, 1}, {"cal", Energy, 4.1868, 1},
    {"eV", Energy, 1.602176487e-19, 1}, {"ev", Energy, 1.602176487e-19, 1}, {"HPh", Energy, 2684519.537696173, 0},
    {"hh", Energy, 2684519.537696173, 0}, {"Wh", Energy, 3600, 1}, {"wh", Energy, 3600, 1},
    {"flb", Energy, 1.3558179483314003, 0}, {"BTU", Energy, 1055.05585262, 0}, {"btu", Energy, 1055.05585262, 0},
    // power (watt)
    {"HP", Power, 745.6998715822702, 0}, {"h", Power, 745.6998715822702, 0}, {"PS", Power, 735.49875, 0},
    {"W", Power, 1, 1}, {"w", Power, 1, 1},
    // magnetism (tesla)
    {"T", Magnetism, 1, 1}, {"ga", Magnetism, 1e-4, 1},
    // temperature
    {"C", Temperature, 0, 0}, {"cel", Temperature, 0, 0}, {"F", Temperature, 0, 0}, {"fah", Temperature, 0, 0},
    {"K", Temperature, 1, 1}, {"kel", Temperature, 1, 1}, {"Rank", Temperature, 0, 0}, {"Reau", Temperature, 0, 0},
    // volume (cubic meter)
    {"tsp", Volume, 4.92892159375e-6, 0}, {"tspm", Volume, 5e-6, 0}, {"tbs", Volume, 1.478676478125e-5, 0},
    {"oz", Volume, 2.95735295625e-5, 0}, {"cup", Volume, 2.365882365e-4, 0}, {"pt", Volume, 4.73176473e-4, 0},
    {"us_pt", Volume, 4.73176473e-4, 0}, {"uk_pt", Volume, 5.6826125e-4, 1}, {"qt", Volume, 9.46352946e-4, 0},
    {"uk_qt", Volume, 1.1365225e-3, 0}, {"gal", Volume, 3.785411784e-3, 0}, {"uk_gal", Volume, 4.54609e-3, 0},
    {"l", Volume, 1e-3, 1}, {"L", Volume, 1e-3, 1}, {"lt", Volume, 1e-3, 1},
    {"ang3", Volume, 1e-30, 3}, {"ang^3", Volume, 1e-30, 3}, {"barrel", Volume, 0.158987294928, 0},
    {"bushel", Volume, 0.03523907016688, 0}, {"ft3", Volume, 0.028316846592, 0}, {"ft^3", Volume, 0.028316846592, 0},
    {"in3", Volume, kInch * kInch * kInch, 0}, {"in^3", Volume, kInch * kInch * kInch, 0},
    {"ly3", Volume, kLy * kLy * kLy, 0}, {"ly^3", Volume, kLy * kLy * kLy, 0}, {"m3", Volume, 1, 3}, {"m^3", Volume, 1, 3},
    {"mi3", Volume, kMile * kMile * kMile, 0}, {"mi^3", Volume, kMile * kMile * kMile, 0},
    {"yd3", Volume, 0.764554857984, 0}, {"yd^3", Volume, 0.764554857984, 0},
    {"Nmi3", Volume, kNmi * kNmi * kNmi, 0}, {"Nmi^3", Volume, kNmi * kNmi * kNmi, 0},
    {"Picapt3", Volume, kPica * kPica * kPica, 0}, {"Picapt^3", Volume, kPica * kPica * kPica, 0},
    {"Pica3", Volume, kPica * kPica * kPica, 0}, {"Pica^3", Volume, kPica * kPica * kPica, 0},
    {"GRT", Volume, 2.8316846592, 0}, {"regton", Volume, 2.8316846592, 0}, {"MTON", Volume, 1.13267386368, 0},
    // area (square meter)
    {"uk_acre", Area, 4046.8564224, 0}, {"us_acre", Area, 4046.8726098742522, 0},
    {"ang2", Area, 1e-20, 2}, {"ang^2", Area, 1e-20, 2}, {"ar", Area, 100, 1},
    {"ft2", Area, 0.09290304, 0}, {"ft^2", Area, 0.09290304, 0}, {"ha", Area, 10000, 0},
    {"in2", Area, kInch * kInch, 0}, {"in^2", Area, kInch * kInch, 0}, {"ly2", Area, kLy * kLy, 0},
    {"ly^2", Area, kLy * kLy, 0}, {"m2", Area, 1, 2}, {"m^2", Area, 1, 2}, {"Morgen", Area, 2500, 0},
    {"mi2", Area, kMile * kMile, 0}, {"mi^2", Area, kMile * kMile, 0}, {"Nmi2", Area, kNmi * kNmi, 0},
    {"Nmi^2", Area, kNmi * kNmi, 0}, {"Picapt2", Area, kPica * kPica, 0}, {"Pica2", Area, kPica * kPica, 0},
    {"Pica^2", Area, kPica * kPica, 0}, {"Picapt^2", Area, kPica * kPica, 0},
    {"yd2", Area, 0.83612736, 0}, {"yd^2", Area, 0.83612736, 0},
    // information (bit)
    {"bit", Information, 1, 1}, {"byte", Information, 8, 1},
    // speed (meter per second)
    {"admkn", Speed, 1853.184 / 3600, 0}, {"kn", Speed, kNmi / 3600, 0}, {"m/h", Speed, 1.0 / 3600, 1},
    {"m/hr", Speed, 1.0 / 3600, 1}, {"m/s", Speed, 1, 1}, {"m/sec", Speed, 1, 1}, {"mph", Speed, 0.44704, 1},
};

struct Prefix {
    const char* name;
    double factor;
};
const Prefix kPrefixes[] = {
    {"Y", 1e24}, {"Z", 1e21}, {"E", 1e18}, {"P", 1e15}, {"T", 1e12}, {"G", 1e9}, {"M", 1e6}, {"k", 1e3},
    {"h", 1e2}, {"da", 1e1}, {"e", 1e1}, {"d", 1e-1}, {"c", 1e-2}, {"m", 1e-3}, {"u", 1e-6}, {"n", 1e-9},
    {"p", 1e-12}, {"f", 1e-15}, {"a", 1e-18}, {"z", 1e-21}, {"y", 1e-24},
};
const Prefix kBinaryPrefixes[] = {
    {"Yi", 1208925819614629174706176.0}, {"Zi", 1180591620717411303424.0}, {"Ei", 1152921504606846976.0},
    {"Pi", 1125899906842624.0}, {"Ti", 1099511627776.0}, {"Gi", 1073741824.0}, {"Mi", 1048576.0}, {"ki", 1024.0},
};

const Unit* find_unit(std::string_view name) {
    for (const Unit& u : kUnits)
        if (name == u.name) return &u;
    return nullptr;
}

// Resolves a unit name, possibly prefixed; scale receives the prefix factor (raised to the
// unit's power). Exact names win over prefixed readings ("mmHg", "Pa", "ft").
const Unit* lookup(std::string_view name, double& scale) {
    scale = 1;
    if (const Unit* u = find_unit(name)) return u;
    for (const Prefix& p : kBinaryPrefixes) {
        size_t n = std::strlen(p.name);
        if (name.size() > n && name.substr(0, n) == p.name) {
            const Unit* u = find_unit(name.substr(n));
            if (u && u->kind == Information) { scale = p.factor; return u; }
        }
    }
    for (const Prefix& p : kPrefixes) {
        size_t n = std::strlen(p.name);
        if (name.size() > n && name.substr(0, n) == p.name) {
            const Unit* u = find_unit(name.substr(n));
            if (u && u->prefix) { scale = std::pow(p.factor, u->prefix); return u; }
        }
    }
    return nullptr;
}

double to_kelvin(std::string_view n, double x) {
    if (n == "C" || n == "cel") return x + 273.15;
    if (n == "F" || n == "fah") return (x - 32) * 5 / 9 + 273.15;
    if (n == "Rank") return x * 5 / 9;
    if (n == "Reau") return x * 1.25 + 273.15;
    return x;  // K, kel
}
double from_kelvin(std::string_view n, double k) {
    if (n == "C" || n == "cel") return k - 273.15;
    if (n == "F" || n == "fah") return (k - 273.15) * 9 / 5 + 32;
    if (n == "Rank") return k * 9 / 5;
    if (n == "Reau") return (k - 273.15) * 0.8;
    return k;
}

Operand fn_convert(CallContext& ctx, Args args) {
    double x;
    if (Err e = atp_number(ctx, args[0], x); e != Err::None) return Value::error(e);
    std::string from, to;
    Value vf = ctx.scalar(args[1]), vt = ctx.scalar(args[2]);
    if (vf.is_error()) return vf;
    if (vt.is_error()) return vt;
    CallContext::to_text(vf, from);
    CallContext::to_text(vt, to);
    double sf, st;
    const Unit* uf = lookup(from, sf);
    const Unit* ut = lookup(to, st);
    if (!uf || !ut || uf->kind != ut->kind) return Value::error(Err::NA);
    double r;
    if (uf->kind == Temperature) {
        std::string_view bf = std::string_view(from).substr(from.size() - std::strlen(uf->name));
        std::string_view bt = std::string_view(to).substr(to.size() - std::strlen(ut->name));
        r = from_kelvin(bt, to_kelvin(bf, x * sf) / st);
    } else {
        r = x * (uf->factor * sf) / (ut->factor * st);
    }
    if (!std::isfinite(r)) return Value::error(Err::Num);
    return Value(r);
}

}  // namespace

void register_convert(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"CONVERT", fn_convert, 3, 3, kLift, "Converts a number between units of measurement"},
    };
    crit::add_defs(reg, defs, "engineering");
}

}  // namespace sp::eng
