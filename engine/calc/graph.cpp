// graph.cpp — building the dependency graph and answering "who reads this cell?".
//
// The precedents of a million formulas are collected on every core: the formulas are cut
// into consecutive blocks, each block gathers its edges, constant-cell uses and ranges
// (numbered within the block), and the blocks are joined in order, so that every list is
// exactly what one pass over the formulas would give (the evaluation order is unchanged).
// The lists are reserved ahead (a copy of millions of entries as they grow, and the fresh
// pages of each copy, cost more than collecting them), each block sorts its own constant-cell
// uses, and the ranges are numbered with RangeIds (range_ids.h).
#include "calc/graph.h"

#include <algorithm>
#include <thread>

#include <boost/graph/strong_components.hpp>

#include "calc/range_ids.h"
#include "formula/program.h"
#include "model/workbook.h"

namespace sp::calc {

namespace {

struct ArrayFormula {
    uint32_t formula;
    SheetId sheet;
    RangeAddr range;
};

bool overlaps(const RangeAddr& a, const RangeAddr& b) {
    return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

}  // namespace

void DependencyGraph::build(const Workbook& wb, unsigned blocks_wanted) {
    const auto& formulas = wb.formulas();
    const uint32_t F = uint32_t(formulas.size());
    formula_count_ = F;
    cell_uses_.clear();
    ranges_.clear();
    volatile_.clear();
    std::vector<ArrayFormula> arrays;
    for (uint32_t f = 0; f < F; ++f)
        if (formulas[f].array)
            if (const RangeAddr* r = wb.array_range(f); r && !r->is_cell()) arrays.push_back({f, formulas[f].sheet, *r});

    // What formulas [begin, end) contribute, in formula order; ranges numbered in the block.
    struct Block {
        uint32_t begin = 0, end = 0;
        std::vector<std::pair<uint32_t, uint32_t>> edges;       // (precedent vertex, dependent vertex)
        std::vector<CellUse> cell_uses;
        std::vector<std::pair<uint32_t, uint32_t>> range_uses;  // (block range id, formula)
        std::vector<SheetRange> ranges;
        RangeIds range_ids;
        std::vector<uint32_t> volatiles;
    };
    auto collect = [&](Block& b) {  // reads the workbook only
        auto add_precedent = [&](uint32_t f, const SheetRange& target) {
            for (const ArrayFormula& a : arrays)
                if (a.sheet == target.sheet && a.formula != f && overlaps(a.range, target.range))
                    b.edges.emplace_back(a.formula, f);
            if (target.range.is_cell()) {
                uint32_t g = wb.sheet(target.sheet).formula_at(target.range.r1, target.range.c1);
                if (g != kNoFormula) b.edges.emplace_back(g, f);
                else b.cell_uses.push_back({cell_key(target.sheet, target.range.r1, target.range.c1), f});
                return;
            }
            b.range_uses.emplace_back(b.range_ids.insert(target, b.ranges).first, f);
        };
        for (uint32_t f = b.begin; f < b.end; ++f) {
            const FormulaCell& fc = formulas[f];
            if (fc.sheet == kNoSheet || fc.program == kNoFormula) continue;
            const formula::Program& p = wb.program(fc.program);
            if (p.is_volatile) b.volatiles.push_back(f);
            for (const formula::RefSpec& spec : p.refs) {
                SheetRange r;
                if (!spec.address_only && formula::resolve_ref(spec, fc.sheet, fc.cell, r)) add_precedent(f, r);
            }
            // Defined names: their references count as the formula's own.
            for (const std::string& key : p.names) {
                SheetId from = fc.sheet;
                std::string_view name = key;
                if (auto bang = key.rfind('!'); bang != std::string::npos) {
                    auto id = wb.find_sheet(key.substr(0, bang));
                    if (!id) continue;
                    from = *id;
                    name = std::string_view(key).substr(bang + 1);
                }
                const DefinedName* dn = wb.find_name(name, from);
                if (!dn || dn->program == kNoFormula) continue;
                SheetId own = dn->scope == kNoSheet ? fc.sheet : dn->scope;
                for (const formula::RefSpec& spec : wb.program(dn->program).refs) {
                    SheetRange r;
                    if (formula::resolve_ref(spec, own, fc.cell, r)) add_precedent(f, r);
                }
            }
        }
    };
    // One block per core for large workbooks (a thread costs more than a few thousand formulas).
    constexpr uint32_t kMinBlock = 50000;
    uint32_t nblocks = blocks_wanted ? std::max(1u, std::min(blocks_wanted, F))
                                     : std::max(1u, std::min(std::max(1u, std::thread::hardware_concurrency()), F / kMinBlock));
    std::vector<Block> blocks(nblocks);
    for (uint32_t i = 0; i < nblocks; ++i) {
        blocks[i].begin = uint32_t(uint64_t(F) * i / nblocks);
        blocks[i].end = uint32_t(uint64_t(F) * (i + 1) / nblocks);
    }
    // Room for what each block can give (a reference is at most one edge, cell use or range
    // use, arrays apart), so that its lists are not copied as they grow. Block 0's lists
    // become the joined ones: it has room for all of them. Unused room is never touched.
    {
        std::vector<size_t> bound(nblocks, 0);
        for (uint32_t i = 0; i < nblocks; ++i)
            for (uint32_t f = blocks[i].begin; f < blocks[i].end; ++f)
                if (formulas[f].sheet != kNoSheet && formulas[f].program != kNoFormula)
                    bound[i] += wb.program(formulas[f].program).refs.size();
        size_t total = 0;
        for (size_t b : bound) total += b;
        for (uint32_t i = 0; i < nblocks; ++i) {
            blocks[i].edges.reserve(i == 0 ? total : bound[i]);
            blocks[i].cell_uses.reserve(i == 0 ? total : bound[i]);
        }
    }
    // Each block's constant-cell uses are sorted by their own thread; the join merges them.
    auto cell_use_less = [](const CellUse& a, const CellUse& b) {
        return a.cell < b.cell || (a.cell == b.cell && a.formula < b.formula);
    };
    auto collect_sorted = [&](Block& b) {
        collect(b);
        std::sort(b.cell_uses.begin(), b.cell_uses.end(), cell_use_less);
    };
    {
        std::vector<std::thread> workers;
        for (uint32_t i = 1; i < nblocks; ++i) workers.emplace_back([&, i] { collect_sorted(blocks[i]); });
        collect_sorted(blocks[0]);
        for (auto& w : workers) w.join();
    }
    // Joined in order: ranges get their ids by first use, as in one pass. Block 0's lists
    // (and its range numbering, which is the global one so far) are taken as they are.
    std::vector<std::pair<uint32_t, uint32_t>> edges = std::move(blocks[0].edges);       // (precedent, dependent)
    std::vector<std::pair<uint32_t, uint32_t>> range_uses = std::move(blocks[0].range_uses); // (range id, formula)
    volatile_ = std::move(blocks[0].volatiles);
    for (const SheetRange& r : blocks[0].ranges) ranges_.push_back({r, UINT32_MAX});
    // Sorted blocks usually follow each other (a block's formulas read the rows near them),
    // so the sorted whole is their concatenation; otherwise they are merged.
    cell_uses_ = std::move(blocks[0].cell_uses);
    for (uint32_t k = 1; k < nblocks; ++k) {
        std::vector<CellUse>& next = blocks[k].cell_uses;
        if (cell_uses_.empty() || next.empty() || !cell_use_less(next.front(), cell_uses_.back())) {
            cell_uses_.insert(cell_uses_.end(), next.begin(), next.end());
        } else {
            std::vector<CellUse> merged;
            merged.reserve(cell_uses_.size() + next.size());
            std::merge(cell_uses_.begin(), cell_uses_.end(), next.begin(), next.end(), std::back_inserter(merged),
                       cell_use_less);
            cell_uses_.swap(merged);
        }
        std::vector<CellUse>().swap(next);
    }
    // A later block's range is new unless an earlier block has it (then it has that one's id).
    std::vector<std::vector<uint32_t>> global_id(nblocks);
    global_id[0].resize(blocks[0].ranges.size());
    for (uint32_t i = 0; i < global_id[0].size(); ++i) global_id[0][i] = i;
    for (uint32_t k = 1; k < nblocks; ++k) {
        Block& b = blocks[k];
        edges.insert(edges.end(), b.edges.begin(), b.edges.end());
        std::vector<std::pair<uint32_t, uint32_t>>().swap(b.edges);
        volatile_.insert(volatile_.end(), b.volatiles.begin(), b.volatiles.end());
        global_id[k].resize(b.ranges.size());
        for (size_t i = 0; i < b.ranges.size(); ++i) {
            uint32_t id = RangeIds::kNone;
            for (uint32_t j = 0; j < k && id == RangeIds::kNone; ++j)
                if (uint32_t l = blocks[j].range_ids.find(b.ranges[i], blocks[j].ranges); l != RangeIds::kNone)
                    id = global_id[j][l];
            if (id == RangeIds::kNone) {
                id = uint32_t(ranges_.size());
                ranges_.push_back({b.ranges[i], UINT32_MAX});
            }
            global_id[k][i] = id;
        }
        for (auto& [r, f] : b.range_uses) range_uses.emplace_back(global_id[k][r], f);
        std::vector<std::pair<uint32_t, uint32_t>>().swap(b.range_uses);
    }
    blocks.clear();

    // Ranges that hold formula cells become vertices.
    uint32_t next_vertex = F;
    vertex_range_.clear();
    for (uint32_t i = 0; i < ranges_.size(); ++i) {
        const SheetRange& r = ranges_[i].range;
        bool any = false;
        wb.sheet(r.sheet).for_each_formula(r.range, [&](int32_t, int32_t, uint32_t g) {
            if (!any) {
                ranges_[i].vertex = next_vertex++;
                vertex_range_.push_back(i);
                any = true;
            }
            edges.emplace_back(g, ranges_[i].vertex);
        });
        for (const ArrayFormula& a : arrays)
            if (a.sheet == r.sheet && overlaps(a.range, r.range)) {
                if (!any) {
                    ranges_[i].vertex = next_vertex++;
                    vertex_range_.push_back(i);
                    any = true;
                }
                edges.emplace_back(a.formula, ranges_[i].vertex);
            }
    }
    // Range users, in CSR form; edges from range vertices to their users.
    std::sort(range_uses.begin(), range_uses.end());
    range_uses.erase(std::unique(range_uses.begin(), range_uses.end()), range_uses.end());
    range_use_start_.assign(ranges_.size() + 1, 0);
    range_use_list_.resize(range_uses.size());
    for (auto& [r, f] : range_uses) ++range_use_start_[r + 1];
    for (size_t i = 1; i < range_use_start_.size(); ++i) range_use_start_[i] += range_use_start_[i - 1];
    for (size_t i = 0; i < range_uses.size(); ++i) {
        range_use_list_[i] = range_uses[i].second;
        uint32_t v = ranges_[range_uses[i].first].vertex;
        if (v != UINT32_MAX) edges.emplace_back(v, range_uses[i].second);
    }
    std::vector<std::pair<uint32_t, uint32_t>>().swap(range_uses);

    short_ranges_.clear();
    long_ranges_.clear();
    for (uint32_t i = 0; i < ranges_.size(); ++i)
        (ranges_[i].range.range.rows() <= kShortRows ? short_ranges_ : long_ranges_).push_back(i);
    std::sort(short_ranges_.begin(), short_ranges_.end(), [&](uint32_t a, uint32_t b) {
        const SheetRange &x = ranges_[a].range, &y = ranges_[b].range;
        return x.sheet < y.sheet || (x.sheet == y.sheet && x.range.r1 < y.range.r1);
    });

    // Self-references (A1 = A1 + 1, or a SUM over a range holding its own cell) are cycles too.
    std::vector<uint8_t> self_loop(next_vertex, 0);
    for (auto& [a, b] : edges)
        if (a == b) self_loop[a] = 1;
    graph_ = Graph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), next_vertex);
    std::vector<std::pair<uint32_t, uint32_t>>().swap(edges);

