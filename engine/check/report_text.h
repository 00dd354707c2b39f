// report_text.h — the check report as a table for a terminal: one line per finding,
// columns aligned by display width (CJK characters take two columns).
#pragma once
#include <string>
#include <string_view>

#include "check/report.h"

namespace sp::check {

// Columns a UTF-8 string takes in a terminal: East Asian wide and full-width characters 2, others 1.
size_t display_width(std::string_view utf8);

// "收入支出决算总表!C39" (sheet alone, or "" when the finding is not about a place).
std::string location(const Finding& f);

struct TextOptions {
    bool color = false;        // ANSI colours for severities (when stdout is a terminal)
    size_t max_stale = 20;     // stale cached values listed (the rest counted)
    msg::Lang lang = msg::Lang::zh;  // the table's words and the engine's messages (rules' own stay as written)
};

// Table, then stale cached values, then a summary line.
std::string format_text(const WorkbookReport& r, const TextOptions& opt = {});

}  // namespace sp::check
