// fuzz_parts.h — the "parts" text form of an xlsx package used by the fuzz corpus, and the
// stored (uncompressed) zip the harness builds from it. The text is a list of parts, each
// introduced by a line "@@ <part name>" and followed by the part's bytes up to the next
// such line (the newline before "@@" belongs to the separator). Text before the first
// "@@ " line is ignored. seed_corpus.py writes this form from real workbooks.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libdeflate.h>

namespace sp::fuzz {

inline std::vector<std::pair<std::string, std::string>> split_parts(std::string_view in) {
    std::vector<std::pair<std::string, std::string>> parts;
    size_t pos = in.rfind("@@ ", 0) == 0 ? 0 : in.find("\n@@ ");
    if (pos == std::string_view::npos) return parts;
    if (pos != 0) ++pos;
    while (pos < in.size()) {
        size_t eol = in.find('\n', pos);
        if (eol == std::string_view::npos) eol = in.size();
        std::string name(in.substr(pos + 3, eol - pos - 3));
        size_t next = eol < in.size() ? in.find("\n@@ ", eol) : std::string_view::npos;
        size_t body = std::min(eol + 1, in.size());
        size_t end = next == std::string_view::npos ? in.size() : next;
        parts.emplace_back(std::move(name), std::string(in.substr(body, end > body ? end - body : 0)));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return parts;
}

inline void put16(std::string& s, uint32_t v) { s.push_back(char(v)); s.push_back(char(v >> 8)); }
inline void put32(std::string& s, uint32_t v) { put16(s, v & 0xFFFF); put16(s, v >> 16); }

// A zip archive of the parts, stored without compression.
inline std::string zip_parts(std::string_view text) {
    std::string out, central;
    auto parts = split_parts(text);
    for (const auto& [name, data] : parts) {
        uint32_t crc = libdeflate_crc32(0, data.data(), data.size());
        uint32_t offset = uint32_t(out.size());
        put32(out, 0x04034b50); put16(out, 20); put16(out, 0); put16(out, 0);  // version, flags, stored
        put16(out, 0); put16(out, 0x21);                                        // time, date
        put32(out, crc); put32(out, uint32_t(data.size())); put32(out, uint32_t(data.size()));
        put16(out, uint32_t(name.size())); put16(out, 0);
        out += name;
        out += data;
        put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0); put16(central, 0);
        put16(central, 0); put16(central, 0x21);
        put32(central, crc); put32(central, uint32_t(data.size())); put32(central, uint32_t(data.size()));
        put16(central, uint32_t(name.size())); put16(central, 0); put16(central, 0);
        put16(central, 0); put16(central, 0); put32(central, 0); put32(central, offset);
        central += name;
    }
    uint32_t cd_offset = uint32_t(out.size());
    out += central;
    put32(out, 0x06054b50); put16(out, 0); put16(out, 0);
    put16(out, uint32_t(parts.size())); put16(out, uint32_t(parts.size()));
    put32(out, uint32_t(central.size())); put32(out, cd_offset); put16(out, 0);
    return out;
}

}  // namespace sp::fuzz
