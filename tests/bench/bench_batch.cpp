// bench_batch.cpp — the batch at scale. Generates N distinct 部门决算公开 submissions from one
// template (workbooks/samples/000_部门决算公开.xlsx, 575 formulas, its cached values computed):
// the numeric input cells of every sheet are patched in the sheet XML (a third of them scaled by
// 0.5–1.5 per file, so figures differ and many checks fail) while the formulas keep the
// template's cached values — stale, as when a unit's tool saves without recalculating — and 1 %
// are cut short (unreadable). Writing is byte patching + libdeflate level 1 + raw copies of the
// other parts (~0.3 ms a file). Then, each in its own child process so that peak RSS (wait4) is
// its own: `batch` of the first 100 files and of all N, with -j 1 and -j J — collect inputs, read
// + recalculate + check (the 114 shipped rules) + detail pages + workbooks.jsonl, then report.json/
// html/xlsx from the stream. Built by the `bench` target; figures in docs/benchmarks.md (## Batch).
//
//   bench_batch [N=10000] [J=2]        BENCH_KEEP=1 keeps the generated folder; BENCH_NO_DETAIL=1
//                                      skips the detail pages; BENCH_ONLY_J=1 skips the -j 1 run
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
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
#include "batch/report_stream.h"
#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"
#include "xlsx/zip_reader.h"
#include "xlsx/zip_writer.h"

using namespace sp;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A worksheet's XML cut around the values of its numeric constant cells.
struct Patchable {
    std::vector<std::string> pieces;  // pieces.size() == values.size() + 1
    std::vector<double> values;
};

static Patchable cut(const std::string& x) {
    Patchable p;
    size_t from = 0, i = 0;
    while ((i = x.find("<c ", i)) != std::string::npos) {
        size_t tag_end = x.find('>', i);
        if (tag_end == std::string::npos) break;
        if (x[tag_end - 1] == '/') {
            i = tag_end;
            continue;
        }
        size_t end = x.find("</c>", tag_end);
        std::string_view tag(x.data() + i, tag_end - i), body(x.data() + tag_end, end - tag_end);
        bool text = tag.find(" t=\"") != std::string_view::npos && tag.find(" t=\"n\"") == std::string_view::npos;
        size_t v = body.find("<v>");
        if (!text && body.find("<f") == std::string_view::npos && v != std::string_view::npos) {
            size_t a = tag_end + v + 3, b = x.find("</v>", a);
            char* stop = nullptr;
            double d = std::strtod(x.c_str() + a, &stop);
            if (stop == x.c_str() + b) {
                p.pieces.push_back(x.substr(from, a - from));
                p.values.push_back(d);
                from = b;
            }
        }
        i = end;
    }
    p.pieces.push_back(x.substr(from));
    return p;
}

struct RunFigures {
    double seconds = 0, batch = 0, reports = 0, cpu = 0, rss_mb = 0;
    size_t workbooks = 0;
};

