// api.h — the `suanpan` table that plugins see: func, check, fail, round, number,
// error, iserror, clock, numbers, indicator. Declarations (func/check) and findings
// (fail) are handed to an ApiHost: the loader collects declarations, the runtime
// keeps the functions and collects findings while a check runs.
#pragma once
#include <string>
#include <vector>

#include "check/rule.h"

struct lua_State;

namespace sp::lua {

struct FuncDecl {
    std::string name;                 // as written (UTF-8)
    std::vector<std::string> params;  // as written: "[评分办法]" is optional, "..." repeats
    int min_args = 0, max_args = 255;
    std::string doc;
    std::string excel;                // Excel form with %1, %2 …
    bool is_volatile = false;
    bool accept_errors = false;       // errors = true: error arguments reach the function
    int line = 0;                     // where suanpan.func was called
};

class ApiHost {
public:
    virtual ~ApiHost() = default;
    // The declaration's Lua function is at stack index fn.
    virtual void on_func(lua_State* L, FuncDecl&& decl, int fn) = 0;
    // fn is 0 for expression checks.
    virtual void on_check(lua_State* L, check::Rule&& rule, int fn) = 0;
    // suanpan.fail{…}: the table is at index t (raise a Lua error when no check is running).
    virtual void on_fail(lua_State* L, int t) = 0;
};

// Creates the `suanpan` global in a sandboxed state (once).
void open_api(lua_State* L);

// Reads a finding table {cell=, sheet=, expected=, found=, message=, severity=, tolerance=}
// at index t into f (fields left as they are when absent).
void read_finding(lua_State* L, int t, check::Finding& f);

// The position of the Lua code that called the current C function: "file.lua", line.
int caller_line(lua_State* L);

}  // namespace sp::lua