    std::vector<uint32_t> comp(next_vertex);
    uint32_t ncomp = uint32_t(boost::strong_components(
        graph_, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, graph_))));
    // Tarjan numbers components sinks first: evaluation order is descending component number.
    // Vertices by descending component (a counting sort); when every component is one
    // vertex, as without cycles, component c's vertex simply goes to place ncomp - 1 - c.
    const bool singletons = ncomp == next_vertex;
    std::vector<uint32_t> comp_start, by_comp(next_vertex);
    if (singletons) {
        for (uint32_t v = 0; v < next_vertex; ++v) by_comp[ncomp - 1 - comp[v]] = v;
    } else {
        std::vector<uint32_t> comp_size(ncomp, 0);
        comp_start.assign(ncomp + 1, 0);
        for (uint32_t v = 0; v < next_vertex; ++v) ++comp_size[comp[v]];
        for (uint32_t c = 0; c < ncomp; ++c) comp_start[c + 1] = comp_start[c] + comp_size[ncomp - 1 - c];
        std::vector<uint32_t> fill(comp_start.begin(), comp_start.end() - 1);
        for (uint32_t v = 0; v < next_vertex; ++v) by_comp[fill[ncomp - 1 - comp[v]]++] = v;
    }
    std::vector<uint32_t>().swap(comp);
    order_.clear();
    order_.reserve(F);
    pos_.assign(F, UINT32_MAX);
    cycles_.clear();
    cycle_of_.clear();
    for (uint32_t c = 0; c < ncomp; ++c) {
        uint32_t b = singletons ? c : comp_start[c], e = singletons ? c + 1 : comp_start[c + 1];
        bool cyclic = e - b > 1 || self_loop[by_comp[b]];
        std::vector<uint32_t> members;
        for (uint32_t i = b; i < e; ++i) {
            uint32_t v = by_comp[i];
            if (v >= F || formulas[v].sheet == kNoSheet) continue;
            pos_[v] = uint32_t(order_.size());
            order_.push_back(v);
            if (cyclic) members.push_back(v);
        }
        if (cyclic && !members.empty()) {
            if (cycle_of_.empty()) cycle_of_.assign(F, 0);
            cycles_.push_back(std::move(members));
            for (uint32_t v : cycles_.back()) cycle_of_[v] = uint32_t(cycles_.size());
        }
    }
}

