// sheet_patch_sliced.h — the patch writer's path for large worksheets: the part is cut
// into slices at <row> boundaries (SheetPatcher::cuts), and each slice is patched and
// deflated on whichever core is free, while the slices done are joined in order into
// one deflate stream and the original's pages behind them are given back to the kernel.
// So neither the rewritten sheet nor its text is ever held whole. The text is the same,
// byte for byte, as patch_sheet's; only the compressed bytes differ (zlib, in slices).
#pragma once
#include <functional>
#include <string_view>

#include "xlsx/sheet_patch.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

// Slices of about this size (a part is patched in slices when at least twice as large).
constexpr size_t kPatchSliceBytes = size_t(1) << 20;

struct SlicedPatch {
    SheetPatchResult result;
    uint32_t crc = 0;   // of the new part's text, when result.changed
    uint64_t size = 0;
};

// Patches entry `e` of `zip` (in.release is not used). When a cell changed, the
// new part's compressed bytes go to emit(bytes), slice by slice in order, the first call
// coming only once a change is found; nothing is emitted for a part with no change.
// level: zlib's 1-9.
SlicedPatch patch_sheet_sliced(const ZipReader& zip, const ZipEntry& e, const SheetPatchInput& in, size_t slice_bytes,
                               int level, const std::function<void(std::string_view)>& emit);

}  // namespace sp::xlsx
