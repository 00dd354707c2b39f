// xml_scan.h — a forward scanner over well-formed XML text, for the writers: it finds
// start tags, their attributes and the end of their element as byte offsets, so that a
// part can be patched by splicing text while every other byte stays as it was.
// It assumes what OOXML guarantees: no DOCTYPE, and that the elements it is asked to
// skip over (c, f, v, is, row, Relationship…) do not contain elements of the same name.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sp::xlsx {

struct XmlAttr {
    std::string_view name, value;  // value raw (entities not decoded)
    size_t begin = 0, end = 0;     // the whitespace before the name .. after the closing quote
};

struct XmlTag {
    static constexpr int kMaxAttrs = 24;
    size_t begin = 0;        // '<'
    size_t open_end = 0;     // just after the start tag's '>'
    size_t end = 0;          // just after the element (after "/>" or "</name>"); set by find_end
    size_t content_end = 0;  // where "</name>" starts (== open_end when self-closing)
    std::string_view qname;
    bool self_closing = false;
    XmlAttr attrs[kMaxAttrs];
    int nattrs = 0;
    std::string_view local() const {
        auto c = qname.find(':');
        return c == std::string_view::npos ? qname : qname.substr(c + 1);
    }
    const XmlAttr* attr(std::string_view name) const {
        for (int i = 0; i < nattrs; ++i)
            if (attrs[i].name == name) return &attrs[i];
        return nullptr;
    }
    std::string_view attr_value(std::string_view name) const {
        const XmlAttr* a = attr(name);
        return a ? a->value : std::string_view();
    }
};

// Reads the next start tag at or after pos, skipping text, end tags, comments, PIs and
// CDATA; stops (returns false) at `limit` or at the end. On success pos = tag.open_end.
bool next_start_tag(std::string_view xml, size_t& pos, size_t limit, XmlTag& tag);
// Sets tag.end and tag.content_end. False when the element is not closed.
bool find_end(std::string_view xml, XmlTag& tag);

// "<pfx:name" start tag at or after `from` (qname includes the prefix); npos when absent.
size_t find_start_tag(std::string_view xml, std::string_view qname, size_t from);
// needle's first occurrence at or after `from` (npos when absent), by memmem: for a needle
// starting with '<', std::string_view::find stops and compares at every tag of the text.
size_t find_bytes(std::string_view hay, std::string_view needle, size_t from);
// The namespace prefix of the root element, with its colon ("x:"), usually "".
std::string root_prefix(std::string_view xml);

}  // namespace sp::xlsx
