// state.h — one sandboxed lua_State with resource limits (RAII).
// The state opens only pure libraries (base without file access, string, table, math,
// utf8, coroutine), counts instructions per call, caps its memory, and guards the
// pattern functions of the string library, whose C loops the instruction hook cannot see.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

struct lua_State;
struct lua_Debug;

namespace sp::lua {

class ApiHost;
struct SheetScans;  // range_view.h: used ranges and label lookups of one workbook's checks

struct Limits {
    uint64_t instructions = 10'000'000;  // per call (a plugin function, a check, a file's top level)
    size_t memory = size_t(64) << 20;    // bytes per state
    double seconds = 10.0;               // wall clock per call; 0 = none
    size_t pattern_subject = 100'000;    // bytes a pattern function may scan
    size_t pattern_length = 256;         // bytes of a pattern
    double pattern_work = 5e7;           // worst-case backtracking steps a pattern call may cost (~0.2 s)
};

class State {
public:
    explicit State(const Limits& limits = {});
    ~State();
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    lua_State* L() const { return L_; }
    const Limits& limits() const { return limits_; }

    // Starts a new budget of instructions and time; called before every call into Lua.
    void begin_call() {
        ++epoch_;
        used_instructions_ = 0;
        killed_ = false;
        deadline_set_ = false;  // set by the hook when it first fires: short calls never read the clock
    }
    // A limit (instructions, time) stopped the last call: its error cannot be caught by pcall.
    bool killed() const { return killed_; }
    size_t memory_used() const { return used_memory_; }
    uint64_t instructions_used() const { return used_instructions_; }

    // Counts begin_call()s: range views made during one call refuse to work after it.
    uint64_t epoch() const { return epoch_; }

    // The State that owns L (also from a coroutine of it).
    static State& of(lua_State* L);

    ApiHost* api = nullptr;  // receiver of suanpan.func/check/fail (see api.h)
    bool loading = false;    // a plugin file's top level runs (it may publish names in suanpan)
    // The engine's own Lua code runs (API setup, lockdown, sealing; see Unmetered): it is not
    // charged to a plugin's instruction and time budget.
    bool unmetered = false;
    // While one workbook's checks run (Runtime::WorkbookChecks): sheet:used() and sheet:find()
    // answers of that workbook, which the checks ask again and again. nullptr: not cached.
    SheetScans* scans = nullptr;

private:
    static void* alloc(void* ud, void* ptr, size_t osize, size_t nsize);
    static void hook(lua_State* L, lua_Debug* ar);
    void open_sandbox();

    lua_State* L_ = nullptr;
    Limits limits_;
    size_t used_memory_ = 0;
    uint64_t used_instructions_ = 0;
    bool killed_ = false;
    uint64_t epoch_ = 0;
    bool deadline_set_ = false;
    std::chrono::steady_clock::time_point deadline_{};

    friend int kill_guard(lua_State* L);
    friend int charge_coroutine(lua_State* L);
};

// While alive, the state's Lua code is not counted against the instruction and time limits
// (memory still is). A slow machine once made the lockdown's setup exceed a 2 s limit, and a
// plugin that used up its budget while loading left its published tables unsealed.
class Unmetered {
public:
    explicit Unmetered(State& st) : st_(st), was_(st.unmetered) { st.unmetered = true; }
    ~Unmetered() { st_.unmetered = was_; }
    Unmetered(const Unmetered&) = delete;
    Unmetered& operator=(const Unmetered&) = delete;

private:
    State& st_;
    bool was_;
};

// Message of the error on top of the stack (strings as is, other values via __tostring).
std::string error_message(lua_State* L, int idx = -1);

}  // namespace sp::lua
