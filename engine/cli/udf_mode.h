// udf_mode.h — how plugin calls are written into an output xlsx (`--udf`):
// keep (the call and its cached value), excel (the plugin's declared Excel form, so the
// file stays live in Excel, WPS and LibreOffice), freeze (the value only, no formula).
#pragma once
#include <string>

#include "xlsx/xlsx.h"

namespace sp::cli {

enum class UdfMode { Keep, Excel, Freeze };
UdfMode parse_udf_mode(const std::string& text);  // throws Exit(kUsage) on an unknown mode

// Formula rewrites for the cells whose formula calls a plugin function. For Excel mode,
// a cell whose plugin calls all have an Excel form gets the expanded formula; any other
// keeps its call. Array formulas are left alone.
void add_udf_overrides(const Workbook& wb, UdfMode mode, xlsx::WriteOptions& wo);

// The formula text with every plugin call replaced by its Excel form (%1, %2… are the
// arguments); false when a call has no form or too few arguments for it.
bool expand_excel_forms(const Workbook& wb, const std::string& formula, CellAddr at, std::string& out);

}  // namespace sp::cli
