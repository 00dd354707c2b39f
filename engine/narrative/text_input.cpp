// text_input.cpp — decoding: a BOM decides UTF-8/UTF-16; otherwise valid UTF-8 is taken as is and
// anything else is converted from GB18030 (a superset of GBK/GB2312, the usual encoding of these
// files) by iconv; NUL or other control bytes mean binary. A .docx is a zip whose word/document.xml
// paragraphs become the lines (w:tab as a tab, w:br as a line break).
#include "narrative/text_input.h"

#include <cerrno>
#include <fstream>
#include <iconv.h>
#include <memory>
#include <sstream>

#include <pugixml.hpp>

#include "core/messages.h"
#include "xlsx/zip_reader.h"

namespace sp::narrative {
namespace {

bool valid_utf8(const std::string& s, size_t& bad) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned c = p[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + size_t(len) > n) {
            bad = i;
            return false;
        }
        for (int k = 1; k < len; ++k)
            if ((p[i + size_t(k)] & 0xC0) != 0x80) {
                bad = i;
                return false;
            }
        i += size_t(len);
    }
    return true;
}

// iconv from `from` to UTF-8; false when the input is not valid in that encoding.
bool convert(const std::string& in, const char* from, std::string& out, size_t& bad) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == iconv_t(-1)) return false;
    out.assign(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    size_t left = in.size();
    char* dst = out.data();
    size_t room = out.size();
    bool ok = true;
    while (left > 0) {
        size_t r = iconv(cd, &src, &left, &dst, &room);
        if (r == size_t(-1)) {
            if (errno == E2BIG) {
                size_t used = size_t(dst - out.data());
                out.resize(out.size() * 2);
                dst = out.data() + used;
                room = out.size() - used;
                continue;
            }
            ok = false;
            bad = in.size() - left;
            break;
        }
    }
    iconv_close(cd);
    out.resize(size_t(dst - out.data()));
    return ok;
}

int line_at(const std::string& s, size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos && i < s.size(); ++i)
        if (s[i] == '\n') ++line;
    return line;
}

void split_lines(const std::string& s, TextInput& t) {
    int n = 0;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        std::string line = s.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        t.lines.push_back({++n, std::move(line)});
        if (end == s.size()) break;
        start = end + 1;
    }
}

void collect(const pugi::xml_node& n, std::string& out) {
    for (pugi::xml_node c : n.children()) {
        std::string name = c.name();
        if (name == "w:t") out += c.text().get();
        else if (name == "w:tab") out += '\t';
        else if (name == "w:br" || name == "w:cr") out += ' ';
        else if (name != "w:rPr" && name != "w:pPr") collect(c, out);
    }
}

TextInput read_docx(const std::string& name, std::string bytes) {
    TextInput t;
    t.file = name;
    t.encoding = "docx";
    auto data = std::make_shared<const std::string>(std::move(bytes));
    std::string xml;
    try {
        xlsx::ZipReader zip(data, name);
        const xlsx::ZipEntry* e = zip.find("word/document.xml");
        if (!e) throw TextError(msg::text("narrative.bad_docx", {name, "no word/document.xml"}));
        xml = std::string(zip.inflate(*e).view());
    } catch (const TextError&) {
        throw;
    } catch (const std::exception& e) {
        throw TextError(msg::text("narrative.bad_docx", {name, e.what()}));
    }
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size()))
        throw TextError(msg::text("narrative.bad_docx", {name, "word/document.xml is not XML"}));
    int n = 0;
    for (pugi::xpath_node p : doc.select_nodes("//w:p")) {
        std::string line;
        collect(p.node(), line);
        t.lines.push_back({++n, line});
    }
    return t;
}

}  // namespace

TextInput read_text_bytes(const std::string& name, std::string bytes) {
    bool docx_name = name.size() > 5 && name.compare(name.size() - 5, 5, ".docx") == 0;
    if (bytes.compare(0, 4, "PK\x03\x04") == 0 || docx_name) {
        if (bytes.compare(0, 4, "PK\x03\x04") != 0)
            throw TextError(msg::text("narrative.bad_docx", {name, "not a zip archive"}));
        TextInput t = read_docx(name, std::move(bytes));
        bool any = false;
        for (auto& l : t.lines)
            if (l.text.find_first_not_of(" \t") != std::string::npos) any = true;
        if (!any) throw TextError(msg::text("narrative.empty_text", {name}));
        return t;
    }
    TextInput t;
    t.file = name;
    std::string text;
    if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text = bytes.substr(3);
        t.encoding = "UTF-8";
    } else if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0) {
        bool le = bytes[0] == '\xFF';
        size_t bad = 0;
        if (!convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", text, bad))
            throw TextError(msg::text("narrative.bad_encoding", {name, std::to_string(line_at(bytes, bad))}));
        t.encoding = le ? "UTF-16LE" : "UTF-16BE";
    } else {
        text = std::move(bytes);
        t.encoding = "UTF-8";
    }
    // Binary: NUL or control bytes other than tab, newlines, form feed.
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
            throw TextError(msg::text("narrative.binary_text", {name, std::to_string(i)}));
    }
    size_t bad = 0;
    if (t.encoding == "UTF-8" && !valid_utf8(text, bad)) {
        std::string out;
        size_t bad2 = 0;
        if (!convert(text, "GB18030", out, bad2))
            throw TextError(msg::text("narrative.bad_encoding", {name, std::to_string(line_at(text, bad2))}));
        text = std::move(out);
        t.encoding = "GB18030";
    }
    if (text.find_first_not_of(" \t\r\n\f") == std::string::npos) throw TextError(msg::text("narrative.empty_text", {name}));
    split_lines(text, t);
    return t;
}

TextInput read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TextError("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return read_text_bytes(path, ss.str());
}

}  // namespace sp::narrative
