// runtime.cpp — calling plugin functions from formulas and running check functions.
//
// The call path is kept cheap because a column of a million formulas may call the same
// function: the Lua functions sit in one table indexed by plugin_index (lua_rawgeti,
// no string lookup), numbers cross as lua_Number without allocation, and a one-cell
// reference arrives as its value. Larger references and arrays arrive as views.
#include "lua/runtime.h"

#include <cmath>
#include <stdexcept>

#include "calc/calculator.h"
#include "core/messages.h"
#include "lua/bridge.h"
#include "lua/range_view.h"
#include "model/workbook.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sp::lua {

namespace {
constexpr size_t kMaxDiagnosticsPerWorkbook = 100;
}

Runtime::Runtime(std::shared_ptr<const PluginSet> plugins)
    : plugins_(std::move(plugins)), state_(new_plugin_state(plugins_->limits())) {
    host_ = [this](CallContext& ctx, const FunctionDef& def, Args args) { return call(ctx, def, args); };
    lua_State* L = state_->L();
    lua_createtable(L, int(plugins_->functions().size()), 0);
    fns_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, plugins_->fn_check_count(), 0);
    checks_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
    loaded_.assign(plugins_->functions().size(), 0);
    state_->api = this;
    for (const PluginSource& src : plugins_->sources()) {
        if (!src.ok) continue;
        loading_ = &src;
        next_fn_ = next_check_ = 0;
        std::string err;
        if (!run_source(*state_, src, err)) diagnostics_.push_back({src.display, 0, "cannot load plugin: " + err});
    }
    loading_ = nullptr;
}

Runtime::~Runtime() = default;

Runtime::WorkbookChecks::WorkbookChecks(Runtime& rt, const Workbook& wb) : rt_(rt) {
    if (!rt_.scans_) rt_.scans_ = std::make_unique<SheetScans>();
    rt_.scans_->clear();
    rt_.scans_->wb = &wb;
    rt_.state_->scans = rt_.scans_.get();
}

Runtime::WorkbookChecks::~WorkbookChecks() {
    rt_.state_->scans = nullptr;
    rt_.scans_->clear();
}

void Runtime::on_func(lua_State* L, FuncDecl&& decl, int fn) {
    if (!loading_) {
        luaL_error(L, "suanpan.func can only be called while a plugin file loads");
        return;
    }
    size_t k = next_fn_++;
    int slot = k < loading_->function_slots.size() ? loading_->function_slots[k] : -1;
    if (slot < 0) return;  // rejected when the set was loaded (a clash)
    if (plugins_->functions()[slot].decl.name != decl.name) {
        diagnostics_.push_back({loading_->display, decl.line, "declares different functions on a second load"});
        return;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, fns_ref_);
    lua_pushvalue(L, fn);
    lua_rawseti(L, -2, slot + 1);
    lua_pop(L, 1);
    loaded_[slot] = 1;
}

void Runtime::on_check(lua_State* L, check::Rule&& rule, int fn) {
    if (!loading_) {
        luaL_error(L, "suanpan.check can only be called while a plugin file loads");
        return;
    }
    size_t k = next_check_++;
    int slot = k < loading_->check_slots.size() ? loading_->check_slots[k] : -1;
    if (slot < 0 || !fn) return;
    lua_rawgeti(L, LUA_REGISTRYINDEX, checks_ref_);
    lua_pushvalue(L, fn);
    lua_rawseti(L, -2, slot + 1);
    lua_pop(L, 1);
}

void Runtime::on_fail(lua_State* L, int t) {
    if (!findings_ || !rule_) {
        luaL_error(L, "suanpan.fail can only be called while a check runs");
        return;
    }
    check::Finding f;
    f.rule_id = rule_->id;
    f.severity = rule_->severity;
    f.message = rule_->message;
    f.sheet = rule_->sheet;
    f.tolerance = rule_->tolerance;
    read_finding(L, t, f);
    findings_->push_back(std::move(f));
}

