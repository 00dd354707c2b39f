// lockdown.cpp — read-only shared tables (see lockdown.h). A frozen table is emptied and its
// contents moved to a hidden table that its metatable reads through __index; __newindex
// refuses, __metatable hides and protects the metatable, __pairs and __len show the contents.
// rawset, rawget and next are replaced by versions that know frozen tables: rawset refuses,
// the other two read the hidden contents. Lookups cost one more table hop, nothing else.
#include "lua/lockdown.h"

#include <cstring>
#include <stdexcept>

#include "lua/state.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sp::lua {

namespace {

constexpr const char* kSealKey = "suanpan.seal";

const char* const kLockdownLua = R"LUA(
local G, is_loading = ...
local rawset0, rawget0, next0, setmt, getmt = rawset, rawget, next, setmetatable, getmetatable
local type, tostring, error = type, tostring, error
local frozen = setmt({}, { __mode = "k" })  -- frozen table -> its contents
local pending = {}                          -- tables published in suanpan by the file loading now

local function freeze(t, name, open)
  if frozen[t] or getmt(t) ~= nil then return end  -- tables with their own metatable are left alone
  local h = {}
  for k, v in next0, t do h[k] = v end
  for k in next0, h do rawset0(t, k, nil) end
  frozen[t] = h
  setmt(t, {
    __index = h,
    __newindex = function(_, k, v)
      if open and h[k] == nil and is_loading() then
        h[k] = v
        if type(v) == "table" then pending[#pending + 1] = { v, name .. "." .. tostring(k) } end
        return
      end
      error("cannot change " .. name .. "." .. tostring(k) .. ": shared tables are read-only for plugins", 2)
    end,
    __pairs = function() return next0, h, nil end,
    __len = function() return #h end,
    __metatable = false,
  })
  for k, v in next0, h do
    if type(v) == "table" then freeze(v, name == "_G" and tostring(k) or name .. "." .. tostring(k)) end
  end
end

G.rawset = function(t, k, v)
  if frozen[t] then error("rawset: shared tables are read-only for plugins", 2) end
  return rawset0(t, k, v)
end
G.rawget = function(t, k)
  local h = frozen[t]
  if h then return h[k] end
  return rawget0(t, k)
end
G.next = function(t, k)
  local h = frozen[t]
  if h then return next0(h, k) end
  return next0(t, k)
end

getmt("").__metatable = false  -- getmetatable("") gives false: string methods cannot be swapped
freeze(G.suanpan, "suanpan", true)
freeze(G, "_G")

return function()
  local p = pending
  pending = {}
  for i = 1, #p do freeze(p[i][1], p[i][2]) end
end
)LUA";

int is_loading(lua_State* L) {
    lua_pushboolean(L, State::of(L).loading);
    return 1;
}

int lock_down_raw(lua_State* L) {
    if (luaL_loadbufferx(L, kLockdownLua, std::strlen(kLockdownLua), "=lockdown", "t") != LUA_OK) return lua_error(L);
    lua_pushglobaltable(L);
    lua_pushcfunction(L, is_loading);
    lua_call(L, 2, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, kSealKey);
    return 0;
}

int seal_raw(lua_State* L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, kSealKey) != LUA_TFUNCTION) return 0;
    lua_call(L, 0, 0);
    return 0;
}

}  // namespace

void lock_down(lua_State* L) {
    lua_pushcfunction(L, lock_down_raw);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) throw std::runtime_error("lua: lockdown: " + error_message(L));
}

void seal_published(lua_State* L) {
    Unmetered engine_code(State::of(L));  // even when the file used up its budget
    int top = lua_gettop(L);
    lua_pushcfunction(L, seal_raw);
    lua_pcall(L, 0, 0, 0);  // out of memory at worst: the published table stays writable
    lua_settop(L, top);
}

}  // namespace sp::lua
