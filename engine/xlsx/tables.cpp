// tables.cpp — see tables.h. A <table> gives name, displayName, ref, headerRowCount (default 1),
// totalsRowCount (default 0; totalsRowShown only says whether one was ever shown) and its
// <tableColumn>s in order: name, totalsRowFunction/Label, calculatedColumnFormula and totalsRowFormula.
#include "xlsx/tables.h"

#include "xlsx/error.h"
#include "xlsx/xml_util.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

static void note(Workbook& wb, SheetId s, std::string message) {
    wb.diagnostics().push_back({Diagnostic::Level::Warning, s, CellAddr{-1, -1}, std::move(message)});
}

static void read_table(const ZipReader& zip, const std::string& target, SheetId s, Workbook& wb, const std::string& file) {
    const ZipEntry* e = zip.find(target);
    if (!e) return note(wb, s, msg::text("xlsx.table_part_missing", {target}));
    Bytes xml = zip.inflate(*e);
    pugi::xml_document doc;
    try {
        parse_part(doc, xml.begin(), xml.size, file, e->name);
    } catch (const Error& err) {
        return note(wb, s, msg::text("xlsx.table_part_skipped", {err.text()}));
    }
    pugi::xml_node t = doc.document_element();
    if (local_name(t.name()) != "table") return note(wb, s, msg::text("xlsx.table_part_empty", {e->name}));
    Table tb;
    tb.part = e->name;
    tb.sheet = s;
    tb.name = t.attribute("name").value();
    tb.display_name = t.attribute("displayName").value();
    if (tb.display_name.empty()) tb.display_name = tb.name;
    auto ref = parse_range(t.attribute("ref").value());
    if (!ref || tb.display_name.empty())
        return note(wb, s, msg::text("xlsx.table_part_unnamed", {e->name}));
    tb.ref = *ref;
    tb.header_rows = t.attribute("headerRowCount").as_int(1) > 0 ? 1 : 0;
    tb.totals_rows = t.attribute("totalsRowCount").as_int(0) > 0 ? 1 : 0;
    tb.filtered = bool(child_local(child_local(t, "autoFilter"), "filterColumn"));
    for (auto c = child_local(t, "tableColumns").first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || local_name(c.name()) != "tableColumn") continue;
        TableColumn col;
        col.name = decode_x_escapes(c.attribute("name").value());
        col.totals_function = c.attribute("totalsRowFunction").value();
        col.totals_label = c.attribute("totalsRowLabel").value();
        col.calculated_formula = child_local(c, "calculatedColumnFormula").child_value();
        col.totals_formula = child_local(c, "totalsRowFormula").child_value();
        tb.columns.push_back(std::move(col));
    }
    if (tb.columns.size() != size_t(tb.ref.c2 - tb.ref.c1 + 1))
        return note(wb, s, msg::text("xlsx.table_columns", {tb.display_name, e->name, std::to_string(tb.columns.size()),
                                                            std::to_string(tb.ref.c2 - tb.ref.c1 + 1)}));
    if (wb.find_table(tb.display_name))
        return note(wb, s, msg::text("xlsx.table_name_twice", {tb.display_name, e->name}));
    wb.add_table(std::move(tb));
}

void read_tables(const ZipReader& zip, const std::vector<SheetPart>& sheets, Workbook& wb, const std::string& file) {
    for (SheetId s = 0; s < sheets.size(); ++s) {
        if (sheets[s].kind != SheetKind::Worksheet || sheets[s].part.empty()) continue;
        const ZipEntry* e = zip.find(sheets[s].part);
        if (!e) continue;  // the worksheet loop reports it
        for (const auto& r : read_rels(zip, e->name))
            if (!r.external && rel_type_is(r.type, "table")) read_table(zip, r.target, s, wb, file);
    }
}

}  // namespace sp::xlsx
