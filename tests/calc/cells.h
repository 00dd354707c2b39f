// cells.h — reading a workbook's cells by A1 address in the calculator and formula tests: the
// value of a cell that must be a number (the failing assertion names the cell and what it holds).
#pragma once
#include <catch2/catch.hpp>

#include "calc/calculator.h"

namespace sp::test {

inline CellAddr at(const char* a1) { return *parse_cell(a1); }

inline double num(const Workbook& wb, SheetId s, const char* a1) {
    Value v = wb.get(s, at(a1));
    INFO(a1 << " = " << to_display(v));
    REQUIRE(v.is_number());
    return v.number();
}

}  // namespace sp::test
