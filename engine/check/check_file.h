// check_file.h — one workbook file from bytes to a WorkbookReport: read (against the plugin
// registry), recalculate with the Lua runtime as host, record stale cached values, run the
// rules. Shared by `suanpan check` and the batch command (one Runtime per worker thread).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "check/report.h"
#include "check/rule.h"
#include "xlsx/xlsx.h"

namespace sp::lua {
class Runtime;
}

namespace sp::check {

struct CheckFileOptions {
    xlsx::ReadOptions read;       // set read.registry to the plugins' registry
    size_t max_stale = 100000;    // stale cached values recorded (the rest dropped)
};

// Never throws for a bad input or a bad rule: an unreadable file gives a report with status
// Unreadable and the reason in error. rt may be null (no plugins): fn-rules then report that
// they could not run.
WorkbookReport check_file(const std::string& path, const std::vector<Rule>& rules, lua::Runtime* rt,
                          const CheckFileOptions& opt = {});

// The same on a document already read (path taken from doc.path).
WorkbookReport check_document(xlsx::Document& doc, const std::vector<Rule>& rules, lua::Runtime* rt,
                              const CheckFileOptions& opt = {});

// Stale cached values among the calculator's recorded changes: formula cells that had a
// cached value which recalculation changed (cells saved without a value are not stale).
std::vector<StaleValue> stale_values(const Workbook& wb, const Calculator& calc, size_t max = 100000);

}  // namespace sp::check
