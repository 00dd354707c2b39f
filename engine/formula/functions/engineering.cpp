// engineering.cpp — the engineering functions (being written).
#include "formula/function.h"

namespace sp {
void register_engineering_functions(FunctionRegistry&) {}
}  // namespace sp
