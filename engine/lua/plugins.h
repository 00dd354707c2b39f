// plugins.h — finding and loading plugin files, and the function registry they extend.
//
// Loading has two phases because formulas are compiled against a FunctionRegistry
// before anything is evaluated, and every worker thread needs its own lua_State:
//  1. PluginSet reads the files (shipped plugins/ dir, --plugins dirs, SUANPAN_PLUGIN_PATH),
//     runs each in a sandboxed state and records what it declares: functions, checks,
//     and diagnostics for broken files (file:line; the other files still load).
//  2. Runtime (runtime.h), one per thread, runs the same sources in its own state and
//     keeps the declared Lua functions by index for the calculator to call.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "check/rule.h"
#include "lua/api.h"
#include "lua/state.h"

namespace sp {
class FunctionRegistry;
}

namespace sp::lua {

struct PluginDiagnostic {
    std::string file;  // display name, e.g. "plugins/fiscal.lua"
    int line = 0;      // 0 when not about one line
    std::string message;
    std::string text() const;  // "plugins/fiscal.lua:12: message"
};

struct PluginFunction {
    FuncDecl decl;
    std::string file;  // display name of the declaring file
    std::string origin() const { return file + ":" + std::to_string(decl.line); }
};

struct PluginSource {
    std::string path;     // on disk ("" for sources given as text)
    std::string display;  // in messages and as the chunk name
    std::string text;
    bool ok = false;                  // loaded without error
    std::vector<int> function_slots;  // per suanpan.func call in order: index in functions(), or -1 (rejected)
    std::vector<int> check_slots;     // per suanpan.check call: Rule::lua_fn (fn checks), else -1
};

class PluginSet {
public:
    explicit PluginSet(const Limits& limits = {});
    ~PluginSet();

    // The shipped plugins, then extra_dirs, then SUANPAN_PLUGIN_PATH (':'-separated).
    static std::shared_ptr<PluginSet> load_default(const std::vector<std::string>& extra_dirs = {},
                                                   const Limits& limits = {});
    static std::string shipped_dir();  // SUANPAN_PLUGIN_DIR

    void add_dir(const std::string& dir);    // every *.lua below dir, in sorted path order
    void add_file(const std::string& path);  // one file (skipped when already loaded)
    void add_source(const std::string& display, std::string text);  // a file's text, e.g. from a test

    // Built-in functions plus one kPlugin definition per plugin function.
    std::shared_ptr<FunctionRegistry> registry() const;

    const std::vector<PluginFunction>& functions() const { return functions_; }
    const std::vector<check::Rule>& rules() const { return rules_; }
    const std::vector<PluginDiagnostic>& diagnostics() const { return diagnostics_; }
    const std::vector<PluginSource>& sources() const { return sources_; }
    const Limits& limits() const { return limits_; }
    int fn_check_count() const { return fn_checks_; }

private:
    class Loader;
    void load(PluginSource src);

    Limits limits_;
    std::unique_ptr<State> state_;
    std::vector<PluginSource> sources_;
    std::vector<PluginFunction> functions_;
    std::vector<check::Rule> rules_;
    std::vector<PluginDiagnostic> diagnostics_;
    std::vector<std::string> loaded_paths_;
    int fn_checks_ = 0;
};

// A state ready for plugin code: sandbox, `suanpan` table, views.
std::unique_ptr<State> new_plugin_state(const Limits& limits);
// Runs one source in its own environment (globals of one file do not leak into another).
// On failure returns false with the message ("file:line: …").
bool run_source(State& st, const PluginSource& src, std::string& error);

}  // namespace sp::lua
