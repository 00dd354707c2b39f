// number_text.h — reading numbers typed as text the way Excel coerces them:
// " 1,126.72 ", "-5", "1e3", "84.97%", "$5", "(12)", and dates/times "2024-1-31", "2024/01/31", "12:30".
#pragma once
#include <optional>
#include <string_view>

namespace sp {

// Plain numbers (with thousands separators, %, currency sign, parentheses). No dates.
std::optional<double> parse_number_text(std::string_view text);
// parse_number_text, then date and time forms, as date serials (1900 or 1904 system).
// day_first: "2/3/2023" is 2 March (en-GB, most of Europe) rather than February 3 (en-US,
// the default); year-first forms (2023-3-2, 2023年3月2日) read the same either way.
std::optional<double> coerce_text_to_number(std::string_view text, bool date1904 = false, bool day_first = false);
// Date serial of a proleptic Gregorian date in the 1900 system (with Excel's
// fictitious 1900-02-29: serial 60), or the 1904 system.
double date_to_serial(int year, int month, int day, bool date1904 = false);
// Inverse; false when the serial is out of range.
bool serial_to_date(double serial, int& year, int& month, int& day, bool date1904 = false);

}  // namespace sp
