// address.h — cell and range addresses, and their A1 text.
// Rows and columns are 0-based inside the engine; A1 text is 1-based.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp {

constexpr int32_t kMaxRows = 1048576;  // 1..1048576 in A1
constexpr int32_t kMaxCols = 16384;    // A..XFD

using SheetId = uint32_t;
constexpr SheetId kNoSheet = 0xFFFFFFFF;

struct CellAddr {
    int32_t row = 0, col = 0;
    bool operator==(const CellAddr&) const = default;
};

struct RangeAddr {  // inclusive corners, r1 <= r2, c1 <= c2
    int32_t r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    bool operator==(const RangeAddr&) const = default;
    int64_t rows() const { return int64_t(r2) - r1 + 1; }
    int64_t cols() const { return int64_t(c2) - c1 + 1; }
    bool contains(int32_t r, int32_t c) const { return r >= r1 && r <= r2 && c >= c1 && c <= c2; }
    bool is_cell() const { return r1 == r2 && c1 == c2; }
};

struct SheetCell {
    SheetId sheet = kNoSheet;
    CellAddr cell;
    bool operator==(const SheetCell&) const = default;
};

struct SheetRange {
    SheetId sheet = kNoSheet;
    RangeAddr range;
    bool operator==(const SheetRange&) const = default;
};

// "A" -> 0, "XFD" -> 16383; nullopt when not letters or beyond XFD.
std::optional<int32_t> column_from_letters(std::string_view letters);
std::string column_letters(int32_t col);
// "B7" -> {6,1}; "$B$7" accepted; nullopt if malformed or outside the grid.
std::optional<CellAddr> parse_cell(std::string_view a1);
// "B7:C9", "B7" (single cell), "A:A", "3:5"; nullopt if malformed.
std::optional<RangeAddr> parse_range(std::string_view a1);
std::string cell_text(CellAddr c);            // "B7"
std::string range_text(const RangeAddr& r);   // "B7:C9" or "B7"
// Quotes a sheet name for a formula when needed: 收入支出决算总表 -> '收入支出决算总表'.
std::string quote_sheet_name(std::string_view name);

}  // namespace sp
