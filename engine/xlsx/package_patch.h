// package_patch.h — the small text edits the patch writer makes outside worksheets:
// calcPr in workbook.xml, the calcChain relationship, its content-type Override.
// Each returns the new text, or nullopt when the part needs no change.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sp::xlsx {

// Excel 365's calculation engine id. A file saved with an older calcId is fully
// recalculated by Excel when opened; with this one Excel shows the cached values.
constexpr int kExcelCalcId = 191029;

// calcPr gets calcId >= kExcelCalcId, and fullCalcOnLoad="1" only when asked for.
std::optional<std::string> patch_calc_pr(std::string_view workbook_xml, bool full_calc_on_load);
// Removes every <Relationship> whose Type ends in /calcChain.
std::optional<std::string> remove_calc_chain_rel(std::string_view rels_xml);
// Removes the <Override> of part_name ("xl/calcChain.xml"; compared case-insensitively).
std::optional<std::string> remove_override(std::string_view content_types_xml, std::string_view part_name);

}  // namespace sp::xlsx
