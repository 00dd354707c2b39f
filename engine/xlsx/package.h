// package.h — the OPC layer of an xlsx: relationships (_rels/*.rels), part-name
// resolution, and [Content_Types].xml. Knows nothing about spreadsheets.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "xlsx/zip_reader.h"

namespace sp::xlsx {

struct Relationship {
    std::string id, type, target;  // target resolved to a part name ("xl/worksheets/sheet1.xml")
    bool external = false;
};

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" -> "_rels/.rels".
std::string rels_part_for(std::string_view part);
// Resolves a relationship target against the part that owns the relationship.
std::string resolve_target(std::string_view source_part, std::string_view target);
// Relationship types end in a name that is the same in transitional and strict OOXML.
bool rel_type_is(std::string_view type, std::string_view name);

// Reads the relationships of `source_part` (empty when it has no .rels part).
std::vector<Relationship> read_rels(const ZipReader& zip, std::string_view source_part);

struct ContentTypes {
    std::vector<std::pair<std::string, std::string>> defaults;   // extension -> type
    std::vector<std::pair<std::string, std::string>> overrides;  // part name ("/xl/workbook.xml") -> type
};
ContentTypes read_content_types(const ZipReader& zip);

}  // namespace sp::xlsx
