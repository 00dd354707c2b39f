// input_text.h — what a user types into a cell, read the way Excel reads it: numbers in
// Chinese notation ("1,234.50", "12.5%", "（100.00）" negative, full-width digits and signs,
// ¥), dates ("2024-1-31"), TRUE/FALSE; a leading apostrophe keeps the rest as text.
#pragma once
#include <string>
#include <string_view>

#include "core/value.h"
#include "model/workbook.h"

namespace sp::serve {

// Full-width digits, signs, parentheses, comma, point and percent replaced by ASCII.
std::string ascii_digits(std::string_view text);
// The value a typed text puts in a cell ("" clears it). Formulas ("=…") are not values:
// callers refuse them before.
Value typed_value(std::string_view text, const CalcSettings& settings);

}  // namespace sp::serve
