// consolidate.h — 汇总: many units' copies of one template added into one workbook.
//
// The output is the template itself (read, filled, recalculated, written with the patch
// writer so that every style, merge and print setting stays) where
//  - summed cells get the sum of the units' numbers (values only: a unit's own formula in
//    an input cell contributes its value);
//  - other constant cells (titles, 编制单位, 年度, parameters, text inputs) keep the
//    template's value, or when the template is empty there, the value every unit agrees
//    on; where units disagree the cell stays empty and a note says so;
//  - 公布数 cells stay as in the template (a consolidation has no published figure);
//  - formulas are recomputed on the sums.
// Which cells are summed: with the template's layout (T.layout.json next to T, or
// --layout), the layout's input cells inside its body rows; without one, every constant
// cell. --keep ranges are never summed. A unit whose sheets or formulas differ from the
// template is reported and left out. A sheet 汇总说明 lists every unit and whether it was included.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "xlsx/zip_reader.h"

namespace sp::lua {
class PluginSet;
}

namespace sp::batch {

struct ConsolidateOptions {
    std::string layout;               // layout.json; "" = the template's own (T.layout.json) when it exists
    bool use_layout = true;           // false: sum every constant cell
    std::vector<std::string> keep;    // "Sheet!A1:B5" or "A1:B5" (every sheet): never summed
    std::string summary_sheet = "汇总说明";  // "" to add none
    bool require_all = false;         // a unit left out is an error (nothing written)
    xlsx::InflateLimits limits;
};

struct UnitResult {
    std::string path;
    std::string unit;       // 编制单位 / 单位名称 / 实施单位 as found in the file ("" when none)
    bool included = false;
    std::string reason;     // why it was left out
    size_t numbers = 0;     // summed cells it contributed a number to
    std::vector<std::string> notes;  // input cells holding text or errors where numbers are summed
};

struct ConsolidateResult {
    std::vector<UnitResult> units;
    size_t included = 0;
    size_t cells_summed = 0;             // cells of the output that received a sum
    std::vector<std::string> conflicts;  // "Sheet!C3" kept cells where units disagree (left empty)
    std::string layout_used;             // the layout file applied ("" when none)
    size_t cells_not_written = 0;        // sums in cells without a <c> in the template (patch mode cannot add them)
    std::vector<std::string> notes;
};

// Throws xlsx::Error for an unreadable template or layout, xlsx::OutputError when the output
// cannot be written, std::runtime_error when no unit matches. Inputs that cannot be read or
// do not match are reported in the result, not thrown.
ConsolidateResult consolidate(const std::vector<std::string>& inputs, const std::string& template_path,
                              const std::string& out_path, std::shared_ptr<const lua::PluginSet> plugins,
                              const ConsolidateOptions& opt = {});

}  // namespace sp::batch
