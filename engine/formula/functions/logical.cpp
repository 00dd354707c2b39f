// logical.cpp — the logical family: IF, IFS, IFERROR, IFNA, AND, OR, XOR, NOT,
// TRUE, FALSE, SWITCH, CHOOSE.
//
// IF, IFERROR and IFNA are normally compiled to jumps (only the taken branch runs);
// these eager versions serve array mode, where a condition may be an array and the
// result is built element by element. IF, IFS, SWITCH and CHOOSE hand back the chosen
// argument untouched, so a reference stays a reference (SUM(CHOOSE(2,A1:A3,B1:B3))).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "formula/function.h"
#include "formula/vm.h"

namespace sp {
namespace {

Value error(Err e) { return Value::error(e); }

bool is_multi_ref(const Operand& a) {
    if (a.kind() == Operand::Kind::Areas) return true;
    return a.kind() == Operand::Kind::Ref && !a.ref().range.is_cell();
}

bool is_array(const Operand& a) { return a.is_value() && a.value().is_array(); }

// An argument seen element-wise: arrays as they are, references read into arrays.
Value as_array_value(CallContext& ctx, const Operand& a) {
    if (is_array(a)) return a.value();
    if (a.is_ref()) return Value::array(ctx.to_array(a));
    return Value();
}

// Element (r, c) of an argument broadcast to a larger shape: a single row or column
// repeats; beyond the array's size is #N/A, as in Excel.
Value element(CallContext& ctx, const Operand& a, const Value& arr, uint32_t r, uint32_t c) {
    if (!arr.is_array()) {
        if (a.is_missing()) return Value(0.0);
        return a.is_ref() ? ctx.scalar(a) : a.value();
    }
    const Array& x = arr.array();
    if (x.rows() == 1) r = 0;
    if (x.cols() == 1) c = 0;
    if (r >= x.rows() || c >= x.cols()) return error(Err::NA);
    return x.at(r, c);
}

// The shape covering every array argument.
void grow_shape(const Value& v, uint32_t& rows, uint32_t& cols) {
    if (!v.is_array()) return;
    rows = std::max(rows, v.array().rows());
    cols = std::max(cols, v.array().cols());
}

// A condition: booleans and numbers; "TRUE"/"FALSE" text; other text is #VALUE!.
Err truth(const Value& v, bool& out) { return CallContext::to_bool(v, out); }

// --- IF, IFS, IFERROR, IFNA ---------------------------------------------------------

Operand fn_if(CallContext& ctx, Args args) {
    const Operand& cond = args[0];
    if (is_array(cond) || (ctx.array_mode() && is_multi_ref(cond))) {
        Value vals[3];
        uint32_t rows = 1, cols = 1;
        for (size_t i = 0; i < args.size(); ++i) {
            if (i == 0 || ctx.array_mode() || is_array(args[i])) vals[i] = as_array_value(ctx, args[i]);
            grow_shape(vals[i], rows, cols);
        }
        Array out(rows, cols);
        for (uint32_t r = 0; r < rows; ++r)
            for (uint32_t c = 0; c < cols; ++c) {
                bool b = false;
                if (Err e = truth(element(ctx, cond, vals[0], r, c), b); e != Err::None) {
                    out.at(r, c) = error(e);
                } else if (b || args.size() > 2) {
                    size_t i = b ? 1 : 2;
                    Value v = element(ctx, args[i], vals[i], r, c);
                    out.at(r, c) = v.is_empty() ? Value(0.0) : v;
                } else {
                    out.at(r, c) = Value::boolean(false);
                }
            }
        return Value::array(std::move(out));
    }
    bool b = false;
    if (Err e = truth(ctx.scalar(cond), b); e != Err::None) return error(e);
    size_t pick = b ? 1 : 2;
    if (pick >= args.size()) return Value::boolean(false);
    if (args[pick].is_missing()) return Value(0.0);  // =IF(TRUE,,1) is 0
    return args[pick];
}

// IFS(cond1, value1, cond2, value2, …): the value of the first true condition; #N/A
// when none is. Conditions are evaluated in order; an error condition stops the search.
Operand fn_ifs(CallContext& ctx, Args args) {
    if (args.size() % 2) return error(Err::NA);
    for (size_t i = 0; i + 1 < args.size(); i += 2) {
        bool b = false;
        if (Err e = truth(ctx.scalar(args[i]), b); e != Err::None) return error(e);
        if (b) return args[i + 1].is_missing() ? Operand(Value(0.0)) : args[i + 1];
    }
    return error(Err::NA);
}

template <bool OnlyNA>
Operand if_error(CallContext& ctx, Args args) {
    auto caught = [](const Value& v) { return v.is_error() && (!OnlyNA || v.error() == Err::NA); };
    const Operand& x = args[0];
    if (is_array(x) || (ctx.array_mode() && is_multi_ref(x))) {
        Value vals[2] = {as_array_value(ctx, x), Value()};
        uint32_t rows = 1, cols = 1;
        grow_shape(vals[0], rows, cols);
        if (ctx.array_mode() || is_array(args[1])) vals[1] = as_array_value(ctx, args[1]);
        grow_shape(vals[1], rows, cols);
        Array out(rows, cols);
        for (uint32_t r = 0; r < rows; ++r)
            for (uint32_t c = 0; c < cols; ++c) {
                Value v = element(ctx, x, vals[0], r, c);
                if (caught(v)) v = element(ctx, args[1], vals[1], r, c);
                out.at(r, c) = v.is_empty() ? Value(0.0) : v;
            }
        return Value::array(std::move(out));
    }
    Value v = x.is_missing() ? Value(0.0) : ctx.scalar(x);
    if (!caught(v)) return v.is_empty() ? Value(0.0) : v;
    if (args[1].is_missing()) return Value(0.0);
    return args[1];
}

// --- AND, OR, XOR, NOT ------------------------------------------------------------

// Counts the truth values of the arguments: in references and arrays, booleans and
// numbers count, text and blanks are ignored; a direct "TRUE"/"FALSE" counts, other
// direct text is ignored (=OR("",TRUE) is TRUE); an omitted argument is FALSE.
// Returns the first error; found stays 0 when there was nothing to judge (#VALUE!).
Err tally(CallContext& ctx, Args args, size_t& found, size_t& trues) {
    Err err = Err::None;
    auto take = [&](const Value& v) {
        if (err != Err::None) return;
        if (v.is_bool()) ++found, trues += v.boolean();
        else if (v.is_number()) ++found, trues += v.number() != 0;
        else if (v.is_error()) err = v.error();
    };
    for (const Operand& a : args) {
        if (a.is_missing()) {
            ++found;
            continue;
        }
        if (a.is_ref()) {
            ctx.for_each(a, [&](const Value& v, bool) { take(v); });
        } else if (is_array(a)) {
            for (const Value& v : a.value().array().cells()) take(v);
        } else if (a.value().is_string()) {
            // Text typed as an argument counts only as TRUE/FALSE and "" is skipped (Excel:
            // OR("",TRUE) is TRUE); other text is #VALUE!, so AND("1",1) is #VALUE!.
            std::string_view t = a.value().string();
            auto is = [&](std::string_view w) {
                if (t.size() != w.size()) return false;
                for (size_t i = 0; i < t.size(); ++i)
                    if (std::toupper(uint8_t(t[i])) != w[i]) return false;
                return true;
            };
            if (is("TRUE")) ++found, ++trues;
            else if (is("FALSE")) ++found;
            else if (!t.empty()) return Err::Value;
        } else {
            take(a.value());
        }
        if (err != Err::None) return err;
    }
    return Err::None;
}

Operand fn_and(CallContext& ctx, Args args) {
    size_t found = 0, trues = 0;
    if (Err e = tally(ctx, args, found, trues); e != Err::None) return error(e);
    if (!found) return error(Err::Value);
    return Value::boolean(trues == found);
}

Operand fn_or(CallContext& ctx, Args args) {
    size_t found = 0, trues = 0;
    if (Err e = tally(ctx, args, found, trues); e != Err::None) return error(e);
    if (!found) return error(Err::Value);
    return Value::boolean(trues > 0);
}

Operand fn_xor(CallContext& ctx, Args args) {
    size_t found = 0, trues = 0;
    if (Err e = tally(ctx, args, found, trues); e != Err::None) return error(e);
    if (!found) return error(Err::Value);
    return Value::boolean(trues % 2 == 1);
}

Operand fn_not(CallContext& ctx, Args args) {
    bool b = false;
    if (Err e = truth(ctx.scalar(args[0]), b); e != Err::None) return error(e);
    return Value::boolean(!b);
}

Operand fn_true(CallContext&, Args) { return Value::boolean(true); }
Operand fn_false(CallContext&, Args) { return Value::boolean(false); }

// --- SWITCH, CHOOSE ---------------------------------------------------------------

// SWITCH(expr, value1, result1, …, [default]): Excel's equality (text case-insensitive,
// no coercion between text and numbers); #N/A when nothing matches and no default.
Operand fn_switch(CallContext& ctx, Args args) {
    Value x = args[0].is_missing() ? Value() : ctx.scalar(args[0]);
    if (x.is_error()) return x;
    size_t pairs = (args.size() - 1) / 2;
    for (size_t i = 0; i < pairs; ++i) {
        Value v = args[1 + 2 * i].is_missing() ? Value() : ctx.scalar(args[1 + 2 * i]);
        if (v.is_error()) return v;
        Err err = Err::None;
        if (formula::compare_values(x, v, err) == 0 && err == Err::None) {
            const Operand& r = args[2 + 2 * i];
            return r.is_missing() ? Operand(Value(0.0)) : r;
        }
    }
    if ((args.size() - 1) % 2 == 1) {
        const Operand& d = args.back();
        return d.is_missing() ? Operand(Value(0.0)) : d;
    }
    return error(Err::NA);
}

// CHOOSE(index, value1, …): index truncated, outside 1..n is #VALUE!. An array index
// picks element-wise: CHOOSE({1,2},A1:A3,B1:B3) is a 3×2 array.
Operand fn_choose(CallContext& ctx, Args args) {
    const Operand& idx = args[0];
    size_t n = args.size() - 1;
    if (is_array(idx) || (ctx.array_mode() && is_multi_ref(idx))) {
        std::vector<Value> vals(args.size());
        uint32_t rows = 1, cols = 1;
        for (size_t i = 0; i < args.size(); ++i) {
            if (i == 0 || args[i].is_ref() || is_array(args[i])) vals[i] = as_array_value(ctx, args[i]);
            grow_shape(vals[i], rows, cols);
        }
        Array out(rows, cols);
        for (uint32_t r = 0; r < rows; ++r)
            for (uint32_t c = 0; c < cols; ++c) {
                double d = 0;
                Err e = CallContext::to_number(element(ctx, idx, vals[0], r, c), d);
                d = std::trunc(d);
                if (e == Err::None && (d < 1 || d > double(n))) e = Err::Value;
                if (e != Err::None) {
                    out.at(r, c) = error(e);
                    continue;
                }
                size_t i = size_t(d);
                Value v = element(ctx, args[i], vals[i], r, c);
                out.at(r, c) = v.is_empty() ? Value(0.0) : v;
            }
        return Value::array(std::move(out));
    }
    double d = 0;
    if (Err e = CallContext::to_number(ctx.scalar(idx), d); e != Err::None) return error(e);
    d = std::trunc(d);
    if (d < 1 || d > double(n)) return error(Err::Value);
    const Operand& pick = args[size_t(d)];
    return pick.is_missing() ? Operand(Value(0.0)) : pick;
}

}  // namespace

void register_logical_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"IF", fn_if, 2, 3, kRefResult, "A value chosen by a condition"},
        {"IFS", fn_ifs, 2, 254, kRefResult, "The value of the first true condition"},
        {"IFERROR", if_error<false>, 2, 2, 0, "A fallback when a value is an error"},
        {"IFNA", if_error<true>, 2, 2, 0, "A fallback when a value is #N/A"},
        {"AND", fn_and, 1, 255, 0, "TRUE when every argument is true"},
        {"OR", fn_or, 1, 255, 0, "TRUE when any argument is true"},
        {"XOR", fn_xor, 1, 254, 0, "TRUE when an odd number of arguments are true"},
        {"NOT", fn_not, 1, 1, kLift, "Reverses a logical value"},
        {"TRUE", fn_true, 0, 0, 0, "The logical value TRUE"},
        {"FALSE", fn_false, 0, 0, 0, "The logical value FALSE"},
        {"SWITCH", fn_switch, 3, 254, kRefResult, "The result matching a value, or a default"},
        {"CHOOSE", fn_choose, 2, 255, kRefResult, "The argument at an index"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = "logical";
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
