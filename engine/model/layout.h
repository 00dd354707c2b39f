// layout.h — what a sheet looks like beyond its values: merged ranges, column widths,
// frozen panes, and the workbook's table of cell styles (number format, bold, border,
// fill, alignment). The xlsx reader fills it from styles.xml; the fresh writer writes it.
// Patch-mode writing never needs it: the original XML keeps every style byte.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/address.h"

namespace sp {

enum class HAlign : uint8_t { General, Left, Center, Right, Fill, Justify, CenterContinuous, Distributed };
enum class VAlign : uint8_t { Bottom, Top, Center, Justify, Distributed };

// A simplified cell format: enough to write readable reports and to know which
// numbers are dates or percentages. Style id 0 is always the default (General).
struct CellStyle {
    std::string number_format = "General";  // Excel format code
    bool bold = false;
    bool italic = false;
    bool border = false;       // thin border on all four sides
    uint32_t fill_rgb = 0;     // 0xRRGGBB | 0x1000000 when set; 0 = no fill
    HAlign halign = HAlign::General;
    VAlign valign = VAlign::Bottom;
    bool wrap = false;
    bool locked = true;        // <protection locked="0"/>: editable when the sheet is protected
    bool operator==(const CellStyle&) const = default;
    static constexpr uint32_t kFillSet = 0x1000000;
};

class StyleTable {
public:
    StyleTable() : styles_(1) {}
    // Returns the id of an equal style, adding it when new.
    uint16_t add(const CellStyle& s) {
        std::string k = key(s);
        if (auto it = index_.find(k); it != index_.end()) return it->second;
        if (styles_.size() >= 0xFFFF) return 0;  // Excel allows 64000 formats; beyond: default
        styles_.push_back(s);
        uint16_t id = uint16_t(styles_.size() - 1);
        index_.emplace(std::move(k), id);
        return id;
    }
    const CellStyle& at(uint16_t id) const { return id < styles_.size() ? styles_[id] : styles_[0]; }
    size_t size() const { return styles_.size(); }
    const std::vector<CellStyle>& all() const { return styles_; }
private:
    static std::string key(const CellStyle& s) {
        std::string k = s.number_format;
        k += '\x1f';
        k += char('0' + s.bold) + std::string(1, char('0' + s.italic)) + char('0' + s.border) + char('0' + s.wrap) + char('0' + s.locked);
        k += std::to_string(s.fill_rgb) + ',' + std::to_string(int(s.halign)) + ',' + std::to_string(int(s.valign));
        return k;
    }
    std::vector<CellStyle> styles_;
    std::unordered_map<std::string, uint16_t> index_{{key(CellStyle{}), 0}};
};

struct SheetLayout {
    std::vector<RangeAddr> merges;
    std::map<int32_t, double> column_widths;  // 0-based column -> width in characters (Excel's unit)
    struct ColSpan { int32_t first, last; double width; };
    std::vector<ColSpan> wide_col_spans;       // <col> spans too wide for column_widths (0-based)
    double default_col_width = 0;              // <sheetFormatPr defaultColWidth> (0: not given)
    int32_t base_col_width = 8;                // <sheetFormatPr baseColWidth>, characters
    std::map<int32_t, double> row_heights;    // 0-based row -> height in points
    int32_t frozen_rows = 0;                   // rows above the split that stay visible
    int32_t frozen_cols = 0;
    bool hidden = false;                       // sheet state="hidden"/"veryHidden"
    std::vector<int32_t> hidden_rows;          // 0-based, ascending (<row hidden="1">)
    std::vector<int32_t> hidden_cols;          // 0-based, ascending (<col hidden="1">)
    bool protected_sheet = false;              // <sheetProtection sheet="1">: only unlocked cells are input
};

}  // namespace sp
