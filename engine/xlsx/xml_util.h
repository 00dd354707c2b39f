// xml_util.h — small XML helpers shared by the reader and the writers: DOCTYPE
// rejection, pugixml parsing with located errors, OOXML's _xHHHH_ escapes, text
// escaping, entity decoding for scanned (not parsed) XML, and number formatting.
#pragma once
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace sp::xlsx {

// Throws Error when the prolog holds a <!DOCTYPE (and with it any <!ENTITY): OOXML never
// needs one, and entity expansion is how XML bombs work.
void reject_doctype(std::string_view xml, const std::string& file, const std::string& part);

// Parses a whole part in place (buf is modified and must outlive doc). Throws Error with
// the line and column of a syntax error.
void parse_part(pugi::xml_document& doc, char* buf, size_t n, const std::string& file, const std::string& part);
// "line L, column C" of a byte offset.
std::string line_col(std::string_view text, size_t offset);

// Element or attribute name without its namespace prefix: "x:row" -> "row".
inline std::string_view local_name(const char* qname) {
    std::string_view s(qname);
    auto colon = s.find(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}
// First child element with this local name (any prefix).
pugi::xml_node child_local(pugi::xml_node parent, std::string_view name);
// Attribute value by local name ("r:id" matches "id" when asked with the prefix stripped).
const char* attr_local(pugi::xml_node node, std::string_view name);

// Decodes _xHHHH_ escapes (UTF-16 code units, surrogate pairs joined) into UTF-8.
std::string decode_x_escapes(std::string_view s);
// Decodes the five XML entities and numeric character references (for scanned XML).
std::string decode_entities(std::string_view s);

// Appends s as XML character data: &, <, > escaped (and " when for_attribute); control
// characters and a literal "_xHHHH_" get OOXML _xHHHH_ escapes so they read back as written.
void append_text(std::string& out, std::string_view s, bool for_attribute = false);

// Shortest text that reads back to the same double ("0.1", "1E+21"); -0 as "0".
void append_number(std::string& out, double d);

}  // namespace sp::xlsx
