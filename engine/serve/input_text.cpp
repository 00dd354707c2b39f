// input_text.cpp — see input_text.h.
#include "serve/input_text.h"

#include "core/number_text.h"

namespace sp::serve {

std::string ascii_digits(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
        // U+FF01..U+FF5E are ASCII 0x21..0x7E shifted: EF BC 81..BF, EF BD 80..9E.
        if (i + 2 < s.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD)) {
            int ascii = (b(1) == 0xBC ? b(2) - 0x80 : b(2) - 0x40) + 0x20;
            if (std::string_view("0123456789+-.,%()").find(char(ascii)) != std::string_view::npos) {
                out += char(ascii);
                i += 2;
                continue;
            }
        }
        if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {  // ideographic space
            out += ' ';
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

Value typed_value(std::string_view text, const CalcSettings& settings) {
    if (text.empty()) return Value();
    if (text.front() == '\'') return Value::string(text.substr(1));
    std::string a = ascii_digits(text);
    if (auto n = coerce_text_to_number(a, settings.date1904, settings.day_first)) return Value(*n);
    if (a == "TRUE" || a == "true") return Value::boolean(true);
    if (a == "FALSE" || a == "false") return Value::boolean(false);
    return Value::string(text);
}

}  // namespace sp::serve
