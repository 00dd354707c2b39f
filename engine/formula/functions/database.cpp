// database.cpp — the database functions (being written).
#include "formula/function.h"

namespace sp {
void register_database_functions(FunctionRegistry&) {}
}  // namespace sp
