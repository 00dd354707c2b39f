// api.cpp — the `suanpan` table: declarations (func, check), findings (fail) and the
// helpers written in C++ (round, number, iserror, clock). The helpers written in Lua
// (numbers, indicator) are in api_lua.cpp.
#include "lua/api.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/number_text.h"
#include "formula/functions/number_format.h"
#include "formula/functions/round.h"
#include "lua/bridge.h"
#include "lua/state.h"
#include "model/workbook.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sp::lua {

extern const char* const kApiLua;  // api_lua.cpp

namespace {

ApiHost& host(lua_State* L) {
    ApiHost* h = State::of(L).api;
    if (!h) luaL_error(L, "suanpan: no host for declarations in this state");
    return *h;
}

// A Lua error unwinds with longjmp, past C++ destructors: a C function that may raise keeps
// its C++ objects in a box, a userdata whose __gc destroys them, and raises only while no
// other C++ object with heap memory is alive in its frame.
template <class T>
T& boxed(lua_State* L, const char* meta) {
    if (luaL_newmetatable(L, meta)) {
        lua_pushcfunction(L, [](lua_State* L) -> int {
            static_cast<T*>(lua_touserdata(L, 1))->~T();
            return 0;
        });
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    void* mem = lua_newuserdatauv(L, sizeof(T), 0);
    T* obj = new (mem) T();  // constructed before the metatable is set: __gc never sees raw memory
    luaL_setmetatable(L, meta);
    return *obj;
}

std::string opt_string(lua_State* L, int t, const char* key, const char* def = "") {
    int type = lua_getfield(L, t, key);
    if (type != LUA_TSTRING && type != LUA_TNIL) luaL_error(L, "field '%s' must be a string", key);  // nothing to leak yet
    std::string out = type == LUA_TSTRING ? lua_tostring(L, -1) : def;
    lua_pop(L, 1);
    return out;
}

bool opt_bool(lua_State* L, int t, const char* key) {
    lua_getfield(L, t, key);
    bool b = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

// A function name a formula can call: letters (any UTF-8), digits, '_' and '.', not
// starting with a digit or '.', and not something the formula language reads otherwise
// (a cell address such as AB12, TRUE, FALSE).
bool valid_function_name(const std::string& n) {
    if (n.empty() || n.size() > 255) return false;
    unsigned char c0 = static_cast<unsigned char>(n[0]);
    if (std::isdigit(c0) || c0 == '.') return false;
    for (unsigned char c : n)
        if (!(c >= 0x80 || std::isalnum(c) || c == '_' || c == '.')) return false;
    if (parse_cell(n)) return false;
    std::string up;
    for (char c : n) up += char(std::toupper(static_cast<unsigned char>(c)));
    return up != "TRUE" && up != "FALSE";
}

// suanpan.func{ name=, params=, doc=, volatile=, excel=, errors=, fn= }
int api_func(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    FuncDecl& d = boxed<FuncDecl>(L, "suanpan.box.func");
    d.line = caller_line(L);
    d.name = opt_string(L, 1, "name");
    if (!valid_function_name(d.name))
        return luaL_error(L, "suanpan.func: invalid function name '%s'", d.name.c_str());
    d.doc = opt_string(L, 1, "doc");
    d.excel = opt_string(L, 1, "excel");
    d.is_volatile = opt_bool(L, 1, "volatile");
    d.accept_errors = opt_bool(L, 1, "errors");
    if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION) return luaL_error(L, "suanpan.func %s: fn must be a function", d.name.c_str());
    int fn = lua_gettop(L);
    int ptype = lua_getfield(L, 1, "params");
    if (ptype == LUA_TTABLE) {
        bool optional = false;
        lua_Integer n = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, -1, i);
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "suanpan.func %s: params must be strings", d.name.c_str());
            d.params.push_back(lua_tostring(L, -1));  // in the box before anything may raise
            lua_pop(L, 1);
            const std::string& p = d.params.back();
            if (p == "...") {
                if (i != n) return luaL_error(L, "suanpan.func %s: '...' must be the last parameter", d.name.c_str());
                d.max_args = 255;
            } else if (p.size() >= 2 && p.front() == '[' && p.back() == ']') {
                optional = true;
            } else if (optional) {
                return luaL_error(L, "suanpan.func %s: required parameter '%s' after an optional one", d.name.c_str(),
                                  p.c_str());
            } else {
                ++d.min_args;
            }
        }
        if (d.params.empty() || d.params.back() != "...") d.max_args = int(d.params.size());
    } else if (ptype == LUA_TNIL) {
        // No declared parameters: any count up to the Lua function's own.
        lua_Debug ar;
        lua_pushvalue(L, fn);
        lua_getinfo(L, ">u", &ar);
        d.min_args = 0;
        d.max_args = ar.isvararg ? 255 : int(ar.nparams);
    } else {
        return luaL_error(L, "suanpan.func %s: params must be a list of names", d.name.c_str());
    }
    lua_settop(L, fn);
    host(L).on_func(L, std::move(d), fn);
    return 0;
}