// In a child: the batch over `files` with `jobs` threads into out; figures through a pipe.
static RunFigures run_child(const std::vector<std::string>& files, unsigned jobs, const fs::path& out) {
    int fd[2];
    if (pipe(fd) != 0) std::exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);  // as `suanpan batch` does (cmd_batch.cpp)
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        auto t0 = Clock::now();
        auto plugins = lua::PluginSet::load_default();
        auto inputs = batch::collect_inputs(files);
        batch::BatchOptions opt;
        opt.jobs = jobs;
        opt.out_dir = out.string();
        opt.detail_pages = !std::getenv("BENCH_NO_DETAIL");  // to see what the pages cost
        batch::ReportBuilder reports(out.string());
        opt.reports = &reports;
        batch::BatchResult res = batch::run_batch(inputs, plugins, plugins->rules(), opt);
        double t_batch = since(t0);
        auto t1 = Clock::now();
        batch::BatchMeta meta;
        meta.generated = batch::now_text();
        meta.rules = plugins->rules().size();
        meta.shards.push_back({"1/1", res.stats.workbooks, res.stats.jobs, res.stats.seconds, meta.generated, ""});
        reports.finish(meta);
        RunFigures f;
        f.reports = since(t1);
        f.seconds = since(t0);
        f.batch = t_batch;
        f.workbooks = inputs.size();
        if (write(fd[1], &f, sizeof f) != sizeof f) _exit(1);
        _exit(0);
    }
    close(fd[1]);
    RunFigures f;
    if (read(fd[0], &f, sizeof f) != sizeof f) std::fprintf(stderr, "child failed\n");
    close(fd[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    f.cpu = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    f.rss_mb = double(ru.ru_maxrss) / 1024;
    return f;
}

int main(int argc, char** argv) {
    size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
    unsigned jobs = argc > 2 ? unsigned(std::strtoul(argv[2], nullptr, 10)) : 2;
    fs::path src = fs::path(SUANPAN_PLUGIN_DIR).parent_path() / "workbooks" / "samples" / "000_部门决算公开.xlsx";
    fs::path work = fs::temp_directory_path() / ("suanpan-bench-batch-" + std::to_string(::getpid()));
    fs::path in = work / "in";
    fs::create_directories(in);

    // --- the template: the sample with its cached values computed -------------------
    fs::path tpl = work / "template.xlsx";
    {
        auto plugins = lua::PluginSet::load_default();
        auto registry = plugins->registry();
        xlsx::ReadOptions ro;
        ro.registry = registry.get();
        xlsx::Document doc = xlsx::read(src.string(), ro);
        lua::Runtime rt(plugins);
        Calculator calc(*doc.workbook);
        calc.set_host(&rt.host(), &rt);
        calc.recalc_full();
        xlsx::write_patched(doc, tpl.string());
    }
    auto bytes = xlsx::read_file_bytes(tpl.string());
    xlsx::ZipReader zip(bytes, tpl.string());
    struct Part {
        const xlsx::ZipEntry* entry;
        bool patch;
        Patchable cut;
    };
    std::vector<Part> parts;
    size_t inputs_per_file = 0;
    for (const auto& e : zip.entries()) {
        bool sheet = e.name.rfind("xl/worksheets/sheet", 0) == 0;
        Part p{&e, sheet, {}};
        if (sheet) {
            xlsx::Bytes b = zip.inflate(e, false);
            p.cut = cut(std::string(b.data.get(), b.size));
            inputs_per_file += p.cut.values.size();
        }
        parts.push_back(std::move(p));
    }

    // --- generate -------------------------------------------------------------------
    auto t0 = Clock::now();
    std::mt19937 rng(20240601);
    std::uniform_real_distribution<double> scale(0.5, 1.5);
    std::uniform_int_distribution<int> pick(0, 2);
    uint64_t total_bytes = 0;
    std::vector<std::string> files;
    std::string xml;
    char num[32];
    for (size_t i = 0; i < n; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "unit%05zu_部门决算公开.xlsx", i);
        fs::path dst = in / name;
        files.push_back(dst.string());
        if (i % 100 == 99) {  // 1 %: a truncated upload
            std::ofstream(dst, std::ios::binary).write(bytes->data(), std::streamsize(bytes->size() / 3));
            continue;
        }
        FILE* f = std::fopen(dst.string().c_str(), "wb");
        {
            xlsx::ZipWriter w(f, dst.string());
            for (const Part& p : parts) {
                const auto& e = *p.entry;
                if (!p.patch) {
                    w.add_raw(e.name, e.method, e.crc, e.size, zip.raw(e), e.mtime);
                    continue;
                }
                xml.clear();
                for (size_t k = 0; k < p.cut.values.size(); ++k) {
                    xml += p.cut.pieces[k];
                    double v = p.cut.values[k];
                    if (i > 0 && pick(rng) == 0 && std::fabs(v) >= 1 && std::fabs(v) < 1e7 && v != std::floor(v))
                        v = std::round(v * scale(rng) * 100) / 100;  // money, not years or codes
                    std::snprintf(num, sizeof num, "%.15g", v);
                    xml += num;
                }
                xml += p.cut.pieces.back();
                w.add(e.name, xlsx::deflate_part(xml, 1), e.mtime);
            }
            w.finish();
        }
        std::fclose(f);
        total_bytes += fs::file_size(dst);
    }
    double gen = since(t0);
    std::printf("generated %zu workbooks from one template (%zu formulas cached, %zu numeric inputs patched per file; "
                "1 %% truncated; %.1f MB) in %.2f s\n",
                n, size_t(575), inputs_per_file, double(total_bytes) / 1e6, gen);

    // --- runs, each in its own process ----------------------------------------------------
    std::vector<std::string> first(files.begin(), files.begin() + std::min<size_t>(100, n));
    auto show = [&](const char* what, unsigned j, const RunFigures& f) {
        std::printf("%-6s -j %u: %6zu workbooks  total %7.2f s = %6.1f workbooks/s  (batch %.2f s, reports %.2f s)  "
                    "cpu %.2f s = %.2f ms/workbook  peak RSS %.1f MB\n",
                    what, j, f.workbooks, f.seconds, double(f.workbooks) / f.seconds, f.batch, f.reports, f.cpu,
                    f.cpu * 1000 / double(std::max<size_t>(1, f.workbooks)), f.rss_mb);
        std::fflush(stdout);
    };
    RunFigures small = run_child(first, jobs, work / "out100");
    show("first", jobs, small);
    RunFigures all_j = run_child({in.string()}, jobs, work / "outN");
    show("all", jobs, all_j);
    RunFigures all_1 = all_j;
    if (!std::getenv("BENCH_ONLY_J")) {
        all_1 = run_child({in.string()}, 1, work / "outN1");
        show("all", 1, all_1);
    }
    std::printf("speed-up -j %u / -j 1: %.2fx; peak RSS %zu / 100 workbooks: %.2fx\n", jobs, all_1.seconds / all_j.seconds,
                n, all_j.rss_mb / small.rss_mb);
    auto sz = [&](const char* f) { return double(fs::file_size(work / "outN" / f)) / 1e6; };
    std::printf("reports of %zu: report.html %.2f MB, report.json %.3f MB, report.xlsx %.1f MB, workbooks.jsonl %.1f MB\n", n,
                sz("report.html"), sz("report.json"), sz("report.xlsx"), sz("workbooks.jsonl"));
    if (!std::getenv("BENCH_KEEP")) fs::remove_all(work);
    else std::printf("kept %s\n", work.string().c_str());
    return 0;
}
