// cell_display.cpp — see cell_display.h.
#include "formula/functions/cell_display.h"

#include "formula/functions/number_format.h"

namespace sp {
namespace {

bool is_general(std::string_view code) { return code.empty() || code == "General" || code == "general"; }

}  // namespace

std::string display_text(const Value& v, std::string_view code, bool date1904) {
    switch (v.type()) {
        case Type::Number:
            if (!is_general(code))
                if (auto t = try_format_number(v.number(), code, date1904)) return *t;
            return format_general_cell(v.number());
        case Type::String: return is_general(code) ? std::string(v.string()) : format_text(v.string(), code);
        case Type::Bool: return v.boolean() ? "TRUE" : "FALSE";
        case Type::Error: return std::string(error_text(v.error()));
        default: return "";
    }
}

std::optional<uint32_t> display_color(const Value& v, std::string_view code) {
    if (!v.is_number() || is_general(code)) return std::nullopt;
    return format_color(v.number(), code);
}

}  // namespace sp
