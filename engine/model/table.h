// table.h — an Excel table (ListObject, xl/tables/tableN.xml) as the model keeps it: its name,
// its area on one sheet, header and totals rows, and its columns in order. Formulas name tables
// in structured references (Table1[Sales]); formula/structured_ref.h turns those into ranges.
#pragma once
#include <string>
#include <vector>

#include "core/address.h"

namespace sp {

struct TableColumn {
    std::string name;                // as the header shows it (unescaped)
    std::string calculated_formula;  // <calculatedColumnFormula>, without '='; metadata only (cells hold their own)
    std::string totals_function;     // totalsRowFunction: sum, average, custom …; empty: none
    std::string totals_formula;      // <totalsRowFormula> when totals_function is custom
    std::string totals_label;        // totalsRowLabel
};

struct Table {
    std::string name;          // name attribute
    std::string display_name;  // what formulas use (usually equal to name)
    std::string part;          // the table part it was read from
    SheetId sheet = kNoSheet;
    RangeAddr ref{};           // the whole table: header row, data rows, totals row
    int header_rows = 1;       // headerRowCount (0 or 1)
    int totals_rows = 0;       // totalsRowCount (0 or 1)
    std::vector<TableColumn> columns;
    bool filtered = false;     // its AutoFilter has criteria: its hidden data rows are rows the filter hides

    int32_t data_first_row() const { return ref.r1 + header_rows; }
    int32_t data_last_row() const { return ref.r2 - totals_rows; }
    // Index of the column named `name` (case-insensitive, as Excel), -1 when none.
    int find_column(std::string_view name) const;
};

class Workbook;
// Whether row `row` of sheet s is hidden (<row hidden="1">); filtered_only: and a row of a filtered
// table's data (one the AutoFilter hides). SUBTOTAL 1-11 skip filtered rows, 101-111 every hidden row.
bool row_hidden(const Workbook& wb, SheetId s, int32_t row, bool filtered_only);

}  // namespace sp
