// reader.cpp — an xlsx package into a Document: the package's relationships, then
// workbook.xml (sheets, defined names, calcPr, date1904), shared strings, styles, and
// every worksheet. Chart sheets, dialog and macro sheets and unknown parts are kept in
// the package (the patch writer copies them) but not parsed.
#include <chrono>

#include "xlsx/error.h"
#include "xlsx/external_links.h"
#include "xlsx/sheet_reader.h"
#include "xlsx/shared_strings.h"
#include "xlsx/rich_errors.h"
#include "xlsx/styles.h"
#include "xlsx/tables.h"
#include "xlsx/xlsx.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

std::string Document::where(const Diagnostic& d) const {
    std::string out = path;
    if (d.sheet < sheets.size() && !sheets[d.sheet].part.empty()) out += (out.empty() ? "" : ": ") + sheets[d.sheet].part;
    if (d.sheet != kNoSheet && workbook && d.sheet < workbook->sheet_count())
        out += (out.empty() ? "" : ": ") + workbook->where(d.sheet, d.cell);
    return out;
}

static bool truthy(const char* v) {
    std::string_view s = v ? v : "";
    return s == "1" || s == "true";
}

static SheetKind kind_of(const std::string& type) {
    if (rel_type_is(type, "worksheet")) return SheetKind::Worksheet;
    if (rel_type_is(type, "chartsheet")) return SheetKind::Chartsheet;
    if (rel_type_is(type, "dialogsheet")) return SheetKind::Dialogsheet;
    if (rel_type_is(type, "xlMacrosheet") || rel_type_is(type, "xlIntlMacrosheet")) return SheetKind::Macrosheet;
    return SheetKind::Other;
}

