// plugins.cpp — plugin discovery, declaration loading, clash detection, and the
// registry of built-ins + plugin functions. A file that raises while loading is
// reported with file:line and contributes nothing; a function whose name clashes
// with a built-in or an earlier plugin is rejected with a message naming both.
#include "lua/plugins.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/messages.h"
#include "formula/function.h"
#include "lua/lockdown.h"
#include "lua/range_view.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#ifndef SUANPAN_PLUGIN_DIR
#define SUANPAN_PLUGIN_DIR "plugins"
#endif

namespace fs = std::filesystem;

namespace sp::lua {

std::string PluginDiagnostic::text() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    return out + ": " + message;
}

std::unique_ptr<State> new_plugin_state(const Limits& limits) {
    auto st = std::make_unique<State>(limits);
    st->begin_call();
    Unmetered engine_code(*st);
    open_api(st->L());
    lua_State* L = st->L();
    lua_pushcfunction(L, [](lua_State* L) -> int {
        open_views(L);
        return 0;
    });
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) throw std::runtime_error("lua: views: " + error_message(L));
    lock_down(L);  // from here on no plugin can change the shared tables (lockdown.h)
    return st;
}

namespace {

struct SourceFrame {
    const PluginSource* src;
    std::string chunk;
};

// [frame]: compiles the text, gives it its own _ENV (a table reading the shared
// globals through __index) and runs it — all protected, so memory errors stay Lua errors.
int source_trampoline(lua_State* L) {
    const SourceFrame& f = *static_cast<const SourceFrame*>(lua_touserdata(L, 1));
    if (luaL_loadbufferx(L, f.src->text.data(), f.src->text.size(), f.chunk.c_str(), "t") != LUA_OK)
        return lua_error(L);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushglobaltable(L);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setupvalue(L, -2, 1);
    lua_call(L, 0, 0);
    return 0;
}

}  // namespace

bool run_source(State& st, const PluginSource& src, std::string& error) {
    lua_State* L = st.L();
    int top = lua_gettop(L);
    st.begin_call();
    SourceFrame frame{&src, "@" + src.display};
    lua_pushcfunction(L, source_trampoline);
    lua_pushlightuserdata(L, &frame);
    st.loading = true;
    int status = lua_pcall(L, 1, 0, 0);
    st.loading = false;
    seal_published(L);
    if (status != LUA_OK) error = status == LUA_ERRMEM ? src.display + ": memory limit exceeded while loading"
                                                      : error_message(L);
    lua_settop(L, top);
    return status == LUA_OK;
}

// Collects the declarations of the file being loaded.
class PluginSet::Loader : public ApiHost {
public:
    std::vector<PluginFunction> funcs;
    std::vector<check::Rule> checks;
    std::string file;
    void on_func(lua_State*, FuncDecl&& d, int) override { funcs.push_back({std::move(d), file}); }
    void on_check(lua_State*, check::Rule&& r, int fn) override {
        r.origin = file + ":" + r.origin;
        r.lua_fn = fn ? 0 : -1;  // marks fn checks; the real index is given at commit
        checks.push_back(std::move(r));
    }
    void on_fail(lua_State* L, int) override { luaL_error(L, "suanpan.fail can only be called while a check runs"); }
};

PluginSet::PluginSet(const Limits& limits) : limits_(limits), state_(new_plugin_state(limits)) {}
PluginSet::~PluginSet() = default;

std::string PluginSet::shipped_dir() { return SUANPAN_PLUGIN_DIR; }

std::shared_ptr<PluginSet> PluginSet::load_default(const std::vector<std::string>& extra_dirs, const Limits& limits) {
    auto set = std::make_shared<PluginSet>(limits);
    set->add_dir(shipped_dir());
    for (const auto& d : extra_dirs) set->add_dir(d);
    if (const char* env = std::getenv("SUANPAN_PLUGIN_PATH")) {
        std::string path = env;
        size_t start = 0;
        while (start <= path.size()) {
            size_t end = path.find(':', start);
            if (end == std::string::npos) end = path.size();
            std::string entry = path.substr(start, end - start);
            if (!entry.empty()) {
                std::error_code ec;
                if (fs::is_directory(entry, ec)) set->add_dir(entry);
                else set->add_file(entry);
            }
            start = end + 1;
        }
    }
    return set;
}

void PluginSet::add_dir(const std::string& dir) {
    std::error_code ec;
    fs::path root(dir);
    if (!fs::is_directory(root, ec)) {
        diagnostics_.push_back({dir, 0, msg::text("lua.no_plugin_dir")});
        return;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".lua") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
        return a.lexically_relative(root).generic_string() < b.lexically_relative(root).generic_string();
    });
    std::string base = fs::weakly_canonical(root, ec).filename().generic_string();
    if (base.empty()) base = root.filename().generic_string();
    for (const auto& f : files) {
        std::string canon = fs::weakly_canonical(f, ec).generic_string();
        if (std::find(loaded_paths_.begin(), loaded_paths_.end(), canon) != loaded_paths_.end()) continue;
        loaded_paths_.push_back(canon);
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        PluginSource src;
        src.path = f.string();
        src.display = base + "/" + f.lexically_relative(root).generic_string();
        src.text = ss.str();
        if (!in) {
            diagnostics_.push_back({src.display, 0, msg::text("lua.cannot_read")});
            continue;
        }
        load(std::move(src));
    }
}

