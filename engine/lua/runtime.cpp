// runtime.cpp — calling plugin functions from formulas and running check functions.
//
// The call path is kept cheap because a column of a million formulas may call the same
// function: the Lua functions sit in one table indexed by plugin_index (lua_rawgeti,
// no string lookup), numbers cross as lua_Number without allocation, and a one-cell
// reference arrives as its value. Larger references and arrays arrive as views.
#include "lua/runtime.h"

#include "calc/calculator.h"
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

Operand Runtime::call(CallContext& ctx, const FunctionDef& def, Args args) {
    int idx = def.plugin_index;
    if (idx < 0 || size_t(idx) >= loaded_.size() || !loaded_[idx]) return Operand(Value::error(Err::Name));
    const bool accept_errors = plugins_->functions()[idx].decl.accept_errors;
    lua_State* L = state_->L();
    const int top = lua_gettop(L);
    if (depth_++ == 0) state_->begin_call();
    struct Depth {
        int& d;
        ~Depth() { --d; }
    } depth_guard{depth_};

    if (!lua_checkstack(L, int(args.size()) + 8)) return Operand(Value::error(Err::Calc));
    lua_rawgeti(L, LUA_REGISTRYINDEX, fns_ref_);
    lua_rawgeti(L, -1, idx + 1);
    for (const Operand& a : args) {
        switch (a.kind()) {
            case Operand::Kind::Missing: lua_pushnil(L); break;
            case Operand::Kind::Value: {
                const Value& v = a.value();
                if (v.is_array()) {
                    push_array(L, &v.array());
                } else {
                    if (v.is_error() && !accept_errors) {
                        lua_settop(L, top);
                        return Operand(v);
                    }
                    push_value(L, v);
                }
                break;
            }
            case Operand::Kind::Ref: {
                const SheetRange& r = a.ref();
                if (r.range.is_cell()) {
                    Value v = ctx.cell_value(r.sheet, r.range.r1, r.range.c1);
                    if (v.is_error() && !accept_errors) {
                        lua_settop(L, top);
                        return Operand(v);
                    }
                    push_value(L, v);
                } else {
                    push_range(L, &ctx, r);
                }
                break;
            }
            case Operand::Kind::Areas: {
                auto areas = a.area_list();
                lua_createtable(L, int(areas.size()), 0);
                for (size_t i = 0; i < areas.size(); ++i) {
                    push_range(L, &ctx, areas[i]);
                    lua_rawseti(L, -2, lua_Integer(i + 1));
                }
                break;
            }
        }
    }
    int status = lua_pcall(L, int(args.size()), 1, 0);
    Operand result;
    if (status == LUA_OK) {
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

std::vector<check::Finding> Runtime::run_check(const check::Rule& rule, Workbook& wb, Calculator& calc) {
    std::vector<check::Finding> out;
    if (rule.lua_fn < 0) return out;
    auto make = [&](std::string message) {
        check::Finding f;
        f.rule_id = rule.id;
        f.severity = rule.severity;
        f.message = std::move(message);
        f.sheet = rule.sheet;
        f.tolerance = rule.tolerance;
        return f;
    };
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

    lua_rawgeti(L, LUA_REGISTRYINDEX, checks_ref_);
    if (lua_rawgeti(L, -1, rule.lua_fn + 1) != LUA_TFUNCTION) {
        lua_settop(L, top);
        out.push_back(make("check function not loaded in this runtime"));
        return out;
    }
    push_workbook(L, &wb, &calc);
    int status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK) {
        std::string msg = status == LUA_ERRMEM ? "memory limit exceeded" : error_message(L);
        wb.diagnostics().push_back({Diagnostic::Level::Error, kNoSheet, {-1, -1},
                                    "check " + rule.id + " (" + rule.origin + ") failed to run: " + msg});
        out.push_back(make("check failed to run: " + msg));
    } else if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        out.push_back(make(rule.message));
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        out.push_back(make(lua_tostring(L, -1)));
    } else if (lua_type(L, -1) == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_rawgeti(L, t, 1);
        bool list = lua_type(L, -1) == LUA_TTABLE;
        lua_pop(L, 1);
        if (list) {
            lua_Integer n = luaL_len(L, t);
            for (lua_Integer i = 1; i <= n; ++i) {
                if (lua_rawgeti(L, t, i) == LUA_TTABLE) {
                    check::Finding f = make(rule.message);
                    read_finding(L, -1, f);
                    out.push_back(std::move(f));
                }
                lua_pop(L, 1);
            }
        } else {
            check::Finding f = make(rule.message);
            read_finding(L, t, f);
            out.push_back(std::move(f));
        }
    }
    lua_settop(L, top);
    return out;
}

}  // namespace sp::lua
