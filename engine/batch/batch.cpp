// batch.cpp — the parallel, streaming batch run (see batch.h). A fixed pool of -j N threads
// pulls input indexes from an atomic counter: workbooks are independent and of uneven size,
// so work stealing by index balances them without a task library. Each thread builds its own
// Lua runtime once and reuses it. Finished rows wait in a reorder window (at most `window`
// rows ahead of the oldest unfinished one; a worker further ahead waits) and are appended to
// workbooks.jsonl in input order, so memory does not grow with the number of inputs.
// A watchdog thread raises a worker's cancel flag when its workbook runs past the timeout or
// when the batch is interrupted; the calculator and the check loop stop at the next cell/rule.
#include "batch/batch.h"

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include "batch/detail_html.h"
#include "batch/memory_budget.h"
#include "batch/reason.h"
#include "batch/report_stream.h"
#include "batch/report_batch.h"
#include "calc/calculator.h"
#include "check/check_file.h"
#include "check/runner.h"
#include "core/messages.h"
#include "core/value.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "model/program_cache.h"
#include "xlsx/error.h"
#include "xlsx/xlsx.h"

namespace sp::batch {

namespace fs = std::filesystem;

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
    fs::path out = fs::path(opt.recalculated_dir) / fs::u8path(in.out_name);
    try {
        fs::create_directories(out.parent_path());
        xlsx::WriteStats ws = xlsx::write_patched(doc, out.string());
        if (ws.cells_not_written) spdlog::info("{}: {} cells not written (no <c> in the sheet XML)", in.path, ws.cells_not_written);
    } catch (const std::exception& e) {
        if (error) *error = out.string() + ": " + e.what();
    }
}

// The Lua runtime reports a check function that raised an error as a workbook diagnostic
// "check ID (origin) failed to run: message" (and a finding); the batch wants it as a broken rule.
std::string lua_failure(const Workbook& wb, size_t from, const check::Rule& rule) {
    const std::string tag = "check " + rule.id + " (";
    const auto& d = wb.diagnostics();
    for (size_t i = from; i < d.size(); ++i) {
        if (d[i].level != Diagnostic::Level::Error || d[i].message.rfind(tag, 0) != 0) continue;
        auto p = d[i].message.find("failed to run: ");
        if (p != std::string::npos) return d[i].message.substr(p + 15);
    }
    return {};
}

std::string stopped_text(const std::string& stopped, const BatchOptions& opt) {
    if (stopped == "timeout") return msg::text(msg::Lang::zh, "batch.stopped_timeout", {format_general(opt.timeout)});
    return msg::text(msg::Lang::zh, "batch.stopped_memory");
}

// Rows in input order, at most `window` ahead of the next one to write.
class OrderedWriter {
public:
    OrderedWriter(int fd, size_t next, size_t window, ReportBuilder* sink)
        : fd_(fd), next_(next), window_(std::max<size_t>(window, 1)), sink_(sink) {}

    // Blocks while `index` is too far ahead; false when closed meanwhile (the row is dropped).
    bool put(size_t index, std::string line, Row row) {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closed_ || index < next_ + window_; });
        if (closed_) return false;
        pending_.emplace(index, std::pair(std::move(line), std::move(row)));
        std::string out;
        for (auto it = pending_.begin(); it != pending_.end() && it->first == next_; it = pending_.erase(it), ++next_) {
            if (sink_) sink_->add(it->second.second, it->second.first);
            out += it->second.first;
            out += '\n';
        }
        if (!out.empty()) {
            write_all(out);
            cv_.notify_all();
        }
        return true;
    }
    // The index whose row will never come (the workbook was dropped): nothing after it is written.
    void close() {
        std::lock_guard lock(mu_);
        closed_ = true;
        cv_.notify_all();
    }
    size_t next() {
        std::lock_guard lock(mu_);
        return next_;
    }
    const std::string& error() const { return error_; }

