// sheet_patch.h — rewriting the <c> elements of a worksheet whose value in the model
// differs from the value cached in the XML; every other byte of the part is kept.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
    // resident in full (a 200 MiB sheet would otherwise cost 400 MiB at once).
    Bytes* release = nullptr;
    // Value metadata of the package: vm-1 -> the #SPILL!/#CALC! a cached #VALUE! stands for.
    const std::vector<Err>* vm_errors = nullptr;
};

struct SheetPatchResult {
    bool changed = false;
    size_t cells_rewritten = 0;
    size_t cells_matched = 0;  // <c> elements for which the model holds a value
};

// Writes the patched part to `out` when something changed (result.changed); otherwise
// leaves `out` untouched.
SheetPatchResult patch_sheet(std::string_view xml, const SheetPatchInput& in, ByteBuilder& out);

inline uint64_t cell_key(int32_t row, int32_t col) { return (uint64_t(uint32_t(row)) << 32) | uint32_t(col); }

}  // namespace sp::xlsx
