// sheet.h — one worksheet's cells, stored column by column in chunks of 256 rows.
// A chunk keeps a type byte and an 8-byte slot per row: the number itself, or the
// shared string's pointer, the boolean or the error code. Summing a column is a
// loop over a double array. Formula cells keep their last value here too; which
// cells hold formulas is recorded in a parallel, lazily allocated index.
#pragma once
#include <cstdint>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/value.h"
#include "model/layout.h"

namespace sp {

constexpr uint32_t kNoFormula = 0xFFFFFFFF;

// A read-only look at one stored cell, without touching reference counts.
struct CellView {
    Type type = Type::Empty;
    union {
        double num;
        StrRep* str;
        bool b;
        Err err;
    };
    CellView() : num(0) {}
    Value value() const;
};

class Sheet {
public:
    static constexpr int kChunkRows = 256;

    explicit Sheet(std::string name) : name_(std::move(name)) {}
    ~Sheet();
    Sheet(const Sheet&) = delete;
    Sheet& operator=(const Sheet&) = delete;

    const std::string& name() const { return name_; }
    void rename(std::string name) { name_ = std::move(name); }

    Value get(int32_t row, int32_t col) const { return view(row, col).value(); }
    CellView view(int32_t row, int32_t col) const;
    void set(int32_t row, int32_t col, const Value& v);  // arrays are not stored; their top-left is
    void clear(int32_t row, int32_t col) { set(row, col, Value()); }

    // Formula index of a cell (kNoFormula when it holds none). Set by Workbook.
    uint32_t formula_at(int32_t row, int32_t col) const;
    void set_formula_index(int32_t row, int32_t col, uint32_t idx);

    // Style id of a cell (index into Workbook::styles(); 0 = default). Stored in a
    // lazily allocated per-chunk array, like the formula index.
    uint16_t style_at(int32_t row, int32_t col) const;
    void set_style(int32_t row, int32_t col, uint16_t style);

    // Merges, column widths, frozen panes (read from xlsx, used by the fresh writer).
    SheetLayout& layout() { return layout_; }
    const SheetLayout& layout() const { return layout_; }

    // Visits stored (non-empty) cells of a range, column by column, top to bottom:
    // fn(int32_t row, int32_t col, const CellView&).
    template <class F>
    void for_each(const RangeAddr& r, F&& fn) const;

    // Visits the formula cells of a range: fn(int32_t row, int32_t col, uint32_t formula_index).
    template <class F>
    void for_each_formula(const RangeAddr& r, F&& fn) const;

    // Smallest range holding every non-empty cell or formula (nullopt when the sheet is empty).
    std::optional<RangeAddr> used_range() const;
    int32_t column_count() const { return static_cast<int32_t>(cols_.size()); }
    // One past the last row with a chunk in column col (an upper bound on rows in use).
    int32_t column_extent(int32_t col) const;
    size_t cell_count() const { return cells_; }
    // Whether storage exists for the 256-row chunk holding (row, col): lets writers skip
    // empty regions when walking a sheet row by row.
    bool has_chunk(int32_t row, int32_t col) const { return chunk(row, col) != nullptr; }

private:
    struct Chunk {
        uint8_t type[kChunkRows] = {};
        double slot[kChunkRows] = {};
        std::unique_ptr<uint32_t[]> formula;  // kNoFormula-filled when allocated
        std::unique_ptr<uint16_t[]> style;    // zero-filled when allocated
        uint16_t used = 0;
    };
    struct Column {
        std::vector<std::unique_ptr<Chunk>> chunks;
    };
    Chunk* chunk_for_write(int32_t row, int32_t col);
    const Chunk* chunk(int32_t row, int32_t col) const {
        if (col >= int32_t(cols_.size())) return nullptr;
        const auto& ch = cols_[col].chunks;
        size_t k = size_t(row) / kChunkRows;
        return k < ch.size() ? ch[k].get() : nullptr;
    }
    static void release_slot(Chunk& c, int i);

    std::string name_;
    std::vector<Column> cols_;
    size_t cells_ = 0;
    SheetLayout layout_;
};

template <class F>
void Sheet::for_each(const RangeAddr& r, F&& fn) const {
    int32_t c_end = std::min<int32_t>(r.c2, int32_t(cols_.size()) - 1);
    for (int32_t c = r.c1; c <= c_end; ++c) {
        const auto& chunks = cols_[c].chunks;
        if (chunks.empty()) continue;
        int32_t r_end = std::min<int32_t>(r.r2, int32_t(chunks.size()) * kChunkRows - 1);
        for (int32_t row = r.r1; row <= r_end;) {
            const Chunk* ch = chunks[size_t(row) / kChunkRows].get();
            int32_t base = row - row % kChunkRows;
            int32_t stop = std::min(r_end, base + kChunkRows - 1);
            if (ch && ch->used) {
                for (int32_t rr = row; rr <= stop; ++rr) {
                    int i = rr - base;
                    if (ch->type[i] == uint8_t(Type::Empty)) continue;
                    CellView v;
                    v.type = Type(ch->type[i]);
                    v.num = ch->slot[i];
                    fn(rr, c, v);
                }
            }
            row = stop + 1;
        }
    }
}

template <class F>
void Sheet::for_each_formula(const RangeAddr& r, F&& fn) const {
    int32_t c_end = std::min<int32_t>(r.c2, int32_t(cols_.size()) - 1);
    for (int32_t c = r.c1; c <= c_end; ++c) {
        const auto& chunks = cols_[c].chunks;
        if (chunks.empty()) continue;
        int32_t r_end = std::min<int32_t>(r.r2, int32_t(chunks.size()) * kChunkRows - 1);
        for (int32_t row = r.r1; row <= r_end;) {
            const Chunk* ch = chunks[size_t(row) / kChunkRows].get();
            int32_t base = row - row % kChunkRows;
            int32_t stop = std::min(r_end, base + kChunkRows - 1);
            if (ch && ch->formula)
                for (int32_t rr = row; rr <= stop; ++rr)
                    if (uint32_t f = ch->formula[rr - base]; f != kNoFormula) fn(rr, c, f);
            row = stop + 1;
        }
    }
}

}  // namespace sp
