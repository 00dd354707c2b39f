// lockdown.h — the shared tables of a plugin state made read-only: the globals, the standard
// libraries (string, math, table, utf8, coroutine), the `suanpan` API and its error table, and
// the string metatable. One plugin therefore cannot break another: setmetatable(suanpan, …),
// suanpan.error = nil, string.format = nil, rawset(string, …) all raise an error.
//
// While a file loads it may still publish a new name in suanpan (suanpan.tables = {…}, as the
// shipped checks do); what it publishes is sealed (frozen too) when the file has loaded.
#pragma once

struct lua_State;

namespace sp::lua {

// Freezes the state's shared tables (after the sandbox, the API and the views are open).
void lock_down(lua_State* L);
// Freezes what the file just loaded published in suanpan (called after every file).
void seal_published(lua_State* L);

}  // namespace sp::lua
