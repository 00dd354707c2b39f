// table.cpp — lookups over the workbook's tables (see table.h).
#include "model/table.h"

#include <algorithm>
#include <cctype>

#include "model/workbook.h"

namespace sp {

static bool iequal_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::toupper(uint8_t(a[i])) != std::toupper(uint8_t(b[i]))) return false;
    return true;
}

int Table::find_column(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (iequal_ascii(columns[i].name, name)) return int(i);
    return -1;
}

const Table* Workbook::find_table(std::string_view name) const {
    for (const Table& t : tables_)
        if (iequal_ascii(t.display_name, name) || (t.display_name.empty() && iequal_ascii(t.name, name))) return &t;
    return nullptr;
}

const Table* Workbook::table_at(SheetId s, CellAddr c) const {
    for (const Table& t : tables_)
        if (t.sheet == s && c.row >= t.ref.r1 && c.row <= t.ref.r2 && c.col >= t.ref.c1 && c.col <= t.ref.c2) return &t;
    return nullptr;
}

bool row_hidden(const Workbook& wb, SheetId s, int32_t row, bool filtered_only) {
    const auto& hidden = wb.sheet(s).layout().hidden_rows;
    if (hidden.empty() || !std::binary_search(hidden.begin(), hidden.end(), row)) return false;
    if (!filtered_only) return true;
    for (const Table& t : wb.tables())
        if (t.sheet == s && t.filtered && row >= t.data_first_row() && row <= t.data_last_row()) return true;
    return false;
}

}  // namespace sp
