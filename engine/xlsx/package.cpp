// package.cpp — relationships and content types.
#include "xlsx/package.h"

#include "xlsx/error.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

std::string rels_part_for(std::string_view part) {
    auto slash = part.rfind('/');
    if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
    return std::string(part.substr(0, slash + 1)) + "_rels/" + std::string(part.substr(slash + 1)) + ".rels";
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
    std::string path;
    if (!target.empty() && target[0] == '/') {
        path = std::string(target.substr(1));
    } else {
        auto slash = source_part.rfind('/');
        path = (slash == std::string_view::npos ? std::string() : std::string(source_part.substr(0, slash + 1))) +
               std::string(target);
    }
    // Normalise "." and ".." segments.
    std::vector<std::string> segs;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string seg = path.substr(start, end - start);
        if (seg == "..") { if (!segs.empty()) segs.pop_back(); }
        else if (!seg.empty() && seg != ".") segs.push_back(seg);
        start = end + 1;
    }
    std::string out;
    for (size_t i = 0; i < segs.size(); ++i) out += (i ? "/" : "") + segs[i];
    return out;
}

bool rel_type_is(std::string_view type, std::string_view name) {
    return type.size() > name.size() && type.substr(type.size() - name.size()) == name &&
           type[type.size() - name.size() - 1] == '/';
}

std::vector<Relationship> read_rels(const ZipReader& zip, std::string_view source_part) {
    std::vector<Relationship> out;
    std::string rels = rels_part_for(source_part);
    const ZipEntry* e = zip.find(rels);
    if (!e) return out;
    Bytes buf = zip.inflate(*e);
    pugi::xml_document doc;
    parse_part(doc, buf.begin(), buf.size, zip.file(), e->name);
    for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
        if (r.type() != pugi::node_element || local_name(r.name()) != "Relationship") continue;
        Relationship rel;
        rel.id = r.attribute("Id").value();
        rel.type = r.attribute("Type").value();
        rel.external = std::string_view(r.attribute("TargetMode").value()) == "External";
        std::string target = r.attribute("Target").value();
        rel.target = rel.external ? target : resolve_target(source_part, target);
        out.push_back(std::move(rel));
    }
    return out;
}

ContentTypes read_content_types(const ZipReader& zip) {
    ContentTypes ct;
    const ZipEntry* e = zip.find("[Content_Types].xml");
    if (!e) return ct;
    Bytes buf = zip.inflate(*e);
    pugi::xml_document doc;
    parse_part(doc, buf.begin(), buf.size, zip.file(), e->name);
    for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
        if (n.type() != pugi::node_element) continue;
        auto name = local_name(n.name());
        if (name == "Default") ct.defaults.emplace_back(n.attribute("Extension").value(), n.attribute("ContentType").value());
        else if (name == "Override") ct.overrides.emplace_back(n.attribute("PartName").value(), n.attribute("ContentType").value());
    }
    return ct;
}

}  // namespace sp::xlsx
