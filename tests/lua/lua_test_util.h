// lua_test_util.h — a workbook wired to a plugin set and a Lua runtime, for the Lua tests.
#pragma once
#include <memory>
#include <string>

#include "calc/calculator.h"
#include "core/address.h"
#include "formula/function.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "model/workbook.h"

namespace sp::test {

struct LuaBook {
    std::shared_ptr<lua::PluginSet> set;
    std::shared_ptr<FunctionRegistry> registry;
    std::unique_ptr<Workbook> wb;
    std::unique_ptr<lua::Runtime> rt;
    std::unique_ptr<Calculator> calc;
    SheetId sheet = 0;

    // source: an extra plugin file (as text, named test.lua); shipped: load plugins/ too.
    explicit LuaBook(const std::string& source, const lua::Limits& limits = {}, bool shipped = false) {
        set = std::make_shared<lua::PluginSet>(limits);
        if (shipped) set->add_dir(lua::PluginSet::shipped_dir());
        if (!source.empty()) set->add_source("test.lua", source);
        start();
    }
    explicit LuaBook(std::shared_ptr<lua::PluginSet> s) : set(std::move(s)) { start(); }

    void start() {
        registry = set->registry();
        wb = std::make_unique<Workbook>(registry.get());
        sheet = wb->add_sheet("Sheet1");
        rt = std::make_unique<lua::Runtime>(set);
        calc = std::make_unique<Calculator>(*wb);
        calc->set_host(&rt->host(), rt.get());
    }

    void put(const char* a1, const Value& v) { wb->set_value(sheet, *parse_cell(a1), v); }
    void formula(const char* a1, const std::string& f) { wb->set_formula(sheet, *parse_cell(a1), f); }
    Value get(const char* a1) const { return wb->get(sheet, *parse_cell(a1)); }
    void recalc() { calc->recalc_full(); }
    // Puts the formula in Z1000, recalculates, returns its value.
    Value eval(const std::string& f) {
        formula("Z1000", f);
        recalc();
        return get("Z1000");
    }
    std::string diagnostics() const {
        std::string out;
        for (const auto& d : wb->diagnostics()) out += d.message + "\n";
        return out;
    }
    std::string load_diagnostics() const {
        std::string out;
        for (const auto& d : set->diagnostics()) out += d.text() + "\n";
        return out;
    }
};

// A value as text for comparisons: strings as they are, anything else in <…> (never crashes).
inline std::string str(const Value& v) {
    return v.is_string() ? std::string(v.string()) : "<" + to_display(v) + ">";
}

inline bool is_err(const Value& v, Err e) { return v.is_error() && v.error() == e; }

}  // namespace sp::test
