// shape_text.h — a formula text with its A1 cell references made relative to the cell it is
// in, so that the plain formulas of a filled-down column ("A2+B2", "A3+B3", …) give one text:
// the reader parses and prints the R1C1 shape key once per such text and slice, not once per
// cell (parsing a million formulas only for their keys was half of loading them).
//
// Two formulas with the same shape text have the same R1C1 shape: outside quotes they differ
// only in cell references, which are in the grid and at the same offsets. Everything else is
// copied as written, which is safe only where its meaning does not depend on the cell: so a
// text whose references are not all of the plain kind (a column or row range such as A:B or
// 2:3, a row number with a leading zero, a control character) gets no shape text at all and
// is parsed as before.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::xlsx {

// Appends the shape text of `text` in cell (row, col) to out; false (out as it was) when the
// text has none.
bool shape_text(std::string_view text, int32_t row, int32_t col, std::string& out);

}  // namespace sp::xlsx
