// cell_value.h — the value part of a <c> element: its t attribute and <v> text into
// a Value (shared by the reader and the patch writer, so both read cached values the
// same way), and the Value back into t and <v>/<is> text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace sp::xlsx {

enum class CellType : uint8_t { Number, Shared, Str, Inline, Bool, Error, Date };
// t attribute ("" for none) -> type; unknown types read as numbers, like Excel.
CellType cell_type(std::string_view t);

// <v> text (entities already decoded) -> Value. On a malformed value, sets *problem and
// returns the text as a string (numbers) or #VALUE! (errors, shared-string indexes).
Value decode_value(CellType t, std::string_view v, const std::vector<Value>& shared_strings, bool date1904,
                   std::string* problem);

// ISO 8601 "2024-01-31", "2024-01-31T12:30:00", "12:30:00" (t="d") -> date serial.
bool parse_iso_date(std::string_view s, bool date1904, double& serial);

// How the patch writer stores a model value in a cell. Excel keeps circular cells at 0
// after its warning; Suanpan's #CYCLE! has no Excel spelling, so it is written as 0.
Value value_for_file(const Value& model);
// The text of an error in <v>: the file format knows #NULL! … #N/A and #GETTING_DATA;
// #SPILL! and #CALC! are written as #VALUE! (Excel adds a rich-value link, vm="N", which
// the patch writer reuses when the package has one for that error).
std::string_view file_error_text(Err e);

// Appends the value part of a cell: sets t (empty for numbers/empty cells) and the
// children text (<v>…</v> or <is>…</is>, prefixed with `pfx`, e.g. "x:").
void encode_value(const Value& v, bool formula, std::string_view pfx, std::string& t, std::string& children);

}  // namespace sp::xlsx
