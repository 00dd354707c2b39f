// sheet_patch.h — rewriting the <c> elements of a worksheet whose value in the model
// differs from the value cached in the XML; every other byte of the part is kept.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/workbook.h"
#include "xlsx/bytes.h"

namespace sp::xlsx {

struct SheetPatchInput {
    const Workbook& wb;
    SheetId sheet;
    const std::vector<Value>& shared_strings;
    // Formula overrides of this sheet, keyed by (row << 32 | col): new text, or nullopt to drop the <f>.
    const std::unordered_map<uint64_t, std::optional<std::string>>& overrides;
    // When set, the bytes of the part already copied to the output are released as the
    // scan passes them, so that the original and the rewritten part do not both stay
    // resident in full (a 200 MiB sheet would otherwise cost 400 MiB at once). Only for
    // a patch of the whole part in one range (patch_sheet); the sliced writer releases
    // the original itself, slice by slice.
    Bytes* release = nullptr;
    // Value metadata of the package: vm-1 -> the #SPILL!/#CALC! a cached #VALUE! stands for.
    const std::vector<Err>* vm_errors = nullptr;
};

struct SheetPatchResult {
    bool changed = false;
    size_t cells_rewritten = 0;
    size_t cells_matched = 0;  // <c> elements for which the model holds a value
};

// A worksheet part to patch, in one range or in slices that patch independently (on
// several threads at once: patch() only reads the part and the model).
class SheetPatcher {
public:
    SheetPatcher(std::string_view xml, const SheetPatchInput& in);
    // Where the part may be cut: 0, then offsets about `slice_bytes` apart, each just before
    // a <row> start tag that has an r attribute (so a slice knows its rows without the
    // ones before it), then xml.size(). Consecutive pairs are the slices.
    std::vector<size_t> cuts(size_t slice_bytes) const;
    // Appends xml[begin, end) with its changed cells rewritten to `out`, from the first
    // changed cell on (result.changed); leaves `out` untouched when nothing changed.
    // begin and end: consecutive entries of cuts().
    SheetPatchResult patch(size_t begin, size_t end, ByteBuilder& out) const;

    // For slices not held in one buffer (inflated as they are needed): no part text here,
    // and no overrides (un-sharing needs the whole part first) nor in.release.
    explicit SheetPatcher(const SheetPatchInput& in);
    // Patches one slice held apart: `text` starts at a numbered <row> (or is the part's
    // first slice), [from, limit) is its share of <sheetData>'s content.
    SheetPatchResult patch_slice(std::string_view text, size_t from, size_t limit, ByteBuilder& out) const;

private:
    SheetPatchResult patch_cells(std::string_view xml, size_t begin, size_t from, size_t limit, size_t end,
                                 ByteBuilder& out) const;

    std::string_view xml_;
    const SheetPatchInput& in_;
    size_t rows_begin_ = 0, rows_end_ = 0;  // the content of <sheetData> (empty when none)
    std::string row_tag_;                   // "<row" with the root's prefix
    std::unordered_set<std::string> unshare_;
};

// Writes the patched part to `out` when something changed (result.changed); otherwise
// leaves `out` untouched. The whole part in one range, on this thread.
SheetPatchResult patch_sheet(std::string_view xml, const SheetPatchInput& in, ByteBuilder& out);

inline uint64_t cell_key(int32_t row, int32_t col) { return (uint64_t(uint32_t(row)) << 32) | uint32_t(col); }

}  // namespace sp::xlsx
