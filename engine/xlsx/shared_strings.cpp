// shared_strings.cpp — see shared_strings.h.
#include "xlsx/shared_strings.h"

#include "xlsx/xml_util.h"

namespace sp::xlsx {

static void append_t(std::string& out, pugi::xml_node t) {
    for (auto n = t.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
}

std::string rich_text(pugi::xml_node si) {
    std::string raw;
    for (auto n = si.first_child(); n; n = n.next_sibling()) {
        if (n.type() != pugi::node_element) continue;
        auto name = local_name(n.name());
        if (name == "t") append_t(raw, n);
        else if (name == "r")
            for (auto t = n.first_child(); t; t = t.next_sibling())
                if (t.type() == pugi::node_element && local_name(t.name()) == "t") append_t(raw, t);
        // rPh (phonetic guide) and phoneticPr are not part of the text.
    }
    return decode_x_escapes(raw);
}

std::vector<Value> read_shared_strings(Bytes& xml, const std::string& file, const std::string& part) {
    pugi::xml_document doc;
    parse_part(doc, xml.begin(), xml.size, file, part);
    std::vector<Value> out;
    pugi::xml_node sst = doc.document_element();
    if (auto n = sst.attribute("uniqueCount").as_ullong(); n > 0 && n < (uint64_t(1) << 26)) out.reserve(size_t(n));
    for (auto si = sst.first_child(); si; si = si.next_sibling())
        if (si.type() == pugi::node_element && local_name(si.name()) == "si") out.push_back(Value::string(rich_text(si)));
    return out;
}

}  // namespace sp::xlsx
