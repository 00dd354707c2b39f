// open_workbook.h — what the xlsx commands share: the input options (--max-inflated,
// --strict), loading a workbook with errors mapped to exit codes and diagnostics
// reported on stderr, the recalculation, sheet/cell arguments, and value display.
// The one place that opens and recalculates a workbook for a command (plugins hook in here).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

namespace sp::cli {

struct InputOptions {
    uint64_t max_inflated = 0;  // 0: the defaults (1 GiB per part, 2 GiB per package)
    bool strict = false;        // formulas that do not parse are errors (exit 3, no output)
    bool lenient = false;       // … unless this is set: such cells keep their cached values
    bool day_first = false;     // dates typed as text read d/m/y (VALUE("2/3/2023") is 2 March)
};
// `writes`: the command writes a workbook (recalc). There a formula that does not parse is
// bad input by default (exit 3, no output); --lenient writes anyway. Elsewhere it is a
// warning unless --strict.
void add_input_options(CLI::App& sub, InputOptions& o, bool writes = false);

// The Lua plugins named by the global options (shipped plugins/, --plugins DIR,
// SUANPAN_PLUGIN_PATH; none with --no-plugins), loaded once per process. Broken plugin
// files are reported on stderr; the others still load.
std::shared_ptr<lua::PluginSet> cli_plugins();
// The built-in functions plus those plugins' functions (lives as long as the process).
const FunctionRegistry* cli_registry();

struct OpenedWorkbook {
    std::shared_ptr<lua::PluginSet> plugins;
    std::unique_ptr<lua::Runtime> runtime;  // this thread's Lua state: the calculator's host
    xlsx::Document doc;
    std::unique_ptr<Calculator> calc;
    RecalcStats recalc;  // zero when not recalculated
    Workbook& wb() { return *doc.workbook; }
};

// Loads `path` (xlsx::Error -> Exit{kBadInput}), prints diagnostics to stderr, and with
// `recalc` recalculates every formula (recording changed cached values when asked).
OpenedWorkbook open_workbook(const std::string& path, const InputOptions& in, bool recalc, bool record_changes = false);

// A sheet by name; Exit{kBadInput} naming the file when there is none.
SheetId sheet_arg(const xlsx::Document& doc, const std::string& name);
// "Sheet!C5", "'收入'!C5:D9", "C5" (on default_sheet) -> sheet and range; Exit{kBadInput} on
// an unknown sheet, a malformed reference or one outside the grid.
SheetRange range_arg(const xlsx::Document& doc, const std::string& text, SheetId default_sheet);

// A value as a user reads it: numbers in General format; with `style` (a cell's style id)
// dates as yyyy-mm-dd[ hh:mm:ss] and percentages with %.
std::string display(const Workbook& wb, const Value& v, uint16_t style = 0);

}  // namespace sp::cli
