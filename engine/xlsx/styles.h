// styles.h — styles.xml: number formats (built-in ids and custom codes), fonts, fills,
// borders and alignment of each cell format (cellXfs), folded into the model's
// StyleTable; and a classifier telling dates and percentages from plain numbers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "model/layout.h"

namespace sp::xlsx {

// Reads <styleSheet>; returns, for each cellXfs index of the file, the model style id.
std::vector<uint16_t> read_styles(pugi::xml_node style_sheet, StyleTable& table);

// Format code of a built-in number format id (zh-CN variants for the locale-dependent
// date ids 27-36 and 50-58); "General" when unknown.
std::string builtin_number_format(int id);
// Built-in id of a format code, or -1 (the fresh writer uses ids < 164 for these).
int builtin_number_format_id(std::string_view code);

enum class NumberKind : uint8_t { General, Number, Percent, Date, Time, DateTime, Text };
// What a format code displays a number as (first section only, like Excel for positives).
NumberKind classify_format(std::string_view code);

}  // namespace sp::xlsx
