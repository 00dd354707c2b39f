// tables.h — Excel tables (ListObjects) into Workbook::tables(): for every worksheet, the
// parts its relationships name with the table type (xl/tables/tableN.xml). Read after the
// sheets are known and before defined names and formulas, which resolve structured references.
#pragma once
#include <string>
#include <vector>

#include "model/workbook.h"
#include "xlsx/package.h"
#include "xlsx/xlsx.h"

namespace sp::xlsx {

// A table part that is missing or damaged is skipped with a diagnostic (formulas naming that
// table are then reported, not evaluated); it never makes the file unreadable.
void read_tables(const ZipReader& zip, const std::vector<SheetPart>& sheets, Workbook& wb, const std::string& file);

}  // namespace sp::xlsx
