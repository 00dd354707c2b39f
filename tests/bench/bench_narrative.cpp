// bench_narrative.cpp — the 说明 commands on the shipped 000 sample: opening + recalculating the
// workbook (once, as every command does), narrate (the 12 Lua section templates run against it in a
// fresh sandboxed state, Markdown and .docx rendered), and verify-text of the published seed 000
// text (read + decode, the templates' Document, locate/name/check 170 figures). Median and min of
// R runs after one warm-up. Built by the `bench` target; figures in docs/benchmarks.md (## 说明).
//
//   bench_narrative [R=50]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "narrative/generate.h"
#include "narrative/render.h"
#include "narrative/verify.h"
#include "xlsx/xlsx.h"

using namespace sp;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

static void report(const char* what, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::printf("%-44s median %7.2f ms   min %7.2f ms   (%zu runs)\n", what, v[v.size() / 2], v.front(), v.size());
}

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 50;
    std::string src = SUANPAN_PLUGIN_DIR "/..";
    std::string book = src + "/workbooks/samples/000_部门决算公开.xlsx";
    std::string text;
    for (auto& e : fs::directory_iterator(src + "/../shared/seeds"))
        if (e.path().filename().string().rfind("000_", 0) == 0) text = e.path().string();
    if (text.empty()) {
        std::fprintf(stderr, "no ../shared/seeds/000_*.txt\n");
        return 2;
    }
    auto plugins = lua::PluginSet::load_default();
    auto registry = plugins->registry();
    std::vector<double> open_t, narrate_t, docx_t, verify_t;
    xlsx::Document doc;
    std::unique_ptr<lua::Runtime> rt;
    std::unique_ptr<Calculator> calc;
    for (int i = 0; i <= runs; ++i) {
        auto t = Clock::now();
        xlsx::ReadOptions ro;
        ro.registry = registry.get();
        doc = xlsx::read(book, ro);
        rt = std::make_unique<lua::Runtime>(plugins);
        calc = std::make_unique<Calculator>(*doc.workbook);
        calc->set_host(&rt->host(), rt.get());
        calc->recalc_full();
        if (i) open_t.push_back(ms_since(t));
    }
    std::string out = (fs::temp_directory_path() / "bench_narrative.docx").string();
    size_t figures = 0, statements = 0;
    for (int i = 0; i <= runs; ++i) {
        auto t = Clock::now();
        narrative::Document d = narrative::generate(*doc.workbook, *plugins, {});
        std::string md = narrative::render_markdown(d);
        if (i) narrate_t.push_back(ms_since(t));
        figures = d.figures.size();
        t = Clock::now();
        narrative::write_docx(d, out);
        if (i) docx_t.push_back(ms_since(t));
        t = Clock::now();
        narrative::VerifyResult r = narrative::verify_file(text, *doc.workbook, *plugins);
        if (i) verify_t.push_back(ms_since(t));
        statements = r.statements.size();
    }
    fs::remove(out);
    std::printf("000_部门决算公开.xlsx; %zu figures generated; published 000 text: %zu figure statements\n", figures, statements);
    report("open + recalculate the workbook (once)", open_t);
    report("narrate: templates -> Document -> Markdown", narrate_t);
    report("narrate: Document -> .docx file", docx_t);
    report("verify-text: read text + templates + check", verify_t);
    return 0;
}
