// append_sheet.h — adds one plain worksheet (strings and numbers, no styles) at the end of
// an xlsx package already written, copying every other part as compressed bytes. The patch
// writer only rewrites existing cells; consolidation uses this to add its 汇总说明 sheet.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace sp::batch {

using SheetCellText = std::variant<std::monostate, double, std::string>;  // empty, number, text

struct PlainSheet {
    std::string name;
    std::vector<std::vector<SheetCellText>> rows;
    std::vector<double> column_widths;  // in characters, from column A; 0 = default
};

// Rewrites `path` in place (temporary file + rename). Throws xlsx::Error / OutputError.
void append_sheet(const std::string& path, const PlainSheet& sheet);

}  // namespace sp::batch
