// lambda.cpp — the LAMBDA helper functions: MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, ISOMITTED.
// They call their LAMBDA argument through the evaluator (formula/vm.h); LET and LAMBDA themselves are compiled.
#include <algorithm>
#include <cmath>

#include "formula/function.h"
#include "formula/vm.h"

namespace sp {
namespace {

Operand error(Err e) { return Operand(Value::error(e)); }

// The evaluator running this call; the helpers need it to call LAMBDA values.
formula::Evaluator* evaluator(CallContext& ctx) { return dynamic_cast<formula::Evaluator*>(&ctx); }

// Whether fn is a LAMBDA taking `count` arguments (Excel: #VALUE! otherwise).
bool takes(const Operand& fn, int count) { return formula::Evaluator::lambda_params(fn) == count; }

// One element of a helper's result: a LAMBDA that returns several values there is #CALC!
// (Excel has no arrays of arrays); an empty cell or missing value counts as 0.
Value element(CallContext& ctx, const Operand& r) {
    Value v;
    if (r.is_ref()) {
        if (r.kind() == Operand::Kind::Ref && r.ref().range.is_cell()) {
            v = ctx.scalar(r);
        } else {
            if (r.kind() != Operand::Kind::Ref) return Value::error(Err::Calc);
            Array a = ctx.to_array(r);
            if (a.rows() != 1 || a.cols() != 1) return Value::error(Err::Calc);
            v = a.at(0, 0);
        }
    } else if (!r.is_missing()) {
        v = r.value();
        if (v.is_array()) {
            const Array& a = v.array();
            if (a.rows() != 1 || a.cols() != 1) return Value::error(Err::Calc);
            Value one = a.at(0, 0);
            v = std::move(one);
        }
    }
    if (v.is_empty()) return Value(0.0);
    return v;
}

// An array argument, element by element. A range stays a range, so that the LAMBDA gets
// references (ROW(x), ISREF(x) work as in Excel); a huge range is read as values instead.
struct Source {
    bool ok = true;
    bool is_ref = false;
    SheetRange ref;
    Array arr;
    uint32_t rows = 1, cols = 1;

