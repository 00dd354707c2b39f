// batch.h — recalculate and check many workbooks in parallel. The plugins are loaded once
// (their FunctionRegistry is shared read-only by every worker); each of the -j N worker
// threads owns one Lua runtime and pulls the next input index from an atomic counter.
// Every input yields exactly one WorkbookReport, in input order: a file that cannot be
// read, or that throws anywhere while being checked, becomes a row with its error.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch/inputs.h"
#include "check/report.h"
#include "check/rule.h"
#include "xlsx/zip_reader.h"

namespace sp {
class FunctionRegistry;
}
namespace sp::lua {
class PluginSet;
class Runtime;
}

namespace sp::batch {

struct BatchOptions {
    unsigned jobs = 0;                 // worker threads; 0: one per core
    xlsx::InflateLimits limits;            // zip-bomb caps per package
    std::string recalculated_dir;      // non-empty: write each readable workbook there, recalculated
    size_t max_stale = 1000;           // stale cached values kept per workbook
    // Called after each workbook (from worker threads, serialised): done so far, total.
    std::function<void(size_t done, size_t total)> on_progress;
};

struct BatchStats {
    size_t workbooks = 0;
    unsigned jobs = 0;
    double seconds = 0;               // wall clock, whole run
    double cpu_seconds = 0;           // sum of per-workbook times (read + recalc + check + write)
    size_t write_failures = 0;        // --write-recalculated outputs that could not be written
};

struct BatchResult {
    std::vector<check::WorkbookReport> reports;  // one per input, same order
    std::vector<std::string> write_errors;       // "OUT: message", per failed recalculated output
    BatchStats stats;
};

// plugins may be null (built-in functions only; fn-checks then report that they could not run).
BatchResult run_batch(const std::vector<Input>& inputs, std::shared_ptr<const lua::PluginSet> plugins,
                      const std::vector<check::Rule>& rules, const BatchOptions& opt = {});

// One workbook, as a worker does it: read against `registry` (null: built-ins), recalculate
// with rt as the host of plugin functions (null: none), record stale cached values and
// circular references, run the rules, and write the recalculated copy when asked
// (a failure to write goes to write_error). Never throws.
check::WorkbookReport process_workbook(const Input& in, const std::vector<check::Rule>& rules, lua::Runtime* rt,
                                       const FunctionRegistry* registry, const BatchOptions& opt,
                                       std::string* write_error = nullptr);

// The status a batch exits with: true when any workbook failed an error-severity check or
// could not be read.
bool any_failed(const std::vector<check::WorkbookReport>& reports);

}  // namespace sp::batch
