// batch.cpp — the parallel batch run (see batch.h). A fixed pool of -j N std::threads
// pulls input indexes from an atomic counter: workbooks are independent and of uneven
// size, so work stealing by index balances them without a task library. Each thread
// builds its own Lua runtime once (loading plugins is the costly part) and reuses it.
#include "batch/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "calc/calculator.h"
#include "check/check_file.h"
#include "check/runner.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

namespace sp::batch {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A circular reference is not a failed identity but the reviewer must see it: its cells
// show #CYCLE! here and 0 in Excel. Workbooks that allow iteration get a note only.
check::Finding cycle_finding(const Workbook& wb, const CycleReport& c) {
    check::Finding f;
    f.rule_id = "CYCLE";
    f.severity = c.iterated ? check::Severity::Info : check::Severity::Warning;
    std::string cells;
    for (size_t i = 0; i < c.cells.size() && i < 10; ++i)
        cells += (i ? "、" : "") + wb.where(c.cells[i].sheet, c.cells[i].cell);
    if (c.cells.size() > 10) cells += " 等";
    f.message = std::string(c.iterated ? "循环引用（按迭代计算求解）" : "循环引用") + "，涉及 " +
                std::to_string(c.cells.size()) + " 个单元格：" + cells;
    if (!c.cells.empty()) {
        f.sheet = wb.sheet(c.cells[0].sheet).name();
        f.cell = cell_text(c.cells[0].cell);
    }
    return f;
}

void write_recalculated(const xlsx::Document& doc, const Input& in, const BatchOptions& opt, std::string* error) {
    namespace fs = std::filesystem;
    fs::path out = fs::path(opt.recalculated_dir) / fs::u8path(in.out_name);
    try {
        fs::create_directories(out.parent_path());
        xlsx::WriteStats ws = xlsx::write_patched(doc, out.string());
        if (ws.cells_not_written) spdlog::info("{}: {} cells not written (no <c> in the sheet XML)", in.path, ws.cells_not_written);
    } catch (const std::exception& e) {
        if (error) *error = out.string() + ": " + e.what();
    }
}

}  // namespace

check::WorkbookReport process_workbook(const Input& in, const std::vector<check::Rule>& rules, lua::Runtime* rt,
                                       const FunctionRegistry* registry, const BatchOptions& opt,
                                       std::string* write_error) {
    check::WorkbookReport r;
    r.path = in.path;
    auto t0 = Clock::now();
    xlsx::Document doc;
    try {
        xlsx::ReadOptions ro;
        ro.limits = opt.limits;
        ro.registry = registry;
        doc = xlsx::read(in.path, ro);
    } catch (const std::exception& e) {  // xlsx::Error, and bad_alloc or worse on a hostile file
        r.error = e.what();
        r.seconds = since(t0);
        r.finish();
        return r;
    }
    bool checked = false;
    try {
        Workbook& wb = *doc.workbook;
        Calculator calc(wb);
        if (rt) calc.set_host(&rt->host(), rt);
        calc.record_changes(true);
        calc.recalc_full();
        r.stale = check::stale_values(wb, calc, opt.max_stale);
        check::FnCheck fn;
        if (rt) fn = [rt](const check::Rule& rule, Workbook& w, Calculator& c) { return rt->run_check(rule, w, c); };
        check::RunStats st;
        r.findings = check::run_checks(rules, wb, calc, fn, &st);
        r.rules_applied = st.applied;
        for (const CycleReport& c : calc.cycles()) r.findings.push_back(cycle_finding(wb, c));
        checked = true;
    } catch (const std::exception& e) {
        r.error = std::string("检查时出错：") + e.what();
    }
    if (checked && !opt.recalculated_dir.empty()) write_recalculated(doc, in, opt, write_error);
    r.seconds = since(t0);
    r.finish();
    return r;
}

BatchResult run_batch(const std::vector<Input>& inputs, std::shared_ptr<const lua::PluginSet> plugins,
                      const std::vector<check::Rule>& rules, const BatchOptions& opt) {
    auto t0 = Clock::now();
    BatchResult res;
    res.reports.resize(inputs.size());
    std::vector<std::string> write_errors(inputs.size());
    std::shared_ptr<FunctionRegistry> registry = plugins ? plugins->registry() : nullptr;

    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = unsigned(std::min<size_t>(jobs, std::max<size_t>(1, inputs.size())));
    std::atomic<size_t> next{0};
    size_t done = 0;
    std::mutex progress_mu;

    auto worker = [&] {
        std::unique_ptr<lua::Runtime> rt;
        if (plugins) {
            try {
                rt = std::make_unique<lua::Runtime>(plugins);
            } catch (const std::exception& e) {
                spdlog::error("Lua runtime could not start: {}", e.what());
            }
        }
        for (size_t i; (i = next.fetch_add(1)) < inputs.size();) {
            try {
                res.reports[i] = process_workbook(inputs[i], rules, rt.get(), registry.get(), opt, &write_errors[i]);
            } catch (...) {  // process_workbook does not throw; a last guard so one file never ends the batch
                res.reports[i].path = inputs[i].path;
                res.reports[i].error = "检查时出错：未知异常";
                res.reports[i].finish();
            }
            std::lock_guard lock(progress_mu);
            ++done;
            if (opt.on_progress) opt.on_progress(done, inputs.size());
        }
    };
    if (jobs <= 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (unsigned k = 0; k < jobs; ++k) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }

    for (size_t i = 0; i < inputs.size(); ++i) {
        res.stats.cpu_seconds += res.reports[i].seconds;
        if (!write_errors[i].empty()) res.write_errors.push_back(std::move(write_errors[i]));
    }
    res.stats.workbooks = inputs.size();
    res.stats.jobs = jobs;
    res.stats.write_failures = res.write_errors.size();
    res.stats.seconds = since(t0);
    return res;
}

bool any_failed(const std::vector<check::WorkbookReport>& reports) {
    return std::any_of(reports.begin(), reports.end(), [](const check::WorkbookReport& r) {
        return r.status == check::Status::Failed || r.status == check::Status::Unreadable;
    });
}

}  // namespace sp::batch
