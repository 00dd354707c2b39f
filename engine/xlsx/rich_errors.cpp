// rich_errors.cpp — see rich_errors.h.
//
// The chain: <valueMetadata><bk><rc t="T" v="V"/></bk>… (vm is 1-based into these bk);
// T names the metadataType (1-based) that must be XLRICHVALUE; V indexes that type's
// <futureMetadata name="XLRICHVALUE"> bk, whose <xlrd:rvb i="R"/> is the rich value R of
// rdrichvalue.xml; its structure (rdrichvaluestructure.xml) of type "_error" lists the
// key "errorType", whose value is ERROR.TYPE's code minus one (8 #SPILL!, 13 #CALC!).
#include "xlsx/rich_errors.h"

#include <cstdlib>

#include <pugixml.hpp>

#include "xlsx/xml_util.h"

namespace sp::xlsx {

namespace {

// Parses the part of the given relationship type in place: `text` must outlive `doc`.
bool load(const ZipReader& zip, const std::vector<Relationship>& rels, std::string_view type, pugi::xml_document& doc,
          Bytes& text, const std::string& file) {
    for (const auto& r : rels) {
        if (r.external || !rel_type_is(r.type, type)) continue;
        const ZipEntry* e = zip.find(r.target);
        if (!e) return false;
        text = zip.inflate(*e);
        parse_part(doc, text.begin(), text.size, file, e->name);
        return true;
    }
    return false;
}

// The first element named `name` (local name) at or below `n`.
pugi::xml_node find_local(pugi::xml_node n, std::string_view name) {
    for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        if (local_name(c.name()) == name) return c;
        if (auto d = find_local(c, name)) return d;
    }
    return {};
}

Err from_error_type(long t) {
    switch (t) {
        case 0: return Err::Null;
        case 1: return Err::Div0;
        case 2: return Err::Value;
        case 3: return Err::Ref;
        case 4: return Err::Name;
        case 5: return Err::Num;
        case 6: return Err::NA;
        case 7: return Err::GettingData;
        case 8: return Err::Spill;
        case 13: return Err::Calc;
        default: return Err::None;  // #CONNECT!, #BLOCKED!, #UNKNOWN!, #FIELD!: kept as cached
    }
}

}  // namespace

std::vector<Err> read_value_metadata_errors(const ZipReader& zip, const std::vector<Relationship>& workbook_rels,
                                            const std::string& file) {
    std::vector<Err> out;
    pugi::xml_document meta, values, structures;
    Bytes meta_text, values_text, structures_text;
    if (!load(zip, workbook_rels, "sheetMetadata", meta, meta_text, file)) return out;
    bool have_values = load(zip, workbook_rels, "rdRichValue", values, values_text, file);
    bool have_structures = load(zip, workbook_rels, "rdRichValueStructure", structures, structures_text, file);
    if (!have_values || !have_structures) return out;

    // Structures: index -> position of errorType among its keys (-1: not an error structure).
    std::vector<int> error_key;
    for (auto s : structures.document_element().children()) {
        if (local_name(s.name()) != "s") continue;
        int pos = -1, k = 0;
        if (std::string_view(s.attribute("t").value()) == "_error")
            for (auto key : s.children()) {
                if (local_name(key.name()) != "k") continue;
                if (std::string_view(key.attribute("n").value()) == "errorType") pos = k;
                ++k;
            }
        error_key.push_back(pos);
    }
    // Rich values: index -> error.
    std::vector<Err> rich;
    for (auto rv : values.document_element().children()) {
        if (local_name(rv.name()) != "rv") continue;
        Err e = Err::None;
        unsigned s = rv.attribute("s").as_uint();
        if (s < error_key.size() && error_key[s] >= 0) {
            int k = 0;
            for (auto v : rv.children()) {
                if (local_name(v.name()) != "v") continue;
                if (k++ == error_key[s]) {
                    e = from_error_type(std::strtol(v.child_value(), nullptr, 10));
                    break;
                }
            }
        }
        rich.push_back(e);
    }
    // metadataTypes (1-based) and the XLRICHVALUE future-metadata blocks.
    pugi::xml_node root = meta.document_element();
    unsigned rich_type = 0, n = 0;
    if (auto types = child_local(root, "metadataTypes"))
        for (auto t : types.children())
            if (local_name(t.name()) == "metadataType") {
                ++n;
                if (std::string_view(t.attribute("name").value()) == "XLRICHVALUE") rich_type = n;
            }
    std::vector<long> future;  // future bk index -> rich value index
    for (auto fm : root.children()) {
        if (local_name(fm.name()) != "futureMetadata" || std::string_view(fm.attribute("name").value()) != "XLRICHVALUE")
            continue;
        for (auto bk : fm.children()) {
            if (local_name(bk.name()) != "bk") continue;
            auto rvb = find_local(bk, "rvb");
            future.push_back(rvb ? rvb.attribute("i").as_int(-1) : -1);
        }
    }
    if (auto vmeta = child_local(root, "valueMetadata"))
        for (auto bk : vmeta.children()) {
            if (local_name(bk.name()) != "bk") continue;
            Err e = Err::None;
            if (auto rc = child_local(bk, "rc"))
                if (rc.attribute("t").as_uint() == rich_type && rich_type) {
                    unsigned v = rc.attribute("v").as_uint();
                    if (v < future.size() && future[v] >= 0 && size_t(future[v]) < rich.size()) e = rich[size_t(future[v])];
                }
            out.push_back(e);
        }
    return out;
}

}  // namespace sp::xlsx