// suanpan.check{ id=, template=, sheet=, severity=, message=, expr=, rows=, tolerance=, fn= }
int api_check(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    check::Rule& r = boxed<check::Rule>(L, "suanpan.box.check");
    int line = caller_line(L);
    r.id = opt_string(L, 1, "id");
    if (r.id.empty()) return luaL_error(L, "suanpan.check: id is required");
    r.template_ = opt_string(L, 1, "template");
    r.sheet = opt_string(L, 1, "sheet");
    r.message = opt_string(L, 1, "message");
    r.expr = opt_string(L, 1, "expr");
    r.rows = opt_string(L, 1, "rows");
    bool sev_ok = true;
    {
        std::string sev = opt_string(L, 1, "severity", "error");
        if (sev == "error") r.severity = check::Severity::Error;
        else if (sev == "warning") r.severity = check::Severity::Warning;
        else if (sev == "info") r.severity = check::Severity::Info;
        else sev_ok = false;
    }  // sev is gone before the error unwinds
    if (!sev_ok) return luaL_error(L, "suanpan.check %s: severity must be error, warning or info", r.id.c_str());
    lua_getfield(L, 1, "tolerance");
    if (!lua_isnil(L, -1)) {
        if (!lua_isnumber(L, -1)) return luaL_error(L, "suanpan.check %s: tolerance must be a number", r.id.c_str());
        r.tolerance = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    int fn = 0;
    int t = lua_getfield(L, 1, "fn");
    if (t == LUA_TFUNCTION) fn = lua_gettop(L);
    else if (t != LUA_TNIL) return luaL_error(L, "suanpan.check %s: fn must be a function", r.id.c_str());
    if (!fn && r.expr.empty()) return luaL_error(L, "suanpan.check %s: needs expr or fn", r.id.c_str());
    if (fn && !r.expr.empty()) return luaL_error(L, "suanpan.check %s: give expr or fn, not both", r.id.c_str());
    r.origin = std::to_string(line);  // the host prefixes the file
    host(L).on_check(L, std::move(r), fn);
    return 0;
}

int api_fail(lua_State* L) {
    if (lua_isnoneornil(L, 1)) lua_newtable(L);
    else if (lua_type(L, 1) == LUA_TSTRING) {  // suanpan.fail("message")
        lua_newtable(L);
        lua_pushvalue(L, 1);
        lua_setfield(L, -2, "message");
    }
    luaL_checktype(L, -1, LUA_TTABLE);
    host(L).on_fail(L, lua_gettop(L));
    return 0;
}

// suanpan.round(x [, digits]): Excel's ROUND (15 significant digits, then half away from zero).
int api_round(lua_State* L) {
    double x = luaL_checknumber(L, 1);
    lua_Integer n = luaL_optinteger(L, 2, 0);
    if (n < -15 || n > 15) return luaL_error(L, "suanpan.round: digits out of range");
    lua_pushnumber(L, excel_round(x, int(n)));
    return 1;
}

// suanpan.text(x, code): Excel's TEXT(x, code) — the one number formatter that cells, the
// workbench and the 说明 share ("#,##0.00", "0.00%", "[DBNum2]General" …); nil where TEXT is #VALUE!.
int api_text(lua_State* L) {
    double x = luaL_checknumber(L, 1);
    size_t len = 0;
    const char* code = luaL_checklstring(L, 2, &len);
    if (auto t = try_format_number(x, std::string_view(code, len), false)) lua_pushlstring(L, t->data(), t->size());
    else lua_pushnil(L);
    return 1;
}

// suanpan.number(v): a number as Excel arithmetic reads it — numbers as they are,
// text like "1,126.72" or "84.97%" parsed, TRUE/FALSE 1/0, empty (nil) 0;
// nil for text that is not a number and for errors.
int api_number(lua_State* L) {
    switch (lua_type(L, 1)) {
        case LUA_TNUMBER: lua_pushnumber(L, lua_tonumber(L, 1)); return 1;
        case LUA_TNIL:
        case LUA_TNONE: lua_pushnumber(L, 0); return 1;
        case LUA_TBOOLEAN: lua_pushnumber(L, lua_toboolean(L, 1) ? 1 : 0); return 1;
        case LUA_TSTRING: {
            size_t len = 0;
            const char* s = lua_tolstring(L, 1, &len);
            if (auto d = parse_number_text(std::string_view(s, len))) lua_pushnumber(L, *d);
            else lua_pushnil(L);
            return 1;
        }
        default: lua_pushnil(L); return 1;
    }
}

int api_iserror(lua_State* L) {
    lua_pushboolean(L, to_error(L, 1) != Err::None);
    return 1;
}

int api_clock(lua_State* L) {
    using namespace std::chrono;
    lua_pushnumber(L, duration<double>(steady_clock::now().time_since_epoch()).count());
    return 1;
}

}  // namespace

