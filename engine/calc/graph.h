// graph.h — the dependency graph of a workbook's formulas.
//
// Vertices are formula cells and those referenced ranges that contain formula cells;
// a range is one vertex however many cells it spans (SUM($F$2:$F$100001) costs one
// edge per formula inside F plus one per formula that uses the range, not 100,000
// per user). References to constant cells are not edges: they are kept in a sorted
// (cell -> formula) index, and multi-cell ranges in an interval index, which is how an
// edited cell finds the formulas to recompute. Strongly connected components (Boost.Graph,
// Tarjan) give both the circular references and, numbered in reverse topological
// order, the evaluation order.
#pragma once
#include <cstdint>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "core/address.h"

namespace sp {
class Workbook;
}

namespace sp::calc {

class DependencyGraph {
public:
    // `blocks`: how many consecutive blocks of formulas collect their precedents on their
    // own threads (0: one per core from 50,000 formulas up). The graph is the same for any.
    void build(const Workbook& wb, unsigned blocks = 0);

    // Formula indices in evaluation order; the members of a cycle are contiguous.
    const std::vector<uint32_t>& order() const { return order_; }
    uint32_t position(uint32_t formula) const { return pos_[formula]; }
    // Circular groups (formula indices, in order) and, per formula, its group + 1 (0: none).
    const std::vector<std::vector<uint32_t>>& cycles() const { return cycles_; }
    uint32_t cycle_of(uint32_t formula) const { return cycle_of_.empty() ? 0 : cycle_of_[formula]; }
    const std::vector<uint32_t>& volatile_formulas() const { return volatile_; }

    // Formulas that read the cell directly or through a range (not transitively).
    void cell_dependents(SheetCell cell, std::vector<uint32_t>& out) const;
    // Formulas that read the formula cell f directly or through a range.
    void formula_dependents(uint32_t f, std::vector<uint32_t>& out) const;
    size_t vertex_count() const { return boost::num_vertices(graph_); }
    size_t edge_count() const { return boost::num_edges(graph_); }
    size_t memory_bytes() const;

private:
    using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, uint32_t, uint32_t>;
#pragma pack(push, 4)
    struct CellUse {  // 12 bytes
        uint64_t cell;
        uint32_t formula;
    };
#pragma pack(pop)
    struct RangeInfo {
        SheetRange range;
        uint32_t vertex;  // graph vertex, or UINT32_MAX when the range holds no formula
    };
    static uint64_t cell_key(SheetId s, int32_t row, int32_t col) {
        return (uint64_t(s) << 34) | (uint64_t(row) << 14) | uint64_t(col);
    }
    void range_dependents(uint32_t range, std::vector<uint32_t>& out) const;

    uint32_t formula_count_ = 0;
    Graph graph_;
    std::vector<uint32_t> order_, pos_, cycle_of_, volatile_;
    std::vector<std::vector<uint32_t>> cycles_;
    std::vector<CellUse> cell_uses_;            // sorted by cell
    std::vector<RangeInfo> ranges_;
    std::vector<uint32_t> range_use_start_;     // CSR: formulas using range i
    std::vector<uint32_t> range_use_list_;
    std::vector<uint32_t> short_ranges_;        // ranges of <= kShortRows rows, sorted by (sheet, r1)
    std::vector<uint32_t> long_ranges_;
    std::vector<uint32_t> vertex_range_;        // range vertex -> range id
    static constexpr int32_t kShortRows = 64;
};

}  // namespace sp::calc
