// external_links.cpp — see external_links.h. Each <externalBook> lists its sheet names, its
// defined names and a <sheetDataSet> of cached cells (<cell r t><v>); t is n (default), s/str
// (the text itself, not a shared-string index), b or e.
#include "xlsx/external_links.h"

#include <cstdlib>

#include "core/messages.h"
#include "xlsx/xml_util.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

static Value cached(pugi::xml_node cell) {
    std::string_view t = cell.attribute("t").value();
    const char* v = child_local(cell, "v").child_value();
    if (t == "s" || t == "str" || t == "inlineStr") return Value::string(v);
    if (t == "b") return Value::boolean(std::string_view(v) == "1");
    if (t == "e") return Value::error(error_from_text(v));
    if (!*v) return Value();
    return Value(std::strtod(v, nullptr));
}

static void read_book(const ZipReader& zip, const Relationship& rel, ExternalBook& b, Workbook& wb,
                      const std::string& file) {
    const ZipEntry* e = zip.find(rel.target);
    if (!e) {
        wb.diagnostics().push_back({Diagnostic::Level::Warning, kNoSheet, CellAddr{-1, -1},
                                    msg::text("xlsx.external_part_missing", {rel.target})});
        return;
    }
    b.part = e->name;
    for (const auto& r : read_rels(zip, e->name))
        if (rel_type_is(r.type, "externalLinkPath") || r.external) b.target = r.target;
    Bytes xml = zip.inflate(*e);
    pugi::xml_document doc;
    parse_part(doc, xml.begin(), xml.size, file, e->name);
    pugi::xml_node book = child_local(doc.document_element(), "externalBook");
    if (!book) return;  // DDE or OLE links: nothing cached that formulas read
    for (auto n = child_local(book, "sheetNames").first_child(); n; n = n.next_sibling())
        if (local_name(n.name()) == "sheetName") b.sheets.push_back(n.attribute("val").value());
    b.cells.resize(b.sheets.size());
    for (auto n = child_local(book, "definedNames").first_child(); n; n = n.next_sibling())
        if (local_name(n.name()) == "definedName") {
            std::string refers = n.attribute("refersTo").value();
            if (!refers.empty() && refers[0] == '=') refers.erase(0, 1);
            b.names.emplace_back(n.attribute("name").value(), refers);
        }
    for (auto sd = child_local(book, "sheetDataSet").first_child(); sd; sd = sd.next_sibling()) {
        if (local_name(sd.name()) != "sheetData") continue;
        unsigned id = sd.attribute("sheetId").as_uint();
        if (id >= b.cells.size()) continue;
        for (auto row = sd.first_child(); row; row = row.next_sibling())
            for (auto c = row.first_child(); c; c = c.next_sibling()) {
                if (local_name(c.name()) != "cell") continue;
                auto at = parse_cell(c.attribute("r").value());
                if (!at) continue;
                Value v = cached(c);
                if (!v.is_empty()) b.cells[id][uint64_t(at->row) * 16384 + uint64_t(at->col)] = std::move(v);
            }
    }
}

void read_external_links(const ZipReader& zip, pugi::xml_node root, const std::vector<Relationship>& rels, Workbook& wb,
                         const std::string& file) {
    pugi::xml_node refs = child_local(root, "externalReferences");
    for (auto r = refs.first_child(); r; r = r.next_sibling()) {
        if (r.type() != pugi::node_element || local_name(r.name()) != "externalReference") continue;
        ExternalBook b;
        const char* rid = attr_local(r, "id");
        for (const auto& rel : rels)
            if (rid && rel.id == rid && !rel.external) read_book(zip, rel, b, wb, file);
        size_t n = wb.external_books().size() + 1;
        if (!b.part.empty())
            wb.diagnostics().push_back(
                {Diagnostic::Level::Info, kNoSheet, CellAddr{-1, -1},
                 msg::text("xlsx.external_cached", {std::to_string(n), b.target.empty() ? "(unnamed)" : b.target, b.part})});
        wb.external_books().push_back(std::move(b));
    }
}

}  // namespace sp::xlsx
