// value.cpp — reference counting and text rendering of Value.
#include "core/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace sp {

static constexpr std::string_view kErrorTexts[] = {
    "", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    "#GETTING_DATA", "#SPILL!", "#CALC!", "#CYCLE!"};

std::string_view error_text(Err e) { return kErrorTexts[static_cast<int>(e)]; }

Err error_from_text(std::string_view text) {
    for (int i = 1; i < int(std::size(kErrorTexts)); ++i)
        if (text == kErrorTexts[i]) return static_cast<Err>(i);
    return Err::None;
}

struct ArrayRep {
    std::atomic<uint32_t> refs;
    Array array;
};

void str_addref(StrRep* s) noexcept { s->refs.fetch_add(1, std::memory_order_relaxed); }
void str_release(StrRep* s) noexcept {
    if (s->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) std::free(s);
}

Value Value::string(std::string_view s) {
    auto* rep = static_cast<StrRep*>(std::malloc(sizeof(StrRep) + s.size()));
    if (!rep) throw std::bad_alloc();
    new (&rep->refs) std::atomic<uint32_t>(1);
    rep->size = static_cast<uint32_t>(s.size());
    if (!s.empty()) std::memcpy(rep->data, s.data(), s.size());  // an empty view may have a null data()
    rep->data[s.size()] = '\0';
    Value v;
    v.type_ = Type::String;
    v.u_.str = rep;
    return v;
}

Value Value::from_str_rep(StrRep* rep) noexcept {
    str_addref(rep);
    Value v;
    v.type_ = Type::String;
    v.u_.str = rep;
    return v;
}

Value Value::array(Array a) {
    auto* rep = new ArrayRep{{1}, std::move(a)};
    Value v;
    v.type_ = Type::Array;
    v.u_.arr = rep;
    return v;
}

Value::Value(const Value& o) noexcept : type_(o.type_), u_(o.u_) {
    if (type_ == Type::String) str_addref(u_.str);
    else if (type_ == Type::Array) u_.arr->refs.fetch_add(1, std::memory_order_relaxed);
}

Value& Value::operator=(const Value& o) noexcept {
    if (this != &o) {
        Value tmp(o);
        *this = std::move(tmp);
    }
    return *this;
}

Value& Value::operator=(Value&& o) noexcept {
    if (this != &o) {
        release();
        type_ = o.type_;
        u_ = o.u_;
        o.type_ = Type::Empty;
    }
    return *this;
}

void Value::release() noexcept {
    if (type_ == Type::String) str_release(u_.str);
    else if (type_ == Type::Array) {
        if (u_.arr->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.arr;
    }
    type_ = Type::Empty;
}

std::string_view Value::string() const noexcept { return {u_.str->data, u_.str->size}; }
const Array& Value::array() const noexcept { return u_.arr->array; }

bool Value::same_as(const Value& o) const noexcept {
    if (type_ != o.type_) return false;
    switch (type_) {
        case Type::Empty: return true;
        case Type::Number: return u_.num == o.u_.num || (std::isnan(u_.num) && std::isnan(o.u_.num));
        case Type::Bool: return u_.b == o.u_.b;
        case Type::Error: return u_.err == o.u_.err;
        case Type::String: return u_.str == o.u_.str || string() == o.string();
        case Type::Array: {
            const Array& a = array();
            const Array& b = o.array();
            if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
            for (size_t i = 0; i < a.cells().size(); ++i)
                if (!a.cells()[i].same_as(b.cells()[i])) return false;
            return true;
        }
    }
    return false;
}

// std::to_chars with a precision prints exactly as printf's %.*f / %.*e would (the standard says
// so), without printf's format parsing and multi-precision division: a batch formats every
// number of its reports and detail pages through here.
std::string format_general(double d) {
    if (d == 0) return "0";
    if (std::isnan(d) || std::isinf(d)) return "#NUM!";
    char buf[64];
    double a = std::fabs(d);
    if (a >= 1e-9 && a < 1e15) {
        // Fixed notation with up to 15 significant digits, trailing zeros trimmed.
        int exp10 = static_cast<int>(std::floor(std::log10(a)));
        int decimals = std::max(0, 14 - exp10);
        char* end = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, decimals).ptr;
        if (std::memchr(buf, '.', size_t(end - buf))) {
            while (end > buf && end[-1] == '0') --end;
            if (end > buf && end[-1] == '.') --end;
        }
        return std::string(buf, end);
    }
    char* end = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific, 14).ptr;
    char* e = static_cast<char*>(std::memchr(buf, 'e', size_t(end - buf)));
    char* mant_end = e;
    if (std::memchr(buf, '.', size_t(e - buf))) {
        while (mant_end[-1] == '0') --mant_end;
        if (mant_end[-1] == '.') --mant_end;
    }
    // Excel prints E+15, E-10 (at least two exponent digits, as to_chars does).
    std::string s(buf, mant_end);
    s += 'E';
    s.append(e + 1, end);
    return s;
}

std::string to_display(const Value& v) {
    switch (v.type()) {
        case Type::Empty: return "";
        case Type::Number: return format_general(v.number());
        case Type::String: return std::string(v.string());
        case Type::Bool: return v.boolean() ? "TRUE" : "FALSE";
        case Type::Error: return std::string(error_text(v.error()));
        case Type::Array: {
            const Array& a = v.array();
            std::string s = "{";
            for (uint32_t r = 0; r < a.rows(); ++r) {
                if (r) s += ';';
                for (uint32_t c = 0; c < a.cols(); ++c) {
                    if (c) s += ',';
                    s += to_display(a.at(r, c));
                }
            }
            return s + "}";
        }
    }
    return "";
}

}  // namespace sp