    Source(CallContext& ctx, const Operand& a) {
        if (a.kind() == Operand::Kind::Ref && a.ref().range.rows() <= 65536 && a.ref().range.cols() <= 1024) {
            is_ref = true;
            ref = a.ref();
            rows = uint32_t(ref.range.rows());
            cols = uint32_t(ref.range.cols());
        } else if (a.kind() == Operand::Kind::Areas || a.is_missing()) {
            ok = false;
        } else {
            arr = ctx.to_array(a);
            rows = arr.rows();
            cols = arr.cols();
            if (!rows || !cols) ok = false;
        }
    }
    SheetRange sub(uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2) const {
        return SheetRange{ref.sheet, RangeAddr{ref.range.r1 + int32_t(r1), ref.range.c1 + int32_t(c1),
                                               ref.range.r1 + int32_t(r2), ref.range.c1 + int32_t(c2)}};
    }
    Operand at(uint32_t r, uint32_t c) const {
        if (is_ref) return Operand(sub(r, c, r, c));
        return Operand(arr.at(r, c));
    }
    // Row r (or column c) as a reference or a 1×n (n×1) array.
    Operand row(uint32_t r) const {
        if (is_ref) return Operand(sub(r, 0, r, cols - 1));
        Array a(1, cols);
        for (uint32_t c = 0; c < cols; ++c) a.at(0, c) = arr.at(r, c);
        return Operand(Value::array(std::move(a)));
    }
    Operand col(uint32_t c) const {
        if (is_ref) return Operand(sub(0, c, rows - 1, c));
        Array a(rows, 1);
        for (uint32_t r = 0; r < rows; ++r) a.at(r, 0) = arr.at(r, c);
        return Operand(Value::array(std::move(a)));
    }
};

// MAP(array1, [array2…], lambda(x1, [x2…])): the LAMBDA applied to matching elements.
// Arrays of different sizes: a single value repeats; elsewhere outside the smaller one, #N/A.
Operand fn_map(CallContext& ctx, Args args) {
    formula::Evaluator* ev = evaluator(ctx);
    const Operand& fn = args.back();
    size_t n = args.size() - 1;
    if (!ev || !takes(fn, int(n))) return error(Err::Value);
    std::vector<Source> src;
    src.reserve(n);
    uint32_t rows = 1, cols = 1;
    for (size_t i = 0; i < n; ++i) {
        src.emplace_back(ctx, args[i]);
        if (!src.back().ok) return error(Err::Value);
        rows = std::max(rows, src.back().rows);
        cols = std::max(cols, src.back().cols);
    }
    Array out(rows, cols);
    std::vector<Operand> call(n);
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) {
            for (size_t i = 0; i < n; ++i) {
                const Source& s = src[i];
                if (s.rows == 1 && s.cols == 1) call[i] = s.at(0, 0);
                else if (r < s.rows && c < s.cols) call[i] = s.at(r, c);
                else call[i] = Operand(Value::error(Err::NA));
            }
            out.at(r, c) = element(ctx, ev->invoke(fn, Args(call.data(), n)));
        }
    return Operand(Value::array(std::move(out)));
}

// REDUCE([initial], array, lambda(acc, x)) and SCAN: the accumulator threaded through the
// elements row by row; REDUCE returns the last one (an array or a reference is kept),
// SCAN every intermediate one.
Operand fold(CallContext& ctx, Args args, bool scan) {
    formula::Evaluator* ev = evaluator(ctx);
    if (!ev || !takes(args[2], 2)) return error(Err::Value);
    Source s(ctx, args[1]);
    if (!s.ok) return error(Err::Value);
    Operand acc = args[0];
    Array out(scan ? s.rows : 0, scan ? s.cols : 0);
    Operand call[2];
    for (uint32_t r = 0; r < s.rows; ++r)
        for (uint32_t c = 0; c < s.cols; ++c) {
            call[0] = std::move(acc);
            call[1] = s.at(r, c);
            acc = ev->invoke(args[2], Args(call, 2));
            if (scan) out.at(r, c) = element(ctx, acc);
        }
    if (scan) return Operand(Value::array(std::move(out)));
    if (acc.is_missing()) return Operand(Value(0.0));
    return acc;
}

Operand fn_reduce(CallContext& ctx, Args args) { return fold(ctx, args, false); }
Operand fn_scan(CallContext& ctx, Args args) { return fold(ctx, args, true); }

// BYROW(array, lambda(row)) / BYCOL(array, lambda(column)): one value per row (column).
Operand by_line(CallContext& ctx, Args args, bool rows) {
    formula::Evaluator* ev = evaluator(ctx);
    if (!ev || !takes(args[1], 1)) return error(Err::Value);
    Source s(ctx, args[0]);
    if (!s.ok) return error(Err::Value);
    uint32_t n = rows ? s.rows : s.cols;
    Array out(rows ? n : 1, rows ? 1 : n);
    for (uint32_t i = 0; i < n; ++i) {
        Operand line = rows ? s.row(i) : s.col(i);
        Value v = element(ctx, ev->invoke(args[1], Args(&line, 1)));
        if (rows) out.at(i, 0) = std::move(v);
        else out.at(0, i) = std::move(v);
    }
    return Operand(Value::array(std::move(out)));
}

Operand fn_byrow(CallContext& ctx, Args args) { return by_line(ctx, args, true); }
Operand fn_bycol(CallContext& ctx, Args args) { return by_line(ctx, args, false); }

// MAKEARRAY(rows, columns, lambda(r, c)) with 1-based row and column numbers.
Operand fn_makearray(CallContext& ctx, Args args) {
    formula::Evaluator* ev = evaluator(ctx);
    double dims[2];
    for (int i = 0; i < 2; ++i) {
        Value v = ctx.scalar(args[i]);
        if (v.is_error()) return Operand(v);
        if (Err e = CallContext::to_number(v, dims[i]); e != Err::None) return error(e);
        dims[i] = std::trunc(dims[i]);
        if (dims[i] < 1) return error(Err::Value);
    }
    if (!ev || !takes(args[2], 2)) return error(Err::Value);
    if (dims[0] > kMaxRows || dims[1] > kMaxCols || dims[0] * dims[1] > double(1 << 24)) return error(Err::Num);
    uint32_t rows = uint32_t(dims[0]), cols = uint32_t(dims[1]);
    Array out(rows, cols);
    Operand call[2];
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) {
            call[0] = Operand(double(r + 1));
            call[1] = Operand(double(c + 1));
            out.at(r, c) = element(ctx, ev->invoke(args[2], Args(call, 2)));
        }
    return Operand(Value::array(std::move(out)));
}

// ISOMITTED(parameter): TRUE when a LAMBDA's caller left that argument out.
Operand fn_isomitted(CallContext&, Args args) { return Operand(Value::boolean(args[0].is_missing())); }

}  // namespace

void register_lambda_functions(FunctionRegistry& reg) {
    struct Spec {
        const char* name;
        FnImpl impl;
        int min_args, max_args;
        uint32_t flags;
        const char* description;
    };
    static const Spec specs[] = {
        {"MAP", fn_map, 2, 255, kArrayArgs, "Applies a LAMBDA to each element of one or more arrays"},
        {"REDUCE", fn_reduce, 3, 3, kArrayArgs, "Folds an array into one value with a LAMBDA(accumulator, value)"},
        {"SCAN", fn_scan, 3, 3, kArrayArgs, "Every intermediate accumulator of a LAMBDA(accumulator, value) over an array"},
        {"BYROW", fn_byrow, 2, 2, kArrayArgs, "One value per row of an array, by a LAMBDA(row)"},
        {"BYCOL", fn_bycol, 2, 2, kArrayArgs, "One value per column of an array, by a LAMBDA(column)"},
        {"MAKEARRAY", fn_makearray, 3, 3, 0, "A rows × columns array computed by a LAMBDA(row, column)"},
        {"ISOMITTED", fn_isomitted, 1, 1, 0, "Whether a LAMBDA parameter was left out by the caller"},
    };
    for (const Spec& s : specs) {
        FunctionDef d;
        d.name = s.name;
        d.impl = s.impl;
        d.min_args = s.min_args;
        d.max_args = s.max_args;
        d.flags = s.flags;
        d.family = "logical";
        d.description = s.description;
        reg.add(std::move(d));
    }
}

}  // namespace sp
