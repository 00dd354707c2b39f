// engineering.h — pieces shared by the engineering family's files (engineering.cpp,
// engineering_convert.cpp, engineering_complex.cpp).
#pragma once
#include "formula/function.h"

namespace sp::eng {

// A number argument the Analysis ToolPak way: booleans are #VALUE! (even from cells),
// text must read as a number, empty is 0, errors propagate.
Err atp_number(CallContext& ctx, const Operand& arg, double& out);

void register_convert(FunctionRegistry& reg);  // CONVERT
void register_complex(FunctionRegistry& reg);  // COMPLEX, IM*

}  // namespace sp::eng