void Runtime::report(CallContext& ctx, const FunctionDef& def, const std::string& what) {
    // The calculator hands functions a const view of the workbook; the workbook itself is
    // not const (Calculator takes Workbook&), and its diagnostics are the place for this.
    Workbook& wb = const_cast<Workbook&>(ctx.workbook());
    if (diag_wb_ != &wb) {
        diag_wb_ = &wb;
        diag_count_ = 0;
    }
    if (++diag_count_ > kMaxDiagnosticsPerWorkbook) {
        if (diag_count_ == kMaxDiagnosticsPerWorkbook + 1)
            wb.diagnostics().push_back({Diagnostic::Level::Error, kNoSheet, {-1, -1},
                                        "further plugin function errors are not listed"});
        return;
    }
    std::string origin = def.plugin_index >= 0 && size_t(def.plugin_index) < plugins_->functions().size()
                             ? plugins_->functions()[def.plugin_index].origin()
                             : def.family;
    wb.diagnostics().push_back({Diagnostic::Level::Error, ctx.sheet(), ctx.cell(),
                                "plugin function " + def.name + " (" + origin + ") in " +
                                    wb.where(ctx.sheet(), ctx.cell()) + ": " + what});
}

namespace {

// Everything that may allocate in Lua (strings, views) or read cells happens inside a
// protected call, so running out of memory there is a Lua error, never a panic.
struct CallFrame {
    CallContext* ctx;
    Args args;
    int fns_ref, idx;
    bool accept_errors;
    Value early;  // an error argument returned without calling Lua
    bool has_early = false;
    std::string exception;  // a C++ exception met while reading cells
    Value cell;             // the cell being pushed: here, not on the C stack, because a Lua
                            // memory error unwinds with longjmp past C++ destructors
};

bool push_arg(lua_State* L, CallFrame& f, const Operand& a) {
    switch (a.kind()) {
        case Operand::Kind::Missing: lua_pushnil(L); return true;
        case Operand::Kind::Value: {
            const Value& v = a.value();
            if (v.is_array()) {
                push_array(L, &v.array());
            } else {
                if (v.is_error() && !f.accept_errors) {
                    f.early = v;
                    return false;
                }
                push_value(L, v);
            }
            return true;
        }
        case Operand::Kind::Ref: {
            const SheetRange& r = a.ref();
            if (!r.range.is_cell()) {
                push_range(L, f.ctx, r);
                return true;
            }
            try {
                f.cell = f.ctx->cell_value(r.sheet, r.range.r1, r.range.c1);
            } catch (const std::exception& e) {
                f.exception = e.what();
            }
            if (!f.exception.empty()) luaL_error(L, "%s", f.exception.c_str());
            if (f.cell.is_error() && !f.accept_errors) {
                f.early = std::move(f.cell);
                return false;
            }
            push_value(L, f.cell);
            return true;
        }
        case Operand::Kind::Areas: {
            auto areas = a.area_list();
            lua_createtable(L, int(areas.size()), 0);
            for (size_t i = 0; i < areas.size(); ++i) {
                push_range(L, f.ctx, areas[i]);
                lua_rawseti(L, -2, lua_Integer(i + 1));
            }
            return true;
        }
    }
    return true;
}

// [frame] -> result of fn(args…), or nothing when an error argument short-circuits.
int call_trampoline(lua_State* L) {
    CallFrame& f = *static_cast<CallFrame*>(lua_touserdata(L, 1));
    luaL_checkstack(L, int(f.args.size()) + 4, "too many arguments");
    lua_rawgeti(L, LUA_REGISTRYINDEX, f.fns_ref);
    lua_rawgeti(L, -1, f.idx + 1);
    for (const Operand& a : f.args)
        if (!push_arg(L, f, a)) {
            f.has_early = true;
            return 0;
        }
    lua_call(L, int(f.args.size()), 1);
    return 1;
}

}  // namespace

Operand Runtime::call(CallContext& ctx, const FunctionDef& def, Args args) {
    int idx = def.plugin_index;
    if (idx < 0 || size_t(idx) >= loaded_.size() || !loaded_[idx]) return Operand(Value::error(Err::Name));
    lua_State* L = state_->L();
    const int top = lua_gettop(L);
    if (depth_++ == 0) state_->begin_call();
    struct Depth {
        int& d;
        ~Depth() { --d; }
    } depth_guard{depth_};

    CallFrame frame{&ctx, args, fns_ref_, idx, plugins_->functions()[idx].decl.accept_errors, Value(), false, {}, Value()};
    lua_pushcfunction(L, call_trampoline);
    lua_pushlightuserdata(L, &frame);
    int status = lua_pcall(L, 1, 1, 0);
    Operand result;
    if (frame.has_early) {
        result = Operand(frame.early);
    } else if (status == LUA_OK) {
        Value v;
        if (lua_type(L, -1) == LUA_TNUMBER) {  // the common case first
            double d = lua_tonumber(L, -1);
            result = std::isfinite(d) ? Operand(d) : Operand(Value::error(Err::Num));
        } else if (const SheetRange* r = to_range(L, -1)) {
            result = Operand(*r);
        } else if (to_value(L, -1, v)) {
            result = Operand(std::move(v));
        } else {
            report(ctx, def, std::string("returned a ") + luaL_typename(L, -1) + ", not a cell value");
            result = Operand(Value::error(Err::Value));
        }
    } else {
        bool limit = state_->killed() || status == LUA_ERRMEM;
        std::string msg = status == LUA_ERRMEM ? "memory limit exceeded" : error_message(L);
        report(ctx, def, msg);
        result = Operand(Value::error(limit ? Err::Calc : Err::Value));
    }
    lua_settop(L, top);
    return result;
}

