// package_patch.cpp — see package_patch.h. Edits splice text; all other bytes are kept.
#include "xlsx/package_patch.h"

#include <charconv>

#include "xlsx/package.h"
#include "xlsx/xml_scan.h"

namespace sp::xlsx {

std::optional<std::string> patch_calc_pr(std::string_view xml, bool full) {
    std::string pfx = root_prefix(xml);
    std::string calc_attrs = " calcId=\"" + std::to_string(kExcelCalcId) + "\"" + (full ? " fullCalcOnLoad=\"1\"" : "");
    size_t at = find_start_tag(xml, pfx + "calcPr", 0);
    if (at != std::string_view::npos) {
        XmlTag tag;
        size_t pos = at;
        if (!next_start_tag(xml, pos, xml.size(), tag)) return std::nullopt;
        std::string_view id = tag.attr_value("calcId"), fcl = tag.attr_value("fullCalcOnLoad");
        long calc_id = 0;
        std::from_chars(id.data(), id.data() + id.size(), calc_id);
        bool has_full = fcl == "1" || fcl == "true";
        if (calc_id >= kExcelCalcId && has_full == full) return std::nullopt;
        std::string out(xml.substr(0, tag.begin));
        out += '<';
        out += tag.qname;
        for (int i = 0; i < tag.nattrs; ++i)
            if (tag.attrs[i].name != "calcId" && tag.attrs[i].name != "fullCalcOnLoad")
                out.append(xml.substr(tag.attrs[i].begin, tag.attrs[i].end - tag.attrs[i].begin));
        out += calc_attrs;
        out += tag.self_closing ? "/>" : ">";
        out.append(xml.substr(tag.open_end));
        return out;
    }
    // No calcPr: insert one where the schema wants it, after the last of these siblings.
    size_t insert = std::string_view::npos;
    for (const char* name : {"sheets", "functionGroups", "externalReferences", "definedNames"}) {
        size_t p = find_start_tag(xml, pfx + name, 0);
        if (p == std::string_view::npos) continue;
        XmlTag tag;
        size_t pos = p;
        if (next_start_tag(xml, pos, xml.size(), tag) && find_end(xml, tag))
            if (insert == std::string_view::npos || tag.end > insert) insert = tag.end;
    }
    if (insert == std::string_view::npos) return std::nullopt;
    std::string out(xml.substr(0, insert));
    out += "<" + pfx + "calcPr" + calc_attrs + "/>";
    out.append(xml.substr(insert));
    return out;
}

// Removes the elements named `local` for which keep(tag) is false.
template <class Pred>
static std::optional<std::string> remove_elements(std::string_view xml, std::string_view local, Pred drop) {
    std::string out;
    size_t last = 0, pos = 0;
    bool changed = false;
    XmlTag tag;
    while (next_start_tag(xml, pos, xml.size(), tag)) {
        if (tag.local() != local || !drop(tag)) continue;
        if (!find_end(xml, tag)) break;
        out.append(xml.substr(last, tag.begin - last));
        last = pos = tag.end;
        changed = true;
    }
    if (!changed) return std::nullopt;
    out.append(xml.substr(last));
    return out;
}

std::optional<std::string> remove_calc_chain_rel(std::string_view xml) {
    return remove_elements(xml, "Relationship", [](const XmlTag& t) { return rel_type_is(t.attr_value("Type"), "calcChain"); });
}

std::optional<std::string> remove_override(std::string_view xml, std::string_view part) {
    return remove_elements(xml, "Override", [&](const XmlTag& t) {
        std::string_view name = t.attr_value("PartName");
        if (!name.empty() && name[0] == '/') name.remove_prefix(1);
        if (name.size() != part.size()) return false;
        for (size_t i = 0; i < name.size(); ++i) {
            char a = name[i], b = part[i];
            if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z') b = char(b - 'A' + 'a');
            if (a != b) return false;
        }
        return true;
    });
}

}  // namespace sp::xlsx