private:
    // One write(2) per batch of lines: a kill leaves at most the last line cut short.
    void write_all(const std::string& s) {
        size_t done = 0;
        while (done < s.size()) {
            ssize_t n = ::write(fd_, s.data() + done, s.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                error_ = std::strerror(errno);
                closed_ = true;
                return;
            }
            done += size_t(n);
        }
    }
    int fd_;
    size_t next_, window_;
    ReportBuilder* sink_;
    bool closed_ = false;
    std::map<size_t, std::pair<std::string, Row>> pending_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::string error_;
};

struct Slot {
    WorkerControl ctl;
    std::atomic<bool> busy{false};
    std::atomic<int64_t> started{0};  // steady clock, ns
};

// A detail page, written in place: no temporary file, rename or fsync per workbook (those were
// ~12 % of a batch's time). The page is complete before the workbook's line is written, and a
// line cut short by a crash makes --resume redo that workbook and its page.
void write_page(const std::string& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw xlsx::OutputError(path, "", "", std::string("cannot open: ") + std::strerror(errno));
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = errno;
            ::close(fd);
            throw xlsx::OutputError(path, "", "", std::string("cannot write: ") + std::strerror(err));
        }
        done += size_t(n);
    }
    if (::close(fd) != 0) throw xlsx::OutputError(path, "", "", std::string("cannot write: ") + std::strerror(errno));
}

int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

}  // namespace

std::string jsonl_path(const std::string& out_dir) { return (fs::path(out_dir) / "workbooks.jsonl").string(); }

Processed process_workbook(const Input& in, const std::vector<check::Rule>& rules, lua::Runtime* rt,
                           const FunctionRegistry* registry, const BatchOptions& opt, WorkerControl* ctl,
                           std::string* write_error) {
    Processed p;
    check::WorkbookReport& r = p.report;
    r.path = in.path;
    auto t0 = Clock::now();
    MemoryAccount account;
    if (opt.memory_budget > 0) {
        account.start(opt.memory_budget);
        attach_memory_account(&account);
    }
    struct Detach {
        bool on;
        ~Detach() {
            if (on) attach_memory_account(nullptr);
        }
    } detach{opt.memory_budget > 0};
    auto stopped_reason = [&]() -> std::string {
        if (account.tripped) return "memory";
        if (ctl && ctl->cancel.load()) return ctl->reason.load() == 2 ? "interrupted" : "timeout";
        return "";
    };
    auto stop = [&](const std::string& why) {
        p.stopped = why;
        r.findings.clear();
        r.stale.clear();
        r.error = stopped_text(why, opt);
    };

    xlsx::Document doc;
    try {
        xlsx::ReadOptions ro;
        ro.limits = opt.limits;
        ro.registry = registry;
        doc = xlsx::read(in.path, ro);
    } catch (const std::exception& e) {  // xlsx::Error, and bad_alloc or worse on a hostile file
        attach_memory_account(nullptr);
        detach.on = false;
        if (std::string why = stopped_reason(); !why.empty()) {
            stop(why);
        } else {
            r.error = unreadable_reason(e);
            p.error_detail = e.what();
        }
        r.seconds = since(t0);
        r.finish();
        return p;
    }
    bool checked = false;
    try {
        if (ctl && ctl->cancel.load()) throw Cancelled();
        Workbook& wb = *doc.workbook;
        Calculator calc(wb);
        if (rt) calc.set_host(&rt->host(), rt);
        if (ctl) calc.set_cancel(&ctl->cancel);
        calc.record_changes(true);
        calc.recalc_full();
        r.stale = check::stale_values(wb, calc, opt.max_stale);
        check::FnCheck fn;
        if (rt)
            fn = [rt, ctl](const check::Rule& rule, Workbook& w, Calculator& c) {
                if (ctl && ctl->cancel.load()) throw Cancelled();
                size_t before = w.diagnostics().size();
                std::vector<check::Finding> got = rt->run_check(rule, w, c);
                if (std::string failure = lua_failure(w, before, rule); !failure.empty()) {
                    if (ctl && ctl->cancel.load()) throw Cancelled();
                    throw check::RuleBroken(failure);
                }
                return got;
            };
        check::RunStats st;
        {
            std::optional<lua::Runtime::WorkbookChecks> scans;  // the cells are final now
            if (rt) scans.emplace(*rt, wb);
            r.findings = check::run_checks(rules, wb, calc, fn, &st);
        }
        r.rules_applied = st.applied;
        for (const auto& [rule, message] : st.broken) p.broken.push_back({rule->id, rule->origin, message});
        for (const CycleReport& c : calc.cycles()) r.findings.push_back(cycle_finding(wb, c));
        if (opt.extra) opt.extra(in, doc, calc, r);
        if (ctl && ctl->cancel.load()) throw Cancelled();
        checked = true;
    } catch (const std::exception& e) {
        attach_memory_account(nullptr);
        detach.on = false;
        if (std::string why = stopped_reason(); !why.empty()) {
            stop(why);
        } else {
            r.findings.clear();
            r.error = unreadable_reason(e);
            p.error_detail = e.what();
        }
    }
    if (checked && !opt.recalculated_dir.empty()) write_recalculated(doc, in, opt, write_error);
    r.seconds = since(t0);
    r.finish();
    return p;
}

