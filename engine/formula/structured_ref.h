// structured_ref.h — Excel structured references (Table1[Sales], Table1[[#This Row],[Qty]],
// [@Qty], Table1[[#Headers],[A]:[C]], bare Table1) resolved to plain ranges at compile time.
// The parser keeps such a reference as a Name node with Excel's text (so printing gives the text
// back); resolve_structured then hangs the resolved Ref (or an Excel error) under it as
// children[0] and marks it `resolved`, and the compiler compiles that child. Forms that cannot be
// resolved (an unknown table or column, a this-row form in a defined name) stay unresolved and
// are reported as not evaluated, so the cell keeps its cached value.
#pragma once
#include <string>
#include <string_view>

#include "core/address.h"
#include "formula/ast.h"

namespace sp {
class Workbook;
}

namespace sp::formula {

// The parts of a structured reference's text.
struct StructuredRef {
    enum Item : unsigned { All = 1, Data = 2, Headers = 4, Totals = 8, ThisRow = 16 };
    std::string table;       // empty: the table holding the formula ([@Qty], [Column3])
    unsigned items = 0;      // 0: #Data
    std::string col1, col2;  // unescaped column names; col1 empty: every column; col2 empty: col1 only
};

// Splits `text` ("Table1[[#This Row],[Jan]:[Dec]]"); false when it is not a structured
// reference this reader understands.
bool parse_structured(std::string_view text, StructuredRef& out);

// Resolves every structured reference in `ast` for a formula at (sheet, anchor); in_name: the
// formula of a defined name (no row of its own, so this-row forms stay unresolved).
// Returns a signature of the resolutions ("" when there are none) that the caller appends to
// the program's shape key: the same text may resolve differently in another table.
std::string resolve_structured(Node& ast, const Workbook& wb, SheetId sheet, CellAddr anchor, bool in_name);

}  // namespace sp::formula
