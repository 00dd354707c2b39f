// bench_serve.cpp — the workbench's server time, measured through its HTTP API on loopback
// (an in-process sp::serve::Server, a cpp-httplib client). Built by the `bench` target; see
// docs/benchmarks.md ("Workbench (serve)").
//
//   bench_serve SUANPAN [SAMPLE.xlsx] [ROWS]   defaults: workbooks/samples/000_部门决算公开.xlsx, 100000
//
// 1. 1,000 edits of one input (C13 of 收入支出决算总表) of the 决算 sample: the server time the
//    edit reports (set value, incremental recalc, every applicable check, answer built) and the
//    client's round trip (plus HTTP and JSON).
// 2. A generated grid of ROWS rows whose 3×ROWS formulas all read A1: 20 edits of A1.
// 3. First screen of that grid (open + the first 100 rows of cells, what the page asks for
//    first) against `SUANPAN recalc` of the same file (a child process, wall time).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "lua/plugins.h"
#include "serve/server.h"
#include "xlsx/xlsx.h"

using namespace sp;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using nlohmann::json;

static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Stats {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    double pct(double p) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
    }
    double mean() const {
        double s = 0;
        for (double x : v) s += x;
        return s / double(v.size());
    }
};

static void generate_grid(int rows, const std::string& path) {
    Workbook wb;
    SheetId s = wb.add_sheet("Grid");
    Sheet& sh = wb.sheet(s);
    sh.set(0, 0, Value(2.0));
    sh.set(0, 1, Value::string("输入"));
    uint32_t p[3] = {wb.compile("=A2*$A$1", s, {1, 1}), wb.compile("=A2+$A$1", s, {1, 2}), wb.compile("=$A$1-A2", s, {1, 3})};
    for (int r = 1; r <= rows; ++r) {
        sh.set(r, 0, Value(double(r)));
        for (int k = 0; k < 3; ++k) wb.set_formula_program(s, {r, 1 + k}, p[k]);
    }
    xlsx::write_fresh(wb, path);
}

struct Running {
    serve::Server server;
    std::thread thread;
    explicit Running(serve::ServerOptions o) : server(std::move(o)) {
        if (!server.bind()) throw std::runtime_error("cannot bind");
        thread = std::thread([this] { server.run(); });
    }
    ~Running() {
        server.stop();
        thread.join();
    }
};

static json post(httplib::Client& c, const char* path, const json& body) {
    auto r = c.Post(path, body.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error(std::string(path) + ": " + (r ? r->body : "no answer"));
    return json::parse(r->body);
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_serve SUANPAN [SAMPLE.xlsx] [ROWS]\n");
        return 2;
    }
    std::string suanpan = argv[1];
    std::string sample = argc > 2 ? argv[2] : "workbooks/samples/000_部门决算公开.xlsx";
    int rows = argc > 3 ? std::atoi(argv[3]) : 100000;
    fs::path tmp = fs::temp_directory_path() / ("bench_serve_" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    fs::copy_file(sample, tmp / "决算.xlsx");
    auto plugins = lua::PluginSet::load_default();

    {  // 1. the 决算 sample
        serve::ServerOptions o;
        o.target = (tmp / "决算.xlsx").string();
        o.port = 0;
        o.plugins = plugins;
        Running run(o);
        httplib::Client c("127.0.0.1", run.server.port());
        post(c, "/api/open", {{"file", "决算.xlsx"}});
        Stats server, client, recalc, checks;
        size_t changed = 0, findings = 0;
        for (int i = 0; i < 1000; ++i) {
            auto t0 = Clock::now();
            json a = post(c, "/api/edit", {{"file", "决算.xlsx"}, {"sheet", "收入支出决算总表"}, {"cell", "C13"},
                                           {"value", std::to_string(200 + i % 100) + ".5"}});
            client.add(ms_since(t0));
            server.add(a["ms"].get<double>());
            changed = a["changed"].size();
            recalc.add(a["recalc_ms"].get<double>());
            checks.add(a["checks_ms"].get<double>());
            findings = a["findings"].size();
        }
        std::printf("决算 sample, 1000 edits of C13 (%zu cells changed, %zu findings, %zu rules):\n", changed, findings,
                    plugins->rules().size());
        std::printf("  server ms: mean %.2f  median %.2f  p95 %.2f  max %.2f\n", server.mean(), server.pct(0.5),
                    server.pct(0.95), server.pct(1.0));
        std::printf("  of which recalc median %.2f, checks median %.2f\n", recalc.pct(0.5), checks.pct(0.5));
        std::printf("  round trip ms: mean %.2f  median %.2f  p95 %.2f  max %.2f\n", client.mean(), client.pct(0.5),
                    client.pct(0.95), client.pct(1.0));
    }
    {  // 2 and 3. the generated grid
        fs::path grid = tmp / "grid.xlsx";
        generate_grid(rows, grid.string());
        auto t0 = Clock::now();
        std::string cmd = "'" + suanpan + "' recalc '" + grid.string() + "' -o '" + (tmp / "recalc.xlsx").string() + "' > /dev/null";
        if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "recalc failed\n");
        double recalc_ms = ms_since(t0);

        serve::ServerOptions o;
        o.target = grid.string();
        o.port = 0;
        o.plugins = plugins;
        Running run(o);
        httplib::Client c("127.0.0.1", run.server.port());
        c.set_read_timeout(120, 0);
        t0 = Clock::now();
        json book = post(c, "/api/open", {{"file", "grid.xlsx"}});
        double open_ms = ms_since(t0);
        auto r = c.Get("/api/cells?file=grid.xlsx&sheet=Grid&range=A1:L100");
        double first_ms = ms_since(t0);
        if (!r || r->status != 200) throw std::runtime_error("cells failed");
        std::printf("grid of %d rows, %d formulas reading A1 (%s):\n", rows, 3 * rows, grid.filename().c_str());
        std::printf("  first screen (open + first 100 rows of cells): %.0f ms (open %.0f ms); suanpan recalc: %.0f ms; ratio %.2f\n",
                    first_ms, open_ms, recalc_ms, first_ms / recalc_ms);
        Stats server, client, recalc;
        size_t total = 0;
        for (int i = 0; i < 20; ++i) {
            auto t1 = Clock::now();
            json a = post(c, "/api/edit", {{"file", "grid.xlsx"}, {"sheet", "Grid"}, {"cell", "A1"}, {"value", 3.0 + i},
                                           {"view", {{"sheet", "Grid"}, {"range", "A1:L60"}}}});
            client.add(ms_since(t1));
            server.add(a["ms"].get<double>());
            total = a["changed_total"].get<size_t>();
            recalc.add(a["recalc_ms"].get<double>());
        }
        std::printf("  20 edits of A1 (%zu cells changed each): server ms mean %.1f  median %.1f  max %.1f; round trip median %.1f\n",
                    total, server.mean(), server.pct(0.5), server.pct(1.0), client.pct(0.5));
        std::printf("  of which incremental recalc: median %.1f ms\n", recalc.pct(0.5));
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return 0;
}
