// external_links.h — the caches of external workbooks (xl/externalLinks/externalLinkN.xml),
// read into Workbook::external_books() in the order of workbook.xml's <externalReferences>,
// so that [N]Sheet1!A1 reads the value Excel shows while the source is closed.
#pragma once
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "model/workbook.h"
#include "xlsx/package.h"

namespace sp::xlsx {

// Reads every external link the workbook names; a missing or damaged link part leaves that
// book empty (its formulas are then reported, not evaluated) and adds a diagnostic.
void read_external_links(const ZipReader& zip, pugi::xml_node workbook_root, const std::vector<Relationship>& rels,
                         Workbook& wb, const std::string& file);

}  // namespace sp::xlsx
