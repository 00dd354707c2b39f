// xml_util.cpp — see xml_util.h.
#include "xlsx/xml_util.h"

#include <charconv>
#include <cstring>

#include "xlsx/error.h"

namespace sp::xlsx {

void reject_doctype(std::string_view xml, const std::string& file, const std::string& part) {
    // Walk the prolog: BOM, whitespace, <?…?>, <!--…-->; stop at the root element.
    size_t i = 0;
    if (xml.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < xml.size()) {
        char c = xml[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { ++i; continue; }
        if (c != '<') return;
        std::string_view rest = xml.substr(i);
        if (rest.substr(0, 2) == "<?") {
            size_t e = xml.find("?>", i + 2);
            if (e == std::string_view::npos) return;
            i = e + 2;
        } else if (rest.substr(0, 4) == "<!--") {
            size_t e = xml.find("-->", i + 4);
            if (e == std::string_view::npos) return;
            i = e + 3;
        } else if (rest.substr(0, 2) == "<!") {
            throw Error(file, part, "", msg::Message{"xlsx.doctype", {}});
        } else {
            return;
        }
    }
}

std::string line_col(std::string_view text, size_t offset) {
    if (offset > text.size()) offset = text.size();
    size_t line = 1, col = 1;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') { ++line; col = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

void parse_part(pugi::xml_document& doc, char* buf, size_t n, const std::string& file, const std::string& part) {
    reject_doctype(std::string_view(buf, n), file, part);
    // Keep a copy of the text only if parsing fails (the in-place parse overwrites it).
    pugi::xml_parse_result r = doc.load_buffer_inplace(buf, n, pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                       pugi::encoding_auto);
    if (!r) {
        // The in-place parse overwrote some bytes with NULs, but not the newlines: the line is right.
        throw Error(file, part, "", msg::Message{"xlsx.malformed_xml", {line_col(std::string_view(buf, n), size_t(r.offset)), r.description()}});
    }
}

pugi::xml_node child_local(pugi::xml_node parent, std::string_view name) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
    return {};
}

const char* attr_local(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
        if (local_name(a.name()) == name) return a.value();
    return nullptr;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
    }
}

// Is s[i..] an "_xHHHH_" escape? Returns the code unit or -1.
static int x_escape_at(std::string_view s, size_t i) {
    if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
    int v = 0;
    for (size_t k = i + 2; k < i + 6; ++k) {
        int h = hexval(s[k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

std::string decode_x_escapes(std::string_view s) {
    if (s.find("_x") == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        int u = s[i] == '_' ? x_escape_at(s, i) : -1;
        if (u < 0) { out += s[i++]; continue; }
        i += 7;
        uint32_t cp = uint32_t(u);
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // high surrogate: join with a following low one
            int lo = x_escape_at(s, i);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t(lo) - 0xDC00);
                i += 7;
            }
        }
        append_utf8(out, cp);
    }
    return out;
}

std::string decode_entities(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        if (s[i] != '&') { out += s[i++]; continue; }
        size_t semi = s.find(';', i);
        if (semi == std::string_view::npos) { out += s[i++]; continue; }
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "quot") out += '"';
        else if (ent == "apos") out += '\'';
        else if (!ent.empty() && ent[0] == '#') {
            uint32_t cp = 0;
            bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
            auto digits = ent.substr(hex ? 2 : 1);
            auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
            if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) { out += s[i++]; continue; }
            append_utf8(out, cp);
        } else { out += s[i++]; continue; }
        i = semi + 1;
    }
    return out;
}

void append_text(std::string& out, std::string_view s, bool for_attribute) {
    char buf[8];
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;
            case '"': if (for_attribute) { out += "&quot;"; continue; } break;
            case '_':
                // A literal "_x0041_" must not read back as "A": escape its underscore.
                if (x_escape_at(s, i) >= 0) { out += "_x005F_"; continue; }
                break;
            default: break;
        }
        if (c < 0x20 && c != '\t' && c != '\n') {  // not allowed in XML 1.0 (\r would be normalized away)
            std::snprintf(buf, sizeof buf, "_x%04X_", c);
            out += buf;
            continue;
        }
        out += char(c);
    }
}

void append_number(std::string& out, double d) {
    if (d == 0) { out += '0'; return; }  // also -0
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    for (char* p = buf; p < r.ptr; ++p) out += (*p == 'e') ? 'E' : *p;
}

}  // namespace sp::xlsx
