// shared_strings.h — sharedStrings.xml and rich text: the text of an <si> or <is> is
// its <t>, or the <t> of every run <r> joined; phonetic runs <rPh> are not part of the
// text; _xHHHH_ escapes are decoded. Each string becomes one Value, shared by every
// cell that shows it (a Value copy only bumps a reference count).
#pragma once
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "core/value.h"
#include "xlsx/bytes.h"

namespace sp::xlsx {

std::string rich_text(pugi::xml_node si);
std::vector<Value> read_shared_strings(Bytes& xml, const std::string& file, const std::string& part);

}  // namespace sp::xlsx
