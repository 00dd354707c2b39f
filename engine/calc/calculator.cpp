// calculator.cpp — full and incremental recalculation over the dependency graph.
//
// Full recalc marks every formula dirty and walks the graph's order. Incremental
// recalc seeds the dirty set with the formulas that read the edited cells (and the
// volatile ones), closes it over the graph's forward edges, and evaluates only that
// set, sorted by the same order. A cell reached out of order (OFFSET, INDIRECT) is
// computed on demand through the evaluator's DemandHook. Circular groups get the
// cycle error, or are iterated when the workbook enables iterative calculation.
#include "calc/calculator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <spdlog/spdlog.h>

#include "calc/graph.h"
#include "core/number_text.h"
#include "formula/compiler.h"
#include "formula/functions/number_format.h"
#include "formula/parser.h"
#include "formula/vm.h"

namespace sp {

namespace {
enum : uint8_t { kClean = 0, kDirty = 1, kBusy = 2 };

double clock_serial() {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    double day = date_to_serial(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return day + (local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec) / 86400.0;
}
}  // namespace

struct Calculator::Impl : formula::DemandHook {
    Workbook& wb;
    formula::Evaluator ev;
    calc::DependencyGraph graph;
    uint64_t built_version = UINT64_MAX;
    bool computed_once = false;
    std::vector<uint8_t> state;
    std::vector<CycleReport> cycle_reports;
    bool record = false;
    std::vector<ValueChange> changes;
    bool now_pinned = false;
    double now_serial = 0;
    size_t evaluated = 0;
    const std::atomic<bool>* cancel = nullptr;  // set_cancel
    // Circular groups are resolved on demand (see run_cycle): which group is being
    // resolved, whether a member read a member still being computed, how deep the
    // demand has nested, and, per group of the graph, whether it turned out not to be
    // circular at all (CHOOSE(2,B40,"x") in B40 never reads B40).
    uint32_t resolving = 0;
    bool cycle_hit = false;
    int cycle_depth = 0;
    std::vector<uint8_t> not_circular;
    static constexpr int kMaxCycleDepth = 1000;

    explicit Impl(Workbook& w) : wb(w), ev(w) { ev.set_demand_hook(this); }

