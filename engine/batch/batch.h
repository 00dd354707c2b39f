// batch.h — recalculate and check many workbooks in parallel, in memory independent of their
// number. The plugins are loaded once (their FunctionRegistry is shared read-only); each of the
// -j N worker threads owns one Lua runtime and pulls the next input index from an atomic
// counter. As each workbook finishes its worker writes the detail page and hands one JSON line
// (batch/row.h) to a bounded reorder window that appends lines to OUTDIR/workbooks.jsonl in
// input order; the summary reports are built from that file afterwards (report_stream.h).
// Every input yields exactly one line: a file that cannot be read, that throws, that takes too
// long or needs too much memory becomes a row with its reason.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch/inputs.h"
#include "batch/row.h"
#include "check/report.h"
#include "check/rule.h"
#include "xlsx/zip_reader.h"

namespace sp {
class Calculator;
class FunctionRegistry;
}
namespace sp::xlsx {
struct Document;
}
namespace sp::lua {
class PluginSet;
class Runtime;
}

namespace sp::batch {

class ReportBuilder;

struct BatchOptions {
    unsigned jobs = 0;                 // worker threads; 0: one per core
    xlsx::InflateLimits limits;        // zip-bomb caps per package
    std::string recalculated_dir;      // non-empty: write each readable workbook there, recalculated
    size_t max_stale = 100000;         // stale cached values recorded per workbook (for its detail page)
    std::string out_dir;               // OUTDIR: workbooks.jsonl and detail/ are written there
    bool detail_pages = true;          // write OUTDIR/detail/<name>.html per workbook
    double timeout = 60;               // seconds per workbook (--timeout-per-workbook); 0: none
    int64_t memory_budget = 0;         // bytes per workbook (--memory-per-workbook); 0: none
    size_t first = 0;                  // --resume: inputs before this index are already in workbooks.jsonl
    const std::atomic<bool>* stop = nullptr;  // raised by Ctrl-C: start nothing more, drop workbooks in flight
    size_t window = 0;                 // reorder window in rows; 0: 16 per worker (a row waiting is ~30 kB)
    ReportBuilder* reports = nullptr;  // fed every row as it is written (in input order)
    // Called after each workbook (from worker threads, serialised): done so far (resumed ones
    // included), total.
    std::function<void(size_t done, size_t total)> on_progress;
    // Extra findings for a workbook once its checks ran (说明 verification …): append to
    // report.findings. Runs on the worker thread; may throw (the workbook then gets the error).
    std::function<void(const Input&, xlsx::Document&, Calculator&, check::WorkbookReport&)> extra;
};

struct BatchStats {
    size_t workbooks = 0;             // inputs of this run (resumed ones included)
    size_t processed = 0;             // checked by this run
    size_t written = 0;               // lines in workbooks.jsonl at the end
    unsigned jobs = 0;
    double seconds = 0;               // wall clock, this run
    double cpu_seconds = 0;           // sum of per-workbook times (read + recalc + check + write)
    size_t timeouts = 0, memory_stops = 0;
    size_t write_failures = 0;        // --write-recalculated outputs that could not be written
    bool interrupted = false;         // opt.stop was raised before every input was written
};

struct BatchResult {
    std::vector<std::string> write_errors;  // "OUT: message", per failed recalculated output
    BatchStats stats;
};

// Runs the inputs from opt.first on and appends their lines to OUTDIR/workbooks.jsonl (created
// or truncated when opt.first is 0). plugins may be null (built-in functions only; fn-checks
// then report that they could not run). Throws xlsx::OutputError when OUTDIR cannot be written.
BatchResult run_batch(const InputList& inputs, std::shared_ptr<const lua::PluginSet> plugins,
                      const std::vector<check::Rule>& rules, const BatchOptions& opt);

// What a worker produced for one workbook, before it is cut to a Row.
struct Processed {
    check::WorkbookReport report;   // full
    std::vector<BrokenRule> broken;
    std::string stopped;            // "" | "timeout" | "memory" | "interrupted"
    std::string error_detail;       // the reader's own message when unreadable (English)
};

// Control shared by a worker and the watchdog for the workbook in flight.
struct WorkerControl {
    std::atomic<bool> cancel{false};
    std::atomic<int> reason{0};  // 1 timeout, 2 interrupted
};

// One workbook, as a worker does it: read against `registry` (null: built-ins), recalculate
// with rt as the host of plugin functions (null: none), record stale cached values and
// circular references, run the rules (a rule whose Lua function raises an error is recorded in
// `broken`, not as a finding), and write the recalculated copy when asked (a failure to write
// goes to write_error). ctl may be null. Never throws.
Processed process_workbook(const Input& in, const std::vector<check::Rule>& rules, lua::Runtime* rt,
                           const FunctionRegistry* registry, const BatchOptions& opt, WorkerControl* ctl = nullptr,
                           std::string* write_error = nullptr);

// OUTDIR/workbooks.jsonl
std::string jsonl_path(const std::string& out_dir);

// --resume: how many leading inputs OUTDIR/workbooks.jsonl already holds (a last line cut short
// by a kill is removed from the file). Throws std::runtime_error when a line names another
// input than the list has at that position (the inputs changed since the interrupted run).
size_t resume_point(const std::string& out_dir, const InputList& inputs);

// Reads every row of a workbooks.jsonl (for tests and small tools; reports stream instead).
std::vector<Row> read_rows(const std::string& jsonl);

}  // namespace sp::batch
