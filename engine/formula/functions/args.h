// args.h — reading function arguments, shared by the function families: whether an
// argument was given, and a number argument where text is read as a number or a date
// (in the workbook's date system), as Excel's date and financial functions do.
#pragma once
#include "core/number_text.h"
#include "formula/function.h"

namespace sp {

inline bool present(Args args, size_t i) { return i < args.size() && !args[i].is_missing(); }

// allow_bool = false: Analysis ToolPak functions, where TRUE/FALSE are #VALUE!.
inline Err number_arg(CallContext& ctx, Args args, size_t i, double& out, double dflt, bool allow_bool = true) {
    if (!present(args, i)) { out = dflt; return Err::None; }
    Value v = ctx.scalar(args[i]);
    if (v.is_bool() && !allow_bool) return Err::Value;
    if (v.is_string()) {
        auto n = coerce_text_to_number(v.string(), ctx.date1904());
        if (!n) return Err::Value;
        out = *n;
        return Err::None;
    }
    return CallContext::to_number(v, out);
}

}  // namespace sp

// Declares `double var` from argument i (default dflt), returning the error value on failure.
#define NUM_ARG(i, var, dflt)                                                         \
    double var;                                                                       \
    if (Err e_ = number_arg(ctx, args, i, var, dflt); e_ != Err::None) return Value::error(e_)
#define ATP_ARG(i, var, dflt)                                                         \
    double var;                                                                       \
    if (Err e_ = number_arg(ctx, args, i, var, dflt, false); e_ != Err::None) return Value::error(e_)
