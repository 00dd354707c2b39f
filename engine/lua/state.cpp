// state.cpp — the sandboxed lua_State: allocator with a cap, instruction/time hook,
// the reduced standard library, and guards around the string pattern functions.
//
// Why each guard exists:
// * The count hook fires every kHookEvery VM instructions of any coroutine and adds
//   to one budget per call, so a plugin cannot escape it by spreading work over
//   coroutines. Once the budget is spent the State is "killed" until the next call:
//   pcall/xpcall/coroutine.resume re-raise the error instead of returning it, so a
//   `while true do pcall(f) end` loop cannot swallow the limit.
// * The hook never fires inside a C function, and Lua's pattern matcher backtracks in
//   C: string.find/match/gmatch/gsub are wrapped, and refuse a subject/pattern pair
//   whose worst-case cost (subject length to the power of the number of repetition
//   items) exceeds Limits::pattern_work, before the matcher starts.
// * Memory: the allocator refuses growth beyond Limits::memory; Lua then collects
//   garbage, retries, and raises LUA_ERRMEM, after which the state is still usable.
#include "lua/state.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

namespace sp::lua {

namespace {

constexpr int kHookEvery = 1000;  // instructions between two hook calls

// --- pattern guard -------------------------------------------------------------

enum PatternFn { kFind, kMatch, kGmatch, kGsub };

// Worst-case steps of a Lua pattern over a subject of n bytes: q repetition items
// (x*, x+, x-) share the subject in at most (n+1)^q / q! ways, %b may scan the rest of
// the subject, x? doubles, and an unanchored search restarts at every position.
double pattern_cost(const char* p, size_t lp, size_t n, bool may_anchor) {
    double len = double(n) + 1, states = 1;
    int reps = 0;
    size_t i = 0;
    bool anchored = may_anchor && lp > 0 && p[0] == '^';
    if (anchored) i = 1;
    while (i < lp) {
        char c = p[i];
        if (c == '(' || c == ')') { ++i; continue; }
        if (c == '%' && i + 1 < lp && p[i + 1] == 'b') { states *= len / ++reps; i += 4; continue; }
        if (c == '%' && i + 1 < lp && p[i + 1] == 'f') { i += 2; continue; }  // a set follows
        if (c == '%') {
            i += 2;
        } else if (c == '[') {
            ++i;
            if (i < lp && p[i] == '^') ++i;
            if (i < lp && p[i] == ']') ++i;  // a leading ']' is literal
            while (i < lp && p[i] != ']') i += (p[i] == '%') ? 2 : 1;
            ++i;
        } else {
            ++i;
        }
        if (i < lp) {
            char q = p[i];
            if (q == '*' || q == '+' || q == '-') { states *= len / ++reps; ++i; }
            else if (q == '?') { states *= 2; ++i; }
        }
    }
    return (anchored ? 1 : len) * states;
}

int guarded_pattern(lua_State* L) {
    State& st = State::of(L);
    const Limits& lim = st.limits();
    int which = int(lua_tointeger(L, lua_upvalueindex(2)));
    int t1 = lua_type(L, 1), t2 = lua_type(L, 2);
    if ((t1 == LUA_TSTRING || t1 == LUA_TNUMBER) && (t2 == LUA_TSTRING || t2 == LUA_TNUMBER)) {
        size_t n = 0, lp = 0;
        lua_tolstring(L, 1, &n);
        const char* p = lua_tolstring(L, 2, &lp);
        bool plain = which == kFind && lua_toboolean(L, 4);
        if (!plain && std::strpbrk(p, "^$*+?.([%-") == nullptr && std::strlen(p) == lp) plain = which == kFind;
        double cost = plain ? double(n) * double(lp + 1)
                            : pattern_cost(p, lp, n, which != kGmatch);
        if (!plain && lp > lim.pattern_length)
            return luaL_error(L, "pattern of %d bytes is longer than the sandbox allows (%d)", int(lp),
                              int(lim.pattern_length));
        if (!plain && n > lim.pattern_subject)
            return luaL_error(L, "pattern subject of %d bytes is longer than the sandbox allows (%d)", int(n),
                              int(lim.pattern_subject));
        if (cost > lim.pattern_work)
            return luaL_error(L, "pattern '%s' may backtrack too long over %d bytes (sandbox limit)", p, int(n));
    }
    // The library's own C function on this frame's arguments: no second call frame (these
    // guards were ~10 % of a batch's check time).
    // (Only for a function without upvalues of its own, as string.find/match/gmatch/gsub are.)
    if (lua_toboolean(L, lua_upvalueindex(3))) return lua_tocfunction(L, lua_upvalueindex(1))(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

// --- C loops whose length is not bounded by the memory they allocate --------------

// string.rep("", 1e15) loops 1e15 times copying nothing.
int guarded_rep(lua_State* L) {
    size_t l = 0, lsep = 0;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > 0 && l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// table.move(a, 1, 1e15, 2) loops over absent keys without allocating: the count is
// bounded by the instruction limit instead.
int guarded_move(lua_State* L) {
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    if (e >= f && double(e) - double(f) > double(State::of(L).limits().instructions))
        return luaL_error(L, "table.move: too many elements for the sandbox");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// --- replacements for unsafe base functions ------------------------------------

// load(text [, name [, mode [, env]]]): text chunks only; the mode argument is ignored.
int safe_load(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING) return luaL_error(L, "load: only source text is accepted in the sandbox");
    size_t len = 0;
    const char* s = lua_tolstring(L, 1, &len);
    const char* name = luaL_optstring(L, 2, "=(load)");
    bool has_env = !lua_isnone(L, 4);
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

int safe_collectgarbage(lua_State* L) {
    const char* opt = luaL_optstring(L, 1, "collect");
    if (std::strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage(\"%s\") is not allowed in the sandbox (only \"count\")", opt);
    int kb = lua_gc(L, LUA_GCCOUNT), b = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, double(kb) + double(b) / 1024);
    return 1;
}

// print goes to the debug log, never to stdout.
int log_print(lua_State* L) {
    std::string line;
    int n = lua_gettop(L);
    for (int i = 1; i <= n; ++i) {
        size_t len = 0;
        const char* s = luaL_tolstring(L, i, &len);
        if (i > 1) line += '\t';
        line.append(s, len);
        lua_pop(L, 1);
    }
    spdlog::debug("lua: {}", line);
    return 0;
}

// Wraps pcall, xpcall and coroutine.resume so a spent budget cannot be caught, and
// charges every new coroutine the instructions it may run before its own hook first fires.
const char* kGuardPrelude = R"LUA(
local guard, charge, rawpcall, rawxpcall, co = ...
local rawresume, rawcreate, rawwrap = co.resume, co.create, co.wrap
pcall = function(...) return guard(rawpcall(...)) end
xpcall = function(...) return guard(rawxpcall(...)) end
co.resume = function(...) return guard(rawresume(...)) end
co.create = function(f) charge(); return rawcreate(f) end
co.wrap = function(f) charge(); return rawwrap(f) end
)LUA";

}  // namespace

// guard(ok, ...): passes its arguments through, unless a limit killed the call.
int kill_guard(lua_State* L) {
    if (!lua_toboolean(L, 1) && State::of(L).killed()) {
        lua_settop(L, 2);
        return lua_error(L);
    }
    return lua_gettop(L);
}

// charge(): a new coroutine starts with a fresh hook count, so it may run kHookEvery
// instructions unseen; they are paid for up front.
int charge_coroutine(lua_State* L) {
    State& st = State::of(L);
    st.used_instructions_ += kHookEvery;
    if (st.used_instructions_ > st.limits_.instructions) {
        st.killed_ = true;
        return luaL_error(L, "instruction limit exceeded");
    }
    return 0;
}

State& State::of(lua_State* L) { return **static_cast<State**>(lua_getextraspace(L)); }

void* State::alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
    State* st = static_cast<State*>(ud);
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        st->used_memory_ -= old;
        std::free(ptr);
        return nullptr;
    }
    if (nsize > old && st->used_memory_ - old + nsize > st->limits_.memory) return nullptr;
    void* p = std::realloc(ptr, nsize);
    if (p) st->used_memory_ = st->used_memory_ - old + nsize;
    return p;
}

void State::hook(lua_State* L, lua_Debug* ar) {
    State& st = of(L);
    if (st.unmetered) return;
    st.used_instructions_ += kHookEvery;
    const char* what = nullptr;
    if (st.used_instructions_ > st.limits_.instructions) what = "instruction limit exceeded";
    else if (st.limits_.seconds > 0) {
        auto now = std::chrono::steady_clock::now();
        if (!st.deadline_set_) {
            st.deadline_ = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                     std::chrono::duration<double>(st.limits_.seconds));
            st.deadline_set_ = true;
        } else if (now > st.deadline_) {
            what = "time limit exceeded";
        }
    }
    if (!what) return;
    st.killed_ = true;
    lua_getinfo(L, "Sl", ar);
    if (ar->currentline > 0) lua_pushfstring(L, "%s:%d: %s", ar->short_src, ar->currentline, what);
    else lua_pushstring(L, what);
    lua_error(L);
}

State::State(const Limits& limits) : limits_(limits) {
    L_ = lua_newstate(&State::alloc, this);
    if (!L_) throw std::runtime_error("lua: cannot create a state");
    *static_cast<State**>(lua_getextraspace(L_)) = this;
    lua_sethook(L_, &State::hook, LUA_MASKCOUNT, kHookEvery);
    begin_call();
    open_sandbox();
}

State::~State() {
    if (L_) lua_close(L_);
}

void State::open_sandbox() {
    lua_State* L = L_;
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},          {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_STRLIBNAME, luaopen_string},   {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},    {LUA_COLIBNAME, luaopen_coroutine}};
    for (const luaL_Reg& lib : libs) {
        luaL_requiref(L, lib.name, lib.func, 1);
        lua_pop(L, 1);
    }
    // Base: no file access, no bytecode, no GC control, no stdout.
    lua_pushglobaltable(L);
    for (const char* name : {"dofile", "loadfile", "require", "warn"}) {
        lua_pushnil(L);
        lua_setfield(L, -2, name);
    }
    lua_pushcfunction(L, safe_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, safe_collectgarbage);
    lua_setfield(L, -2, "collectgarbage");
    lua_pushcfunction(L, log_print);
    lua_setfield(L, -2, "print");
    lua_pop(L, 1);
    // String library: no string.dump; guarded pattern functions.
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    const char* names[] = {"find", "match", "gmatch", "gsub"};
    for (int k = 0; k < 4; ++k) {
        lua_getfield(L, -1, names[k]);
        lua_pushinteger(L, k);
        bool direct = lua_tocfunction(L, -2) != nullptr && lua_getupvalue(L, -2, 1) == nullptr;
        if (!direct && lua_tocfunction(L, -2)) lua_pop(L, 1);  // the upvalue lua_getupvalue pushed
        lua_pushboolean(L, direct);
        lua_pushcclosure(L, guarded_pattern, 3);
        lua_setfield(L, -2, names[k]);
    }
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, guarded_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
    lua_getglobal(L, LUA_TABLIBNAME);
    lua_getfield(L, -1, "move");
    lua_pushcclosure(L, guarded_move, 1);
    lua_setfield(L, -2, "move");
    lua_pop(L, 1);

    // pcall/xpcall/coroutine.resume: re-raise a spent budget.
    if (luaL_loadbufferx(L, kGuardPrelude, std::strlen(kGuardPrelude), "=sandbox", "t") != LUA_OK)
        throw std::runtime_error("lua: sandbox prelude: " + error_message(L));
    lua_pushcfunction(L, kill_guard);
    lua_pushcfunction(L, charge_coroutine);
    lua_getglobal(L, "pcall");
    lua_getglobal(L, "xpcall");
    lua_getglobal(L, LUA_COLIBNAME);
    if (lua_pcall(L, 5, 0, 0) != LUA_OK) throw std::runtime_error("lua: sandbox prelude: " + error_message(L));
}

std::string error_message(lua_State* L, int idx) {
    if (lua_type(L, idx) == LUA_TSTRING) {
        size_t len = 0;
        const char* s = lua_tolstring(L, idx, &len);
        return std::string(s, len);
    }
    if (lua_isnoneornil(L, idx)) return "unknown error";
    // __tostring may itself fail (out of memory): stay safe.
    int top = lua_gettop(L);
    lua_pushcfunction(L, [](lua_State* L) -> int {
        luaL_tolstring(L, 1, nullptr);
        return 1;
    });
    lua_pushvalue(L, idx < 0 ? idx - 1 : idx);
    std::string out = "error object";
    if (lua_pcall(L, 1, 1, 0) == LUA_OK) out = lua_tostring(L, -1);
    lua_settop(L, top);
    return out;
}

}  // namespace sp::lua
