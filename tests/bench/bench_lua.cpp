// bench_lua.cpp — cost of a Lua plugin call in a formula against built-in equivalents:
// N formula cells (default 1,000,000) =双倍(A{r}) with 双倍 = `return x * 2`, against
// =A{r}*2 and =ABS(A{r}); plus a shipped two-argument plugin. Reports full-recalc times.
// Usage: bench_lua [cells] [repeats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "model/workbook.h"

using namespace sp;

namespace {

struct Result {
    std::string label;
    double seconds;
    double check;
};

// Builds N rows: A = r, B = r + 1, C = the formula; recalculates `repeats` times, keeps the best.
Result run(const std::string& label, const std::string& shape, int n, int repeats,
           const std::shared_ptr<lua::PluginSet>& set) {
    auto reg = set->registry();
    Workbook wb(reg.get());
    SheetId s = wb.add_sheet("Sheet1");
    for (int r = 0; r < n; ++r) {
        wb.set_value(s, CellAddr{r, 0}, Value(double(r + 1)));
        wb.set_value(s, CellAddr{r, 1}, Value(double(r + 2)));
    }
    for (int r = 0; r < n; ++r) {
        std::string f = shape;
        std::string row = std::to_string(r + 1);
        for (size_t p; (p = f.find("{r}")) != std::string::npos;) f.replace(p, 3, row);
        wb.set_formula(s, CellAddr{r, 2}, f);
    }
    lua::Runtime rt(set);
    Calculator calc(wb);
    calc.set_host(&rt.host(), &rt);
    double best = 1e30;
    for (int k = 0; k < repeats; ++k) {
        auto t0 = std::chrono::steady_clock::now();
        calc.recalc_full();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    Value last = wb.get(s, CellAddr{n - 1, 2});
    return {label, best, last.is_number() ? last.number() : -1};
}

}  // namespace

int main(int argc, char** argv) {
    int n = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    auto set = std::make_shared<lua::PluginSet>();
    set->add_dir(lua::PluginSet::shipped_dir());
    set->add_source("bench.lua", R"(suanpan.func{ name = "双倍", params = {"x"}, fn = function(x) return x * 2 end })");
    for (const auto& d : set->diagnostics()) std::fprintf(stderr, "%s\n", d.text().c_str());

    std::vector<Result> results = {
        run("=A{r}*2 (operator)", "=A{r}*2", n, repeats, set),
        run("=ABS(A{r}) (built-in function)", "=ABS(A{r})", n, repeats, set),
        run("=双倍(A{r}) (Lua: return x * 2)", "=双倍(A{r})", n, repeats, set),
        run("=(B{r}-A{r})/A{r} (operators)", "=(B{r}-A{r})/A{r}", n, repeats, set),
        run("=预决算差异率(A{r},B{r}) (shipped Lua)", "=预决算差异率(A{r},B{r})", n, repeats, set),
    };
    std::printf("%d formula cells, best of %d full recalcs\n", n, repeats);
    for (const auto& r : results)
        std::printf("  %8.3f s  %7.1f ns/cell  %s  (last = %g)\n", r.seconds, r.seconds * 1e9 / n, r.label.c_str(),
                    r.check);
    std::printf("Lua one-liner / ABS: %.2fx   Lua one-liner / operator: %.2fx   预决算差异率 / operators: %.2fx\n",
                results[2].seconds / results[1].seconds, results[2].seconds / results[0].seconds,
                results[4].seconds / results[3].seconds);
    return 0;
}
