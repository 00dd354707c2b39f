// bench_batch.cpp — the batch machinery on many submissions: generates N workbooks from the
// shipped samples, saved through the patch writer with recalculated cached values as Excel
// would save them: 70 % as the sample, 25 % with input values changed (most then fail a
// check), 4 % changed after the recalculation (stale cached values), 1 % truncated. Then
// times collect_inputs + run_batch with -j J + writing report.json/html/xlsx.
// Built by the `bench` target; figures in docs/benchmarks.md (## Batch).
//
//   bench_batch [N=1000] [J=2]        BENCH_KEEP=1 keeps the generated folder
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "batch/batch.h"
#include "batch/inputs.h"
#include "batch/report_batch.h"
#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

using namespace sp;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Scales a third of the numeric constant cells by 0.5..1.5 (two decimals), like another unit's figures.
static void perturb(Workbook& wb, std::mt19937& rng) {
    std::uniform_real_distribution<double> scale(0.5, 1.5);
    std::uniform_int_distribution<int> pick(0, 2);
    for (SheetId s = 0; s < wb.sheet_count(); ++s) {
        Sheet& sh = wb.sheet(s);
        auto used = sh.used_range();
        if (!used) continue;
        std::vector<std::pair<CellAddr, double>> edits;
        sh.for_each(*used, [&](int32_t r, int32_t c, const CellView& v) {
            if (v.type != Type::Number || sh.formula_at(r, c) != kNoFormula || r < 5) return;  // r < 5: headers, years
            if (pick(rng) == 0) edits.push_back({{r, c}, std::round(v.num * scale(rng) * 100) / 100});
        });
        for (auto& [cell, value] : edits) wb.set_value(s, cell, Value(value));
    }
}

int main(int argc, char** argv) {
    size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
    unsigned jobs = argc > 2 ? unsigned(std::strtoul(argv[2], nullptr, 10)) : 2;
    fs::path samples = fs::path(SUANPAN_PLUGIN_DIR).parent_path() / "workbooks" / "samples";
    fs::path work = fs::temp_directory_path() / ("suanpan-bench-batch-" + std::to_string(::getpid()));
    fs::path in = work / "in", out = work / "out";
    fs::create_directories(in);

    std::vector<fs::path> sources;
    for (auto& e : fs::directory_iterator(samples))
        if (e.path().extension() == ".xlsx") sources.push_back(e.path());
    std::sort(sources.begin(), sources.end());
    if (sources.empty()) {
        std::fprintf(stderr, "no samples in %s\n", samples.string().c_str());
        return 1;
    }

    auto plugins = lua::PluginSet::load_default();
    auto registry = plugins->registry();
    xlsx::ReadOptions ro;
    ro.registry = registry.get();

    // --- generate -----------------------------------------------------------------
    auto t0 = Clock::now();
    std::mt19937 rng(20240601);
    lua::Runtime rt(plugins);
    size_t stale = 0, broken = 0;
    uint64_t bytes = 0;
    for (size_t i = 0; i < n; ++i) {
        const fs::path& src = sources[i % sources.size()];
        char name[64];
        std::snprintf(name, sizeof name, "unit%04zu_", i);
        fs::path dst = in / (name + src.filename().string());
        if (i % 100 == 99) {  // 1 %: a truncated upload
            std::ifstream f(src, std::ios::binary);
            std::string b((std::istreambuf_iterator<char>(f)), {});
            std::ofstream(dst, std::ios::binary) << b.substr(0, b.size() / 3);
            ++broken;
            continue;
        }
        xlsx::Document doc = xlsx::read(src.string(), ro);
        size_t kind = i % 100;                         // 0..98: 99 is the truncated one
        if (kind < 25) perturb(*doc.workbook, rng);    // other figures
        Calculator calc(*doc.workbook);
        calc.set_host(&rt.host(), &rt);
        calc.recalc_full();
        if (kind >= 25 && kind < 29) {                 // edited after Excel last calculated
            perturb(*doc.workbook, rng);
            ++stale;
        }
        xlsx::write_patched(doc, dst.string());
        bytes += fs::file_size(dst);
    }
    double gen = since(t0);
    std::printf("generated %zu workbooks from %zu samples (%zu stale, %zu truncated, %.1f MB) in %.1f s\n", n,
                sources.size(), stale, broken, double(bytes) / 1e6, gen);

    // --- batch: collect, recalc + check in parallel, reports ------------------------
    mallopt(M_TRIM_THRESHOLD, 256 << 20);  // as `suanpan batch` does (cmd_batch.cpp)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    rusage ru0{};
    getrusage(RUSAGE_SELF, &ru0);
    t0 = Clock::now();
    auto inputs = batch::collect_inputs({in.string()});
    batch::BatchOptions opt;
    opt.jobs = jobs;
    batch::BatchResult res = batch::run_batch(inputs, plugins, plugins->rules(), opt);
    double t_batch = since(t0);
    auto t1 = Clock::now();
    batch::BatchMeta meta;
    meta.generated = batch::now_text();
    meta.rules = plugins->rules().size();
    meta.shards.push_back({"1/1", res.stats.workbooks, res.stats.jobs, res.stats.seconds, meta.generated, ""});
    auto paths = batch::write_batch_reports(out.string(), res.reports, meta);
    double t_reports = since(t1), total = since(t0);

    size_t by[5] = {}, findings = 0, stale_cells = 0;
    for (auto& r : res.reports) {
        ++by[size_t(r.status)];
        findings += r.findings.size();
        stale_cells += r.stale.size();
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("batch -j %u: %zu workbooks, %zu rules: %zu passed, %zu info, %zu warnings, %zu failed, %zu unreadable; "
                "%zu findings, %zu stale cells\n",
                res.stats.jobs, inputs.size(), plugins->rules().size(), by[0], by[1], by[2], by[3], by[4], findings,
                stale_cells);
    std::printf("  read+recalc+check %.2f s (cpu %.2f s in workers), reports %.2f s (json %.1f MB, html %.1f MB)\n",
                t_batch, res.stats.cpu_seconds, t_reports, double(fs::file_size(paths.json)) / 1e6,
                double(fs::file_size(paths.html)) / 1e6);
    auto cpu = [](const rusage& r) {
        return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) + double(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
    };
    double cpu_s = cpu(ru) - cpu(ru0);
    std::printf("  total %.2f s = %.1f workbooks/s   cpu (user+sys) %.2f s = %.2f ms/workbook   peak RSS %.0f MB\n",
                total, double(inputs.size()) / total, cpu_s, cpu_s * 1000 / double(inputs.size()),
                double(ru.ru_maxrss) / 1024);
    if (!std::getenv("BENCH_KEEP")) fs::remove_all(work);
    else std::printf("  kept %s\n", work.string().c_str());
    return 0;
}
