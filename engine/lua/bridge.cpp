// bridge.cpp — cell values <-> Lua values. Errors are full userdata singletons, one
// per Err code, so `v == suanpan.error.NA` works and tostring(v) gives "#N/A".
#include "lua/bridge.h"

#include <cmath>
#include <cstring>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sp::lua {

namespace {

constexpr const char* kErrorMeta = "suanpan.error";
constexpr const char* kErrorRegistry = "suanpan.errors";  // registry: code -> userdata

struct ErrName {
    const char* key;
    Err err;
};
constexpr ErrName kErrNames[] = {{"NULL", Err::Null}, {"DIV0", Err::Div0},       {"VALUE", Err::Value},
                                 {"REF", Err::Ref},   {"NAME", Err::Name},       {"NUM", Err::Num},
                                 {"NA", Err::NA},     {"GETTING_DATA", Err::GettingData},
                                 {"SPILL", Err::Spill}, {"CALC", Err::Calc}};

int error_tostring(lua_State* L) {
    const Err* e = static_cast<const Err*>(luaL_checkudata(L, 1, kErrorMeta));
    std::string_view t = error_text(*e);
    lua_pushlstring(L, t.data(), t.size());
    return 1;
}

// Keeps a table of row tables as an Array; false when a cell is not a scalar.
bool table_to_array(lua_State* L, int idx, Value& out) {
    idx = lua_absindex(L, idx);
    lua_Integer rows = lua_Integer(lua_rawlen(L, idx));  // raw: no metamethods outside a protected call
    if (rows <= 0) {
        out = Value();
        return true;
    }
    lua_rawgeti(L, idx, 1);
    bool nested = lua_type(L, -1) == LUA_TTABLE && to_error(L, -1) == Err::None;
    lua_pop(L, 1);
    lua_Integer cols = 0;
    if (nested) {
        for (lua_Integer r = 1; r <= rows; ++r) {
            lua_rawgeti(L, idx, r);
            if (lua_type(L, -1) != LUA_TTABLE) { lua_pop(L, 1); return false; }
            cols = std::max<lua_Integer>(cols, lua_Integer(lua_rawlen(L, -1)));
            lua_pop(L, 1);
        }
    } else {
        cols = rows;
        rows = 1;
    }
    if (cols <= 0) {  // rows without cells ({{}, {}}: an array of empty cells pushed to Lua) are {}
        out = Value();
        return true;
    }
    if (rows * cols > 16'000'000) return false;
    Array a{uint32_t(rows), uint32_t(cols)};
    for (lua_Integer r = 0; r < rows; ++r) {
        if (nested) lua_rawgeti(L, idx, r + 1);
        for (lua_Integer c = 0; c < cols; ++c) {
            lua_rawgeti(L, nested ? -1 : idx, nested ? c + 1 : c + 1);
            Value v;
            bool ok = lua_type(L, -1) != LUA_TTABLE && to_value(L, -1, v);
            lua_pop(L, 1);
            if (!ok) {
                if (nested) lua_pop(L, 1);
                return false;
            }
            a.at(uint32_t(r), uint32_t(c)) = std::move(v);
        }
        if (nested) lua_pop(L, 1);
    }
    out = Value::array(std::move(a));
    return true;
}

}  // namespace

void push_error_table(lua_State* L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, kErrorRegistry) != LUA_TTABLE) {
        lua_pop(L, 1);
        luaL_newmetatable(L, kErrorMeta);
        lua_pushcfunction(L, error_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");  // getmetatable(e) gives false: not editable
        lua_pop(L, 1);
        lua_newtable(L);
        for (const ErrName& n : kErrNames) {
            Err* e = static_cast<Err*>(lua_newuserdatauv(L, sizeof(Err), 0));
            *e = n.err;
            luaL_setmetatable(L, kErrorMeta);
            lua_rawseti(L, -2, int(n.err));
        }
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, kErrorRegistry);
    }
    // A fresh name -> error table for the caller (suanpan.error).
    lua_newtable(L);
    for (const ErrName& n : kErrNames) {
        lua_rawgeti(L, -2, int(n.err));
        lua_setfield(L, -2, n.key);
    }
    lua_remove(L, -2);
}

void push_error(lua_State* L, Err e) {
    lua_getfield(L, LUA_REGISTRYINDEX, kErrorRegistry);
    if (lua_rawgeti(L, -1, int(e)) == LUA_TNIL) {  // Cycle and others: shown as #VALUE!
        lua_pop(L, 1);
        lua_rawgeti(L, -1, int(Err::Value));
    }
    lua_remove(L, -2);
}

Err to_error(lua_State* L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA) return Err::None;
    const Err* e = static_cast<const Err*>(luaL_testudata(L, idx, kErrorMeta));
    return e ? *e : Err::None;
}

void push_value(lua_State* L, const Value& v) {
    switch (v.type()) {
        case Type::Empty: lua_pushnil(L); return;
        case Type::Number: lua_pushnumber(L, v.number()); return;
        case Type::String: {
            std::string_view s = v.string();
            lua_pushlstring(L, s.data(), s.size());
            return;
        }
        case Type::Bool: lua_pushboolean(L, v.boolean()); return;
        case Type::Error: push_error(L, v.error()); return;
        case Type::Array: {
            const Array& a = v.array();
            lua_createtable(L, int(a.rows()), 0);
            for (uint32_t r = 0; r < a.rows(); ++r) {
                lua_createtable(L, int(a.cols()), 0);
                for (uint32_t c = 0; c < a.cols(); ++c) {
                    push_value(L, a.at(r, c));
                    lua_rawseti(L, -2, c + 1);
                }
                lua_rawseti(L, -2, r + 1);
            }
            return;
        }
    }
    lua_pushnil(L);
}

bool to_value(lua_State* L, int idx, Value& out) {
    switch (lua_type(L, idx)) {
        case LUA_TNIL:
        case LUA_TNONE: out = Value(); return true;
        case LUA_TNUMBER: {
            double d = lua_tonumber(L, idx);
            out = std::isfinite(d) ? Value(d) : Value::error(Err::Num);  // Excel has no inf/nan
            return true;
        }
        case LUA_TBOOLEAN: out = Value::boolean(lua_toboolean(L, idx)); return true;
        case LUA_TSTRING: {
            size_t len = 0;
            const char* s = lua_tolstring(L, idx, &len);
            out = Value::string(std::string_view(s, len));
            return true;
        }
        case LUA_TUSERDATA: {
            Err e = to_error(L, idx);
            if (e == Err::None) return false;
            out = Value::error(e);
            return true;
        }
        case LUA_TTABLE: return table_to_array(L, idx, out);
        default: return false;
    }
}

}  // namespace sp::lua