namespace {

struct CheckFrame {
    Runtime* rt;
    const check::Rule* rule;
    Workbook* wb;
    Calculator* calc;
    int checks_ref;
    std::vector<check::Finding>* out;
};

check::Finding finding_for(const check::Rule& rule, std::string message) {
    check::Finding f;
    f.rule_id = rule.id;
    f.severity = rule.severity;
    f.message = std::move(message);
    f.sheet = rule.sheet;
    f.tolerance = rule.tolerance;
    return f;
}

// Calls the check function and reads what it returned (both may raise: protected).
int check_trampoline(lua_State* L) {
    CheckFrame& f = *static_cast<CheckFrame*>(lua_touserdata(L, 1));
    const check::Rule& rule = *f.rule;
    lua_rawgeti(L, LUA_REGISTRYINDEX, f.checks_ref);
    if (lua_rawgeti(L, -1, rule.lua_fn + 1) != LUA_TFUNCTION)
        return luaL_error(L, "check function not loaded in this runtime");
    push_workbook(L, f.wb, f.calc);
    lua_call(L, 1, 1);
    int t = lua_gettop(L);
    if (lua_type(L, t) == LUA_TBOOLEAN && !lua_toboolean(L, t)) {
        f.out->push_back(finding_for(rule, rule.message));
    } else if (lua_type(L, t) == LUA_TSTRING) {
        f.out->push_back(finding_for(rule, lua_tostring(L, t)));
    } else if (lua_type(L, t) == LUA_TTABLE) {
        lua_rawgeti(L, t, 1);
        bool list = lua_type(L, -1) == LUA_TTABLE;
        lua_pop(L, 1);
        if (list) {
            lua_Integer n = lua_Integer(lua_rawlen(L, t));
            for (lua_Integer i = 1; i <= n; ++i) {
                if (lua_rawgeti(L, t, i) == LUA_TTABLE) {
                    check::Finding x = finding_for(rule, rule.message);
                    read_finding(L, -1, x);
                    f.out->push_back(std::move(x));
                }
                lua_pop(L, 1);
            }
        } else {
            check::Finding x = finding_for(rule, rule.message);
            read_finding(L, t, x);
            f.out->push_back(std::move(x));
        }
    }
    return 0;
}

}  // namespace

std::vector<check::Finding> Runtime::run_check(const check::Rule& rule, Workbook& wb, Calculator& calc) {
    std::vector<check::Finding> out;
    if (rule.lua_fn < 0) return out;
    lua_State* L = state_->L();
    const int top = lua_gettop(L);
    if (depth_++ == 0) state_->begin_call();
    struct Restore {
        Runtime& rt;
        const check::Rule* rule;
        std::vector<check::Finding>* findings;
        ~Restore() {
            --rt.depth_;
            rt.rule_ = rule;
            rt.findings_ = findings;
        }
    } restore{*this, rule_, findings_};
    rule_ = &rule;
    findings_ = &out;

    CheckFrame frame{this, &rule, &wb, &calc, checks_ref_, &out};
    lua_pushcfunction(L, check_trampoline);
    lua_pushlightuserdata(L, &frame);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        std::string msg = status == LUA_ERRMEM ? "memory limit exceeded" : error_message(L);
        wb.diagnostics().push_back({Diagnostic::Level::Error, kNoSheet, {-1, -1},
                                    "check " + rule.id + " (" + rule.origin + ") failed to run: " + msg});
        // Both languages, as check::say writes them (check/ is the room above: lua/ does not call it).
        check::Finding& f = out.emplace_back(finding_for(rule, ""));
        f.message = msg::text(msg::Lang::zh, "check.rule_error", {msg});
        f.message_en = msg::text(msg::Lang::en, "check.rule_error", {msg});
    }
    lua_settop(L, top);
    return out;
}

}  // namespace sp::lua