size_t resume_point(const std::string& out_dir, const InputList& inputs) {
    std::string path = jsonl_path(out_dir);
    std::ifstream f(path, std::ios::binary);
    if (!f) return 0;
    std::string line;
    size_t n = 0;
    uint64_t good = 0;  // bytes of complete lines
    while (std::getline(f, line)) {
        if (f.eof()) break;  // no newline: cut short by a kill
        if (line.empty()) {
            good += 1;
            continue;
        }
        std::string p = path_of_line(line);
        if (n >= inputs.size() || p != inputs.path(n))
            throw std::runtime_error(path + ": line " + std::to_string(n + 1) + " is " + (p.empty() ? "not a row" : p) +
                                     ", but input " + std::to_string(n + 1) + " is " +
                                     (n < inputs.size() ? std::string(inputs.path(n)) : "none") +
                                     " (the inputs changed since the interrupted run; start again without --resume)");
        good += line.size() + 1;
        ++n;
    }
    f.close();
    std::error_code ec;
    if (fs::file_size(path, ec) != good && !ec) fs::resize_file(path, good, ec);
    return n;
}

std::vector<Row> read_rows(const std::string& jsonl) {
    std::ifstream f(jsonl, std::ios::binary);
    if (!f) throw std::runtime_error(jsonl + ": cannot open");
    std::vector<Row> rows;
    std::string line;
    while (std::getline(f, line))
        if (!line.empty()) rows.push_back(row_from_line(line));
    return rows;
}

