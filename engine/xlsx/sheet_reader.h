// sheet_reader.h — one worksheet part into a Sheet: cell values of every type, formulas
// (plain, shared, array) with their cached values, cell styles, and the layout
// (column widths, merges, frozen panes). The hot path of loading a workbook.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/workbook.h"
#include "xlsx/bytes.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

struct SheetInput {
    Workbook& wb;
    SheetId sheet;
    const std::vector<Value>& shared_strings;
    const std::vector<uint16_t>& xf_map;  // cellXfs index -> model style id
    const std::string& file;
    const std::string& part;
    const std::vector<Err>* vm_errors = nullptr;  // cached errors behind vm="N" (rich_errors.h)
};

struct SheetCounts {
    size_t cells = 0;
    size_t formulas = 0;
};

// Parses xml (in place: the buffer is overwritten). Throws Error on malformed XML or a
// cell reference outside the grid.
SheetCounts read_sheet(Bytes& xml, const SheetInput& in);
// The same for a zip entry: a large deflated one is inflated a slice at a time as it is
// parsed (inflow.h); damage in the entry (bad deflate data, size, CRC) is the error then.
SheetCounts read_sheet(const ZipReader& zip, const ZipEntry& e, const SheetInput& in);

}  // namespace sp::xlsx
