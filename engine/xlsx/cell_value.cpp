// cell_value.cpp — see cell_value.h.
#include "xlsx/cell_value.h"

#include <cmath>

#include <fast_float/fast_float.h>

#include "core/number_text.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

CellType cell_type(std::string_view t) {
    if (t.empty() || t == "n") return CellType::Number;
    if (t == "s") return CellType::Shared;
    if (t == "str") return CellType::Str;
    if (t == "inlineStr") return CellType::Inline;
    if (t == "b") return CellType::Bool;
    if (t == "e") return CellType::Error;
    if (t == "d") return CellType::Date;
    return CellType::Number;
}

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

static bool parse_int(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

bool parse_iso_date(std::string_view s, bool date1904, double& serial) {
    s = trim(s);
    double day = 0;
    size_t tpos = 0;
    int y, m, d;
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && parse_int(s, 0, 4, y) && parse_int(s, 5, 2, m) && parse_int(s, 8, 2, d)) {
        if (m < 1 || m > 12 || d < 1 || d > 31) return false;
        day = date_to_serial(y, m, d, date1904);
        if (s.size() == 10) { serial = day; return true; }
        if (s[10] != 'T' && s[10] != ' ') return false;
        tpos = 11;
    }
    int hh, mm;
    if (!parse_int(s, tpos, 2, hh) || tpos + 2 >= s.size() || s[tpos + 2] != ':' || !parse_int(s, tpos + 3, 2, mm))
        return false;
    double sec = 0;
    size_t p = tpos + 5;
    if (p < s.size() && s[p] == ':') {
        size_t e = p + 1;
        while (e < s.size() && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.')) ++e;
        auto r = fast_float::from_chars(s.data() + p + 1, s.data() + e, sec);
        if (r.ec != std::errc()) return false;
        p = e;
    }
    // A trailing Z or offset is ignored: Excel stores wall-clock time.
    serial = day + (hh * 3600.0 + mm * 60.0 + sec) / 86400.0;
    return true;
}

Value decode_value(CellType t, std::string_view v, const std::vector<Value>& sst, bool date1904, std::string* problem) {
    switch (t) {
        case CellType::Number: {
            std::string_view s = trim(v);
            if (s.empty()) return Value();
            double d;
            auto r = fast_float::from_chars(s.data(), s.data() + s.size(), d);
            if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d)) {
                if (problem) *problem = "not a number: \"" + std::string(v) + "\" (kept as text)";
                return Value::string(v);
            }
            return Value(d);
        }
        case CellType::Shared: {
            std::string_view s = trim(v);
            uint64_t idx = 0;
            bool ok = !s.empty();
            for (char c : s) {
                if (c < '0' || c > '9' || idx > sst.size()) { ok = false; break; }
                idx = idx * 10 + uint64_t(c - '0');
            }
            if (!ok || idx >= sst.size()) {
                if (problem) *problem = "shared string index " + std::string(v) + " out of range";
                return Value::error(Err::Value);
            }
            return sst[idx];
        }
        case CellType::Str:
        case CellType::Inline: return Value::string(decode_x_escapes(v));
        case CellType::Bool: {
            std::string_view s = trim(v);
            return Value::boolean(s == "1" || s == "true" || s == "TRUE");
        }
        case CellType::Error: {
            Err e = error_from_text(trim(v));
            if (e == Err::None) {
                if (problem) *problem = "unknown error value \"" + std::string(v) + "\" (read as #VALUE!)";
                return Value::error(Err::Value);
            }
            return Value::error(e);
        }
        case CellType::Date: {
            double serial;
            if (trim(v).empty()) return Value();
            if (!parse_iso_date(v, date1904, serial)) {
                if (problem) *problem = "not an ISO 8601 date: \"" + std::string(v) + "\" (kept as text)";
                return Value::string(v);
            }
            return Value(serial);
        }
    }
    return Value();
}

std::string_view file_error_text(Err e) {
    return e == Err::Spill || e == Err::Calc ? error_text(Err::Value) : error_text(e);
}

Value value_for_file(const Value& v) {
    if (v.is_error() && v.error() == Err::Cycle) return Value(0.0);
    if (v.is_number() && !std::isfinite(v.number())) return Value::error(Err::Num);
    if (v.is_array()) {
        const Array& a = v.array();
        return a.rows() && a.cols() ? value_for_file(a.at(0, 0)) : Value();
    }
    return v;
}

void encode_value(const Value& v, bool formula, std::string_view pfx, std::string& t, std::string& out) {
    auto open = [&](const char* name, const char* attrs = "") { out += '<'; out += pfx; out += name; out += attrs; out += '>'; };
    auto close = [&](const char* name) { out += "</"; out += pfx; out += name; out += '>'; };
    t.clear();
    switch (v.type()) {
        case Type::Number:
            open("v");
            append_number(out, v.number());
            close("v");
            break;
        case Type::String:
            if (formula) {
                t = "str";
                // Leading/trailing spaces or line breaks survive readers only with xml:space.
                std::string_view s = v.string();
                auto edge = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
                bool keep = !s.empty() && (edge(s.front()) || edge(s.back()));
                open("v", keep ? " xml:space=\"preserve\"" : "");
                append_text(out, v.string());
                close("v");
            } else {  // a constant string: inline, so sharedStrings.xml stays untouched
                t = "inlineStr";
                open("is");
                open("t", " xml:space=\"preserve\"");
                append_text(out, v.string());
                close("t");
                close("is");
            }
            break;
        case Type::Bool:
            t = "b";
            open("v");
            out += v.boolean() ? '1' : '0';
            close("v");
            break;
        case Type::Error:
            t = "e";
            open("v");
            out += file_error_text(v.error());
            close("v");
            break;
        default: break;
    }
}

}  // namespace sp::xlsx