    void ensure_graph() {
        if (built_version == wb.structure_version()) return;
        auto t0 = std::chrono::steady_clock::now();
        graph.build(wb);
        built_version = wb.structure_version();
        not_circular.assign(graph.cycles().size(), 0);
        state.assign(wb.formulas().size(), kClean);
        spdlog::debug("graph: {} vertices, {} edges, {} cycles, {:.3f}s", graph.vertex_count(), graph.edge_count(),
                      graph.cycles().size(),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }

    void store(uint32_t f, const Value& v) {
        const FormulaCell& fc = wb.formula(f);
        Sheet& sh = wb.sheet(fc.sheet);
        const RangeAddr* ar = fc.array ? wb.array_range(f) : nullptr;
        if (ar && !ar->is_cell()) {
            // An array formula fills its whole range; a scalar repeats, a short array leaves #N/A.
            for (int32_t r = ar->r1; r <= ar->r2; ++r)
                for (int32_t c = ar->c1; c <= ar->c2; ++c) {
                    Value e;
                    if (v.is_array()) {
                        const Array& a = v.array();
                        uint32_t i = uint32_t(r - ar->r1), j = uint32_t(c - ar->c1);
                        if (a.rows() == 1) i = 0;
                        if (a.cols() == 1) j = 0;
                        e = (i < a.rows() && j < a.cols()) ? a.at(i, j) : Value::error(Err::NA);
                    } else {
                        e = v;
                    }
                    if (e.is_empty()) e = Value(0.0);
                    put(fc.sheet, r, c, e);
                }
            return;
        }
        put(fc.sheet, fc.cell.row, fc.cell.col, v);
        (void)sh;
    }

    void put(SheetId s, int32_t row, int32_t col, const Value& computed) {
        Sheet& sh = wb.sheet(s);
        // Precision as displayed (calcPr fullPrecision="0"): a result is stored as its cell's
        // number format shows it, so that dependants read the rounded value, as in Excel.
        Value v = computed;
        if (!wb.settings().full_precision && v.is_number())
            v = Value(round_as_displayed(v.number(), wb.styles().at(sh.style_at(row, col)).number_format));
        if (record) {
            Value before = sh.get(row, col);
            if (!before.same_as(v)) changes.push_back({SheetCell{s, {row, col}}, before, v});
        }
        sh.set(row, col, v);
    }

    void evaluate(uint32_t f) {
        if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
        const FormulaCell& fc = wb.formula(f);
        state[f] = kBusy;
        Value v;
        if (fc.program == kNoFormula) {
            v = wb.sheet(fc.sheet).get(fc.cell.row, fc.cell.col);  // unparsable: keep what is there
        } else {
            v = ev.run(wb.program(fc.program), fc.sheet, fc.cell, fc.array);
        }
        store(f, v);
        state[f] = kClean;
        ++evaluated;
    }

    void ensure(uint32_t f) override {
        if (f >= state.size()) return;
        if (state[f] == kBusy) {
            if (resolving) cycle_hit = true;  // a member needs itself: truly circular
            return;
        }
        if (state[f] != kDirty) return;
        uint32_t cyc = graph.cycle_of(f);
        if (cyc && cyc == resolving) {  // another member of the group being resolved
            if (++cycle_depth > kMaxCycleDepth) cycle_hit = true;
            else evaluate(f);
            --cycle_depth;
        } else if (cyc) {
            run_cycle(cyc - 1);
        } else {
            evaluate(f);
        }
    }

    // A strongly connected group of the graph is circular only if evaluating it actually
    // reads a member that is still being computed: the graph counts every reference, but
    // CHOOSE or INDEX may return a reference without reading it, as Excel knows. So the
    // members are evaluated on demand; if none needs itself, their values stand.
    // Otherwise every member gets the cycle error (or, with iterative calculation enabled,
    // the group is iterated).
    void run_cycle(uint32_t id) {
        const auto& members = graph.cycles()[id];
        bool iterate = wb.settings().iterate;
        if (!iterate) {
            uint32_t outer = resolving;
            bool outer_hit = cycle_hit;
            int outer_depth = cycle_depth;
            resolving = id + 1;
            cycle_hit = false;
            cycle_depth = 0;
            for (uint32_t f : members)
                if (state[f] == kDirty && !cycle_hit) evaluate(f);
            bool circular = cycle_hit;
            resolving = outer;
            cycle_hit = outer_hit;
            cycle_depth = outer_depth;
            not_circular[id] = !circular;
            if (!circular) return;
            for (uint32_t f : members) {
                store(f, Value::error(Err::Cycle));
                state[f] = kClean;
                ++evaluated;
            }
            return;
        }
        // Iterative calculation: sweep the group until no value moves more than the delta.
        ev.scratch().clear();
        for (uint32_t f : members) state[f] = kClean;  // members read each other's current values
        int limit = std::max(1, wb.settings().iterate_count);
        for (int it = 0; it < limit; ++it) {
            double max_change = 0;
            for (uint32_t f : members) {
                const FormulaCell& fc = wb.formula(f);
                Value before = wb.get(fc.sheet, fc.cell);
                evaluate(f);
                Value after = wb.get(fc.sheet, fc.cell);
                if (before.is_number() && after.is_number()) max_change = std::max(max_change, std::fabs(after.number() - before.number()));
                else if (!before.same_as(after)) max_change = INFINITY;
            }
            ev.scratch().clear();
            if (max_change < wb.settings().iterate_delta) break;
        }
    }

    void begin_pass() {
        ev.scratch().clear();
        ev.set_now_serial(now_pinned ? now_serial : clock_serial());
        evaluated = 0;
        changes.clear();
        cycle_reports.clear();
        for (const auto& members : graph.cycles()) {
            CycleReport rep;
            rep.iterated = wb.settings().iterate;
            for (uint32_t f : members) rep.cells.push_back({wb.formula(f).sheet, wb.formula(f).cell});
            cycle_reports.push_back(std::move(rep));
        }
    }

    void run_in_order(const std::vector<uint32_t>& list) {
        for (uint32_t f : list) {
            if (state[f] != kDirty) continue;
            if (uint32_t cyc = graph.cycle_of(f)) run_cycle(cyc - 1);
            else evaluate(f);
        }
        // Groups that turned out not to be circular are not reported.
        size_t kept = 0;
        for (size_t i = 0; i < cycle_reports.size(); ++i)
            if (!(i < not_circular.size() && not_circular[i])) {
                if (kept != i) cycle_reports[kept] = std::move(cycle_reports[i]);
                ++kept;
            }
        cycle_reports.resize(kept);
    }

    RecalcStats full() {
        auto t0 = std::chrono::steady_clock::now();
        ensure_graph();
        begin_pass();
        for (uint32_t f : graph.order()) state[f] = kDirty;
        run_in_order(graph.order());
        computed_once = true;
        wb.clear_changes();
        return {evaluated, cycle_reports.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
    }

    RecalcStats incremental() {
        if (!computed_once) return full();
        auto t0 = std::chrono::steady_clock::now();
        ensure_graph();
        begin_pass();
        std::vector<uint32_t> work, next;
        for (const SheetCell& c : wb.changed_cells()) {
            uint32_t f = wb.sheet(c.sheet).formula_at(c.cell.row, c.cell.col);
            if (f != kNoFormula) work.push_back(f);
            graph.cell_dependents(c, work);
        }
        for (uint32_t f : graph.volatile_formulas()) work.push_back(f);
        // Close the set over forward edges.
        std::vector<uint32_t> dirty;
        while (!work.empty()) {
            uint32_t f = work.back();
            work.pop_back();
            if (f >= state.size() || state[f] == kDirty || wb.formula(f).sheet == kNoSheet) continue;
            state[f] = kDirty;
            dirty.push_back(f);
            graph.formula_dependents(f, work);
        }
        std::sort(dirty.begin(), dirty.end(), [&](uint32_t a, uint32_t b) { return graph.position(a) < graph.position(b); });
        // A cycle member pulls in its whole group.
        for (uint32_t f : dirty)
            if (uint32_t cyc = graph.cycle_of(f))
                for (uint32_t g : graph.cycles()[cyc - 1]) state[g] = kDirty;
        run_in_order(dirty);
        computed_once = true;
        wb.clear_changes();
        return {evaluated, cycle_reports.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
    }
};

Calculator::Calculator(Workbook& wb) : impl_(std::make_unique<Impl>(wb)) {}
Calculator::~Calculator() = default;

void Calculator::prepare() { impl_->ensure_graph(); }
size_t Calculator::graph_memory_bytes() const { return impl_->graph.memory_bytes(); }
void Calculator::release_graph() {
    impl_->graph = calc::DependencyGraph{};
    impl_->built_version = UINT64_MAX;
#if defined(__GLIBC__)
    // glibc keeps freed blocks in its heaps (a million-formula graph: ~40 MiB still resident
    // after the free); give them back so that the save that follows has the memory.
    malloc_trim(0);
#endif
}
RecalcStats Calculator::recalc_full() { return impl_->full(); }
RecalcStats Calculator::recalc() { return impl_->incremental(); }
const std::vector<CycleReport>& Calculator::cycles() const { return impl_->cycle_reports; }
void Calculator::record_changes(bool on) { impl_->record = on; }
const std::vector<ValueChange>& Calculator::changes() const { return impl_->changes; }

void Calculator::set_host(HostCall* host, void* state) {
    impl_->ev.host = host;
    impl_->ev.host_state = state;
}

void Calculator::set_cancel(const std::atomic<bool>* flag) { impl_->cancel = flag; }

void Calculator::set_now(double serial) {
    impl_->now_pinned = true;
    impl_->now_serial = serial;
}

Value Calculator::evaluate(std::string_view text, SheetId sheet, CellAddr at) {
    auto parsed = formula::parse(text, at);
    if (!parsed) return Value::error(Err::Name);
    auto prog = formula::compile(std::move(*parsed.ast), impl_->wb, impl_->wb.registry());
    if (!impl_->now_pinned) impl_->ev.set_now_serial(clock_serial());
    return impl_->ev.run(*prog, sheet, at, true);
}

std::vector<SheetRange> Calculator::precedents(SheetCell cell) {
    std::vector<SheetRange> out;
    uint32_t f = impl_->wb.sheet(cell.sheet).formula_at(cell.cell.row, cell.cell.col);
    if (f == kNoFormula) return out;
    const FormulaCell& fc = impl_->wb.formula(f);
    if (fc.program == kNoFormula) return out;
    for (const auto& spec : impl_->wb.program(fc.program).refs) {
        SheetRange r;
        if (formula::resolve_ref(spec, fc.sheet, fc.cell, r)) out.push_back(r);
    }
    return out;
}

std::vector<SheetCell> Calculator::dependents(SheetCell cell) {
    impl_->ensure_graph();
    std::vector<uint32_t> fs;
    uint32_t f = impl_->wb.sheet(cell.sheet).formula_at(cell.cell.row, cell.cell.col);
    if (f != kNoFormula) impl_->graph.formula_dependents(f, fs);
    else impl_->graph.cell_dependents(cell, fs);
    std::sort(fs.begin(), fs.end());
    fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
    std::vector<SheetCell> out;
    for (uint32_t g : fs) out.push_back({impl_->wb.formula(g).sheet, impl_->wb.formula(g).cell});
    return out;
}

}  // namespace sp