BatchResult run_batch(const InputList& inputs, std::shared_ptr<const lua::PluginSet> plugins,
                      const std::vector<check::Rule>& rules, const BatchOptions& opt) {
    auto t0 = Clock::now();
    BatchResult res;
    std::shared_ptr<FunctionRegistry> registry = plugins ? plugins->registry() : nullptr;
    // What the caller freed before (the folder walk, sorting and renaming of 10,000 inputs:
    // ~4 MB) stays resident in the main arena, where the workers' own arenas cannot reuse it
    // (and `suanpan batch` raises the trim threshold): hand it back once, before they start.
    malloc_trim(0);

    std::error_code ec;
    fs::create_directories(opt.out_dir, ec);
    if (ec) throw xlsx::OutputError(opt.out_dir, "", "", "cannot create the folder: " + ec.message());
    std::string jl = jsonl_path(opt.out_dir);
    int fd = ::open(jl.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (opt.first ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0) throw xlsx::OutputError(jl, "", "", std::string("cannot open: ") + std::strerror(errno));
    struct CloseFd {
        int fd;
        ~CloseFd() { ::close(fd); }
    } close_fd{fd};

    const size_t first = std::min(opt.first, inputs.size());
    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = unsigned(std::min<size_t>(jobs, std::max<size_t>(1, inputs.size() - first)));
    OrderedWriter writer(fd, first, opt.window ? opt.window : 16 * size_t(jobs), opt.reports);
    std::atomic<size_t> next{first};
    size_t done = first;
    std::mutex mu;  // progress, write errors, stats
    std::vector<Slot> slots(jobs);
    std::atomic<bool> finished{false};

    // Watchdog: timeouts and interruption.
    std::thread watchdog([&] {
        while (!finished.load()) {
            bool stopping = opt.stop && opt.stop->load();
            int64_t now = now_ns();
            for (Slot& s : slots) {
                if (!s.busy.load()) continue;
                if (stopping) {
                    s.ctl.reason = 2;
                    s.ctl.cancel = true;
                } else if (opt.timeout > 0 && double(now - s.started.load()) / 1e9 > opt.timeout) {
                    s.ctl.reason = 1;
                    s.ctl.cancel = true;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });

    auto worker = [&](Slot& slot) {
        std::unique_ptr<lua::Runtime> rt;
        if (plugins) {
            try {
                rt = std::make_unique<lua::Runtime>(plugins);
            } catch (const std::exception& e) {
                spdlog::error("Lua runtime could not start: {}", e.what());
            }
        }
        // The submissions of one template share their formula texts: each is parsed and compiled
        // once per thread, not once per workbook (~7 % of a workbook's time).
        ProgramCache programs;
        ProgramCache::Use use_programs(programs);
        fs::path made_dir;  // the last folder of detail pages created
        for (size_t i; (i = next.fetch_add(1)) < inputs.size();) {
            if (opt.stop && opt.stop->load()) {
                writer.close();
                break;
            }
            slot.ctl.cancel = false;
            slot.ctl.reason = 0;
            slot.started = now_ns();
            slot.busy = true;
            std::string write_error;
            const Input input = inputs[i];
            Processed p;
            try {
                p = process_workbook(input, rules, rt.get(), registry.get(), opt, &slot.ctl, &write_error);
            } catch (...) {  // process_workbook does not throw; a last guard so one file never ends the batch
                p.report.path = input.path;
                p.report.error = msg::text(msg::Lang::zh, "batch.reason.checking", {"unknown exception"});
                p.report.finish();
            }
            slot.busy = false;
            if (p.stopped == "interrupted") {  // not a result: --resume redoes it
                writer.close();
                break;
            }
            std::string detail;
            if (opt.detail_pages) {
                detail = detail_name(input.out_name);
                std::string back;
                for (char c : detail)
                    if (c == '/') back += "../";
                try {
                    fs::path dp = fs::path(opt.out_dir) / fs::u8path(detail);
                    if (dp.parent_path() != made_dir) {
                        fs::create_directories(dp.parent_path());
                        made_dir = dp.parent_path();
                    }
                    write_page(dp.string(), detail_html(p.report, p.broken, p.stopped, back + "report.html"));
                } catch (const std::exception& e) {
                    spdlog::warn("{}: detail page not written: {}", input.path, e.what());
                    detail.clear();
                }
            }
            double seconds = p.report.seconds;
            Row row = make_row(i, std::move(p.report), std::move(detail));
            row.stopped = std::move(p.stopped);
            row.broken = std::move(p.broken);
            row.error_detail = std::move(p.error_detail);
            bool timeout = row.stopped == "timeout", memory = row.stopped == "memory";
            std::string line = row_to_line(row);
            writer.put(i, std::move(line), std::move(row));
            std::lock_guard lock(mu);
            res.stats.cpu_seconds += seconds;
            res.stats.timeouts += timeout;
            res.stats.memory_stops += memory;
            ++res.stats.processed;
            if (!write_error.empty()) res.write_errors.push_back(std::move(write_error));
            ++done;
            if (opt.on_progress) opt.on_progress(done, inputs.size());
        }
    };
    if (jobs <= 1) {
        worker(slots[0]);
    } else {
        std::vector<std::thread> pool;
        for (unsigned k = 0; k < jobs; ++k) pool.emplace_back(worker, std::ref(slots[k]));
        for (auto& t : pool) t.join();
    }
    finished = true;
    watchdog.join();
    if (!writer.error().empty()) throw xlsx::OutputError(jl, "", "", "cannot write: " + writer.error());

    res.stats.workbooks = inputs.size();
    res.stats.written = writer.next();
    res.stats.interrupted = res.stats.written < inputs.size();
    res.stats.jobs = jobs;
    res.stats.write_failures = res.write_errors.size();
    res.stats.seconds = since(t0);
    return res;
}

}  // namespace sp::batch
