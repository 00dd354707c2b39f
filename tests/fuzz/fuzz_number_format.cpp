// fuzz_number_format.cpp — libFuzzer target: Excel number-format codes (the code parser and
// the formatter behind TEXT() and cell display). Input: 8 bytes of a double, one flag byte
// (1904 dates), then the format code. Every entry point must return, whatever the code.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "formula/functions/number_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 9 || size > 2048) return 0;
    double v;
    std::memcpy(&v, data, sizeof v);
    if (!std::isfinite(v)) return 0;  // cells never hold inf/nan (to_value maps them to #NUM!)
    bool date1904 = data[8] & 1;
    std::string_view code(reinterpret_cast<const char*>(data + 9), size - 9);
    (void)sp::format_number(v, code, date1904);
    (void)sp::try_format_number(v, code, date1904);
    (void)sp::try_format_number(std::trunc(std::fmod(v, 100000.0)), code, date1904);  // a plain value too
    (void)sp::format_text(code, code);
    (void)sp::classify_format(code);
    (void)sp::format_general_cell(v);
    (void)sp::round_as_displayed(v, code);  // precision as displayed
    (void)sp::format_color(v, code);
    (void)sp::builtin_format_code(int(data[8]) - 10);
    return 0;
}