Document read_bytes(std::shared_ptr<const std::string> bytes, const std::string& name, const ReadOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    Document doc;
    doc.path = name;
    doc.package = std::make_shared<Package>();
    Package& pkg = *doc.package;
    pkg.zip = std::make_unique<ZipReader>(std::move(bytes), name, opts.limits);
    const ZipReader& zip = *pkg.zip;
    pkg.content_types = read_content_types(zip);
    for (const auto& r : read_rels(zip, ""))
        if (rel_type_is(r.type, "officeDocument") && !r.external) pkg.workbook_part = r.target;
    const ZipEntry* wbe = zip.find(pkg.workbook_part);
    if (!wbe) throw Error(name, pkg.workbook_part, "", msg::Message{"xlsx.missing_workbook", {}});
    pkg.workbook_part = wbe->name;
    pkg.workbook_rels = read_rels(zip, pkg.workbook_part);

    doc.workbook = std::make_unique<Workbook>(opts.registry);
    Workbook& wb = *doc.workbook;
    wb.log_changes(false);

    // --- workbook.xml ---------------------------------------------------------
    Bytes wbxml = zip.inflate(*wbe);
    pugi::xml_document wdoc;
    parse_part(wdoc, wbxml.begin(), wbxml.size, name, pkg.workbook_part);
    pugi::xml_node root = wdoc.document_element();
    if (auto pr = child_local(root, "workbookPr")) wb.settings().date1904 = truthy(pr.attribute("date1904").value());
    if (auto cp = child_local(root, "calcPr")) {
        auto& s = wb.settings();
        s.iterate = truthy(cp.attribute("iterate").value());
        if (auto a = cp.attribute("iterateCount")) s.iterate_count = a.as_int(100);
        if (auto a = cp.attribute("iterateDelta")) s.iterate_delta = a.as_double(0.001);
        s.full_calc_on_load = truthy(cp.attribute("fullCalcOnLoad").value());
        if (auto a = cp.attribute("fullPrecision")) s.full_precision = truthy(a.value());
    }
    auto rel_by_id = [&](std::string_view id) -> const Relationship* {
        for (const auto& r : pkg.workbook_rels)
            if (r.id == id) return &r;
        return nullptr;
    };
    if (auto sheets = child_local(root, "sheets"))
        for (auto sh = sheets.first_child(); sh; sh = sh.next_sibling()) {
            if (sh.type() != pugi::node_element || local_name(sh.name()) != "sheet") continue;
            SheetPart sp;
            sp.name = sh.attribute("name").value();
            const char* rid = attr_local(sh, "id");
            sp.rel_id = rid ? rid : "";
            if (const Relationship* r = rel_by_id(sp.rel_id)) {
                sp.part = r->external ? "" : r->target;
                sp.kind = kind_of(r->type);
            }
            bool no_part = sp.rel_id.empty();
            if (no_part) sp.kind = SheetKind::Other;  // <sheet r:id="">: Excel and openpyxl skip it
            SheetId id = wb.add_sheet(sp.name);
            if (no_part)
                wb.diagnostics().push_back({Diagnostic::Level::Info, kNoSheet, CellAddr{-1, -1},
                                            msg::text("xlsx.sheet_empty_rid", {sp.name})});
            std::string_view state = sh.attribute("state").value();
            wb.sheet(id).layout().hidden = state == "hidden" || state == "veryHidden";
            doc.sheets.push_back(std::move(sp));
        }
    if (doc.sheets.empty()) throw Error(name, pkg.workbook_part, "", msg::Message{"xlsx.no_sheets", {}});

    // --- shared strings, styles, calcChain -------------------------------------
    std::vector<uint16_t> xf_map;
    for (const auto& r : pkg.workbook_rels) {
        if (r.external) continue;
        if (rel_type_is(r.type, "calcChain")) pkg.calc_chain_part = r.target;
        if (rel_type_is(r.type, "sharedStrings")) {
            const ZipEntry* e = zip.find(r.target);
            if (!e) throw Error(name, r.target, "", msg::Message{"xlsx.missing_shared_strings", {}});
            pkg.shared_strings_part = e->name;
            Bytes b = zip.inflate(*e);
            pkg.shared_strings = read_shared_strings(b, name, e->name);
        }
        if (rel_type_is(r.type, "styles")) {
            if (const ZipEntry* e = zip.find(r.target)) {
                Bytes b = zip.inflate(*e);
                pugi::xml_document sdoc;
                parse_part(sdoc, b.begin(), b.size, name, e->name);
                xf_map = read_styles(sdoc.document_element(), wb.styles());
            }
        }
    }

    pkg.vm_errors = read_value_metadata_errors(zip, pkg.workbook_rels, name);

    // --- external links (before the names and formulas that read them) ----------
    read_external_links(zip, root, pkg.workbook_rels, wb, name);

    // --- tables (before the names and formulas whose structured references name them) ---
    read_tables(zip, doc.sheets, wb, name);

    // --- defined names (after the sheets, which they refer to) ------------------
    if (auto names = child_local(root, "definedNames"))
        for (auto n = names.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element || local_name(n.name()) != "definedName") continue;
            DefinedName dn;
            dn.name = n.attribute("name").value();
            dn.text = n.child_value();
            dn.hidden = truthy(n.attribute("hidden").value());
            if (auto ls = n.attribute("localSheetId")) {
                unsigned idx = ls.as_uint();
                if (idx >= doc.sheets.size()) continue;  // dangling: Excel drops it too
                dn.scope = SheetId(idx);
            }
            wb.add_name(std::move(dn));
        }

    // --- worksheets -----------------------------------------------------------
    for (SheetId s = 0; s < doc.sheets.size(); ++s) {
        const SheetPart& sp = doc.sheets[s];
        if (sp.kind != SheetKind::Worksheet) continue;
        if (sp.part.empty()) throw Error(name, pkg.workbook_part, "", msg::Message{"xlsx.sheet_without_part", {sp.name, sp.rel_id}});
        const ZipEntry* e = zip.find(sp.part);
        if (!e) throw Error(name, sp.part, "", msg::Message{"xlsx.missing_sheet_part", {sp.name}});
        doc.sheets[s].part = e->name;
        SheetInput in{wb, s, pkg.shared_strings, xf_map, name, doc.sheets[s].part, &pkg.vm_errors};
        SheetCounts n = read_sheet(zip, *e, in);
        doc.stats.cells += n.cells;
        doc.stats.formulas += n.formulas;
    }
    wb.log_changes(true);
    wb.clear_changes();
    doc.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return doc;
}

Document read(const std::string& path, const ReadOptions& opts) {
    return read_bytes(read_file_bytes(path), path, opts);
}

}  // namespace sp::xlsx
