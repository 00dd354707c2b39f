// runtime.h — the per-thread Lua runtime: one sandboxed state holding every plugin's
// functions, called by the calculator for kPlugin functions and by the check runner
// for checks written as Lua functions.
//
//   auto plugins = sp::lua::PluginSet::load_default();
//   auto registry = plugins->registry();
//   sp::Workbook wb(registry.get());           // formulas see the plugin functions
//   sp::lua::Runtime rt(plugins);               // one per thread
//   sp::Calculator calc(wb);
//   calc.set_host(&rt.host(), &rt);
//   calc.recalc_full();
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "check/rule.h"
#include "formula/function.h"
#include "lua/api.h"
#include "lua/plugins.h"
#include "lua/range_view.h"
#include "lua/state.h"

namespace sp {
class Calculator;
class Workbook;
}  // namespace sp

namespace sp::lua {

class Runtime : public ApiHost {
public:
    explicit Runtime(std::shared_ptr<const PluginSet> plugins);
    ~Runtime() override;
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // What Calculator::set_host takes.
    HostCall& host() { return host_; }

    // Calls plugin function def.plugin_index. Error arguments are returned as the result
    // without calling Lua (unless the function was declared with errors = true). A Lua
    // error, a wrong return type or a spent limit gives #VALUE! (error, wrong type) or
    // #CALC! (instruction, time or memory limit) and a diagnostic on the workbook.
    Operand call(CallContext& ctx, const FunctionDef& def, Args args);

    // Runs a check declared with fn = function(wb) … end. The function reads the
    // workbook through views and reports with suanpan.fail{…}, or by returning false,
    // a message, a finding table or a list of them. Expression checks give {}.
    std::vector<check::Finding> run_check(const check::Rule& rule, Workbook& wb, Calculator& calc);

    // While alive, the checks of `wb` share the answers of sheet:used() and sheet:find() (the
    // workbook's cells must not change meanwhile: construct it after recalculation, around the
    // check run). Without it every call scans the sheet again.
    class WorkbookChecks {
    public:
        WorkbookChecks(Runtime& rt, const Workbook& wb);
        ~WorkbookChecks();
        WorkbookChecks(const WorkbookChecks&) = delete;
        WorkbookChecks& operator=(const WorkbookChecks&) = delete;

    private:
        Runtime& rt_;
    };

    const PluginSet& plugins() const { return *plugins_; }
    State& state() { return *state_; }
    // Problems met while loading the sources into this state (normally none: the
    // PluginSet already loaded them once).
    const std::vector<PluginDiagnostic>& diagnostics() const { return diagnostics_; }

    // ApiHost
    void on_func(lua_State* L, FuncDecl&& decl, int fn) override;
    void on_check(lua_State* L, check::Rule&& rule, int fn) override;
    void on_fail(lua_State* L, int t) override;

private:
    void report(CallContext& ctx, const FunctionDef& def, const std::string& what);

    std::shared_ptr<const PluginSet> plugins_;
    std::unique_ptr<State> state_;
    std::unique_ptr<SheetScans> scans_;  // see WorkbookChecks (kept: its vectors are reused)
    HostCall host_;
    int fns_ref_ = -2, checks_ref_ = -2;  // registry refs of the function / check-function tables
    std::vector<char> loaded_;           // per plugin function: present in this state
    std::vector<PluginDiagnostic> diagnostics_;
    int depth_ = 0;                      // nested calls (a check evaluating a formula…)
    // While loading a source: which slot the next declaration takes.
    const PluginSource* loading_ = nullptr;
    size_t next_fn_ = 0, next_check_ = 0;
    // While a check runs.
    const check::Rule* rule_ = nullptr;
    std::vector<check::Finding>* findings_ = nullptr;
    // Diagnostics per workbook are capped so a column of failing cells stays readable.
    const Workbook* diag_wb_ = nullptr;
    size_t diag_count_ = 0;
};

}  // namespace sp::lua
