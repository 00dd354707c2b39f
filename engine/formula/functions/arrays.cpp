// arrays.cpp — Excel 365's array-shaping functions: TOCOL, TOROW, WRAPCOLS, WRAPROWS,
// DROP, TAKE, HSTACK, VSTACK, EXPAND, TRIMRANGE.
//
// Results keep empty cells as Empty values (a spilled array shows them as 0, as Excel
// does). A result with no cells at all is #CALC!, Excel's "empty array" error (which
// Excel itself saves in the file as #VALUE! plus rich-value metadata).
#include <algorithm>
#include <climits>
#include <vector>

#include "formula/functions/arrays.h"
#include "formula/functions/criteria.h"

namespace sp {

Value arr::value_arg(CallContext& ctx, const Operand& arg) {
    if (arg.is_missing()) return Value();
    if (arg.kind() == Operand::Kind::Ref && arg.ref().range.rows() * int64_t(arg.ref().range.cols()) > 1)
        return Value::array(ctx.to_array(arg));
    if (arg.is_ref()) return ctx.scalar(arg);
    return arg.value();
}

namespace {

using arr::whole_arg;
Value err(Err e) { return Value::error(e); }

// --- TOCOL, TOROW --------------------------------------------------------------------------

// ignore: 0 keep all, 1 skip blanks, 2 skip errors, 3 skip both.
Operand to_line(CallContext& ctx, Args args, bool column) {
    double ignore;
    if (Err e = whole_arg(ctx, args, 1, ignore, 0); e != Err::None) return err(e);
    if (ignore < 0 || ignore > 3) return err(Err::Value);
    bool by_col;
    if (Err e = arr::bool_arg(ctx, args, 2, by_col, false); e != Err::None) return err(e);
    Array a = ctx.to_array(args[0]);
    int mode = int(ignore);
    std::vector<Value> out;
    out.reserve(a.cells().size());
    uint32_t outer = by_col ? a.cols() : a.rows(), inner = by_col ? a.rows() : a.cols();
    for (uint32_t i = 0; i < outer; ++i)
        for (uint32_t j = 0; j < inner; ++j) {
            const Value& v = by_col ? a.at(j, i) : a.at(i, j);
            if ((mode & 1) && v.is_empty()) continue;
            if ((mode & 2) && v.is_error()) continue;
            out.push_back(v);
        }
    if (out.empty()) return err(arr::kEmptyResult);
    uint32_t n = uint32_t(out.size());
    Array res(column ? n : 1, column ? 1 : n);
    for (uint32_t k = 0; k < n; ++k) (column ? res.at(k, 0) : res.at(0, k)) = std::move(out[k]);
    return Value::array(std::move(res));
}
Operand fn_tocol(CallContext& ctx, Args a) { return to_line(ctx, a, true); }
Operand fn_torow(CallContext& ctx, Args a) { return to_line(ctx, a, false); }

// --- WRAPCOLS, WRAPROWS --------------------------------------------------------------------

Operand wrap(CallContext& ctx, Args args, bool into_cols) {
    Array v = ctx.to_array(args[0]);
    double count;
    if (Err e = whole_arg(ctx, args, 1, count, 0); e != Err::None) return err(e);
    if (v.rows() != 1 && v.cols() != 1) return err(Err::Value);
    if (count < 1) return err(Err::Num);
    Value pad = present(args, 2) ? arr::value_arg(ctx, args[2]) : err(Err::NA);
    if (pad.is_array()) pad = pad.array().at(0, 0);
    const std::vector<Value>& items = v.cells();
    size_t n = items.size();
    size_t per = std::min<size_t>(size_t(std::min(count, 1e9)), n);  // elements per line
    size_t lines = (n + per - 1) / per;
    Array out(uint32_t(into_cols ? per : lines), uint32_t(into_cols ? lines : per));
    for (size_t k = 0; k < lines * per; ++k) {
        size_t line = k / per, pos = k % per;
        Value& slot = into_cols ? out.at(uint32_t(pos), uint32_t(line)) : out.at(uint32_t(line), uint32_t(pos));
        slot = k < n ? items[k] : pad;
    }
    return Value::array(std::move(out));
}
Operand fn_wrapcols(CallContext& ctx, Args a) { return wrap(ctx, a, true); }
Operand fn_wraprows(CallContext& ctx, Args a) { return wrap(ctx, a, false); }

// --- DROP, TAKE ----------------------------------------------------------------------------

// The [first, last) lines kept of n when taking (or dropping) k from the start (k > 0)
// or the end (k < 0). A missing count keeps all.
void keep_span(bool take, bool given, double k, uint32_t n, uint32_t& first, uint32_t& last) {
    first = 0;
    last = n;
    if (!given) return;
    double m = std::min(std::fabs(k), double(n));
    uint32_t c = uint32_t(m);
    if (take) {
        if (k >= 0) last = c;
        else first = n - c;
    } else {
        if (k >= 0) first = c;
        else last = n - c;
    }
}

Operand drop_take(CallContext& ctx, Args args, bool take) {
    double rows, cols;
    if (Err e = whole_arg(ctx, args, 1, rows, 0); e != Err::None) return err(e);
    if (Err e = whole_arg(ctx, args, 2, cols, 0); e != Err::None) return err(e);
    Array a = ctx.to_array(args[0]);
    uint32_t r1, r2, c1, c2;
    keep_span(take, present(args, 1), rows, a.rows(), r1, r2);
    keep_span(take, present(args, 2), cols, a.cols(), c1, c2);
    if (r1 >= r2 || c1 >= c2) return err(arr::kEmptyResult);
    Array out(r2 - r1, c2 - c1);
    for (uint32_t r = r1; r < r2; ++r)
        for (uint32_t c = c1; c < c2; ++c) out.at(r - r1, c - c1) = a.at(r, c);
    return Value::array(std::move(out));
}
Operand fn_drop(CallContext& ctx, Args a) { return drop_take(ctx, a, false); }
Operand fn_take(CallContext& ctx, Args a) { return drop_take(ctx, a, true); }

// --- HSTACK, VSTACK, EXPAND ----------------------------------------------------------------

// Arrays placed side by side (or one below the other); short ones padded with #N/A.
Operand stack(CallContext& ctx, Args args, bool across) {
    std::vector<Array> parts;
    uint64_t along = 0, span = 0;
    for (const Operand& arg : args) {
        parts.push_back(ctx.to_array(arg));
        const Array& p = parts.back();
        along += across ? p.cols() : p.rows();
        span = std::max<uint64_t>(span, across ? p.rows() : p.cols());
    }
    if (along * span > (uint64_t(1) << 31)) return err(Err::Num);
    Array out(uint32_t(across ? span : along), uint32_t(across ? along : span));
    uint32_t at = 0;
    for (const Array& p : parts) {
        uint32_t len = across ? p.cols() : p.rows();
        for (uint32_t k = 0; k < len; ++k)
            for (uint32_t s = 0; s < span; ++s) {
                uint32_t r = across ? s : k, c = across ? k : s;
                Value& slot = across ? out.at(s, at + k) : out.at(at + k, s);
                slot = (r < p.rows() && c < p.cols()) ? p.at(r, c) : err(Err::NA);
            }
        at += len;
    }
    return Value::array(std::move(out));
}
Operand fn_hstack(CallContext& ctx, Args a) { return stack(ctx, a, true); }
Operand fn_vstack(CallContext& ctx, Args a) { return stack(ctx, a, false); }

// EXPAND(array, rows, [columns], [pad_with]): grown to rows × columns, never shrunk.
Operand fn_expand(CallContext& ctx, Args args) {
    Array a = ctx.to_array(args[0]);
    double rows, cols;
    if (Err e = whole_arg(ctx, args, 1, rows, a.rows()); e != Err::None) return err(e);
    if (Err e = whole_arg(ctx, args, 2, cols, a.cols()); e != Err::None) return err(e);
    if (rows < a.rows() || cols < a.cols()) return err(Err::Value);
    if (rows * cols > double(uint64_t(1) << 31)) return err(Err::Num);
    Value pad = present(args, 3) ? arr::value_arg(ctx, args[3]) : err(Err::NA);
    if (pad.is_array()) pad = pad.array().at(0, 0);
    Array out{uint32_t(rows), uint32_t(cols)};
    for (uint32_t r = 0; r < out.rows(); ++r)
        for (uint32_t c = 0; c < out.cols(); ++c)
            out.at(r, c) = (r < a.rows() && c < a.cols()) ? a.at(r, c) : pad;
    return Value::array(std::move(out));
}

// --- TRIMRANGE -----------------------------------------------------------------------------

// TRIMRANGE(range, [trim_rows=3], [trim_cols=3]): 1 trims leading blank lines, 2 trailing,
// 3 both. A reference stays a reference (so TRIMRANGE(H:H) feeds SUM without copying).
Operand fn_trimrange(CallContext& ctx, Args args) {
    double tr, tc;
    if (Err e = whole_arg(ctx, args, 1, tr, 3); e != Err::None) return err(e);
    if (Err e = whole_arg(ctx, args, 2, tc, 3); e != Err::None) return err(e);
    if (tr < 0 || tr > 3 || tc < 0 || tc > 3) return err(Err::Value);
    int rows_mode = int(tr), cols_mode = int(tc);
    crit::Grid g;
    if (args[0].kind() == Operand::Kind::Areas || !crit::make_grid(ctx, args[0], g)) return err(Err::Value);
    // Bounds of the non-blank cells, relative to the grid.
    int64_t top = INT64_MAX, bottom = -1, left = INT64_MAX, right = -1;
    crit::for_each_cell(ctx, g, [&](int64_t i, int64_t j, const CellView& v) {
        if (v.type == Type::Empty) return;
        top = std::min(top, i);
        bottom = std::max(bottom, i);
        left = std::min(left, j);
        right = std::max(right, j);
    });
    // An entirely blank range keeps its first cell (Excel shows it as 0).
    if (bottom < 0) top = bottom = left = right = 0;
    int64_t r1 = (rows_mode & 1) ? top : 0, r2 = (rows_mode & 2) ? bottom : g.rows - 1;
    int64_t c1 = (cols_mode & 1) ? left : 0, c2 = (cols_mode & 2) ? right : g.cols - 1;
    if (g.is_ref()) {
        SheetRange out = args[0].ref();
        out.range.r1 = int32_t(g.range.r1 + r1);
        out.range.r2 = int32_t(g.range.r1 + r2);
        out.range.c1 = int32_t(g.range.c1 + c1);
        out.range.c2 = int32_t(g.range.c1 + c2);
        return Operand(out);
    }
    Array res(uint32_t(r2 - r1 + 1), uint32_t(c2 - c1 + 1));
    for (int64_t r = r1; r <= r2; ++r)
        for (int64_t c = c1; c <= c2; ++c) res.at(uint32_t(r - r1), uint32_t(c - c1)) = g.array.at(uint32_t(r), uint32_t(c));
    return Value::array(std::move(res));
}

}  // namespace

void register_array_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"TOCOL", fn_tocol, 1, 3, kArrayArgs, "An array as one column (ignore blanks/errors, scan by column)"},
        {"TOROW", fn_torow, 1, 3, kArrayArgs, "An array as one row (ignore blanks/errors, scan by column)"},
        {"WRAPCOLS", fn_wrapcols, 2, 3, kArrayArgs, "A row or column wrapped into columns of a given length"},
        {"WRAPROWS", fn_wraprows, 2, 3, kArrayArgs, "A row or column wrapped into rows of a given length"},
        {"DROP", fn_drop, 2, 3, kArrayArgs, "An array without its first (or last) rows and columns"},
        {"TAKE", fn_take, 2, 3, kArrayArgs, "The first (or last) rows and columns of an array"},
        {"HSTACK", fn_hstack, 1, 254, kArrayArgs, "Arrays placed side by side"},
        {"VSTACK", fn_vstack, 1, 254, kArrayArgs, "Arrays placed one below the other"},
        {"EXPAND", fn_expand, 2, 4, kArrayArgs, "An array grown to a given size, padded"},
        {"TRIMRANGE", fn_trimrange, 1, 3, kArrayArgs | kRefResult, "A range without its blank outer rows and columns"},
    };
    crit::add_defs(reg, defs, "lookup");
    register_array_sort_functions(reg);
}

}  // namespace sp