void PluginSet::add_file(const std::string& path) {
    std::error_code ec;
    fs::path p(path);
    std::string canon = fs::weakly_canonical(p, ec).generic_string();
    if (std::find(loaded_paths_.begin(), loaded_paths_.end(), canon) != loaded_paths_.end()) return;
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        diagnostics_.push_back({path, 0, msg::text("lua.cannot_read")});
        return;
    }
    loaded_paths_.push_back(canon);
    std::stringstream ss;
    ss << in.rdbuf();
    PluginSource src;
    src.path = path;
    src.display = p.parent_path().filename().generic_string() + "/" + p.filename().generic_string();
    src.text = ss.str();
    load(std::move(src));
}

void PluginSet::add_source(const std::string& display, std::string text) {
    PluginSource src;
    src.display = display;
    src.text = std::move(text);
    load(std::move(src));
}

namespace {

// "plugins/x.lua:12: message" -> 12 (0 when the message does not start with the file).
int line_of(const std::string& msg, const std::string& file, std::string& rest) {
    rest = msg;
    if (msg.compare(0, file.size(), file) != 0 || msg.size() <= file.size() || msg[file.size()] != ':') return 0;
    size_t i = file.size() + 1;
    int line = 0;
    while (i < msg.size() && std::isdigit(static_cast<unsigned char>(msg[i]))) line = line * 10 + (msg[i++] - '0');
    if (i < msg.size() && msg[i] == ':') ++i;
    while (i < msg.size() && msg[i] == ' ') ++i;
    rest = msg.substr(i);
    return line;
}

}  // namespace

void PluginSet::load(PluginSource src) {
    Loader loader;
    loader.file = src.display;
    state_->api = &loader;
    std::string err;
    src.ok = run_source(*state_, src, err);
    state_->api = nullptr;
    if (!src.ok) {
        std::string rest;
        int line = line_of(err, src.display, rest);
        diagnostics_.push_back({src.display, line, msg::text("lua.cannot_load", {rest})});
        sources_.push_back(std::move(src));
        return;
    }
    const FunctionRegistry& builtins = FunctionRegistry::builtins();
    for (auto& f : loader.funcs) {
        std::string key = FunctionRegistry::canonical(f.decl.name);
        int slot = -1;
        if (const FunctionDef* b = builtins.find(key)) {
            diagnostics_.push_back({f.file, f.decl.line,
                                    msg::text("lua.clashes_builtin", {f.decl.name, f.origin(), b->name, b->family})});
        } else {
            auto it = std::find_if(functions_.begin(), functions_.end(), [&](const PluginFunction& g) {
                return FunctionRegistry::canonical(g.decl.name) == key;
            });
            if (it != functions_.end()) {
                diagnostics_.push_back({f.file, f.decl.line,
                                        msg::text("lua.clashes", {f.decl.name, f.origin(), it->decl.name, it->origin()})});
            } else {
                slot = int(functions_.size());
                functions_.push_back(std::move(f));
            }
        }
        src.function_slots.push_back(slot);
    }
    for (auto& r : loader.checks) {
        int slot = -1;
        auto it = std::find_if(rules_.begin(), rules_.end(), [&](const check::Rule& g) { return g.id == r.id; });
        if (it != rules_.end()) {
            diagnostics_.push_back({src.display, 0, msg::text("lua.check_declared_twice", {r.id, r.origin, it->origin})});
        } else {
            if (r.lua_fn >= 0) r.lua_fn = slot = fn_checks_++;
            rules_.push_back(std::move(r));
        }
        src.check_slots.push_back(slot);
    }
    sources_.push_back(std::move(src));
}

std::shared_ptr<FunctionRegistry> PluginSet::registry() const {
    auto reg = std::make_shared<FunctionRegistry>(FunctionRegistry::builtins());
    for (size_t i = 0; i < functions_.size(); ++i) {
        const FuncDecl& d = functions_[i].decl;
        FunctionDef def;
        def.name = d.name;
        def.min_args = d.min_args;
        def.max_args = d.max_args;
        def.flags = uint32_t(kPlugin) | (d.is_volatile ? uint32_t(kVolatile) : 0u);
        def.family = functions_[i].file;
        def.description = d.doc;
        def.plugin_index = int(i);
        def.params = d.params;
        def.excel_form = d.excel;
        reg->add(std::move(def));
    }
    return reg;
}

}  // namespace sp::lua
