// calculator.h — recalculation of a Workbook: the dependency graph (Boost.Graph),
// full recalc in topological order, cycle detection (strongly connected components),
// iterative calculation, incremental recalc of the dependents of edited cells.
#pragma once
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "formula/function.h"
#include "model/workbook.h"

namespace sp {

struct RecalcStats {
    size_t evaluated = 0;   // formula cells computed
    size_t cycles = 0;      // circular groups found
    double seconds = 0;
};

struct CycleReport {
    std::vector<SheetCell> cells;  // every cell of one strongly connected component
    bool iterated = false;         // solved by iterative calculation
};

// A formula cell whose recomputed value differs from the value it held before (for
// a freshly loaded file: the cached value Excel or the submitter saved).
struct ValueChange {
    SheetCell cell;
    Value before, after;
};

// Thrown by a recalculation whose cancel flag (Calculator::set_cancel) was raised: the
// workbook's values are then partly computed and must be discarded.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("recalculation cancelled") {}
};

class Calculator {
public:
    explicit Calculator(Workbook& wb);
    ~Calculator();
    Calculator(const Calculator&) = delete;
    Calculator& operator=(const Calculator&) = delete;

    void prepare();             // builds the dependency graph now (otherwise the first recalc does)
    RecalcStats recalc_full();  // every formula cell
    RecalcStats recalc();       // dependents of cells edited since the last recalc, and volatile cells

    const std::vector<CycleReport>& cycles() const;
    // Record before/after of every formula cell whose value changes (off by default).
    void record_changes(bool on);
    const std::vector<ValueChange>& changes() const;

    // Lua (or other host) dispatch for plugin functions, for this calculator's thread.
    void set_host(HostCall* host, void* state);
    // Pins NOW()/TODAY() (a date serial); by default the clock at the start of each recalc.
    void set_now(double serial);
    // A flag read before each formula cell is computed: once true, the recalculation throws
    // Cancelled (the batch's --timeout-per-workbook and Ctrl-C). Null: none.
    void set_cancel(const std::atomic<bool>* flag);

    // Evaluates a formula as if written in (sheet, at), without storing it.
    Value evaluate(std::string_view formula, SheetId sheet = 0, CellAddr at = {});

    // Direct precedents (cells and ranges, as ranges) and dependents (formula cells) of a cell.
    std::vector<SheetRange> precedents(SheetCell cell);
    std::vector<SheetCell> dependents(SheetCell cell);
    size_t graph_memory_bytes() const;
    // Frees the dependency graph (rebuilt by the next recalc that needs it): before writing
    // a large workbook, its memory is better spent on the rewritten sheets.
    void release_graph();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sp
