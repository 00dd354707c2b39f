// arrays.h — shared by the dynamic-array function files (arrays.cpp, arrays_sort.cpp):
// whole-number arguments and the registration of the sorting/filtering half.
#pragma once
#include <cmath>

#include "formula/functions/args.h"

namespace sp::arr {

// The error for a result with no cells (FILTER with nothing kept, TAKE(x,0)…). Excel's
// value is #CALC!; Excel saves it in the file as #VALUE! plus rich-value metadata
// (errorType 13), so a reader that ignores that metadata expects #VALUE!.
constexpr Err kEmptyResult = Err::Calc;

// A count or index argument, truncated toward zero as Excel does (3.9 -> 3, -2.5 -> -2).
inline Err whole_arg(CallContext& ctx, Args args, size_t i, double& out, double dflt) {
    Err e = number_arg(ctx, args, i, out, dflt);
    if (e == Err::None) out = std::trunc(out);
    return e;
}

// A boolean argument (TRUE/FALSE, numbers, "TRUE"); missing gives dflt.
inline Err bool_arg(CallContext& ctx, Args args, size_t i, bool& out, bool dflt) {
    if (!present(args, i)) { out = dflt; return Err::None; }
    Value v = ctx.scalar(args[i]);
    if (v.is_error()) return v.error();
    return CallContext::to_bool(v, out);
}

// An argument as a value to place in a result (pad_with, if_empty): a reference is read
// into an array when it holds more than one cell.
Value value_arg(CallContext& ctx, const Operand& arg);

}  // namespace sp::arr

namespace sp {
// SORT, SORTBY, UNIQUE, FILTER; called from register_array_functions.
void register_array_sort_functions(FunctionRegistry& reg);
}  // namespace sp
