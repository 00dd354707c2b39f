// bridge.h — cell values to Lua values and back.
// number <-> number, string <-> string, boolean <-> boolean, empty <-> nil, and Excel
// errors <-> the singleton userdata suanpan.error.DIV0, .NA, … (compared by identity).
#pragma once
#include "core/value.h"

struct lua_State;

namespace sp::lua {

// Creates the error singletons (once per state) and leaves the table {DIV0=…, NA=…} on the stack.
void push_error_table(lua_State* L);
void push_error(lua_State* L, Err e);
// The error a Lua value stands for; Err::None when it is not an error value.
Err to_error(lua_State* L, int idx);

// Pushes a scalar; an array becomes a table of row tables (a copy).
void push_value(lua_State* L, const Value& v);

// Reads a Lua result as a cell value. Tables become arrays (a list of scalars is one row;
// a list of lists is rows × cols). Returns false (and leaves out untouched) for functions,
// threads, foreign userdata, or tables holding anything but scalars.
bool to_value(lua_State* L, int idx, Value& out);

}  // namespace sp::lua
