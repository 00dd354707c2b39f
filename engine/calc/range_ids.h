// range_ids.h — numbering the distinct ranges that formulas reference, by first use, for
// the dependency graph. An open-addressing table of ids into the caller's list of ranges:
// std::unordered_map (a node per range, a modulo per lookup) was a third of collecting
// the precedents of a million formulas that each sum their own row.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "core/address.h"

namespace sp::calc {

class RangeIds {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    // The id of r in `ranges`; when new, r is appended and gets the next id (second: true).
    std::pair<uint32_t, bool> insert(const SheetRange& r, std::vector<SheetRange>& ranges) {
        if ((ranges.size() + 1) * 2 > slots_.size()) grow(ranges);
        size_t i = slot(r);
        for (; slots_[i]; i = (i + 1) & mask_)
            if (ranges[slots_[i] - 1] == r) return {slots_[i] - 1, false};
        ranges.push_back(r);
        slots_[i] = uint32_t(ranges.size());
        return {uint32_t(ranges.size() - 1), true};
    }
    // The id of r in `ranges` (the list insert filled), or kNone.
    uint32_t find(const SheetRange& r, const std::vector<SheetRange>& ranges) const {
        if (slots_.empty()) return kNone;
        for (size_t i = slot(r); slots_[i]; i = (i + 1) & mask_)
            if (ranges[slots_[i] - 1] == r) return slots_[i] - 1;
        return kNone;
    }

private:
    // Fibonacci hashing: the product's top bits pick the slot.
    size_t slot(const SheetRange& r) const {
        uint64_t h = r.sheet;
        for (int32_t v : {r.range.r1, r.range.c1, r.range.r2, r.range.c2}) h = (h ^ uint32_t(v)) * 0x9E3779B97F4A7C15ull;
        return size_t(h >> shift_);
    }
    void grow(const std::vector<SheetRange>& ranges) {
        size_t n = slots_.empty() ? 64 : slots_.size() * 2;
        slots_.assign(n, 0);
        mask_ = n - 1;
        shift_ = 64;
        for (size_t m = n; m > 1; m >>= 1) --shift_;
        for (uint32_t id = 0; id < ranges.size(); ++id) {
            size_t i = slot(ranges[id]);
            while (slots_[i]) i = (i + 1) & mask_;
            slots_[i] = id + 1;
        }
    }

    std::vector<uint32_t> slots_;  // id + 1; 0: empty
    size_t mask_ = 0;
    int shift_ = 64;
};

}  // namespace sp::calc
