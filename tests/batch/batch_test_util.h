// batch_test_util.h — what the batch tests share: a scratch folder under the build tree,
// the shipped samples, the shipped plugins (loaded once), and copies of a sample with
// edited cells, written through the patch writer like a submitter's Excel would save them.
#pragma once
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

namespace sp::batch::test {

namespace fs = std::filesystem;

inline fs::path samples_dir() { return fs::path(SP_SOURCE_DIR) / "workbooks" / "samples"; }
inline fs::path templates_dir() { return fs::path(SP_SOURCE_DIR) / "workbooks" / "templates"; }
inline fs::path sample(const std::string& name) { return samples_dir() / name; }

// A fresh, empty folder per test name.
inline fs::path scratch(const std::string& name) {
    fs::path p = fs::path(SP_BINARY_DIR) / "test-batch-scratch" / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

inline std::shared_ptr<lua::PluginSet> shipped_plugins() {
    static std::shared_ptr<lua::PluginSet> set = lua::PluginSet::load_default();
    return set;
}

struct Edit {
    std::string cell;  // "'收入支出决算总表'!C6"
    Value value;
};

// Copies src to dst with cells changed. recalc: recompute formulas before saving (a consistent
// submission); otherwise formula cells keep the cached values of src (stale where the edit matters).
// Editing a formula cell with recalc=false replaces only its cached value: the formula stays.
inline void write_variant(const fs::path& src, const fs::path& dst, const std::vector<Edit>& edits, bool recalc) {
    auto plugins = shipped_plugins();
    auto registry = plugins->registry();
    xlsx::ReadOptions ro;
    ro.registry = registry.get();
    xlsx::Document doc = xlsx::read(src.string(), ro);
    Workbook& wb = *doc.workbook;
    for (const Edit& e : edits) {
        auto c = wb.resolve_cell(e.cell);
        if (!c) throw std::runtime_error("no cell " + e.cell);
        if (wb.sheet(c->sheet).formula_at(c->cell.row, c->cell.col) != kNoFormula) wb.sheet(c->sheet).set(c->cell.row, c->cell.col, e.value);
        else wb.set_value(c->sheet, c->cell, e.value);
    }
    if (recalc) {
        lua::Runtime rt(plugins);
        Calculator calc(wb);
        calc.set_host(&rt.host(), &rt);
        calc.recalc_full();
    }
    xlsx::write_patched(doc, dst.string());
}

inline void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary);
    f << bytes;
}

inline std::string read_bytes(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace sp::batch::test