int caller_line(lua_State* L) {
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); ++level) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) return ar.currentline;
    }
    return 0;
}

// Reads fields raw and converts foreign values with error_message() (a protected __tostring):
// its callers hold a Finding on their C++ stack, so nothing here may raise.
void read_finding(lua_State* L, int t, check::Finding& f) {
    t = lua_absindex(L, t);
    auto text = [&](const char* key, std::string& out) {
        lua_pushstring(L, key);
        lua_rawget(L, t);
        if (!lua_isnil(L, -1)) {
            Value v;
            if (to_value(L, -1, v)) out = v.is_string() ? std::string(v.string()) : to_display(v);
            else out = error_message(L, -1);
        }
        lua_pop(L, 1);
    };
    text("message", f.message);
    text("sheet", f.sheet);
    text("cell", f.cell);
    lua_pushstring(L, "expected");
    lua_rawget(L, t);
    lua_pushstring(L, "found");
    lua_rawget(L, t);
    if (lua_type(L, -2) == LUA_TNUMBER && lua_type(L, -1) == LUA_TNUMBER) {
        f.difference = lua_tonumber(L, -1) - lua_tonumber(L, -2);
        f.has_difference = true;
    }
    lua_pop(L, 2);
    text("expected", f.expected);
    text("found", f.found);
    std::string sev;
    text("severity", sev);
    if (sev == "error") f.severity = check::Severity::Error;
    else if (sev == "warning") f.severity = check::Severity::Warning;
    else if (sev == "info") f.severity = check::Severity::Info;
    lua_pushstring(L, "tolerance");
    lua_rawget(L, t);
    if (lua_isnumber(L, -1)) f.tolerance = lua_tonumber(L, -1);
    lua_pop(L, 1);
}

namespace {
int open_api_raw(lua_State* L) {
    static const luaL_Reg fns[] = {{"func", api_func},       {"check", api_check},     {"fail", api_fail},
                                   {"round", api_round},     {"number", api_number},   {"iserror", api_iserror},
                                   {"clock", api_clock},     {"text", api_text},       {nullptr, nullptr}};
    lua_newtable(L);
    luaL_setfuncs(L, fns, 0);
    push_error_table(L);
    lua_setfield(L, -2, "error");
    lua_pushstring(L, "1.0");
    lua_setfield(L, -2, "version");
    lua_pushvalue(L, -1);
    lua_setglobal(L, "suanpan");
    // Helpers written in Lua get the table as their chunk argument.
    if (luaL_loadbufferx(L, kApiLua, std::strlen(kApiLua), "=suanpan", "t") != LUA_OK) lua_error(L);
    lua_insert(L, -2);
    lua_call(L, 1, 0);
    return 0;
}
}  // namespace

void open_api(lua_State* L) {
    lua_pushcfunction(L, open_api_raw);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) throw std::runtime_error("lua: suanpan api: " + error_message(L));
}

}  // namespace sp::lua