void DependencyGraph::range_dependents(uint32_t range, std::vector<uint32_t>& out) const {
    for (uint32_t i = range_use_start_[range]; i < range_use_start_[range + 1]; ++i) out.push_back(range_use_list_[i]);
}

void DependencyGraph::cell_dependents(SheetCell c, std::vector<uint32_t>& out) const {
    uint64_t key = cell_key(c.sheet, c.cell.row, c.cell.col);
    auto it = std::lower_bound(cell_uses_.begin(), cell_uses_.end(), key,
                               [](const CellUse& u, uint64_t k) { return u.cell < k; });
    for (; it != cell_uses_.end() && it->cell == key; ++it) out.push_back(it->formula);
    // Short ranges start at most kShortRows - 1 rows above the cell.
    int32_t from_row = c.cell.row - kShortRows + 1;
    auto lo = std::lower_bound(short_ranges_.begin(), short_ranges_.end(), std::pair<SheetId, int32_t>{c.sheet, from_row},
                               [&](uint32_t id, const std::pair<SheetId, int32_t>& k) {
                                   const SheetRange& r = ranges_[id].range;
                                   return r.sheet < k.first || (r.sheet == k.first && r.range.r1 < k.second);
                               });
    for (; lo != short_ranges_.end(); ++lo) {
        const SheetRange& r = ranges_[*lo].range;
        if (r.sheet != c.sheet || r.range.r1 > c.cell.row) break;
        if (r.range.contains(c.cell.row, c.cell.col)) range_dependents(*lo, out);
    }
    for (uint32_t id : long_ranges_) {
        const SheetRange& r = ranges_[id].range;
        if (r.sheet == c.sheet && r.range.contains(c.cell.row, c.cell.col)) range_dependents(id, out);
    }
}

void DependencyGraph::formula_dependents(uint32_t f, std::vector<uint32_t>& out) const {
    if (f >= formula_count_ || f >= boost::num_vertices(graph_)) return;
    for (auto [it, end] = boost::adjacent_vertices(f, graph_); it != end; ++it) {
        uint32_t v = *it;
        if (v < formula_count_) out.push_back(v);
        else range_dependents(vertex_range_[v - formula_count_], out);
    }
}

// cell_uses_ by its size: the room reserved beyond it (see build) is never touched.
size_t DependencyGraph::memory_bytes() const {
    return (boost::num_vertices(graph_) + 1) * 4 + boost::num_edges(graph_) * 4 + order_.capacity() * 4 +
           pos_.capacity() * 4 + cell_uses_.size() * sizeof(CellUse) + ranges_.capacity() * sizeof(RangeInfo) +
           range_use_list_.capacity() * 4 + range_use_start_.capacity() * 4 + short_ranges_.capacity() * 4;
}

}  // namespace sp::calc
