// cell_display.h — what a cell shows: its value rendered with its number format by the one
// formatter (number_format.h), as Excel draws it in a cell of standard width. Used by the
// workbench page and `suanpan get --formatted`, so both show what TEXT() would.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/value.h"

namespace sp {

// The text a cell with number-format `code` shows for `v`: numbers through the code (General: the
// 11-character cell display; a code TEXT() refuses, e.g. a negative date, falls back to General),
// text through the code's text section, TRUE/FALSE, the error's name, "" for empty.
std::string display_text(const Value& v, std::string_view code, bool date1904);
// The colour the code gives `v` ([Red], [Color10], [红色]) as 0xRRGGBB; nullopt for no colour
// and for anything but a number.
std::optional<uint32_t> display_color(const Value& v, std::string_view code);

}  // namespace sp
