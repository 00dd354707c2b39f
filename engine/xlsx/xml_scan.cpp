// xml_scan.cpp — see xml_scan.h.
#include "xlsx/xml_scan.h"

#include <cstring>

namespace sp::xlsx {

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool next_start_tag(std::string_view xml, size_t& pos, size_t limit, XmlTag& tag) {
    if (limit > xml.size()) limit = xml.size();
    const char* base = xml.data();
    while (pos < limit) {
        const void* lt = std::memchr(base + pos, '<', limit - pos);
        if (!lt) { pos = limit; return false; }
        size_t p = size_t(static_cast<const char*>(lt) - base);
        if (p + 1 >= limit) { pos = limit; return false; }
        char c = xml[p + 1];
        if (c == '/') {  // end tag
            size_t gt = xml.find('>', p);
            pos = gt == std::string_view::npos ? limit : gt + 1;
            continue;
        }
        if (c == '?') {
            size_t e = xml.find("?>", p + 2);
            pos = e == std::string_view::npos ? limit : e + 2;
            continue;
        }
        if (c == '!') {
            if (xml.substr(p, 4) == "<!--") {
                size_t e = xml.find("-->", p + 4);
                pos = e == std::string_view::npos ? limit : e + 3;
            } else if (xml.substr(p, 9) == "<![CDATA[") {
                size_t e = xml.find("]]>", p + 9);
                pos = e == std::string_view::npos ? limit : e + 3;
            } else {
                size_t gt = xml.find('>', p);
                pos = gt == std::string_view::npos ? limit : gt + 1;
            }
            continue;
        }
        // A start tag: name, attributes, then '>' or "/>".
        tag.begin = p;
        size_t i = p + 1;
        while (i < xml.size() && !is_space(xml[i]) && xml[i] != '>' && xml[i] != '/') ++i;
        tag.qname = xml.substr(p + 1, i - p - 1);
        tag.nattrs = 0;
        while (true) {
            size_t ws = i;
            while (i < xml.size() && is_space(xml[i])) ++i;
            if (i >= xml.size()) return false;
            if (xml[i] == '>') { tag.self_closing = false; tag.open_end = i + 1; break; }
            if (xml[i] == '/') {
                if (i + 1 >= xml.size() || xml[i + 1] != '>') return false;
                tag.self_closing = true;
                tag.open_end = i + 2;
                break;
            }
            size_t ns = i;
            while (i < xml.size() && xml[i] != '=' && !is_space(xml[i])) ++i;
            std::string_view name = xml.substr(ns, i - ns);
            while (i < xml.size() && is_space(xml[i])) ++i;
            if (i >= xml.size() || xml[i] != '=') return false;
            ++i;
            while (i < xml.size() && is_space(xml[i])) ++i;
            if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\'')) return false;
            char q = xml[i];
            size_t vs = i + 1;
            size_t ve = xml.find(q, vs);
            if (ve == std::string_view::npos) return false;
            if (tag.nattrs < XmlTag::kMaxAttrs) tag.attrs[tag.nattrs++] = {name, xml.substr(vs, ve - vs), ws, ve + 1};
            i = ve + 1;
        }
        tag.end = tag.content_end = tag.open_end;
        pos = tag.open_end;
        return true;
    }
    return false;
}

bool find_end(std::string_view xml, XmlTag& tag) {
    if (tag.self_closing) {
        tag.content_end = tag.end = tag.open_end;
        return true;
    }
    size_t from = tag.open_end;
    while (true) {
        size_t p = xml.find("</", from);
        if (p == std::string_view::npos) return false;
        size_t e = p + 2 + tag.qname.size();
        if (xml.compare(p + 2, tag.qname.size(), tag.qname) == 0) {
            while (e < xml.size() && is_space(xml[e])) ++e;
            if (e < xml.size() && xml[e] == '>') {
                tag.content_end = p;
                tag.end = e + 1;
                return true;
            }
        }
        from = p + 2;
    }
}

size_t find_start_tag(std::string_view xml, std::string_view qname, size_t from) {
    while (true) {
        size_t p = xml.find(qname, from);
        if (p == std::string_view::npos || p == 0) return std::string_view::npos;
        size_t end = p + qname.size();
        char after = end < xml.size() ? xml[end] : '\0';
        if (xml[p - 1] == '<' && (after == '>' || after == '/' || is_space(after))) return p - 1;
        from = p + 1;
    }
}

size_t find_bytes(std::string_view hay, std::string_view needle, size_t from) {
    if (from > hay.size()) return std::string_view::npos;
    const void* hit = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
    return hit ? size_t(static_cast<const char*>(hit) - hay.data()) : std::string_view::npos;
}

std::string root_prefix(std::string_view xml) {
    size_t i = 0;
    while (true) {
        i = xml.find('<', i);
        if (i == std::string_view::npos || i + 1 >= xml.size()) return "";
        char c = xml[i + 1];
        if (c != '?' && c != '!') break;
        ++i;
    }
    size_t e = i + 1;
    while (e < xml.size() && !is_space(xml[e]) && xml[e] != '>' && xml[e] != '/') ++e;
    std::string_view q = xml.substr(i + 1, e - i - 1);
    auto colon = q.find(':');
    return colon == std::string_view::npos ? "" : std::string(q.substr(0, colon + 1));
}

}  // namespace sp::xlsx
